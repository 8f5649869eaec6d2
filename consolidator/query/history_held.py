"""`history`: the stretch during which a version still binds non-adherents after its end (D-213).

One story with the branche view: the version named here is the one `article --view branche`,
`text --view branche` and `applicability` name for non-adherents on each of those days — the
held-over article (`branche.held_candidate`) or the earlier extended wording (`branche_text`'s
fallback). So a version replaced before its own extension binds them only from that extension
(avenant n° 7 on 10.2: 15 June 2004, not 3 March 2004), a version never extended or wholly
excluded never does, and when the replacing act is never extended the stretch ends with the
extension of a later text that replaced it in turn (avenant n° 16 on 15.2: 1 January 2020).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.model import EndReason, Version
from consolidator.query.branche import held_candidate
from consolidator.query.moments import memo_for
from consolidator.query.numbering import only_renumbered, words_act
from consolidator.query.scope import branche_text, extended_on
from consolidator.query.undated import version_undated


@dataclass(frozen=True)
class HeldPeriod:
    """After a version's end for members, the stretch during which it still binds non-adherents:
    from the later of that end and its own extension, to the extension (or change) that ends it
    (None: nothing in the sources ends it)."""

    since: date
    until: date | None
    act: str  # the act that ended the version for members (on the version's `until`)
    extension: ExtensionEvent | None  # the extension that ends the stretch, if that is what does
    change: str  # "repealed", "renumbered" (or moved), "replaced" (for what the act changed)
    until_act: str | None = None  # the act whose extension (or change) ends it (None: open)
    own_extension: ExtensionEvent | None = None  # set when it binds them only from this, later
    # an arrêté whose JO publication, on an unknown day, ends the stretch (`until` is then None;
    # the arrêté's date is only the earliest day; D-716)
    until_undated: ExtensionEvent | None = None
    # the version's own extension, whose JO publication is unknown (D-716)
    own_undated: ExtensionEvent | None = None


def _key(version: Version) -> tuple[date, str]:
    return (version.since, version.act)


def branche_named(index: VersionIndex, article: str, day: date) -> Version | None:
    """The version of `article` whose wording binds non-adherents on `day` although it no longer
    binds members (None when it is the members' version, or nothing binds them)."""
    versions = index.versions[article]
    held = held_candidate(index, versions, day)
    original: Version | None = None
    if held is not None:
        base: Version | None = held.version
        original = next(v for v in versions if _key(v) == _key(held.version))
    else:
        base = next((v for v in versions if v.covers(day)), None)
    if base is None:
        return None
    if version_undated(index, base, day) is not None:  # counted from the arrêté's date (D-716)
        return original
    found = branche_text(index, base, day)
    if found.fallback is not None:
        return found.fallback
    unknown = not base.wording_known and extended_on(index, base.act, day)  # as `binds_branch`
    if original is not None and (found.paragraphs or unknown):
        return original
    return None


def change_days(index: VersionIndex, article: str) -> list[date]:
    """Every day on which what binds non-adherents may change: a version's first or last day, an
    extension's effect of an act that wrote any of its alinéas (the arrêté's date when its JO
    publication is unknown: the earliest day, D-716), a reservation's start or end."""
    days: set[date] = set()
    acts: set[str] = set()
    for v in index.versions[article]:
        days.add(v.since)
        if v.until:
            days.add(v.until)
        acts |= {v.act, words_act(index, v)} | {v.ended_by} - {None}  # type: ignore[operator]
        for f in v.fragments:
            acts |= {f.act, *f.amended_by}
    for act in acts:
        days |= {e.effective or e.arrete.date for e in index.extensions_of(act)}
    for b in index.bindings_of(article):
        days |= {d for d in (b.effective, b.until) if d}
    return sorted(days)


def _ender(
    index: VersionIndex, article: str, day: date
) -> tuple[str | None, ExtensionEvent | None]:
    """What ends a held-over stretch on `day`: an extension taking effect that day (of the act of
    a version in force then, else of any later act of the article), else the change of that day."""
    versions = index.versions[article]
    current = [v for v in versions if v.covers(day)]
    acts: list[str] = []
    for v in current + [v for v in versions if v.since <= day and v not in current]:
        acts += [words_act(index, v), v.act, *(a for f in v.fragments for a in f.amended_by)]
        acts += [v.ended_by] if v.ended_by and v.until and v.until <= day else []
    for act in acts:
        event = next((e for e in index.extensions_of(act) if e.effective == day), None)
        if event is not None:
            return act, event
    starting = [v for v in versions if v.since == day]
    if starting:
        return starting[0].act, None
    ended = [v for v in versions if v.until == day and v.ended_by]
    return (ended[0].ended_by, None) if ended else (None, None)


def held_period(index: VersionIndex, version: Version) -> HeldPeriod | None:
    """`history`: the held-over stretch that follows `version`, if any (D-213); the same on every
    day, so kept by the index's memo from its second query on (the history page lists them all,
    each article page those of its versions)."""
    memo = memo_for(index)
    if memo is None:
        return _held_period(index, version)
    return memo.once(version, _held_period, lambda: _held_period(index, version))


def _held_period(index: VersionIndex, version: Version) -> HeldPeriod | None:
    if version.until is None:
        return None
    article = version.article
    nxt = next((v for v in index.versions[article] if v.since == version.until), None)
    if nxt is not None:
        act, change = nxt.act, "renumbered" if only_renumbered(index, nxt) else "replaced"
    elif version.end is EndReason.REPEALED and version.ended_by:
        act, change = version.ended_by, "repealed"
    else:
        return None
    mine = _key(version)
    since: date | None = None
    until: date | None = None
    for day in (d for d in change_days(index, article) if d >= version.until):
        named = branche_named(index, article, day)
        hit = named is not None and _key(named) == mine
        if since is None and hit:
            since = day
        elif since is not None and not hit:
            until = day
            break
    if since is None:
        return None
    until_act, event = _ender(index, article, until) if until else (None, None)
    undated = _undated_ender(index, article, until) if until and event is None else None
    if undated is not None:  # ends on the arrêté's unknown JO day, not on its date (D-716)
        until_act, until = undated.extension.act, None
    own = None
    if since > version.until:
        own = next(
            (e for e in index.extensions_of(words_act(index, version)) if e.effective == since),
            None,
        )
    own_undated = version_undated(index, version, since)
    return HeldPeriod(since, until, act, event, change, until_act, own, undated, own_undated)


def _undated_ender(index: VersionIndex, article: str, day: date) -> ExtensionEvent | None:
    """An arrêté dated `day`, whose JO publication is unknown, extending a version of `article`
    that starts on or before `day` (the avenant of 26 September 2001 on 9.6; D-716)."""
    for v in index.versions[article]:
        event = version_undated(index, v, day) if v.since <= day else None
        if event is not None and event.arrete.date == day:
            return event
    return None
