"""The timeline as events: acts and arrêtés with their dates, and what is signed but not in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import resolve_rule


@dataclass(frozen=True)
class Event:
    """One dated line of the timeline."""

    date: date | None
    kind: str
    subject: str
    label: str
    detail: str = ""


def timeline_events(index: VersionIndex) -> list[Event]:
    """Acts and arrêtés with every date they carry, in date order; pending ones last."""
    events: list[Event] = []
    corpus = index.corpus
    for act in corpus.acts.values():
        events.append(
            Event(
                act.signed,
                "signature",
                act.id,
                act.label,
                "date approximative" if act.signed_approximate else "",
            )
        )
        for key, rule in sorted(act.effects.items(), key=lambda kv: kv[0] or ""):
            day, why = resolve_rule(rule, act, index.timeline.extensions)
            scope = "" if key is None else f" ({key})"
            detail = rule.describe() + (" ; date approximative" if rule.approximate else "")
            events.append(
                Event(
                    day,
                    "effet" if day else "en attente",
                    act.id,
                    f"entrée en vigueur{scope} : {act.label}",
                    detail if day else why,
                )
            )
        if act.term:
            events.append(Event(act.term, "terme", act.id, f"terme : {act.label}"))
    for arrete in corpus.arretes.values():
        events.append(Event(arrete.date, "arrêté", arrete.id, arrete.title))
        if arrete.jo:
            events.append(Event(arrete.jo, "publication JO", arrete.id, f"JO : {arrete.title}"))
        for ext in arrete.extends:
            for ev in index.extensions_of(ext.act):
                if ev.arrete.id == arrete.id:
                    events.append(
                        Event(
                            ev.effective,
                            "extension" if ev.effective else "en attente",
                            ext.act,
                            f"extension de {corpus.acts[ext.act].label}",
                            f"par {arrete.title}",
                        )
                    )
    events.sort(key=lambda e: (e.date is None, e.date or date.max, e.kind, e.subject))
    return events


def _subject(index: VersionIndex, subject: str, day: date) -> str:
    """What a reader calls the target of a change: « article 2.5 », or the act's name."""
    versions = index.versions.get(subject)
    if versions:
        current = [v for v in versions if v.since <= day] or list(versions)
        num = current[-1].num
        return f"article {num}" if num else (current[-1].title or "article sans numéro")
    act = index.corpus.acts.get(subject)
    return act.label if act else subject


def pending_at(index: VersionIndex, day: date) -> list[Event]:
    """What is signed on `day` but not yet in force: dated changes to come and undated ones."""
    targets: dict[tuple[date, str, str | None], list[str]] = {}
    for change in index.timeline.changes:
        if change.date > day and change.act.signed <= day:
            key = (change.date, change.act.id, change.op.effect if change.op else None)
            targets.setdefault(key, []).append(change.op.subject if change.op else change.act.id)
    out = [
        Event(
            when,
            "signé, pas encore en vigueur",
            act,
            index.corpus.acts[act].label,
            f"entre en vigueur le {format_french(when)} : "
            + ", ".join(dict.fromkeys(_subject(index, x, when) for x in subjects)),
        )
        for (when, act, _), subjects in sorted(targets.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]
    for item in index.timeline.pending:
        if item.act.signed <= day:
            target = item.op.subject if item.op else item.act.id
            out.append(
                Event(None, "en attente", item.act.id, item.act.label, f"{target} : {item.reason}")
            )
    return out
