"""The state of a version on a date, its extension and the restrictions that bind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.engine.bindings import fragment_uids
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.model import EndReason, Nota, Restriction, RestrictionKind, State, Version
from consolidator.normalize import words_pattern
from consolidator.query.numbering import words_act


def extension_at_act_id(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    """The latest extension of `act` in effect on `day`, if any."""
    events = [e for e in index.extensions_of(act) if e.effective is not None and e.effective <= day]
    return events[-1] if events else None


def extension_at(index: VersionIndex, version: Version, day: date) -> ExtensionEvent | None:
    """The arrêté extension of the act that wrote the version's words, in effect on `day`.

    A version whose act only renumbered or moved the article (avenant n° 32's 9.12, whose words
    are avenant n° 24's) is extended by the extension of the words' act.
    """
    return extension_at_act_id(index, words_act(index, version), day)


def binds_from(index: VersionIndex, version: Version, ext: ExtensionEvent) -> date | None:
    """The day `ext` makes `version` bind every employer: the arrêté's effect, or the version's
    own entry into force when its act enters into force later (avenant n° 20: arrêté published
    1 April 2017, the avenant in force « au premier jour suivant » it, 004 l.9552: 2 April 2017)."""
    if ext.effective is None:
        return None
    if ext.extension.act == version.act and version.since > ext.effective:
        return version.since
    return ext.effective


def version_state(index: VersionIndex, version: Version, day: date) -> State:
    """Legifrance's label for `version` on `day`."""
    if day < version.since:
        return State.A_VENIR
    if version.until is not None and day >= version.until:
        return (version.end or EndReason.REPLACED).state
    act = index.corpus.acts[version.act]
    if not act.extensible:
        return State.EN_VIGUEUR
    return State.ETENDU if extension_at(index, version, day) else State.NON_ETENDU


def notas_at(index: VersionIndex, version: Version, day: date) -> tuple[Nota, ...]:
    """Legifrance's notas on the article from their act's date, for the versions of the lineage
    in force then (a later rewriting of the whole article ends them)."""
    out: list[Nota] = []
    for nota, start in index.notas_by_article.get(version.article, ()):
        start = max(start, nota.shown_from or start)  # an inference true from a later day
        if day < start:
            continue
        versions = index.versions.get(nota.target, ())
        anchor = next((v for v in versions if v.covers(start) or v.since >= start), None)
        if anchor is not None and anchor.lineage == version.lineage:
            out.append(nota)
    return tuple(out)


def restrictions_at(index: VersionIndex, version: Version, day: date) -> tuple[Restriction, ...]:
    """Exclusions and reservations that bind `version` on `day`, plus its extension's scope."""
    found: list[Restriction] = []
    bindings = index.bindings_of(version.article)
    uids = fragment_uids(version) if bindings else None
    for binding in bindings:
        if (
            binding.effective is not None
            and binding.effective <= day
            and binding.applies_to(version, uids)
        ):
            found.append(binding.restriction)
    ext = extension_at(index, version, day)
    if ext is not None:
        found += [r for r in ext.extension.restrictions if r.kind is RestrictionKind.SCOPE]
    unique = list(dict.fromkeys(found))
    return tuple(unique)


@dataclass(frozen=True)
class Span:
    """A stretch of one alinéa that an exclusion keeps out of the extension."""

    fragment: int
    start: int
    end: int
    restriction: Restriction


def excluded_spans(index: VersionIndex, version: Version, day: date) -> tuple[Span, ...]:
    """Where, in `version`'s alinéas, the exclusions in effect on `day` fall (offsets in each alinéa)."""
    spans: list[Span] = []
    bindings = index.bindings_of(version.article)
    uids = fragment_uids(version) if bindings else None
    for binding in bindings:
        r = binding.restriction
        if (
            r.kind is not RestrictionKind.EXCLUSION
            or binding.effective is None
            or binding.effective > day
        ):
            continue
        if not binding.applies_to(version, uids):
            continue
        targets = binding.alineas(version, uids)
        if not r.words:
            spans += [Span(i, 0, len(version.fragments[i].text), r) for i in targets]
            continue
        rows = [i for i in targets if version.fragments[i].cells]
        if (
            rows
        ):  # an exclusion that names a row of a table (a certification ...) takes the whole row
            pattern = words_pattern(r.words)
            spans += [
                Span(i, 0, len(version.fragments[i].text), r)
                for i in rows
                if pattern.search(version.fragments[i].text)
            ]
            targets = [i for i in targets if i not in rows]
        pattern = words_pattern(r.words)
        found = [(i, m) for i in targets for m in pattern.finditer(version.fragments[i].text)]
        if r.occurrence != "all":
            n = int(r.occurrence)
            found = found[n - 1 : n]
        spans += [Span(i, m.start(), m.end(), r) for i, m in found]
    return tuple(sorted(spans, key=lambda s: (s.fragment, s.start)))
