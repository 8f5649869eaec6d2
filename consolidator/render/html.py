"""HTML rendering (jinja2): view models of articles with provenance markers and footnotes, pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.errors import RenderError
from consolidator.french import de
from consolidator.model import Act, Restriction, RestrictionKind, Version, View
from consolidator.query.branche import held_sentence
from consolidator.query.events import upcoming_when
from consolidator.query.headings import article_heading
from consolidator.query.knowledge import pending_for, pending_when
from consolidator.query.numbering import by, renumbering_note, words_act
from consolidator.query.provenance import (
    Provenance,
    jo_provenance,
    number_caveat,
    signed_provenance,
    since_provenance,
)
from consolidator.query.retroactive import retroactive
from consolidator.query.scope import reservation_reach, reserved_alineas
from consolidator.query.snapshot import ArticleAt
from consolidator.render.filters import badge_class, badge_label, date_fr, slug, typo_fr
from consolidator.render.links import cross_references
from consolidator.render.names import names_on
from consolidator.render.tables import RowView, TableView, gather, split_row
from consolidator.render.text import restriction_sentence
from consolidator.resources import TEMPLATES

VIEW_SENTENCE = (
    "Deux lectures du même texte : la vue adhérent donne tout le texte en vigueur, qui lie "
    "les membres des organisations signataires ; la vue branche ne garde que ce qui est étendu "
    "et lie donc tout employeur de la branche, passages exclus de l’extension retirés."
)


_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")


def dates_fr(text: str) -> str:
    """ISO dates inside a sentence written the French way.

    >>> dates_fr("date fixe (2000-02-01)")
    'date fixe (1er février 2000)'
    """
    return _ISO.sub(lambda m: format_french(date(*map(int, m.groups()))), text)


def make_env(templates: Path | None = None) -> Environment:
    """The one jinja2 environment: autoescape, StrictUndefined and every filter."""
    folder = templates or TEMPLATES
    if not (folder / "base.html").is_file():
        raise RenderError(f"templates not found in {folder}", hint="pass the project's templates/")
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        typo=typo_fr,
        dates_fr=dates_fr,
        date_fr=date_fr,
        slug=slug,
        badge_class=badge_class,
        badge_label=badge_label,
        iso=lambda d: d.isoformat() if d else "",
        de=de,
        by=by,
    )
    env.globals.update(view_sentence=VIEW_SENTENCE, xref=cross_references)
    return env


def stylesheet(name: str, templates: Path | None = None) -> Markup:
    """A static stylesheet of the templates folder, to inline in a standalone page."""
    path = (templates or TEMPLATES) / name
    return Markup(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Marker:
    """EUR-Lex style provenance marker: B for the base text, M1, M2 ... for amending acts."""

    code: str
    act: Act
    number_caveat: str | None = None  # « numéro d'après les métadonnées Légifrance »
    signed_caveat: str | None = None  # « date approximative, D-301 » … (lawyer L-43)

    @property
    def signed(self) -> str:
        """« signé le 1er juin 2015, date approximative, D-301 »: the date with its provenance."""
        caveat = f", {self.signed_caveat}" if self.signed_caveat else ""
        return f"signé le {format_french(self.act.signed)}{caveat}"

    @property
    def title(self) -> str:
        return str(typo_fr(f"{self.act.label} ({self.signed})"))


_MARKERS: dict[int, tuple[VersionIndex, dict[str, Marker]]] = {}


def markers(index: VersionIndex) -> dict[str, Marker]:
    """One marker per act, numbered by signature date (stable for a corpus; computed once)."""
    known = _MARKERS.get(id(index))
    if known is not None and known[0] is index:
        return known[1]
    out = _markers(index)
    _MARKERS.clear()  # one index at a time: a served or built corpus
    _MARKERS[id(index)] = (index, out)
    return out


def _markers(index: VersionIndex) -> dict[str, Marker]:
    acts = sorted(index.corpus.acts.values(), key=lambda a: (a.signed, a.id))
    base = index.corpus.convention.base
    out: dict[str, Marker] = {}
    counts = {"M": 0, "T": 0}
    for act in acts:
        if act.id == base:
            out[act.id] = Marker("B", act, None, signed_provenance(act, index.corpus).caveat)
            continue
        letter = "M" if act.ops else "T"  # M: amends a text; T: a text of its own (annexe ...)
        counts[letter] += 1
        caveat = number_caveat(index.corpus, act)
        signed = signed_provenance(act, index.corpus).caveat
        out[act.id] = Marker(f"{letter}{counts[letter]}", act, caveat, signed)
    return out


def change_labels(index: VersionIndex, day: date) -> tuple[str, ...]:
    """What changed the text on `day`: acts entering into force, acts lapsing or denounced."""
    ids = index.acts_changed_on.get(day, ())
    acts = [index.corpus.acts[i] for i in ids]  # a company's text says so (D-413, lawyer L-45)
    labels = [a.label + (" — accord d’entreprise" if a.employer else "") for a in acts]
    for act in sorted(index.corpus.acts.values(), key=lambda a: (a.signed, a.id)):
        if act.term and act.term + timedelta(days=1) == day:
            labels.append(f"{act.label} périmé, son terme étant le {format_french(act.term)}")
        if act.denonce == day:
            labels.append(f"dénonciation {de(act.label)}")
    return tuple(labels)


@dataclass(frozen=True)
class Note:
    """A numbered footnote: an exclusion or reservation of an arrêté d'extension."""

    number: int
    kind: str
    text: str
    arrete: str
    words: str | None
    reach: str | None = None  # « article entier » … for a reservation on the whole of it

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"


