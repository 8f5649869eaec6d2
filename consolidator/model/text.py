"""Where corpus elements are written, and alinéas as written (the model's smallest units)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a corpus element is written: file and line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


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
class Quote:
    """The new wording of an alinéa or a sentence as the amending act quotes it (`src`: seed
    lines); replaying the operation must yield it (<result> of a word or alinéa operation)."""

    src: str
    text: str
