"""French typography for what people read (HTML, PDF, text): spaces, apostrophes, quotes.

One function, `typo_fr`, used as the jinja2 filter `typo` and by the text renderer. It follows
the Imprimerie nationale's rules (Lexique des règles typographiques) with one documented choice:

- no-break space (U+00A0) before « : », after « and before »; narrow no-break space (U+202F)
  before « ; ! ? », before « % »; no space inside “ ” and between groups of thousands (« 1 000 »);
- no-break space after the dash that opens a list item (« – les salariés ... »);
- no-break space in a reference to the code du travail (« L. 6324-3 »);
- no-break spaces inside a date (« 2 décembre 2026 », « 1er janvier ») and after « n° »;
- typographic apostrophe ’ for the straight one between letters (`french.apostrophes`);
- quotes: « » outside, “ ” inside « » (never « « » »); straight and English quotes become « »
  at the outer level.

Only spacing, apostrophes and quote marks change, never the letters, digits or punctuation
(tests/render/test_typography.py checks it with hypothesis). JSON keeps the source characters.
"""

from __future__ import annotations

import re

from consolidator.french import apostrophes
from consolidator.render.memo import Memo

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = " \u00a0\u202f"

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_DATE = re.compile(
    rf"\b(1er|\d{{1,2}})[ \u00a0\u202f]+({_MONTHS})\b(?:[ \u00a0\u202f]+(\d{{4}})\b)?"
)
_NUMERO = re.compile(r"\b([nN]°)[ \u00a0\u202f]*(?=[\dA-Za-z])")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\d])")
_CODE_REF = re.compile(r"\b([LRD]\.)[ \u00a0\u202f]+(?=\d)")
_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]*%")
_BEFORE_COLON = re.compile(r"(?<=[^\s:;!?])[ \u00a0\u202f]*:(?=\s|$|[.,)»])")
_BEFORE_SHORT = re.compile(r"(?<=[^\s«“(\[/:;!?])[ \u00a0\u202f]*([;!?])(?=\s|$|[.,)»])")
_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE = re.compile(r"(?<=\S)[ \u00a0\u202f]*»")
_INNER = re.compile(r"(?<=“)[ \u00a0\u202f]+|[ \u00a0\u202f]+(?=”)")
_LIST_DASH = re.compile(r"^([–—-])[ \u00a0\u202f]+", re.MULTILINE)


def typo_fr(text: str) -> str:
    """French typography on one string: only spacing, apostrophes and quote marks change.

    >>> typo_fr("les trois conditions suivantes :")
    'les trois conditions suivantes\\xa0:'
    >>> typo_fr("Les termes «au plan national» sont exclus ; voir ci-dessous !")
    'Les termes «\\xa0au plan national\\xa0» sont exclus\\u202f; voir ci-dessous\\u202f!'
    >>> typo_fr("par “ salarié de la même catégorie ” il faut entendre")
    'par «\\xa0salarié de la même catégorie\\xa0» il faut entendre'
    >>> typo_fr("« les termes « au plan national » sont exclus »")
    '«\\xa0les termes “au plan national” sont exclus\\xa0»'
    >>> typo_fr("article 2241-1 à 8:30, l'avenant n° 29 du 2 décembre 2026 : 1 000 et 87 %")
    'article 2241-1 à 8:30, l’avenant n°\\xa029 du 2\\xa0décembre\\xa02026\\xa0: 1\\u202f000 et 87\\u202f%'
    >>> typo_fr("l'article L. 6324-3 du code du travail")
    'l’article L.\\xa06324-3 du code du travail'
    """
    return _MEMO(text)


def rules(text: str) -> str:
    """`typo_fr` computed (its results are kept: render/memo.py)."""
    # Each rule runs only when what it needs is there: a character (a plain `in` is a C scan of
    # the string, far cheaper than a regex trying every position), a month's name, a group of
    # three digits, a line that begins with a dash. The output is the same: a rule cannot match
    # without what its test looks for (tests/render/test_typography.py compares with the rules
    # run unconditionally).
    if "«" in text or "»" in text or "“" in text or "”" in text or '"' in text:
        text = _quotes(text)
    if "'" in text:
        text = apostrophes(text)
    if "°" in text:  # « n° 29 », « n° A » (a letter may follow)
        text = _NUMERO.sub(lambda m: m.group(1) + NBSP, text)
    if _DIGIT(text):  # dates, thousands, « % », « L. 1234 » all need a digit
        if any(part in text for part in _MONTH_PARTS):
            text = _DATE.sub(_date, text)
        if _GROUP(text):
            text = _THOUSANDS.sub(_thousands, text)
        if "%" in text:
            text = _PERCENT.sub(NNBSP + "%", text)
        if "L." in text or "R." in text or "D." in text:
            text = _CODE_REF.sub(lambda m: m.group(1) + NBSP, text)
    if "«" in text:
        text = _OPEN.sub("«" + NBSP, text)
    if "»" in text:
        text = _CLOSE.sub(NBSP + "»", text)
    if "“" in text or "”" in text:
        text = _INNER.sub("", text)
    if ":" in text:
        text = _BEFORE_COLON.sub(NBSP + ":", text)
    if text.startswith(("–", "—", "-")) or "\n" in text:  # `^`: the text's or a line's start
        text = _LIST_DASH.sub(lambda m: m.group(1) + NBSP, text)
    if ";" in text or "!" in text or "?" in text:
        text = _BEFORE_SHORT.sub(lambda m: NNBSP + m.group(1), text)
    return text


_MEMO = Memo("typo", rules)
_DIGIT = re.compile(r"\d").search
_GROUP = re.compile(r"\d[ \u00a0\u202f]\d{3}").search  # what every match of _THOUSANDS holds
# a part of each month's name: « ier » (janvier, février), « jui » (juin, juillet), « bre »
# (septembre ... décembre); every match of _DATE holds one
_MONTH_PARTS = ("ier", "mars", "avril", "mai", "jui", "août", "bre")


def _thousands(m: re.Match[str]) -> str:
    return m.group(1) + re.sub(f"[{SPACES}]", NNBSP, m.group(2))


def _date(m: re.Match[str]) -> str:
    out = m.group(1) + NBSP + m.group(2)
    return out + NBSP + m.group(3) if m.group(3) else out


_QUOTE = re.compile(r"[«»“”\"]")


def _quotes(text: str) -> str:
    """« » at the outer level, “ ” inside; straight quotes open and close in turn.

    >>> _quotes('le mot "congé" et « un « autre » mot »')
    'le mot «congé» et « un “ autre ” mot »'
    >>> _quotes("« ouvert sans fin")
    '« ouvert sans fin'
    """
    if not _QUOTE.search(text):
        return text
    out: list[str] = []
    depth = 0
    straight_open = False
    pos = 0
    for m in _QUOTE.finditer(text):
        out.append(text[pos : m.start()])
        mark = m.group()
        if mark == '"':  # closes only a straight quote still open
            straight_open = not (straight_open and depth > 0)
            opening = straight_open
        else:
            opening = mark in "«“"
        if opening:
            out.append("«" if depth == 0 else "“")
            depth += 1
        elif depth > 0:
            depth -= 1
            out.append("»" if depth == 0 else "”")
        else:  # a closing mark with nothing open: keep it as written
            out.append(mark)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


_LETTERS_ONLY = str.maketrans({"’": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def letters(text: str) -> str:
    """What typography must never change: the text without spaces, quotes as one mark.

    >>> letters("«\\xa0l’avenant\\u202f» ; ") == letters('"l\\'avenant";')
    True
    """
    return re.sub(r"\s", "", text.translate(_LETTERS_ONLY))
