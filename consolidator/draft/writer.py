"""Write a draft as an act file of the corpus format, doubts and unread sentences as comments."""

from __future__ import annotations

import re

from lxml import etree

from consolidator.draft.ops import DraftOp
from consolidator.draft.result import Draft
from consolidator.model import Para

_DASH_DASH = re.compile(r"-(?=-)")


def _comment(text: str) -> etree._Comment:
    """A comment holding `text`: XML forbids « -- » inside one (Légifrance's table borders are
    lines of dashes), so each dash followed by a dash gets a space.

    >>> etree.tostring(_comment("+-----+ a -- b -"))
    b'<!-- +- - - - -+ a - - b - -->'
    """
    safe = _DASH_DASH.sub("- ", " ".join(text.split()))
    return etree.Comment(f" {safe} ")


def _para(parent: etree._Element, para: Para) -> None:
    if para.cells:
        row = etree.SubElement(parent, "row")
        for name, value in para.cells:
            cell = etree.SubElement(row, "c", n=name)
            cell.text = value
    else:
        etree.SubElement(parent, "p").text = para.text


def op_comment(i: int, op: DraftOp) -> str:
    doubts = "; ".join(op.doubts)
    return f"op {i}: source l.{op.src}, confidence {op.confidence:.2f}" + (
        f"; doubts: {doubts}" if doubts else ""
    )


def _op(parent: etree._Element, op: DraftOp, effect: str | None) -> None:
    attrs = dict(op.attrs)
    if effect:
        attrs["effect"] = effect
    if op.kind not in ("renumber-article", "delete-alinea", "repeal-article") or op.src:
        attrs["src"] = op.src
    el = etree.SubElement(parent, op.kind, attrs)
    if op.expect is not None:
        etree.SubElement(el, "expect").text = op.expect
    for name, value in op.children:
        etree.SubElement(el, name).text = value
    for para in op.paragraphs:
        _para(el, para)


def write_act(d: Draft) -> bytes:
    """Serialise a draft to XML bytes."""
    attrs = {"id": d.act_id, "kind": d.kind}
    if d.meta.number:
        attrs["number"] = d.meta.number
    attrs["title"] = d.title
    attrs["signed"] = d.signed.isoformat()
    if d.meta.term:
        attrs["term"] = d.meta.term.isoformat()
    root = etree.Element("act", attrs)
    root.append(
        _comment(
            f"DRAFT made by `consolidator draft` from {d.source_name}; "
            f"operations are against the convention in force on {d.day}; read every comment"
        )
    )
    src = etree.SubElement(root, "source", file="draft", lines=f"1-{d.line_count}")
    src.text = f"drafted from {d.source_name}"
    for note in d.notes:
        etree.SubElement(root, "note").text = note
    for eff in d.effects:
        el = etree.SubElement(root, "effect", {"id": eff.id} if eff.id else {})
        if eff.approximate:
            el.set("approximate", "true")
        etree.SubElement(el, eff.kind, dict(eff.attrs))
        etree.SubElement(el, "note").text = eff.note
    if d.ops:
        ops = etree.SubElement(root, "ops")
        for i, (op, effect) in enumerate(d.ops, 1):
            ops.append(_comment(op_comment(i, op)))
            _op(ops, op, effect)
    for line in d.unread_lines():
        root.append(_comment(f"not understood: {line}"))
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
