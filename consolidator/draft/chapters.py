"""A whole chapter rewritten by an act: new articles matched with the current ones or re-enacted.

Articles of the base text keep their identity when the new chapter carries their subject
(the corpus's D-001: avenant n° 13 renumbers and rewrites chapter II); a chapter that one
amending act already re-enacted whole and that a later act « abroge et remplace » is
repealed article by article and inserted anew (D-202: chapter IX in 2015).
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from consolidator.draft.ops import (
    Drafted,
    _placeholder,
    _src,
    _title_block,
    heading_split,
    paras_of,
    strip_quotes,
    typed,
    unresolved,
)
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import Passage
from consolidator.draft.view import ConventionView, expect_of
from consolidator.model import (
    InsertArticle,
    Placement,
    RenumberArticle,
    RepealArticle,
    ReplaceArticle,
    Version,
    Where,
)
from consolidator.normalize import normalize_text

Item = tuple[str, str, list[Block]]


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(
        None, normalize_text(a).split(), normalize_text(b).split(), autojunk=False
    ).ratio()


def rewrite_chapter(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    """A whole chapter rewritten: match new articles to current ones by title and wording."""
    blocks = strip_quotes(p.text)
    pieces = [x for x in heading_split(blocks, 2) if x[0]]
    out: list[Drafted] = []
    by_chapter: dict[str, list[tuple[str, str, list]]] = {}
    for num, title, body in pieces:
        by_chapter.setdefault(num.split(".")[0], []).append((num, title, body))
    for head, items in sorted(by_chapter.items(), key=lambda kv: int(kv[0])):
        section = view.chapter_of(head + ".1")
        if section is None:
            out += [unresolved(p, num, ReplaceArticle, body) for num, _, body in items]
            continue
        current = [v for v in view.articles() if view.parents.get(v.article) == section]
        if not current or (p.instruction.sub == "abroge" and _wholesale(view, current)):
            out += _replace_chapter(p, year, section, current, items)
        else:
            out += _match_chapter(view, p, year, section, current, items)
    return out


def _wholesale(view: ConventionView, current: list[Version]) -> bool:
    """True when every current article of the chapter was written by one and the same
    amending act (a chapter already re-enacted whole): it is then repealed and re-inserted
    (the corpus's D-202), while articles of the base text keep their identity (D-001)."""
    origins = {view.index.versions[v.article][0].act for v in current}
    return len(origins) == 1 and view.base not in origins


def _replace_chapter(
    p: Passage,
    year: int,
    section: str,
    current: list[Version],
    items: list[Item],
) -> list[Drafted]:
    """Repeal what the chapter holds, insert every new article."""
    why = "the chapter is abrogé et remplacé: its articles are repealed and the new ones inserted (D-202)"
    out = [_repeal(v, p.src, 0.6, why) for v in current]
    prev: str | None = None
    for num, title, body in items:
        title, body = _title_block(body, title)
        op = _new_article(p, year, section, prev, num, title, body)
        doubts = (
            () if current else ("the chapter holds no article in force: every article is inserted",)
        )
        out.append(replace(op, confidence=0.6, doubts=doubts))
        prev = f"a{year}-{num}"
    return out


def _assign(current: list[Version], items: list[Item]) -> dict[int, str]:
    """New article index -> current article id, best wording or title match first (>= 0.3)."""
    scores = []
    for i, (_num, title, body) in enumerate(items):
        text = " ".join(b.text for b in body)
        for v in current:
            s = max(_similar(title, v.title or "") if v.title else 0.0, _similar(text, v.text))
            scores.append((s, i, v.article))
    taken: dict[int, str] = {}
    for s, i, art in sorted(scores, reverse=True):
        if s >= 0.3 and i not in taken and art not in taken.values():
            taken[i] = art
    return taken


def _match_chapter(
    view: ConventionView,
    p: Passage,
    year: int,
    section: str,
    current: list[Version],
    items: list[Item],
) -> list[Drafted]:
    """Renumber and rewrite the matched articles, insert the others, repeal what is left."""
    taken = _assign(current, items)
    renumbers: list[Drafted] = []
    rest: list[Drafted] = []
    prev: str | None = None
    for i, (num, title, body) in enumerate(items):
        title, body = _title_block(body, title)
        src = _src(body, p.src)
        version = view.version(taken[i]) if i in taken else None
        if version is None:
            rest.append(_new_article(p, year, section, prev, num, title, body))
            prev = f"a{year}-{num}"
            continue
        if version.num != num:
            renumber = typed(
                RenumberArticle,
                src,
                target=version.article,
                from_num=version.num or "",
                to_num=num,
                title=title or None,
            )
            why = f"chapter rewrite: {version.num} matched to new {num} by wording"
            renumbers.append(Drafted(renumber, 0.5, (why,), num))
        expect = expect_of(version.paragraphs[0]) if version.paragraphs else num
        paras = paras_of(body) or _placeholder(p)[0]
        rewrite = typed(
            ReplaceArticle, src, target=version.article, expect=expect, paragraphs=paras
        )
        rest.append(Drafted(rewrite, 0.5, ("chapter rewrite",), num))
        prev = version.article
    renumbers.sort(key=lambda d: _num_key(_from_num(d)), reverse=True)
    left = [v for v in current if v.article not in taken.values()]
    why = "chapter rewrite: this article has no counterpart in the new text"
    rest += [_repeal(v, p.src, 0.3, why) for v in left]
    return renumbers + rest


def _num_key(num: str) -> list[int]:
    return [int(x) for x in num.split(".") if x.isdigit()]


def _from_num(drafted: Drafted) -> str:
    assert isinstance(drafted.op, RenumberArticle)
    return drafted.op.from_num


def _repeal(v: Version, src: str, confidence: float, why: str) -> Drafted:
    expect = expect_of(v.paragraphs[0]) if v.paragraphs else v.num or v.article
    return Drafted(
        typed(RepealArticle, src, target=v.article, expect=expect), confidence, (why,), v.num
    )


def _new_article(
    p: Passage, year: int, section: str, prev: str | None, num: str, title: str, body: list[Block]
) -> Drafted:
    op = typed(
        InsertArticle,
        _src(body, p.src),
        id=f"a{year}-{num}",
        num=num,
        title=title or None,
        parent=section,
        place=Placement(Where.AFTER, prev) if prev else Placement(Where.FIRST),
        paragraphs=paras_of(body) or _placeholder(p)[0],
    )
    return Drafted(op, 0.5, ("chapter rewrite: no current article matches this one",), num)
