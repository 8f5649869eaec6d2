"""Drafting assistant: from the plain text of an amending act to a draft act file, and its check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from consolidator.draft.check import CheckResult, check_draft, check_report
from consolidator.draft.draft import draft_act, report
from consolidator.draft.links import ExportLinks
from consolidator.draft.result import Draft
from consolidator.draft.writer import write_act
from consolidator.engine.index import open_index
from consolidator.errors import QueryError


def draft_file(
    source: str | Path,
    corpus: str | Path | None = None,
    at: date | None = None,
    export: str | Path | None = None,
) -> tuple[bytes, str]:
    """Draft the act whose text is in `source`: (act XML, report for a person).

    `export`: a Legifrance export whose consolidated text the act's « (voir cet article) »
    links lead to; the wording they hide is taken from it.
    """
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read {path}: {exc}", file=str(path)) from None
    links = ExportLinks.read(export) if export is not None else None
    draft = draft_act(text, open_index(corpus), at=at, source_name=path.name, links=links)
    return write_act(draft), report(draft)


def check_file(act: str | Path, corpus: str | Path | None = None) -> tuple[bool, str]:
    """Replay the draft act file with the corpus: (no problem in the draft, report)."""
    result = check_draft(act, corpus)
    return result.ok, check_report(result)


__all__ = [
    "CheckResult",
    "Draft",
    "ExportLinks",
    "check_draft",
    "check_file",
    "draft_act",
    "draft_file",
    "report",
    "write_act",
]
