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
class SalaryGrid:
    """One <salaires> element: what an act sets (or quotes, when cited) from a date."""

    act: str
    effective: date
    point: Decimal | None
    rmag: tuple[Rmag, ...]
    minimum: Decimal | None = None
    cited: bool = False
    of: str | None = None
    approximate: bool = False
    decision: str | None = None
    notes: tuple[str, ...] = ()
    file: str | None = None
    line: int | None = None
    amounts_known: bool = True  # False: the sources prove the grid (its act) but give no amount
