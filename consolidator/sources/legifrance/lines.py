"""Line-level helpers for the Legifrance export: markers, dates, numbers and line shapes."""

from __future__ import annotations

import re
from datetime import date

from consolidator.dates import french_month, parse_french, parse_iso
from consolidator.normalize import normalize_text

MARKERS = ("en vigueur étendue", "en vigueur non-étendue", "REMPLACE", "MODIFIE", "VIGUEUR")
PART_TITLES = ("Texte de base", "Textes Attachés", "Textes Salaires", "Textes Extensions")
PREAMBLE = "Préambule"
FIRST_LABELS = frozenset({"1", "1er"})

_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATE_IN_TEXT = r"(?:(\d{4})-(\d{2})-(\d{2})|(1er|\d{1,2})\s+([^\W\d_]+)\s+(\d{4}))"
_ARRETE_HEADER = re.compile(r"^(?:arrêté|arrete|arrête|arreté)\s+du\s+(.+?)\s*$", re.IGNORECASE)
_ARRETE_CITED = re.compile(
    r"\barr[êe]t[ée]s?\s+(?:du\s+)?" + _DATE_IN_TEXT + r"(?!\d)", re.IGNORECASE
)
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ARTICLE_LINE = re.compile(r"^ARTICLE(?:\s+(.*?))?\s*$")
_CALL = r"\d{1,2}|\*+"  # what a footnote call holds between its brackets: (1), (12), (*), (**)
_FOOTNOTE = re.compile(rf"^\(({_CALL})\)\s*|^(\*+)\s*(?=\S)")  # a note line starting with its call
_MERGED_CALL = re.compile(
    rf"(?<=[.)])\s+(?=\((?:{_CALL})\)\s+[A-ZÀ-Ý])"
)  # a note run into the text
_INLINE_CALL = re.compile(rf"\s*\((?:{_CALL})\)(?=[\s.,;:»]|$)")  # a call in the text
_NOTE_STARTS = (
    ("nota", re.compile(r"^(?:NOTA|Nota)\s*(?:[:.]|-|$)")),
    ("note", re.compile(r"^NOTE\s*:")),
    ("avenant-modificateur", re.compile(r"^Avenant modificateur étendu")),
    ("extension", re.compile(r"^(?:Texte étendu|Arrêté (?:du [^:]{6,40}?|\d{4}-\d\d-\d\d) :)")),
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2002\u2003\u2005\u2009]+")
_DECIMAL = re.compile(r"\d,\d")
_ARRETE_REF = re.compile(r"^\((?:Arrêté|arrêté)\s+du\s[^()]*\)\.?$")


def _make_date(year: str, month: str | int, day: str) -> date:
    month_no = month if isinstance(month, int) else french_month(month)
    if month_no is None:
        raise ValueError(f"unknown month {month!r}")
    return date(int(year), month_no, 1 if day == "1er" else int(day))


def parse_french_date(text: str) -> date:
    """Parse a date as printed in the export: French (`dates.parse_french`) or ISO.

    >>> parse_french_date("23 décembre 2010")
    datetime.date(2010, 12, 23)
    >>> parse_french_date("1er  janvier 2020.")
    datetime.date(2020, 1, 1)
    >>> parse_french_date("2003-07-07")
    datetime.date(2003, 7, 7)
    >>> parse_french_date("31 février 2020")
    Traceback (most recent call last):
    ...
    ValueError: impossible date '31 février 2020': day is out of range for month
    >>> parse_french_date("le 3 brumaire an II")
    Traceback (most recent call last):
    ...
    ValueError: not a French date: 'le 3 brumaire an II'
    """
    clean = normalize_text(text).rstrip(".")
    return parse_iso(clean) if _DATE_ISO.match(clean) else parse_french(clean)


