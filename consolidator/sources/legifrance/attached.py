"""Parse the ``Textes Attachés`` and ``Textes Salaires`` parts into attached texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from consolidator.normalize import normalize_text
from consolidator.sources.legifrance.blocks import build_block
from consolidator.sources.legifrance.headers import Context, Header, Item, read_header
from consolidator.sources.legifrance.lines import (
    PREAMBLE,
    clean_spaces,
    find_dates_after,
    is_marker,
    same_title,
)
from consolidator.sources.legifrance.model import AttachedArticle, AttachedText, Block, Problem

_ANNEX_TITLE = re.compile(r"^Annexe\b", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:Fait à\s+)?[^\W\d_][^,]{0,40},\s+le\s+(?:\d|\[)", re.IGNORECASE)
UNTITLED = "(sans titre)"


@dataclass
class _ArticleAcc:
    label: str | None
    title: str | None
    section: str | None
    line: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _TextAcc:
    title: str
    line: int
    kind: str
    opened_with_preamble: bool
    articles: list[_ArticleAcc] = field(default_factory=list)


def _run_above(lines: Sequence[str], marker: int, floor: int) -> list[Item]:
    """Non-empty lines directly above a marker, oldest first, never crossing ``floor``."""
    items: list[Item] = []
    idx = marker - 1
    while idx >= floor and lines[idx].strip() and not is_marker(lines[idx]):
        items.append((idx + 1, lines[idx]))
        idx -= 1
    return items[::-1]


def _context(texts: list[_TextAcc], annex_zone: bool) -> Context:
    if not texts:
        return Context(annex_zone=annex_zone)
    text = texts[-1]
    numbered = any(a.label not in (None, PREAMBLE) for a in text.articles)
    return Context(text.title, numbered, text.opened_with_preamble, annex_zone)


def _same_article(
    last: _ArticleAcc | None, header: Header, label: str | None, heading: str | None
) -> bool:
    """``ARTICLE 8`` right after ``ARTICLE 8`` is another version of the same article."""
    if last is None or header.text is not None or label is None or last.label != label:
        return False
    return heading is None or last.title is None or same_title(heading, last.title)


def _open_text(texts: list[_TextAcc], header: Header, marker_line: int, part: str) -> None:
    """Start a new attached text (an untitled one if a block comes before any title)."""
    line, title = header.text or (marker_line, UNTITLED)
    kind = "annexe" if part == "attaches" and _ANNEX_TITLE.match(title) else "texte"
    texts.append(_TextAcc(clean_spaces(title), line, kind, header.preamble))


def _place(texts: list[_TextAcc], header: Header, marker_line: int, part: str) -> _ArticleAcc:
    """Open the text and article a header asks for; return the article of the new block."""
    if header.text is not None or not texts:
        _open_text(texts, header, marker_line, part)
    text = texts[-1]
    last = text.articles[-1] if text.articles else None
    if header.article is not None:
        label, heading, section, line = header.article
        if _same_article(last, header, label, heading):
            assert last is not None
            return last
        text.articles.append(_ArticleAcc(label, heading, section, line))
    elif last is None or header.text is not None:
        text.articles.append(_ArticleAcc(None, None, None, text.line))
    return text.articles[-1]


def _unplaced(lines: Sequence[str], start: int, stop: int) -> list[Problem]:
    return [
        Problem(idx + 1, f"line outside any block: {lines[idx].strip()[:80]!r}")
        for idx in range(start, stop)
        if lines[idx].strip()
    ]


def _segment(
    lines: Sequence[str], start: int, stop: int, part: str
) -> tuple[list[_TextAcc], list[Problem]]:
    """Walk the markers of a part, reading each header and closing the previous block."""
    texts: list[_TextAcc] = []
    problems: list[Problem] = []
    annex_zone = part == "attaches"
    pending: tuple[int, _ArticleAcc, int | None] | None = None
    floor = start
    for marker in (idx for idx in range(start, stop) if is_marker(lines[idx])):
        run = _run_above(lines, marker, floor)
        header = read_header(run, _context(texts, annex_zone))
        head_idx = run[header.start][0] - 1 if header.start < len(run) else marker
        if pending is None:
            problems += _unplaced(lines, start, head_idx)
        else:
            _close(lines, pending, head_idx)
        if header.text is not None and not _ANNEX_TITLE.match(header.text[1].strip()):
            annex_zone = False
        article = _place(texts, header, marker + 1, part)
        problems += _check_continuation(article, header, lines[marker].strip(), marker + 1)
        article_idx = None if header.article_line is None else header.article_line - 1
        pending = (marker, article, article_idx)
        floor = marker + 1
    if pending is not None:
        _close(lines, pending, stop)
    return texts, problems


def _check_continuation(
    article: _ArticleAcc, header: Header, marker: str, line: int
) -> list[Problem]:
    """A block with no header, in force like the block before it, is probably an untitled part."""
    if header.text or header.article or not article.blocks or not marker.startswith("en vigueur"):
        return []
    if article.blocks[-1].marker != marker:
        return []
    name = f"ARTICLE {article.label}" if article.label else repr(article.title or "(untitled)")
    message = f"block without header, in the same state as the block before, attached to {name}"
    return [Problem(line, message, "anomaly")]


def _close(lines: Sequence[str], pending: tuple[int, _ArticleAcc, int | None], stop: int) -> None:
    marker, article, article_idx = pending
    article.blocks.append(build_block(lines, marker, stop, article_idx))


def _dates(text: _TextAcc, problems: list[Problem]) -> tuple[date | None, date | None]:
    """Signature date (``Fait à Paris, le …``) and CPPNI date (``lors de la CPPNI du …``)."""
    signed: date | None = None
    cppni: date | None = None
    for article in text.articles:
        for block in article.blocks:
            for para in block.paragraphs:
                clean = normalize_text(para.text)
                if _SIGNATURE.match(clean) and len(clean) < 80:
                    found = find_dates_after(clean, r",\s+le")
                    if found is None:
                        problems.append(
                            Problem(para.line, f"signature without a date: {clean!r}", "anomaly")
                        )
                    signed = signed or found
                if cppni is None and "CPPNI du" in clean:
                    cppni = find_dates_after(clean, r"(?:lors|à l'occasion) de la CPPNI du")
    return signed, cppni


def _audit(text: _TextAcc, problems: list[Problem]) -> None:
    """``ARTICLE n`` labels repeated out of sequence; blocks without wording."""
    seen: set[str] = set()
    previous: str | None = None
    for article in text.articles:
        numbered = article.label is not None and article.blocks[0].article_line is not None
        if numbered and article.label in seen and article.label != previous:
            message = f"ARTICLE {article.label} repeated in {text.title!r}"
            problems.append(Problem(article.line, message, "anomaly"))
        if numbered and article.label is not None:
            seen.add(article.label)
            previous = article.label
        problems += [
            Problem(block.marker_line, "version block without wording", "anomaly")
            for block in article.blocks
            if not block.paragraphs
        ]


def _freeze(text: _TextAcc, part: str, problems: list[Problem]) -> AttachedText:
    signed, cppni = _dates(text, problems)
    _audit(text, problems)
    articles = tuple(
        AttachedArticle(a.label, a.title, a.line, tuple(a.blocks), a.section) for a in text.articles
    )
    end = max(b.end_line for a in articles for b in a.blocks)
    return AttachedText(text.title, text.line, end, articles, signed, cppni, part, text.kind)


def parse_texts(
    lines: Sequence[str], start: int, stop: int, part: str
) -> tuple[tuple[AttachedText, ...], list[Problem]]:
    """Attached texts between 0-based ``start`` (after the part title) and ``stop``."""
    texts, problems = _segment(lines, start, stop, part)
    for text in texts:
        if text.title == UNTITLED:
            problems.append(Problem(text.line, "version block before any text title"))
    return tuple(_freeze(text, part, problems) for text in texts), problems
