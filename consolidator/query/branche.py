"""The branche view's articles: extended provisions a not-yet-extended act repealed or renumbered.

A change made by an extensible act binds employers outside the signatory organisations only from
its extension (D-213). The adherent replay applies every change on its date of effect; so, for
the branche view on a day, an article that an act not extended on that day repealed (avenant
n° 32 deleting 9.13 in April 2021, the accord of 3 July 2015 replacing chapter IX) or only
renumbered or moved (avenant n° 32's 9.14 → 9.12) still binds non-adherents in the version it
had the day before that change, under its then number and placement. Rewritten articles keep
their id and are handled alinéa by alinéa (`scope.branche_text`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from consolidator.dates import format_french
from consolidator.engine.replay import Entry, VersionIndex
from consolidator.model import EndReason, Restriction, Version
from consolidator.query.numbering import by, only_renumbered
from consolidator.query.scope import branche_text, extended_on


@dataclass(frozen=True)
class Held:
    """An extended version that still binds non-adherents on a day although, for members of the
    signatory organisations, an act not extended then repealed, renumbered or moved it."""

    version: Version  # as it stood before the change (open-ended: its end does not bind them yet)
    entry: Entry  # its placement the day before the change
    act: str  # the act whose change does not bind non-adherents yet
    day: date  # the day that change took effect for members
    renumbered: bool  # True: renumbered or moved; False: repealed


def held_candidate(index: VersionIndex, versions: tuple[Version, ...], day: date) -> Held | None:
    earlier = [v for v in versions if v.since <= day]
    if not earlier:
        return None
    last = earlier[-1]
    if last.covers(day):
        if len(earlier) < 2 or not only_renumbered(index, last):
            return None
        prev, act, when = earlier[-2], last.act, last.since
        if prev.until != last.since:
            return None
    else:
        if last.end is not EndReason.REPEALED or last.ended_by is None or last.until is None:
            return None
        prev, act, when = last, last.ended_by, last.until
    if extended_on(index, act, day):
        return None
    entry = index.entry_at(prev.article, when - timedelta(days=1))
    if entry is None:
        return None
    still = replace(prev, until=None, end=None, ended_by=None)
    return Held(still, entry, act, when, last.covers(day))


def held_sentence(index: VersionIndex, held: Held) -> str:
    """« abrogé le 16 avril 2021 par l'avenant n° 32 …, non étendu à cette date : … »."""
    act = index.corpus.acts[held.act]
    if held.renumbered:
        current = [v for v in index.versions[held.version.article] if v.since == held.day]
        num = current[0].num if current else None
        change = f"renuméroté {num}" if num and num != held.version.num else "déplacé"
    else:
        change = "abrogé"
    return (
        f"{change} le {format_french(held.day)} par {by(act.label)}, non étendu à cette date : "
        "cette rédaction étendue lie toujours les employeurs non adhérents jusqu’à l’extension de ce texte"
    )


def binds_branch(index: VersionIndex, version: Version, day: date) -> bool:
    """Whether anything of `version` (or an earlier extended wording of it) binds the branch."""
    if not version.wording_known:
        return (
            extended_on(index, version.act, day)
            or branche_text(index, version, day).fallback is not None
        )
    found = branche_text(index, version, day)
    return bool(found.paragraphs or found.fallback is not None)


def held_over(index: VersionIndex, day: date) -> dict[str, Held]:
    """The articles (by id) held over in the branche view on `day`."""
    out: dict[str, Held] = {}
    for aid in index.versions:
        held = held_article(index, aid, day)
        if held is not None:
            out[aid] = held
    return out


def held_article(index: VersionIndex, article: str, day: date) -> Held | None:
    """`held_over(index, day).get(article)`, without looking at the other articles."""
    held = held_candidate(index, index.versions[article], day)
    return held if held is not None and binds_branch(index, held.version, day) else None


def branche_entries(
    index: VersionIndex, entries: tuple[Entry, ...], held: dict[str, Held]
) -> list[tuple[Entry, Held | None]]:
    """The structure of the branche view: the day's entries, with each held-over article put back
    where it stood before the change (after the article that preceded it then)."""
    out: list[tuple[Entry, Held | None]] = [(e, None) for e in entries if e.article not in held]
    order = sorted(held.values(), key=lambda h: (h.day, position(index, h)))
    for h in order:
        before = index.structure_at(h.day - timedelta(days=1))
        old = before.entries if before else ()
        at = position(index, h)
        placed = {e.article: i for i, (e, _) in enumerate(out)}
        spot = None
        for prev in reversed(old[:at]):
            if prev.text_id == h.entry.text_id and prev.article in placed:
                spot = placed[prev.article] + 1
                break
        if spot is None:
            same = [i for i, (e, _) in enumerate(out) if e.text_id == h.entry.text_id]
            spot = same[0] if same else len(out)
        out.insert(spot, (h.entry, h))
    return out


def position(index: VersionIndex, h: Held) -> int:
    """Where the held-over article stood the day before the change (its index in the structure)."""
    before = index.structure_at(h.day - timedelta(days=1))
    entries = before.entries if before else ()
    return next((i for i, e in enumerate(entries) if e.article == h.version.article), len(entries))


def answered_pending(index: VersionIndex, version: Version, day: date) -> tuple[Restriction, ...]:
    """Reservations an act answered (D-110) that still bind non-adherents on `day`: the
    answering act is not extended yet, and the alinéa the reservation names is still there
    (avenant n° 7 answered the 2001 reservation on 14.2's alinéa 1; extended 15 June 2004)."""
    out: list[Restriction] = []
    for b in index.bindings_of(version.article):
        r = b.restriction
        if b.until is None or r.answered_by is None or b.effective is None or b.effective > day:
            continue
        if extended_on(index, r.answered_by, day):
            continue
        if b.names(version) and not b.applies_to(version):
            out.append(r)
    return tuple(out)
