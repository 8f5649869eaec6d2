"""Parse the ``Texte de base`` part: chapters, heading units and their version blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from consolidator.sources.legifrance.blocks import build_block
from consolidator.sources.legifrance.lines import (
    PREAMBLE,
    article_label,
    clean_spaces,
    is_marker,
    roman_to_int,
)
from consolidator.sources.legifrance.model import Block, Problem, Unit

_DASH = "[-\u2013\u2014\u2015\u2212]"
_CALLS = r"(?P<calls>(?:\s*\((?:\d+|\*)\))*)"
_CHAPTER = re.compile(
    r"^(?P<num>[IVXL]+)\s?\.?\s*" + _DASH + r"\s*(?P<title>.+?)" + _CALLS + r"\s*$"
)
_HEADING = re.compile(
    r"^(?P<num>\d{1,2}\s?\.\s?\d{1,2})(?!\s?\.\s?\d)\.?"
    r"(?P<pre>(?:\s*\((?:\d+|\*)\))*)\s*(?:" + _DASH + r"\s+)?(?P<title>\S.*?)" + _CALLS + r"\s*$"
)
_CALL = re.compile(r"\((\d+|\*)\)")


@dataclass(frozen=True)
class Chapter:
    """A chapter heading line of the base text."""

    num: str
    title: str
    idx: int
    calls: tuple[str, ...]


@dataclass(frozen=True)
class _Head:
    """The heading above a marker: where it starts and what unit it opens (None: same unit)."""

    start: int
    article_idx: int | None
    unit: tuple[str, str | None, str, tuple[str, ...]] | None


def parse_chapter(line: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Roman number, title and footnote calls of a chapter heading, or None.

    >>> parse_chapter("XI. - Service national et journée citoyenne (1)")
    ('XI', 'Service national et journée citoyenne', ('1',))
    >>> parse_chapter("II - Droit syndical")
    ('II', 'Droit syndical', ())
    >>> parse_chapter("1.1. Champ d'application") is None
    True
    """
    match = _CHAPTER.match(clean_spaces(line))
    if not match:
        return None
    try:
        roman_to_int(match.group("num"))
    except ValueError:
        return None
    return match.group("num"), match.group("title"), tuple(_CALL.findall(match.group("calls")))


