"""The history page's held-over periods: versions that still bind non-adherents after their end.

An article repealed, replaced or renumbered by a text not yet extended stays, for the employers
of the branch who are not members of a signatory organisation, in its extended wording until
that text's extension (D-213). `history N` says so under each version; the history page lists
every such period, in the same words (`query.history_phrases.held_period_line`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.model import ActLevel, Version
from consolidator.query.headings import version_name
from consolidator.query.history_held import HeldPeriod, held_period
from consolidator.query.history_phrases import held_period_line
from consolidator.query.numbering import words_act
from consolidator.query.provenance import act_label
from consolidator.render.pages import SiteContext


def held_periods(index: VersionIndex) -> list[tuple[Version, HeldPeriod]]:
    """Every held-over period of the branch's texts, by first day, then text and number."""
    acts = index.corpus.acts
    found = [
        (version, held)
        for versions in index.versions.values()
        if acts[versions[0].text_id].level is ActLevel.BRANCHE
        for version in versions
        if (held := held_period(index, version)) is not None
    ]
    base = index.corpus.convention.base
    return sorted(
        found,
        key=lambda p: (p[1].since, p[0].text_id != base, p[0].text_id, _number_key(p[0].num)),
    )


def _number_key(num: str | None) -> tuple[tuple[int, int | str], ...]:
    """« 9.2 » before « 9.10 »."""
    parts = re.split(r"[.\s]+", num or "")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def held_rows(
    index: VersionIndex, site: SiteContext, periods: list[tuple[Version, HeldPeriod]] | None = None
) -> list[dict[str, Any]]:
    """One row per held-over period (`periods`, default: `held_periods`): the article as then
    numbered, the act whose wording is held over, and `history`'s own sentence for the period."""
    corpus = index.corpus
    rows = []
    for version, held in held_periods(index) if periods is None else periods:
        label = version_name(index, version)  # a chapter's clause names its chapter (D-715)
        if version.text_id != corpus.convention.base:
            label += f" ({corpus.acts[version.text_id].title})"
        wording = act_label(corpus, corpus.acts[words_act(index, version)])  # as `history`
        rows.append(
            {
                "article": label,
                "title": version.title if version.num else None,
                "href": site.links.article(version.article) if site.links else None,
                "wording": wording[:1].upper() + wording[1:],
                "line": held_period_line(index, version, held),
                "current": _covers(held, site.at),
            }
        )
    return rows


def _covers(held: HeldPeriod, day: date) -> bool:
    """Certainly in force on `day`: a period ending at an unknown JO publication (D-716) is
    certain only before the arrêté's own date, the earliest that publication can be."""
    if held.until_undated is not None:
        return held.since <= day < held.until_undated.arrete.date
    return held.since <= day and (held.until is None or day < held.until)
