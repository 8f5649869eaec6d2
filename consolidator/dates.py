"""Dates: ISO and French date parsing, and resolution of date-of-effect rules to events."""

from __future__ import annotations

import re
from datetime import date, timedelta

from consolidator.model import ExtensionRule

MOIS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
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
_FRENCH = re.compile(r"^\s*(\d{1,2})(?:er)?\s+([a-zéûè]+)\s+(\d{4})\s*$", re.IGNORECASE)


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
    if not match or match.group(2).lower() not in MOIS:
        raise ValueError(f"not a French date: {text!r}")
    day, month, year = int(match.group(1)), MOIS[match.group(2).lower()], int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"impossible date {text!r}: {exc}") from None


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
