#!/usr/bin/env python3
"""Writes report-2500.typ, the benchmark report as a Typst document, from the
Markdown nianbao builds of benches/report-2500.yaml, so that Typst sets the
same text and tables (docs/benchmark.md, "Against Typst side by side").

    target/release/nianbao build benches/report-2500.yaml -o /tmp/nb --format md
    python3 benches/typst/make_typ.py /tmp/nb/report-2500.md > benches/typst/report-2500.typ
"""
import re
import sys

HEAD = """#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  numbering: "— 1 —", number-align: center)
#set text(font: ("FandolFang R", "FandolFang"), size: 16pt, lang: "zh")
#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 12pt)
#show heading.where(level: 1): set text(font: "Noto Serif CJK SC", weight: "bold", size: 22pt)
#show heading.where(level: 1): set align(center)
#show heading.where(level: 2): set text(font: "Noto Sans CJK SC", weight: "regular", size: 16pt)
#show heading.where(level: 3): set text(font: "WenKai GB Subset", weight: "regular", size: 16pt)
#set table(stroke: 0.5pt)
#show table: set text(size: 10.5pt)
"""


def escape(text):
    """Typst markup's special characters escaped."""
    return re.sub(r"([\\#*_`$<>@\[\]~/=+-])", r"\\\1", text)


def inline(text):
    """Markdown's **bold** as Typst's strong emphasis, the rest escaped."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    return "".join(escape(p) if i % 2 == 0 else "*" + escape(p) + "*" for i, p in enumerate(parts))


def table(rows):
    """A Markdown table (its alignment row dropped) as a Typst table."""
    cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
    cells = [r for r in cells if not all(re.fullmatch(r":?-+:?", c) for c in r)]
    n = max(len(r) for r in cells)
    body = ", ".join("[" + inline(c) + "]" for r in cells for c in r + [""] * (n - len(r)))
    return f"#table(columns: {n}, {body})\n"


def main(path):
    out = [HEAD]
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            out.append(table(rows))
            continue
        m = re.match(r"(#+) (.*)", line)
        if m:
            out.append("=" * len(m.group(1)) + " " + inline(m.group(2)) + "\n")
        elif line.strip():
            out.append(inline(line) + "\n")
        else:
            out.append("\n")
        i += 1
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
