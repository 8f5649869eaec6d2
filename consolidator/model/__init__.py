"""Frozen dataclasses and enums of the domain: acts, operations, arrêtés, versions, states."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum

Day = date  # an alias for annotations in classes that have a field named `date`

# what every output says of an article the sources prove existed without giving its wording
WORDING_UNKNOWN = "texte non disponible dans les sources"


class State(StrEnum):
    """The state of a version on a date, in Legifrance's words."""

    ETENDU = "en vigueur étendue"
    NON_ETENDU = "en vigueur non-étendue"
    EN_VIGUEUR = "en vigueur"
    A_VENIR = "signé, pas encore en vigueur"
    REMPLACE = "remplacé"
    ABROGE = "abrogé"
    PERIME = "périmé"
    DENONCE = "dénoncé"

    @property
    def in_force(self) -> bool:
        return self in (State.ETENDU, State.NON_ETENDU, State.EN_VIGUEUR)


class ActKind(StrEnum):
    CONVENTION = "convention"
    ANNEXE = "annexe"
    AVENANT = "avenant"
    ACCORD = "accord"
    SALAIRES = "salaires"
    ADHESION = "adhesion"


class OpKind(StrEnum):
    INSERT_ARTICLE = "insert-article"
    REPLACE_ARTICLE = "replace-article"
    REPEAL_ARTICLE = "repeal-article"
    RENUMBER_ARTICLE = "renumber-article"
    MOVE_ARTICLE = "move-article"
    INSERT_SECTION = "insert-section"
    REPEAL_SECTION = "repeal-section"
    RENUMBER_SECTION = "renumber-section"
    MOVE_SECTION = "move-section"
    INSERT_ALINEA = "insert-alinea"
    REPLACE_ALINEA = "replace-alinea"
    DELETE_ALINEA = "delete-alinea"
    REPLACE_WORDS = "replace-words"
    INSERT_WORDS = "insert-words"
    DELETE_WORDS = "delete-words"

    @property
    def on_section(self) -> bool:
        return self.value.endswith("-section")


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
class Location:
    """Where a corpus element is written: file and line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class SourceRef:
    """A passage of a source document (seed) that a corpus element transcribes."""

    file: str
    lines: str | None = None


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

    def describe(self) -> str:
        if self.kind is RuleKind.FIXED:
            from consolidator.dates import format_french

            return f"date fixe ({format_french(self.date)})" if self.date else "date fixe"
        if self.kind is RuleKind.SIGNATURE:
            return "à la signature" if not self.offset_days else f"signature + {self.offset_days} j"
        rule = self.extension_rule.value if self.extension_rule else "?"
        return f"liée à l'extension ({rule})"


@dataclass(frozen=True)
class Para:
    """An alinéa as written, or a table row (then `cells` holds (column, value) pairs)."""

    text: str
    cells: tuple[tuple[str, str], ...] = ()

    @staticmethod
    def row(cells: tuple[tuple[str, str], ...]) -> Para:
        return Para(" — ".join(v for _, v in cells if v), cells)


@dataclass(frozen=True)
class Evidence:
    """A passage of the seed proving that an article existed, where the sources lack its wording."""

    src: str  # lines of 004
    text: str


@dataclass(frozen=True)
class ArticleDef:
    """An article as written in an act's own body (as signed); `evidence` when its wording is
    not in the sources (then it has no paragraphs)."""

    id: str
    num: str | None
    title: str | None
    paragraphs: tuple[Para, ...]
    location: Location
    src: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class SectionDef:
    """A section (chapter, titre ...) of an act's own body."""

    id: str
    num: str | None
    title: str
    children: tuple[SectionDef | ArticleDef, ...]
    location: Location


