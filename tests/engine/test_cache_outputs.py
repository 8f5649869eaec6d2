"""What a reader gets is the same, byte for byte, whether the index is read back from the cache
(in parts, engine/stored.py) or replayed afresh (CONSOLIDATOR_NO_CACHE=1): articles in both views,
at several dates and in every query format, the whole text in JSON, and from the program itself."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from consolidator import commands
from consolidator.engine import cache, stored
from consolidator.engine.index import open_index

# (number, date): articles whose answers read different parts of the stored index
CASES = [
    ("2.5", date(2020, 1, 1)),  # 004 l.9461, rewritten by the avenant of 2017 (D-711)
    ("2.5", date(2005, 6, 1)),
    ("9.6", date(2002, 1, 1)),  # wording unknown, its evidence 004 l.15499 (D-100)
    ("9.12", date(2016, 1, 1)),  # held over for non-adherents until its extension (D-213)
    ("11.2", date(2020, 1, 1)),  # Legifrance's erratum « Lire 11. 1. » (004 l.2108)
    ("1.2", date(2015, 1, 1)),
]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    """The index replayed afresh, and the same index read back from a cache folder of its own."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.DIR_ENV, str(folder))
        patch.delenv(cache.OFF_ENV, raising=False)
        fresh = open_index(use_cache=False)
        open_index()  # replays and stores
        cached = open_index()
    assert isinstance(cached.versions, stored.LazyVersions)
    return fresh, cached


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("view", ["adherent", "branche"])
@pytest.mark.parametrize(("number", "day"), CASES)
def test_an_article_read_from_the_cache_is_the_replayed_one(indexes, number, day, view, fmt):
    fresh, cached = indexes
    expected = commands.article_document(fresh, number, day, view, fmt)
    assert commands.article_document(cached, number, day, view, fmt) == expected


@pytest.mark.parametrize("day", [date(2002, 1, 1), date(2012, 7, 1), date(2020, 1, 1)])
def test_the_whole_text_read_from_the_cache_is_the_replayed_one(indexes, day):
    fresh, cached = indexes
    for view in ("adherent", "branche"):
        for fmt in ("json", "text"):
            expected = commands.text_document(fresh, day, view, fmt)
            assert commands.text_document(cached, day, view, fmt) == expected


def test_history_and_timeline_read_from_the_cache_are_the_replayed_ones(indexes):
    fresh, cached = indexes
    for number in ("2.5", "9.12"):
        for fmt in ("text", "json"):
            day = date(2020, 1, 1)
            expected = commands.history_document(fresh, number, day, fmt)
            assert commands.history_document(cached, number, day, fmt) == expected
    assert commands.timeline_document(cached, None, "json") == commands.timeline_document(
        fresh, None, "json"
    )


def test_the_stored_acts_and_timeline_are_the_replayed_ones(indexes):
    """Each deferred part read back equals the replayed one, and an operation is one object
    whether reached from its act, a change or a version."""
    fresh, cached = indexes
    for ident, act in cached.corpus.acts.items():
        assert type(act) is stored.StoredAct
        assert act.body == fresh.corpus.acts[ident].body
        assert act.ops == fresh.corpus.acts[ident].ops
    assert cached.timeline.changes == fresh.timeline.changes
    assert cached.timeline.pending == fresh.timeline.pending
    ops = {id(op) for act in cached.corpus.acts.values() for op in act.ops}
    assert all(c.op is None or id(c.op) in ops for c in cached.timeline.changes)
    for name in stored.DERIVED:
        assert getattr(cached, name) == getattr(fresh, name)
    # named as the plain classes: a repr (or the site's digest of its inputs) is the same
    assert repr(cached.timeline.changes[:3]) == repr(fresh.timeline.changes[:3])


def _program(args: list[str], env: dict[str, str]) -> str:
    run = [sys.executable, "-m", "consolidator", *args]
    return subprocess.run(run, capture_output=True, text=True, env=env, check=True).stdout


def test_the_program_answers_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, cache.DIR_ENV: str(tmp_path / "cache")}
    env.pop(cache.OFF_ENV, None)
    queries = [
        ["text", "--at", "2020-01-01", "--format", "json"],
        ["article", "9.12", "--at", "2016-01-01", "--view", "branche"],
    ]
    _program(queries[0], env)  # writes the stored index (and the dataclasses' code)
    for args in queries:
        assert _program(args, env) == _program(args, {**env, cache.OFF_ENV: "1"})
