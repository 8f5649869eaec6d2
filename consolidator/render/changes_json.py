"""The change feed as JSON: a stable, versioned format other tools can poll (docs/changes-format.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.query.changes import (
    Attribution,
    LegalEvent,
    Touch,
    restriction_sentence,
    source_line,
)
from consolidator.query.diff import ChangeKind
from consolidator.query.redline import DELETE, INSERT, RETYPED_NEW, RETYPED_OLD

FORMAT = "consolidator-changes/1"
_OPS = {
    DELETE: "delete",
    INSERT: "insert",
    RETYPED_OLD: "retyped-old",  # typography only (query/redline.py): the old spelling, then
    RETYPED_NEW: "retyped-new",  # the new one; the words are the same
}
KIND_WORDS = {
    ChangeKind.ADDED: "ajouté",
    ChangeKind.REPEALED: "abrogé ou sorti du texte",
    ChangeKind.RENUMBERED: "renuméroté",
    ChangeKind.MOVED: "déplacé",
    ChangeKind.REWORDED: "rédaction modifiée",
    ChangeKind.RETYPED: "typographie seule modifiée",
    ChangeKind.STATE: "état modifié",
    ChangeKind.RESTRICTIONS: "exclusions ou réserves modifiées",
}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def touch_json(index: VersionIndex, touch: Touch) -> dict[str, Any]:
    c = touch.change
    return {
        "num": touch.num,
        "title": touch.title,
        "text": touch.text,
        "num_before": c.before.num if c.before else None,
        "changes": list(c.kinds),
        "state": {
            "before": c.before.state.value if c.before else None,
            "after": c.after.state.value if c.after else None,
        },
        "ended": c.end_reason,
        "wording": [{"op": _OPS.get(op, "equal"), "text": text} for op, text in c.redline],
        "restrictions": {
            "added": [restriction_sentence(index, r) for r in c.restrictions_added],
            "removed": [restriction_sentence(index, r) for r in c.restrictions_removed],
        },
    }


def event_json(index: VersionIndex, event: LegalEvent) -> dict[str, Any]:
    arrete = event.arrete
    return {
        "key": event.key,
        "date": event.date.isoformat(),
        "known": _iso(event.known),
        "kind": event.kind,
        "title": event.title,
        "act": {
            "label": event.act.label,
            "title": event.act.title,
            "signed": event.act.signed.isoformat(),
            "number": event.act.number,
        },
        "arrete": (
            {"label": arrete.label, "date": arrete.date.isoformat(), "jo": _iso(arrete.jo)}
            if arrete
            else None
        ),
        "notes": [str(n) for n in event.notes],
        "sources": [source_line(s, index.corpus.convention.sources) for s in event.sources],
        "articles": [touch_json(index, t) for t in event.touches],
    }


def changes_json(
    index: VersionIndex, found: Attribution, since: date | None, until: date | None
) -> dict[str, Any]:
    conv = index.corpus.convention
    return {
        "format": FORMAT,
        "convention": {"idcc": conv.idcc, "title": conv.title},
        "view": found.view,
        "since": _iso(since),
        "until": _iso(until),
        "events": [event_json(index, e) for e in found.events],
    }