def parse_heading(line: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Number, title and footnote calls of a base-text article heading, or None.

    >>> parse_heading("1.1. Champ d'application (1)")
    ('1.1', "Champ d'application", ('1',))
    >>> parse_heading("11.2 (1) Appel de préparation à la défense")
    ('11.2', 'Appel de préparation à la défense', ('1',))
    >>> parse_heading("2.8 - Financement du dialogue social")
    ('2.8', 'Financement du dialogue social', ())
    >>> parse_heading("2. 6. 1. Conditions d'exercice des mandats") is None
    True
    """
    match = _HEADING.match(clean_spaces(line))
    if not match:
        return None
    num = re.sub(r"\s", "", match.group("num"))
    calls = _CALL.findall(match.group("pre")) + _CALL.findall(match.group("calls"))
    return num, match.group("title"), tuple(calls)


def find_chapters(lines: Sequence[str], start: int, stop: int) -> list[Chapter]:
    """Chapter headings, accepted only in sequence I, II, III … so that content cannot pose as one."""
    chapters: list[Chapter] = []
    for idx in range(start, stop):
        parsed = parse_chapter(lines[idx])
        if parsed and roman_to_int(parsed[0]) == len(chapters) + 1:
            chapters.append(Chapter(parsed[0], parsed[1], idx, parsed[2]))
    return chapters


def _head(lines: Sequence[str], marker: int, chapter_idx: dict[int, Chapter]) -> _Head:
    """Classify the lines just above a marker."""
    above = marker - 1
    article_idx = above if article_label(lines[above]) == "" else None
    if article_idx is not None:
        above -= 1
    text = lines[above].strip()
    if above in chapter_idx:
        chapter = chapter_idx[above]
        return _Head(above, article_idx, ("chapter", chapter.num, chapter.title, chapter.calls))
    if text == PREAMBLE:
        return _Head(above, article_idx, ("preambule", None, PREAMBLE, ()))
    heading = parse_heading(text)
    if heading:
        return _Head(above, article_idx, ("article", *heading))
    return _Head(marker if article_idx is None else article_idx, article_idx, None)


def _outside_chapter(unit: Unit) -> bool:
    """Does an article's number disagree with its chapter (``3.1`` under chapter II)?"""
    if unit.kind != "article" or unit.chapter is None or unit.num is None:
        return False
    return int(unit.num.split(".")[0]) != roman_to_int(unit.chapter[0])


def _check_unit(unit: Unit, problems: list[Problem]) -> None:
    """Audit one unit: chapter/number agreement, heading calls without a footnote."""
    if _outside_chapter(unit):
        message = f"article {unit.num} under chapter {unit.chapter and unit.chapter[0]}"
        problems.append(Problem(unit.heading_line, message, "anomaly"))
    calls = {note.call for block in unit.blocks for note in block.notes}
    for call in unit.calls:
        if call not in calls:
            problems.append(
                Problem(
                    unit.heading_line, f"heading call ({call}) has no footnote ({call})", "anomaly"
                )
            )


def _body_stop(start: int, stop: int, chapter_idx: dict[int, Chapter]) -> int:
    """A block body ends at the next chapter heading, if one comes before ``stop``."""
    return next((idx for idx in range(start, stop) if idx in chapter_idx), stop)


def _unplaced(lines: Sequence[str], start: int, stop: int, skip: set[int]) -> list[Problem]:
    return [
        Problem(idx + 1, f"line outside any block: {lines[idx].strip()[:80]!r}")
        for idx in range(start, stop)
        if lines[idx].strip() and idx not in skip
    ]


def parse_base(
    lines: Sequence[str], start: int, stop: int
) -> tuple[tuple[Unit, ...], list[Chapter], str | None, list[Problem]]:
    """Units of the base text between 0-based ``start`` (after the part title) and ``stop``."""
    chapters = find_chapters(lines, start, stop)
    chapter_idx = {c.idx: c for c in chapters}
    markers = [idx for idx in range(start, stop) if is_marker(lines[idx])]
    heads = [_head(lines, m, chapter_idx) for m in markers]
    problems: list[Problem] = []
    units: list[tuple[_Head, list[Block]]] = []
    for k, (marker, head) in enumerate(zip(markers, heads, strict=True)):
        nxt = heads[k + 1].start if k + 1 < len(heads) else stop
        body_stop = _body_stop(marker + 1, nxt, chapter_idx)
        problems += _unplaced(lines, body_stop, nxt, set(chapter_idx))
        block = build_block(lines, marker, body_stop, head.article_idx)
        if head.unit is not None:
            units.append((head, [block]))
        elif units:
            units[-1][1].append(block)
        else:
            problems.append(Problem(marker + 1, "version block before any heading"))
    first = heads[0].start if heads else stop
    title_idx = next((i for i in range(start, first) if lines[i].strip()), None)
    skip = set(chapter_idx) if title_idx is None else set(chapter_idx) | {title_idx}
    problems += _unplaced(lines, start, first, skip)
    frozen = tuple(_freeze(head, blocks, chapters) for head, blocks in units)
    for unit in frozen:
        _check_unit(unit, problems)
    base_title = None if title_idx is None else lines[title_idx].strip()
    return frozen, chapters, base_title, problems


def _freeze(head: _Head, blocks: list[Block], chapters: list[Chapter]) -> Unit:
    assert head.unit is not None
    kind, num, title, calls = head.unit
    chapter = max((c for c in chapters if c.idx <= head.start), key=lambda c: c.idx, default=None)
    return Unit(
        kind=kind,
        num=num,
        title=title,
        heading_line=head.start + 1,
        chapter=None if chapter is None or kind == "preambule" else (chapter.num, chapter.title),
        blocks=tuple(blocks),
        calls=calls,
    )
