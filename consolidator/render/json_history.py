"""History as JSON: each version with its periods, its held-over stretch and its provenance."""

from __future__ import annotations

from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.query.boundaries import period_bounds
from consolidator.query.history_phrases import held_start_provenance
from consolidator.query.undated import event_json as undated_json
from consolidator.render.json import (
    _iso,
    _prov,
    act_json,
    extension_json,
    pending_json,
    restriction_json,
    version_json,
    wording_json,
)


def _version_history_json(index: VersionIndex, vh: Any) -> dict[str, Any]:
    v = vh.version
    return {
        "article": v.article,
        "num": v.num,
        "title": v.title,
        **version_json(index, v),
        "state": vh.state_today.value,
        "label": vh.heading_label,
        "text": v.text,
        **wording_json(v),
        "extension": extension_json(index, vh.extension),
        "reservations": [restriction_json(index, r) for r in vh.restrictions],
        "periods": [
            {
                "since": _iso(p.since),
                "since_provenance": _prov(first),
                "until": _iso(p.until),
                "until_provenance": _prov(last),
                "state": p.state.value,
                "label": p.heading_label,
                "extension": extension_json(index, p.extension),
                "reservations": [restriction_json(index, r) for r in p.restrictions],
            }
            for p, (first, last) in zip(
                vh.periods, period_bounds(index, v, vh.periods), strict=True
            )
        ],
        "end": v.end.value if v.end else None,
        "ended_by": act_json(index.corpus.acts[v.ended_by], index.corpus) if v.ended_by else None,
        "held_over": (  # still binding non-adherents after its end (D-213)
            {
                "since": _iso(vh.held.since),
                "since_provenance": _prov(held_start_provenance(index, v, vh.held)),
                "until": _iso(vh.held.until),
                "change": vh.held.change,
                "by": act_json(index.corpus.acts[vh.held.act], index.corpus),
                "until_by": (  # the act whose extension (or change) ends it, when not `by`
                    act_json(index.corpus.acts[vh.held.until_act], index.corpus)
                    if vh.held.until_act
                    else None
                ),
                "extension": extension_json(index, vh.held.extension),
                "own_extension": extension_json(index, vh.held.own_extension),
                # D-716: `until` null, ended by an arrêté's JO publication on an unknown day
                "until_extension_jo_unknown": undated_json(vh.held.until_undated),
                "own_extension_jo_unknown": undated_json(vh.held.own_undated),
            }
            if vh.held
            else None
        ),
    }


def history_json(index: VersionIndex, hist: Any) -> dict[str, Any]:
    return {
        "id": hist.article,
        "num": hist.num,
        "title": hist.title,
        "versions": [_version_history_json(index, vh) for vh in hist.versions],
        "pending": pending_json(index, hist.article),
        "same_number": [
            {"id": aid, **_version_history_json(index, vh)} for aid, vh in hist.same_number
        ],
    }
