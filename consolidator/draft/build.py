"""Dispatch each passage (instruction + wording) to the operations it stands for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from consolidator.draft.chapters import rewrite_chapter
from consolidator.draft.insert import insert_op, with_heading
from consolidator.draft.links import ExportLinks, LinkFollower
from consolidator.draft.merge import merge_subparts
from consolidator.draft.ops import (
    Drafted,
    _placeholder,
    _title_block,
    heading_split,
    in_paragraph,
    letter_span,
    make_room,
    paras_of,
    plural_op,
    replace_op,
    strip_quotes,
    subpart_ops,
    typed,
    unresolved,
)
from consolidator.draft.reader import Passage
from consolidator.draft.sentences import replace_sentence
from consolidator.draft.split import section_span
from consolidator.draft.view import ConventionView, expect_of
from consolidator.model import (
    DeleteAlinea,
    DeleteWords,
    InsertAlinea,
    InsertWords,
    Occurrence,
    RenumberArticle,
    RepealArticle,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
)
from consolidator.normalize import words_pattern

Builder = Callable[[ConventionView, Passage, int], list[Drafted]]


def _drop_own_heading(num: str, blocks: list, title: str | None) -> tuple[str, list]:
    """New wording often repeats the target's heading ('Article 1.4' / '9.5. Reconversion')."""
    pieces = heading_split(blocks, len(num.split(".")))
    if pieces and pieces[0][0] == num and len(pieces) == 1:
        t, rest = _title_block(pieces[0][2], pieces[0][1])
        return t or (title or ""), rest
    return title or "", blocks


