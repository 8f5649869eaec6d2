"""Pure text helpers for the HTML and PDF renderers: dates, slugs, state badges (typography: typography.py)."""

from __future__ import annotations

from datetime import date

from consolidator.dates import format_french
from consolidator.model import State
from consolidator.normalize import slug
from consolidator.render.typography import NBSP, typo_fr

__all__ = ["badge_class", "badge_label", "date_fr", "slug", "typo_fr"]


def date_fr(day: date | None) -> str:
    """A date in French legal style that never breaks across lines, or an empty string.

    >>> date_fr(date(2017, 4, 1))
    '1er\xa0avril\xa02017'
    >>> date_fr(None)
    ''
    """
    return format_french(day).replace(" ", NBSP) if day else ""


_BADGE_CLASSES = {
    State.ETENDU: "etendu",
    State.NON_ETENDU: "non-etendu",
    State.EN_VIGUEUR: "en-vigueur",
    State.A_VENIR: "a-venir",
    State.REMPLACE: "remplace",
    State.ABROGE: "abroge",
    State.PERIME: "perime",
    State.DENONCE: "denonce",
}


def badge_class(state: State) -> str:
    """CSS class of a state badge.

    >>> badge_class(State.NON_ETENDU)
    'etat-non-etendu'
    """
    return "etat-" + _BADGE_CLASSES[state]


def badge_label(state: State) -> str:
    """Short label of a state badge.

    >>> badge_label(State.A_VENIR)
    'pas encore en vigueur'
    """
    return state.short
