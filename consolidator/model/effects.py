"""Date-of-effect rules of an act: a fixed date, the signature, or the extension's publication."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RuleKind(StrEnum):
    FIXED = "fixed"
    SIGNATURE = "at-signature"
    EXTENSION = "on-extension"


class ExtensionRule(StrEnum):
    """When an event tied to the arrêté d'extension happens, relative to its JO publication."""

    PUBLICATION = "publication"
    LENDEMAIN = "lendemain-publication"
    MOIS_SUIVANT = "1er-mois-suivant"
    TRIMESTRE_SUIVANT = "1er-trimestre-suivant"
    JANVIER_SUIVANT = "1er-janvier-suivant"


@dataclass(frozen=True)
class EffectCondition:
    """What an act's entry into force depends on, as its own words state it, when the sources do
    not say when that happened (an agrément, an allocation of credits: D-407)."""

    text: str  # reader-facing French: « effet sous réserve de l'agrément … »
    src: str  # the seed lines (004) that state it
    earliest: bool = False  # the rule's date is a lower bound (« au 1er janvier 2022 », suspended)


@dataclass(frozen=True)
class EffectRule:
    """A date-of-effect rule: fixed date, at signature (+ offset), or tied to the extension."""

    kind: RuleKind
    date: date | None = None
    offset_days: int = 0
    arrete: str | None = None
    extension_rule: ExtensionRule | None = None
    approximate: bool = False
    decision: str | None = None
    notes: tuple[str, ...] = ()
    provisions: str | None = None  # « de l'article 1er »: the provisions a keyed rule governs
    condition: EffectCondition | None = None

    def describe(self) -> str:
        if self.kind is RuleKind.FIXED:
            from consolidator.dates import format_french

            return f"date fixe ({format_french(self.date)})" if self.date else "date fixe"
        if self.kind is RuleKind.SIGNATURE:
            return "à la signature" if not self.offset_days else f"signature + {self.offset_days} j"
        rule = self.extension_rule.value if self.extension_rule else "?"
        return f"liée à l’extension ({rule})"
