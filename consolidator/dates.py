"""Dates: ISO and French date parsing, and resolution of date-of-effect rules to events."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from consolidator.model import ExtensionRule

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


# Every date the tool reads or computes lies in this range, so that date arithmetic (the day
# before, the 1st of next January, a signature plus an offset) never overflows. The first law on
# conventions collectives is of 25 March 1919; year 9999 is left free for computed dates.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(9998, 12, 31)
DATE_RANGE = f"{DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}"


def check_range(day: date, text: str | None = None) -> date:
    """`day` itself, or ValueError when it lies outside DATE_MIN..DATE_MAX.

    >>> check_range(date(9999, 1, 1))
    Traceback (most recent call last):
    ...
    ValueError: date '9999-01-01' out of range: dates go from 1900-01-01 to 9998-12-31
    """
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValueError(
            f"date {text or day.isoformat()!r} out of range: dates go from {DATE_RANGE}"
        )
    return day


def parse_iso(text: str) -> date:
    """Parse an ISO date (YYYY-MM-DD, within DATE_MIN..DATE_MAX), with an error that quotes it.

    >>> parse_iso("2017-04-02")
    datetime.date(2017, 4, 2)
    >>> parse_iso("2000-02-31")
    Traceback (most recent call last):
    ...
    ValueError: impossible date '2000-02-31': day is out of range for month
    >>> parse_iso("0001-01-01")
    Traceback (most recent call last):
    ...
    ValueError: date '0001-01-01' out of range: dates go from 1900-01-01 to 9998-12-31
    """
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"impossible date {text!r}: {exc}") from None
    return check_range(day, text)


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


def apply_extension_rule(published: date, rule: ExtensionRule) -> date:
    """The date an event tied to an arrêté's JO publication falls on.

    >>> apply_extension_rule(date(2017, 4, 1), ExtensionRule.LENDEMAIN)
    datetime.date(2017, 4, 2)
    >>> apply_extension_rule(date(2017, 12, 13), ExtensionRule.MOIS_SUIVANT)
    datetime.date(2018, 1, 1)
    >>> apply_extension_rule(date(2012, 12, 9), ExtensionRule.TRIMESTRE_SUIVANT)
    datetime.date(2013, 1, 1)
    >>> apply_extension_rule(date(2019, 10, 23), ExtensionRule.JANVIER_SUIVANT)
    datetime.date(2020, 1, 1)
    """
    if rule is ExtensionRule.PUBLICATION:
        return published
    if rule is ExtensionRule.LENDEMAIN:
        return published + timedelta(days=1)
    if rule is ExtensionRule.MOIS_SUIVANT:
        return first_of_next_month(published)
    if rule is ExtensionRule.TRIMESTRE_SUIVANT:
        quarter_month = ((published.month - 1) // 3 + 1) * 3 + 1
        if quarter_month > 12:
            return date(published.year + 1, 1, 1)
        return date(published.year, quarter_month, 1)
    return date(published.year + 1, 1, 1)


def first_of_next_month(day: date) -> date:
    """
    >>> first_of_next_month(date(2020, 12, 24))
    datetime.date(2021, 1, 1)
    """
    if day.month == 12:
        return date(day.year + 1, 1, 1)
    return date(day.year, day.month + 1, 1)