@dataclass(frozen=True)
class Segment:
    """A stretch of an alinéa: plain, excluded from the extension, or removed (branche view)."""

    text: str
    kind: str = "plain"
    note: Note | None = None
    call: bool = True


@dataclass(frozen=True)
class AlineaView:
    """One alinéa; `dropped` says why the branche view leaves it out (then no segments)."""

    segments: tuple[Segment, ...]
    markers: tuple[Marker, ...]
    cells: tuple[tuple[str, str], ...]
    dropped: str | None = None
    written: date | None = None  # when this wording of the alinéa entered into force
    notes: tuple[Note, ...] = ()  # the exclusions that left a dropped alinéa out (branche view)


def written_on(index: VersionIndex, article: str) -> dict[tuple[str, str], date]:
    """The first day each alinéa wording (uid, text) of an article was in force: its references
    read that day's numbers (D-704)."""
    out: dict[tuple[str, str], date] = {}
    for v in index.versions.get(article, ()):
        for f in v.fragments:
            out.setdefault((f.uid, f.text), v.since)
    return out


@dataclass(frozen=True)
class ArticleView:
    """Everything a page shows of one article in force."""

    art: ArticleAt
    anchor: str
    heading: str
    marker: Marker
    alineas: tuple[AlineaView | TableView, ...]
    notes: tuple[Note, ...]
    scope: tuple[Restriction, ...]
    upcoming: tuple[str, ...]  # « le 28 novembre 2020 (connu depuis le JO du …) (avenant …) »
    loose: tuple[Note, ...] = ()
    fallback: tuple[AlineaView | TableView, ...] = ()
    fallback_act: Act | None = None
    renumbered: str | None = None
    since_prov: Provenance | None = None  # shown when the first day is not plainly sourced
    jo_prov: Provenance | None = None
    retro: str | None = None  # « effet rétroactif : avenant signé le 30 juin 2020 » (L-40)
    fallback_notes: tuple[str, ...] = ()  # the held-over wording's arrêté's restrictions (L-60)


@dataclass
class NoteCounter:
    """Numbers footnotes across one page."""

    count: int = 0
    acts: set[str] = field(default_factory=set)

    def next(self) -> int:
        self.count += 1
        return self.count


def _note(index: VersionIndex, version: Version, r: Restriction, number: int) -> Note:
    arrete = index.corpus.arretes[r.arrete].label
    return Note(number, r.kind, r.text, arrete, r.words, reservation_reach(index, version, r))


def _reserve_calls(
    places: dict[Restriction, tuple[int, ...]],
    i: int,
    notes: dict[Restriction, Note],
    called: set[int],
) -> list[Segment]:
    """The calls « (n) » of the reservations that bind alinéa `i`, after it (004 l.2127)."""
    out = []
    for r, at in places.items():
        if i in at and r in notes:
            out.append(Segment("", "call", notes[r], notes[r].number not in called))
            called.add(notes[r].number)
    return out


def _segments(
    text: str, spans: list[Any], notes: dict[Restriction, Note], view: View, called: set[int]
) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for span in spans:
        if span.start < pos:
            continue
        if span.start > pos:
            out.append(Segment(text[pos : span.start]))
        note = notes.get(span.restriction)
        first = note is not None and note.number not in called
        if note is not None:
            called.add(note.number)
        kind = "removed" if view is View.BRANCHE else "excluded"
        out.append(Segment(text[span.start : span.end], kind, note, first))
        pos = span.end
    if pos < len(text) or not out:
        out.append(Segment(text[pos:]))
    return out


Marks = dict[str, Marker]


