"""Every id of the corpus is declared once, and no two ids share a page file or an HTML anchor.

An act's body creates its articles and sections; insert operations create the others. An id
declared twice (in one body, in two acts, or by a body and an operation) would let one text
silently stand for another, so it is an error, as is a pair of ids that differ only in what the
site's file names and anchors normalise away (`rt:1` and `rt-1`, `A1` and `a1`).
"""

from __future__ import annotations

from collections.abc import Iterator

from consolidator.errors import Diagnostic
from consolidator.model import ArticleDef, Corpus, Location, OpKind, SectionDef
from consolidator.render.filters import slug  # the normalisation of page files and anchors

CREATING = (OpKind.INSERT_ARTICLE, OpKind.INSERT_SECTION)


def _body_ids(items: tuple[SectionDef | ArticleDef, ...]) -> Iterator[tuple[str, Location]]:
    for item in items:
        yield item.id, item.location
        if isinstance(item, SectionDef):
            yield from _body_ids(item.children)


def declared_ids(corpus: Corpus) -> Iterator[tuple[str, Location, str]]:
    """(id, where, which act) for every text, article and section id the corpus creates."""
    for act in sorted(corpus.acts.values(), key=lambda a: (a.signed, a.id)):
        if act.body:
            yield act.id, act.location, act.id
        for ident, loc in _body_ids(act.body):
            yield ident, loc, act.id
        for op in act.ops:
            if op.kind in CREATING and op.new_id:
                yield op.new_id, op.location, act.id


def _sibling_numbers(
    items: tuple[SectionDef | ArticleDef, ...], act: str, out: list[Diagnostic]
) -> None:
    seen: dict[str, ArticleDef] = {}
    for item in items:
        if isinstance(item, SectionDef):
            _sibling_numbers(item.children, act, out)
            continue
        key = " ".join((item.num or "").split()).casefold()
        if not key:
            continue
        if key in seen:
            out.append(
                Diagnostic(
                    f"article number {item.num!r} is borne twice in one section "
                    f"({seen[key].id!r} at {seen[key].location}, and {item.id!r})",
                    item.location.file,
                    item.location.line,
                    act=act,
                    target=item.id,
                    hint="check the numbers against the source: « article N » would name either",
                )
            )
        else:
            seen[key] = item


def check_numbers(corpus: Corpus) -> list[Diagnostic]:
    """Two sibling articles of one act's body bearing one number."""
    out: list[Diagnostic] = []
    for act in corpus.acts.values():
        _sibling_numbers(act.body, act.id, out)
    return out


def check_ids(corpus: Corpus) -> list[Diagnostic]:
    """Ids declared twice, and distinct ids that collide once normalised for the site."""
    out: list[Diagnostic] = check_numbers(corpus)
    first: dict[str, tuple[Location, str]] = {}
    by_key: dict[str, str] = {}
    for ident, loc, act in declared_ids(corpus):
        if ident in first:
            if first[ident][0] == loc:
                continue  # an act's own id, seen as the root of its body
            out.append(
                Diagnostic(
                    f"id {ident!r} is declared twice (first in {first[ident][0]})",
                    loc.file,
                    loc.line,
                    act=act,
                    target=ident,
                    hint="give each article and section its own id; an amendment changes an "
                    "existing article by an operation, never by reusing its id",
                )
            )
            continue
        first[ident] = (loc, act)
        key = slug(ident).casefold()
        if key in by_key:
            other = by_key[key]
            out.append(
                Diagnostic(
                    f"id {ident!r} and id {other!r} (in {first[other][0]}) would share one page "
                    f"file and one HTML anchor ({key!r})",
                    loc.file,
                    loc.line,
                    act=act,
                    target=ident,
                    hint="ids must differ by more than case, or than ':' or a space versus '-'",
                )
            )
        else:
            by_key[key] = ident
    return out
