"""Every AKN document of every date of the timeline, in both views, against akomantoso30.xsd.

Run: `.venv/bin/python benchmarks/akn_validate.py`. The test suite validates a spread of dates
(tests/export/test_export_akn.py); this script validates them all and exits 1 on any schema error.
It also times `export git` (in memory, both views) and the change feed over the whole corpus.
"""

from __future__ import annotations

import sys
import time

from consolidator.engine.index import open_index
from consolidator.export.akn import documents, validate
from consolidator.query.events import timeline_events
from consolidator.query.snapshot import first_day


def main() -> int:
    index = open_index()
    start = first_day(index)
    days = sorted({e.date for e in timeline_events(index) if e.date and e.date >= start})
    began = time.perf_counter()
    docs = errors = 0
    for day in days:
        for view in ("adherent", "branche"):
            for doc in documents(index, day, view):
                docs += 1
                problems = validate(doc)
                errors += len(problems)
                for p in problems[:3]:
                    print(f"{day} {view} {p}")
    took = time.perf_counter() - began
    print(
        f"akn: {len(days)} dates x 2 views, {docs} documents, {errors} schema errors, {took:.1f} s"
    )
    from consolidator.export.git import build
    from consolidator.query.changes import attribute

    began = time.perf_counter()
    _, _, _, commits = build(index)
    print(f"export git (in memory): {commits} commits, {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    found = attribute(index)
    print(f"change feed data: {len(found.events)} events, {time.perf_counter() - began:.1f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
