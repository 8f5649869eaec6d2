"""Salary agreements as data: valeur du point and RMAG per class in force on a date.

The grids are read and checked with the corpus (`corpus/salaries.py`); `render/salaries.py`
formats the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.errors import QueryError
from consolidator.french import de, euros
from consolidator.model import Act, Corpus, RestrictionKind, SalaryGrid, State, View
from consolidator.query.numbering import by
from consolidator.query.retroactive import Retroactive, retroactive_effect


@dataclass(frozen=True)
class SalaryAnswer:
    """The grid in force on a date, the act behind it, its state and what the user must know.

    `act` is the act that set the amounts, the one the state and the extension belong to: for a
    grid known only by a later act's citation, the act quoted (the accord of 7 December 2005 for
    2006, D-412), None when that act is not in the sources (2011, D-410); `cited_by` is then the
    act whose citation gives the amounts (lawyer L-33).
    """

    at: date
    grid: SalaryGrid
    act: Act | None
    state: State | None
    extension: ExtensionEvent | None
    warnings: tuple[str, ...]
    undated: ExtensionEvent | None = None  # an arrêté signed by then whose JO date is unknown
    view: View = View.ADHERENT
    # the grid still binding employers outside the signatory organisations, when this one is
    # not extended yet (adherent view): the latest earlier grid whose extension has taken effect
    non_adherents: SalaryGrid | None = None
    cited_by: Act | None = None
    # a grid later than `non_adherents`, extended by an arrêté whose JO date is unknown (D-701)
    non_adherents_undated: tuple[SalaryGrid, ExtensionEvent] | None = None
    # the grid takes effect before its act was signed (D-714, as D-706 for articles)
    retro: Retroactive | None = None
    # a grid extended by an arrêté whose JO date is unknown (branche view: `undated`; adherent
    # view: `non_adherents_undated`): the grid binding every employer until that publication,
    # and its own such arrêté if any (D-712)
    before: SalaryGrid | None = None
    before_undated: ExtensionEvent | None = None

    def _restrictions(self, kind: RestrictionKind) -> tuple[str, ...]:
        """The extending arrêté's restrictions of one kind, in its words."""
        ext = self.extension or self.undated
        if ext is None:
            return ()
        return tuple(r.text for r in ext.extension.restrictions if r.kind is kind)

    @property
    def scope_exclusions(self) -> tuple[str, ...]:
        """Who the arrêté leaves out of the extension (« organismes relevant … MSA »)."""
        return self._restrictions(RestrictionKind.SCOPE)

    @property
    def reservations(self) -> tuple[str, ...]:
        """The arrêté's reservations (« Accord étendu sous réserve de … », 004 l.15284; L-49)."""
        return self._restrictions(RestrictionKind.RESERVE)


