"""Who is bound by each fragment on a date: the branche (extended) view and applicability."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from consolidator.engine.bindings import fragment_uids
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.french import de
from consolidator.model import Fragment, Restriction, RestrictionKind, Version
from consolidator.query.states import Span, excluded_spans, extension_at_act_id, restrictions_at


class Scope(StrEnum):
    """Who a fragment binds on a date."""

    BRANCHE = "branche"  # extended: every employer in the extension's field
    RESERVE = "branche sous réserve"  # extended subject to a reservation
    ADHERENTS = "adhérents"  # not extended, or excluded: members of signatory organisations only
    NON_APPLICABLE = "sans extension"  # texts extension does not apply to (adhésion ...)


@dataclass(frozen=True)
class FragmentScope:
    """The scope of one alinéa (or table row) of a version on a date."""

    index: int
    scope: Scope
    acts: tuple[str, ...]
    extension: ExtensionEvent | None
    restrictions: tuple[Restriction, ...]
    excluded: tuple[Span, ...]


def extended_on(index: VersionIndex, act: str, day: date) -> bool:
    """Whether a change made by `act` binds employers outside the signatory organisations on
    `day`: the act is not subject to extension, or its extension has taken effect (D-213)."""
    return not index.corpus.acts[act].extensible or extension_at_act_id(index, act, day) is not None


def _fragment_acts(fragment: Fragment) -> tuple[str, ...]:
    return (fragment.act, *fragment.amended_by)


def fragment_scopes(
    index: VersionIndex,
    version: Version,
    day: date,
    spans: tuple[Span, ...] | None = None,
    restrictions: tuple[Restriction, ...] | None = None,
) -> tuple[FragmentScope, ...]:
    """Each alinéa's scope: extended only when every act that wrote it is extended on `day`
    (`spans`, `restrictions`: the version's excluded spans and restrictions on `day`, when the
    caller has them already)."""
    if spans is None:
        spans = excluded_spans(index, version, day)
    if restrictions is None:
        restrictions = restrictions_at(index, version, day)
    by_acts: dict[tuple[str, ...], tuple[bool, ExtensionEvent | None, bool]] = {}
    notes_by_fragment = _notes_by_fragment(index, version, restrictions)
    spans_of: dict[int, tuple[Span, ...]] = {}
    for s in spans:
        spans_of[s.fragment] = (*spans_of.get(s.fragment, ()), s)
    acts_of = index.corpus.acts
    out: list[FragmentScope] = []
    for i, fragment in enumerate(version.fragments):
        acts = (fragment.act, *fragment.amended_by) if fragment.amended_by else (fragment.act,)
        known = by_acts.get(acts)
        if known is None:  # most alinéas of a version share their acts: compute once
            extensible = all(acts_of[a].extensible for a in acts)
            events = [extension_at_act_id(index, a, day) for a in acts]
            last = max(
                (e for e in events if e), key=lambda e: e.effective or date.min, default=None
            )
            known = by_acts[acts] = (extensible, last, all(events))
        extensible, last, extended = known
        if not extensible:
            out.append(FragmentScope(i, Scope.NON_APPLICABLE, acts, None, (), ()))
            continue
        mine = spans_of.get(i, ())
        whole = bool(mine) and any(s.start == 0 and s.end == len(fragment.text) for s in mine)
        notes = notes_by_fragment[i]
        if not extended or whole:
            scope = Scope.ADHERENTS
        elif notes and any(r.kind is RestrictionKind.RESERVE for r in notes):
            scope = Scope.RESERVE
        else:
            scope = Scope.BRANCHE
        out.append(FragmentScope(i, scope, acts, last, notes, mine))
    return tuple(out)


def _notes_by_fragment(
    index: VersionIndex, version: Version, restrictions: tuple[Restriction, ...]
) -> list[tuple[Restriction, ...]]:
    """For each alinéa, the restrictions that concern it (scope: its act's; others: their binding)."""
    if not restrictions:
        return [()] * len(version.fragments)
    notes: list[list[Restriction]] = [[] for _ in version.fragments]
    bound = {b.restriction: b for b in index.bindings_of(version.article)}
    uids = fragment_uids(version) if bound else None
    for r in restrictions:
        if r.kind is RestrictionKind.SCOPE:
            hits = [i for i, f in enumerate(version.fragments) if r.act in _fragment_acts(f)]
        else:
            binding = bound.get(r)
            hits = binding.alineas(version, uids) if binding is not None else []
        for i in hits:
            notes[i].append(r)
    return [tuple(n) for n in notes]


@dataclass(frozen=True)
class BrancheText:
    """What of an article binds every employer of the branch on a date."""

    paragraphs: tuple[str, ...]
    removed: tuple[tuple[int, str], ...]  # (alinéa index, why) for alinéas left out
    fallback: Version | None  # the earlier extended version still binding non-members
    fallback_fragments: tuple[Fragment, ...]
    # the reservations and exclusions the fallback's extension still carries (lawyer L-60)
    fallback_restrictions: tuple[Restriction, ...] = ()


def _strip(text: str, spans: tuple[Span, ...]) -> str:
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = text[: span.start] + "[…]" + text[span.end :]
    return text


def branche_text(index: VersionIndex, version: Version, day: date) -> BrancheText:
    """The article as it binds the whole branch: extended alinéas, excluded words removed.

    Alinéas written by an act not yet extended are left out; the earlier extended wording they
    replaced, which still binds employers outside the signatory organisations, is returned apart.
    """
    paragraphs: list[str] = []
    removed: list[tuple[int, str]] = []
    left_out: list[int] = []  # the alinéas not extended yet (not those excluded)
    unextended = False
    for scope in fragment_scopes(index, version, day):
        fragment = version.fragments[scope.index]
        if scope.scope is Scope.ADHERENTS and not scope.excluded:
            removed.append((scope.index, "non étendu"))
            left_out.append(scope.index)
            unextended = True
        elif scope.scope is Scope.ADHERENTS:
            removed.append((scope.index, "exclu de l’extension"))
        else:
            paragraphs.append(_strip(fragment.text, scope.excluded))
    # an exclusion removes text; only text not yet extended leaves the earlier extended wording
    # binding (a version whose wording the sources lack is not extended when its act is not)
    unextended = unextended or (
        not version.wording_known and not extended_on(index, version.act, day)
    )
    fallback = _fallback(index, version, day) if unextended else None
    # the earlier wording of every alinéa left out as not extended (a word-level change keeps the
    # alinéa's uid: its earlier extended wording still binds) and of those the change removed
    kept = {version.fragments[i].uid for i in range(len(version.fragments))} - {
        version.fragments[i].uid for i in left_out
    }
    extra: tuple[Fragment, ...] = ()
    if fallback is not None and fallback.wording_known:
        bound = {
            s.index
            for s in fragment_scopes(index, fallback, day)
            if s.scope in (Scope.BRANCHE, Scope.RESERVE) and not s.excluded
        }
        extra = tuple(
            f for i, f in enumerate(fallback.fragments) if f.uid not in kept and i in bound
        )
    held = _held_restrictions(index, fallback, day, extra) if fallback is not None else ()
    return BrancheText(tuple(paragraphs), tuple(removed), fallback, extra, held)


def _held_restrictions(
    index: VersionIndex, fallback: Version, day: date, shown: tuple[Fragment, ...]
) -> tuple[Restriction, ...]:
    """The reservations and exclusions that bind the held-over wording on `day`: non-adherents
    are bound by it as extended, i.e. with its arrêté's restrictions (9.2 of avenant n° 27 and
    the R. 6332-8 reservation of the arrêté of 18 December 2020, until avenant n° 32 is
    extended; lawyer L-60). Those bound to an alinéa not shown are left out."""
    uids = {f.uid for f in shown}
    if not uids and fallback.wording_known:
        return ()
    return tuple(
        r
        for r in restrictions_at(index, fallback, day)
        if r.kind is not RestrictionKind.SCOPE
        and (not r.alinea or not fallback.wording_known or _uid(fallback, r.alinea) in uids)
    )


def _uid(version: Version, alinea: int) -> str | None:
    return version.fragments[alinea - 1].uid if 0 < alinea <= len(version.fragments) else None


def _fallback(index: VersionIndex, version: Version, day: date) -> Version | None:
    """The latest earlier version of the article that binds the branch on `day`: wholly (every
    alinéa extended or excluded) if there is one, else in part (some alinéa extended)."""
    earlier = [v for v in index.versions[version.article] if v.since < version.since]
    partly: Version | None = None
    for candidate in reversed(earlier):
        if not candidate.wording_known:
            if extended_on(index, candidate.act, day):
                return partly or candidate
            continue
        scopes = fragment_scopes(index, candidate, day)
        if not any(s.scope in (Scope.BRANCHE, Scope.RESERVE) for s in scopes):
            continue
        if all(s.scope is not Scope.ADHERENTS or s.excluded for s in scopes):
            return candidate
        partly = partly or candidate
    return partly


def reserved_alineas(
    index: VersionIndex, version: Version, restrictions: tuple[Restriction, ...]
) -> dict[Restriction, tuple[int, ...]]:
    """Where each reservation falls: the alinéas (indices) it is bound to, after which its call
    goes, like an exclusion's (004 l.2127 « … procédures de subrogation (1). »); `()` for one
    that binds the article's lineage (no alinéa, no words), whose note says what it bears on
    (`Restriction.bears`: « Article étendu sous réserve … », or its own words: « L'article
    15.2.3 est étendu sous réserve … »)."""
    bound = {_unanswered(b.restriction): b for b in index.bindings_of(version.article)}
    out: dict[Restriction, tuple[int, ...]] = {}
    for r in restrictions:
        if r.kind is not RestrictionKind.RESERVE:
            continue
        binding = bound.get(_unanswered(r))
        if binding is None or binding.lineage is not None or r.bears:
            out[r] = ()
        else:
            out[r] = tuple(binding.alineas(version))
    return out


def _unanswered(r: Restriction) -> Restriction:
    """The restriction without its answering act (the known-at and branche views drop it)."""
    return replace(r, answered_by=None) if r.answered_by else r


def reservation_reach(index: VersionIndex, version: Version, r: Restriction) -> str | None:
    """« article entier » / « ensemble de l'annexe IV » for a reservation whose arrêté restricts
    the whole article or the whole text the article belongs to (it has no call: 004 l.15284
    « Accord étendu sous réserve … », printed under the préambule); None for any other."""
    if r.kind is not RestrictionKind.RESERVE or r.bears is None:
        return None
    if r.bears == "text":
        return "ensemble " + de(index.corpus.acts[version.text_id].label)
    return "article entier"
