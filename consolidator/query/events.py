"""The timeline as events, and what could be known on a date.

Each act becomes known on its signature, each arrêté on its JO publication (on its own date when
the JO date is unknown). A date of effect tied to an arrêté d'extension is known only from that
arrêté's publication: before it, the change is « à la publication de l'arrêté d'extension ».
`known_at` defaults to the corpus's own date (`sources_date`): everything the sources hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import resolve_rule
from consolidator.french import and_list
from consolidator.french import de as of
from consolidator.model import Act, Arrete, Corpus, EffectRule, ExtensionRule, RuleKind, Version
from consolidator.query.provenance import (
    Certainty,
    Provenance,
    act_label,
    jo_provenance,
    rule_of,
    rule_provenance,
    signed_provenance,
)
from consolidator.query.retroactive import retroactive_effect


@dataclass(frozen=True)
class Event:
    """One dated line of the timeline."""

    date: date | None
    kind: str
    subject: str
    label: str
    detail: str = ""
    retroactive: bool = False  # a date of effect before the act's signature (L-40)


@dataclass(frozen=True)
class SourcesDate:
    """How current the corpus is: its latest act and its latest arrêté."""

    day: date
    act: Act
    arrete: Arrete | None
    known_at: date | None = None  # --known-at: the corpus is cut down to what was known then
    signed: Provenance | None = None  # of the last act's signature date (lawyer L-46)
    published: Provenance | None = None  # of the last arrêté's JO date

    def sentence(self) -> str:
        """« Sources à jour au 23 septembre 2022 (dernier acte : …, dernier arrêté : …) », and
        « ; réponse limitée à ce qui était connu au 1er janvier 2017 » under --known-at. A date
        no seed writes says where it comes from (« date d'après les métadonnées Légifrance »)."""
        signed = self.signed.caveat if self.signed else None
        parts = [f"dernier acte : {self.act.label}" + (f", date {signed}" if signed else "")]
        if self.arrete is not None:
            jo = self.arrete.jo
            caveat = self.published.caveat if self.published else None
            parts.append(
                f"dernier arrêté : {self.arrete.label}"
                + (f", JO du {format_french(jo)}" if jo else "")
                + (f", {caveat}" if jo and caveat else "")
            )
        known = (
            f" ; réponse limitée à ce qui était connu au {format_french(self.known_at)}"
            if self.known_at
            else ""
        )
        return f"Sources à jour au {format_french(self.day)} ({' ; '.join(parts)}){known}"

    def to_json(self, at: date | None = None) -> dict[str, object]:
        return {
            "up_to": self.day.isoformat(),
            "last_act": {"id": self.act.id, "label": self.act.label},
            "last_arrete": None
            if self.arrete is None
            else {
                "id": self.arrete.id,
                "label": self.arrete.label,
                "published": self.arrete.jo.isoformat() if self.arrete.jo else None,
                "published_provenance": self.published.to_json() if self.published else None,
            },
            "last_act_signed_provenance": self.signed.to_json() if self.signed else None,
            "known_at": self.known_at.isoformat() if self.known_at else None,
            "sentence": self.sentence(),
            "warning": self.warning(at) if at else None,
        }

    def stamp(self, at: date | None = None) -> str:
        """The sentence, and the warning on its own line when `at` is later than the sources."""
        warning = self.warning(at) if at else None
        return self.sentence() + (f"\n{warning}" if warning else "")

    def warning(self, at: date) -> str | None:
        """A warning when `at` is later than the sources, else None."""
        if self.known_at is not None:
            if at <= self.known_at:
                return None
            return (
                f"Attention : le {format_french(at)} est postérieur au "
                f"{format_french(self.known_at)} ; les textes signés et les arrêtés publiés "
                "depuis n’y figurent pas."
            )
        if at <= self.day:
            return None
        return (
            f"Attention : le {format_french(at)} est postérieur aux sources (à jour au "
            f"{format_french(self.day)}) ; les textes signés ou étendus depuis n’y figurent pas."
        )


def arrete_known(arrete: Arrete) -> date:
    """The day an arrêté became known: its JO publication, else its own date."""
    return arrete.jo or arrete.date


_SOURCES: dict[int, tuple[Corpus, SourcesDate]] = {}  # by corpus (asked on every page)


def sources_date(corpus: Corpus) -> SourcesDate:
    """The corpus's own date: the latest signature or arrêté publication it holds."""
    known = _SOURCES.get(id(corpus))
    if known is not None and known[0] is corpus:
        return known[1]
    act = max(corpus.acts.values(), key=lambda a: (a.signed, a.id))
    arrete = max(corpus.arretes.values(), key=lambda a: (arrete_known(a), a.id), default=None)
    day = max(act.signed, arrete_known(arrete)) if arrete else act.signed
    found = SourcesDate(
        day,
        act,
        arrete,
        corpus.known_at,
        signed_provenance(act, corpus),
        jo_provenance(corpus, arrete) if arrete else None,
    )
    if len(_SOURCES) >= 8:  # a served or built corpus, and a few in tests
        _SOURCES.clear()
    _SOURCES[id(corpus)] = (corpus, found)
    return found


def effect_known(
    index: VersionIndex, act: Act, rule: EffectRule
) -> tuple[date | None, Arrete | None]:
    """When the date of effect became known, and the arrêté whose JO made it known (if any)."""
    if rule.kind is not RuleKind.EXTENSION:
        return act.signed, None
    events = [
        e for e in index.extensions_of(act.id) if rule.arrete is None or e.arrete.id == rule.arrete
    ]
    if not events:
        return None, None
    first = min(events, key=lambda e: e.arrete.date)
    return first.arrete.jo, first.arrete


def when_phrase(
    index: VersionIndex, act: Act, rule: EffectRule, day: date | None, known_at: date
) -> str:
    """« le lendemain de la publication de son arrêté d'extension, soit le 2 avril 2017 (connu
    depuis le JO du 1er avril 2017) », or the rule alone while that publication is not known."""
    known, arrete = effect_known(index, act, rule)
    rule_words = _RULE_WORDS.get(rule.extension_rule) if rule.extension_rule else None
    if rule.kind is RuleKind.EXTENSION and (day is None or known is None or known > known_at):
        return rule_words or "à la publication de l’arrêté d’extension"
    assert day is not None
    if arrete is not None and arrete.jo is not None:
        lead = f"{rule_words}, soit " if rule_words else ""
        return f"{lead}le {format_french(day)} (connu depuis le JO du {format_french(arrete.jo)})"
    return f"le {format_french(day)}"


_RULE_WORDS = {
    ExtensionRule.PUBLICATION: "à la publication de son arrêté d’extension",
    ExtensionRule.LENDEMAIN: "le lendemain de la publication de son arrêté d’extension",
    ExtensionRule.MOIS_SUIVANT: "le 1er jour du mois suivant la publication de son arrêté d’extension",
    ExtensionRule.TRIMESTRE_SUIVANT: (
        "le 1er jour du trimestre suivant la publication de son arrêté d’extension"
    ),
    ExtensionRule.JANVIER_SUIVANT: "le 1er janvier suivant la publication de son arrêté d’extension",
}


def _effect_label(act: Act, key: str | None) -> str:
    """« entrée en vigueur de l'article 1er de l'avenant n° 13 … » for a keyed rule; for the
    default rule of an act that also has keyed ones, « …, hors article 1er » (lawyer L-39)."""
    if key is not None:
        return f"entrée en vigueur {act.effects[key].provisions} {of(act.label)}"
    others = [
        r.provisions or "" for k, r in sorted(act.effects.items(), key=lambda kv: kv[0] or "") if k
    ]
    bare = [re.sub(r"^(?:de l[’']|des |du |de la )", "", p) for p in others]
    rest = f", hors {and_list(bare)}" if bare else ""
    return f"entrée en vigueur {of(act.label)}{rest}"


def _act_events(index: VersionIndex, act: Act, known_at: date) -> list[Event]:
    events = [
        Event(
            act.signed,
            "signature",
            act.id,
            act_label(index.corpus, act),
            signed_provenance(act, index.corpus).caveat or "",
        )
    ]
    for key, rule in sorted(act.effects.items(), key=lambda kv: kv[0] or ""):
        day, _why = resolve_rule(rule, act, index.timeline.extensions)
        known, _ = effect_known(index, act, rule)
        if known is None or known > known_at:
            day = None
        prov = rule_provenance(index, act, rule)
        if prov.condition is not None:  # « au plus tôt : entrée en vigueur suspendue à … »
            detail = str(prov.caveat)
        elif prov.certainty is Certainty.APPROXIMATE:  # no source gives it: not « date fixe »
            detail = f"date non écrite dans les sources ; {prov.caveat}"
        else:
            detail = rule.describe() + (f" ; {prov.caveat}" if prov.caveat else "")
        if day is None:
            detail = "à la publication de l’arrêté d’extension"
        elif rule.kind is RuleKind.EXTENSION:
            detail = when_phrase(index, act, rule, day, known_at)
        approximate = prov.certainty is Certainty.APPROXIMATE
        retro = None if approximate else retroactive_effect(index, act, day)
        if retro is not None:
            detail += ", antérieure à la signature (rétroactif)"
        events.append(
            Event(
                day,
                "effet" if day else "en attente",
                act.id,
                _effect_label(act, key),
                detail,
                retro is not None,
            )
        )
    if act.term:
        events.append(Event(act.term, "terme", act.id, f"terme {of(act.label)}"))
    return events


def _arrete_events(index: VersionIndex, arrete: Arrete, known_at: date) -> list[Event]:
    corpus = index.corpus
    events = [Event(arrete.date, "arrêté", arrete.id, arrete.title)]
    jo = jo_provenance(corpus, arrete)
    caveat = jo.caveat if jo and jo.caveat else ""
    if arrete.jo:
        events.append(Event(arrete.jo, "publication JO", arrete.id, f"JO : {arrete.title}", caveat))
    for ext in arrete.extends:
        for ev in index.extensions_of(ext.act):
            if ev.arrete.id != arrete.id:
                continue
            label = f"extension {of(corpus.acts[ext.act].label)}"
            if ev.effective is None:
                detail = f"par {arrete.label}, date de publication au JO inconnue"
                events.append(Event(None, "date inconnue", ext.act, label, detail))
            else:
                computed = caveat if ext.effective is None else ""  # from the JO date
                detail = f"par {arrete.label}" + (f" ; {computed}" if computed else "")
                events.append(Event(ev.effective, "extension", ext.act, label, detail))
    return events


def timeline_events(index: VersionIndex, known_at: date | None = None) -> list[Event]:
    """Acts and arrêtés known on `known_at` with every date they carry, in date order."""
    known_at = known_at or sources_date(index.corpus).day
    events: list[Event] = []
    for act in index.corpus.acts.values():
        if act.signed <= known_at:
            events += _act_events(index, act, known_at)
    for arrete in index.corpus.arretes.values():
        if arrete_known(arrete) <= known_at:
            events += _arrete_events(index, arrete, known_at)
    events.sort(key=lambda e: (e.date is None, e.date or date.max, e.kind, e.subject))
    return events


def subject_label(index: VersionIndex, subject: str, day: date) -> str:
    """What a reader calls the unit an operation creates or changes, on `day` (never an id)."""
    versions = index.versions.get(subject)
    if versions:
        later = [v for v in versions if v.until is None or day < v.until]
        v = later[0] if later else versions[-1]
        if v.num:
            return f"article {v.num}"
        from consolidator.query.headings import version_name

        return version_name(index, v, day)  # D-715
    act = index.corpus.acts.get(subject)
    if act is not None:
        return f"les articles {of(act.label)}"
    return "une section"


def pending_at(index: VersionIndex, day: date, known_at: date | None = None) -> list[Event]:
    """What is signed on `day` but not yet in force: dated changes to come and undated ones."""
    known_at = known_at or sources_date(index.corpus).day
    groups: dict[tuple[date, str, str | None], list[str]] = {}
    for change in index.timeline.changes:
        if change.date > day and change.act.signed <= day:
            key = (change.date, change.act.id, change.op.effect if change.op else None)
            subject = change.op.subject if change.op else change.act.id
            groups.setdefault(key, []).append(subject_label(index, subject, day))
    out = []
    for (when, act_id, effect), subjects in sorted(groups.items(), key=lambda kv: kv[0][:2]):
        act = index.corpus.acts[act_id]
        rule = act.effects.get(effect) or act.effects[None]
        phrase = when_phrase(index, act, rule, when, known_at)
        known, _ = effect_known(index, act, rule)
        shown = when if known is not None and known <= known_at else None
        out.append(
            Event(
                shown,
                "signé, pas encore en vigueur",
                act_id,
                act.label,
                f"entre en vigueur {phrase} : {', '.join(dict.fromkeys(subjects))}",
            )
        )
    waiting: dict[tuple[str, str | None], list[str]] = {}
    for item in index.timeline.pending:
        if item.act.signed <= day:
            target = item.op.subject if item.op else item.act.id
            group = (item.act.id, item.op.effect if item.op else None)
            waiting.setdefault(group, []).append(subject_label(index, target, day))
    for (act_id, effect), subjects in waiting.items():
        act = index.corpus.acts[act_id]
        rule = act.effects.get(effect) or act.effects[None]
        phrase = (
            when_phrase(index, act, rule, None, known_at)
            if rule.kind is RuleKind.EXTENSION
            else "à une date non connue"
        )
        out.append(
            Event(
                None,
                "en attente",
                act_id,
                act.label,
                f"entre en vigueur {phrase} : {', '.join(dict.fromkeys(subjects))}",
            )
        )
    return out


def upcoming_when(index: VersionIndex, version: Version, known_at: date | None) -> str:
    """« le 28 novembre 2020 (connu depuis le JO du 27 novembre 2020) (avenant n° 29 …) »."""
    act = index.corpus.acts[version.act]
    found = rule_of(index, version)
    known = known_at or sources_date(index.corpus).day
    if found is None:
        return f"le {format_french(version.since)} ({act.label})"
    return f"{when_phrase(index, found[0], found[1], version.since, known)} ({act.label})"
