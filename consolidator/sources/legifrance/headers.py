"""Read the header lines above a marker in the attached and salary texts.

The lines directly above a marker (up to the previous empty line) mix, from top to
bottom, the tail of the previous block (a glued note, a table row, a list item) and the
header proper: a new text's short title, ``ARTICLE n``, an article title, ``Préambule``,
an annex title, or the text title repeated. :func:`read_header` splits the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consolidator.normalize import normalize_text
from consolidator.sources.legifrance.lines import (
    FIRST_LABELS,
    PREAMBLE,
    article_label,
    clean_spaces,
    is_title_like,
    note_kind,
    same_title,
)

Item = tuple[int, str]
_ANNEX = re.compile(r"^(?:Annexes?|ANNEXES?)\b")
_CHAPTER = re.compile(r"^Chapitre\s+([IVXL]+(?:er)?)\s+(\S.*)$")
_SECTION = re.compile(r"^(\d+)\.\s+(\S.*)$")


@dataclass(frozen=True)
class Context:
    """What the reader needs to know about the text being read."""

    title: str | None = None
    has_articles: bool = False
    opened_with_preamble: bool = False
    annex_zone: bool = False


@dataclass(frozen=True)
class Header:
    """A header: ``start`` is the index (in the run) of its first line; earlier lines are tail.

    ``article`` is ``(label, title, section, line)`` for a new article, None to continue the
    current one; ``text`` is ``(title, line)`` when a new text opens here.
    """

    start: int
    text: Item | None = None
    article: tuple[str | None, str | None, str | None, int] | None = None
    article_line: int | None = None
    preamble: bool = False


def _title_line(run: list[Item], idx: int) -> Item | None:
    """``run[idx]`` when it exists and looks like a heading (not ``ARTICLE``, not content)."""
    if idx < 0 or idx >= len(run):
        return None
    text = run[idx][1]
    if article_label(text) is not None or normalize_text(text) == PREAMBLE:
        return None
    return run[idx] if is_title_like(text) else None


def _opens_text(label: str, ctx: Context) -> bool:
    """Does a title above ``ARTICLE 1`` name a new text rather than the article?"""
    if label not in FIRST_LABELS:
        return False
    return ctx.title is None or ctx.has_articles or not ctx.opened_with_preamble


def _article_header(run: list[Item], pos: int, ctx: Context) -> Header:
    """Layouts around an ``ARTICLE n`` line at ``run[pos]``."""
    line, raw = run[pos]
    label = article_label(raw) or None
    x = run[pos + 1] if pos + 1 < len(run) else None
    c = _title_line(run, pos - 1)
    repeated = x is not None and ctx.title is not None and _repeats(x[1], ctx.title)
    new_text = c if c and not repeated and _opens_text(label or "", ctx) else None
    title = clean_spaces(x[1]) if x and not repeated else None
    section = None
    if c and not new_text:
        if title is None:
            title = clean_spaces(c[1])
        else:
            section = clean_spaces(c[1])
    start = pos - 1 if c else pos
    head_line = c[0] if c and not new_text else line
    return Header(start, new_text, (label, title, section, head_line), article_line=line)


def _preamble_header(run: list[Item], pos: int) -> Header:
    """``[short title] Préambule [short title repeated]``."""
    above = _title_line(run, pos - 1)
    article = (PREAMBLE, None, None, run[pos][0])
    if above:
        return Header(pos - 1, above, article, preamble=True)
    return Header(pos, None, article)


def _repeats(line: str, title: str) -> bool:
    """Is ``line`` the current text's title printed again (``ANNEXE I - …``, ``… ANNEXE``)?"""
    if same_title(line, title):
        return True
    return bool(re.search(r"\bANNEXE\b", line)) and same_title(line, title, prefix=True)


def _annex_header(run: list[Item], ctx: Context) -> Header | None:
    """Annex titles, their uppercase repetitions, and the text title repeated."""
    n, last = len(run), run[-1]
    above = _title_line(run, n - 2)
    section = above if above and _SECTION.match(clean_spaces(above[1])) else None
    j = n - 3 if section else n - 2
    top = _title_line(run, j)
    if top and same_title(top[1], last[1], prefix=True):
        return Header(j, top, _section_article(section) if section else None)
    if ctx.title and _repeats(last[1], ctx.title):
        return Header(n - 2, None, _section_article(above)) if above else Header(n - 1)
    if not _ANNEX.match(normalize_text(last[1])):
        return None
    if ctx.annex_zone or ctx.title is None:
        return Header(n - 1, last, None)
    if above and _ANNEX.match(normalize_text(above[1])):
        return Header(n - 2, None, (None, clean_spaces(last[1]), clean_spaces(above[1]), above[0]))
    return Header(n - 1, None, (None, clean_spaces(last[1]), None, last[0]))


def _section_article(item: Item) -> tuple[str | None, str | None, str | None, int]:
    """``1. Principes de base`` → label ``1``; ``Chapitre Ier Définition`` → ``Chapitre Ier``."""
    text = clean_spaces(item[1])
    section = _SECTION.match(text)
    if section:
        return section.group(1), section.group(2), None, item[0]
    chapter = _CHAPTER.match(text)
    if chapter:
        return f"Chapitre {chapter.group(1)}", chapter.group(2), None, item[0]
    return None, text, None, item[0]


def _titled_header(run: list[Item]) -> Header | None:
    """``Chapitre …`` / ``1. …`` article headings, else a new text's short title."""
    n = len(run)
    last = _title_line(run, n - 1)
    if last is None:
        return None
    text = clean_spaces(last[1])
    if _CHAPTER.match(text) or _SECTION.match(text):
        above = _title_line(run, n - 2)
        if above and _CHAPTER.match(clean_spaces(above[1])):
            label, title, _, line = _section_article(last)
            return Header(n - 2, None, (label, title, clean_spaces(above[1]), line))
        return Header(n - 1, None, _section_article(last))
    above = _title_line(run, n - 2)
    if above and same_title(above[1], last[1]):
        return Header(n - 2, above, None)
    return Header(n - 1, last, None)


def read_header(run: list[Item], ctx: Context) -> Header:
    """Interpret the non-empty lines directly above a marker (oldest first)."""
    n = len(run)
    if n == 0:
        return Header(0)
    for pos in (n - 1, n - 2):
        if pos >= 0 and article_label(run[pos][1]) is not None:
            if article_label(run[pos][1]) == PREAMBLE:
                return _preamble_header(run, pos)
            return _article_header(run, pos, ctx)
    texts = [normalize_text(text) for _, text in run]
    if texts[-1] == PREAMBLE:
        return _preamble_header(run, n - 1)
    if n >= 3 and texts[-2] == PREAMBLE and same_title(texts[-1], texts[-3]):
        return _preamble_header(run, n - 2)
    if note_kind(run[-1][1]) is not None:
        return Header(n)
    header = _annex_header(run, ctx) or _titled_header(run)
    return header if header is not None else Header(n)