def _replace(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    num = p.instruction.nums[0]
    blocks = strip_quotes(p.text)
    title, body = _drop_own_heading(num, blocks, p.instruction.title)
    if p.instruction.sub and view.resolve(num):
        return subpart_ops(view, num, body, p, p.instruction.sub)
    if not view.resolve(num) and not p.instruction.sub:
        body = with_heading(num, title, body)  # a sub-part's heading is one of its alinéas
    return replace_op(view, num, title, body, p)


def _doubt(op: Drafted, text: str, confidence: float | None = None) -> Drafted:
    return replace(op, doubts=(*op.doubts, text), confidence=confidence or min(op.confidence, 0.5))


def _insert_article(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    num = p.instruction.nums[0]
    blocks = strip_quotes(p.text)
    title, body = _drop_own_heading(num, blocks, p.instruction.title)
    return insert_op(view, num, title, body, p, year)


def _alinea(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    instr = p.instruction
    num = instr.nums[0]
    ident = view.resolve(num)
    if ident is None and instr.kind == "insert-alinea" and not instr.position:
        return _complete_subpart(view, p, num)
    if ident is None:
        return [unresolved(p, num, ReplaceArticle, p.text)]
    version = view.version(ident)
    assert version is not None
    count = len(version.paragraphs)
    doubts: list[str] = []
    conf = instr.confidence
    paras = paras_of(strip_quotes(p.text))
    if instr.takes_text and (p.no_wording or not paras):
        paras, d = _placeholder(p)
        doubts += d
        conf = min(conf, 0.3)
    base = 0
    if instr.sub:
        heads = [
            i for i, t in enumerate(version.paragraphs, 1) if t.strip().startswith(f"{instr.sub})")
        ]
        base = heads[0] if heads and instr.position and instr.position > 0 else 0
        where = f"counted from « {instr.sub}) » (alinéa {base})" if base else "not found"
        doubts.append(
            f"the formula names paragraph {instr.sub} of the article ({where}): check the position"
        )
        conf = min(conf, 0.5)
    if instr.kind == "insert-alinea":
        position = instr.position or None
        span = letter_span(version.paragraphs, instr.sub) if instr.sub else None
        if span is not None and not instr.position and span[1] < count:
            position = span[1] + 1  # at the end of paragraph « d) »
        op = typed(InsertAlinea, p.src, target=ident, position=position, paragraphs=paras)
        at = (span[1], span[1]) if span is not None else None
        return [Drafted(op, conf, tuple(doubts), num, at)]
    pos = count if instr.position == -1 else base + (instr.position or 0)
    if not 1 <= pos <= count:
        doubts.append(
            f"article {num} has {count} alinéa(s), the text names alinéa {instr.position}"
        )
        return [unresolved(p, num, ReplaceArticle, p.text)]
    expect = expect_of(version.paragraphs[pos - 1])
    if instr.kind == "delete-alinea":
        op = typed(DeleteAlinea, p.src, target=ident, alinea=pos, expect=expect)
    else:
        op = typed(ReplaceAlinea, p.src, target=ident, alinea=pos, expect=expect, paragraphs=paras)
    return [Drafted(op, conf, tuple(doubts), num)]


def _complete_subpart(view: ConventionView, p: Passage, num: str) -> list[Drafted]:
    """« Les dispositions de l'article 15.2.3 sont complétées »: 15.2.3 being alinéas of 15.2,
    the new alinéas go at the end of that sub-part (avenant n° 30, 004 l.12103)."""
    holder = view.resolve(num.rpartition(".")[0]) if "." in num else None
    version = view.version(holder) if holder else None
    span = section_span(list(version.paragraphs), num) if version is not None else None
    if holder is None or version is None or span is None:
        return [unresolved(p, num, InsertAlinea, p.text)]
    paras = paras_of(strip_quotes(p.text))
    doubts = [
        f"{num} is alinéas {span[0] + 1}-{span[1]} of {version.num} ({holder}): added at its end"
    ]
    if p.no_wording or not paras:
        paras, more = _placeholder(p)
        doubts += more
    end = span[1] == len(version.paragraphs)
    position = None if end else span[1] + 1
    op = typed(InsertAlinea, p.src, target=holder, position=position, paragraphs=paras)
    return [Drafted(op, min(p.instruction.confidence, 0.6), tuple(doubts), num, (span[1], span[1]))]


def _words(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    instr = p.instruction
    doubts: list[str] = []
    needle = instr.old or instr.anchor_after or instr.anchor_before or ""
    ident = view.resolve(instr.nums[0]) if instr.nums else None
    conf = instr.confidence
    parent = instr.nums[0].rpartition(".")[0] if instr.nums else ""
    while ident is None and "." in parent:  # 9.12.2 is a sub-part of 9.12: look there
        holder = view.resolve(parent)
        version = view.version(holder) if holder else None
        if version is not None and needle and words_pattern(needle).search(version.text):
            ident = holder
            doubts.append(
                f"{instr.nums[0]} is a sub-part of {parent} ({holder}): the words are changed there"
            )
        parent = parent.rpartition(".")[0]
    if ident is None:
        found = view.find_words(needle)
        if len(found) != 1:
            return [unresolved(p, instr.nums[0] if instr.nums else "?", ReplaceArticle)]
        ident = found[0]
        doubts.append(f"no article named: the words occur only in {ident}")
        conf = 0.5
    at = instr.position if instr.position and instr.position > 0 else None
    occurrence: Occurrence = 1
    version = view.version(ident)
    alinea = in_paragraph(version.paragraphs, instr.sub, needle) if version and instr.sub else None
    if alinea is not None and version is not None:
        at = alinea
        doubts.append(f"the words are changed in paragraph {instr.sub}), alinéa {alinea}")
    elif version is not None:
        n = sum(len(words_pattern(needle).findall(t)) for t in version.paragraphs)
        if n > 1:
            occurrence = "all"
            doubts.append(f"{needle!r} occurs {n} times: all are changed; narrow by hand if needed")
            conf = min(conf, 0.6)
    where = {"target": ident, "alinea": at, "occurrence": occurrence}
    if instr.kind == "insert-words":
        before = not instr.anchor_after
        anchor = instr.anchor_after or instr.anchor_before or ""
        op = typed(InsertWords, p.src, **where, anchor=anchor, before=before, new=instr.new or "")
    elif instr.kind == "replace-words":
        op = typed(ReplaceWords, p.src, **where, old=instr.old or "", new=instr.new or "")
    else:
        op = typed(DeleteWords, p.src, **where, old=instr.old or "")
    drafted = Drafted(op, conf, tuple(doubts), instr.nums[0] if instr.nums else None)
    return [*plural_op(p, drafted, version.text if version else ""), drafted]


def _renumber(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    pairs = sorted(
        p.instruction.renumber,
        key=lambda ft: [int(x) for x in ft[0].split(".") if x.isdigit()],
        reverse=True,
    )
    out = []
    for old, new in pairs:
        ident = view.resolve(old)
        if ident is None:
            out.append(unresolved(p, old, ReplaceArticle))
            continue
        op = typed(RenumberArticle, p.src, target=ident, from_num=old, to_num=new)
        out += make_room(view, p, new, {o for o, _ in pairs})
        out.append(Drafted(op, p.instruction.confidence, num=old))
    return out


def _repeal(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    out = []
    for num in p.instruction.nums:
        ident = view.resolve(num)
        version = view.version(ident) if ident else None
        if ident is None or version is None:
            out.append(unresolved(p, num, RepealArticle))
            continue
        expect = expect_of(version.paragraphs[0]) if version.paragraphs else num
        op = typed(RepealArticle, p.src, target=ident, expect=expect)
        out.append(Drafted(op, p.instruction.confidence, num=num))
    return out


def _implicit(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    """Quoted convention articles without a formula: each replaces (or adds) that article."""
    blocks = strip_quotes(p.text)
    depth = len(p.instruction.nums[0].split("."))
    out: list[Drafted] = []
    for num, title, body in heading_split(blocks, depth):
        if not num:
            continue
        title, body = _title_block(body, title)
        if view.resolve(num):
            ops = replace_op(view, num, title, body, p)
        else:
            ops = insert_op(view, num, title, body, p, year)
        out += [
            _doubt(op, "no amending formula: the quoted article is read as a full rewrite", 0.55)
            for op in ops
        ]
    return out


BUILDERS: dict[str, Builder] = {
    "replace-article": _replace,
    "insert-article": _insert_article,
    "insert-alinea": _alinea,
    "replace-alinea": _alinea,
    "delete-alinea": _alinea,
    "replace-words": _words,
    "delete-words": _words,
    "insert-words": _words,
    "renumber-article": _renumber,
    "repeal-article": _repeal,
    "implicit-rewrite": _implicit,
    "rewrite-chapter": rewrite_chapter,
    "replace-sentence": replace_sentence,
}


def build_ops(
    view: ConventionView, passages: list[Passage], year: int, links: ExportLinks | None = None
) -> list[tuple[Passage, Drafted]]:
    """Operations in the order of the text, each with the passage it comes from; with `links`,
    wording shown as « (voir cet article) » is taken from the export's consolidated text."""
    pairs: list[tuple[Passage, Drafted]] = []
    follow = LinkFollower(links, passages) if links is not None else None
    for p in passages:
        ops = follow.ops(view, p, year, BUILDERS) if follow is not None else None
        for op in BUILDERS[p.instruction.kind](view, p, year) if ops is None else ops:
            view.record(op.op, op.num)
            pairs.append((p, op))
    origin = {id(op): p for p, op in pairs}
    merged = merge_subparts([op for _, op in pairs], view)
    return [(origin.get(id(op)) or origin[id(src)], op) for op, src in merged]


__all__ = ["build_ops", "expect_of"]
