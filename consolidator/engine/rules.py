"""Date-of-effect rules tied to an arrêté's JO publication, resolved to a day."""

from __future__ import annotations

from datetime import date, timedelta

from consolidator.model import ExtensionRule


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