def _extension(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    done = [e for e in index.extensions_of(act) if e.effective is not None and e.effective <= day]
    return done[-1] if done else None


def _undated(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    """An arrêté extending `act`, dated on or before `day`, whose JO publication is unknown."""
    found = [e for e in index.extensions_of(act) if e.effective is None and e.arrete.date <= day]
    return found[-1] if found else None


def _to(label: str) -> str:
    """« à l'accord … », « au protocole … »."""
    return f"à l’{label}" if label[:1].lower() in "aeiouyh" else f"au {label}"


def _cited(grid: SalaryGrid, grids: tuple[SalaryGrid, ...], corpus: Corpus) -> list[str]:
    """The gap of a grid known only by a later act's citation (D-410, D-412)."""
    year = grid.amounts_year or grid.effective.year
    citing = by(corpus.acts[grid.act].label)
    setter = (
        f"le texte {de(corpus.acts[grid.of].label)} n’est pas dans les sources"
        if grid.of
        else f"l’accord qui a fixé les montants {year} n’est pas dans les sources"
    )
    out = [
        f"lacune : {setter} ; les montants {year} ne sont connus que par la citation qu’en fait "
        f"{citing} ; valeur du point inconnue"
        + (f" (décision {grid.decision})" if grid.decision else "")
    ]
    earlier = [g for g in grids if g.effective < grid.effective and g.point is not None]
    if earlier:
        last = earlier[-1]
        out.append(
            f"dernière valeur du point connue : {euros(last.point)} "  # type: ignore[arg-type]
            f"(depuis le {format_french(last.effective)}, {corpus.acts[last.act].label})"
        )
    return out


def _warnings(
    grid: SalaryGrid, grids: tuple[SalaryGrid, ...], corpus: Corpus, day: date
) -> list[str]:
    out = _cited(grid, grids, corpus) if grid.cited else []
    label = by(corpus.acts[grid.act].label)
    if not grid.amounts_known:
        out.append(
            "montants non disponibles dans les sources, qui ne connaissent "
            f"{label} que par les textes qui le citent ou l’étendent"
            + (f" (décision {grid.decision})" if grid.decision else "")
        )
    year = grid.amounts_year
    later = [g for g in grids if grid.effective < g.effective <= day]
    if grid is not grids[-1] and not later and year is not None and day.year > year:
        out.append(
            f"aucun accord salarial prenant effet en {day.year} avant le {format_french(day)} "
            f"n’est dans les sources : les montants fixés par {label} ont pu être remplacés"
        )
    if grid is grids[-1] and day.year > (year or grid.effective.year):
        amounts = f"les montants de {year}" if year else f"les montants fixés par {label}"
        out.append(
            f"les accords salariaux postérieurs {_to(corpus.acts[grid.act].label)} manquent aux "
            f"sources : {amounts} ont pu être remplacés depuis"
        )
    return out


def _extended(index: VersionIndex, grid: SalaryGrid, day: date) -> bool:
    source = grid.setter
    return source is not None and _extension(index, source, day) is not None


def _binds_everyone(index: VersionIndex, grid: SalaryGrid, day: date) -> bool:
    """Extended by `day`, or by an arrêté dated by then whose JO date is unknown: its extension
    took effect on an unknown day on or after the arrêté's date, never hidden (D-712)."""
    source = grid.setter
    return _extended(index, grid, day) or (
        source is not None and _undated(index, source, day) is not None
    )


def grid_retroactive(index: VersionIndex, grid: SalaryGrid) -> Retroactive | None:
    """The grid takes effect before the act that set it was signed (both dates certain, D-714)."""
    source = grid.setter
    if grid.approximate or source is None:
        return None
    return retroactive_effect(index, index.corpus.acts[source], grid.effective)


def salaries_at(index: VersionIndex, day: date, view: View = View.ADHERENT) -> SalaryAnswer:
    """The salary grid in force on `day`, with its act, state and warnings (gaps, staleness).

    In the branche view, the latest grid whose extension has taken effect: what binds every
    employer of the branch (a grid not yet extended binds the signatories' members only).
    """
    corpus = index.corpus
    grids = corpus.grids
    current = [g for g in grids if g.effective <= day]
    if view is View.BRANCHE:
        extended = [g for g in current if _binds_everyone(index, g, day)]
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
    source = grid.setter
    extension = _extension(index, source, day) if source else None
    undated = _undated(index, source, day) if source and extension is None else None
    state = None if source is None else (State.ETENDU if extension else State.NON_ETENDU)
    held, held_undated = (None, None)
    if state is State.NON_ETENDU and undated is None:
        held, held_undated = _held(index, current[:-1], day)
    # the grid that binds every employer until an unknown publication: the branche view's grid's
    # own, or the adherent view's `held_undated` one (D-712)
    later = grid if view is View.BRANCHE and undated else held_undated[0] if held_undated else None
    before, before_undated = (
        _before(index, [g for g in current if g.effective < later.effective], day)
        if later
        else (None, None)
    )
    return SalaryAnswer(
        day,
        grid,
        corpus.acts[source] if source else None,
        None if undated else state,
        extension,
        tuple(_warnings(grid, grids, corpus, day)),
        undated,
        view,
        held,
        corpus.acts[grid.act] if grid.cited else None,
        held_undated,
        grid_retroactive(index, grid),
        before,
        before_undated,
    )


def _before(
    index: VersionIndex, earlier: list[SalaryGrid], day: date
) -> tuple[SalaryGrid | None, ExtensionEvent | None]:
    """The latest of `earlier` that binds every employer by `day`, and its arrêté when that one's
    JO date is unknown too (the accord of 3 November 2004 before the 2006 grid's, D-712)."""
    binding = [g for g in earlier if _binds_everyone(index, g, day)]
    if not binding:
        return None, None
    grid, source = binding[-1], binding[-1].setter
    known = source is not None and _extension(index, source, day) is not None
    return grid, None if known or source is None else _undated(index, source, day)


def _held(
    index: VersionIndex, earlier: list[SalaryGrid], day: date
) -> tuple[SalaryGrid | None, tuple[SalaryGrid, ExtensionEvent] | None]:
    """The latest earlier grid whose extension has taken effect by `day`, and a later one
    extended by an arrêté whose JO date is unknown (D-701): which of the two binds non-adherents
    the sources cannot say (lawyer L-33: the accord of 7 December 2005 in January 2007)."""
    extended = [g for g in earlier if _extended(index, g, day)]
    held = extended[-1] if extended else None
    after = [g for g in earlier if held is None or g.effective > held.effective]
    for grid in reversed(after):
        event = _undated(index, grid.setter, day) if grid.setter else None
        if event is not None:
            return held, (grid, event)
    return held, None


def known_grids(grids: tuple[SalaryGrid, ...], acts: Mapping[str, Act]) -> tuple[SalaryGrid, ...]:
    """The grids as they could be known when only `acts` were signed (`--known-at`).

    A grid quoted by an act not yet signed is not known; but when the act that set it is (the
    accord of 7 December 2005, known from its arrêté of 11 April 2006 before the accord of
    23 November 2006 quoted its amounts), that act's grid stands, its amounts unknown and its date
    of effect its signature, approximate, as for every act known only by reference (D-411,
    lawyer L-34).
    """
    out = []
    for grid in grids:
        if grid.act in acts:
            out.append(grid)
        elif grid.cited and grid.of is not None and grid.of in acts:
            setter = acts[grid.of]
            out.append(
                replace(
                    grid,
                    act=setter.id,
                    effective=setter.signed,
                    point=None,
                    rmag=(),
                    minimum=None,
                    cited=False,
                    of=None,
                    approximate=True,
                    decision="D-411",
                    notes=(),
                    amounts_known=False,
                    year=None,
                )
            )
    return tuple(sorted(out, key=lambda g: g.effective))
