"""How sure each change date of the text is, act by act.

A change date is shown alone in the site's history table and in the titles of the change and
version pages; when the sources do not write it (approximate, inferred or metadata date), the
reader sees why, as on the article pages (docs/provenance.md, lawyers L-01 and L-43). One date may
be written by the sources for one act (the convention's 1 February 2000, l.57) and inferred for
another (Annexe III, D-304): the caveat goes with the act, and with the date only when no act
that changed the text that day has it from the sources. One table, the provenance of each
version's first day by (day, act), serves both.
"""

from __future__ import annotations

from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.query.provenance import Provenance, extension_provenance, since_provenance

DayActs = dict[tuple[date, str], dict[str | None, Provenance]]  # caveat (None: sourced) → first
_TABLES: dict[int, tuple[VersionIndex, DayActs]] = {}


def _first_days(index: VersionIndex) -> DayActs:
    """(day, act) → the provenance of each versions' first day the act gave that day, one per
    caveat (None for a date the sources write); computed once per index."""
    known = _TABLES.get(id(index))
    if known is not None and known[0] is index:
        return known[1]
    found: DayActs = {}
    for versions in index.versions.values():
        for v in versions:
            prov = since_provenance(index, v)
            if prov is not None:
                found.setdefault((v.since, v.act), {}).setdefault(prov.caveat, prov)
    _TABLES.clear()  # one index at a time: a served or built corpus
    _TABLES[id(index)] = (index, found)
    return found


def act_date_provenance(index: VersionIndex) -> dict[tuple[date, str], list[Provenance]]:
    """For each (change date, act), the caveated provenances of that date for that act (its
    versions' first day, its extension's day of effect), each caveat once: « avenant du 24 mai
    2002 (date approximative, D-005) » on the history page as on the article pages."""
    found = {
        key: {c: p for c, p in provs.items() if c} for key, provs in _first_days(index).items()
    }
    for act, events in index.timeline.extensions.items():
        for e in events:
            prov = extension_provenance(index.corpus, e.arrete)
            if e.effective is not None and prov is not None and prov.caveat:
                found.setdefault((e.effective, act), {}).setdefault(prov.caveat, prov)
    return {key: list(provs.values()) for key, provs in found.items() if provs}


def day_caveat(index: VersionIndex, day: date) -> str | None:
    """The caveat of `day` itself: only when no act that changed the text then has it sourced."""
    acts = [provs for (d, _), provs in _first_days(index).items() if d == day]
    if not acts or any(None in provs for provs in acts):
        return None
    return " ; ".join(dict.fromkeys(next(iter(provs)) or "" for provs in acts))


def dated(index: VersionIndex, day: date, shown: str | None = None) -> str:
    """« 24 mai 2002 (date approximative, D-005) », or the date alone when the sources write it;
    `shown`: the date as the caller prints it (e.g. with no-break spaces)."""
    caveat = day_caveat(index, day)
    return (shown or format_french(day)) + (f" ({caveat})" if caveat else "")
