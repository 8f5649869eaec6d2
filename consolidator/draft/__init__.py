"""Drafting assistant: from the plain text of an amending act to a draft act file, and its check."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from consolidator.corpus.xml import read_input
from consolidator.draft.check import CheckResult, check_draft, check_report
from consolidator.draft.draft import draft_act, report
from consolidator.draft.links import ExportLinks
from consolidator.draft.result import Draft, write_act
from consolidator.engine.index import open_index
from consolidator.errors import CorpusError, QueryError

MAX_SOURCE_BYTES = 64 * 1024 * 1024
# characters XML 1.0 cannot hold (form feeds of pdftotext, stray controls): a space in the draft
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def read_source_text(path: Path) -> str:
    """The text of an avenant (UTF-8, a BOM dropped), refused when compressed, too large or not
    UTF-8 (QueryError naming the line)."""
    try:
        data = read_input(path, MAX_SOURCE_BYTES, "source")
    except CorpusError as exc:
        raise QueryError(exc.diagnostic.message, file=str(path), hint=exc.diagnostic.hint) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise QueryError(
            f"not UTF-8 text (byte {data[exc.start]:#04x})",
            file=str(path),
            line=line,
            hint="convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)",
        ) from None
    return _NOT_XML.sub(" ", text)


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
    text = read_source_text(path)
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
