"""The seed scans of query/provenance.py find exactly what a scan of the whole seed finds: every
« avenant n° N [du <date>] » (from each « n° » back to its « avenant ») and the first « arrêté
du ... (Journal officiel du ...) » (from the few places « arrêté du » stands)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.query import provenance
from consolidator.query.seeds import seed_text
from consolidator.resources import DEFAULT_CORPUS

ROOT = str(DEFAULT_CORPUS)
PIECES = ["avenant", "AVENANT", " ", "\n", "\u00a0", "n", "N", "°", "12", "3", " du ", "1er",
          " mars ", "2001", "x", ".", "arrêté du "]  # fmt: skip


def _all(text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in provenance._MENTION.finditer(text)]


def _found(text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in provenance._mention_matches(text)]


def test_mentions_of_every_seed_are_those_of_a_whole_scan() -> None:
    for name in ("004", "000", "001"):
        text = seed_text(ROOT, name)
        assert _found(text) == _all(text)
    assert len(_all(seed_text(ROOT, "004"))) > 10  # the main seed names avenants


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_mentions_of_any_text_are_those_of_a_whole_scan(text: str) -> None:
    assert _found(text) == _all(text)


def test_first_arrete_is_the_first_occurrence_in_the_seed() -> None:
    seed = seed_text(ROOT)
    starts = provenance._arretes_at(ROOT)
    assert starts and all(seed.startswith(provenance.ARRETE_DU, at) for at in starts)
    for at in starts:
        words = seed[at : seed.find(")", at) if seed.find(")", at) > 0 else at + 60]
        assert provenance._first(ROOT, words) == seed.find(words)
    assert provenance._first(ROOT, "arrêté du 31 février 1999 (JO") == -1
