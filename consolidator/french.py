"""Small helpers for French legal prose: elision and contraction of « de » before a title, and the
typographic apostrophe.

Every phrase the library writes for readers uses the typographic apostrophe ’ in its own words;
`apostrophes` makes typographic the straight ones of the sources' wording (titles, an arrêté's
words) where a phrase quotes them. render/typography.typo_fr uses it for its apostrophes.
"""

from __future__ import annotations

import re
from decimal import Decimal

_VOWELS = "aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ"
_FEMININE = ("convention", "annexe", "lettre", "décision", "adhésion", "mutualité")
# a letter, « ' », a letter: the mark matched first, so that `re` finds each one by a plain scan
# for the character, then looks behind it (the same matches as « (?<=[^\W\d_])'(?=[^\W\d_]) »,
# which tried the look-behind at every position of the string: twice the time)
_APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')(?=[^\W\d_])")


def apostrophes(text: str) -> str:
    """The straight apostrophe between two letters made typographic; nothing else changes.

    >>> apostrophes("l'article 12 de la loi, 'today'")
    "l’article 12 de la loi, 'today'"
    """
    return _APOSTROPHE.sub("’", text)


def de(label: str) -> str:
    """« de » + a text's name, with elision or contraction.

    >>> de("avenant n° 13 du 18 mars 2009")
    'de l’avenant n° 13 du 18 mars 2009'
    >>> de("convention collective nationale de la mutualité du 31 janvier 2000")
    'de la convention collective nationale de la mutualité du 31 janvier 2000'
    >>> de("protocole d’accord du 31 janvier 2000")
    'du protocole d’accord du 31 janvier 2000'
    """
    word = label.split(" ", 1)[0].lower()
    if label[:1] in _VOWELS:
        return f"de l’{label}"
    if word in _FEMININE:
        return f"de la {label}"
    return f"du {label}"


def alineas(indices: list[int]) -> str:
    """Name 0-based alinéa indices the French way.

    >>> alineas([0])
    'l’alinéa 1'
    >>> alineas([6, 7, 8])
    'les alinéas 7, 8 et 9'
    """
    nums = [str(i + 1) for i in indices]
    if len(nums) == 1:
        return f"l’alinéa {nums[0]}"
    return f"les alinéas {', '.join(nums[:-1])} et {nums[-1]}"


def and_list(items: list[str]) -> str:
    """Join with commas and « et ».

    >>> and_list(["« a »", "« b »", "« c »"])
    '« a », « b » et « c »'
    >>> and_list(["« a »"])
    '« a »'
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def quote_list(words: list[str]) -> str:
    """Each distinct word between French quotes, joined with « et ».

    >>> quote_list(["au plan national", "5", "au plan national"])
    '« au plan national » et « 5 »'
    """
    return and_list([f"« {w} »" for w in dict.fromkeys(words)])


def euros(value: Decimal) -> str:
    """French formatting of an amount.

    >>> euros(Decimal("17282.48"))
    '17 282,48 €'
    >>> euros(Decimal("7.97"))
    '7,97 €'
    """
    whole, _, cents = f"{value:.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{' '.join(groups)},{cents} €"
