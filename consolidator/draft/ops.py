"""Turn amending instructions and their new wording into typed operations on stable ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from consolidator.draft.formulas import NO_WORDING, clean_num
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import Passage, TableBlock
from consolidator.draft.view import ConventionView, expect_of
from consolidator.model import (
    DeleteAlinea,
    InsertAlinea,
    InsertArticle,
    Location,
    Operation,
    Para,
    Placement,
    RepealArticle,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
)
from consolidator.normalize import normalize_text, words_pattern

UNRESOLVED = "UNRESOLVED-"
_HEAD = re.compile(
    r"^«?\s*(?:Article\s+)?(?P<num>\d+(?:\.\s?\d+)+)\.?\s*(?::\s*)?(?P<title>.*?)\s*»?$"
)
_PENDING = Location("draft")


def typed(cls: type[Operation], src: str | None, **fields: Any) -> Operation:
    """An operation of the model as the draft reads it; its act, rank, place in the file and
    effect rule are set when the draft is assembled (draft.draft_act)."""
    return cls(act="", index=0, location=_PENDING, src=src or None, **fields)


@dataclass(frozen=True)
class Drafted:
    """One operation of the draft (a typed operation of the model), with how sure the reading
    is, its doubts, the article number the text names (for scoped effect rules) and the
    alinéas [first, last) of the current text it rewrites (to merge sub-part rewrites)."""

    op: Operation
    confidence: float
    doubts: tuple[str, ...] = ()
    num: str | None = None
    span: tuple[int, int] | None = None

    @property
    def src(self) -> str:
        return self.op.src or ""

    def doubting(self, *doubts: str, confidence: float | None = None) -> Drafted:
        """The same operation with more doubts (and a confidence no higher than `confidence`)."""
        sure = self.confidence if confidence is None else min(self.confidence, confidence)
        return replace(self, doubts=(*self.doubts, *doubts), confidence=sure)


def strip_quotes(blocks: list[Block]) -> list[Block]:
    """Drop the « » around quoted new wording."""
    out = []
    for i, b in enumerate(blocks):
        text = b.text
        if i == 0:
            text = re.sub(r"^\s*[«\"]\s*", "", text)
        if i == len(blocks) - 1:
            text = re.sub(r"\s*[»\"]\s*$", "", text)
        out.append(Block(b.start, b.end, text) if not isinstance(b, TableBlock) else b)
    return [b for b in out if isinstance(b, TableBlock) or b.text.strip()]


def paras_of(blocks: list[Block]) -> tuple[Para, ...]:
    out: list[Para] = []
    for b in blocks:
        if isinstance(b, TableBlock) and b.table is not None:
            out += [para for row in b.table.rows for para in row.paras()]
        elif not NO_WORDING.match(b.text):
            out.append(Para(b.text))
    return tuple(out)


def _src(blocks: list[Block], fallback: str) -> str:
    return f"{blocks[0].start}-{blocks[-1].end}" if blocks else fallback


def _placeholder(passage: Passage) -> tuple[tuple[Para, ...], tuple[str, ...]]:
    words = " ".join(b.text for b in passage.text).strip() or "(rien)"
    doubt = (
        f"the act gives no wording here ({words!r}): the new text must be taken from "
        "another source and typed in by hand"
    )
    return (Para(f"[wording not given by the act: {words}]"),), (doubt,)


def heading_split(blocks: list[Block], depth: int) -> list[tuple[str, str, list[Block]]]:
    """Cut new wording at convention headings of `depth` numbers (2 for '2.4').

    Returns (num, title, blocks after the heading) for each heading; text before the first
    heading is returned under num ''.
    """
    out: list[tuple[str, str, list[Block]]] = [("", "", [])]
    for b in blocks:
        m = None if isinstance(b, TableBlock) else _HEAD.match(b.text.strip())
        if m and len(clean_num(m["num"]).split(".")) == depth and len(b.text) < 200:
            out.append((clean_num(m["num"]), m["title"].strip(" .:"), []))
        else:
            out[-1][2].append(b)
    if not out[0][2]:
        out.pop(0)
    return out


def _title_block(pieces: list[Block], title: str) -> tuple[str, list[Block]]:
    """'Article 2.4' headings put the title on the next line: take it."""
    if title or not pieces or isinstance(pieces[0], TableBlock):
        return title, pieces
    first = pieces[0].text.strip()
    if len(first) < 160 and not first.endswith((".", ":", ";")):
        return first, pieces[1:]
    return title, pieces


def replace_op(
    view: ConventionView, num: str, title: str, blocks: list[Block], passage: Passage
) -> list[Drafted]:
    """replace-article of `num` (or, for a numbered sub-part of an article, alinéa operations)."""
    ident = view.resolve(num)
    if ident is None:
        return subpart_ops(view, num, blocks, passage, passage.instruction.sub)
    version = view.version(ident)
    if version is None:  # inserted earlier by the same act
        return [unresolved(passage, num, ReplaceArticle, blocks)]
    doubts: list[str] = []
    paras = paras_of(blocks)
    conf = passage.instruction.confidence
    if passage.no_wording or not paras:
        paras, doubts_t = _placeholder(passage)
        doubts += doubts_t
        conf = min(conf, 0.3)
    new_title = None
    if title and normalize_text(title) != normalize_text(version.title or ""):
        new_title = title
        doubts.append(f"title changes from {version.title!r} to {title!r}")
    expect = expect_of(version.paragraphs[0]) if version.paragraphs else (version.title or num)
    op = typed(
        ReplaceArticle,
        _src(blocks, passage.src),
        target=ident,
        title=new_title,
        expect=expect,
        paragraphs=paras,
    )
    return [Drafted(op, conf, tuple(doubts), num)]


def _sub_heading(text: str, num: str) -> bool:
    m = _HEAD.match(normalize_text(text))
    return m is not None and clean_num(m["num"]) == num


def subpart_span(
    paras: tuple[str, ...], num: str, letter: str | None = None
) -> tuple[int, int] | None:
    """[first, last) alinéas of sub-part `num` (and of its lettered paragraph « a) ») in `paras`.

    >>> subpart_span(("2. 7. 1. A", "x", "2. 7. 2. B", "a) c", "y", "b) d", "2. 7. 3. E"), "2.7.2", "a")
    (3, 5)
    """
    starts = [i for i, p in enumerate(paras) if _sub_heading(p, num)]
    if not starts:
        return None
    first, last = starts[0], len(paras)
    for j in range(first + 1, len(paras)):
        m = _HEAD.match(normalize_text(paras[j]))
        if m and len(clean_num(m["num"]).split(".")) <= len(num.split(".")):
            last = j
            break
    return letter_span(paras, letter, first + 1, last) if letter else (first, last)


def letter_span(
    paras: tuple[str, ...], letter: str, first: int = 0, last: int | None = None
) -> tuple[int, int] | None:
    """[first, last) alinéas of the lettered paragraph « b) » between `first` and `last`.

    >>> letter_span(("Intro", "a) A", "x", "b) B", "y", "c) C"), "b")
    (3, 5)
    """
    last = len(paras) if last is None else last
    inner = [i for i in range(first, last) if re.match(rf"^{letter}\s*\)", paras[i].strip())]
    if not inner:
        return None
    end = next(
        (j for j in range(inner[0] + 1, last) if re.match(r"^[a-z]\s*\)", paras[j].strip())),
        last,
    )
    return inner[0], end


def subpart_ops(
    view: ConventionView, num: str, blocks: list[Block], passage: Passage, letter: str | None = None
) -> list[Drafted]:
    """A numbered sub-part (2.7.2, or its paragraph « a) ») kept as alinéas inside its article:
    replace its first alinéa, delete the others (last first)."""
    whole = view.resolve(num) if letter else None  # « l'article 10.2, paragraphe c »
    parent = num.rpartition(".")[0]
    ident = whole or (view.resolve(parent) if parent else None)
    version = view.version(ident) if ident else None
    if version is None:
        span = None
    elif whole:
        span = letter_span(version.paragraphs, letter or "")
    else:
        span = subpart_span(version.paragraphs, num, letter)
    if version is None or span is None or ident is None:
        return [unresolved(passage, num, ReplaceArticle, blocks)]
    paras = version.paragraphs
    first, last = span
    src = _src(blocks, passage.src)
    conf = min(passage.instruction.confidence, 0.7)
    part = f"{num}{f' {letter})' if letter else ''}"
    note = (
        f"{part} is not an article of the corpus but alinéas {first + 1}-{last} of "
        f"{version.num} ({ident}); rewritten by alinéa operations"
    )
    ops = [
        Drafted(
            typed(DeleteAlinea, src, target=ident, alinea=k + 1, expect=expect_of(paras[k])),
            conf,
            (note,),
            num,
            span,
        )
        for k in range(last - 1, first, -1)
    ]
    new = paras_of(blocks)
    if passage.no_wording or not new:
        new, extra = _placeholder(passage)
        note = f"{note}; {extra[0]}"
    expect = expect_of(paras[first])
    op = typed(ReplaceAlinea, src, target=ident, alinea=first + 1, expect=expect, paragraphs=new)
    ops.append(Drafted(op, conf, (note,), num, span))
    return ops


def unresolved(
    passage: Passage, num: str, kind: type[Operation], blocks: list[Block] | None = None
) -> Drafted:
    """An operation whose target is not in force on the day: kept, flagged, sure to fail --check.

    `kind`: InsertArticle, InsertAlinea or RepealArticle; any other stands for a rewrite
    (ReplaceArticle)."""
    paras = paras_of(blocks or []) or _placeholder(passage)[0]
    target = UNRESOLVED + num
    doubt = f"article {num} is not in force in the corpus on the draft's date: target unknown"
    if kind is InsertArticle:
        op = typed(
            InsertArticle,
            passage.src,
            id=target,
            num=num,
            parent=UNRESOLVED + "parent",
            place=Placement(),
            paragraphs=paras,
        )
    elif kind is InsertAlinea:
        op = typed(InsertAlinea, passage.src, target=target, position=None, paragraphs=paras)
    elif kind is RepealArticle:
        op = typed(RepealArticle, passage.src, target=target, expect="?")
    else:
        op = typed(ReplaceArticle, passage.src, target=target, expect="?", paragraphs=paras)
    return Drafted(op, 0.1, (doubt,), num)


def plural_op(p: Passage, drafted: Drafted, text: str) -> list[Drafted]:
    """« L'adjectif " ouvrable " est remplacé par l'adjectif " ouvré " » (004 l.5142-5143)
    changes its plural too: « ouvrables » -> « ouvrés »."""
    op = drafted.op
    if not isinstance(op, ReplaceWords) or not p.block.text.lower().startswith("l'adjectif"):
        return []
    old, new = op.old, op.new
    if " " in old + new or not old or not words_pattern(old + "s").search(text):
        return []
    doubt = f"the adjective's plural « {old}s » is read as changed too, to « {new}s »"
    return [replace(drafted, op=replace(op, old=old + "s", new=new + "s")).doubting(doubt)]


def in_paragraph(paras: tuple[str, ...], letter: str, needle: str) -> int | None:
    """The one alinéa of paragraph « c) » holding `needle` once (1-based), else None."""
    span = letter_span(paras, letter)
    if span is None or not needle:
        return None
    hits = [i for i in range(*span) for _ in words_pattern(needle).finditer(paras[i])]
    return hits[0] + 1 if len(hits) == 1 else None


def make_room(view: ConventionView, p: Passage, num: str, moved: set[str]) -> list[Drafted]:
    """An article renumbered onto the number of one still in force that the act does not move:
    that one is repealed, flagged (avenant n° 32, 004 l.14071: 9.14 becomes 9.12, D-208)."""
    occupant = view.resolve(num) if num not in moved else None
    version = view.version(occupant) if occupant else None
    if occupant is None or version is None:
        return []
    doubt = (
        f"article {num} ({occupant}) is in force and the act neither moves nor repeals it: "
        "repealed here so that the renumbered article can take its number; check"
    )
    expect = expect_of(version.paragraphs[0]) if version.paragraphs else num
    return [
        Drafted(typed(RepealArticle, p.src, target=occupant, expect=expect), 0.4, (doubt,), num)
    ]
