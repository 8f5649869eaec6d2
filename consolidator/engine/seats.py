"""Where each article stands in the tree, stored once per stretch of time: its seat.

A seat is one article's place (its text, its section path, its rank among the articles of its
text) over [since, until). The structure on a date (the ordered articles in force, each with its
path) is derived from the seats that cover it; nothing is copied per date, so the index grows
with what changes, not with the number of change dates times the size of the corpus.

Replay walks each text again only on the dates it changes (`SeatBuilder.update`); an article
keeps its seat while its path stays and its order among the others holds (the longest run of
seats still in order is kept, the others are closed and opened again with a rank between their
new neighbours'). Ranks are exact (integers, fractions between them) and live only while
replay runs: the seats are stored in their final order, which is all a date's structure needs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # fractions is imported by replay only, not when the index is read back
    from fractions import Fraction

    Rank = int | Fraction


@dataclass(frozen=True)
class Entry:
    """An article's place in the tree: its text and its section path."""

    text_id: str
    article: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Seat:
    """An article's place over [since, until) (until None: still so at the end of the corpus)."""

    entry: Entry
    since: date
    until: date | None

    def covers(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)


@dataclass(frozen=True)
class Structure:
    """The ordered articles in force from `since` until the next change date, with their paths.

    Derived from the seats (`derive`): this is where an article's placement is read, so that a
    section renumbered or moved after the article's last wording is named alike everywhere.
    """

    since: date
    entries: tuple[Entry, ...]

    @cached_property
    def by_article(self) -> dict[str, Entry]:
        return {e.article: e for e in self.entries}


def derive(seats: Sequence[Seat], since: date) -> Structure:
    """The structure on `since` (the seats are in the order of the texts and of their ranks)."""
    return Structure(since, tuple(s.entry for s in seats if s.covers(since)))


class SeatBuilder:
    """Turns each walk of a changed text, date after date, into seats."""

    def __init__(self) -> None:
        # text id -> its articles in walk order, each (entry, rank, since) of its open seat
        self.open: dict[str, list[tuple[Entry, Rank, date]]] = {}
        self.closed: list[tuple[Entry, Rank, date, date | None]] = []

    def update(self, text_id: str, entries: list[Entry], day: date) -> None:
        """The text's articles on `day`, in order (empty when the text is no longer in force)."""
        old = {e.article: (e, rank, since) for e, rank, since in self.open.get(text_id, ())}
        kept = _kept(entries, old)
        ranks = _ranks(entries, old, kept)
        now: list[tuple[Entry, Rank, date]] = []
        for i, entry in enumerate(entries):
            now.append(old.pop(entry.article) if i in kept else (entry, ranks[i], day))
        self.closed += [(e, rank, since, day) for e, rank, since in old.values()]
        self.open[text_id] = now

    def seats(self, text_order: Callable[[str], Any]) -> tuple[Seat, ...]:
        """Every seat, in the order of the texts, then of the ranks (then of time)."""
        rows = self.closed + [(e, r, s, None) for text in self.open.values() for e, r, s in text]
        rows.sort(key=lambda row: (text_order(row[0].text_id), row[1], row[2]))
        return tuple(Seat(entry, since, until) for entry, _, since, until in rows)


def _kept(entries: list[Entry], old: dict[str, tuple[Entry, Rank, date]]) -> set[int]:
    """The positions whose open seat goes on: same place, and the longest run of ranks that is
    still increasing in the new order (so that one move reopens one seat, not its followers')."""
    candidates = [
        (i, old[e.article][1])
        for i, e in enumerate(entries)
        if e.article in old and old[e.article][0] == e
    ]
    tails: list[Rank] = []  # smallest last rank of an increasing run of each length
    tail_at: list[int] = []  # index in candidates of that last element
    back: list[int] = []  # previous element of the run ending at each candidate (-1: none)
    for k, (_, rank) in enumerate(candidates):
        n = bisect_left(tails, rank)
        back.append(tail_at[n - 1] if n else -1)
        if n == len(tails):
            tails.append(rank)
            tail_at.append(k)
        else:
            tails[n], tail_at[n] = rank, k
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        kept.add(candidates[k][0])
        k = back[k]
    return kept


def _ranks(
    entries: list[Entry], old: dict[str, tuple[Entry, Rank, date]], kept: set[int]
) -> dict[int, Rank]:
    """New ranks for the positions not kept, evenly between the kept neighbours' ranks."""
    from fractions import Fraction

    out: dict[int, Rank] = {}
    i, below = 0, None
    while i < len(entries):
        if i in kept:
            below = old[entries[i].article][1]
            i += 1
            continue
        j = i
        while j < len(entries) and j not in kept:
            j += 1
        above = old[entries[j].article][1] if j < len(entries) else None
        count = j - i
        low = below if below is not None else (above - count - 1 if above is not None else 0)
        span = (above if above is not None else low + count + 1) - low
        step = span // (count + 1) if span % (count + 1) == 0 else Fraction(span, count + 1)
        for k in range(count):
            out[i + k] = low + step * (k + 1)
        i = j
    return out
