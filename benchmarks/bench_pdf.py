"""Speed and size of the PDF: build time and page count of the consolidated convention, both views.

Run: `make bench-pdf` (or `.venv/bin/python benchmarks/bench_pdf.py [DATE [VIEW ...]]`). One run per view
(a full PDF takes tens of seconds); prints the time of the print HTML and of the WeasyPrint layout
apart, the CPU time (less sensitive than wall time to other processes on a shared machine), and
the number of pages, so the README figures can be reproduced.
"""

from __future__ import annotations

import io
import sys
import time
from datetime import date

from pypdf import PdfReader

from consolidator.engine.index import open_index
from consolidator.query.snapshot import snapshot
from consolidator.render.pdf import html_to_pdf, print_html

DAY = date(2026, 12, 2)


def main() -> None:
    day = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else DAY
    index = open_index()
    views = sys.argv[2:] or ["adherent", "branche"]
    for view in views:
        start, cpu = time.perf_counter(), time.process_time()
        html = print_html(index, snapshot(index, day, view))
        middle = time.perf_counter()
        data = html_to_pdf(html)
        end, cpu_end = time.perf_counter(), time.process_time()
        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(
            f"PDF {view:<9} at {day}: print HTML {(middle - start) * 1000:7.0f} ms, "
            f"layout {end - middle:6.1f} s, total {end - start:6.1f} s "
            f"(CPU {cpu_end - cpu:6.1f} s), {pages} pages, {len(data) / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
