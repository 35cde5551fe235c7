#!/usr/bin/env python3
"""Compiles report-2500.typ with Typst (PyPI `typst`, `pip install typst`),
fonts from nianbao's fonts/ folder only, to a PDF in the temp folder: the
yardstick `farm-bench --vs` times beside `nianbao build` (docs/benchmark.md)."""
import os
import sys
import tempfile

import typst

here = os.path.dirname(os.path.abspath(__file__))
fonts = os.path.join(here, "..", "..", "fonts")
out = os.path.join(tempfile.gettempdir(), "nianbao-typst-report-2500.pdf")
typst.compile(os.path.join(here, "report-2500.typ"), output=out, font_paths=[fonts],
              ignore_system_fonts=True)
sys.exit(0 if os.path.getsize(out) > 0 else 1)
