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
#   FandolFang-Regular.otf          正文 body/仿宋   (unmodified copy)
#   NotoSansSC-Regular-subset.otf   黑体 headings    (subset of Noto Sans CJK SC Regular)
#   LXGWWenKai-Regular.ttf          楷体 headings    (unmodified copy)
#   OFL-NotoCJK.txt  OFL-LXGWWenKai.txt  LICENSE-FandolFang.txt  README.md
#
# The result is deterministic for a given set of package versions: fontTools'
# subsetter does not touch head.modified unless asked to (--recalc-timestamp),
# and everything else is copied or generated from fixed inputs.
set -euo pipefail
export LC_ALL=C.UTF-8

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE"

# Debian's python3-fonttools lives in /usr/lib/python3/dist-packages, so use the
# system interpreter (a pyenv/venv python3 on PATH would not see it).
# pyftsubset == `python3 -m fontTools.subset` (the /usr/bin/pyftsubset wrapper is
# in the separate Debian package `fonttools`).
PY=/usr/bin/python3

PKGS=(fonts-noto-cjk texlive-lang-chinese fonts-lxgw-wenkai python3-fonttools fontconfig)
# Versions the committed files were built from. Other versions still work but
# give different bytes (the script warns).
declare -A EXPECTED=(
  [fonts-noto-cjk]="1:20220127+repack1-1"
  [texlive-lang-chinese]="2022.20230122-1"
  [fonts-lxgw-wenkai]="1.250+repack-1"
  [python3-fonttools]="4.38.0-1+deb12u1"
)

if [[ "${1:-}" == "--install" ]]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    fonts-noto-cjk fonts-lxgw-wenkai python3-fonttools fontconfig
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
NOTO_SANS_TTC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
FANDOL_DIR=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
FANDOL_OTF=$FANDOL_DIR/FandolFang-Regular.otf
FANDOL_README=/usr/share/doc/texlive-doc/fonts/fandol/README
FANDOL_COPYING=/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz
LXGW_TTF=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
NOTO_COPYRIGHT=/usr/share/doc/fonts-noto-cjk/copyright
LXGW_COPYRIGHT=/usr/share/doc/fonts-lxgw-wenkai/copyright

# Face index of Simplified Chinese inside the Noto CJK collections
# (order in both files: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK). Checked below.
SC_INDEX=2

OUTPUTS=(NotoSerifSC-Bold-subset.otf FandolFang-Regular.otf
         NotoSansSC-Regular-subset.otf LXGWWenKai-Regular.ttf
         OFL-NotoCJK.txt OFL-LXGWWenKai.txt LICENSE-FandolFang.txt README.md)
for f in "${OUTPUTS[@]}"; do rm -f "$OUT/$f"; done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- 1. check the SC face index --------------------------------------------
"$PY" - "$SC_INDEX" "$NOTO_SERIF_TTC" NotoSerifCJKsc-Bold "$NOTO_SANS_TTC" NotoSansCJKsc-Regular <<'EOF'
import sys
from fontTools.ttLib import TTCollection
idx = int(sys.argv[1])
for path, want in zip(sys.argv[2::2], sys.argv[3::2]):
    got = TTCollection(path, lazy=True).fonts[idx]["name"].getDebugName(6)
    if got != want:
        sys.exit(f"{path}: face {idx} is {got}, expected {want}")
    print(f"{path}: face {idx} = {got}")
EOF

