#!/usr/bin/env bash
# Rebuild the bundled fonts in this directory from Debian bookworm packages.
# 从 Debian bookworm 软件包重新生成本目录中的字体文件与许可证文件。
#
# Usage / 用法:
#   fonts/build-fonts.sh            # packages must already be installed
#   fonts/build-fonts.sh --install  # also runs apt-get install (needs root)
#
# Outputs (all in the directory of this script) / 输出:
#   NotoSerifSC-Bold-subset.otf     标题 title       (subset of Noto Serif CJK SC Bold)
#   FandolFang-Regular-subset.otf   正文 body/仿宋   (subset of FandolFang Regular)
#   NotoSansSC-Regular-subset.otf   黑体 headings    (subset of Noto Sans CJK SC Regular)
#   WenKaiGB-Regular-subset.ttf     楷体 headings    (subset of LXGW WenKai, renamed)
#   NotoSerifSC-Regular-subset.otf  宋体 the page numbers' digits and every character FandolFang
#                                   lacks (subset of Noto Serif CJK SC Regular)
#   charset.txt                     the code points kept (one U+XXXX a line)
#
# Every face is cut down to the same character set (section 2): GB 2312,
# 通用规范汉字表 (8105 characters, from Unicode's Unihan data in the Debian
# package unicode-data), the symbol blocks government text uses and
# extra-chars.txt. The program compiles these files into its binary (cargo
# feature embed-fonts).
#   OFL-NotoCJK.txt  OFL-WenKaiGB.txt  LICENSE-FandolFang.txt  README.md
#
# The result is deterministic for a given set of package versions: fontTools'
# subsetter does not touch head.modified unless asked to (--recalc-timestamp),
# and the steps below that save a font with fontTools keep it too
# (recalcTimestamp=False); everything else is copied or generated from fixed inputs.
set -euo pipefail
export LC_ALL=C.UTF-8

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE"

# Debian's python3-fonttools lives in /usr/lib/python3/dist-packages, so use the
# system interpreter (a pyenv/venv python3 on PATH would not see it).
# pyftsubset == `python3 -m fontTools.subset` (the /usr/bin/pyftsubset wrapper is
# in the separate Debian package `fonttools`).
PY=/usr/bin/python3

PKGS=(fonts-noto-cjk texlive-lang-chinese fonts-lxgw-wenkai python3-fonttools fontconfig unicode-data)
# Versions the committed files were built from. Other versions still work but
# give different bytes (the script warns).
declare -A EXPECTED=(
  [fonts-noto-cjk]="1:20220127+repack1-1"
  [texlive-lang-chinese]="2022.20230122-1"
  [fonts-lxgw-wenkai]="1.250+repack-1"
  [python3-fonttools]="4.38.0-1+deb12u1"
  [unicode-data]="15.0.0-1"
)

if [[ "${1:-}" == "--install" ]]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    fonts-noto-cjk fonts-lxgw-wenkai python3-fonttools fontconfig unicode-data
  # Fandol fonts (FandolFang) come with TeX Live's Chinese collection.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    texlive-lang-chinese
fi

for p in "${PKGS[@]}"; do
  if ! v="$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null)" || [[ -z "$v" ]]; then
    echo "error: Debian package $p is not installed (run with --install)" >&2
    exit 1
  fi
  if [[ -n "${EXPECTED[$p]:-}" && "$v" != "${EXPECTED[$p]}" ]]; then
    echo "warning: $p is $v, committed files were built from ${EXPECTED[$p]}" >&2
  fi
done

NOTO_SERIF_TTC=/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc
NOTO_SERIF_REGULAR_TTC=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
NOTO_SANS_TTC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
FANDOL_DIR=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
FANDOL_OTF=$FANDOL_DIR/FandolFang-Regular.otf
FANDOL_README=/usr/share/doc/texlive-doc/fonts/fandol/README
FANDOL_COPYING=/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz
LXGW_TTF=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
NOTO_COPYRIGHT=/usr/share/doc/fonts-noto-cjk/copyright
LXGW_COPYRIGHT=/usr/share/doc/fonts-lxgw-wenkai/copyright
# Unicode Character Database 15.0.0 (package unicode-data)
UNIHAN_OTHER=/usr/share/unicode/Unihan_OtherMappings.txt.bz2
UCD_BLOCKS=/usr/share/unicode/Blocks.txt
UCD_PROPLIST=/usr/share/unicode/PropList.txt

# Face index of Simplified Chinese inside the Noto CJK collections
# (order in both files: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK). Checked below.
SC_INDEX=2

OUTPUTS=(NotoSerifSC-Bold-subset.otf FandolFang-Regular-subset.otf
         NotoSansSC-Regular-subset.otf WenKaiGB-Regular-subset.ttf
         NotoSerifSC-Regular-subset.otf OFL-NotoCJK.txt OFL-WenKaiGB.txt LICENSE-FandolFang.txt README.md
         charset.txt
         # written by earlier versions of this script (whole faces)
         FandolFang-Regular.otf LXGWWenKai-Regular.ttf OFL-LXGWWenKai.txt
         NotoSerifSC-Regular-digits.otf)
for f in "${OUTPUTS[@]}"; do rm -f "$OUT/$f"; done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- 1. check the SC face index --------------------------------------------
"$PY" - "$SC_INDEX" "$NOTO_SERIF_TTC" NotoSerifCJKsc-Bold "$NOTO_SANS_TTC" NotoSansCJKsc-Regular \
  "$NOTO_SERIF_REGULAR_TTC" NotoSerifCJKsc-Regular <<'EOF'
import sys
from fontTools.ttLib import TTCollection
idx = int(sys.argv[1])
for path, want in zip(sys.argv[2::2], sys.argv[3::2]):
    got = TTCollection(path, lazy=True).fonts[idx]["name"].getDebugName(6)
    if got != want:
        sys.exit(f"{path}: face {idx} is {got}, expected {want}")
    print(f"{path}: face {idx} = {got}")
EOF

