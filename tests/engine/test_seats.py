"""Seats (engine/seats.py): the structure derived from the dated seats on any date is the walk
of the tree that replay saw on that date, in order, with the same paths (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.engine.seats import Entry, SeatBuilder, derive

START = date(2000, 1, 1)
PATHS = st.sampled_from([(), ("I - Titre",), ("II - Autre",), ("I - Titre", "1 - Sous-titre")])


@st.composite
def histories(draw: st.DrawFn) -> list[dict[str, list[Entry]]]:
    """Each date's walk of the texts that changed: articles inserted, removed, moved, given
    another path, texts ending (an empty walk)."""
    texts = ["base", "annexe"]
    current: dict[str, list[Entry]] = {t: [] for t in texts}
    out = []
    next_id = 0
    for _ in range(draw(st.integers(1, 8))):
        changed: dict[str, list[Entry]] = {}
        for text in draw(st.lists(st.sampled_from(texts), min_size=1, max_size=2, unique=True)):
            entries = list(current[text])
            for _ in range(draw(st.integers(0, 4))):
                kind = draw(st.sampled_from(["insert", "remove", "move", "path", "clear"]))
                if kind == "insert" or not entries:
                    at = draw(st.integers(0, len(entries)))
                    entries.insert(at, Entry(text, f"a{next_id}", draw(PATHS)))
                    next_id += 1
                elif kind == "remove":
                    entries.pop(draw(st.integers(0, len(entries) - 1)))
                elif kind == "move":
                    moved = entries.pop(draw(st.integers(0, len(entries) - 1)))
                    entries.insert(draw(st.integers(0, len(entries))), moved)
                elif kind == "path":
                    at = draw(st.integers(0, len(entries) - 1))
                    entries[at] = Entry(text, entries[at].article, draw(PATHS))
                else:
                    entries = []
            changed[text] = current[text] = entries
        out.append(changed)
    return out


@settings(max_examples=200, deadline=None)
@given(histories())
def test_structure_derived_from_seats_is_every_dates_walk(history) -> None:  # type: ignore[no-untyped-def]
    builder = SeatBuilder()
    walks: dict[str, list[Entry]] = {}
    expected = []
    for k, changed in enumerate(history):
        day = START + timedelta(days=k)
        for text, entries in sorted(changed.items()):
            builder.update(text, entries, day)
            walks[text] = entries
        expected.append((day, [*walks.get("base", []), *walks.get("annexe", [])]))
    seats = builder.seats(lambda text: (text != "base", text))
    for day, entries in expected:
        assert list(derive(seats, day).entries) == entries
    # one seat per article and place while it keeps its order: a move reopens few seats
    assert len(seats) <= sum(len(e) for c in history for e in c.values()) + 1
