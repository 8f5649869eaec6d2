"""Audit beyond words: each extension, reservation and exclusion the export prints on a block
(its footnotes and NOTAs), checked against the corpus's arrêtés, and the converse; each date of
effect against the seed line its rule cites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from consolidator.dates import format_french, parse_french, parse_iso
from consolidator.engine.replay import VersionIndex
from consolidator.errors import ConsolidatorError
from consolidator.model import RuleKind, Version
from consolidator.sources.legifrance.audit import BlockMatch
from consolidator.sources.legifrance.model import Note

_CALL = re.compile(r"(?:^|\s)\((?:\d{1,2}|\*)\)\s")
_ARRETE = re.compile(
    r"arr[êe]t[ée]\s+(?:du\s+)?(\d{1,2}(?:er)?\s+[a-zéûè]+\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_RESERVE = re.compile(r"sous réserve", re.IGNORECASE)
_EXCLUDED = re.compile(r"\bexclus?e?s?\s+de\s+l'extension|termes exclus", re.IGNORECASE)
_EXTENDED = re.compile(r"\bétendu|\bétendue|\bétendues|\bétendus", re.IGNORECASE)
_START_NOTE = re.compile(r"entrée en vigueur .{0,80}? est fixée au (\d{1,2}(?:er)? [a-zéû]+ \d{4})")
_CITED = re.compile(r"\b(?:004 )?l\.\s?(\d{2,5})(?:-(\d{2,5}))?")


@dataclass(frozen=True)
class Claim:
    """One statement of a note: « extended / reserved / excluded by the arrêté of D », or « in
    force from D » (kind "start": `day` is then the date of effect)."""

    line: int
    kind: str  # "extension" | "reserve" | "exclusion" | "start"
    day: date
    text: str


def _dates(text: str) -> list[date]:
    out = []
    for found in _ARRETE.findall(text):
        try:
            out.append(parse_iso(found) if found[:4].isdigit() else parse_french(found))
        except ConsolidatorError:
            continue
    return out


def claims(note: Note) -> list[Claim]:
    """The statements of a note about extension, each with the arrêté it names."""
    parts = [p for p in _CALL.split(note.text) if p.strip()]
    out: list[Claim] = []
    # « L'entrée en vigueur des dispositions de l'article 15.3 est fixée au ... » (l.3235)
    start = _START_NOTE.search(note.text)
    if start:
        out.append(Claim(note.line, "start", parse_french(start.group(1)), start.group(0)))
    for part in parts:
        days = _dates(part) or list(note.arretes[:1])
        if not days:
            continue
        if _RESERVE.search(part):
            kind = "reserve"
        elif _EXCLUDED.search(part):
            kind = "exclusion"
        elif _EXTENDED.search(part):
            kind = "extension"
        else:
            continue
        out.append(Claim(note.line, kind, days[0], part.strip()))
    return out


def _acts(version: Version) -> set[str]:
    return {version.act} | {a for f in version.fragments for a in (f.act, *f.amended_by)}


def _bound(index: VersionIndex, version: Version, kind: str) -> set[date]:
    """The arrêtés whose restriction of `kind` binds the version on some day of its life."""
    return {
        index.corpus.arretes[b.restriction.arrete].date
        for b in index.bindings_of(version.article)
        if b.restriction.kind == kind
        and b.applies_to(version)
        and b.effective is not None
        and (version.until is None or b.effective < version.until)
    }


def check_claim(index: VersionIndex, version: Version, claim: Claim) -> str:
    """'' when the corpus holds what the note says of this version, else the disagreement."""
    if claim.kind == "start":
        if version.since == claim.day:
            return ""
        return f"the seed says in force from {claim.day}; the version starts on {version.since}"
    if claim.kind == "extension":
        days = {e.arrete.date for a in _acts(version) for e in index.extensions_of(a)}
        if claim.day in days:
            return ""
        return f"the seed says extended by the arrêté of {claim.day}; the corpus has no such extension of this version's acts"
    if claim.day in _bound(index, version, claim.kind):
        return ""
    return f"the seed prints a {claim.kind} of the arrêté of {claim.day}; the corpus binds none to this version"


def unprinted(
    index: VersionIndex, match: BlockMatch, printed: list[Claim]
) -> list[tuple[str, date]]:
    """Reservations and exclusions the corpus binds to the version that the block does not print."""
    assert match.version is not None
    out = []
    for kind in ("reserve", "exclusion"):
        said = {c.day for c in printed if c.kind == kind}
        out += [(kind, d) for d in sorted(_bound(index, match.version, kind) - said)]
    return out


@dataclass(frozen=True)
class StartCheck:
    """One date-of-effect rule against the seed line its note cites."""

    act: str
    rule: str | None
    line: int  # the cited seed line, 0 when none
    decision: str | None  # an approximate rule's own decision
    problem: str


def _words_for(index: VersionIndex, act_id: str, key: str | None) -> tuple[str, ...]:
    """What the cited clause must say for the rule: its date, « signature », or the extension."""
    act = index.corpus.acts[act_id]
    rule = act.effects[key]
    if rule.kind is RuleKind.FIXED and rule.date is not None:
        at_signature = ("signature",) if rule.date == act.signed else ()
        return (format_french(rule.date), rule.date.isoformat(), *at_signature)
    if rule.kind is RuleKind.SIGNATURE:  # « à sa date de signature », or that date itself
        return ("signature", format_french(act.signed + timedelta(days=rule.offset_days)))
    return ("extension", "arrêté")


def start_checks(index: VersionIndex, lines: list[str]) -> list[StartCheck]:
    """Each act's date-of-effect rules: reproduced when the seed line its note cites states it,
    explained when the rule is flagged approximate with a decision, wrong otherwise."""
    out: list[StartCheck] = []
    for act in index.corpus.acts.values():
        for key, rule in act.effects.items():
            cited = [m for note in rule.notes for m in _CITED.finditer(note)]
            if rule.approximate or not cited:
                problem = "" if rule.decision else "no seed line and no decision for this date"
                out.append(StartCheck(act.id, key, 0, rule.decision, problem))
                continue
            first = int(cited[0].group(1))
            last = int(cited[0].group(2) or first)
            text = " ".join(lines[first - 1 : last]).lower()
            words = _words_for(index, act.id, key)
            ok = any(w.lower() in text for w in words)
            problem = "" if ok else f"l.{first} does not state « {words[0]} »"
            out.append(StartCheck(act.id, key, first, rule.decision, problem))
    return out
