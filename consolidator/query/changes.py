"""Legal events and what each one changed: the data behind the change feed and the git export.

A legal event is a dated line of the timeline that changes the text or its states: an act's
entry into force (one per date-of-effect rule), an arrêté's extension of an act taking effect,
an act's term (périmé) or dénonciation. Each event carries the date it takes effect, the date it
became known (the act's signature, or the JO publication of the arrêté it waits for), the honest
flags of the corpus (approximate or inferred dates, with their decision ids) and the articles it
touched: number, title, kinds of change, state before/after and a word diff.

Articles changed on a day are attributed to that day's events: a new wording to the event of the
act that wrote it, a state or restriction change to the extension of the version's act, a lapse
to the term of the text; anything else to the day's first entry into force (counted in
`Attribution.fallbacks`, zero on the embedded corpus).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import resolve_rule
from consolidator.french import apostrophes, de
from consolidator.model import (
    Act,
    Arrete,
    Day,
    EndReason,
    Operation,
    Restriction,
    SourceRef,
)
from consolidator.query.diff import ArticleChange, changelog, opening
from consolidator.query.snapshot import first_day

EFFET, EXTENSION, TERME, DENONCIATION = "entrée en vigueur", "extension", "terme", "dénonciation"


@dataclass(frozen=True)
class Touch:
    """One article an event touched: how a reader names it, and what changed."""

    article: str  # stable id: for file names and links only, never shown
    num: str | None
    title: str | None
    text: str  # the title of the text (convention, annexe ...) the article belongs to
    change: ArticleChange

    @property
    def name(self) -> str:
        """« article 2.5 — Congé … » (the number before the change if repealed; D-715 labels)."""
        head = f"article {self.num}" if self.num else self.change.num
        return f"{head} — {self.title}" if self.num and self.title else head


@dataclass(frozen=True)
class EventNote:
    """A caveat on one of an event's dates: « Date: approximative (D-005) » as a git trailer and in
    the JSON, « Date d’effet approximative (D-005) » for readers (lawyer L-57)."""

    field: str  # Date (of effect), Signature, JO
    value: str  # approximative, déduite, date inconnue
    decision: str | None = None

    def __str__(self) -> str:
        return f"{self.field}: {self.value}" + (f" ({self.decision})" if self.decision else "")

    @property
    def phrase(self) -> str:
        what = {"Date": "Date d’effet", "Signature": "Date de signature"}.get(self.field)
        said = f"{what} {self.value}" if what else f"Date de publication au JO {self.value}"
        return said.replace(" date ", " ") + (f" ({self.decision})" if self.decision else "")


@dataclass(frozen=True)
class LegalEvent:
    """One legal event: its date of effect, the date it became known, the acts and what changed."""

    date: date
    kind: str
    act: Act
    effect: str | None = None
    arrete: Arrete | None = None
    known: Day | None = None
    notes: tuple[EventNote, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    touches: tuple[Touch, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        """A stable key for machines (feed entry ids, JSON): date, kind, act, effect, arrêté."""
        parts = [self.date.isoformat(), _KIND_KEYS[self.kind], self.act.id]
        if self.effect:
            parts.append(self.effect)
        if self.arrete:
            parts.append(self.arrete.id)
        return "/".join(parts)

    @property
    def title(self) -> str:
        """« Avenant n° 20 du 21 septembre 2016 — entrée en vigueur »."""
        act = _capital(apostrophes(self.act.label))  # « … à l’accord CET »
        if self.kind == EXTENSION and self.arrete is not None:
            return f"{_capital(self.arrete.label)} — extension {de(apostrophes(self.act.label))}"
        if self.kind == EFFET:
            part = " (en partie)" if len(self.act.effects) > 1 else ""
            return f"{act} — entrée en vigueur{part}"
        if self.kind == TERME:
            return f"{act} — terme (périmé le {format_french(self.date)})"
        return f"{act} — dénonciation"


_KIND_KEYS = {EFFET: "effet", EXTENSION: "extension", TERME: "terme", DENONCIATION: "denonciation"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_line(ref: SourceRef, paths: dict[str, str] | None = None) -> str:
    """« 004 l.9449-9573 »: a seed file and its lines (or the file's name when no lines).

    >>> source_line(SourceRef("004", "9449-9573"))
    '004 l.9449-9573'
    >>> source_line(SourceRef("meta"), {"meta": "../sources/kali-2128-metadata.json"})
    'kali-2128-metadata.json'
    """
    if ref.lines:
        return f"{ref.file} l.{ref.lines}"
    return (paths or {}).get(ref.file, ref.file).rsplit("/", 1)[-1]


def _act_notes(act: Act, key: str | None) -> list[EventNote]:
    notes = []
    rule = act.effects.get(key)
    if rule is not None and rule.approximate:
        notes.append(EventNote("Date", "approximative", rule.decision))
    elif rule is not None and rule.decision:
        notes.append(EventNote("Date", "déduite", rule.decision))
    if act.signed_approximate:
        notes.append(EventNote("Signature", "date approximative"))
    return notes


def _effect_events(index: VersionIndex) -> list[LegalEvent]:
    out = []
    exts = index.timeline.extensions
    for act in index.corpus.acts.values():
        for key, rule in sorted(act.effects.items(), key=lambda kv: kv[0] or ""):
            day, _ = resolve_rule(rule, act, exts)
            if day is None:
                continue
            arrete: Arrete | None = None
            known: date | None = act.signed
            if rule.arrete or rule.extension_rule:
                found = [e for e in exts.get(act.id, ()) if rule.arrete in (None, e.arrete.id)]
                if found:
                    arrete = min(found, key=lambda e: e.arrete.date).arrete
                    known = arrete.jo
            sources = act.sources + (arrete.sources if arrete else ())
            notes = _act_notes(act, key)
            out.append(LegalEvent(day, EFFET, act, key, arrete, known, tuple(notes), sources))
    return out


def _extension_events(index: VersionIndex) -> list[LegalEvent]:
    out = []
    for act_id, events in index.timeline.extensions.items():
        act = index.corpus.acts[act_id]
        for ev in events:
            if ev.effective is None:
                continue
            notes = [] if ev.arrete.jo else [EventNote("JO", "date inconnue")]
            known = ev.arrete.jo or ev.arrete.date
            out.append(
                LegalEvent(
                    ev.effective,
                    EXTENSION,
                    act,
                    None,
                    ev.arrete,
                    known,
                    tuple(notes),
                    ev.arrete.sources,
                )
            )
    return out


def _end_events(index: VersionIndex) -> list[LegalEvent]:
    out = []
    for act in index.corpus.acts.values():
        notes = tuple(
            [EventNote("Signature", "date approximative")] if act.signed_approximate else []
        )
        if act.term:
            out.append(
                LegalEvent(
                    act.term + timedelta(days=1),
                    TERME,
                    act,
                    None,
                    None,
                    act.signed,
                    notes,
                    act.sources,
                )
            )
        if act.denonce:
            out.append(
                LegalEvent(
                    act.denonce,
                    DENONCIATION,
                    act,
                    None,
                    None,
                    None,
                    (),
                    act.sources,
                )
            )
    return out


_ORDER = {EFFET: 0, EXTENSION: 1, TERME: 2, DENONCIATION: 3}


def legal_events(index: VersionIndex) -> list[LegalEvent]:
    """Every dated legal event, in date order (then the timeline's order of acts), untouched."""
    rank = {c.act.id: c.rank for c in index.timeline.changes}
    events = _effect_events(index) + _extension_events(index) + _end_events(index)
    return sorted(
        events,
        key=lambda e: (
            e.date,
            _ORDER[e.kind],
            rank.get(e.act.id, 0),
            e.act.id,
            e.effect or "",
            e.arrete.id if e.arrete else "",
        ),
    )


@dataclass(frozen=True)
class Attribution:
    """The events of a period with the articles each touched (one view)."""

    view: str
    events: tuple[LegalEvent, ...]
    fallbacks: tuple[tuple[str, str], ...]  # (event key, article id) attributed by default

    @cached_property
    def by_article(self) -> dict[str, tuple[tuple[LegalEvent, Touch], ...]]:
        out: dict[str, list[tuple[LegalEvent, Touch]]] = {}
        for event in self.events:
            for touch in event.touches:
                out.setdefault(touch.article, []).append((event, touch))
        return {k: tuple(v) for k, v in out.items()}


def _op_effects(index: VersionIndex) -> dict[str, Operation]:
    return {op.uid: op for act in index.corpus.acts.values() for op in act.ops}


def _pick(
    change: ArticleChange, day: date, events: list[LegalEvent], ops: dict[str, Operation]
) -> LegalEvent | None:
    """The event of `day` that made this change, or None."""
    effets = [e for e in events if e.kind == EFFET]
    if change.after is not None and change.after.version.since == day:
        version = change.after.version
        keys = {op.effect for op in version.ops} or {None}
        for e in effets:
            if e.act.id == version.act and (e.effect in keys or len(e.act.effects) == 1):
                return e
    if change.after is None and change.before is not None:
        before = change.before.version
        if before.end in (EndReason.LAPSED, EndReason.DENOUNCED) and before.until == day:
            kind = TERME if before.end is EndReason.LAPSED else DENONCIATION
            for e in events:
                if e.kind == kind and e.act.id == before.act:
                    return e
        # branche view: held over until the repealing act binds non-adherents (D-213)
        ended = change.before.held.act if change.before.held else before.ended_by
        extensions = [e for e in events if e.kind == EXTENSION]
        for e in [*effets, *extensions]:
            if e.act.id == ended:
                return e
    side = change.after or change.before
    if side is not None:
        version = side.version
        acts = [version.act, *(f.act for f in version.fragments)]
        acts += [a for f in version.fragments for a in f.amended_by]
        for act in acts:  # the extension of the act that wrote it, else of one of its alinéas
            for e in events:
                if e.kind == EXTENSION and e.act.id == act:
                    return e
    return None


def _text_title(index: VersionIndex, change: ArticleChange) -> str:
    side = change.side
    return index.corpus.acts[side.version.text_id].title


def _touch(index: VersionIndex, change: ArticleChange) -> Touch:
    side = change.side
    return Touch(change.id, side.num, side.title, _text_title(index, change), change)


def day_changes(
    index: VersionIndex, day: date, view: str = "adherent", words: bool = True
) -> tuple[ArticleChange, ...]:
    """How each article differs between the eve of `day` and `day`: `diff`'s own answer
    (query.diff.changelog), so the feed, the git export and `diff` never disagree; in the
    branche view, the end of an article held over for non-adherents (D-213) included."""
    if day <= first_day(index):
        return opening(index, day, view)
    return changelog(index, day - timedelta(days=1), day, view, words=words).changes


def attribute(
    index: VersionIndex,
    view: str = "adherent",
    since: date | None = None,
    until: date | None = None,
    words: bool = True,
    known: Mapping[date, tuple[ArticleChange, ...]] | None = None,
) -> Attribution:
    """The legal events between `since` and `until` (inclusive), each with the articles it touched
    (`known`: the `day_changes` of some days in this view, computed before)."""
    events = [
        e
        for e in legal_events(index)
        if (since is None or e.date >= since) and (until is None or e.date <= until)
    ]
    ops = _op_effects(index)
    days: dict[date, list[LegalEvent]] = {}
    for e in events:
        days.setdefault(e.date, []).append(e)
    touched: dict[str, list[Touch]] = {e.key: [] for e in events}
    fallbacks: list[tuple[str, str]] = []
    start = first_day(index)
    for day, todays in days.items():
        if day < start:
            continue
        found = known.get(day) if known is not None else None
        for change in day_changes(index, day, view, words) if found is None else found:
            event = _pick(change, day, todays, ops)
            if event is None:
                event = next((e for e in todays if e.kind == EFFET), todays[0])
                fallbacks.append((event.key, change.id))
            touched[event.key].append(_touch(index, change))
    out = tuple(replace(e, touches=tuple(touched[e.key])) for e in events)
    return Attribution(view, out, tuple(fallbacks))


def restriction_sentence(index: VersionIndex, r: Restriction) -> str:
    """« exclusion « au plan national » (arrêté du 23 décembre 2010) »."""
    label = {"exclusion": "exclusion", "reserve": "réserve", "scope": "exclusion de champ"}[r.kind]
    words = f" « {apostrophes(r.words)} »" if r.words else ""  # the arrêté's words, typographic
    return f"{label}{words} ({index.corpus.arretes[r.arrete].label})"
