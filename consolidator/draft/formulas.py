"""The amending formulas of French collective agreements, read into instructions.

An instruction says what to do (kind), to which article number(s) of the convention,
where (alinéa position, words) and whether new wording follows (`takes_text`).

>>> read_formula("L'intégralité de l'article 9.5 de la convention collective de la Mutualité est réécrit comme suit :").kind
'replace-article'
>>> i = read_formula("Le 2e alinéa de l'article 16.1 est supprimé.")
>>> (i.kind, i.nums, i.position)
('delete-alinea', ('16.1',), 2)
>>> i = read_formula("À l'article 4.2, les mots « 3 mois » sont remplacés par les mots « 6 mois ».")
>>> (i.kind, i.nums, i.old, i.new)
('replace-words', ('4.2',), '3 mois', '6 mois')
>>> read_formula("Les articles 9.6 à 9.8 deviennent les articles 9.7 à 9.9.").renumber
(('9.6', '9.7'), ('9.7', '9.8'), ('9.8', '9.9'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"(\d+(?:\.\s?\d+)*(?:\s?(?:bis|ter|quater))?)"
_TITLE = (  # « 15.2.4 " Institutions " » or « 15.2.4. - Institutions gestionnaires » (004 l.4899)
    r"(?:\s*,?\s*(?:intitulée? )?[«\"“]\s*(?P<title>[^»\"”]+?)\s*[»\"”]"
    r"|\.?\s+[-–]\s+[A-ZÉ][^,«»\"”:]+?)?"
)
_CONV = (
    r"(?:\s*,?\s*(?:du texte de base )?(?:de la|du) (?:présente )?convention(?: collective)?"
    r"(?: nationale)?(?: de la mutualité)?(?: du 31 janvier 2000)?)?"
)
_PARA = r"(?:\s*,?\s*(?:(?P<sub>[a-z])\s*\)?|paragraphe\s+(?P<sub2>[a-z])|(?P<ord2>\d+)e\s+(?:paragraphe|alinéa)),?)?"
_ORDINALS = {
    "premier": 1,
    "1er": 1,
    "première": 1,
    "1re": 1,
    "deuxième": 2,
    "second": 2,
    "seconde": 2,
    "troisième": 3,
    "quatrième": 4,
    "cinquième": 5,
    "sixième": 6,
    "septième": 7,
    "huitième": 8,
    "neuvième": 9,
    "dixième": 10,
    "dernier": -1,
}
_ORD = r"(?P<ord>premier|1er|première|1re|deuxième|second|seconde|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième|dernier|\d+e|\d+ème)"

_BARE_TITLE = (
    r"(?:\s+(?P<bare>(?-i:[A-ZÉÈ])[^«»\"“.,:;]{2,80}?)(?=\s*,?\s*(?:de la|du|est|sont)\b))?"
)
_REWRITE = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:(?:l'intégralité|le contenu|les dispositions) (?:de l'|du (?:nouvel )?)article|l'article) "
    + NUM
    + r"\.?"
    + _CONV
    + r",?"
    + _TITLE
    + r",?"
    + _BARE_TITLE
    + _CONV
    + _PARA
    + r"\s*(?:est|sont)\s+(?:intégralement |entièrement |ainsi |désormais )?"
    r"(?P<verb>remplacée?s?|réécrite?s?|rédigée?s?|modifiée?s?|complétée?s?|supprimée?s?|abrogée?s?)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_ALINEA = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:le|la) "
    + _ORD
    + r"\s+(?:alinéa|paragraphe|phrase) de l'article "
    + NUM
    + _TITLE
    + _CONV
    + r"\s*(?:est|sont)\s+(?:ainsi |désormais |intégralement )?"
    r"(?P<verb>remplacée?|réécrite?|rédigée?|modifiée?|supprimée?|abrogée?|complétée?)(?P<rest>.*)$",
    re.IGNORECASE,
)
_ALINEA_N = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?l'alinéa (?P<pos>\d+) de l'article "
    + NUM
    + r"(?:\s+(?P<sub>[a-z])\b)?"
    + _TITLE
    + _CONV
    + r"\s*(?:est|sont)\s+(?:ainsi |désormais |intégralement )?"
    r"(?P<verb>remplacée?|réécrite?|rédigée?|modifiée?|supprimée?|abrogée?)(?P<rest>.*)$",
    re.IGNORECASE,
)
_ADD_ALINEA_N = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?un (?:nouvel )?alinéa (?P<pos>\d+)? ?est (?:rajouté|ajouté|inséré)e? (?:à|dans) l'article "
    + NUM,
    re.IGNORECASE,
)
_AFTER_ALINEA = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:à|a) la suite du "
    + _ORD
    + r" (?:alinéa|paragraphe),? (?:est|sont) (?:insérée?s?|ajoutée?s?),? "
    r"(?:dans|à) l'article " + NUM,
    re.IGNORECASE,
)
_INSERT = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:[^.]*?\bd')?(?:il est |est )?(?:inséré|créé|ajouté|institué|insérer|créer|ajouter)e?,?\s+(?:[^.]*?\s)?"
    r"un (?:nouvel |nouveau )?article "
    + NUM
    + r"(?:\s+(?:intitulé|ainsi intitulé))?"
    + _TITLE
    + r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_ADD_ALINEA = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:il est |sont |est )?(?:ajouté|inséré)e?s?,?\s+(?:à|dans) l'article "
    + NUM
    + _TITLE
    + _CONV
    + r",?\s+(?:un|le|les|deux) (?:nouvel |nouveaux )?(?:alinéas?|paragraphes?)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_WORDS_CONTEXT = re.compile(
    r"(?:(?:au|dans le) " + _ORD + r" (?:alinéa|paragraphe) de |à |dans )l'article " + NUM,
    re.IGNORECASE,
)
_QUOTED = r"[«\"“]\s*(?P<{}>[^»\"”]+?)\s*[»\"”]"
_WORD = (
    r"(?:les mots|le mot|les termes|le terme|l'adjectif|l'expression|la mention|la phrase|les phrases)"
    r"\s*:?\s*"
)
_REPLACE_WORDS = re.compile(
    _WORD
    + _QUOTED.format("old")
    + r",?\s+(?:sont|est) remplacée?s? par\s*(?:"
    + _WORD
    + r")?:?\s*"
    + _QUOTED.format("new"),
    re.IGNORECASE,
)
_DELETE_WORDS = re.compile(_WORD + _QUOTED.format("old") + r",?\s+(?:sont|est) supprimée?s?", re.I)
_INSERT_WORDS = re.compile(
    r"(?P<side>après|avant)\s+(?:"
    + _WORD
    + r")?"
    + _QUOTED.format("anchor")
    + r",?\s+(?:sont|est) (?:insérés|ajoutés|inséré|ajouté)e?s?(?: les mots)?\s*:?\s*"
    + _QUOTED.format("new"),
    re.IGNORECASE,
)
WORD_KINDS = ("replace-words", "delete-words", "insert-words")
_RENUMBER_RANGE = re.compile(
    r"les articles "
    + NUM
    + r" à "
    + NUM
    + r" (?:de la convention collective )?deviennent (?:respectivement )?les articles "
    + NUM
    + r" à "
    + NUM,
    re.IGNORECASE,
)
_RENUMBER_ONE = re.compile(
    r"l'article "
    + NUM
    + _CONV
    + _TITLE
    + r" (?:de la convention collective )?(?:devient|est renuméroté(?: en)?) (?:l'article |article )?"
    + NUM,
    re.IGNORECASE,
)
_REPEAL_MANY = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?les articles "
    + NUM
    + r"((?:\s*,\s*"
    + NUM
    + r")*)\s+et\s+"
    + NUM
    + r"[^.]*?sont (?:supprimés|abrogés)",
    re.IGNORECASE,
)
_REPEAL_PAIR = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?l'article "
    + NUM
    + r"\b[^.]*? et l'article "
    + NUM
    + r"\b[^.]*?sont (?:supprimés|abrogés)",
    re.IGNORECASE,
)
_CHAPTER = re.compile(
    r"(?:les dispositions[^.]*?|\ble )chapitres?\s+(?P<ch>[IVXL]+)\b[^.]*?"
    r"(?:sont|est) (?:désormais |ainsi )?(?:abrogée?s? et )?(?P<verb>remplacée?s?|réécrite?s?|modifiée?s?|rédigée?s?)",
    re.IGNORECASE,
)
NO_WORDING = re.compile(
    r"^\(?\s*voir (?:cet|ces|ce|l')\s*(?:articles?|tableau|chapitre|dispositions)\s*\)?\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Instruction:
    """One amending instruction read from a formula."""

    kind: str
    nums: tuple[str, ...] = ()
    title: str | None = None
    position: int | None = None  # alinéa position; -1 = last
    old: str | None = None
    new: str | None = None
    anchor_after: str | None = None
    anchor_before: str | None = None
    renumber: tuple[tuple[str, str], ...] = ()
    chapter: str | None = None
    sub: str | None = None  # lettered paragraph (a, b ...) named by the formula
    takes_text: bool = False
    confidence: float = 0.9


def fold(text: str) -> str:
    """Fold apostrophes and odd spaces, so formulas read the same from PDF and export."""
    return re.sub(r"[\u00a0\u202f\u2002\u2003\u2005\u2009]", " ", text.replace("\u2019", "'"))


def clean_num(num: str) -> str:
    """'2. 7. 2' -> '2.7.2'.

    >>> clean_num("2. 7. 2.")
    '2.7.2'
    """
    return re.sub(r"\s+", "", num).rstrip(".")


def ordinal(word: str | None) -> int | None:
    """'2e' -> 2, 'deuxième' -> 2, 'dernier' -> -1."""
    if not word:
        return None
    w = word.lower()
    if w in _ORDINALS:
        return _ORDINALS[w]
    m = re.match(r"(\d+)", w)
    return int(m[1]) if m else None


def _rewrite(m: re.Match[str]) -> Instruction:
    verb, rest = m["verb"].lower(), m["rest"]
    num = clean_num(m[1])
    sub = m["sub"] or m["sub2"]
    position = ordinal(m["ord2"]) if m["ord2"] else None
    if verb.startswith(("supprim", "abrog")) and not re.search(r"\bremplac|\bréécri", rest):
        return Instruction("repeal-article", (num,), m["title"], confidence=0.9)
    if verb.startswith("complét"):
        pos = re.search(r"par un (\d+)e (?:paragraphe|alinéa)", rest)
        return Instruction(
            "insert-alinea",
            (num,),
            m["title"],
            position=int(pos[1]) if pos else None,
            sub=sub,
            takes_text=True,
            confidence=0.7 if sub else 0.8,
        )
    if position:
        return Instruction(
            "replace-alinea", (num,), m["title"], position=position, takes_text=True, confidence=0.7
        )
    conf = 0.9 if verb.startswith(("remplac", "réécri", "rédig")) else 0.75
    title = m["title"] or m["bare"]
    return Instruction(
        "replace-article",
        (num,),
        title,
        sub=sub,
        takes_text=True,
        confidence=conf if not sub else 0.6,
    )


def _words(text: str) -> Instruction | None:
    ctx = _WORDS_CONTEXT.search(text)
    nums = (clean_num(ctx[2]),) if ctx else ()
    pos = ordinal(ctx["ord"]) if ctx else None
    conf = 0.85 if nums else 0.4
    if m := _REPLACE_WORDS.search(text):
        return Instruction(
            "replace-words", nums, position=pos, old=m["old"], new=m["new"], confidence=conf
        )
    if m := _DELETE_WORDS.search(text):
        return Instruction("delete-words", nums, position=pos, old=m["old"], confidence=conf)
    if m := _INSERT_WORDS.search(text):
        after = m["side"].lower() == "après"
        return Instruction(
            "insert-words",
            nums,
            position=pos,
            new=m["new"],
            confidence=conf,
            anchor_after=m["anchor"] if after else None,
            anchor_before=None if after else m["anchor"],
        )
    return None


def _split_num(num: str) -> tuple[str, int]:
    head, _, last = num.rpartition(".")
    return head, int(last) if last.isdigit() else 0


def _renumber(text: str) -> Instruction | None:
    if m := _RENUMBER_RANGE.search(text):
        a, b, c, d = (clean_num(x) for x in m.groups())
        (ha, na), (hb, nb), (hc, nc), (hd, nd) = map(_split_num, (a, b, c, d))
        if ha == hb and hc == hd and nb - na == nd - nc and nb >= na:
            pairs = tuple(
                (f"{ha}.{na + k}" if ha else str(na + k), f"{hc}.{nc + k}" if hc else str(nc + k))
                for k in range(nb - na + 1)
            )
            return Instruction(
                "renumber-article", tuple(p[0] for p in pairs), renumber=pairs, confidence=0.85
            )
    if m := _RENUMBER_ONE.search(text):
        a, b = clean_num(m[1]), clean_num(m[3])
        return Instruction(
            "renumber-article", (a,), m["title"], renumber=((a, b),), confidence=0.85
        )
    return None


_SENTENCE = re.compile(  # 004 l.10031: « La première phrase de cet article est réécrite comme suit : « ... » »
    r"^(?:la|le) (?P<ord>première|dernière) phrase de (?:cet article|l'article " + NUM + r")"
    r"\s+est\s+(?:réécrite|remplacée|rédigée|modifiée)\s+(?:comme suit|ainsi)\s*:\s*«\s*(?P<new>.+?)\s*»\s*\.?$",
    re.IGNORECASE,
)


def read_formula(text: str) -> Instruction | None:
    """The instruction of one sentence or paragraph, or None if it holds no known formula."""
    t = fold(text).strip()
    if m := _SENTENCE.match(t):  # no nums = « cet article »: the act's own heading names it
        return Instruction(
            "replace-sentence",
            (clean_num(m[2]),) if m[2] else (),
            position=1 if m["ord"].lower() == "première" else -1,
            new=m["new"],
            confidence=0.7,
        )
    if m := _ALINEA.match(t):
        pos = ordinal(m["ord"])
        verb = m["verb"].lower()
        kind = "delete-alinea" if verb.startswith(("supprim", "abrog")) else "replace-alinea"
        return Instruction(
            kind,
            (clean_num(m[2]),),
            m["title"],
            position=pos,
            takes_text=kind == "replace-alinea",
            confidence=0.85,
        )
    if m := _ALINEA_N.match(t):
        verb = m["verb"].lower()
        replaced = re.search(r"\bremplac", m["rest"]) or not verb.startswith(("supprim", "abrog"))
        kind = "replace-alinea" if replaced else "delete-alinea"
        return Instruction(
            kind,
            (clean_num(m[2]),),
            m["title"],
            position=int(m["pos"]),
            sub=m["sub"],
            takes_text=kind == "replace-alinea",
            confidence=0.8,
        )
    if m := _ADD_ALINEA_N.match(t):
        return Instruction("insert-alinea", (clean_num(m[2]),), takes_text=True, confidence=0.75)
    if m := _AFTER_ALINEA.match(t):
        pos = ordinal(m["ord"])
        return Instruction(
            "insert-alinea",
            (clean_num(m[2]),),
            position=(pos + 1) if pos and pos > 0 else None,
            takes_text=True,
            confidence=0.75,
        )
    if m := _INSERT.match(t):
        return Instruction(
            "insert-article", (clean_num(m[1]),), m["title"], takes_text=True, confidence=0.85
        )
    if m := _ADD_ALINEA.match(t):
        return Instruction(
            "insert-alinea", (clean_num(m[1]),), m["title"], takes_text=True, confidence=0.8
        )
    if w := _words(t):
        return w
    if r := _renumber(t):
        return r
    if m := _REPEAL_PAIR.match(t):
        return Instruction("repeal-article", (clean_num(m[1]), clean_num(m[2])), confidence=0.75)
    if m := _REPEAL_MANY.match(t):
        nums = [m[1], *re.findall(NUM, m[2] or ""), m[m.lastindex or 0]]
        return Instruction("repeal-article", tuple(clean_num(n) for n in nums if n), confidence=0.8)
    if m := _REWRITE.match(t):
        return _rewrite(m)
    if m := _CHAPTER.search(t):
        repealed = bool(re.search(r"abrog", m[0], re.IGNORECASE))
        return Instruction(
            "rewrite-chapter",
            chapter=m["ch"],
            sub="abroge" if repealed else None,
            takes_text=True,
            confidence=0.5,
        )
    return None
