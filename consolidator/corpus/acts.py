"""The one reader and writer of amendment operations in act XML (corpus/schema/corpus.rng).

`read_operation(write_operation(op))` gives `op` back (its location aside): the round trip is
tested on every operation of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from consolidator.model import (
    DeleteAlinea,
    DeleteWords,
    EffectCondition,
    Evidence,
    InsertAlinea,
    InsertArticle,
    InsertSection,
    InsertWords,
    Location,
    MoveArticle,
    MoveSection,
    Occurrence,
    Operation,
    OpKind,
    Para,
    Placement,
    Quote,
    RenumberArticle,
    RenumberSection,
    RepealArticle,
    RepealSection,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
    Where,
)


def clean(text: str | None) -> str:
    """Whitespace collapsed, as every text of the corpus is compared."""
    return " ".join((text or "").split())


def read_paras(el: etree._Element) -> tuple[Para, ...]:
    """The <p> and <row> children of an element, in order."""
    out: list[Para] = []
    for child in el:
        if child.tag == "p":
            out.append(Para(clean(child.text)))
        elif child.tag == "row":
            out.append(Para.row(tuple((c.get("n"), clean(c.text)) for c in child.findall("c"))))
    return tuple(out)


def read_evidence(el: etree._Element) -> tuple[Evidence, ...]:
    """The <evidence> of an article whose wording is not in the sources (wording="unknown")."""
    return tuple(Evidence(e.get("src"), clean(e.text)) for e in el.findall("evidence"))


def condition_of(effect: etree._Element) -> EffectCondition | None:
    """An <effect>'s <condition>: what the entry into force depends on (D-407)."""
    cond = effect.find("condition")
    if cond is None:
        return None
    return EffectCondition(clean(cond.text), cond.get("src", ""), cond.get("bound") == "earliest")


def _child(el: etree._Element, tag: str) -> str | None:
    found = el.find(tag)
    return clean(found.text) if found is not None else None


def _must(el: etree._Element, tag: str) -> str:
    """A child element's text the schema requires (empty for <new/>)."""
    return clean(el.findtext(tag))


def _placement(el: etree._Element) -> Placement:
    for where in (Where.AFTER, Where.BEFORE):
        anchor = el.get(where.value)
        if anchor is not None:
            return Placement(where, anchor)
    return Placement(Where(el.get("position", "last")))


def _occurrence(el: etree._Element) -> Occurrence:
    value = el.get("occurrence", "1")
    return "all" if value == "all" else int(value)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def read_operation(el: etree._Element, act: str, index: int, file: str) -> Operation:
    """One operation element of a schema-valid act file."""
    kind = OpKind(el.tag)
    common = {
        "act": act,
        "index": index,
        "location": Location(file, el.sourceline),
        "effect": el.get("effect"),
        "src": el.get("src"),
        "decision": el.get("decision"),
    }
    return _READERS[kind](el, common)


def _insert(el: etree._Element) -> dict[str, Any]:
    return {
        "id": el.get("id"),
        "parent": el.get("parent"),
        "place": _placement(el),
        "num": el.get("num"),
    }


def _move(el: etree._Element) -> dict[str, Any]:
    return {
        "target": el.get("target"),
        "from_parent": el.get("from-parent"),
        "parent": el.get("parent"),
        "place": _placement(el),
    }


def _renumber(el: etree._Element) -> dict[str, Any]:
    return {
        "target": el.get("target"),
        "from_num": el.get("from"),
        "to_num": el.get("to"),
        "title": el.get("title"),
    }


def _quoted(el: etree._Element) -> dict[str, Any]:
    """The act's quote of the new wording (<result>), or unquoted="true"."""
    found = el.find("result")
    return {
        "result": Quote(found.get("src"), clean(found.text)) if found is not None else None,
        "unquoted": el.get("unquoted") == "true",
    }


def _words(el: etree._Element) -> dict[str, Any]:
    return {
        "target": el.get("target"),
        "alinea": _int(el.get("alinea")),
        "occurrence": _occurrence(el),
        **_quoted(el),
    }


def _insert_words(el: etree._Element) -> dict[str, Any]:
    before = el.find("before") is not None
    return {
        **_words(el),
        "anchor": _must(el, "before" if before else "after"),
        "before": before,
        "new": _must(el, "new"),
    }


def _target(el: etree._Element) -> dict[str, Any]:
    return {"target": el.get("target")}


