"""Precision and recall of `consolidator draft` over every amending act of the corpus.

Each act is drafted from its own text in the Legifrance export (the line range of its
<source file="004" lines="..."/>) against the convention in force the day before its
signature, and its drafted operations are matched with the curated ones (kind + target
id + position or words).

Run: `.venv/bin/python benchmarks/draft_eval.py [-v] [--corpus PATH]`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from consolidator.api import open_index
from consolidator.draft.evaluate import evaluate, evaluation_report
from consolidator.errors import ConsolidatorError

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list missed and extra operations"
    )
    parser.add_argument("--corpus", default=None, help="corpus folder (default: the embedded one)")
    args = parser.parse_args(argv)
    try:
        ev = evaluate(open_index(args.corpus), EXPORT)
    except ConsolidatorError as exc:
        print(f"error: {exc}")
        return 1
    print(evaluation_report(ev, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
