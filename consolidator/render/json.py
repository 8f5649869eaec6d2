"""JSON rendering of snapshots, histories and the timeline (the documented contract)."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from typing import Any

import orjson

from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.model import Act, Corpus, Restriction, RestrictionKind, State, Version
from consolidator.query.boundaries import until_provenance
from consolidator.query.events import sources_date
from consolidator.query.knowledge import pending_for, pending_when
from consolidator.query.labels import ArticleLabel
from consolidator.query.numbering import former_renumberings, words_act
from consolidator.query.provenance import (
    Provenance,
    jo_provenance,
    number_provenance,
    signed_provenance,
    since_provenance,
)
from consolidator.query.retroactive import retroactive
from consolidator.query.rows import designation
from consolidator.query.scope import Scope
from consolidator.query.snapshot import ArticleAt, Snapshot
from consolidator.query.states import binds_from
from consolidator.query.undated import event_json as undated_json


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def act_json(act: Act, corpus: Corpus) -> dict[str, Any]:
    """An act as the JSON names it: worked out once per act and corpus (a whole text names each
    act ~10 times), each caller given its own copy."""
    kept = _ACTS.get(id(act))
    if kept is None or kept[0] is not act or kept[1] is not corpus:
        if len(_ACTS) > 10_000:
            _ACTS.clear()
        kept = _ACTS[id(act)] = (act, corpus, _act_json(act, corpus))
    found = kept[2]
    return {**found, "signed_provenance": dict(found["signed_provenance"])}


# id(act) -> (the act, its corpus, its JSON): both kept, so that no other act takes the id
_ACTS: dict[int, tuple[Act, Corpus, dict[str, Any]]] = {}


def _act_json(act: Act, corpus: Corpus) -> dict[str, Any]:
    return {
        "id": act.id,
        "kind": act.kind.value,
        "number": act.number,
        "title": act.title,
        "signed": _iso(act.signed),
        "signed_provenance": signed_provenance(act, corpus).to_json(),
    }


def _number_json(index: VersionIndex, act: Act) -> dict[str, Any] | None:
    prov = number_provenance(index.corpus, act)
    return prov.to_json() if prov else None


def extension_json(
    index: VersionIndex, event: ExtensionEvent | None, version: Version | None = None
) -> dict[str, Any] | None:
    """`effective`: the day the extension binds `version` (its own entry into force when its act
    enters into force after the arrêté's publication, D-711), else the arrêté's."""
    if event is None:
        return None
    jo = jo_provenance(index.corpus, event.arrete)
    effective = binds_from(index, version, event) if version is not None else event.effective
    return {
        "arrete": _iso(event.arrete.date),
        "arrete_id": event.arrete.id,
        "published": _iso(event.arrete.jo),
        "published_provenance": jo.to_json() if jo else None,
        "effective": _iso(effective),
    }


def restriction_json(
    index: VersionIndex, r: Restriction, designates: str | None = None
) -> dict[str, Any]:
    """`designates`: what it takes out, in words (« la ligne « … » du tableau »), when known."""
    arrete = index.corpus.arretes[r.arrete]
    out: dict[str, Any] = {
        "kind": r.kind,
        "text": r.text,
        "arrete": _iso(arrete.date),
        "arrete_id": arrete.id,
    }
    if r.words:
        out["words"] = r.words
    if r.alinea:
        out["alinea"] = r.alinea
    if r.bears:  # « article » / « text »: the arrêté restricts the whole of it (D-710)
        out["bears"] = r.bears
    if designates:
        out["designates"] = designates
    return out


def wording_json(version: Version) -> dict[str, Any]:
    """For an article whose wording the sources lack: `"wording": "texte-non-disponible"` and the
    seed passages that prove it existed; nothing for an article whose wording is known."""
    if version.wording_known:
        return {}
    return {
        "wording": "texte-non-disponible",
        "evidence": [{"source": "004", "lines": e.src, "text": e.text} for e in version.evidence],
    }


def _prov(prov: Provenance | None) -> dict[str, Any] | None:
    return prov.to_json() if prov else None


def version_json(index: VersionIndex, version: Version) -> dict[str, Any]:
    prov = since_provenance(index, version)
    end = until_provenance(index, version)
    return {
        "since": _iso(version.since),
        "since_provenance": prov.to_json() if prov else None,
        "until": _iso(version.until),
        "until_provenance": end.to_json() if end else None,
        "retroactive": retroactive(index, version) is not None,  # effect before signature (L-40)
        "act": act_json(index.corpus.acts[version.act], index.corpus),
        "act_number_provenance": _number_json(index, index.corpus.acts[version.act]),
        "wording_act": act_json(index.corpus.acts[words_act(index, version)], index.corpus),
        "renumbered": [
            {
                "from": r.old,
                "to": r.new,
                "date": _iso(r.day),
                "act": act_json(index.corpus.acts[r.act], index.corpus),
            }
            for r in former_renumberings(index, version)
        ],
    }


def _offsets(art: ArticleAt) -> list[int]:
    """Where each alinéa starts in the article's text (alinéas joined by one blank line)."""
    starts, pos = [], 0
    for paragraph in art.version.paragraphs:
        starts.append(pos)
        pos += len(paragraph) + 2
    return starts


def article_scope(art: ArticleAt) -> str:
    """One word for the whole article: branche, adhérents, or mixte when alinéas differ; for an
    article without alinéas (wording unknown: 3.2 of 2000, D-100) its own state says it (lawyer
    L-50: an extended article binds the branch)."""
    scopes = {s.scope._value_ for s in art.scopes}  # `.value`, without the enum's descriptor
    if len(scopes) == 1:
        return scopes.pop()
    if scopes:
        return "mixte"
    if art.state is State.ETENDU and art.label is not ArticleLabel.EXCLU:
        reserved = any(r.kind is RestrictionKind.RESERVE for r in art.restrictions)
        return (Scope.RESERVE if reserved else Scope.BRANCHE).value
    if art.state is State.EN_VIGUEUR:
        return Scope.NON_APPLICABLE.value
    return Scope.ADHERENTS.value


def article_json(index: VersionIndex, art: ArticleAt) -> dict[str, Any]:
    starts = _offsets(art) if art.excluded else []  # only excluded words need them
    out: dict[str, Any] = {
        "id": art.id,
        "num": art.num,
        "title": art.title,
        "path": list(art.path),
        "state": art.state.value,
        "label": art.heading_label,
        "text": art.version.text,
        **wording_json(art.version),
        "version": version_json(index, art.version),
        "extension": extension_json(index, art.extension, art.version),
        "reservations": [
            restriction_json(index, r, designation(art.version, art.excluded, r))
            for r in art.restrictions
        ],
        "upcoming": [version_json(index, v) for v in art.upcoming],
        "pending": pending_json(index, art.id),
        "scope": article_scope(art),
        "excluded": [
            {
                "start": starts[sp.fragment] + sp.start,
                "end": starts[sp.fragment] + sp.end,
                "alinea": sp.fragment + 1,
                "excluded_text": art.version.fragments[sp.fragment].text[sp.start : sp.end],
                "restriction": restriction_json(index, sp.restriction),
            }
            for sp in art.excluded
        ],
        "alineas": [
            {
                "alinea": s.index + 1,
                "scope": s.scope._value_,
                "acts": list(s.acts),
                "cells": dict(art.version.fragments[s.index].cells) or None,
            }
            for s in art.scopes
        ],
    }
    if art.notas:  # Legifrance's notas (only where the export prints one)
        out["notas"] = [
            {"text": n.text, "paragraphs": list(n.paragraphs), "source": "004", "lines": n.src}
            | ({"certainty": "inferred", "decision": n.decision} if n.decision else {})
            for n in art.notas
        ]
    if art.branche is not None:
        out.update(branche_json(index, art))
    if art.held is not None:  # branche view: still binding non-adherents (D-213)
        out["held_over"] = {
            "change": "renumbered" if art.held.renumbered else "repealed",
            "by": act_json(index.corpus.acts[art.held.act], index.corpus),
            "since": art.held.day.isoformat(),
        }
    return out


def branche_json(index: VersionIndex, art: ArticleAt) -> dict[str, Any]:
    """The branche view's text, what it leaves out and the earlier extended wording still binding."""
    assert art.branche is not None
    fallback = art.branche.fallback
    return {
        "text": "\n\n".join(art.branche.paragraphs),
        "removed": [{"alinea": i + 1, "why": why} for i, why in art.branche.removed],
        "fallback": (
            {
                **version_json(index, fallback),
                "num": fallback.num,
                "text": "\n\n".join(f.text for f in art.branche.fallback_fragments),
                "restrictions": [
                    restriction_json(index, r) for r in art.branche.fallback_restrictions
                ],
                # D-716: it binds them until this arrêté's JO publication, on an unknown day
                "until_extension_jo_unknown": undated_json(art.undated),
            }
            if fallback
            else None
        ),
    }


def convention_json(index: VersionIndex) -> dict[str, Any]:
    conv = index.corpus.convention
    return {"idcc": conv.idcc, "title": conv.title}


def snapshot_json(index: VersionIndex, snap: Snapshot) -> dict[str, Any]:
    return {
        "convention": convention_json(index),
        "at": _iso(snap.at),
        "view": snap.view,
        "sources": sources_date(index.corpus).to_json(snap.at),
        "last_change": _iso(snap.last_change),
        "texts": [
            {
                "id": t.act.id,
                "title": t.act.title,
                "kind": t.act.kind.value,
                "state": t.state.value,
                "label": t.heading_label,
                "articles": [article_json(index, a) for a in t.articles],
            }
            for t in snap.texts
        ],
    }


def dumps(data: Any) -> str:
    """JSON with two-space indents, non-ASCII kept: the bytes json.dumps(indent=2) gives, written
    by orjson (C: json.dumps with an indent runs in pure Python, most of a whole text's cost).
    Values orjson writes otherwise (floats: « 1e-06 » / « 1e-6 »; enums, dates, dataclasses that
    json refuses) go to json itself."""
    if _plain(data):
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
        except TypeError:  # integers beyond 64 bits
            pass
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_STR_KEYS = frozenset({str})
_LEAVES = frozenset({str, int, bool, type(None)})  # written alike by json and orjson


def _plain(data: Any) -> bool:
    """Only strings, integers, booleans, None, lists, tuples and dicts with string keys."""
    stack = [data]
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is dict:  # its keys' types listed in C; one by one only when not all str
            if not _STR_KEYS.issuperset(map(type, item)) and not all(
                isinstance(k, str) for k in item
            ):
                return False
            values: Any = item.values()
        elif kind is list or kind is tuple:
            values = item
        elif kind in _LEAVES:
            continue
        elif isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            extend(item.values())
            continue
        elif isinstance(item, list | tuple):
            extend(item)
            continue
        elif isinstance(item, str):  # a StrEnum is written as its text by both
            continue
        elif not isinstance(item, int) or isinstance(item, Enum):  # float, date, object ...
            return False
        else:
            continue
        if not _LEAVES.issuperset(map(type, values)):  # only what is not a leaf is looked into
            extend([v for v in values if type(v) not in _LEAVES])
    return True


def pending_json(index: VersionIndex, article: str) -> list[dict[str, Any]]:
    """Changes to the article whose date is not known yet (under --known-at, say)."""
    return [
        {"act": act_json(index.corpus.acts[p.act.id], index.corpus), "when": pending_when(index, p)}
        for p in pending_for(index, article)
    ]


def timeline_json(index: VersionIndex, events: list[Any]) -> dict[str, Any]:
    return {
        "convention": convention_json(index),
        "events": [
            {
                "date": _iso(e.date),
                "kind": e.kind,
                "subject": e.subject,
                "label": e.label,
                "detail": e.detail,
                "retroactive": e.retroactive,
            }
            for e in events
        ],
    }
