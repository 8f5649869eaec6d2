"""Dates: ISO and French date parsing and printing (a leaf helper: imports nothing of ours)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MOIS_NOMS = [
    "",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _fold(word: str) -> str:
    """Lower case without accents: « Décembre » → « decembre »."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


MOIS = {_fold(name): number for number, name in enumerate(MOIS_NOMS) if name}
_FRENCH = re.compile(r"^\s*(\d{1,2})(?:er)?\s+([^\W\d_]+)\s+(\d{4})\s*$", re.IGNORECASE)


def parse_iso(text: str) -> date:
    """Parse an ISO date, with an error that quotes the bad input.

    >>> parse_iso("2017-04-02")
    datetime.date(2017, 4, 2)
    >>> parse_iso("2000-02-31")
    Traceback (most recent call last):
    ...
    ValueError: impossible date '2000-02-31': day is out of range for month
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"impossible date {text!r}: {exc}") from None


def parse_french(text: str) -> date:
    """Parse a French date as printed in legal texts.

    >>> parse_french("1er janvier 2020")
    datetime.date(2020, 1, 1)
    >>> parse_french("13 décembre 2019")
    datetime.date(2019, 12, 13)
    >>> parse_french("31 février 2000")
    Traceback (most recent call last):
    ...
    ValueError: impossible date '31 février 2000': day is out of range for month
    """
    match = _FRENCH.match(text)
    month = french_month(match.group(2)) if match else None
    if not match or month is None:
        raise ValueError(f"not a French date: {text!r}")
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError as exc:
        raise ValueError(f"impossible date {text!r}: {exc}") from None


def french_month(name: str) -> int | None:
    """The month a French month name designates, whatever its case and accents.

    >>> french_month("Décembre"), french_month("fevrier"), french_month("brumaire")
    (12, 2, None)
    """
    return MOIS.get(_fold(name))


def format_french(day: date) -> str:
    """Format a date the French legal way.

    >>> format_french(date(2020, 1, 1))
    '1er janvier 2020'
    >>> format_french(date(2019, 12, 13))
    '13 décembre 2019'
    """
    prefix = "1er" if day.day == 1 else str(day.day)
    return f"{prefix} {MOIS_NOMS[day.month]} {day.year}"
