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

from consolidator.draft.patterns import (  # noqa: F401  (NUM, NO_WORDING, WORD_KINDS re-exported)
    ADD_ALINEA,
    ADD_ALINEA_N,
    AFTER_ALINEA,
    ALINEA,
    ALINEA_N,
    CHAPTER,
    DELETE_WORDS,
    INSERT,
    INSERT_WORDS,
    NO_WORDING,
    NUM,
    ORDINALS,
    RENUMBER_ONE,
    RENUMBER_RANGE,
    REPEAL_MANY,
    REPEAL_PAIR,
    REPLACE_WORDS,
    REWRITE,
    WORD_KINDS,
    WORDS_CONTEXT,
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
    if w in ORDINALS:
        return ORDINALS[w]
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
    ctx = WORDS_CONTEXT.search(text)
    nums = (clean_num(ctx[2]),) if ctx else ()
    pos = ordinal(ctx["ord"]) if ctx else None
    conf = 0.85 if nums else 0.4
    if m := REPLACE_WORDS.search(text):
        return Instruction(
            "replace-words", nums, position=pos, old=m["old"], new=m["new"], confidence=conf
        )
    if m := DELETE_WORDS.search(text):
        return Instruction("delete-words", nums, position=pos, old=m["old"], confidence=conf)
    if m := INSERT_WORDS.search(text):
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
    if m := RENUMBER_RANGE.search(text):
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
    if m := RENUMBER_ONE.search(text):
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


def _alineas(t: str) -> Instruction | None:
    """Formulas on alinéas: a sentence, the n-th alinéa rewritten, deleted or added."""
    if m := _SENTENCE.match(t):  # no nums = « cet article »: the act's own heading names it
        return Instruction(
            "replace-sentence",
            (clean_num(m[2]),) if m[2] else (),
            position=1 if m["ord"].lower() == "première" else -1,
            new=m["new"],
            confidence=0.7,
        )
    if m := ALINEA.match(t):
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
    if m := ALINEA_N.match(t):
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
    if m := ADD_ALINEA_N.match(t):
        return Instruction("insert-alinea", (clean_num(m[2]),), takes_text=True, confidence=0.75)
    if m := AFTER_ALINEA.match(t):
        pos = ordinal(m["ord"])
        return Instruction(
            "insert-alinea",
            (clean_num(m[2]),),
            position=(pos + 1) if pos and pos > 0 else None,
            takes_text=True,
            confidence=0.75,
        )
    return None


def read_formula(text: str) -> Instruction | None:
    """The instruction of one sentence or paragraph, or None if it holds no known formula."""
    t = fold(text).strip()
    if a := _alineas(t):
        return a
    if m := INSERT.match(t):
        return Instruction(
            "insert-article", (clean_num(m[1]),), m["title"], takes_text=True, confidence=0.85
        )
    if m := ADD_ALINEA.match(t):
        return Instruction(
            "insert-alinea", (clean_num(m[1]),), m["title"], takes_text=True, confidence=0.8
        )
    if w := _words(t):
        return w
    if r := _renumber(t):
        return r
    if m := REPEAL_PAIR.match(t):
        return Instruction("repeal-article", (clean_num(m[1]), clean_num(m[2])), confidence=0.75)
    if m := REPEAL_MANY.match(t):
        nums = [m[1], *re.findall(NUM, m[2] or ""), m[m.lastindex or 0]]
        return Instruction("repeal-article", tuple(clean_num(n) for n in nums if n), confidence=0.8)
    if m := REWRITE.match(t):
        return _rewrite(m)
    if m := CHAPTER.search(t):
        repealed = bool(re.search(r"abrog", m[0], re.IGNORECASE))
        return Instruction(
            "rewrite-chapter",
            chapter=m["ch"],
            sub="abroge" if repealed else None,
            takes_text=True,
            confidence=0.5,
        )
    return None
