"""Insertions: a new article, or a numbered sub-part of an article (alinéas of its parent)."""

from __future__ import annotations

from consolidator.draft.ops import (
    Drafted,
    _placeholder,
    _src,
    paras_of,
    subpart_ops,
    typed,
    unresolved,
)
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import Passage
from consolidator.draft.split import section_span
from consolidator.draft.view import ConventionView
from consolidator.model import InsertAlinea, InsertArticle, Placement, Where


def insert_op(
    view: ConventionView, num: str, title: str, body: list, p: Passage, year: int
) -> list[Drafted]:
    """insert-article, or for a numbered sub-part of an article (9.1.7 in 9.1) alinéa operations."""
    parent_num = num.rpartition(".")[0]
    if parent_num and "." in parent_num and view.resolve(parent_num):
        return subpart_insert(view, num, title, body, p)
    return [_insert_article_op(view, num, title, body, p, year)]


def subpart_insert(
    view: ConventionView, num: str, title: str, body: list, p: Passage
) -> list[Drafted]:
    parent = view.resolve(num.rpartition(".")[0]) or ""
    version = view.version(parent)
    assert version is not None
    if section_span(list(version.paragraphs), num) is not None:
        return subpart_ops(view, num, with_heading(num, title, body), p)
    head, _, last = num.rpartition(".")
    prev = (
        section_span(list(version.paragraphs), f"{head}.{int(last) - 1}")
        if last.isdigit()
        else None
    )
    end = prev is None or prev[1] == len(version.paragraphs)
    position = None if end else prev[1] + 1  # type: ignore[index]
    paras = paras_of(with_heading(num, title, body)) or _placeholder(p)[0]
    note = f"{num} is not an article of the corpus: its text is added as alinéas of {version.num} ({parent})"
    at = len(version.paragraphs) if end else prev[1]  # type: ignore[index]
    op = typed(InsertAlinea, _src(body, p.src), target=parent, position=position, paragraphs=paras)
    return [Drafted(op, min(p.instruction.confidence, 0.6), (note,), num, (at, at))]


def with_heading(num: str, title: str, body: list) -> list:
    """Sub-parts are alinéas: their heading is kept as the first one (« 9.1.7. Titre »)."""
    if not title:
        return body
    first = body[0] if body else None
    return [
        Block(first.start if first else 0, first.start if first else 0, f"{num}. {title}"),
        *body,
    ]


def _insert_article_op(
    view: ConventionView, num: str, title: str, body: list, p: Passage, year: int
) -> Drafted:
    paras = paras_of(body)
    doubts: list[str] = []
    conf = p.instruction.confidence
    if p.no_wording or not paras:
        paras, d = _placeholder(p)
        doubts += d
        conf = min(conf, 0.3)
    head, _, last = num.rpartition(".")
    after = None
    if last.isdigit() and int(last) > 1:
        after = view.resolve(f"{head}.{int(last) - 1}" if head else str(int(last) - 1))
    parent = view.parents.get(after) if after else view.chapter_of(num)
    if parent is None:
        return unresolved(p, num, InsertArticle, body)
    place = (
        Placement(Where.AFTER, after)
        if after
        else Placement(Where.FIRST if last == "1" else Where.LAST)
    )
    if not after:
        doubts.append(f"no article {num} - 1 in force: placed {place.where.value} in {parent}")
    op = typed(
        InsertArticle,
        _src(body, p.src),
        id=f"a{year}-{num}",
        num=num,
        title=title or None,
        parent=parent,
        place=place,
        paragraphs=paras,
    )
    return Drafted(op, conf, tuple(doubts), num)
