"""Frozen dataclasses and enums of the domain: acts, operations, arrêtés, versions, states."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum

from consolidator.model.effects import (  # noqa: F401  (re-exported)
    EffectCondition,
    EffectRule,
    ExtensionRule,
    RuleKind,
)
from consolidator.model.operations import (  # noqa: F401  (re-exported)
    OP_CLASSES,
    DeleteAlinea,
    DeleteWords,
    InsertAlinea,
    InsertArticle,
    InsertSection,
    InsertWords,
    MoveArticle,
    MoveSection,
    Occurrence,
    Op,
    Operation,
    OpKind,
    Placement,
    RenumberArticle,
    RenumberSection,
    RepealArticle,
    RepealSection,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
    Where,
)
from consolidator.model.salaries import AnnualMinimum, Rmag, SalaryGrid  # noqa: F401  (re-exported)
from consolidator.model.text import Evidence, Location, Para, Quote  # noqa: F401

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

    @property
    def short(self) -> str:
        """The state in a few words, as on a badge or in a changelog line.

        >>> State.NON_ETENDU.short, State.A_VENIR.short
        ('non étendu', 'pas encore en vigueur')
        """
        return _SHORT[self]


_SHORT = {
    State.ETENDU: "étendu",
    State.NON_ETENDU: "non étendu",
    State.EN_VIGUEUR: "en vigueur",
    State.A_VENIR: "pas encore en vigueur",
    State.REMPLACE: "remplacé",
    State.ABROGE: "abrogé",
    State.PERIME: "périmé",
    State.DENONCE: "dénoncé",
}


class View(StrEnum):
    """Whose text: the members of the signatory organisations, or every employer of the branch."""

    ADHERENT = "adherent"  # every text in force
    BRANCHE = "branche"  # only what the arrêtés d'extension made binding on the whole branch

    @property
    def label(self) -> str:
        """The view's name as a reader reads it.

        >>> View.ADHERENT.label
        'adhérent'
        """
        return "adhérent" if self is View.ADHERENT else "branche"


class ActKind(StrEnum):
    CONVENTION = "convention"
    ANNEXE = "annexe"
    AVENANT = "avenant"
    ACCORD = "accord"
    SALAIRES = "salaires"
    ADHESION = "adhesion"


class ActLevel(StrEnum):
    BRANCHE = "branche"
    ENTREPRISE = "entreprise"  # a company's text filed with the branch's: not consolidated


@dataclass(frozen=True)
class SourceRef:
    """A passage of a source document (seed) that a corpus element transcribes."""

    file: str
    lines: str | None = None


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
class Nota:
    """A « Nota » Legifrance prints on an article (e.g. made impérative by a later accord)."""

    target: str
    paragraphs: tuple[str, ...]
    src: str
    decision: str | None = (
        None  # set: our inference shown to readers (<inferred>), not Legifrance's
    )
    shown_from: date | None = None  # an inference true only from that day (a term reached)

    @property
    def text(self) -> str:
        """The whole nota, its paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def label(self) -> str:
        """« Nota » (Legifrance's words) or « Note déduite (D-416) » (ours, inferred)."""
        return f"Note déduite ({self.decision})" if self.decision else "Nota"


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
    level: ActLevel = ActLevel.BRANCHE
    employer: str | None = None  # level entreprise: the employer whose agreement it is (D-413)
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


class RestrictionKind(StrEnum):
    EXCLUSION = "exclusion"  # words, alinéas or an article left out of the extension
    RESERVE = "reserve"  # extended subject to a statute (« sous réserve de ... »)
    SCOPE = "scope"  # employers left out of the extension's field


@dataclass(frozen=True)
class Restriction:
    """An exclusion, a reservation or a scope exclusion stated by an arrêté d'extension."""

    kind: RestrictionKind
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
    bears: str | None = None  # "article" / "text": the arrêté's words restrict the whole of it


@dataclass(frozen=True)
class Extension:
    """An arrêté's extension of one act, with its restrictions."""

    arrete: str
    act: str
    effective_rule: ExtensionRule = ExtensionRule.PUBLICATION
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
    classes: tuple[str, ...] = ()  # the classification's classes, in the order of salary grids


@dataclass(frozen=True)
class Corpus:
    """Everything loaded from a corpus folder (salary grids by date of effect)."""

    root: str
    convention: Convention
    acts: dict[str, Act]
    arretes: dict[str, Arrete]
    grids: tuple[SalaryGrid, ...] = ()
    known_at: date | None = None  # set on a corpus cut down to what could be known on that day


class EndReason(Enum):
    REPLACED = "remplacé"
    REPEALED = "abrogé"
    LAPSED = "périmé"
    DENOUNCED = "dénoncé"

    @property
    def state(self) -> State:
        """The state of a version that ended for this reason.

        >>> EndReason.LAPSED.state
        <State.PERIME: 'périmé'>
        """
        return {
            EndReason.REPLACED: State.REMPLACE,
            EndReason.REPEALED: State.ABROGE,
            EndReason.LAPSED: State.PERIME,
            EndReason.DENOUNCED: State.DENONCE,
        }[self]


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
    """One wording of an article over [since, until), with the act and operations behind it.

    Its place in the tree (section path) is not part of the wording: it is held once, by the
    dated structure of the index (`VersionIndex.entry_at`).
    """

    article: str
    text_id: str
    num: str | None
    title: str | None
    fragments: tuple[Fragment, ...]
    since: date
    until: date | None
    act: str
    ops: tuple[Operation, ...]  # the operations that wrote this wording; (): the act's body
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
