"""Replay reuses each text's structure from one date to the next: it must equal a full walk."""

from __future__ import annotations

import pytest

from consolidator.corpus.load import load_corpus
from consolidator.engine import replay as replay_module
from tests.hostile.helpers import GOLDEN_CORPUS


@pytest.mark.parametrize("root", [None, GOLDEN_CORPUS], ids=["corpus", "golden"])
def test_incremental_structures_equal_full_walks(root, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    corpus = load_corpus(root)
    incremental = replay_module.replay(corpus).structures
    every_text = lambda tree, change: set(tree.sections)  # noqa: E731 - every text is dirty
    monkeypatch.setattr(replay_module, "_texts_touched", every_text)
    full = replay_module.replay(corpus).structures
    assert [(s.since, s.entries) for s in incremental] == [(s.since, s.entries) for s in full]


def test_synthetic_corpus_of_the_benchmark_is_valid(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys

    from consolidator.engine.index import validate
    from tests.hostile.helpers import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth_corpus import make_corpus

    assert validate(make_corpus(2, tmp_path / "corpus-2x")) == []


def test_article_table_indexes_however_articles_are_added() -> None:
    from consolidator.engine.operations import ArticleState, WorkTree

    tree = WorkTree()
    tree.articles["x"] = ArticleState("x", "t1", "1", None, "t1", (), "act", ())
    tree.add_article(ArticleState("y", "t1", "2", None, "t1", (), "act", ()))
    tree.articles["z"] = ArticleState("z", "t2", "1", None, "t2", (), "act", ())
    assert [a.id for a in tree.articles_of("t1")] == ["x", "y"]
    assert [a.id for a in tree.articles_of("t2")] == ["z"]
