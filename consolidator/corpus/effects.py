"""An act's dates: ISO dates checked, and its date-of-effect rules (<effect>) read."""

from __future__ import annotations

from datetime import date

from lxml import etree

from consolidator.corpus.acts import condition_of
from consolidator.corpus.collector import Collector
from consolidator.dates import DATE_MAX, DATE_RANGE, parse_iso
from consolidator.model import EffectRule, ExtensionRule, Location, RuleKind


def read_date(value: str | None, out: Collector, loc: Location) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as exc:
        out.add(
            str(exc),
            loc.file,
            loc.line,
            hint=f"use a real calendar date YYYY-MM-DD from {DATE_RANGE}",
        )
        return None


def _effect(el: etree._Element, out: Collector, loc: Location) -> EffectRule:
    rule = el[0]
    notes = tuple((n.text or "").strip() for n in el.findall("note"))
    common = {
        "approximate": el.get("approximate") == "true",
        "decision": el.get("decision"),
        "notes": notes,
        "provisions": el.get("provisions"),
        "condition": condition_of(el),
    }
    if rule.tag == "fixed":
        return EffectRule(RuleKind.FIXED, date=read_date(rule.get("date"), out, loc), **common)  # type: ignore[arg-type]
    if rule.tag == "at-signature":
        return EffectRule(
            RuleKind.SIGNATURE, offset_days=int(rule.get("offset-days", "0")), **common
        )  # type: ignore[arg-type]
    return EffectRule(
        RuleKind.EXTENSION,
        arrete=rule.get("arrete"),
        extension_rule=ExtensionRule(rule.get("rule")),
        **common,  # type: ignore[arg-type]
    )


def read_effects(
    el: etree._Element, file: str, signed: date, out: Collector
) -> dict[str | None, EffectRule]:
    """The act's date-of-effect rules by id (None: the default one)."""
    effects: dict[str | None, EffectRule] = {}
    for eff in el.findall("effect"):
        key = eff.get("id")
        if key in effects:
            out.add(
                f"duplicate effect rule {key or '(default)'!r}",
                file,
                eff.sourceline,
                act=el.get("id"),
            )
        if key is not None and not eff.get("provisions"):
            out.add(
                f"effect rule {key!r} does not say which provisions it governs",
                file,
                eff.sourceline,
                act=el.get("id"),
                hint="add provisions=\"de l'article 1er\" (the reader's words, with « de »/« des »)",
            )
        effects[key] = _effect(eff, out, Location(file, eff.sourceline))
        offset = effects[key].offset_days
        if offset and (DATE_MAX - signed).days < offset:
            out.add(
                f"signature {signed} plus {offset} days falls after {DATE_MAX}",
                file,
                eff.sourceline,
                act=el.get("id"),
                hint=f"dates go from {DATE_RANGE}",
            )
    return effects
