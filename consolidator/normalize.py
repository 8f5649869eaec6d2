"""Text normalisation used wherever two legal texts are compared.

The Legifrance export mixes several spaces (EN SPACE, NBSP, NNBSP), dashes and
quote styles; comparisons must not depend on them.

>>> normalize_text("2. 6.\u2002Conditions  d\u2019exercice \u2013 « ok »")
'2.6. Conditions d\\'exercice - "ok"'
>>> normalize_text("mise en œuvre")
'mise en oeuvre'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\u00a0\u202f\u2002\u2003\u2005\u2009]+")
_DASHES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"}
)
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "«": '"', "»": '"', "`": "'"}
)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})
_FOLD = {**_DASHES, **_QUOTES, **_LIGATURES}  # one pass (no result of one is a key of another)
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)\. (?=\d)")
_SPACE_IN_QUOTES = re.compile(r'"\s*([^"]*?)\s*"')


def normalize_text(text: str) -> str:
    """Fold spaces, dashes, quotes and ligatures so that typographic variants compare equal."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_FOLD)
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_IN_NUMBER.sub(".", text)
    text = _SPACE_IN_QUOTES.sub(r'"\1"', text)
    return text


def normalize_paragraphs(paragraphs: list[str]) -> list[str]:
    """Normalise each paragraph and drop the empty ones."""
    out = [normalize_text(p) for p in paragraphs]
    return [p for p in out if p]


_SPACE_CLASS = r"[\s\u00a0\u202f\u2002\u2003\u2005\u2009]+"
_CLASSES = {
    "'": "['\u2019\u2018`]",
    '"': '["\u201c\u201d«»]',
    "-": "[-\u2013\u2014\u2015\u2212\u2010\u2011]",
}


@lru_cache(maxsize=4096)  # the same restriction's words, for every version and day it binds
def words_pattern(words: str) -> re.Pattern[str]:
    """A regex that finds `words` in raw text whatever its typography, on word boundaries.

    >>> bool(words_pattern("au plan national").search("représentative au\u00a0plan national (1)"))
    True
    >>> [m.start() for m in words_pattern("5").finditer("des 5 organisations, loi 2008-789 du 15")]
    [4]
    >>> bool(words_pattern("d'exercice").search("d\u2019exercice"))
    True
    """
    folded = normalize_text(words)
    parts: list[str] = []
    for char in folded:
        if char == " ":
            parts.append(_SPACE_CLASS)
        elif char in _CLASSES:
            parts.append(_CLASSES[char])
        else:
            parts.append(re.escape(char))
    body = "".join(parts).replace("oe", "(?:oe|œ)")
    start = r"(?<!\w)" if folded[:1].isalnum() else ""
    end = r"(?!\w)" if folded[-1:].isalnum() else ""
    return re.compile(start + body + end)


_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def slug(ident: str) -> str:
    """A file-name and anchor-safe form of a stable id.

    >>> slug("a2000-2.4")
    'a2000-2.4'
    >>> slug("annexe-v:3 bis")
    'annexe-v-3-bis'
    """
    return _SLUG.sub("-", ident).strip("-") or "x"


_NUM_PREFIX = re.compile(r"^(?:article|art\.?)\s*", re.IGNORECASE)


def clean_number(text: str) -> str:
    """An article number as typed or printed, made comparable (« Article 1er » is « 1 »).

    >>> clean_number("Article 1er"), clean_number("2.5."), clean_number("ARTICLE 3 .1")
    ('1', '2.5', '3.1')
    """
    text = _NUM_PREFIX.sub("", text.strip()).rstrip(".").strip()
    text = re.sub(r"\s+\.", ".", text)
    return re.sub(r"^(\d+)\s*er$", r"\1", text)