@dataclass(frozen=True)
class Operation:
    """One amendment operation with its guard, placement and optional own date rule."""

    kind: OpKind
    act: str
    index: int
    location: Location
    target: str | None = None
    new_id: str | None = None
    num: str | None = None
    title: str | None = None
    parent: str | None = None
    from_parent: str | None = None
    after: str | None = None
    before: str | None = None
    position: str | None = None
    expect: str | None = None
    expect_num: str | None = None
    alinea: int | None = None
    occurrence: str = "1"
    old: str | None = None
    new: str | None = None
    anchor_after: str | None = None
    anchor_before: str | None = None
    paragraphs: tuple[Para, ...] = ()
    effect: str | None = None
    src: str | None = None
    decision: str | None = None
    evidence: tuple[Evidence, ...] = ()  # insert-article of an article whose wording is unknown

    @property
    def uid(self) -> str:
        return f"{self.act}#{self.index}"

    @property
    def subject(self) -> str:
        """The unit the operation creates or changes."""
        return self.new_id or self.target or ""


@dataclass(frozen=True)
class Nota:
    """A « Nota » Legifrance prints on an article (e.g. made impérative by a later accord)."""

    target: str
    text: str
    src: str


@dataclass(frozen=True)
class Act:
    """A legal text of the convention: the base text, an annexe, an avenant, an accord ..."""

    id: str
    kind: ActKind
    title: str
    signed: date
    effects: dict[str | None, EffectRule]
    location: Location
    number: str | None = None
    short: str | None = None
    prefix: str | None = None
    level: str = "branche"  # "entreprise": a company-level text, kept out of the consolidated text
    signed_approximate: bool = False
    extensible: bool = True
    term: date | None = None
    denonce: date | None = None
    body: tuple[SectionDef | ArticleDef, ...] = ()
    ops: tuple[Operation, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()
    notas: tuple[Nota, ...] = ()

    @property
    def label(self) -> str:
        """How a lawyer names the act: « avenant n° 13 du 18 mars 2009 »."""
        return self.short or self.title


@dataclass(frozen=True)
class Restriction:
    """An exclusion, a reservation or a scope exclusion stated by an arrêté d'extension."""

    kind: str  # "exclusion" | "reserve" | "scope"
    text: str
    arrete: str
    act: str
    target: str | None = None
    alinea: int | None = None
    words: str | None = None
    occurrence: str = "all"
    src: str | None = None
    answered_by: str | None = None  # a reservation answered by a later act (no longer binds)
    decision: str | None = None


@dataclass(frozen=True)
class Extension:
    """An arrêté's extension of one act, with its restrictions."""

    arrete: str
    act: str
    effective_rule: str = "publication"
    effective: date | None = None
    restrictions: tuple[Restriction, ...] = ()
    named: str | None = None  # the arrêté's words designating the extended text


@dataclass(frozen=True)
class Arrete:
    """An arrêté d'extension: its date, its JO publication and what it extends."""

    id: str
    date: Day
    jo: Day | None
    title: str
    extends: tuple[Extension, ...]
    location: Location
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()  # decision ids of its notes (D-007 ...)

    @property
    def label(self) -> str:
        """« arrêté du 23 décembre 2010 »."""
        from consolidator.dates import format_french

        return f"arrêté du {format_french(self.date)}"


@dataclass(frozen=True)
class Convention:
    """The convention's metadata."""

    idcc: str
    title: str
    base: str
    container: str | None = None
    short: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Corpus:
    """Everything loaded from a corpus folder."""

    root: str
    convention: Convention
    acts: dict[str, Act]
    arretes: dict[str, Arrete]


class EndReason(Enum):
    REPLACED = "remplacé"
    REPEALED = "abrogé"
    LAPSED = "périmé"
    DENOUNCED = "dénoncé"


@dataclass(frozen=True)
class Fragment:
    """One alinéa of a version, with the act that wrote it and those that amended it."""

    uid: str
    text: str
    act: str
    amended_by: tuple[str, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Version:
    """One wording of an article over [since, until), with the act and operations behind it."""

    article: str
    text_id: str
    num: str | None
    title: str | None
    path: tuple[str, ...]
    fragments: tuple[Fragment, ...]
    since: date
    until: date | None
    act: str
    ops: tuple[str, ...]
    lineage: int
    end: EndReason | None = None
    ended_by: str | None = None
    evidence: tuple[Evidence, ...] = ()  # the wording is not in the sources: what proves it existed

    @property
    def wording_known(self) -> bool:
        """False for an article the sources prove existed without giving its wording."""
        return not self.evidence

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.fragments)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def covers(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)
