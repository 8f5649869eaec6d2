"""Pure text helpers for the HTML and PDF renderers: French typography, slugs, state badges."""

from __future__ import annotations

import re
from datetime import date

from consolidator.dates import format_french
from consolidator.model import State
from consolidator.normalize import slug  # noqa: F401  (a filter of the templates)

NBSP = "\u00a0"
NNBSP = "\u202f"

_BEFORE_TALL = re.compile(r"[ \u00a0\u202f]*([:»])(?=\s|$|[.,)])")
_BEFORE_SHORT = re.compile(r"(?<=\S)[ \u00a0\u202f]+([;!?])")
_AFTER_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_ENGLISH_QUOTES = re.compile(r"[“\"]\s*([^”\"]+?)\s*[”\"]")


def typo_fr(text: str) -> str:
    """French typography: non-breaking spaces before « : ; ! ? » and inside « », French quotes.

    Only spacing and quote marks change, never the words.

    >>> typo_fr("les trois conditions suivantes :")
    'les trois conditions suivantes\\xa0:'
    >>> typo_fr("Les termes «au plan national» sont exclus ; voir ci-dessous !")
    'Les termes «\\xa0au plan national\\xa0» sont exclus\\u202f; voir ci-dessous\\u202f!'
    >>> typo_fr("par “ salarié de la même catégorie ” il faut entendre")
    'par «\\xa0salarié de la même catégorie\\xa0» il faut entendre'
    >>> typo_fr("article L. 2241-1 à 8:30")
    'article L. 2241-1 à 8:30'
    """
    text = _ENGLISH_QUOTES.sub(r"« \1 »", text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    text = _BEFORE_TALL.sub(lambda m: NBSP + m.group(1), text)
    return _BEFORE_SHORT.sub(lambda m: NNBSP + m.group(1), text)


def date_fr(day: date | None) -> str:
    """A date in French legal style, or an empty string.

    >>> date_fr(date(2017, 4, 1))
    '1er avril 2017'
    >>> date_fr(None)
    ''
    """
    return format_french(day) if day else ""


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
