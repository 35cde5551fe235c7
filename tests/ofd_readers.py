"""Reads an OFD written by nianbao with two OFD readers that are not ours
(tests/testsuite/ofd.rs runs it): easyofd draws its pages (as a PDF,
rasterised by pdftoppm) to be compared with nianbao's PDF of the same
report, and ofdkit extracts its text in reading order.

usage: ofd_readers.py CACHE_DIR BODY_FONT OFD PDF OUT_DIR

easyofd draws every character with a system face it calls 宋体, which it
looks up as simsun.ttc on ReportLab's font path (it does not draw with the
embedded fonts, docs/ofd.md); none is installed here, so the body face
(FandolFang, CFF) converted to TrueType with fontTools stands in, cached
in CACHE_DIR. Prints one JSON object.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile


def stand_in_font(cache, body):
    """simsun.ttc in `cache`: the body face as TrueType (made once)."""
    path = os.path.join(cache, "simsun.ttc")
    if os.path.exists(path):
        return
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(body)
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    os.makedirs(cache, exist_ok=True)
    font.save(path + ".part")
    os.replace(path + ".part", path)


def easyofd_pdf(cache, ofd, out):
    """The OFD drawn by easyofd, as a PDF at `out`."""
    import contextlib

    import reportlab.rl_config as rl

    rl.TTFSearchPath.insert(0, cache)
    # easyofd logs and prints as it goes: to standard error, so that
    # standard output is the JSON alone.
    with contextlib.redirect_stdout(sys.stderr):
        from loguru import logger

        logger.remove()
        from easyofd import OFD

        reader = OFD()
        reader.read(ofd, fmt="path")
        drawn = reader.to_pdf()
    with open(out, "wb") as f:
        f.write(drawn)


def pages(pdf, prefix, size=None):
    """The pages of `pdf` as greyscale PNGs at 50 dpi (or `size` pixels)."""
    args = ["pdftoppm", "-gray", "-png"]
    if size:
        args += ["-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])]
    else:
        args += ["-r", "50"]
    subprocess.run(args + [pdf, prefix], check=True)
    folder, stem = os.path.split(prefix)
    names = sorted(
        (n for n in os.listdir(folder) if n.startswith(stem + "-") and n.endswith(".png")),
        key=lambda n: int(n[len(stem) + 1:-4]),
    )
    return [os.path.join(folder, n) for n in names]


def differences(ours, theirs):
    """Per page: the share of pixels that differ by more than 40/255 once
    both pages are blurred (radius 2 px, 1 mm), which leaves out the
    glyphs' shapes (easyofd draws every face as one stand-in) and keeps
    where the text, rules and shapes are."""
    from PIL import Image, ImageChops, ImageFilter

    out = []
    for a, b in zip(ours, theirs):
        a = Image.open(a).convert("L")
        b = Image.open(b).convert("L").resize(a.size)
        a = a.filter(ImageFilter.GaussianBlur(2))
        b = b.filter(ImageFilter.GaussianBlur(2))
        hist = ImageChops.difference(a, b).histogram()
        out.append(sum(hist[40:]) / sum(hist))
    return out


def text_codes(ofd):
    """Per page, the text of its TextCodes in the order written (the
    layout's reading order: a table cell by cell) and in the order of
    their places (baseline, then left to right: how ofdkit reads a page)."""
    ns = {"ofd": "http://www.ofdspec.org/2016"}
    written, placed = [], []
    with zipfile.ZipFile(ofd) as z:
        doc = ET.fromstring(z.read("Doc_0/Document.xml"))
        for page in doc.iterfind("ofd:Pages/ofd:Page", ns):
            content = ET.fromstring(z.read("Doc_0/" + page.get("BaseLoc")))
            runs = []
            for obj in content.iter("{%s}TextObject" % ns["ofd"]):
                x, y = (float(v) for v in obj.get("Boundary").split()[:2])
                for code in obj.iterfind("ofd:TextCode", ns):
                    baseline = y + float(code.get("Y", "0"))
                    runs.append((round(baseline * 2) / 2, x + float(code.get("X", "0")),
                                 code.text or ""))
            written.append("".join(r[2] for r in runs))
            placed.append("".join(r[2] for r in sorted(runs, key=lambda r: (r[0], r[1]))))
    return written, placed


def main():
    cache, body, ofd, pdf, out = sys.argv[1:6]
    stand_in_font(cache, body)
    drawn = os.path.join(out, "easyofd.pdf")
    easyofd_pdf(cache, ofd, drawn)
    ours = pages(pdf, os.path.join(out, "pdf"))
    from PIL import Image

    size = Image.open(ours[0]).size if ours else None
    theirs = pages(drawn, os.path.join(out, "ofd"), size)
    written, placed = text_codes(ofd)
    import ofdkit

    with ofdkit.open(ofd) as doc:
        extracted = [page.text() for page in doc.pages]
        info = doc.info.to_dict()
        warnings = list(doc.warnings)
    print(json.dumps({
        "pdf_pages": len(ours),
        "ofd_pages": len(theirs),
        "differences": differences(ours, theirs),
        "ofdkit_pages": extracted,
        "ofdkit_info": info,
        "ofdkit_warnings": warnings,
        "written_text": written,
        "placed_text": placed,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
