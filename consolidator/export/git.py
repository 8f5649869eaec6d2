"""`export git`: a git repository with one commit per legal event, one branch per view.

Each commit's tree is the text after its event (`export/files.py`: one file per article named by
its number on the date, `etats.txt`, `texte.txt`); author date = date of effect, committer date =
date the event became known (signature, or the JO publication of the arrêté), both at midnight
Europe/Paris. Several events on one day: each commit carries the files of the articles its event
touched (the changes of the day are attributed as in `query/changes.py`), so the day's last commit
holds exactly the text of that day. Written with dulwich into an in-memory store, then as one pack:
the same corpus gives the same commit ids.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.errors import OutputError
from consolidator.export.files import Files, files_at, whole_text
from consolidator.output import MARKER
from consolidator.query.changes import EFFET, LegalEvent, attribute, source_line
from consolidator.query.snapshot import VIEWS
from consolidator.render.atom import paris_midnight

IDENTITY = b"consolidator <idcc-2128@consolidator.invalid>"
STATES, WHOLE = "etats.txt", "texte.txt"
LEGACY_MARK = "consolidator-export"  # in .git/ of exports written before consolidator.output


@dataclass(frozen=True)
class Step:
    """One commit to write: the event and the full tree (path → content) after it."""

    event: LegalEvent
    tree: dict[str, str]


@dataclass(frozen=True)
class GitExport:
    folder: Path
    heads: dict[str, str]  # view → commit id of the branch head
    commits: int
    tags: int


def _merge_order(new: tuple[str, ...], old: tuple[str, ...]) -> list[str]:
    """`new`'s order, with the paths only in `old` kept after their predecessor in `old`.

    >>> _merge_order(("a", "c"), ("a", "b", "c"))
    ['a', 'b', 'c']
    """
    out = list(new)
    seen = set(new)
    for i, path in enumerate(old):
        if path in seen:
            continue
        before = old[i - 1] if i else None
        out.insert(out.index(before) + 1 if before in out else 0, path)
        seen.add(path)
    return out


def _tree(
    index: VersionIndex, content: dict[str, str], states: dict[str, str], order: list[str]
) -> dict[str, str]:
    tree = {p: content[p] for p in order if p in content}
    tree[STATES] = "".join(states[p] + "\n" for p in order if p in states)
    tree[WHOLE] = whole_text(index, content, order)
    return tree


def _owners(events: list[LegalEvent]) -> dict[str, int]:
    """Article id → the index of the (last) event of the day that touched it."""
    return {t.article: i for i, e in enumerate(events) for t in e.touches}


def plan(index: VersionIndex, view: str) -> Iterator[Step]:
    """The commits of one view, in date order (then the timeline's order of the day's events)."""
    found = attribute(index, view, words=False)
    current = Files({}, {}, {}, ())
    content: dict[str, str] = {}
    states: dict[str, str] = {}
    cache: dict = {}
    for day, group in groupby(found.events, key=lambda e: e.date):
        events = list(group)
        final = files_at(index, day, view, cache)
        order = _merge_order(final.order, current.order)
        owner = _owners(events)
        last = len(events) - 1
        todo: dict[int, list[str]] = {}
        for path in sorted(set(final.content) | set(current.content)):
            if final.content.get(path) == current.content.get(path) and final.state_lines.get(
                path
            ) == current.state_lines.get(path):
                continue
            aid = final.article_of.get(path) or current.article_of.get(path, "")
            todo.setdefault(owner.get(aid, last), []).append(path)
        for i, event in enumerate(events):
            for path in todo.get(i, ()):
                _put(content, path, final.content.get(path))
                _put(states, path, final.state_lines.get(path))
            yield Step(event, _tree(index, content, states, order))
        current = final


def _put(store: dict[str, str], key: str, value: str | None) -> None:
    if value is None:
        store.pop(key, None)
    else:
        store[key] = value


def message(index: VersionIndex, event: LegalEvent, view: str) -> str:
    """« Avenant n° 20 du 21 septembre 2016 — entrée en vigueur », the articles, then trailers."""
    lines = [event.title, ""]
    names = [
        t.name + (f" : {t.change.end_reason}" if t.change.end_reason else "") for t in event.touches
    ]
    if names:
        lines += [f"- {n[:1].upper()}{n[1:]}" for n in names[:40]]
        if len(names) > 40:
            lines.append(f"- … et {len(names) - 40} autres")
    else:
        lines.append("Aucun article du texte consolidé n’est modifié dans cette vue.")
    lines += ["", f"Acte: {event.act.label}"]
    if event.arrete:
        jo = f" (JO du {format_french(event.arrete.jo)})" if event.arrete.jo else ""
        lines.append(f"Arrêté: {event.arrete.label}{jo}")
    lines.append(f"Effet: {event.date.isoformat()}")
    lines.append(f"Connu: {event.known.isoformat()}" if event.known else "Connu: date inconnue")
    lines += [str(n) for n in event.notes]
    lines += [f"Source: {source_line(s, index.corpus.convention.sources)}" for s in event.sources]
    lines.append(f"Vue: {view}")
    return "\n".join(lines) + "\n"


def _stamp(day: date) -> tuple[int, int]:
    moment = paris_midnight(day)
    offset = moment.utcoffset()
    return int(moment.timestamp()), int(offset.total_seconds()) if offset else 0


class _Writer:
    """Builds blobs, trees and commits in memory (dulwich), deduplicating blobs."""

    def __init__(self) -> None:
        from dulwich.object_store import MemoryObjectStore

        self.store = MemoryObjectStore()
        self.blobs: dict[str, bytes] = {}

    def blob(self, text: str) -> bytes:
        from dulwich.objects import Blob

        sha = self.blobs.get(text)
        if sha is None:
            obj = Blob.from_string(text.encode("utf-8"))
            self.store.add_object(obj)
            sha = self.blobs[text] = obj.id
        return sha

    def commit(
        self, tree: dict[str, str], parent: bytes | None, msg: str, event: LegalEvent
    ) -> bytes:
        from dulwich.index import commit_tree
        from dulwich.objects import Commit

        entries: list[Any] = [
            (p.encode("utf-8"), self.blob(c), 0o100644) for p, c in sorted(tree.items())
        ]
        commit = Commit()
        commit.tree = commit_tree(self.store, entries)
        commit.parents = [parent] if parent else []  # type: ignore[list-item]
        commit.author = commit.committer = IDENTITY
        commit.author_time, commit.author_timezone = _stamp(event.date)
        commit.commit_time, commit.commit_timezone = _stamp(event.known or event.date)
        commit.encoding = b"UTF-8"
        commit.message = msg.encode("utf-8")
        self.store.add_object(commit)
        return commit.id


def _tag_name(act_id: str) -> bytes:
    return act_id.replace(" ", "-").encode("ascii", "ignore")


def build(
    index: VersionIndex, views: tuple[str, ...] = VIEWS
) -> tuple[_Writer, dict[str, bytes], dict[bytes, bytes], int]:
    """Every commit of every view in memory: the writer, branch heads, tags and the count."""
    writer = _Writer()
    heads: dict[str, bytes] = {}
    tags: dict[bytes, bytes] = {}
    count = 0
    for view in views:
        parent: bytes | None = None
        for step in plan(index, view):
            parent = writer.commit(step.tree, parent, message(index, step.event, view), step.event)
            count += 1
            if view == views[0] and step.event.kind == EFFET:
                tags.setdefault(_tag_name(step.event.act.id), parent)
        if parent is not None:
            heads[view] = parent
    return writer, heads, tags, count


def _repository_files(
    writer: _Writer, heads: dict[str, bytes], tags: dict[bytes, bytes], views: tuple[str, ...]
) -> dict[str, bytes]:
    """The repository (`.git` and the checked-out work tree) as files, written by dulwich."""
    from dulwich.index import build_index_from_tree
    from dulwich.repo import Repo

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        repo = Repo.init(str(root))
        store: Any = writer.store
        repo.object_store.add_objects([(store[sha], None) for sha in store])
        refs: Any = repo.refs
        for view, sha in heads.items():
            refs[f"refs/heads/{view}".encode()] = sha
        for name, sha in tags.items():
            refs[b"refs/tags/" + name] = sha
        refs.set_symbolic_ref(b"HEAD", f"refs/heads/{views[0]}".encode())
        build_index_from_tree(
            repo.path, repo.index_path(), repo.object_store, store[heads[views[0]]].tree
        )
        repo.close()
        exclude = root / ".git" / "info" / "exclude"
        exclude.parent.mkdir(parents=True, exist_ok=True)
        exclude.write_text(f"{MARKER}\n", encoding="utf-8")  # the output writer's marker
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }


def export_git(index: VersionIndex, folder: Path, views: tuple[str, ...] = VIEWS) -> GitExport:
    """Write the repository into `folder`, whole or not at all (consolidator.output).

    An empty or absent folder, or one an earlier export wrote, is replaced; any other is refused
    before the (long) build.
    """
    from consolidator.output import build_dir_atomic

    if (folder / ".git" / LEGACY_MARK).is_file() and not (folder / MARKER).exists():
        (folder / MARKER).write_text("written by consolidator export git\n", encoding="utf-8")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise OutputError(
            f"{folder} is not empty and was not written by consolidator: refused to replace it",
            hint="give a new folder to -o, or one an earlier export wrote",
        )
    writer, heads, tags, count = build(index, views)
    build_dir_atomic(folder, _repository_files(writer, heads, tags, views))
    return GitExport(folder, {v: s.decode() for v, s in heads.items()}, count, len(tags))
