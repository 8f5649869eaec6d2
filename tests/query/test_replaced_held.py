"""`applicability`'s « demeurent applicables jusqu'à son extension » (`_replaced_held`) reads only
the articles the act wrote or repealed: on every change date and for every article, its sentence
is the one it writes when it reads every article of the corpus (the accord of 3 July 2015 on
chapter IX, D-202; avenant n° 13 on the 2000 3.2 and 3.3, D-100)."""

from __future__ import annotations

from typing import Any

from consolidator.engine.replay import VersionIndex, replay
from consolidator.query import applicability
from consolidator.query.snapshot import snapshot


class _Every(dict[str, frozenset[str]]):
    """Every article, for any act: the scan of the whole corpus."""

    def __init__(self, articles: frozenset[str]) -> None:
        super().__init__()
        self.articles = articles

    def get(self, key: str, default: Any = None) -> frozenset[str]:  # type: ignore[override]
        return self.articles


def test_replaced_held_reads_only_the_acts_articles(index: VersionIndex) -> None:
    assert list(index.versions) == sorted(index.versions)  # the order both read the articles in
    scanning = replay(index.corpus)
    every = frozenset(scanning.versions)
    scanning.__dict__["articles_by_act"] = scanning.__dict__["articles_ended_by"] = _Every(every)
    named = 0
    for day in index.change_dates:
        for text in snapshot(index, day).texts:
            for art in text.articles:
                sentence = applicability._replaced_held(index, art, day)
                assert sentence == applicability._replaced_held(scanning, art, day), (art.id, day)
                named += sentence is not None
    assert named > 20  # chapter IX from 2015 until its extension, 3.2 and 3.3 in 2000-2001
