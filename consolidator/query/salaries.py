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
from consolidator.model import Act, Corpus, RestrictionKind, SalaryGrid, State, View
from consolidator.query.numbering import by


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
    view: View = View.ADHERENT
    # the grid still binding employers outside the signatory organisations, when this one is
    # not extended yet (adherent view): the latest earlier grid whose extension has taken effect
    non_adherents: SalaryGrid | None = None

    @property
    def scope_exclusions(self) -> tuple[str, ...]:
        """Who the arrêté leaves out of the extension (« organismes relevant … MSA »)."""
        ext = self.extension or self.undated
        if ext is None:
            return ()
        return tuple(r.text for r in ext.extension.restrictions if r.kind is RestrictionKind.SCOPE)


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
    label = by(corpus.acts[grid.act].label)
    if not grid.amounts_known:
        out.append(
            "montants non disponibles dans les sources, qui ne connaissent "
            f"{label} que par les textes qui le citent ou l'étendent"
            + (f" (décision {grid.decision})" if grid.decision else "")
        )
    later = [g for g in grids if grid.effective < g.effective <= day]
    if grid is not grids[-1] and not (later or grid.approximate) and day.year > grid.effective.year:
        out.append(
            f"aucun accord salarial prenant effet en {day.year} avant le {format_french(day)} "
            f"n'est dans les sources : les montants fixés par {label} ont pu être remplacés"
        )
    if grid is grids[-1] and day.year > grid.effective.year:
        out.append(
            f"les accords salariaux postérieurs {_to(corpus.acts[grid.act].label)} manquent aux "
            f"sources : les montants de {grid.effective.year} ont pu être remplacés depuis"
        )
    return out


def _source(grid: SalaryGrid) -> str | None:
    """The act that set the grid's amounts (for a cited grid, the act it quotes)."""
    return grid.of if grid.cited else grid.act


def _extended(index: VersionIndex, grid: SalaryGrid, day: date) -> bool:
    source = _source(grid)
    return source is not None and _extension(index, source, day) is not None


def salaries_at(index: VersionIndex, day: date, view: View = View.ADHERENT) -> SalaryAnswer:
    """The salary grid in force on `day`, with its act, state and warnings (gaps, staleness).

    In the branche view, the latest grid whose extension has taken effect: what binds every
    employer of the branch (a grid not yet extended binds the signatories' members only).
    """
    corpus = index.corpus
    grids = corpus.grids
    current = [g for g in grids if g.effective <= day]
    if view is View.BRANCHE:
        extended = [g for g in current if _extended(index, g, day)]
        if current and not extended:
            raise QueryError(
                f"aucune grille de salaires étendue au {format_french(day)}",
                hint="sans --view branche : la grille applicable aux adhérents des organisations "
                "signataires",
            )
        current = extended
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
    held = None
    if state is State.NON_ETENDU and undated is None:
        earlier = [g for g in current[:-1] if _extended(index, g, day)]
        held = earlier[-1] if earlier else None
    return SalaryAnswer(
        day,
        grid,
        corpus.acts[grid.act],
        None if undated else state,
        extension,
        tuple(_warnings(grid, grids, corpus, day)),
        undated,
        view,
        held,
    )