# --- 2. character set for the Noto subsets ---------------------------------
# a) every character of GB2312 (6763 hanzi + 682 symbols, incl. kana, Greek,
#    Cyrillic, pinyin, box drawing), computed by decoding rows 0xA1-0xF7;
# b) whole blocks:
#    U+0020-007E ASCII          U+00A0-00FF Latin-1        U+2000-206F general punctuation
#    U+2100-214F letterlike     U+2150-218F number forms   U+2190-21FF arrows
#    U+2200-22FF math operators U+2460-24FF enclosed alnum U+2500-257F box drawing
#    U+25A0-25FF geometric      U+2600-26FF misc symbols   U+2E80-2EFF CJK radicals suppl.
#    U+3000-303F CJK symbols & punctuation                 U+30FB katakana middle dot
#    U+3200-32FF enclosed CJK   U+4E00-9FFF CJK Unified Ideographs (URO)
#    U+FF00-FFEF half-/full-width forms
UNICODE_BLOCKS="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+2E80-2EFF,U+3000-303F,U+30FB,U+3200-32FF,U+4E00-9FFF,U+FF00-FFEF"
"$PY" - > "$TMP/gb2312.txt" <<'EOF'
cps = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([b1, b2]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
assert len(cps) == 7445, len(cps)
print(",".join("U+%04X" % c for c in sorted(cps)))
EOF
UNICODES="$UNICODE_BLOCKS,$(cat "$TMP/gb2312.txt")"

# --- 3. extract the SC face and subset it ----------------------------------
# --font-number picks the face out of the .ttc. No layout features: we do no
# shaping, and keeping GSUB ('locl', 'aalt', 'vert', ...) doubles the size
# (16.8 MB instead of 8.9 MB for Serif Bold) because it drags in the JP/KR/TC
# glyph variants. hmtx and the Unicode cmap are always kept by the subsetter.
subset() {  # $1 = .ttc, $2 = output name
  "$PY" -m fontTools.subset "$1" \
    --font-number="$SC_INDEX" \
    --unicodes="$UNICODES" \
    --layout-features='' \
    --name-IDs='*' \
    --name-languages='*' \
    --notdef-outline \
    --output-file="$OUT/$2"
}
subset "$NOTO_SERIF_TTC" NotoSerifSC-Bold-subset.otf
subset "$NOTO_SANS_TTC"  NotoSansSC-Regular-subset.otf

# --- 4. unmodified copies ---------------------------------------------------
# FandolFang: GPL + font exception, kept as a separate, unmodified file.
# LXGW WenKai: OFL with Reserved Font Names "霞鹜"/"LXGW" -> ship unmodified.
cp "$FANDOL_OTF" "$OUT/FandolFang-Regular.otf"
cp "$LXGW_TTF"   "$OUT/LXGWWenKai-Regular.ttf"
chmod 644 "$OUT"/*.otf "$OUT"/*.ttf

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
  echo "Noto Serif CJK SC Bold / Noto Sans CJK SC Regular"
  echo "(files: NotoSerifSC-Bold-subset.otf, NotoSansSC-Regular-subset.otf)"
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
  echo "These two files are Modified Versions in the sense of the OFL: the"
  echo "Simplified Chinese face was extracted from the Debian .ttc collections"
  echo "and subsetted with fontTools (see README.md and build-fonts.sh). The"
  echo "subsets are distributed under the same license:"
  echo
  deb_license "$NOTO_COPYRIGHT" SIL-1.1
} > "$OUT/OFL-NotoCJK.txt"

{
  echo "LXGW WenKai / 霞鹜文楷 Regular (file: LXGWWenKai-Regular.ttf, unmodified)"
  echo
  echo "Copyright notices from the font's name table (name ID 0):"
  name_id "$OUT/LXGWWenKai-Regular.ttf" 0 | sed 's/^/  /'
  echo
  echo "Debian's copyright file (package fonts-lxgw-wenkai) states:"
  awk '/^Files: \*$/ { on = 1 } on && /^$/ { exit } on { print "  " $0 }' "$LXGW_COPYRIGHT"
  echo
  deb_license "$LXGW_COPYRIGHT" OFL-1.1
} > "$OUT/OFL-LXGWWenKai.txt"

{
  cat <<'EOF'
FandolFang Regular (file: FandolFang-Regular.otf, unmodified)
Copyright (C) 2012-2013, the Fandol team (Clerk Ma, Jie Su).
License: GNU General Public License version 3 + GPL font exception.

This font is distributed as a separate file, unmodified, exactly as shipped
in the Debian package texlive-lang-chinese
(/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/).
It is not compiled into any program. Its source is available from CTAN:
https://www.ctan.org/pkg/fandol and from the Debian source package
texlive-lang (component of the TeX Live distribution).

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
"$PY" - "$OUT" > "$TMP/report.txt" <<'EOF'
import os, sys
from fontTools.ttLib import TTFont
out = sys.argv[1]
files = ["NotoSerifSC-Bold-subset.otf", "FandolFang-Regular.otf",
         "NotoSansSC-Regular-subset.otf", "LXGWWenKai-Regular.ttf"]
test = "政府信息公开工作年度报告淄博鬱堃喆龘“”（）《》、。，；：？！—０１２3456789abcXYZ％·…"
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
    size = os.path.getsize(path); total += size
    print(f"{name}: {size} bytes, {f['maxp'].numGlyphs} glyphs, "
          f"outlines={'CFF' if 'CFF ' in f else 'glyf'}, fsType={fs}, "
          f"GB2312 hanzi {len(gb & cmap.keys())}/{len(gb)}, "
          f"URO {sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF)}/20992, "
          f"test chars missing: {missing or 'none'}")
    upem = f["head"].unitsPerEm
    adv = lambda c: ("%.2f" % (f["hmtx"][cmap[ord(c)]][0] / upem)) if ord(c) in cmap else "-"
    print("  advance/em: " + " ".join(f"{c}={adv(c)}" for c in "“”‘’—…·、，。（）《》％a0"))
print(f"total: {total} bytes")
assert total < 40_000_000, "font budget (40 MB) exceeded"
EOF
cat "$TMP/report.txt"
for f in NotoSerifSC-Bold-subset.otf FandolFang-Regular.otf NotoSansSC-Regular-subset.otf LXGWWenKai-Regular.ttf; do
  fc-scan --format "fc-scan $f: %{family[0]} | %{style[0]} | %{fontformat}\n" "$OUT/$f" | grep . \
    || { echo "fc-scan cannot read $f" >&2; exit 1; }
done
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$OUT/OFL-NotoCJK.txt"
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$OUT/OFL-LXGWWenKai.txt"
grep -q "GNU GENERAL PUBLIC LICENSE" "$OUT/LICENSE-FandolFang.txt"
cmp "$FANDOL_OTF" "$OUT/FandolFang-Regular.otf"
cmp "$LXGW_TTF" "$OUT/LXGWWenKai-Regular.ttf"

# --- 7. README.md -----------------------------------------------------------
ver() { dpkg-query -W -f='${Version}' "$1"; }
row() {  # $1 file
  printf '%s | %s | `%s`' "$(stat -c %s "$OUT/$1")" "$("$PY" -c 'import sys;from fontTools.ttLib import TTFont;print(TTFont(sys.argv[1],lazy=True)["OS/2"].fsType)' "$OUT/$1")" "$(sha256sum "$OUT/$1" | cut -d' ' -f1)"
}
V_NOTO="$(ver fonts-noto-cjk)"; V_TL="$(ver texlive-lang-chinese)"
V_LXGW="$(ver fonts-lxgw-wenkai)"; V_FT="$(ver python3-fonttools)"
cat > "$OUT/README.md" <<EOF
# 随附字体 / Bundled fonts

本目录由 \`build-fonts.sh\` 生成，请勿手工修改。
This directory is generated by \`build-fonts.sh\`; do not edit by hand.

## 中文

nianbao 按 GB/T 9704 排版 PDF，需要四种字体，各司其职：

| 文件 | 用途 | 来源（Debian 软件包 及 版本） | 许可证 | 处理方式 |
| --- | --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | 标题（代替小标宋） | \`fonts-noto-cjk\` $V_NOTO，\`NotoSerifCJK-Bold.ttc\` 第 $SC_INDEX 号字面（SC） | SIL OFL 1.1，见 \`OFL-NotoCJK.txt\` | 提取 SC 字面并子集化 |
| \`FandolFang-Regular.otf\` | 正文（仿宋） | \`texlive-lang-chinese\` $V_TL，\`fandol/FandolFang-Regular.otf\` | GPL v3 + 字体例外条款，见 \`LICENSE-FandolFang.txt\` | 原样复制，未修改 |
| \`NotoSansSC-Regular-subset.otf\` | 一级标题（黑体） | \`fonts-noto-cjk\` $V_NOTO，\`NotoSansCJK-Regular.ttc\` 第 $SC_INDEX 号字面（SC） | SIL OFL 1.1，见 \`OFL-NotoCJK.txt\` | 提取 SC 字面并子集化 |
| \`LXGWWenKai-Regular.ttf\` | 二级标题（楷体） | \`fonts-lxgw-wenkai\` $V_LXGW | SIL OFL 1.1（保留字体名“霞鹜”“LXGW”），见 \`OFL-LXGWWenKai.txt\` | 原样复制，未修改 |

说明：

- **子集化**：两个 Noto 字体用 fontTools（\`python3-fonttools\` $V_FT）的 \`pyftsubset\`（即 \`python3 -m fontTools.subset\`）生成，参数
  \`--font-number=$SC_INDEX --layout-features='' --name-IDs='*' --name-languages='*' --notdef-outline\`。
  保留的字符：GB2312 全部 7445 个字符（6763 个汉字及全部符号），加上整块的
  CJK 统一表意文字基本区 U+4E00–9FFF、ASCII、Latin-1、通用标点 U+2000–206F、CJK 符号和标点 U+3000–303F、
  全角/半角形式 U+FF00–FFEF、CJK 部首补充 U+2E80–2EFF，以及若干常用符号区块（字母式符号、数字形式、箭头、数学运算符、
  带圈字母数字、制表符、几何图形、杂项符号、带圈 CJK 字符）。完整列表见 \`build-fonts.sh\`。
  未保留 OpenType 排版特性（GSUB/GPOS 为空）：本程序不做字形整形；保留这些特性会使文件大小翻倍。水平度量（hmtx）和 Unicode cmap 均保留。
- **Noto 子集不含的字符**：扩展 A 区及更高区段（U+3400–4DBF、U+20000 以上）；URO 区末尾较新的字 Noto 本身就没有（Serif 缺 U+9FEB–9FFF，Sans 缺 U+9FF0–9FFF）。
- **FandolFang** 只覆盖 URO 区中的 7942 个字，缺少许多 GB2312 以外的汉字（例如“堃”“喆”“龘”）；“鬱”虽有独立字形（cid08766），画出来却是“郁”的字形。
  它还缺少 U+2015（部分 GB2312 映射表把 A1AA 破折号对应到 U+2015，本字体只有 U+2014）。遇到这类字符，PDF 代码须逐字回退到 Noto。
- **标点宽度**：霞鹜文楷的弯引号 “ ” ‘ ’ 和间隔号 · 是比例宽度（0.35 em），不是全角；两个 Noto 字体的 U+2014 破折号只有 0.89–0.93 em，
  “——”中间会断开。FandolFang 的这些标点都是 1 em。
- **GPL 字体** FandolFang 作为独立文件随附，不编入可执行文件。
- **LXGW WenKai** 有保留字体名，修改后的版本不得沿用原名，因此原样随附。
- 嵌入许可（OS/2 \`fsType\`）：0 为可安装嵌入，8 为可编辑嵌入，二者都允许嵌入 PDF。

| 文件 | 字节数 | fsType | SHA-256 |
| --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | $(row NotoSerifSC-Bold-subset.otf) |
| \`FandolFang-Regular.otf\` | $(row FandolFang-Regular.otf) |
| \`NotoSansSC-Regular-subset.otf\` | $(row NotoSansSC-Regular-subset.otf) |
| \`LXGWWenKai-Regular.ttf\` | $(row LXGWWenKai-Regular.ttf) |

重新生成：\`fonts/build-fonts.sh --install\`（需 root，会调用 apt-get），已装好软件包时直接运行 \`fonts/build-fonts.sh\`。
软件包版本相同时，输出逐字节相同。

## English

nianbao typesets PDFs following GB/T 9704 and uses four faces, one per role:

| File | Role | Source (Debian package, version) | License | Processing |
| --- | --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | 标题 title (stands in for 小标宋) | \`fonts-noto-cjk\` $V_NOTO, \`NotoSerifCJK-Bold.ttc\` face $SC_INDEX (SC) | SIL OFL 1.1, see \`OFL-NotoCJK.txt\` | SC face extracted and subsetted |
| \`FandolFang-Regular.otf\` | 正文 body text (仿宋) | \`texlive-lang-chinese\` $V_TL, \`fandol/FandolFang-Regular.otf\` | GPL v3 + font exception, see \`LICENSE-FandolFang.txt\` | copied unmodified |
| \`NotoSansSC-Regular-subset.otf\` | 黑体 first-level headings | \`fonts-noto-cjk\` $V_NOTO, \`NotoSansCJK-Regular.ttc\` face $SC_INDEX (SC) | SIL OFL 1.1, see \`OFL-NotoCJK.txt\` | SC face extracted and subsetted |
| \`LXGWWenKai-Regular.ttf\` | 楷体 second-level headings | \`fonts-lxgw-wenkai\` $V_LXGW | SIL OFL 1.1 (Reserved Font Names "霞鹜", "LXGW"), see \`OFL-LXGWWenKai.txt\` | copied unmodified |

Notes:

- **Subsetting.** Both Noto files are made with fontTools' \`pyftsubset\` (\`python3 -m fontTools.subset\`, Debian \`python3-fonttools\` $V_FT) using
  \`--font-number=$SC_INDEX --layout-features='' --name-IDs='*' --name-languages='*' --notdef-outline\`.
  Kept characters: all 7,445 characters of GB2312 (6,763 hanzi plus all symbols) and these whole blocks:
  CJK Unified Ideographs U+4E00–9FFF, ASCII, Latin-1, General Punctuation U+2000–206F, CJK Symbols and Punctuation U+3000–303F,
  Halfwidth and Fullwidth Forms U+FF00–FFEF, CJK Radicals Supplement U+2E80–2EFF, and a few symbol blocks (letterlike, number forms,
  arrows, math operators, enclosed alphanumerics, box drawing, geometric shapes, misc symbols, enclosed CJK). The exact list is in \`build-fonts.sh\`.
  No OpenType layout features are kept (GSUB/GPOS are empty): the program does no shaping, and keeping them doubles the file size.
  Horizontal metrics (hmtx) and the Unicode cmap are kept.
- **Not covered by the Noto subsets:** CJK Extension A and beyond (U+3400–4DBF, U+20000+). The newest URO characters are not in Noto at all (Serif lacks U+9FEB–9FFF, Sans U+9FF0–9FFF).
- **FandolFang** maps only 7,942 URO characters and lacks many outside GB2312 (e.g. 堃, 喆, 龘). 鬱 has its own glyph (cid08766), but it is drawn as 郁.
  It also lacks U+2015 (some GB2312 tables map the A1AA dash there; the font only has U+2014). The PDF code must fall back to Noto per character.
- **Punctuation widths.** LXGW WenKai's curly quotes “ ” ‘ ’ and middle dot · are proportional (0.35 em), not full-width; the U+2014 em dash of both
  Noto subsets is only 0.89–0.93 em wide, so "——" shows a gap. FandolFang has all of these at 1 em.
- **The GPL font** (FandolFang) is shipped as a separate file and is not compiled into the binary.
- **LXGW WenKai** has Reserved Font Names, so a modified copy would need a new name; it is shipped unmodified.
- Embedding permission (OS/2 \`fsType\`): 0 = installable, 8 = editable embedding; both allow embedding in PDFs.

| File | Bytes | fsType | SHA-256 |
| --- | --- | --- | --- |
| \`NotoSerifSC-Bold-subset.otf\` | $(row NotoSerifSC-Bold-subset.otf) |
| \`FandolFang-Regular.otf\` | $(row FandolFang-Regular.otf) |
| \`NotoSansSC-Regular-subset.otf\` | $(row NotoSansSC-Regular-subset.otf) |
| \`LXGWWenKai-Regular.ttf\` | $(row LXGWWenKai-Regular.ttf) |

Rebuild with \`fonts/build-fonts.sh --install\` (root; runs apt-get), or plain \`fonts/build-fonts.sh\` when the packages are installed.
With the same package versions the output is byte-for-byte identical.

## Coverage check / 覆盖检查

Output of the check at the end of \`build-fonts.sh\`
(test string \`政府信息公开工作年度报告淄博鬱堃喆龘“”（）《》、。，；：？！—０１２3456789abcXYZ％·…\`):

\`\`\`
$(cat "$TMP/report.txt")
\`\`\`
EOF

echo "done: $OUT"
