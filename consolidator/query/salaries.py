"""Salary agreements as data: valeur du point and RMAG per class in force on a date.

The grids are read and checked with the corpus (`corpus/salaries.py`); `render/salaries.py`
formats the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.errors import QueryError
from consolidator.french import euros
from consolidator.model import Act, Corpus, RestrictionKind, SalaryGrid, State
from consolidator.query.provenance import Provenance, jo_provenance


@dataclass(frozen=True)
class SalaryAnswer:
    """The grid in force on a date, the act behind it, its state and what the user must know."""

    at: date
    grid: SalaryGrid
    act: Act
    state: State | None
    extension: ExtensionEvent | None
    warnings: tuple[str, ...]
    undated: ExtensionEvent | None = None  # an arrêté signed by then whose JO date is unknown
    extension_words: str | None = (
        None  # « arrêté du 16 avril 2013 (JO du …, d'après …), à l'exclusion … »
    )
    published: Provenance | None = None  # the provenance of the arrêté's JO date
    scope_exclusion: str | None = None  # « organismes relevant … de la mutualité sociale agricole »


def _extension_words(
    corpus: Corpus, ext: ExtensionEvent
) -> tuple[str, Provenance | None, str | None]:
    """How the extension is said, with the JO date's provenance and the scope exclusion (004
    l.15438: « Accord étendu à l'exclusion des organismes relevant … (arrêté du 16 avril 2013) »)."""
    prov = jo_provenance(corpus, ext.arrete)
    caveat = f", {prov.caveat}" if prov and prov.caveat else ""
    jo = f" (JO du {format_french(ext.arrete.jo)}{caveat})" if ext.arrete.jo else ""
    scope = next(
        (r.text for r in ext.extension.restrictions if r.kind is RestrictionKind.SCOPE), None
    )
    outside = f", à l'exclusion des {scope}" if scope else ""
    return f"{ext.arrete.label}{jo}{outside}", prov, scope


def _extension(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    done = [e for e in index.extensions_of(act) if e.effective is not None and e.effective <= day]
    return done[-1] if done else None


def _undated(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    """An arrêté extending `act`, dated on or before `day`, whose JO publication is unknown."""
    found = [e for e in index.extensions_of(act) if e.effective is None and e.arrete.date <= day]
    return found[-1] if found else None


def _to(label: str) -> str:
    """« à l'accord … », « au protocole … »."""
    return f"à l'{label}" if label[:1].lower() in "aeiouyh" else f"au {label}"


def _warnings(
    grid: SalaryGrid, grids: tuple[SalaryGrid, ...], corpus: Corpus, day: date
) -> list[str]:
    out: list[str] = []
    if grid.cited:
        setter = corpus.acts[grid.of].label if grid.of else "un accord absent des sources"
        out.append(
            f"lacune : montants {grid.effective.year} fixés par {setter}, connus seulement par "
            f"la citation qu'en fait {corpus.acts[grid.act].label} ; date d'effet supposée "
            f"({format_french(grid.effective)}) ; valeur du point inconnue"
            + (f" (décision {grid.decision})" if grid.decision else "")
        )
        earlier = [g for g in grids if g.effective < grid.effective and g.point is not None]
        if earlier:
            last = earlier[-1]
            out.append(
                f"dernière valeur du point connue : {euros(last.point)} "  # type: ignore[arg-type]
                f"(depuis le {format_french(last.effective)}, {corpus.acts[last.act].label})"
            )
    if grid is grids[-1] and day.year > grid.effective.year:
        out.append(
            f"les accords salariaux postérieurs {_to(corpus.acts[grid.act].label)} manquent aux "
            f"sources : les montants de {grid.effective.year} ont pu être remplacés depuis"
        )
    return out


def salaries_at(index: VersionIndex, day: date) -> SalaryAnswer:
    """The salary grid in force on `day`, with its act, state and warnings (gaps, staleness)."""
    corpus = index.corpus
    grids = corpus.grids
    current = [g for g in grids if g.effective <= day]
    if not current:
        first = grids[0].effective if grids else None
        raise QueryError(
            f"aucune grille de salaires connue au {format_french(day)}",
            hint=f"la première grille des sources prend effet le {format_french(first)}"
            if first
            else None,
        )
    grid = current[-1]
    source = grid.of if grid.cited else grid.act
    extension = _extension(index, source, day) if source else None
    undated = _undated(index, source, day) if source and extension is None else None
    state = None if source is None else (State.ETENDU if extension else State.NON_ETENDU)
    words, prov, scope = _extension_words(corpus, extension) if extension else (None, None, None)
    return SalaryAnswer(
        day,
        grid,
        corpus.acts[grid.act],
        None if undated else state,
        extension,
        tuple(_warnings(grid, grids, corpus, day)),
        undated,
        words,
        prov,
        scope,
    )
