"""Draft an act file from the plain text of an amending act: read, resolve, assemble."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date, timedelta
from typing import Any

from consolidator.dates import format_french
from consolidator.draft.build import build_ops
from consolidator.draft.links import ExportLinks
from consolidator.draft.metadata import Metadata, Rule, read_metadata
from consolidator.draft.ops import Drafted
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import Reading, read_act
from consolidator.draft.result import Draft, DraftEffect
from consolidator.draft.split import split_scoped
from consolidator.draft.view import ConventionView
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import (
    ExtensionRule,
    Location,
    Operation,
    ReplaceArticle,
    RuleKind,
)

_METADATA_WORDS = re.compile(
    r"prend(?:ra)? effet|en vigueur|durée (?:in)?déterminée|fait à|lors de la CPPNI", re.IGNORECASE
)


def _effect(rule: Rule, ident: str | None) -> DraftEffect:
    quote = " ".join(rule.quote.split())
    note = f"« {quote} » (l.{rule.line})"
    if rule.kind is RuleKind.FIXED and rule.date:
        return DraftEffect(ident, RuleKind.FIXED, (("date", rule.date.isoformat()),), note)
    if rule.kind is RuleKind.EXTENSION:
        extension = rule.rule or ExtensionRule.PUBLICATION
        return DraftEffect(ident, RuleKind.EXTENSION, (("rule", extension.value),), note)
    return DraftEffect(ident, RuleKind.SIGNATURE, (), note)


def _effects(rules: tuple[Rule, ...]) -> tuple[list[DraftEffect], list[str], dict[str, Rule]]:
    """Effects of the act: the first general rule, one per scoped rule; doubts; scope -> id."""
    doubts: list[str] = []
    general = [r for r in rules if r.scope is None]
    out: list[DraftEffect] = []
    if general:
        out.append(_effect(general[0], None))
        for extra in general[1:]:
            if (extra.kind, extra.date, extra.rule) != (
                general[0].kind,
                general[0].date,
                general[0].rule,
            ):
                doubts.append(
                    f"another general date of effect is stated and not used: « {extra.quote} »"
                )
    else:
        out.append(
            DraftEffect(
                None,
                RuleKind.SIGNATURE,
                (),
                "no date of effect found in the text: signature date assumed, check it",
                approximate=True,
            )
        )
        doubts.append("no date-of-effect clause found: the draft assumes the signature date")
    scoped: dict[str, Rule] = {}
    for r in rules:
        if r.scope is None:
            continue
        ident = f"{'art-' if r.convention_article else 'art'}{r.scope}"
        if ident not in scoped:
            scoped[ident] = r
            num = "1er" if r.scope == "1" else r.scope
            out.append(replace(_effect(r, ident), provisions=f"de l’article {num}"))
    return out, doubts, scoped


def _effect_for(
    op: Drafted, own: str | None, scoped: dict[str, Rule]
) -> tuple[str | None, str | None]:
    """The effect id an op takes, and a doubt when a scoped rule falls inside the op."""
    for ident, rule in scoped.items():
        scope = rule.scope or ""
        if rule.convention_article:
            if op.num and (op.num == scope or op.num.startswith(scope + ".")):
                return ident, None
            if op.num and scope.startswith(op.num + "."):
                return None, (
                    f"article {scope} has its own date of effect ({ident}) but lies inside "
                    f"this operation on {op.num}: split it by hand"
                )
        elif own is not None and (own == scope or own.startswith(scope + ".")):
            return ident, None
    return None, None


def _ruled(drafted: Drafted, effect: str | None) -> Drafted:
    return replace(drafted, op=replace(drafted.op, effect=effect))


def _with_effects(
    op: Drafted, own: str | None, scoped: dict[str, Rule], view: ConventionView
) -> list[Drafted]:
    """The op with its effect id; a rewrite holding a sub-part with its own rule is split."""
    effect, doubt = _effect_for(op, own, scoped)
    if doubt is None:
        return [_ruled(op, effect)]
    inner = next(
        (
            i
            for i, r in scoped.items()
            if r.convention_article and op.num and (r.scope or "").startswith(op.num + ".")
        ),
        None,
    )
    version = view.version(op.op.target) if isinstance(op.op, ReplaceArticle) else None
    if inner is not None and version is not None:
        parts = split_scoped(op, scoped[inner].scope or "", inner, version)
        if parts:
            return [_ruled(parts[0], None)] + [_ruled(p, inner) for p in parts[1:]]
    return [_ruled(op.doubting(doubt), effect)]


def _same(op: Operation) -> Operation:
    """What makes two readings one operation: all but its source lines and its wording (a
    rewrite quoted twice)."""
    names = {f.name for f in fields(op)}
    wording: dict[str, Any] = {k: v for k, v in (("expect", ""), ("paragraphs", ())) if k in names}
    return replace(op, src=None, **wording)


def _kind(title: str) -> str:
    t = title.lower()
    if "avenant" in t:
        return "avenant"
    if "accord" in t:
        return "accord"
    return "avenant"


def _drafted_ops(
    view: ConventionView,
    reading: Reading,
    year: int,
    links: ExportLinks | None,
    scoped: dict[str, Rule],
    doubts: list[str],
) -> list[Drafted]:
    """Each passage's operations with their effect rule; a rewrite quoted twice is kept once."""
    ops: list[Drafted] = []
    seen: dict[Operation, Drafted] = {}
    for passage, op in build_ops(view, reading.passages, year, links):
        key = _same(op.op)
        if key in seen:
            doubts.append(
                f"l.{op.src}: repeats the operation of l.{seen[key].src} "
                f"({op.op.kind.value} {op.op.subject}): kept once"
            )
            continue
        seen[key] = op
        ops += _with_effects(op, passage.own, scoped, view)
    return ops


