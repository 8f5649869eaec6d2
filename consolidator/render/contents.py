"""The consolidated text as view models: texts, their sections (the table of contents) and
articles, the scope exclusions of each text, and the legend of the markers used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.model import Restriction
from consolidator.query.snapshot import Snapshot
from consolidator.render.html import ArticleView, Marker, NoteCounter, article_view, markers


@dataclass(frozen=True)
class Node:
    """A section of the table of contents, with its sub-sections and articles."""

    label: str
    anchor: str
    children: tuple[Node | ArticleView, ...]


def tree(articles: list[ArticleView], prefix: str = "sec") -> tuple[Node | ArticleView, ...]:
    """Nest articles under the sections of their paths, keeping their order."""
    out: list[Node | ArticleView] = []
    counter = [0]

    def build(items: list[ArticleView], depth: int) -> tuple[Node | ArticleView, ...]:
        res: list[Node | ArticleView] = []
        i = 0
        while i < len(items):
            art = items[i]
            if len(art.art.path) <= depth:
                res.append(art)
                i += 1
                continue
            label = art.art.path[depth]
            j = i
            while j < len(items) and items[j].art.path[: depth + 1] == art.art.path[: depth + 1]:
                j += 1
            counter[0] += 1
            anchor = f"{prefix}-{counter[0]}"
            res.append(Node(label, anchor, build(items[i:j], depth + 1)))
            i = j
        return tuple(res)

    out.extend(build(articles, 0))
    return tuple(out)


@dataclass(frozen=True)
class ScopeNote:
    """An exclusion de champ of the extension, with the arrêtés that state it."""

    text: str
    arretes: tuple[str, ...]


@dataclass(frozen=True)
class TextView:
    """One text of the snapshot with its table of contents."""

    title: str
    state: Any
    anchor: str
    children: tuple[Node | ArticleView, ...]
    scope: tuple[ScopeNote, ...]
    label: Any = None  # ArticleLabel, when the articles' labels say more than the state


def scope_notes(index: VersionIndex, restrictions: list[Restriction]) -> tuple[ScopeNote, ...]:
    """Group identical scope exclusions stated by several arrêtés."""
    by_text: dict[str, list[str]] = {}
    for r in restrictions:
        labels = by_text.setdefault(r.text, [])
        label = index.corpus.arretes[r.arrete].label
        if label not in labels:
            labels.append(label)
    return tuple(ScopeNote(text, tuple(labels)) for text, labels in by_text.items())


def snapshot_views(
    index: VersionIndex, snap: Snapshot
) -> tuple[tuple[TextView, ...], tuple[Marker, ...]]:
    """View models of every text of a snapshot, and the legend of the markers they use."""
    marks = markers(index)
    counter = NoteCounter()
    texts = []
    for n, text in enumerate(snap.texts, 1):
        views = [article_view(index, a, snap.view, counter, marks, snap.at) for a in text.articles]
        scope = scope_notes(index, [r for v in views for r in v.scope])
        children = tree(views, f"t{n}")
        texts.append(
            TextView(text.act.title, text.state, f"texte-{n}", children, scope, text.label)
        )
    legend = tuple(m for aid, m in _sorted_marks(marks) if aid in counter.acts)
    return tuple(texts), legend


def _sorted_marks(marks: dict[str, Marker]) -> list[tuple[str, Marker]]:
    return sorted(marks.items(), key=lambda kv: (kv[1].act.signed, kv[0]))
