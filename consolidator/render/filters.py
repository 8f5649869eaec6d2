"""Pure text helpers for the HTML and PDF renderers: dates, slugs, state badges (typography: typography.py)."""

from __future__ import annotations

import re
from datetime import date

from consolidator.dates import format_french
from consolidator.model import State
from consolidator.render.typography import NBSP, typo_fr

__all__ = ["badge_class", "badge_label", "date_fr", "short_state", "slug", "typo_fr"]


def date_fr(day: date | None) -> str:
    """A date in French legal style that never breaks across lines, or an empty string.

    >>> date_fr(date(2017, 4, 1))
    '1er\xa0avril\xa02017'
    >>> date_fr(None)
    ''
    """
    return format_french(day).replace(" ", NBSP) if day else ""


_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def slug(ident: str) -> str:
    """A file-name and anchor-safe form of a stable id.

    >>> slug("a2000-2.4")
    'a2000-2.4'
    >>> slug("annexe-v:3 bis")
    'annexe-v-3-bis'
    """
    return _SLUG.sub("-", ident).strip("-") or "x"


_BADGES = {
    State.ETENDU: ("etendu", "étendu"),
    State.NON_ETENDU: ("non-etendu", "non étendu"),
    State.EN_VIGUEUR: ("en-vigueur", "en vigueur"),
    State.A_VENIR: ("a-venir", "pas encore en vigueur"),
    State.REMPLACE: ("remplace", "remplacé"),
    State.ABROGE: ("abroge", "abrogé"),
    State.PERIME: ("perime", "périmé"),
    State.DENONCE: ("denonce", "dénoncé"),
}


def badge_class(state: State) -> str:
    """CSS class of a state badge.

    >>> badge_class(State.NON_ETENDU)
    'etat-non-etendu'
    """
    return "etat-" + _BADGES[state][0]


def badge_label(state: State) -> str:
    """Short label of a state badge.

    >>> badge_label(State.A_VENIR)
    'pas encore en vigueur'
    """
    return _BADGES[state][1]


def short_state(state: State) -> str:
    """The state as said in a changelog line: étendu / non étendu / ...

    >>> short_state(State.ETENDU)
    'étendu'
    """
    return _BADGES[state][1]
