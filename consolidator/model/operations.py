"""Amendment operations: one frozen dataclass per kind, each field meaning one thing.

Every operation has its act, its rank in the act (`index`, from 1), where it is written, and
optionally its own date-of-effect rule (`effect`), source lines (`src`) and decision id. The
XML element of each kind and its attributes are in corpus/schema/corpus.rng; `corpus/acts.py`
reads and writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Literal

from consolidator.model.text import Evidence, Location, Para, Quote


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


class Where(StrEnum):
    """Where an inserted or moved unit goes among its new parent's children."""

    AFTER = "after"  # right after the anchor
    BEFORE = "before"  # right before the anchor
    FIRST = "first"
    LAST = "last"


@dataclass(frozen=True)
class Placement:
    """A place among a parent's children: after or before a sibling (`anchor`), first or last."""

    where: Where = Where.LAST
    anchor: str | None = None


Occurrence = int | Literal["all"]
"""Which match of the words: the n-th (from 1), or every one."""


@dataclass(frozen=True, kw_only=True)
class Op:
    """What every operation has."""

    kind: ClassVar[OpKind]
    act: str
    index: int
    location: Location
    effect: str | None = None
    src: str | None = None
    decision: str | None = None

    @property
    def uid(self) -> str:
        return f"{self.act}#{self.index}"

    @property
    def subject(self) -> str:
        """The unit the operation creates or changes."""
        raise NotImplementedError

    @property
    def created(self) -> str | None:
        """The id of the unit the operation creates, if it creates one."""
        return None

    def refs(self) -> tuple[str, ...]:
        """The ids of existing units the operation names (target, parents, anchors)."""
        return (self.subject,)


@dataclass(frozen=True, kw_only=True)
class _Targeted(Op):
    """An operation on an existing unit (`target`)."""

    target: str

    @property
    def subject(self) -> str:
        return self.target


@dataclass(frozen=True, kw_only=True)
class _Insert(Op):
    """An operation creating a unit (`id`) under `parent`, at `place`."""

    id: str
    parent: str
    place: Placement
    num: str | None = None

    @property
    def subject(self) -> str:
        return self.id

    @property
    def created(self) -> str | None:
        return self.id

    def refs(self) -> tuple[str, ...]:
        return (self.parent, *([self.place.anchor] if self.place.anchor else []))


@dataclass(frozen=True, kw_only=True)
class _Move(_Targeted):
    """An operation moving its target from `from_parent` to `parent`, at `place`."""

    from_parent: str
    parent: str
    place: Placement

    def refs(self) -> tuple[str, ...]:
        anchor = [self.place.anchor] if self.place.anchor else []
        return (self.target, self.from_parent, self.parent, *anchor)


@dataclass(frozen=True, kw_only=True)
class _Renumber(_Targeted):
    """An operation changing its target's number from `from_num` to `to_num`."""

    from_num: str  # the guard: the number borne before
    to_num: str
    title: str | None = None  # a new title, when the act gives one


@dataclass(frozen=True, kw_only=True)
class InsertArticle(_Insert):
    """A new article."""

    kind: ClassVar[OpKind] = OpKind.INSERT_ARTICLE
    title: str | None = None
    paragraphs: tuple[Para, ...]  # () when the wording is not in the sources (then `evidence`)
    evidence: tuple[Evidence, ...] = ()  # what proves the article existed (wording="unknown")


@dataclass(frozen=True, kw_only=True)
class ReplaceArticle(_Targeted):
    """An article's whole wording replaced (`expect`: its wording before)."""

    kind: ClassVar[OpKind] = OpKind.REPLACE_ARTICLE
    expect: str
    paragraphs: tuple[Para, ...]  # () when the wording is not in the sources (then `evidence`)
    num: str | None = None  # a new number, when the new wording bears one
    title: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RepealArticle(_Targeted):
    """An article repealed."""

    kind: ClassVar[OpKind] = OpKind.REPEAL_ARTICLE
    expect: str


@dataclass(frozen=True, kw_only=True)
class RenumberArticle(_Renumber):
    """An article renumbered."""

    kind: ClassVar[OpKind] = OpKind.RENUMBER_ARTICLE


