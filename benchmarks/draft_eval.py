"""Precision and recall of `consolidator draft` over every amending act of the corpus.

Each act is drafted from its own text in the Legifrance export (the line range of its
<source file="004" lines="..."/>) against the convention in force the day before its
signature; « (voir cet article) » is followed to the same export's consolidated text.
Two figures: op level (drafted operations matched with the curated ones: kind + target id +
position or words) and effect level (the alinéa changes each act's operations make, replayed
on the eve's wording article by article: a rewritten alinéa equal to the curated word
operations' result counts as found). Each is given over every act and over the acts whose
004 range holds an amending text (not an arrêté or a consolidated block).

Run: `.venv/bin/python benchmarks/draft_eval.py [-v] [--check] [--corpus PATH]`.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from consolidator.draft import check_draft, write_act
from consolidator.draft.evaluate import amending_acts, draft_of, evaluate, evaluation_report
from consolidator.draft.links import ExportLinks
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.errors import ConsolidatorError

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list missed and extra operations"
    )
    parser.add_argument("--corpus", default=None, help="corpus folder (default: the embedded one)")
    parser.add_argument(
        "--check", action="store_true", help="also replay each draft with the corpus (slow)"
    )
    args = parser.parse_args(argv)
    try:
        index = open_index(args.corpus)
        ev = evaluate(index, EXPORT)
    except ConsolidatorError as exc:
        print(f"error: {exc}")
        return 1
    print(evaluation_report(ev, args.verbose))
    if args.check:
        print(replay_report(index, args.corpus))
    return 0


def replay_report(index: VersionIndex, corpus: str | None) -> str:
    """How many drafts replay with the corpus without a problem of their own."""
    export = EXPORT.read_text(encoding="utf-8").split("\n")
    links = ExportLinks.read(EXPORT)
    clean = 0
    lines = []
    acts = amending_acts(index)
    with tempfile.TemporaryDirectory() as tmp:
        for act in acts:
            try:
                draft = draft_of(index, act, export, links)
            except ConsolidatorError as exc:
                lines.append(f"  {act.id}: no draft ({exc.diagnostic.message})")
                continue
            path = Path(tmp) / f"{act.id}.xml"
            path.write_bytes(write_act(replace(draft, act_id=act.id)))
            result = check_draft(path, corpus)
            clean += result.ok
            if not result.ok:
                lines.append(
                    f"  {act.id}: {len(result.own)} problem(s), first: {result.own[0].message}"
                )
    return "\n".join(
        [f"drafts replaying cleanly in place of the curated act: {clean}/{len(acts)}", *lines]
    )


if __name__ == "__main__":
    raise SystemExit(main())