def _dropped_notes(
    spans: list[Any], notes: dict[Restriction, Note], called: set[int]
) -> tuple[Note, ...]:
    """The notes of the exclusions that removed an alinéa, called once each."""
    out = []
    for span in spans:
        note = notes.get(span.restriction)
        if note is not None and note.number not in called:
            called.add(note.number)
            out.append(note)
    return tuple(out)


def article_view(
    index: VersionIndex, art: ArticleAt, view: View, counter: NoteCounter, marks: Marks, day: date
) -> ArticleView:
    """The view model of one article: alinéas cut at excluded spans, markers, numbered notes;
    its anchor in the text of `day` is its name that day (D-707), never its stable id."""
    version = art.version
    notes: dict[Restriction, Note] = {}
    for r in art.restrictions:
        if r.kind is not RestrictionKind.SCOPE and r not in notes:
            notes[r] = _note(index, version, r, counter.next())
    places = reserved_alineas(index, version, art.restrictions)
    called: set[int] = set()
    dropped = dict(art.branche.removed) if view is View.BRANCHE and art.branche else {}
    blocks: list[Any] = []
    first_days = written_on(index, art.id)
    for i, frag in enumerate(version.fragments):
        spans = [s for s in art.excluded if s.fragment == i]
        own = [frag.act, *frag.amended_by]
        shown = tuple(marks[a] for a in own if a != words_act(index, version) or frag.amended_by)
        counter.acts.update(own)
        if i in dropped:
            why = _dropped_notes(spans, notes, called)
            if frag.cells:
                blocks.append((frag.cells, RowView((), shown, True, dropped[i], why)))
            else:
                blocks.append(AlineaView((), shown, (), dropped[i], notes=why))
            continue
        segments = _segments(frag.text, spans, notes, view, called)
        segments += _reserve_calls(places, i, notes, called)
        written = first_days.get((frag.uid, frag.text))
        if frag.cells:
            blocks.append((frag.cells, split_row(frag.text, frag.cells, segments, shown)))
        else:
            blocks.append(AlineaView(tuple(segments), shown, (), None, written))
    counter.acts.add(words_act(index, version))
    fallback, fallback_act = _fallback(index, art, view, marks, counter)
    heading = typo_fr(article_heading(index, art))  # D-715
    upcoming = tuple(upcoming_when(index, v, art.known_at) for v in art.upcoming) + tuple(
        pending_when(index, p) for p in pending_for(index, art.id)
    )
    since = since_provenance(index, version)
    jo = jo_provenance(index.corpus, art.extension.arrete) if art.extension else None
    return ArticleView(
        art,
        f"art-{names_on(index, day).names[art.id]}",
        heading,
        marks[words_act(index, version)],
        gather(blocks),
        tuple(notes.values()),
        tuple(r for r in art.restrictions if r.kind is RestrictionKind.SCOPE),
        upcoming,
        tuple(n for n in notes.values() if n.number not in called),
        fallback,
        fallback_act,
        typo_fr(held_sentence(index, art.held)) if art.held else renumbering_note(index, version),
        since if since and since.caveat else None,
        jo if jo and jo.caveat else None,
        retro.phrase if (retro := retroactive(index, version)) else None,
        _fallback_notes(index, art) if fallback or fallback_act else (),
    )


def _fallback_notes(index: VersionIndex, art: ArticleAt) -> tuple[str, ...]:
    """« Étendu sous réserve : … (arrêté du 18 décembre 2020) »: the held-over wording binds
    non-adherents as its arrêté extended it (lawyer L-60), as the text says."""
    held = art.branche.fallback_restrictions if art.branche else ()
    return tuple(
        typo_fr(f"{restriction_sentence(r)} ({index.corpus.arretes[r.arrete].label})") for r in held
    )


def _fallback(
    index: VersionIndex, art: ArticleAt, view: View, marks: dict[str, Marker], counter: NoteCounter
) -> tuple[tuple[AlineaView | TableView, ...], Act | None]:
    """Branche view: the earlier extended wording that still binds employers outside signatories."""
    if view is not View.BRANCHE or art.branche is None or art.branche.fallback is None:
        return (), None
    old = art.branche.fallback
    if old.wording_known and not art.branche.fallback_fragments:
        return (), None
    counter.acts.add(old.act)
    blocks: list[Any] = []
    for f in art.branche.fallback_fragments:
        shown = (marks[f.act],) if f.act != old.act else ()
        if f.cells:
            blocks.append((f.cells, split_row(f.text, f.cells, [Segment(f.text)], shown)))
        else:
            blocks.append(AlineaView((Segment(f.text),), shown, ()))
    return gather(blocks), index.corpus.acts[old.act]