@dataclass(frozen=True, kw_only=True)
class MoveArticle(_Move):
    """An article moved to another section."""

    kind: ClassVar[OpKind] = OpKind.MOVE_ARTICLE


@dataclass(frozen=True, kw_only=True)
class InsertSection(_Insert):
    """A new section."""

    kind: ClassVar[OpKind] = OpKind.INSERT_SECTION
    title: str


@dataclass(frozen=True, kw_only=True)
class RepealSection(_Targeted):
    """A section repealed."""

    kind: ClassVar[OpKind] = OpKind.REPEAL_SECTION
    expect_title: str


@dataclass(frozen=True, kw_only=True)
class RenumberSection(_Renumber):
    """A section renumbered."""

    kind: ClassVar[OpKind] = OpKind.RENUMBER_SECTION


@dataclass(frozen=True, kw_only=True)
class MoveSection(_Move):
    """A section moved under another parent."""

    kind: ClassVar[OpKind] = OpKind.MOVE_SECTION


@dataclass(frozen=True, kw_only=True)
class InsertAlinea(_Targeted):
    """New alinéas in an article."""

    kind: ClassVar[OpKind] = OpKind.INSERT_ALINEA
    position: int | None  # the number the first new alinéa takes; None: after the last one
    paragraphs: tuple[Para, ...]


@dataclass(frozen=True, kw_only=True)
class _Quoted(_Targeted):
    """An operation rewriting part of an alinéa or a whole one: either the act quotes the new
    wording (`result`, which replaying must yield) or it does not (`unquoted`); neither when
    the file does not say (the corpus says it on every word operation)."""

    result: Quote | None = None
    unquoted: bool = False

    def __post_init__(self) -> None:
        if self.unquoted and self.result is not None:
            raise ValueError(f"{self.uid}: quoted (result) and unquoted at once")


@dataclass(frozen=True, kw_only=True)
class ReplaceAlinea(_Quoted):
    """One alinéa replaced."""

    kind: ClassVar[OpKind] = OpKind.REPLACE_ALINEA
    alinea: int
    expect: str
    paragraphs: tuple[Para, ...]


@dataclass(frozen=True, kw_only=True)
class DeleteAlinea(_Targeted):
    """One alinéa deleted."""

    kind: ClassVar[OpKind] = OpKind.DELETE_ALINEA
    alinea: int
    expect: str


@dataclass(frozen=True, kw_only=True)
class _Words(_Quoted):
    """An operation on words of an alinéa (`alinea`) or of the whole article."""

    alinea: int | None = None  # None: anywhere in the article
    occurrence: Occurrence = 1


@dataclass(frozen=True, kw_only=True)
class ReplaceWords(_Words):
    """Words replaced."""

    kind: ClassVar[OpKind] = OpKind.REPLACE_WORDS
    old: str
    new: str


@dataclass(frozen=True, kw_only=True)
class InsertWords(_Words):
    """Words inserted next to others (`anchor`)."""

    kind: ClassVar[OpKind] = OpKind.INSERT_WORDS
    anchor: str  # the words the new ones go next to
    before: bool = False  # True: before the anchor; False: after it
    new: str


@dataclass(frozen=True, kw_only=True)
class DeleteWords(_Words):
    """Words deleted."""

    kind: ClassVar[OpKind] = OpKind.DELETE_WORDS
    old: str


Operation = (
    InsertArticle
    | ReplaceArticle
    | RepealArticle
    | RenumberArticle
    | MoveArticle
    | InsertSection
    | RepealSection
    | RenumberSection
    | MoveSection
    | InsertAlinea
    | ReplaceAlinea
    | DeleteAlinea
    | ReplaceWords
    | InsertWords
    | DeleteWords
)

OP_CLASSES: dict[OpKind, type[Op]] = {
    cls.kind: cls
    for cls in (
        InsertArticle,
        ReplaceArticle,
        RepealArticle,
        RenumberArticle,
        MoveArticle,
        InsertSection,
        RepealSection,
        RenumberSection,
        MoveSection,
        InsertAlinea,
        ReplaceAlinea,
        DeleteAlinea,
        ReplaceWords,
        InsertWords,
        DeleteWords,
    )
}
