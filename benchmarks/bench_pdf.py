"""Speed and size of the PDF: build time and page count of the consolidated convention, both views.

Run: `make bench-pdf` (or `.venv/bin/python benchmarks/bench_pdf.py [--one-piece] [DATE [VIEW ...]]`).
One run per view (a full PDF takes tens of seconds); prints the time of the print HTML and of the
WeasyPrint layout apart, the CPU time (less sensitive than wall time to other processes on a
shared machine), and the number of pages, so the README figures can be reproduced. The layout is
the one `build` uses (texts laid out once, the contents apart: render/pdf_layout.py);
`--one-piece` lays the document out in one piece as before, where WeasyPrint repaginates until
the contents' page numbers settle (for comparison).
"""

from __future__ import annotations

import io
import sys
import time
from datetime import date

from pypdf import PdfReader

from consolidator.engine.index import open_index
from consolidator.query.snapshot import snapshot
from consolidator.render.pdf import html_to_pdf, print_context
from consolidator.render.pdf_layout import layout_pdf

DAY = date(2026, 12, 2)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--one-piece"]
    one_piece = len(args) < len(sys.argv) - 1
    day = date.fromisoformat(args[0]) if args else DAY
    index = open_index()
    views = args[1:] or ["adherent", "branche"]
    for view in views:
        start, cpu = time.perf_counter(), time.process_time()
        context = print_context(index, snapshot(index, day, view))
        middle = time.perf_counter()
        data = html_to_pdf(context.html()) if one_piece else layout_pdf(context)
        end, cpu_end = time.perf_counter(), time.process_time()
        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(
            f"PDF {view:<9} at {day}{' (one piece)' if one_piece else ''}: print HTML {(middle - start) * 1000:7.0f} ms, "
            f"layout {end - middle:6.1f} s, total {end - start:6.1f} s "
            f"(CPU {cpu_end - cpu:6.1f} s), {pages} pages, {len(data) / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
