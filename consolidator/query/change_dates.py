"""How sure each change date of the text is, act by act.

A change date is shown alone in the site's history table and in the titles of the change and
version pages; when the sources do not write it (approximate, inferred or metadata date), the
reader sees why, as on the article pages (docs/provenance.md, lawyer L-43). One date may be
written by the sources for one act (the convention's 1 February 2000, l.60) and inferred for
another (Annexe III, D-304): the caveat goes with the act, and with the date only when no act
that changed the text that day has it from the sources.
"""

from __future__ import annotations

from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.query.provenance import Provenance, rule_of, rule_provenance, since_provenance

ActCaveats = dict[str, str | None]  # act id → its caveat for that day (None: sourced)
_CAVEATS: dict[int, tuple[VersionIndex, dict[date, ActCaveats]]] = {}


def change_date_caveats(index: VersionIndex) -> dict[date, ActCaveats]:
    """Change date → each act whose versions begin that day, with the caveat of that date."""
    known = _CAVEATS.get(id(index))
    if known is not None and known[0] is index:
        return known[1]
    rules: dict[tuple[str, int], Provenance | None] = {}
    out: dict[date, ActCaveats] = {}
    for versions in index.versions.values():
        for version in versions:
            found = rule_of(index, version)
            if found is None:
                continue
            key = (found[0].id, id(found[1]))
            if key not in rules:
                rules[key] = rule_provenance(index, *found)
            prov = rules[key]
            if prov is not None and prov.caveat:  # a nota on the article may write it (15.3)
                prov = since_provenance(index, version)
            caveat = prov.caveat if prov else None
            acts = out.setdefault(version.since, {})
            if acts.get(found[0].id, "") is not None:  # sourced once is sourced for the act
                acts[found[0].id] = caveat
    _CAVEATS.clear()  # one index at a time: a served or built corpus
    _CAVEATS[id(index)] = (index, out)
    return out


def day_caveat(index: VersionIndex, day: date) -> str | None:
    """The caveat of `day` itself: only when no act that changed the text then has it sourced."""
    acts = change_date_caveats(index).get(day, {})
    if not acts or any(c is None for c in acts.values()):
        return None
    return " ; ".join(dict.fromkeys(c for c in acts.values() if c))


def dated(index: VersionIndex, day: date, shown: str | None = None) -> str:
    """« 24 mai 2002 (date approximative, D-005) », or the date alone when the sources write it;
    `shown`: the date as the caller prints it (e.g. with no-break spaces)."""
    caveat = day_caveat(index, day)
    return (shown or format_french(day)) + (f" ({caveat})" if caveat else "")