def parse_arrete_header(line: str) -> date:
    """Date of an arrêté header line.

    >>> parse_arrete_header("Arrêté du 23 décembre 2010")
    datetime.date(2010, 12, 23)
    >>> parse_arrete_header("ARRETE du 2 décembre 2002")
    datetime.date(2002, 12, 2)
    >>> parse_arrete_header("Arrêté du 1er décembre 2010")
    datetime.date(2010, 12, 1)
    >>> parse_arrete_header("Décret du 2 mai 2002")
    Traceback (most recent call last):
    ...
    ValueError: not an arrêté header: 'Décret du 2 mai 2002'
    """
    match = _ARRETE_HEADER.match(normalize_text(line))
    if not match:
        raise ValueError(f"not an arrêté header: {line!r}")
    return parse_french_date(match.group(1))


def find_arrete_dates(text: str) -> tuple[date, ...]:
    """Every arrêté date cited in a note, in order, without duplicates.

    >>> find_arrete_dates("(1) Article étendu ... (arrêté du 3 juin 2003, art. 1er).")
    (datetime.date(2003, 6, 3),)
    >>> find_arrete_dates("NOTA : Arrêté 2003-07-07 étendu à l'exception ...")
    (datetime.date(2003, 7, 7),)
    >>> find_arrete_dates("(Arrêté du 21 mars 2017-art. 1) (Arrêté du 21 mars 2017 - art. 1)")
    (datetime.date(2017, 3, 21),)
    >>> find_arrete_dates("l'arrêté d'extension")
    ()
    """
    found: list[date] = []
    for match in _ARRETE_CITED.finditer(normalize_text(text)):
        y, m, d, day, month, year = match.groups()
        try:
            when = _make_date(y, int(m), d) if y else _make_date(year, month, day)
        except ValueError:
            continue
        if when not in found:
            found.append(when)
    return tuple(found)


def find_dates_after(text: str, lead: str) -> date | None:
    """First date printed right after ``lead`` (a regex), or None.

    >>> find_dates_after("convenu ce qui suit lors de la CPPNI du 13 décembre 2019 :", r"CPPNI du")
    datetime.date(2019, 12, 13)
    >>> find_dates_after("Fait à […], le […]", r"le") is None
    True
    """
    pattern = re.compile(lead + r"\s+" + _DATE_IN_TEXT + r"(?!\d)", re.IGNORECASE)
    for match in pattern.finditer(normalize_text(text)):
        y, m, d, day, month, year = match.groups()
        try:
            return _make_date(y, int(m), d) if y else _make_date(year, month, day)
        except ValueError:
            continue
    return None


def roman_to_int(numeral: str) -> int:
    """Value of a Roman chapter number.

    >>> roman_to_int("XVIII")
    18
    >>> roman_to_int("IV")
    4
    >>> roman_to_int("IIII")
    Traceback (most recent call last):
    ...
    ValueError: not a Roman numeral: 'IIII'
    """
    if not numeral or not _ROMAN.match(numeral):
        raise ValueError(f"not a Roman numeral: {numeral!r}")
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if nxt > v else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def clean_spaces(line: str) -> str:
    """Collapse every kind of space to one plain space, keep the printed characters.

    >>> clean_spaces("  Durée.\u2002Date d'entrée  en vigueur ")
    "Durée. Date d'entrée en vigueur"
    """
    return _SPACES.sub(" ", line).strip()


def is_marker(line: str) -> bool:
    """A state marker line (``en vigueur étendue``, ``REMPLACE`` …).

    >>> is_marker("REMPLACE"), is_marker("en vigueur non étendue")
    (True, False)
    """
    return line.strip() in MARKERS


def article_label(line: str) -> str | None:
    """Label of an ``ARTICLE …`` line, ``""`` for a bare ``ARTICLE``, None for other lines.

    >>> article_label("ARTICLE 3 .1"), article_label("ARTICLE 3.1."), article_label("ARTICLE 1er")
    ('3.1', '3.1', '1er')
    >>> article_label("ARTICLE"), article_label("Article 2"), article_label("ARTICLE Préambule")
    ('', None, 'Préambule')
    """
    match = _ARTICLE_LINE.match(line.strip())
    if not match:
        return None
    label = re.sub(r"\s*\.\s*", ".", normalize_text(match.group(1) or ""))
    return label.rstrip(".")


