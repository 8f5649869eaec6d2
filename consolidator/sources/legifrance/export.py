"""Import the Legifrance plain-text export of IDCC 2128 into structured drafts.

The export has four parts, each announced by a whole line: ``Texte de base``,
``Textes Attachés``, ``Textes Salaires`` and ``Textes Extensions``. This module finds
them and hands each to its parser; :func:`report` and :func:`to_json` summarise the result.
It is a bootstrap and audit tool: whatever it cannot place is listed in
``Export.problems`` with its line number.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from consolidator.corpus.xml import read_input
from consolidator.errors import CorpusError
from consolidator.sources.legifrance.arretes import parse_arretes
from consolidator.sources.legifrance.attached import parse_texts
from consolidator.sources.legifrance.base import parse_base
from consolidator.sources.legifrance.lines import (
    PART_TITLES,
    find_arrete_dates,
    parse_arrete_header,
    parse_french_date,
)
from consolidator.sources.legifrance.model import (
    ArreteDraft,
    AttachedArticle,
    AttachedText,
    Block,
    Export,
    Note,
    Paragraph,
    Problem,
    Unit,
)
from consolidator.sources.legifrance.report import (
    duplicate_texts,
    marker_counts,
    report,
    to_json,
)

__all__ = [
    "ArreteDraft",
    "AttachedArticle",
    "AttachedText",
    "Block",
    "Export",
    "Note",
    "Paragraph",
    "Problem",
    "Unit",
    "duplicate_texts",
    "find_arrete_dates",
    "marker_counts",
    "parse_arrete_header",
    "parse_export",
    "parse_french_date",
    "parse_lines",
    "report",
    "to_json",
]

log = logging.getLogger(__name__)

_HINT = "expected a Legifrance/KALI plain-text export with the four part titles as whole lines"


def _locate_parts(lines: Sequence[str], path: str) -> list[int]:
    """0-based index of each part title; CorpusError if one is missing, repeated or misplaced."""
    found: list[int] = []
    for title in PART_TITLES:
        hits = [idx for idx, line in enumerate(lines) if line.strip() == title]
        if not hits:
            raise CorpusError(f"part title {title!r} not found", file=path, hint=_HINT)
        if len(hits) > 1:
            raise CorpusError(
                f"part title {title!r} occurs {len(hits)} times",
                file=path,
                line=hits[1] + 1,
                hint=_HINT,
            )
        if found and hits[0] < found[-1]:
            raise CorpusError(
                f"part title {title!r} out of order", file=path, line=hits[0] + 1, hint=_HINT
            )
        found.append(hits[0])
    return found


def _document_title(lines: Sequence[str], stop: int) -> str | None:
    """The ``Convention collective …`` line of the header, else its first non-empty line."""
    header = [line.strip() for line in lines[:stop] if line.strip()]
    return next((line for line in header if line.startswith("Convention collective")), None) or (
        header[0] if header else None
    )


def parse_lines(lines: list[str], path: str = "<memory>") -> Export:
    """Parse an export already split into lines (with or without their line ends)."""
    clean = [line.rstrip("\r\n") for line in lines]
    base_at, attached_at, salaries_at, arretes_at = _locate_parts(clean, path)
    base, chapters, base_title, problems = parse_base(clean, base_at + 1, attached_at)
    attached, found = parse_texts(clean, attached_at + 1, salaries_at, "attaches")
    problems += found
    salaries, found = parse_texts(clean, salaries_at + 1, arretes_at, "salaires")
    problems += found
    arretes, found = parse_arretes(clean, arretes_at + 1, len(clean))
    problems += found
    log.debug(
        "%s: %d units, %d attached texts, %d salary texts, %d arrêtés",
        path,
        len(base),
        len(attached),
        len(salaries),
        len(arretes),
    )
    if problems:
        log.info("%s: %d problems", path, len(problems))
    return Export(
        path=path,
        base=base,
        attached=attached,
        salaries=salaries,
        arretes=arretes,
        problems=tuple(sorted(problems, key=lambda p: p.line)),
        title=_document_title(clean, base_at),
        base_title=base_title,
        chapters=tuple((c.num, c.title, c.idx + 1) for c in chapters),
        line_count=len(clean),
    )


MAX_EXPORT_BYTES = 64 * 1024 * 1024  # the whole convention's export is ~1.5 MiB


def _read_text(path: Path) -> str:
    """The file as text; CorpusError when it cannot be read or is not UTF-8 text."""
    data = read_input(path, MAX_EXPORT_BYTES, "export")  # size and compression refused here
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CorpusError(
            f"export is not valid UTF-8 (byte {exc.start})", file=str(path), line=line, hint=_HINT
        ) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CorpusError("export looks binary (NUL byte)", file=str(path), line=line, hint=_HINT)
    return text.removeprefix("\ufeff")


def parse_export(path: str | Path) -> Export:
    """Read and parse the export at ``path``."""
    text = _read_text(Path(path))
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return parse_lines(lines, str(path))