# --- 2. character set (the same for all four faces) -------------------------
# a) every character of GB 2312 (6763 hanzi + 682 symbols, incl. kana, Greek,
#    Cyrillic, pinyin, box drawing), computed by decoding rows 0xA1-0xF7 with
#    Python's gb2312 codec: 7445 characters;
# b) whole symbol blocks:
#    U+0020-007E ASCII          U+00A0-00FF Latin-1        U+2000-206F general punctuation
#    U+2100-214F letterlike     U+2150-218F number forms   U+2190-21FF arrows
#    U+2200-22FF math operators U+2460-24FF enclosed alnum U+2500-257F box drawing
#    U+25A0-25FF geometric      U+2600-26FF misc symbols   U+2700-27BF dingbats (✓ ✔ ✕)
#    U+20A0-20CF currency (€)
#    U+3000-303F CJK symbols & punctuation                 U+30FB katakana middle dot
#    U+3200-32FF enclosed CJK   U+3380-33DF squared units (㎡ ㎏ ㎞ ㏄)
#    U+FE30-FE4F CJK compatibility forms
#    U+FE50-FE6F small form variants                       U+FF00-FFEF half-/full-width forms
# c) 通用规范汉字表 (国务院 国发〔2013〕23号, 8105 hanzi: 一级 1-3500, 二级
#    3501-6500, 三级 6501-8105), read from the Unihan field kTGH ("2013:NNNN",
#    NNNN = the character's number in the table) of the Unicode Character
#    Database 15.0.0 in Debian's unicode-data ($UNIHAN_OTHER). Checked: 8105
#    distinct characters numbered 1..8105 once each, all CJK Unified Ideographs
#    (Unified_Ideograph in a "CJK Unified Ideographs" block); 1467 of them are
#    not in GB 2312, 196 lie above U+FFFF (Extensions B-F: the faces get a
#    format 12 cmap). FandolFang has none of the 1467; the Noto and WenKai
#    faces have all 8105 (checked in section 6);
# d) every CJK Unified Ideograph FandolFang itself draws (issue 62: 1179 of
#    them are neither GB 2312 nor 通用规范汉字表, traditional forms such as
#    國 學 誠), so that 仿宋 text with a traditional or variant form prints
#    in 仿宋 and not from a fallback face;
# e) fonts/extra-chars.txt: other characters that appear in the examples,
#    seeds and test fixtures of this repository (鬱 ..., the rare forms of the
#    hard-text fixtures: 𠮷 黃 眞, which body text takes from the 宋体 face).
# Hanzi outside this set (beyond GB 2312 and 通用规范汉字表, e.g. 龘) are not
# bundled: the program falls back per character to an installed font and
# warns (GLYPH) when none has it.
UNICODE_BLOCKS="U+0020-007E,U+00A0-00FF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+3000-303F,U+30FB,U+3200-32FF,U+3380-33DF,U+FE30-FE4F,U+FE50-FE6F,U+FF00-FFEF"
"$PY" - "$HERE/extra-chars.txt" "$UNIHAN_OTHER" "$UCD_BLOCKS" "$UCD_PROPLIST" "$TMP/tygf.txt" \
  "$FANDOL_OTF" > "$TMP/charset.txt" <<'EOF'
import bz2, re, sys
from fontTools.ttLib import TTFont
extra_path, unihan, blocks_txt, proplist_txt, tygf_out, fandol = sys.argv[1:]
cps = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([b1, b2]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
assert len(cps) == 7445, len(cps)

# 通用规范汉字表: lines "U+XXXX<TAB>kTGH<TAB>2013:NNNN" of Unihan_OtherMappings.txt.
number = {}  # number in the table -> code point
with bz2.open(unihan, "rt", encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cp, field, value = line.rstrip("\n").split("\t")
        if field != "kTGH":
            continue
        for v in value.split():
            m = re.fullmatch(r"2013:([1-9][0-9]*)", v)
            assert m, line
            n = int(m.group(1))
            assert n not in number, f"number {n} given twice: {line}"
            number[n] = int(cp[2:], 16)
assert sorted(number) == list(range(1, 8106)), (len(number), min(number), max(number))
tygf = [number[n] for n in range(1, 8106)]
assert len(set(tygf)) == 8105, len(set(tygf))

def ranges(path, want):  # UCD "XXXX..YYYY ; value" lines whose value satisfies want
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if not line:
            continue
        r, value = (x.strip() for x in line.split(";"))
        a, _, b = r.partition("..")
        if want(value):
            out.append((int(a, 16), int(b or a, 16)))
    return out
cjk_blocks = ranges(blocks_txt, lambda v: v.startswith("CJK Unified Ideographs"))
unified = ranges(proplist_txt, lambda v: v == "Unified_Ideograph")
inside = lambda c, rs: any(a <= c <= b for a, b in rs)
bad = [c for c in tygf if not (inside(c, cjk_blocks) and inside(c, unified))]
assert not bad, "not CJK Unified Ideographs: " + " ".join("U+%04X" % c for c in bad)
assert len(set(tygf) - cps) == 1467, len(set(tygf) - cps)
assert sum(c > 0xFFFF for c in tygf) == 196, sum(c > 0xFFFF for c in tygf)
with open(tygf_out, "w", encoding="utf-8") as f:
    f.write("".join(chr(c) + "\n" for c in tygf))

fang = {c for c in TTFont(fandol).getBestCmap()
        if inside(c, cjk_blocks) and inside(c, unified)}
assert len(fang - cps - set(tygf)) == 1179, len(fang - cps - set(tygf))
extra = {ord(c) for c in open(extra_path, encoding="utf-8").read() if not c.isspace()}
print(",".join("U+%04X" % c for c in sorted(cps | set(tygf) | fang | extra)))
EOF
UNICODES="$UNICODE_BLOCKS,$(cat "$TMP/charset.txt")"

# --- 3. subset every face ---------------------------------------------------
# --font-number picks the face out of a .ttc. No layout features: we do no
# shaping, and keeping GSUB ('locl', 'aalt', 'vert', ...) doubles the size
# because it drags in the JP/KR/TC glyph variants. hmtx and the Unicode cmap
# are always kept by the subsetter.
# The CFF faces also get (CFF_OPTS):
# --no-hinting: no hstem/vstem/hintmask in the charstrings. Hints only snap
# stems to the pixel grid at screen sizes; they make up 5-15 % of every glyph
# embedded in a PDF. (WenKai is TrueType without instructions: nothing to drop.)
# --desubroutinize: every charstring self-contained. The Noto faces get
# smaller (their subroutines mostly held hints), and a PDF's subset no longer
# carries the faces' subroutine INDEXes (thousands of empty entries).
CFF_OPTS=(--no-hinting --desubroutinize)
subset() {  # $1 = font file, $2 = face number, $3 = output path, $4... = more options
  "$PY" -m fontTools.subset "$1" \
    --font-number="$2" \
    --unicodes="$UNICODES" \
    --layout-features='' \
    --name-IDs='*' \
    --name-languages='*' \
    --notdef-outline \
    --output-file="$3" \
    "${@:4}"
}
subset "$NOTO_SERIF_TTC" "$SC_INDEX" "$OUT/NotoSerifSC-Bold-subset.otf" "${CFF_OPTS[@]}"
subset "$NOTO_SANS_TTC"  "$SC_INDEX" "$OUT/NotoSansSC-Regular-subset.otf" "${CFF_OPTS[@]}"
# FandolFang: GPL v3 + font exception. The GPL allows modified versions
# (subsetting); the exception is extended to this version (LICENSE-FandolFang.txt).
subset "$FANDOL_OTF" 0 "$TMP/fandol.otf" "${CFF_OPTS[@]}"

# --- 3b. FandolFang: near-straight curves as lines --------------------------
# FandolFang's outlines are traced: more than half of its cubic curves
# (371,575 of 657,062) are straight to within a font unit, and a curve takes 6 numbers where a line
# takes 2. A curve that stays within 1 unit (1/1000 em: 0.016 pt at 3号, an
# eighth of a pixel at 600 dpi) of its chord, with both control points projecting onto
# the chord, is written as a line. Nothing else changes: same on-curve
# points, same advance widths. Each PDF's FandolFang program gets ~25 % smaller.
"$PY" - "$TMP/fandol.otf" "$OUT/FandolFang-Regular-subset.otf" <<'EOF'
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.basePen import BasePen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen

TOL = 1.0  # font units

def straight(p0, p1, p2, p3):
    """True when the cubic p0..p3 stays within TOL of the segment p0-p3."""
    dx, dy = p3[0] - p0[0], p3[1] - p0[1]
    l2 = dx * dx + dy * dy
    if l2 == 0:
        return False
    d = []
    for q in (p1, p2):
        t = ((q[0] - p0[0]) * dx + (q[1] - p0[1]) * dy) / l2
        if not 0 <= t <= 1:
            return False
        d.append((dx * (q[1] - p0[1]) - dy * (q[0] - p0[0])) / l2 ** 0.5)
    # Distance from the chord along the curve, f(t) = 3(1-t)^2 t d1 +
    # 3(1-t) t^2 d2, is largest where f'(t) = 0: a t^2 + b t + c = 0.
    f = lambda t: 3 * (1 - t) ** 2 * t * d[0] + 3 * (1 - t) * t * t * d[1]
    a, b, c = 3 * (d[0] - d[1]), 2 * (d[1] - 2 * d[0]), d[0]
    if a == 0:
        ts = [-c / b] if b else []
    else:
        disc = b * b - 4 * a * c
        ts = [(-b + s * disc ** 0.5) / (2 * a) for s in (1, -1)] if disc >= 0 else []
    return all(abs(f(t)) <= TOL for t in ts if 0 < t < 1)

class Flatten(BasePen):
    def __init__(self, out):
        super().__init__(None)
        self.out, self.cur = out, None
    def _moveTo(self, p):
        self.out.moveTo(p)
        self.cur = p
    def _lineTo(self, p):
        self.out.lineTo(p)
        self.cur = p
    def _curveToOne(self, a, b, p):
        if straight(self.cur, a, b, p):
            self.out.lineTo(p)
        else:
            self.out.curveTo(a, b, p)
        self.cur = p
    def _closePath(self):
        self.out.closePath()
    def _endPath(self):
        self.out.endPath()

def bounds(glyph):
    pen = BoundsPen(None)
    glyph.draw(pen)
    return pen.bounds

# recalcTimestamp=False: head.modified stays as in the original (deterministic).
font = TTFont(sys.argv[1], recalcTimestamp=False)
cff = font["CFF "].cff
top = cff[0]
cs = top.CharStrings
assert not cff.GlobalSubrs, "expected a desubroutinized font"
before = {name: bounds(cs[name]) for name in cs.keys()}
for name in cs.keys():
    glyph, sel = cs.getItemAndSelector(name)
    private = top.FDArray[sel].Private if sel is not None else top.Private
    adv = font["hmtx"][name][0]
    # A charstring stores its width relative to nominalWidthX, or nothing
    # when it equals defaultWidthX.
    width = None if adv == private.defaultWidthX else adv - private.nominalWidthX
    pen = T2CharStringPen(width, None)
    glyph.draw(Flatten(pen))
    cs[name] = pen.getCharString(private=private, globalSubrs=cff.GlobalSubrs)
font.save(sys.argv[2])

# Check: every width as in hmtx, every glyph's box within TOL of the original.
font = TTFont(sys.argv[2])
cs = font["CFF "].cff[0].CharStrings
for name in cs.keys():
    after = bounds(cs[name])
    assert cs[name].width == font["hmtx"][name][0], (name, cs[name].width)
    assert (before[name] is None) == (after is None), name
    if after is not None:
        assert max(abs(x - y) for x, y in zip(before[name], after)) <= TOL, name
EOF
# LXGW WenKai: OFL with Reserved Font Names "霞鹜" and "LXGW". A subset is a
# Modified Version, so it must not use those names: renamed in section 4.
subset "$LXGW_TTF" 0 "$TMP/wenkai.ttf"
# 宋体, Noto Serif CJK SC Regular: the page numbers' half-width Arabic
# digits (GB/T 9704 7.5, 4号; the dashes around the number are set in the
# body face), and the one face body text takes every character FandolFang
# lacks from (issue 77.4: the 1,467 通用规范汉字表 characters outside GB 2312,
# common in names — 喆 堃 犇 玥 珺 — and the rare forms of the set), so a
# name is printed in one face and never half in 楷体; also 鬱 and ￥, which
# FandolFang misdraws (section 7 of README.md).
"$PY" - "$OUT/NotoSerifSC-Bold-subset.otf" "$OUT/FandolFang-Regular-subset.otf" \
  > "$TMP/song.txt" <<'EOF'
import sys
from fontTools.ttLib import TTFont
whole = set(TTFont(sys.argv[1]).getBestCmap())
fang = set(TTFont(sys.argv[2]).getBestCmap())
keep = (whole - fang) | set(range(0x30, 0x3A)) | {0x9B31, 0xFFE5}
print(",".join("U+%04X" % c for c in sorted(keep)))
EOF
UNICODES="$(cat "$TMP/song.txt")" subset "$NOTO_SERIF_REGULAR_TTC" "$SC_INDEX" \
  "$OUT/NotoSerifSC-Regular-subset.otf" "${CFF_OPTS[@]}"

# --- 4. rename the WenKai subset ---------------------------------------------
# Every naming record (family, subfamily, unique id, full name, PostScript
# name, typographic family/subfamily, in every language) is replaced; the
# copyright, designer, URL and license records stay as they are.
"$PY" - "$TMP/wenkai.ttf" "$OUT/WenKaiGB-Regular-subset.ttf" <<'EOF'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1], recalcTimestamp=False)  # keep head.modified: same bytes every run
name = f["name"]
new = {1: "WenKai GB Subset", 2: "Regular", 3: "WenKaiGBSubset-Regular;nianbao",
       4: "WenKai GB Subset Regular", 6: "WenKaiGBSubset-Regular",
       16: "WenKai GB Subset", 17: "Regular"}
