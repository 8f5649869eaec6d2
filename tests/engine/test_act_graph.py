"""The act graph's order read back from the cache folder (engine/act_graph.py): the same as the
one networkx works out, for this very graph only, never for a graph with a cycle, never for
`validate` nor without the cache; a replay after a change of wording does not import networkx."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from consolidator.corpus.load import load_corpus
from consolidator.engine import act_graph, cache
from consolidator.engine.act_graph import ActGraph, ordered
from consolidator.engine.index import open_index, validate
from consolidator.engine.timeline import build_timeline
from consolidator.errors import Severity

# avenant n° 20, article 2.3 (seed 004 l.258-262): « Un crédit mensuel de 7 heures est accordé »
ACT = "acts/2016-09-21-avenant-20.xml"
WORDS = "Un crédit mensuel de 7 heures est accordé"


def _orders(folder: Path) -> list[Path]:
    return sorted(folder.glob("order-*.pickle"))


def _refuse(*_: object) -> None:
    pytest.fail("the order was worked out again")


def test_the_order_read_back_is_the_one_worked_out(cache_folder: Path, monkeypatch) -> None:
    corpus = load_corpus()
    fresh = build_timeline(corpus)
    stored = build_timeline(corpus, remember=True)
    assert len(_orders(cache_folder)) == 1
    monkeypatch.setattr(act_graph, "_worked_out", _refuse)
    read = build_timeline(corpus, remember=True)
    for timeline in (stored, read):
        assert timeline.changes == fresh.changes and timeline.pending == fresh.pending
        assert timeline.problems == fresh.problems == ()
    assert [c.act.id for c in read.changes] == [c.act.id for c in fresh.changes]


def test_networkx_gets_the_graph_recorded() -> None:
    graph = build_timeline(load_corpus()).graph
    assert graph is not None
    nx_graph = graph.networkx()
    assert list(nx_graph.nodes(data=True)) == list(graph.nodes.items())
    assert {(u, v) for u, v, _ in graph.edges} == set(nx_graph.edges)
    assert nx_graph.edges["sig:avenant-20", "avenant-20"] == {"why": "effect follows signature"}


def _graph(edges: list[tuple[str, str]], **dates: date) -> ActGraph:
    graph = ActGraph()
    for name, day in dates.items():
        graph.add_node(name, kind="act", date=day)
    for source, target in edges:
        graph.add_edge(source, target, why="test")
    return graph


def test_another_graph_is_ordered_again(cache_folder: Path) -> None:
    days = {"a": date(2001, 1, 1), "b": date(2000, 1, 1)}
    by_date = ordered(_graph([], **days), "ab", remember=True)
    assert by_date == ({"b": 0, "a": 1}, [])
    waits = ordered(_graph([("a", "b")], **days), "ab", remember=True)  # b waits for a
    assert waits == ({"a": 0, "b": 1}, [])
    assert len(_orders(cache_folder)) == 2
    later = {"a": date(2001, 1, 1), "b": date(2002, 1, 1)}  # a date changed: another graph
    assert ordered(_graph([], **later), "ab", remember=True) == ({"a": 0, "b": 1}, [])
    assert ordered(_graph([], **days), "ab", remember=True) == by_date  # read back


def test_a_graph_with_a_cycle_is_never_stored(cache_folder: Path) -> None:
    days = {"a": date(2000, 1, 1), "b": date(2001, 1, 1)}
    _rank, cycles = ordered(_graph([("a", "b"), ("b", "a")], **days), "ab", remember=True)
    assert cycles == [(["a", "b"], {"a", "b"})]
    assert _orders(cache_folder) == []


def test_validate_and_no_cache_work_the_order_out(cache_folder: Path, monkeypatch) -> None:
    build_timeline(load_corpus(), remember=True)  # stored: then it must not be read
    monkeypatch.setattr(cache, "stored", _refuse)
    assert not [d for d in validate() if d.severity is Severity.ERROR]
    open_index(use_cache=False)


def test_a_change_of_wording_replays_without_networkx(cache_folder: Path, corpus: Path) -> None:
    open_index(corpus)  # replays, stores the index and the graph's order
    act = corpus / ACT
    text = act.read_text(encoding="utf-8")
    assert text.count(WORDS) == 1
    act.write_text(text.replace(WORDS, WORDS.replace("7", "8")), encoding="utf-8")
    probe = (
        "import sys\n"
        "from consolidator.engine.index import open_index\n"
        f"index = open_index({str(corpus)!r})\n"
        "words = ' '.join(f.text for v in index.versions['a2000-2.3'] for f in v.fragments)\n"
        "print('networkx' in sys.modules, 'de 8 heures' in words, 'de 7 heures' in words)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "False"]
    assert len(sorted(cache_folder.glob("index-*.pickle"))) == 2  # a new state, replayed and stored
