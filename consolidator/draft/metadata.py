"""Metadata of an amending act read from its own words: number, title, dates, effect rules.

>>> effect_rule("Le présent avenant prend effet au jour de sa signature.").kind
<RuleKind.SIGNATURE: 'at-signature'>
>>> effect_rule("entrera en vigueur au lendemain de la publication de l'arrêté d'extension").rule
<ExtensionRule.LENDEMAIN: 'lendemain-publication'>
>>> effect_rule("Le présent avenant prend effet au 1er janvier 2004.").date
datetime.date(2004, 1, 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from consolidator.dates import parse_french
from consolidator.draft.pdftext import Block
from consolidator.model import ExtensionRule, RuleKind

_DATE = r"(\d{1,2}(?:er)?\s+[a-zéûè]+\s+\d{4})"
_NUMBER = re.compile(r"\bavenant\s+n\s*°\s*(\d+)", re.IGNORECASE)
_SIGNED = (
    re.compile(r"\bfait\s+à\s+[^,]+,\s+le\s+" + _DATE, re.IGNORECASE),
    re.compile(r"\blors de la (?:CPPNI|commission paritaire[^,]*?) du\s+" + _DATE, re.IGNORECASE),
    # « signé le » only when the act says it of itself: « l'accord GPEC signé le 15 juillet
    # 2009 » (004 l.7203) names another text
    re.compile(
        r"\bprésent(?:e)?\s+(?:avenant|accord)\b[^.]{0,80}?\bsigné(?:e)?\s+le\s+" + _DATE,
        re.IGNORECASE,
    ),
)
_EFFECT_WORDS = re.compile(
    r"prend(?:ra)? effet|prendront effet|entre(?:ra|nt|ront)? en vigueur|est applicable à compter"
    r"|s'applique(?:ra)? à compter|sont applicables à compter",
    re.IGNORECASE,
)
_EXTENSION = re.compile(
    r"arrêté d'extension|publication (?:de|du) (?:son |l')?arrêté", re.IGNORECASE
)
_EXCEPT = re.compile(
    r"à l'exception (?:de l'article|des dispositions de l'article) (?P<num>\d+(?:\.\d+)*)",
    re.IGNORECASE,
)
_ARTICLE_SCOPE = re.compile(
    r"(?:les dispositions de )?l'article (?P<num>\d+(?:\.\d+)*|1er)\s+(?:du présent avenant\s+)?"
    r"(?:entrent|entre|entrera|entreront|prennent|prend) ",
    re.IGNORECASE,
)
_INDETERMINEE = re.compile(r"durée indéterminée", re.IGNORECASE)
_TERM = re.compile(
    r"durée déterminée.*?(?:jusqu'au|prendra fin le|expire le)\s+" + _DATE, re.IGNORECASE
)


@dataclass(frozen=True)
class Rule:
    """A date-of-effect rule found in the text, with the words it was read from."""

    kind: RuleKind
    quote: str
    line: int
    date: date | None = None
    rule: ExtensionRule | None = None  # when tied to the extension
    scope: str | None = None  # article number of the act (or of the convention) it is limited to
    convention_article: bool = False  # scope names an article of the convention, not of the act


@dataclass(frozen=True)
class Metadata:
    """What the act says about itself."""

    title: str
    number: str | None
    signed: date | None
    signed_quote: str | None
    rules: tuple[Rule, ...]
    term: date | None
    indeterminate: bool
    signatories: tuple[str, ...]


def _fold(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u00a0", " ")


def extension_rule(text: str) -> str | None:
    """The extension rule named by a sentence, if any.

    >>> extension_rule("au premier jour suivant la date de publication de son arrêté d'extension")
    'lendemain-publication'
    >>> extension_rule("le 1er janvier de l'année suivant la publication de l'arrêté d'extension")
    '1er-janvier-suivant'
    """
    t = _fold(text).lower()
    if not _EXTENSION.search(t):
        return None
    if re.search(r"1er janvier|premier janvier", t):
        return "1er-janvier-suivant"
    if re.search(r"trimestre", t):
        return "1er-trimestre-suivant"
    if re.search(r"(?:1er|premier) (?:jour du )?mois (?:civil )?(?:suivant|qui suit)", t):
        return "1er-mois-suivant"
    if re.search(r"lendemain|premier jour suivant|1er jour suivant|jour suivant", t):
        return "lendemain-publication"
    return "publication"


def effect_rule(sentence: str, line: int = 0) -> Rule | None:
    """Read one date-of-effect clause."""
    text = _fold(sentence)
    rule = extension_rule(text)
    if rule:
        return Rule(RuleKind.EXTENSION, sentence, line, rule=ExtensionRule(rule))
    if re.search(
        r"(?:jour|date) de (?:sa|leur) signature|dès sa signature|à sa signature", text, re.I
    ):
        return Rule(RuleKind.SIGNATURE, sentence, line)
    m = re.search(r"(?:au|à compter du|le|du|à partir du)\s+" + _DATE, text, re.IGNORECASE)
    if m:
        try:
            return Rule(RuleKind.FIXED, sentence, line, date=parse_french(m[1]))
        except ValueError:
            return None
    return None


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-ZÀÉ])", text) if s]


def _rules_in(block: Block) -> list[Rule]:
    out: list[Rule] = []
    for sentence in _sentences(_fold(block.text)):
        if not _EFFECT_WORDS.search(sentence):
            continue
        exc = _EXCEPT.search(sentence)
        if exc:
            head, tail = sentence[: exc.start()], sentence[exc.end() :]
            general = effect_rule(head, block.start)
            special = effect_rule(tail, block.start)
            if general:
                out.append(general)
            if special:
                out.append(
                    Rule(
                        **{
                            **special.__dict__,
                            "quote": sentence,
                            "scope": exc["num"],
                            "convention_article": True,
                        }
                    )
                )
            continue
        rule = effect_rule(sentence, block.start)
        if rule is None:
            continue
        scope = _ARTICLE_SCOPE.search(sentence)
        if scope and not re.search(r"présent (?:avenant|accord)", sentence[: scope.start()], re.I):
            num = "1" if scope["num"].lower() == "1er" else scope["num"]
            rule = Rule(**{**rule.__dict__, "scope": num})
        out.append(rule)
    return out


def signature(blocks: list[Block]) -> tuple[date | None, str | None]:
    """The signature date: « Fait à Paris, le ... », else the CPPNI date, else « signé le »."""
    for pattern in _SIGNED:
        for block in reversed(blocks):
            m = pattern.search(_fold(block.text))
            if m:
                try:
                    return parse_french(m[1]), f"{m[0]} (l.{block.start})"
                except ValueError:
                    continue
    return None, None


def _signatories(blocks: list[Block]) -> tuple[str, ...]:
    for i, block in enumerate(blocks):
        if re.match(r"^(?:Signataires?|Ont signé|Pour les organisations)", block.text, re.I):
            names = [b.text for b in blocks[i + 1 : i + 12] if len(b.text) < 120]
            return tuple(names)
    return ()


def read_metadata(blocks: list[Block], own: list[Block]) -> Metadata:
    """Metadata from all blocks; effect rules only from the act's own clauses (`own`)."""
    title = blocks[0].text if blocks else ""
    m = next((_NUMBER.search(b.text) for b in blocks[:3] if _NUMBER.search(b.text)), None)
    signed, quote = signature(blocks)
    rules = [r for b in own for r in _rules_in(b)]
    term = None
    for b in own:
        t = _TERM.search(_fold(b.text))
        if t:
            term = parse_french(t[1])
    return Metadata(
        title=title,
        number=m[1] if m else None,
        signed=signed,
        signed_quote=quote,
        rules=tuple(rules),
        term=term,
        indeterminate=any(_INDETERMINEE.search(b.text) for b in own),
        signatories=_signatories(blocks),
    )