Reader = Callable[[etree._Element, dict[str, Any]], Operation]
_READERS: dict[OpKind, Reader] = {
    OpKind.INSERT_ARTICLE: lambda el, c: InsertArticle(
        **c,
        **_insert(el),
        title=el.get("title"),
        paragraphs=read_paras(el),
        evidence=read_evidence(el),
    ),
    OpKind.REPLACE_ARTICLE: lambda el, c: ReplaceArticle(
        **c,
        **_target(el),
        expect=_must(el, "expect"),
        paragraphs=read_paras(el),
        num=el.get("num"),
        title=el.get("title"),
        evidence=read_evidence(el),
    ),
    OpKind.REPEAL_ARTICLE: lambda el, c: RepealArticle(
        **c, **_target(el), expect=_must(el, "expect")
    ),
    OpKind.RENUMBER_ARTICLE: lambda el, c: RenumberArticle(**c, **_renumber(el)),
    OpKind.MOVE_ARTICLE: lambda el, c: MoveArticle(**c, **_move(el)),
    OpKind.INSERT_SECTION: lambda el, c: InsertSection(**c, **_insert(el), title=el.get("title")),
    OpKind.REPEAL_SECTION: lambda el, c: RepealSection(
        **c, **_target(el), expect_title=el.get("expect-title")
    ),
    OpKind.RENUMBER_SECTION: lambda el, c: RenumberSection(**c, **_renumber(el)),
    OpKind.MOVE_SECTION: lambda el, c: MoveSection(**c, **_move(el)),
    OpKind.INSERT_ALINEA: lambda el, c: InsertAlinea(
        **c,
        **_target(el),
        position=None if el.get("position") == "end" else _int(el.get("position")),
        paragraphs=read_paras(el),
    ),
    OpKind.REPLACE_ALINEA: lambda el, c: ReplaceAlinea(
        **c,
        **_target(el),
        alinea=int(el.get("position")),
        expect=_must(el, "expect"),
        paragraphs=read_paras(el),
        **_quoted(el),
    ),
    OpKind.DELETE_ALINEA: lambda el, c: DeleteAlinea(
        **c, **_target(el), alinea=int(el.get("position")), expect=_must(el, "expect")
    ),
    OpKind.REPLACE_WORDS: lambda el, c: ReplaceWords(
        **c, **_words(el), old=_must(el, "old"), new=_must(el, "new")
    ),
    OpKind.INSERT_WORDS: lambda el, c: InsertWords(**c, **_insert_words(el)),
    OpKind.DELETE_WORDS: lambda el, c: DeleteWords(**c, **_words(el), old=_must(el, "old")),
}
"""One reader per kind (the schema guarantees the attributes each kind requires)."""


# --- writing -----------------------------------------------------------------------------------


def write_paras(parent: etree._Element, paragraphs: tuple[Para, ...]) -> None:
    """<p> for an alinéa, <row><c n=...> for a table row."""
    for para in paragraphs:
        if para.cells:
            row = etree.SubElement(parent, "row")
            for name, value in para.cells:
                cell = etree.SubElement(row, "c", {"n": name} if name is not None else {})
                cell.text = value
        else:
            etree.SubElement(parent, "p").text = para.text


def _attrs(pairs: list[tuple[str, object]]) -> dict[str, str]:
    return {k: str(v) for k, v in pairs if v is not None}


def _place_attrs(place: Placement) -> list[tuple[str, object]]:
    if place.where in (Where.AFTER, Where.BEFORE):
        return [(place.where.value, place.anchor)]
    return [("position", place.where.value)]


def _words_attrs(op: ReplaceWords | InsertWords | DeleteWords) -> list[tuple[str, object]]:
    return [("alinea", op.alinea), ("occurrence", None if op.occurrence == 1 else op.occurrence)]


def _op_attrs(op: Operation) -> list[tuple[str, object]]:
    """The attributes proper to the operation's kind, in the order of the schema."""
    match op:
        case InsertArticle() | InsertSection():
            return [("id", op.id), ("num", op.num), ("title", op.title), ("parent", op.parent)]
        case ReplaceArticle():
            return [("target", op.target), ("num", op.num), ("title", op.title)]
        case RenumberArticle() | RenumberSection():
            return [
                ("target", op.target),
                ("from", op.from_num),
                ("to", op.to_num),
                ("title", op.title),
            ]
        case MoveArticle() | MoveSection():
            return [("target", op.target), ("from-parent", op.from_parent), ("parent", op.parent)]
        case RepealSection():
            return [("target", op.target), ("expect-title", op.expect_title)]
        case InsertAlinea():
            return [("target", op.target), ("position", op.position or "end")]
        case ReplaceAlinea() | DeleteAlinea():
            return [("target", op.target), ("position", op.alinea)]
        case ReplaceWords() | InsertWords() | DeleteWords():
            return [("target", op.target), *_words_attrs(op)]
    return [("target", op.target)]


def write_operation(op: Operation) -> etree._Element:
    """The XML element of one operation (common attributes first, then the kind's own)."""
    pairs = [("effect", op.effect), ("src", op.src), ("decision", op.decision), *_op_attrs(op)]
    if isinstance(op, InsertArticle | InsertSection | MoveArticle | MoveSection):
        pairs += _place_attrs(op.place)
    el = etree.Element(op.kind.value, _attrs(pairs))
    if isinstance(op, ReplaceArticle | RepealArticle | ReplaceAlinea | DeleteAlinea):
        etree.SubElement(el, "expect").text = op.expect
    if isinstance(op, ReplaceWords | DeleteWords):
        etree.SubElement(el, "old").text = op.old
    if isinstance(op, InsertWords):
        etree.SubElement(el, "before" if op.before else "after").text = op.anchor
    if isinstance(op, ReplaceWords | InsertWords):
        etree.SubElement(el, "new").text = op.new
    if isinstance(op, InsertArticle | ReplaceArticle) and op.evidence:
        el.set("wording", "unknown")
        for proof in op.evidence:
            etree.SubElement(el, "evidence", src=proof.src).text = proof.text
    if isinstance(op, InsertArticle | ReplaceArticle | InsertAlinea | ReplaceAlinea):
        write_paras(el, op.paragraphs)
    if isinstance(op, ReplaceAlinea | ReplaceWords | InsertWords | DeleteWords):
        if op.unquoted:
            el.set("unquoted", "true")
        if op.result is not None:
            etree.SubElement(el, "result", src=op.result.src).text = op.result.text
    return el
