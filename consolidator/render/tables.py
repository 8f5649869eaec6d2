"""Table rows of an article gathered into real tables: columns, cells cut at excluded spans.

A table row is an alinéa whose fragment holds (column, value) cells; its text is the values
joined by « — » (model.Para.row), and the arrêtés' excluded spans are offsets in that text. Here
each span is cut at the cell boundaries so that every cell shows its own excluded words, the
footnote call goes after the last excluded piece, and a row excluded as a whole is marked so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # html.py imports this module; the view classes live there
    from consolidator.render.html import Segment

SEPARATOR = " — "
_NUMERIC = re.compile(r"^[\d\s\u00a0\u202f,.%€+\-–]+$")


@dataclass(frozen=True)
class Cell:
    """One cell: its text as segments (plain or excluded, with at most one call each)."""

    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class RowView:
    """One table row; `dropped` says why the branche view leaves it out (cells then unused)."""

    cells: tuple[Cell, ...]
    markers: tuple[Any, ...]
    excluded: bool = False
    dropped: str | None = None
    notes: tuple[Any, ...] = ()


@dataclass(frozen=True)
class TableView:
    """Consecutive rows with the same columns; `numeric` marks columns holding only figures."""

    columns: tuple[str, ...]
    rows: tuple[RowView, ...]
    numeric: tuple[bool, ...]
    is_table: bool = True


def cell_ranges(cells: tuple[tuple[str, str], ...]) -> list[tuple[int, int]]:
    """Where each cell's value sits in the row text (empty cells are not printed in it).

    >>> cell_ranges((("a", "Décès"), ("b", ""), ("c", "0,76 %")))
    [(0, 5), (8, 8), (8, 14)]
    """
    out = []
    pos = 0
    for _, value in cells:
        if not value:
            out.append((pos, pos))
            continue
        out.append((pos, pos + len(value)))
        pos += len(value) + len(SEPARATOR)
    return out


def row_text(cells: tuple[tuple[str, str], ...]) -> str:
    return SEPARATOR.join(v for _, v in cells if v)


def split_row(
    text: str, cells: tuple[tuple[str, str], ...], segments: list[Segment], markers: tuple[Any, ...]
) -> RowView:
    """Cut the segments of a row's text into its cells; the call follows the last piece."""
    if text != row_text(cells):  # not a row built from its cells: keep the values, notes on the row
        plain = tuple(
            Cell((replace(segments[0], text=v, kind="plain", note=None),)) for _, v in cells
        )
        notes = tuple(s.note for s in segments if s.note is not None and s.call)
        return RowView(plain, markers, any(s.kind != "plain" for s in segments), None, notes)
    starts = []
    pos = 0
    for seg in segments:
        starts.append(pos)
        pos += len(seg.text)
    ranges = cell_ranges(cells)
    pieces: list[list[tuple[int, Segment]]] = [[] for _ in cells]
    for n, (seg, start) in enumerate(zip(segments, starts, strict=True)):
        end = start + len(seg.text)
        for c, (a, b) in enumerate(ranges):
            lo, hi = max(a, start), min(b, end)
            if lo < hi:
                pieces[c].append((n, replace(seg, text=text[lo:hi], call=False)))
    last: dict[int, tuple[int, int]] = {}
    for c, cell_pieces in enumerate(pieces):
        for k, (n, _) in enumerate(cell_pieces):
            last[n] = (c, k)
    for n, (c, k) in last.items():
        if segments[n].call and segments[n].note is not None:
            pieces[c][k] = (n, replace(pieces[c][k][1], call=True))
    whole = len(segments) == 1 and segments[0].kind != "plain"
    return RowView(tuple(Cell(tuple(p for _, p in cp)) for cp in pieces), markers, whole)


def numeric_columns(
    columns: tuple[str, ...], rows: list[tuple[tuple[str, str], ...]]
) -> tuple[bool, ...]:
    """Columns whose every value is a figure (rates, points, RNCP numbers): no hyphenation.

    >>> numeric_columns(("ligne", "tranche A"), [(("ligne", "Décès"), ("tranche A", "0,76 %"))])
    (False, True)
    """
    out = []
    for col in columns:
        values = [dict(r).get(col, "") for r in rows]
        out.append(any(values) and all(_NUMERIC.match(v) for v in values if v))
    return tuple(bool(v) for v in out)


def gather(blocks: list[Any]) -> tuple[Any, ...]:
    """Gather consecutive rows, given as (cells, RowView) pairs, into TableViews (same columns)."""
    out: list[Any] = []
    run: list[tuple[tuple[tuple[str, str], ...], RowView]] = []

    def flush() -> None:
        if run:
            columns = tuple(c for c, _ in run[0][0])
            numeric = numeric_columns(columns, [cells for cells, _ in run])
            out.append(TableView(columns, tuple(r for _, r in run), numeric))
            run.clear()

    for block in blocks:
        if isinstance(block, tuple) and isinstance(block[1], RowView):
            cells, row = block
            if run and tuple(c for c, _ in run[0][0]) != tuple(c for c, _ in cells):
                flush()
            run.append((cells, row))
        else:
            flush()
            out.append(block)
    flush()
    return tuple(out)
