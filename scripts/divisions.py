#!/usr/bin/env python3
"""Makes src/model/divisions.txt, the built-in table of China's administrative
divisions that model::places reads, from ../shared/data/divisions (the
国家统计局's 2023年统计用区划代码, cut-off 2023-06-30, as compiled into CSV by
modood/Administrative-divisions-of-China, WTFPL).

    python3 scripts/divisions.py [DIVISIONS_DIR] > src/model/divisions.txt

One line per division, in tree order, the level first:
  P name          a province, autonomous region or municipality
  C name          a city under the last P (`C -`: the placeholder rows
                  市辖区/县/省直辖县级行政区划, whose counties belong to the
                  province directly)
  A name t1 t2 …  a county or district under the last C, with its townships;
                  a township's ending is one letter: z 镇, j 街道, x 乡, s 苏木
                  (other township-level units, 农场 and the like, are left out)
A name is `full|short` where its short form (恩施土家族苗族自治州|恩施,
浦东新区|浦东) is not the name without its last character (张店区: 张店);
a name whose short form would have one character has none.
"""
import csv
import os
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "data", "divisions")
ENDS = [("街道", "j"), ("苏木", "s"), ("镇", "z"), ("乡", "x")]
# Endings stripped for a short form (张店区 → 张店), longest first.
ENDINGS = ["自治区", "自治州", "自治县", "自治旗", "特别行政区", "新区", "地区", "林区", "特区",
           "省", "市", "区", "县", "州", "旗", "盟"]
# The peoples named in autonomous divisions' names, cut off a short form too
# (恩施土家族苗族自治州 → 恩施).
PEOPLES = "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各".split()
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def rows(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def short(name):
    """The short form of a division's name, or None (under two characters)."""
    for end in ENDINGS:
        if name.endswith(end):
            stem = name[: -len(end)]
            if end.startswith("自治"):
                cut = min((stem.find(p + "族") for p in PEOPLES if stem.find(p + "族") > 0), default=-1)
                stem = stem[:cut] if cut > 0 else stem
            return stem if len(stem) >= 2 and stem != name else None
    return None


def named(name):
    """A division as written in the table: `name`, or `name|short` when the
    short form is not the name without a one-character ending."""
    s = short(name)
    if s is None or (len(name) == len(s) + 1):
        return name
    return f"{name}|{s}"


def township(name):
    for end, letter in ENDS:
        if name.endswith(end) and len(name) > len(end):
            return name[: -len(end)] + letter
    return None


def main():
    provinces = rows("provinces.csv")
    cities = rows("cities.csv")
    areas = rows("areas.csv")
    streets = rows("streets.csv")
    towns = {}
    for s in streets:
        t = township(s["name"])
        if t and " " not in t:
            towns.setdefault(s["areaCode"], []).append(t)
    out = sys.stdout
    out.write("# China's administrative divisions: 国家统计局 2023年统计用区划代码 (cut-off 2023-06-30),\n")
    out.write("# via modood/Administrative-divisions-of-China (WTFPL). Made by scripts/divisions.py; do not edit.\n")
    for p in provinces:
        out.write(f"P {named(p['name'])}\n")
        for c in (c for c in cities if c["provinceCode"] == p["code"]):
            name = "-" if c["name"] in PLACEHOLDERS else named(c["name"])
            out.write(f"C {name}\n")
            for a in (a for a in areas if a["cityCode"] == c["code"]):
                if a["name"] in PLACEHOLDERS:
                    continue
                line = " ".join([named(a["name"])] + towns.get(a["code"], []))
                out.write(f"A {line}\n")


main()
