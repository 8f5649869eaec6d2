"""Salary grids as the acts set them: the point value, the RMAG of each class."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Rmag:
    """The rémunération minimale annuelle garantie of one class."""

    classe: str
    montant: Decimal
    src: str | None = None


@dataclass(frozen=True)
class AnnualMinimum:
    """A floor on the annual gross pay of every employee, with the conditions the act attaches
    to it (« Cette rémunération s'entend : – pour une durée du travail hebdomadaire de 35 heures ;
    … », 004 l.15419-15423), each as the act words it."""

    montant: Decimal
    conditions: tuple[str, ...]
    article: str | None = None  # the article of the act that sets it (« 3 »)
    src: str | None = None


@dataclass(frozen=True)
class SalaryGrid:
    """One <salaires> element: what an act sets (or quotes, when cited) from a date."""

    act: str
    effective: date
    point: Decimal | None
    rmag: tuple[Rmag, ...]
    minimum: AnnualMinimum | None = None
    cited: bool = False
    of: str | None = None
    approximate: bool = False
    decision: str | None = None
    notes: tuple[str, ...] = ()
    file: str | None = None
    line: int | None = None
    amounts_known: bool = True  # False: the sources prove the grid (its act) but give no amount
    year: int | None = (
        None  # the year the act says the amounts are for (« au titre de l'année 2005 »)
    )

    @property
    def setter(self) -> str | None:
        """The act that set the amounts: the act itself, or for a cited grid the act it quotes
        (None when that act is not in the sources, D-410)."""
        return self.of if self.cited else self.act

    @property
    def amounts_year(self) -> int | None:
        """The year the amounts are for: as the sources say it, else the year of a certain date
        of effect, else unknown."""
        if self.year is not None:
            return self.year
        return None if self.approximate else self.effective.year