def strip_calls(text: str) -> str:
    """The text without its footnote calls (the one pattern of a call, with `footnote_call`).

    >>> strip_calls("dans la limite de 13 jours (1). Les salariés (*) en bénéficient (2000)")
    'dans la limite de 13 jours. Les salariés en bénéficient (2000)'
    """
    return _INLINE_CALL.sub("", text)


def footnote_call(line: str) -> str | None:
    """The call of a footnote line: ``"1"`` for ``(1) …``, ``"*"`` for ``(*) …`` or ``* …``.

    >>> footnote_call("(2) Le mot « 5 » est exclu"), footnote_call("*Accord étendu"), footnote_call("- a")
    ('2', '*', None)
    """
    match = _FOOTNOTE.match(line.strip())
    if not match:
        return None
    return match.group(1) or match.group(2)


def note_kind(line: str) -> str | None:
    """Kind of editorial note a line opens, ``"arrete-ref"`` for a bare ``(Arrêté du …)``.

    >>> note_kind("NOTA : Arrêté du 4 juin 2004 : …"), note_kind("Nota. - Le texte …")
    ('nota', 'nota')
    >>> note_kind("(Arrêté du 23 décembre 2010, art. 1er)"), note_kind("(1) Lire 11. 1.")
    ('arrete-ref', 'footnote')
    >>> note_kind("Arrêté du 10 mai 2004 : Texte étendu …"), note_kind("Notamment :")
    ('extension', None)
    """
    text = line.strip()
    if _ARRETE_REF.match(text):
        return "arrete-ref"
    if footnote_call(text) is not None:
        return "footnote"
    for kind, pattern in _NOTE_STARTS:
        if pattern.match(text):
            return kind
    return None


def split_merged_notes(text: str) -> list[str]:
    """Split several footnotes printed on one line (``… art. 1er). (2) Alinéa …``).

    >>> split_merged_notes("(1) Tiret étendu (arrêté). (2) Alinéa étendu.")
    ['(1) Tiret étendu (arrêté).', '(2) Alinéa étendu.']
    >>> split_merged_notes("NOTA : Texte étendu. (1) Alinéa étendu sous réserve (2e alinéa).")
    ['NOTA : Texte étendu.', '(1) Alinéa étendu sous réserve (2e alinéa).']
    """
    return [part.strip() for part in _MERGED_CALL.split(text.strip()) if part.strip()]


def is_title_like(line: str) -> bool:
    """Could this line be a heading (short, no closing punctuation, not a note, not a table row)?

    >>> is_title_like("Montant de la dotation."), is_title_like("Durée. - Révision. - Dénonciation")
    (True, True)
    >>> is_title_like("Total 1,79 % 0,68 % 2,47 %"), is_title_like("- 120 % pour la cotisation »")
    (False, False)
    >>> is_title_like("Les parties conviennent de se réunir au cours du dernier trimestre."), is_title_like("-----")
    (False, False)
    """
    text = normalize_text(line)
    if not text or len(text) > 200 or not any(c.isalpha() for c in text):
        return False
    if note_kind(text) is not None or text.startswith(("-", "•", "(", "*")):
        return False
    if text[-1] in ';:,»"' or (text.endswith(".") and len(text) > 40):
        return False
    digits = sum(c.isdigit() for c in text)
    return "%" not in text and not _DECIMAL.search(text) and digits * 3 <= len(text)


def same_title(line: str, title: str, *, prefix: bool = False) -> bool:
    """Do two title lines name the same text (case and typography folded)?

    >>> same_title("ANNEXE I - Méthode", "Annexe I - Méthode")
    True
    >>> same_title("ANNEXE V - Cotisations au 1er janvier 2000", "Annexe V - Cotisations", prefix=True)
    True
    >>> same_title("Garanties frais de santé", "Garanties frais de santé (Annexe 7)")
    False
    """
    a, b = normalize_text(line).casefold(), normalize_text(title).casefold()
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return prefix and len(short) >= 8 and long_.startswith(short)
