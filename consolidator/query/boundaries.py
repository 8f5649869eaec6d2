"""The provenance of the other dates of a version's life: its last day and the boundaries of its
state periods. A date keeps the provenance of the date it was computed from, wherever it is shown
(docs/provenance.md; lawyer L-01)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent, resolve_rule
from consolidator.model import Version
from consolidator.query.history import StatePeriod
from consolidator.query.provenance import (
    Provenance,
    extension_provenance,
    rule_provenance,
    since_provenance,
)


def until_provenance(index: VersionIndex, version: Version) -> Provenance | None:
    """The provenance of the version's last day (its `until`): the first day of the wording that
    followed it, or the date of effect of the act that ended it. A date keeps its provenance
    wherever it is shown (lawyer L-01)."""
    if version.until is None:
        return None
    for other in index.versions.get(version.article, ()):
        if other.since == version.until and other is not version:
            return since_provenance(index, other)
    act = index.corpus.acts.get(version.ended_by or "")
    rule = act.effects.get(None) if act else None
    if act is None or rule is None:
        return None
    if resolve_rule(rule, act, index.timeline.extensions)[0] != version.until:
        return None  # ended by one of its operations' own rules: no claim rather than a wrong one
    return rule_provenance(index, act, rule)


def _boundary(
    index: VersionIndex, version: Version, day: date, extension: ExtensionEvent | None
) -> Provenance | None:
    """The provenance of a state period's boundary `day` in `version`'s life: its first or last
    day, or the day an extension took effect (computed from the arrêté's JO date)."""
    if day == version.since:
        return since_provenance(index, version)
    if day == version.until:
        return until_provenance(index, version)
    if extension is not None and extension.effective == day:
        return extension_provenance(index.corpus, extension.arrete)
    return None


def period_bounds(
    index: VersionIndex, version: Version, periods: Sequence[StatePeriod]
) -> list[tuple[Provenance | None, Provenance | None]]:
    """For each state period of `version`, the provenance of its first and last day (a period
    ends where the next begins, often the day the next one's extension takes effect)."""
    out = []
    for p, after in zip(periods, (*periods[1:], None), strict=True):
        end = (
            _boundary(index, version, p.until, after.extension if after else None)
            if p.until
            else None
        )
        out.append((_boundary(index, version, p.since, p.extension), end))
    return out