def _notes(meta: Metadata, signed: date) -> list[str]:
    """The act's notes: its signature (and where it was read), its term, its signatories."""
    notes = [
        f"Signature: {format_french(signed)}"
        + (f" — {meta.signed_quote}" if meta.signed_quote else " (from --at)")
    ]
    if meta.indeterminate:
        notes.append("Conclu pour une durée indéterminée.")
    if meta.signatories:
        notes.append("Signataires : " + " ; ".join(meta.signatories))
    return notes


def _placed(drafted: Drafted, act: str, index: int, source_name: str) -> Drafted:
    """The operation as the `index`-th of act `act`, located at its first source line."""
    first = drafted.src.partition("-")[0]
    where = Location(source_name, int(first) if first.isdigit() else None)
    return replace(drafted, op=replace(drafted.op, act=act, index=index, location=where))


def draft_act(
    text: str,
    index: VersionIndex,
    at: date | None = None,
    source_name: str = "<text>",
    signed_hint: date | None = None,
    links: ExportLinks | None = None,
) -> Draft:
    """Read `text` (an amending act) and draft its act file against the corpus of `index`.

    Operations are resolved against the convention in force on `at`, by default the day
    before the act's signature or its earliest fixed date of effect if earlier (so that an
    act already in the corpus does not see itself).
    `signed_hint` is the signature date to use when the text does not state it.
    `links`: the Legifrance export whose consolidated text « (voir cet article) » points to.
    """
    reading = read_act(text)
    meta = read_metadata(reading.blocks, reading.own)
    signed = meta.signed or signed_hint or at
    if signed is None:
        raise QueryError(
            "no signature date found in the text (« Fait à ..., le ... », « lors de la CPPNI du ... »)",
            file=source_name,
            hint="give the act's date with --at YYYY-MM-DD",
        )
    earliest = min([signed, *(r.date for r in meta.rules if r.kind is RuleKind.FIXED and r.date)])
    day = at or earliest - timedelta(
        days=1
    )  # before the act's first date (retroactive effects too)
    view = ConventionView(index, day)
    effects, doubts, scoped = _effects(meta.rules)
    ops = _drafted_ops(view, reading, signed.year, links, scoped, doubts)
    notes = _notes(meta, signed)
    unread = [b for b in reading.unread if b is not reading.blocks[0]] + [
        b for b in reading.own if not _METADATA_WORDS.search(b.text)
    ]
    unread.sort(key=lambda b: b.start)
    number = meta.number
    title = " ".join(meta.title.split()) or "Texte sans titre"
    act_id = f"avenant-{number}" if number else f"{_kind(title)}-{signed.isoformat()}"
    ops = [_placed(d, act_id, i, source_name) for i, d in enumerate(ops, 1)]
    for op in ops:
        doubts += [f"l.{op.src}: {d}" for d in op.doubts if f"l.{op.src}: {d}" not in doubts]
    return Draft(
        act_id=act_id,
        kind=_kind(title),
        title=title,
        signed=signed,
        day=day,
        meta=meta,
        effects=tuple(effects),
        ops=tuple(ops),
        notes=tuple(notes),
        unread=tuple(unread),
        doubts=tuple(doubts),
        source_name=source_name,
        line_count=len(text.split("\n")),
    )


def report(draft: Draft) -> str:
    """The human report printed by the CLI (on stderr)."""
    lines = [
        f"draft {draft.act_id} ({draft.kind}) signed {draft.signed}, against the convention of {draft.day}",
        "effects: "
        + "; ".join(f"{e.id or 'general'}: {e.kind} {dict(e.attrs)}" for e in draft.effects),
        f"operations: {len(draft.ops)}",
    ]
    for d in draft.ops:
        op = d.op
        lines.append(
            f"  {op.index}. {op.kind.value} {op.subject} l.{d.src} confidence {d.confidence:.2f}"
            + (f" effect={op.effect}" if op.effect else "")
        )
    if draft.doubts:
        lines.append(f"doubts: {len(draft.doubts)}")
        lines += [f"  - {d}" for d in draft.doubts]
    unread = draft.unread_lines()
    lines.append(f"not understood: {len(unread)} passage(s)")
    lines += [f"  - {u}" for u in unread]
    return "\n".join(lines)


__all__ = ["Block", "draft_act", "report"]
