"""The result of drafting: act metadata, effect rules, operations, doubts and unread passages;
and the act file it makes (its operations written by the corpus's one writer, corpus/acts.py;
doubts and unread sentences as comments)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

from consolidator.corpus.acts import write_operation
from consolidator.draft.metadata import Metadata
from consolidator.draft.ops import Drafted
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import ANNEX
from consolidator.model import RuleKind


@dataclass(frozen=True)
class DraftEffect:
    """One <effect> of the draft: id (None = the act's general rule), element and attributes."""

    id: str | None
    kind: RuleKind
    attrs: tuple[tuple[str, str], ...]  # the rule element's attributes
    note: str
    approximate: bool = False
    provisions: str | None = None  # a scoped rule's provisions: « de l'article 9.5.2 »


@dataclass(frozen=True)
class Draft:
    """A drafted act, ready to be written or checked."""

    act_id: str
    kind: str
    title: str
    signed: date
    day: date
    meta: Metadata
    effects: tuple[DraftEffect, ...]
    ops: tuple[Drafted, ...]  # each with its act, rank and effect rule
    notes: tuple[str, ...]
    unread: tuple[Block, ...]
    doubts: tuple[str, ...]
    source_name: str
    line_count: int

    def unread_lines(self) -> list[str]:
        """Every passage not turned into an operation or metadata, grouped by runs of lines."""
        out: list[str] = []
        run: list[Block] = []
        for block in [*self.unread, None]:
            if run and (block is None or block.start > run[-1].end + 3 or ANNEX.match(block.text)):
                words = " / ".join(b.text for b in run)
                head = words if len(words) <= 160 else words[:157] + "..."
                out.append(f"l.{run[0].start}-{run[-1].end}: {head}")
                run = []
            if block is not None:
                run.append(block)
        return out


_DASH_DASH = re.compile(r"-(?=-)")


def _comment(text: str) -> etree._Comment:
    """A comment holding `text`: XML forbids « -- » inside one (Légifrance's table borders are
    lines of dashes), so each dash followed by a dash gets a space.

    >>> etree.tostring(_comment("+-----+ a -- b -"))
    b'<!-- +- - - - -+ a - - b - -->'
    """
    safe = _DASH_DASH.sub("- ", " ".join(text.split()))
    return etree.Comment(f" {safe} ")


def op_comment(drafted: Drafted) -> str:
    doubts = "; ".join(drafted.doubts)
    return f"op {drafted.op.index}: source l.{drafted.src}, confidence {drafted.confidence:.2f}" + (
        f"; doubts: {doubts}" if doubts else ""
    )


def write_act(d: Draft) -> bytes:
    """The draft as an act file (XML bytes)."""
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
        if eff.provisions:
            el.set("provisions", eff.provisions)
        if eff.approximate:
            el.set("approximate", "true")
        etree.SubElement(el, eff.kind.value, dict(eff.attrs))
        etree.SubElement(el, "note").text = eff.note
    if d.ops:
        ops = etree.SubElement(root, "ops")
        for drafted in d.ops:
            ops.append(_comment(op_comment(drafted)))
            ops.append(write_operation(drafted.op))
    for line in d.unread_lines():
        root.append(_comment(f"not understood: {line}"))
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
