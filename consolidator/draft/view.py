"""The convention as in force on the draft's date: numbers to stable ids, current wording, parents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from consolidator.draft.formulas import clean_num
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import (
    ArticleDef,
    InsertArticle,
    InsertSection,
    MoveArticle,
    MoveSection,
    Operation,
    RenumberArticle,
    RepealArticle,
    SectionDef,
    Version,
)
from consolidator.normalize import normalize_text
from consolidator.query.snapshot import resolve_article, version_at
from consolidator.sources.legifrance.lines import strip_calls


def expect_of(text: str, limit: int = 60) -> str:
    """A short, literal guard taken from the start of a paragraph.

    >>> expect_of("Un crédit mensuel de 3 h 30 est accordé à tout délégué du personnel titulaire ayant")
    'Un crédit mensuel de 3 h 30 est accordé à tout délégué du'
    """
    text = strip_calls(text).strip()
    text = re.split(r"(?<=[a-zé])[.;:](?:\s|$)", text)[0].strip()
    if len(text) <= limit:
        return text.rstrip(" ,")
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,")


@dataclass
class ConventionView:
    """Read-only view of the base text of the convention on `day`."""

    index: VersionIndex
    day: date
    overlay: dict[str, str | None] = field(default_factory=dict)  # numbers changed by the draft

    def record(self, op: Operation, num: str | None) -> None:
        """Follow the draft's own renumbering, repeals and insertions (for later formulas);
        `num`: the article number the act names."""
        if isinstance(op, RenumberArticle):
            self.overlay.setdefault(op.from_num, None)
            self.overlay[op.to_num] = op.target
        elif isinstance(op, RepealArticle) and num:
            self.overlay[num] = None
        elif isinstance(op, InsertArticle) and op.num is not None:
            self.overlay[op.num] = op.id

    @property
    def base(self) -> str:
        return self.index.corpus.convention.base

    def resolve(self, num: str) -> str | None:
        """Stable id of the article numbered `num` in force on the day, or None."""
        if num in self.overlay:
            return self.overlay[num]
        try:
            ident = resolve_article(self.index, num, self.day)
        except QueryError:
            return None
        version = version_at(self.index, ident, self.day)
        if version is None or clean_num(version.num or "") != clean_num(num):
            return None  # numbered so only before or after the day
        return ident

    def version(self, ident: str) -> Version | None:
        if ident not in self.index.versions:
            return None
        return version_at(self.index, ident, self.day)

    def articles(self) -> list[Version]:
        """Every article of the base text in force on the day, in text order."""
        out = []
        for ident in self.order:
            v = self.version(ident)
            if v is not None and v.text_id == self.base:
                out.append(v)
        return out

    @cached_property
    def order(self) -> list[str]:
        from bisect import bisect_right

        dates = self.index.change_dates
        if not dates:
            return []
        i = max(bisect_right(dates, self.day) - 1, 0)
        return [e.article for e in self.index.structure_on(i).entries]

    @cached_property
    def parents(self) -> dict[str, str]:
        """Article id -> section id, from the base body and every insert/move operation."""
        out: dict[str, str] = {}

        def walk(items: tuple[SectionDef | ArticleDef, ...], parent: str) -> None:
            for item in items:
                if isinstance(item, SectionDef):
                    out[item.id] = parent
                    walk(item.children, item.id)
                else:
                    out[item.id] = parent

        for act in self.index.corpus.acts.values():
            walk(act.body, act.id)
        ops: list[Operation] = [op for act in self.index.corpus.acts.values() for op in act.ops]
        for op in ops:
            if isinstance(op, InsertArticle | InsertSection):
                out[op.id] = op.parent
        for op in ops:
            if isinstance(op, MoveArticle | MoveSection):
                out[op.target] = op.parent
        return out

    def section_ids(self) -> set[str]:
        return {v for v in self.parents.values()} | {k for k in self.parents if k.startswith("ch-")}

    def chapter_of(self, num: str) -> str | None:
        """Section id for the chapter of an article number: 9.5 -> ch-IX, if it exists."""
        head = num.split(".")[0]
        if not head.isdigit():
            return None
        ident = f"ch-{to_roman(int(head))}"
        return ident if ident in self.section_ids() else None

    def find_words(self, words: str) -> list[str]:
        """Articles in force whose text contains `words` (typography folded)."""
        needle = normalize_text(words)
        return [v.article for v in self.articles() if needle in normalize_text(v.text)]


def to_roman(n: int) -> str:
    """
    >>> to_roman(9), to_roman(14), to_roman(18)
    ('IX', 'XIV', 'XVIII')
    """
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out