zh = {1: "文楷GB子集", 4: "文楷GB子集 Regular", 16: "文楷GB子集"}
keep = []
for rec in name.names:
    if rec.nameID in new:
        is_zh = rec.platformID == 3 and rec.langID in (0x804, 0x404, 0xC04, 0x1004, 0x1404)
        rec.string = zh.get(rec.nameID, new[rec.nameID]) if is_zh else new[rec.nameID]
        keep.append(rec)
    elif rec.nameID in (18, 21, 22, 25):
        continue  # compatible full name, WWS names, variations prefix
    else:
        keep.append(rec)
name.names = keep
for rec in name.names:
    if rec.nameID not in (0, 7, 8, 9, 10, 11, 12, 13, 14):
        s = rec.toUnicode()
        assert "LXGW" not in s and "霞鹜" not in s, (rec.nameID, s)
f.save(sys.argv[2])
EOF
chmod 644 "$OUT"/*.otf "$OUT"/*.ttf
tr ',' '\n' < "$TMP/charset.txt" > "$OUT/charset.txt"

# --- 5. license files -------------------------------------------------------
# Debian copyright files indent license paragraphs by one space and write
# empty lines as " .". This prints the "License: <name>" paragraph as plain text.
deb_license() {  # $1 = copyright file, $2 = license short name
  # Only the stand-alone paragraph (preceded by an empty line) has the text;
  # "License:" lines inside "Files:" paragraphs are skipped.
  awk -v name="$2" '
    $0 == "License: " name && prev == "" { on = 1; next }
    on && !/^ / { exit }
    on { sub(/^ /, ""); if ($0 == ".") $0 = ""; print }
    { prev = $0 }
  ' "$1"
}
name_id() {  # $1 = font file, $2 = name ID (prints the Windows English string)
  "$PY" - "$1" "$2" <<'EOF'
import sys
from fontTools.ttLib import TTFont
rec = TTFont(sys.argv[1], lazy=True)["name"].getName(int(sys.argv[2]), 3, 1, 0x409)
print(rec.toUnicode().replace("\r\n", "\n") if rec else "")
EOF
}

{
  echo "Noto Serif CJK SC Bold / Noto Sans CJK SC Regular / Noto Serif CJK SC Regular"
  echo "(files: NotoSerifSC-Bold-subset.otf, NotoSansSC-Regular-subset.otf,"
  echo "NotoSerifSC-Regular-subset.otf)"
  echo
  echo "Copyright notices from the fonts' name tables (name ID 0):"
  echo "  Noto Serif CJK SC: $(name_id "$OUT/NotoSerifSC-Bold-subset.otf" 0)"
  echo "  Noto Sans CJK SC:  $(name_id "$OUT/NotoSansSC-Regular-subset.otf" 0)"
  echo "  $(name_id "$OUT/NotoSerifSC-Bold-subset.otf" 7)"
  echo
  echo "Debian's copyright file (package fonts-noto-cjk) states:"
  echo "  Copyright: 2010-2012, Google Corporation"
  echo "  License: SIL-1.1 (SIL Open Font License 1.1)"
  echo
  echo "These three files are Modified Versions in the sense of the OFL: the"
  echo "Simplified Chinese face was extracted from the Debian .ttc collections"
  echo "and subsetted with fontTools, without hints and with the subroutines"
  echo "inlined (see README.md and build-fonts.sh). The subsets are"
  echo "distributed under the same license:"
  echo
  deb_license "$NOTO_COPYRIGHT" SIL-1.1
} > "$OUT/OFL-NotoCJK.txt"

{
  echo "WenKai GB Subset Regular (file: WenKaiGB-Regular-subset.ttf)"
  echo
  echo "A Modified Version, in the sense of the OFL, of LXGW WenKai Regular"
  echo "(Debian package fonts-lxgw-wenkai): subsetted with fontTools (see"
  echo "README.md and build-fonts.sh). The original declares the Reserved Font"
  echo "Names \"霞鹜\" and \"LXGW\", so this version is renamed \"WenKai GB Subset\""
  echo "(文楷GB子集) and uses neither name. It is distributed under the same license."
  echo
  echo "Copyright notices from the font's name table (name ID 0):"
  name_id "$OUT/WenKaiGB-Regular-subset.ttf" 0 | sed 's/^/  /'
  echo
  echo "Debian's copyright file (package fonts-lxgw-wenkai) states:"
  awk '/^Files: \*$/ { on = 1 } on && /^$/ { exit } on { print "  " $0 }' "$LXGW_COPYRIGHT"
  echo
  deb_license "$LXGW_COPYRIGHT" OFL-1.1
} > "$OUT/OFL-WenKaiGB.txt"

{
  cat <<'EOF'
FandolFang Regular, subset (file: FandolFang-Regular-subset.otf)
Copyright (C) 2012-2013, the Fandol team (Clerk Ma, Jie Su).
License: GNU General Public License version 3 + GPL font exception.

This file is a modified version of FandolFang-Regular.otf as shipped in the
Debian package texlive-lang-chinese
(/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/): it keeps
only the characters listed in charset.txt and no OpenType layout features,
drops the hints, and draws as lines the curves that stay within 1/1000 em
of a straight line. The modification is made by build-fonts.sh (fontTools)
from the unmodified original, whose source is available from CTAN:
https://www.ctan.org/pkg/fandol and from the Debian source package
texlive-lang (component of the TeX Live distribution).

The GPL font exception below is extended to this modified version: a
document (such as a PDF made by nianbao) that embeds this font or portions
of it is not by itself covered by the GPL.

nianbao compiles this file into its executable as data (cargo feature
embed-fonts, on by default) so that the program is one file. The font stays
a separate work under its own license: the program reads it as font data
only, as it would read a font file beside it, and a build without the
feature (cargo build --no-default-features) contains no font at all.

Corresponding source of this file: this file itself, build-fonts.sh (which
made it) and the unmodified original named above. nianbao's release
archives carry this license and are published with the source archive
nianbao-VERSION-src.tar.gz, which holds fonts/ and fonts/build-fonts.sh;
see "Distribution and licensing" in fonts/README.md.

======================================================================
1. The Fandol README, verbatim
   (/usr/share/doc/texlive-doc/fonts/fandol/README):
======================================================================

EOF
  cat "$FANDOL_README"
  cat <<'EOF'

======================================================================
2. The GPL font exception
======================================================================

The Fandol README states "GPL + GPL font exception" but neither the Fandol
package nor Debian ships the wording of the exception. The wording below is
the standard GPL font exception published by the Free Software Foundation
(https://www.gnu.org/licenses/gpl-faq.html#FontException), which is what
"GPL font exception" refers to:

  As a special exception, if you create a document which uses this font,
  and embed this font or unaltered portions of this font into the
  document, this font does not by itself cause the resulting document to
  be covered by the GNU General Public License. This exception does not
  however invalidate any other reasons why the document might be covered
  by the GNU General Public License. If you modify this font, you may
  extend this exception to your version of the font, but you are not
  obligated to do so. If you do not wish to do so, delete this exception
  statement from your version.

======================================================================
3. GNU General Public License version 3, as shipped with Fandol
   (/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz):
======================================================================

EOF
  zcat "$FANDOL_COPYING"
} > "$OUT/LICENSE-FandolFang.txt"

# --- 6. verify --------------------------------------------------------------
"$PY" - "$OUT" "$TMP/tygf.txt" > "$TMP/report.txt" <<'EOF'
import os, sys
from fontTools.ttLib import TTFont
out = sys.argv[1]
tygf = {ord(c) for c in open(sys.argv[2], encoding="utf-8").read() if not c.isspace()}
files = ["NotoSerifSC-Bold-subset.otf", "FandolFang-Regular-subset.otf",
         "NotoSansSC-Regular-subset.otf", "WenKaiGB-Regular-subset.ttf"]
song = "NotoSerifSC-Regular-subset.otf"
# 龘 is outside the bundled set on purpose; 喆 and 𬌗 (U+2C317) are 通用规范汉字表
# characters outside GB 2312, 𬌗 above U+FFFF.
test = "政府信息公开工作年度报告淄博鬱堃喆𬌗龘“”（）《》、。，；：？！—０１２3456789abcXYZ％·…"
gb = set()
for b1 in range(0xB0, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try: gb.add(ord(bytes([b1, b2]).decode("gb2312")))
        except UnicodeDecodeError: pass
total = 0
for name in files:
    path = os.path.join(out, name)
    f = TTFont(path)
    cmap = f.getBestCmap()
    assert cmap, f"{name}: no Unicode cmap"
    assert "hmtx" in f and len(f["hmtx"].metrics) == f["maxp"].numGlyphs, f"{name}: hmtx"
    fs = f["OS/2"].fsType
    # allowed: 0 (installable), or only bits 3 (editable) / 2 (preview&print), no bit 1 (restricted)
    assert fs & 0x0002 == 0, f"{name}: restricted license embedding (fsType {fs})"
    missing = "".join(c for c in test if ord(c) not in cmap)
    astral = sum(1 for c in cmap if c > 0xFFFF)
    # Code points above U+FFFF are only in a format 12 (or 13) cmap subtable.
    assert not astral or any(t.format in (12, 13) for t in f["cmap"].tables), f"{name}: no format 12 cmap"
    # Section 7 says so in README.md: FandolFang has none of the table's
    # characters outside GB 2312, the other faces have all of them.
    want = 0 if name.startswith("Fandol") else len(tygf - gb)
    if len((tygf - gb) & cmap.keys()) != want:
        print(f"warning: {name} has {len((tygf - gb) & cmap.keys())} of the {len(tygf - gb)} 通用规范汉字表 "
              f"characters outside GB 2312, README.md says {want}", file=sys.stderr)
    size = os.path.getsize(path); total += size
    print(f"{name}: {size} bytes, {f['maxp'].numGlyphs} glyphs, "
          f"outlines={'CFF' if 'CFF ' in f else 'glyf'}, fsType={fs}, "
          f"GB2312 hanzi {len(gb & cmap.keys())}/{len(gb)}, "
          f"通用规范汉字表 {len(tygf & cmap.keys())}/{len(tygf)}, "
          f"URO {sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF)}/20992, "
          f"above U+FFFF {astral}, "
          f"test chars missing: {missing or 'none'}")
    upem = f["head"].unitsPerEm
    adv = lambda c: ("%.2f" % (f["hmtx"][cmap[ord(c)]][0] / upem)) if ord(c) in cmap else "-"
    print("  advance/em: " + " ".join(f"{c}={adv(c)}" for c in "“”‘’—…·、，。（）《》％a0"))
f = TTFont(os.path.join(out, song))
cmap = f.getBestCmap()
fang = TTFont(os.path.join(out, "FandolFang-Regular-subset.otf")).getBestCmap()
assert set(range(0x30, 0x3A)) <= cmap.keys(), f"{song}: digits"
# Every 通用规范汉字表 character the body face lacks is in the 宋体 face.
lacking = tygf - fang.keys() - cmap.keys()
assert not lacking, f"{song}: lacks {len(lacking)} characters FandolFang lacks"
size = os.path.getsize(os.path.join(out, song)); total += size
print(f"{song}: {size} bytes, {f['maxp'].numGlyphs} glyphs, the digits and {len(cmap) - 10} characters "
      f"FandolFang lacks or misdraws, fsType={f['OS/2'].fsType}")
print(f"total: {total} bytes")
assert total < 20_000_000, "font budget (20 MB) exceeded"
EOF
cat "$TMP/report.txt"
for f in NotoSerifSC-Bold-subset.otf FandolFang-Regular-subset.otf NotoSansSC-Regular-subset.otf WenKaiGB-Regular-subset.ttf NotoSerifSC-Regular-subset.otf; do
  fc-scan --format "fc-scan $f: %{family[0]} | %{style[0]} | %{fontformat}\n" "$OUT/$f" | grep . \
    || { echo "fc-scan cannot read $f" >&2; exit 1; }
done
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$OUT/OFL-NotoCJK.txt"
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$OUT/OFL-WenKaiGB.txt"
grep -q "GNU GENERAL PUBLIC LICENSE" "$OUT/LICENSE-FandolFang.txt"
if fc-scan --format '%{family}\n' "$OUT/WenKaiGB-Regular-subset.ttf" | grep -E 'LXGW|霞鹜'; then
  echo "the WenKai subset still carries a Reserved Font Name" >&2; exit 1
fi

# --- 7. README.md -----------------------------------------------------------
ver() { dpkg-query -W -f='${Version}' "$1"; }
row() {  # $1 file
  printf '%s | %s | `%s`' "$(stat -c %s "$OUT/$1")" "$("$PY" -c 'import sys;from fontTools.ttLib import TTFont;print(TTFont(sys.argv[1],lazy=True)["OS/2"].fsType)' "$OUT/$1")" "$(sha256sum "$OUT/$1" | cut -d' ' -f1)"
}
V_NOTO="$(ver fonts-noto-cjk)"; V_TL="$(ver texlive-lang-chinese)"
V_LXGW="$(ver fonts-lxgw-wenkai)"; V_FT="$(ver python3-fonttools)"
V_UD="$(ver unicode-data)"
N_CHARS="$(wc -l < "$OUT/charset.txt")"
cat > "$OUT/README.md" <<EOF
# 随附字体 / Bundled fonts

本目录由 \`build-fonts.sh\` 生成，请勿手工修改（\`extra-chars.txt\` 除外，改后重新运行脚本）。
This directory is generated by \`build-fonts.sh\`; do not edit by hand (except \`extra-chars.txt\`; rerun the script after changing it).

## 中文

nianbao 按 GB/T 9704 排版 PDF，需要四种字体，各司其职，另加页码用的宋体数字。默认构建（cargo 特性 \`embed-fonts\`）把这五个文件编入可执行文件，
程序单独一个文件即可运行；\`fonts/\` 目录、\`--font-dir\` 和 \`--font\` 仍可覆盖内置字体。

| 文件 | 用途 | 来源（Debian 软件包 及 版本） | 许可证 | 处理方式 |
| --- | --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | 标题（代替小标宋） | \`fonts-noto-cjk\` $V_NOTO，\`NotoSerifCJK-Bold.ttc\` 第 $SC_INDEX 号字面（SC） | SIL OFL 1.1，见 \`OFL-NotoCJK.txt\` | 提取 SC 字面并子集化，去掉微调 |
| \`FandolFang-Regular-subset.otf\` | 正文（仿宋） | \`texlive-lang-chinese\` $V_TL，\`fandol/FandolFang-Regular.otf\` | GPL v3 + 字体例外条款（例外条款延及本子集），见 \`LICENSE-FandolFang.txt\` | 子集化，去掉微调，近乎直线的曲线改为直线 |
| \`NotoSansSC-Regular-subset.otf\` | 一级标题（黑体） | \`fonts-noto-cjk\` $V_NOTO，\`NotoSansCJK-Regular.ttc\` 第 $SC_INDEX 号字面（SC） | SIL OFL 1.1，见 \`OFL-NotoCJK.txt\` | 提取 SC 字面并子集化，去掉微调 |
| \`WenKaiGB-Regular-subset.ttf\` | 二级标题（楷体） | \`fonts-lxgw-wenkai\` $V_LXGW，\`LXGWWenKai-Regular.ttf\` | SIL OFL 1.1，见 \`OFL-WenKaiGB.txt\` | 子集化并改名为“WenKai GB Subset / 文楷GB子集” |
| \`NotoSerifSC-Regular-subset.otf\` | 宋体：页码（4 号半角宋体阿拉伯数字，GB/T 9704 7.5），及正文中仿宋没有的字 | \`fonts-noto-cjk\` $V_NOTO，\`NotoSerifCJK-Regular.ttc\` 第 $SC_INDEX 号字面（SC） | SIL OFL 1.1，见 \`OFL-NotoCJK.txt\` | 只保留数字 0–9 和 FandolFang 没有（或画错）的字，去掉微调 |

说明：

- **字符集**（前四个字体相同，共 $N_CHARS 个码位，逐个列在 \`charset.txt\`）：GB 2312 全部 7445 个字符（6763 个汉字及 682 个符号，
  由 Python 的 \`gb2312\` 编解码器逐一解码 A1–F7 区得到）；《通用规范汉字表》（国发〔2013〕23号）全部 8105 字（一级 3500 字、二级 3000 字、
  三级 1605 字），字表取自 Unicode 15.0.0 Unihan 数据库的 kTGH 字段（“2013:序号”，Debian 软件包 \`unicode-data\` $V_UD 中的
  \`Unihan_OtherMappings.txt.bz2\`；脚本核对 8105 个字互不相同、序号 1–8105 各出现一次、全是 CJK 统一汉字），其中 1467 字不在 GB 2312 中，
  196 字在 U+FFFF 以外（扩展 B–F 区）；整块的 ASCII、Latin-1、通用标点 U+2000–206F、字母式符号、数字形式、箭头、
  货币符号（€）、数学运算符、带圈字母数字、制表符、几何图形、杂项符号、装饰符号（✓ ❶）、CJK 符号和标点 U+3000–303F、带圈 CJK 字符、
  单位符号 U+3380–33DF（㎡ ㎏ ㎞ ㏄）、竖排/小型标点 U+FE30–FE6F、
  全角/半角形式 U+FF00–FFEF；FandolFang 自带的其余 1179 个汉字（多为繁体字形，如“國”“學”“誠”，正文中的这些字因此仍用仿宋，不再回退到楷体或宋体；
  另三个字体也收这些字）；以及 \`extra-chars.txt\` 中本仓库示例和测试用到的其他字（如“鬱”，硬文本测试报告中的“𠮷”“黃”“眞”：FandolFang 没有，
  正文从随附的楷体取字形）。
  两个 Noto 字体和文楷GB子集有全部 8105 个规范字；FandolFang 没有 GB 2312 以外的 1467 个规范字中的任何一个，正文中的这些字（名字常用的“喆”“堃”“犇”“玥”“珺”等）一律从随附的宋体 \`NotoSerifSC-Regular-subset.otf\` 取字形，全文同一种字体，不再有的字用楷体（问题 77.4：找不到收全 8105 字、允许嵌入的仿宋，宋体是与仿宋最接近的字体）。
- **集外字**：以上字符集以外的汉字（如“龘”、扩展 A–F 区和繁体、异体的多数字）不随附。排版时逐字回退到系统已安装的字体
  （fontdb 按字查找），取风格最接近的一种：程序按字体名称和字重把字体分为仿宋、宋体（明体）、楷体、黑体和其他，正文先取常规字重的仿宋、宋体（随附的宋体在前），
  其次楷体，从不取粗黑体；标题先取宋体。仍找不到时报 GLYPH 警告（写出字、U+ 编码、数据路径和行列），PDF 每页标“草稿”，\`build\` 以退出码 1
  结束，直到装上含该字的字体、改用通用写法，或用 \`--accept-missing-glyphs\` 明确接受。
- **为何不随附扩展区字体（决定）**：这里能得到的覆盖扩展 A/B 区和繁体字形的免费字体只有花园明朝（Debian \`fonts-hanazono\` 20170904，
  花园字体许可或 SIL OFL 1.1 二选一，允许修改和再分发：HanaMinA 22.8 MB，HanaMinB 30.7 MB）和 Noto Serif CJK（SC 字面子集化到整个
  基本区 U+4E00–9FFF 约 8.4 MB，扩展区只有一部分）。只取花园明朝 A 的扩展 A 区（6592 字）子集就有 3.3 MB（实测），整个扩展 B 区不能再小多少。
  随附会使可执行文件（现在发行版约 30 MB，编入的字体 13.2 MB）增加 3–50 MB，每个测试程序和每个发行包都要带上；而这些字在年报中极少见
  （偶见于人名、地名、老地址）。办公电脑一般已有这些字：Windows 自带宋体（含扩展 A 区）和 SimSun-ExtB（扩展 B 区），统信、麒麟等信创桌面
  带有 Noto CJK 或方正字体，程序会逐字取用其中风格最接近的一种。缺字也不会再悄悄印成方框：PDF 标“草稿”、\`build\` 报错退出，由填报人装字体、
  改写法或明确接受。会改变这个决定的情况：在实际使用的电脑上常见缺字（例如没有 SimSun-ExtB 的信创桌面上的扩展 B 区字）——那时先随附
  扩展 A 区子集（约 3.3 MB，花园明朝，许可允许），再视情况加扩展 B 区。
- **子集化**：用 fontTools（\`python3-fonttools\` $V_FT）的 \`pyftsubset\`（即 \`python3 -m fontTools.subset\`），参数
  \`--layout-features='' --name-IDs='*' --name-languages='*' --notdef-outline\`（Noto 另加 \`--font-number=$SC_INDEX\`）。
  未保留 OpenType 排版特性（本程序不做字形整形）。水平度量（hmtx）和 Unicode cmap 均保留。
  三个 CFF 字体另加 \`--no-hinting --desubroutinize\`：去掉微调（hinting，只在屏幕小字号下把笔画对齐像素，约占字形数据的 5–15%），
  并把子程序展开到各字形，PDF 中嵌入的子集因此更小。
- **FandolFang 的曲线**：FandolFang 的轮廓是描摹得来的，一半以上的三次曲线（657062 条中的 371575 条）与其弦的距离不到 1 个字体单位。
  \`build-fonts.sh\` 把整条曲线离弦不超过 1 单位（1/1000 em，3号字约 0.016 pt，600 dpi 下约 1/8 像素）、两个控制点的投影都在弦的两端之间的曲线改写为直线，
  其余不变（轮廓点和字宽相同，脚本逐字检查字宽和外框）。每个 PDF 中嵌入的 FandolFang 因此约小 25%。
- **许可**：子集属于修改版本。Noto 的保留字体名只有“Source”，子集沿用 Noto 名称。霞鹜文楷声明了保留字体名“霞鹜”“LXGW”，
  修改版本不得使用，因此子集改名为“WenKai GB Subset”（中文名“文楷GB子集”），名称表中的版权、设计者、网址和许可证记录保持原样。
  FandolFang 是 GPL v3 + 字体例外：GPL 允许修改，子集由本脚本从未修改的原字体生成，字体例外条款延及本子集；
  它作为数据编入可执行文件，仍是独立的作品，许可证随附（\`--no-default-features\` 构建不含任何字体）。
- **FandolFang** 中“鬱”画出来是“郁”的字形，全角人民币符号“￥”（U+FFE5）画出来是美元符号（与“＄”同一轮廓），它也没有 U+2015；程序对这些字逐字回退到其他随附字体。
- **标点宽度**：霞鹜文楷的弯引号 “ ” ‘ ’ 和间隔号 · 是比例宽度（0.35 em）；两个 Noto 字体的 U+2014 破折号只有 0.89–0.93 em。
  程序对这些字改用全角的字体。
- 嵌入许可（OS/2 \`fsType\`）：0 为可安装嵌入，8 为可编辑嵌入，二者都允许嵌入 PDF。

| 文件 | 字节数 | fsType | SHA-256 |
| --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | $(row NotoSerifSC-Bold-subset.otf) |
| \`FandolFang-Regular-subset.otf\` | $(row FandolFang-Regular-subset.otf) |
| \`NotoSansSC-Regular-subset.otf\` | $(row NotoSansSC-Regular-subset.otf) |
| \`WenKaiGB-Regular-subset.ttf\` | $(row WenKaiGB-Regular-subset.ttf) |
| \`NotoSerifSC-Regular-subset.otf\` | $(row NotoSerifSC-Regular-subset.otf) |

重新生成：\`fonts/build-fonts.sh --install\`（需 root，会调用 apt-get），已装好软件包时直接运行 \`fonts/build-fonts.sh\`。
软件包版本相同时，输出逐字节相同。

## English

nianbao typesets PDFs following GB/T 9704 and uses four faces, one per role, plus a 宋体 for page numbers and for every character the 仿宋 lacks. The default build
(cargo feature \`embed-fonts\`) compiles these five files into the executable, so the program is one file; a \`fonts/\` directory, \`--font-dir\` and \`--font\` still override them.

| File | Role | Source (Debian package, version) | License | Processing |
| --- | --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | 标题 title (stands in for 小标宋) | \`fonts-noto-cjk\` $V_NOTO, \`NotoSerifCJK-Bold.ttc\` face $SC_INDEX (SC) | SIL OFL 1.1, see \`OFL-NotoCJK.txt\` | SC face extracted and subsetted, hints dropped |
| \`FandolFang-Regular-subset.otf\` | 正文 body text (仿宋) | \`texlive-lang-chinese\` $V_TL, \`fandol/FandolFang-Regular.otf\` | GPL v3 + font exception (extended to the subset), see \`LICENSE-FandolFang.txt\` | subsetted, hints dropped, near-straight curves drawn as lines |
| \`NotoSansSC-Regular-subset.otf\` | 黑体 first-level headings | \`fonts-noto-cjk\` $V_NOTO, \`NotoSansCJK-Regular.ttc\` face $SC_INDEX (SC) | SIL OFL 1.1, see \`OFL-NotoCJK.txt\` | SC face extracted and subsetted, hints dropped |
| \`WenKaiGB-Regular-subset.ttf\` | 楷体 second-level headings | \`fonts-lxgw-wenkai\` $V_LXGW, \`LXGWWenKai-Regular.ttf\` | SIL OFL 1.1, see \`OFL-WenKaiGB.txt\` | subsetted and renamed "WenKai GB Subset" |
| \`NotoSerifSC-Regular-subset.otf\` | 宋体: page numbers (4号 half-width digits, GB/T 9704 7.5), and body characters the 仿宋 lacks | \`fonts-noto-cjk\` $V_NOTO, \`NotoSerifCJK-Regular.ttc\` face $SC_INDEX (SC) | SIL OFL 1.1, see \`OFL-NotoCJK.txt\` | digits 0–9 and the characters FandolFang lacks (or misdraws) only, hints dropped |

Notes:

- **Character set** (the same for the first four faces, $N_CHARS code points, listed in \`charset.txt\`): all 7,445 characters of GB 2312
  (6,763 hanzi and 682 symbols, obtained by decoding rows A1–F7 with Python's \`gb2312\` codec); the whole blocks ASCII, Latin-1,
  General Punctuation, currency symbols (€), letterlike symbols, number forms, arrows, math operators, enclosed alphanumerics, box drawing,
  geometric shapes, misc symbols, dingbats (✓ ❶), CJK Symbols and Punctuation, enclosed CJK, the squared units U+3380–33DF (㎡ ㎏ ㎞ ㏄),
  CJK compatibility and small forms U+FE30–FE6F, half-/full-width forms;
  all 8,105 characters of the 通用规范汉字表 (Table of General Standard Chinese Characters, State Council 国发〔2013〕23号;
  3,500 level 1, 3,000 level 2, 1,605 level 3), taken from the kTGH field ("2013:number") of the Unicode 15.0.0 Unihan database
  (\`Unihan_OtherMappings.txt.bz2\` in the Debian package \`unicode-data\` $V_UD; the script checks 8,105 distinct characters,
  numbers 1–8,105 once each, all CJK Unified Ideographs), of which 1,467 are outside GB 2312 and 196 lie above U+FFFF
  (Extensions B–F); the other 1,179 hanzi FandolFang itself draws (mostly traditional forms such as 國 學 誠, so that body
  text keeps them in 仿宋 instead of a 楷体 or 宋体 fallback; the other three faces get them too); and other characters used by this
  repository's examples and tests (\`extra-chars.txt\`, e.g. 鬱, and 𠮷 黃 眞 of the hard-text reports, which FandolFang lacks and
  body text takes from the bundled 宋体).
  Both Noto faces and WenKai GB Subset have all 8,105 table characters; FandolFang has none of the 1,467 outside GB 2312,
  so in body text those (喆 堃 犇 玥 珺, common in names) are all drawn from one bundled face, the 宋体
  \`NotoSerifSC-Regular-subset.otf\`, never half in 楷体 (issue 77.4: no 仿宋 with all 8,105 characters and an embedding licence
  could be found; 宋体 is the closest style).
- **Other characters** (hanzi outside this set, such as 龘 and most of Extensions A–F and of the traditional and variant forms) are not
  bundled. The PDF falls back per character to installed fonts (looked up with fontdb), taking the closest style: faces are classed
  by name and weight as 仿宋, 宋体 (明体), 楷体, 黑体 or other; body text takes a regular 仿宋 or 宋体 first, then 楷体, never a bold
  黑体; the title takes a 宋体 first. When none has the character: a GLYPH warning (the character, its U+ code, data path, line and
  column), every PDF page marked 草稿, and \`build\` exits 1, until a font with it is installed, the text changed, or the boxes are
  accepted with \`--accept-missing-glyphs\`.
- **Why no wide-coverage face is bundled (decision).** The free faces obtainable here that cover Extensions A/B and traditional
  forms are Hanazono Mincho (Debian \`fonts-hanazono\` 20170904, Hanazono Font License or SIL OFL 1.1, modification and redistribution
  allowed: HanaMinA 22.8 MB, HanaMinB 30.7 MB) and Noto Serif CJK (the SC face cut to the whole URO block is about 8.4 MB and covers the
  extensions only in part). A subset of HanaMinA with just Extension A (6,592 characters) measured 3.3 MB; Extension B cannot shrink much.
  Bundling would add 3-50 MB to an executable of about 30 MB (13.2 MB of fonts) that every test binary and release archive carries, for
  characters a report rarely has (names, places, old addresses). Office machines usually have them: Windows ships SimSun (Extension A) and
  SimSun-ExtB, 信创 desktops (UOS, Kylin) ship Noto CJK or Founder faces, and the PDF takes the closest of them per character. A missing
  character is no longer printed silently as a box: the PDF is a draft and \`build\` fails until the clerk installs a font, rewrites, or
  accepts. What would change this: missing characters seen on the machines in use (e.g. Extension B on a 信创 desktop without
  SimSun-ExtB); then bundle the Extension A subset first (3.3 MB, Hanazono, licence allows), Extension B if still needed.
- **Subsetting** uses fontTools' \`pyftsubset\` (\`python3 -m fontTools.subset\`, Debian \`python3-fonttools\` $V_FT) with
  \`--layout-features='' --name-IDs='*' --name-languages='*' --notdef-outline\` (plus \`--font-number=$SC_INDEX\` for Noto).
  No OpenType layout features are kept (the program does no shaping). Horizontal metrics (hmtx) and the Unicode cmap are kept.
  The three CFF faces also get \`--no-hinting --desubroutinize\`: no hints (they only snap stems to pixels at small screen sizes,
  and are 5-15 % of the glyph data), and subroutines inlined into the glyphs, so that the subsets embedded in PDFs are smaller.
- **FandolFang's curves.** FandolFang's outlines are traced; more than half of its cubic curves (371,575 of 657,062) stay within
  one font unit of their chord. \`build-fonts.sh\` writes as a line every curve that stays within 1 unit (1/1000 em: 0.016 pt at 3号, 1/8 pixel at
  600 dpi) of its chord, with both control points projecting onto the chord. Nothing else changes (same on-curve points and advance widths;
  the script checks every glyph's width and bounding box). The FandolFang program in each PDF gets about 25 % smaller.
- **Licenses.** A subset is a Modified Version. Noto's only Reserved Font Name is "Source", so the subsets keep the Noto names.
  LXGW WenKai reserves "霞鹜" and "LXGW", so its subset is renamed "WenKai GB Subset" (Chinese name 文楷GB子集); the copyright,
  designer, URL and license records of its name table are kept. FandolFang is GPL v3 + font exception: the GPL allows modified
  versions, this one is made by this script from the unmodified original, and the font exception is extended to it. It is compiled
  into the executable as data and stays a separate work with its license alongside (\`--no-default-features\` builds contain no font).
- **FandolFang** draws 鬱 with the 郁 glyph and the full-width yuan sign ￥ (U+FFE5) as a dollar sign (the outline of its ＄), and lacks U+2015; the program takes these from another bundled face per character.
- **Punctuation widths.** LXGW WenKai's curly quotes and middle dot are proportional (0.35 em); the U+2014 em dash of both Noto
  faces is 0.89–0.93 em. The program uses a full-width face for these.
- Embedding permission (OS/2 \`fsType\`): 0 = installable, 8 = editable embedding; both allow embedding in PDFs.

| File | Bytes | fsType | SHA-256 |
| --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | $(row NotoSerifSC-Bold-subset.otf) |
| \`FandolFang-Regular-subset.otf\` | $(row FandolFang-Regular-subset.otf) |
| \`NotoSansSC-Regular-subset.otf\` | $(row NotoSansSC-Regular-subset.otf) |
| \`WenKaiGB-Regular-subset.ttf\` | $(row WenKaiGB-Regular-subset.ttf) |
| \`NotoSerifSC-Regular-subset.otf\` | $(row NotoSerifSC-Regular-subset.otf) |

Rebuild with \`fonts/build-fonts.sh --install\` (root; runs apt-get), or plain \`fonts/build-fonts.sh\` when the packages are installed.
With the same package versions the output is byte-for-byte identical.

## Coverage check / 覆盖检查

Output of the check at the end of \`build-fonts.sh\`
(test string \`政府信息公开工作年度报告淄博鬱堃喆𬌗龘“”（）《》、。，；：？！—０１２3456789abcXYZ％·…\`;
龘 is outside the bundled set on purpose; 堃, 喆 and 𬌗 (U+2C317, above U+FFFF) are 通用规范汉字表 characters outside GB 2312,
which FandolFang lacks):

\`\`\`
$(cat "$TMP/report.txt")
\`\`\`
EOF
cat >> "$OUT/README.md" <<'EOF'

## 发行与许可 / Distribution and licensing

**中文**

- 默认构建（特性 `embed-fonts`）把上面五个字体文件原样编入可执行文件，程序运行时把它们当作字体数据读取，与读取程序旁 `fonts/` 目录中的文件相同。
  可执行文件中因此有两类作品：程序代码（MIT OR Apache-2.0）和字体（各按其许可证：FandolFang 为 GPL v3 加字体例外，其余为 SIL OFL 1.1）。
- **用 nianbao 生成的 PDF**：只嵌入用到的字形。OFL 允许把字体嵌入文档；FandolFang 的字体例外条款（已延及本子集）写明嵌入字体不会使文档受 GPL 约束。
- **分发程序时**（发行包、内网共享、拷给其他单位），`scripts/dist.sh` 写出的发行包已经做到：
  1. 附上字体的许可证全文（`fonts/LICENSE-FandolFang.txt`、`fonts/OFL-NotoCJK.txt`、`fonts/OFL-WenKaiGB.txt`）和本说明，`nianbao --version` 也列出各字体的许可；
  2. 指明并提供字体的对应源代码：同时写出的源代码包 `nianbao-版本-src.tar.gz` 含本目录的子集文件和生成它们的 `build-fonts.sh`，
     脚本从 Debian 软件包中未修改的原字体生成子集（软件包及版本见上表；FandolFang 原字体另见 CTAN https://www.ctan.org/pkg/fandol）。
     发行包中的 `SOURCE.txt` 写明提交号和源代码包的位置。请把源代码包放在发行包旁一起提供。
- **我们的判断**：字体作为数据编入、程序不依赖字体的内部结构，二者是 GPL v3 第 5 条所说的“聚合”（aggregate），GPL 不延及程序代码。
  即使把可执行文件看作一个整体作品，其中的程序代码（MIT/Apache-2.0）和所有依赖库（MIT、Apache-2.0、BSD、ISC、Zlib、MPL-2.0、CC0、Unicode 等）
  都与 GPL v3 相容，按上面第 1、2 条附上许可证、提供全部源代码发布，同样满足 GPL v3 对目标代码发布的要求（第 6 条）。
  因此保留默认编入字体，不另行拆出字体文件。
- 不希望可执行文件中含有 GPL 字体的机构：`cargo build --release --no-default-features` 构建，在程序旁的 `fonts/` 中只放 OFL 字体，
  正文用 `--font 正文=…` 指定本单位有授权的仿宋字体（如仿宋_GB2312）；或把正文换成 OFL 许可的朱雀仿宋（需从上游获取，重新运行本脚本）。
- **以上判断须由仓库所有者确认**，它不是法律意见。

**English**

- The default build (feature `embed-fonts`) compiles the five files above, unchanged, into the executable; the program reads them as font data,
  exactly as it reads files in a `fonts/` directory beside it. The executable thus holds two kinds of work: the program's code
  (MIT OR Apache-2.0) and the fonts, each under its own license (FandolFang GPL v3 + font exception, the others SIL OFL 1.1).
- **PDFs made by nianbao** embed subsets of the glyphs used. The OFL allows embedding in documents; FandolFang's font exception (extended
  to this subset) says that embedding does not by itself put the document under the GPL.
- **Distributing the program** (release archive, intranet share, a copy for another office): the archive written by `scripts/dist.sh`
  1. carries the fonts' full license texts (`fonts/LICENSE-FandolFang.txt`, `fonts/OFL-NotoCJK.txt`, `fonts/OFL-WenKaiGB.txt`) and this
     README; `nianbao --version` lists the fonts' licenses too;
  2. names and provides the fonts' corresponding source: the source archive `nianbao-VERSION-src.tar.gz`, written alongside, holds the
     subset files of this folder and `build-fonts.sh`, which makes them from the unmodified original fonts of the Debian packages above
     (FandolFang's original is also on CTAN, https://www.ctan.org/pkg/fandol). `SOURCE.txt` in the archive gives the commit and where the
     source archive is. Publish the source archive next to the release archive.
- **Our reading:** the fonts are compiled in as data and the program does not depend on their internals, so the two are an "aggregate"
  (GPL v3 section 5) and the GPL does not extend to the program's code. Even if the executable were taken as one combined work, all the
  code in it (ours under MIT/Apache-2.0, the crates under MIT, Apache-2.0, BSD, ISC, Zlib, MPL-2.0, CC0, Unicode, …) is GPL v3-compatible,
  and shipping it with the licenses and the complete source as in 1 and 2 meets GPL v3's terms for conveying object code (section 6).
  So the fonts stay compiled in by default; no separate font file is needed.
- Organisations that want no GPL font in the executable: build with `cargo build --release --no-default-features`, put only the OFL
  faces in a `fonts/` folder beside it and name a 仿宋 face they are licensed for with `--font 正文=…` (e.g. 仿宋_GB2312); or replace the
  body face with the OFL-licensed Zhuque Fangsong (from upstream; rerun this script).
- **The repository owner must confirm this reading**; it is not legal advice.
EOF

echo "done: $OUT"
