"""Frozen drafts produced by the Legifrance export importer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Note:
    """An editorial note at the end (or, for some NOTAs, the start) of a version block.

    ``kind`` is one of ``footnote``, ``nota``, ``note``, ``avenant-modificateur``,
    ``extension`` (a bare ``Texte étendu …`` / ``Arrêté du … : …`` line) or ``arrete-ref``
    (a lone ``(Arrêté du …)`` line that had no note before it to merge into).
    """

    kind: str
    text: str
    line: int
    arretes: tuple[date, ...] = ()
    call: str | None = None
    leading: bool = False
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """One physical line of wording, as printed in the export (not normalised)."""

    text: str
    line: int


@dataclass(frozen=True)
class Block:
    """One version block: a marker line, the wording below it and its notes."""

    marker: str
    marker_line: int
    start_line: int
    end_line: int
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...]
    article_line: int | None = None


@dataclass(frozen=True)
class Unit:
    """A heading unit of the base text: the préambule, a chapter clause or an article."""

    kind: str
    num: str | None
    title: str
    heading_line: int
    chapter: tuple[str, str] | None
    blocks: tuple[Block, ...]
    calls: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttachedArticle:
    """An article (or préambule, annex, untitled block group) of an attached text."""

    label: str | None
    title: str | None
    line: int
    blocks: tuple[Block, ...]
    section: str | None = None


@dataclass(frozen=True)
class AttachedText:
    """One attached text (annex, avenant, accord, salary agreement) of the export."""

    title: str
    start_line: int
    end_line: int
    articles: tuple[AttachedArticle, ...]
    signed: date | None
    cppni: date | None
    part: str
    kind: str = "texte"


@dataclass(frozen=True)
class ArreteDraft:
    """One extension order of the Textes Extensions part."""

    date: date
    line: int
    end_line: int
    text: str
    extends: tuple[str, ...]
    exclusions: tuple[str, ...]
    reservations: tuple[str, ...]
    bo: str | None
    marker_line: int | None = None
    article_line: int | None = None


@dataclass(frozen=True)
class Problem:
    """Something the importer could not place, or found suspicious, at a line."""

    line: int
    message: str
    kind: str = "unplaced"


@dataclass(frozen=True)
class Export:
    """The whole export, parsed into drafts."""

    path: str
    base: tuple[Unit, ...]
    attached: tuple[AttachedText, ...]
    salaries: tuple[AttachedText, ...]
    arretes: tuple[ArreteDraft, ...]
    problems: tuple[Problem, ...]
    title: str | None = None
    base_title: str | None = None
    chapters: tuple[tuple[str, str, int], ...] = ()
    line_count: int = 0
