"""The changes of each day that the site shows (its feeds, history and changes pages), computed
once per build and kept between builds in the cache folder: a day's changes are computed again
only when that day's inputs changed.

A day's changes (`query.diff.changelog` from its eve, the adherent view, with the word
redlines) are read from the code, the world (render/site_inputs.py: the index but the wordings)
and the whole versions of the articles that can differ that day (`query.diff._touched`): the
inputs of that day's changes page (`SiteInputs.day`). They are kept under the hash of those, with
the redlines their computation asked for (the build keeps the feeds' in its folder,
render/site_build.py), in one file of the cache folder (`days-<code>.pickle`: checksum, written
atomically, as engine/cache.py writes the index). The objects of the index a change refers to
(versions, acts, arrêtés, extensions) are written by name and read back as the current index's
own objects. A file that cannot be read, or an entry that names what the index lacks, is only
computed again.
"""

from __future__ import annotations

import io
import logging
import pickle
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.query import redline
from consolidator.query.changes import legal_events
from consolidator.query.diff import ArticleChange, Changelog, changelog
from consolidator.query.snapshot import first_day
from consolidator.render.site_inputs import SiteInputs

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the entries change shape
KEEP_OTHERS = 2048  # entries of other builds kept beside this build's (other corpora, options)


@dataclass
class Day:
    """The changes of one day from its eve, and the redlines their computation asked for; read
    from the cache folder, they are unpickled when first asked for (before the fork when the
    version pages are rendered, which read the redlines: `day_redlines`; else by the worker
    that renders the feeds or that day's page), the history reading only their count."""

    day: date
    count: int
    value: tuple[tuple[ArticleChange, ...], dict[str, redline.Redline]] | None = None
    blob: bytes | None = None
    names: _Names | None = None

    @property
    def changes(self) -> tuple[ArticleChange, ...]:
        return self._loaded()[0]

    @property
    def redlines(self) -> dict[str, redline.Redline]:
        return self._loaded()[1]

    def changelog(self) -> Changelog:
        """These changes as `changelog(index, eve, day)` gives them (adherent view, every article)."""
        return Changelog(self.day - timedelta(days=1), self.day, "adherent", None, self.changes)

    def _loaded(self) -> tuple[tuple[ArticleChange, ...], dict[str, redline.Redline]]:
        if self.value is None:
            assert self.blob is not None and self.names is not None
            try:
                self.value = _Unpickler(io.BytesIO(self.blob), self.names).load()
            except Exception as exc:  # names what the index lacks: computed again
                log.warning("a day of the cache not used (%s)", exc)
                self.value = compute_day(self.names.index, self.day)._loaded()
        return self.value


def feed_days(index: VersionIndex, until: date) -> list[date]:
    """The days of the legal events up to `until` that the feeds compare with their eve (the
    first day, when every article is added, aside)."""
    start = first_day(index)
    return sorted({e.date for e in legal_events(index) if start < e.date <= until})


def site_days(index: VersionIndex, until: date) -> list[date]:
    """The days the site compares with their eve: every change date (the changes pages, the
    history) and those of the feeds."""
    return sorted({*index.change_dates[1:], *feed_days(index, until)})


def day_changes(index: VersionIndex, inputs: SiteInputs, days: list[date]) -> dict[date, Day]:
    """The changes of each of `days`, read from the cache folder when their inputs are those
    of a day computed before, else computed (and the cache folder's file rewritten)."""
    path = _path()
    stored = _read(path) if path is not None else {}
    names = _Names(index)
    entries: dict[str, tuple[int, bytes]] = {}
    out: dict[date, Day] = {}
    for day in days:
        key = inputs.day(index, day)
        entry = stored.get(key)
        if entry is None:
            found = compute_day(index, day)
            entries[key] = (found.count, _dumps(found, names))
        else:
            found = Day(day, entry[0], blob=entry[1], names=names)
            entries[key] = entry
        out[day] = found
    if path is not None and any(key not in stored for key in entries):
        others = [key for key in stored if key not in entries][:KEEP_OTHERS]
        _write(path, {**entries, **{key: stored[key] for key in others}})
    return out


def day_redlines(days: dict[date, Day]) -> dict[str, redline.Redline]:
    """The redlines the changes of `days` asked for (those read from the cache folder unpickled
    here), by `redline.redline_key`."""
    out: dict[str, redline.Redline] = {}
    for found in days.values():
        out.update(found.redlines)
    return out


def compute_day(index: VersionIndex, day: date) -> Day:
    """The changes of `day` from its eve, and the redlines asked for (also recorded in
    `redline.RECORDED` when it is recording)."""
    outer = redline.RECORDED
    redline.RECORDED = {}
    try:
        changes = changelog(index, day - timedelta(days=1), day).changes
        asked = redline.RECORDED
    finally:
        redline.RECORDED = outer
    if outer is not None:
        outer.update(asked)
    return Day(day, len(changes), (changes, asked))


class _Names:
    """Each object of the index a change refers to, by name, and back."""

    def __init__(self, index: VersionIndex) -> None:
        self.index = index
        corpus = index.corpus
        self.ids: dict[int, tuple[str, ...]] = {}
        for aid, versions in index.versions.items():
            for n, version in enumerate(versions):
                self.ids[id(version)] = ("v", aid, str(n))
        for act in corpus.acts.values():
            self.ids[id(act)] = ("act", act.id)
        for arrete in corpus.arretes.values():
            self.ids[id(arrete)] = ("arrete", arrete.id)
        for act_id, events in index.timeline.extensions.items():
            for n, event in enumerate(events):
                self.ids[id(event)] = ("ext", act_id, str(n))

    def find(self, name: tuple[str, ...]) -> Any:
        kind, key, *rest = name
        if kind == "v":
            return self.index.versions[key][int(rest[0])]
        if kind == "act":
            return self.index.corpus.acts[key]
        if kind == "arrete":
            return self.index.corpus.arretes[key]
        if kind == "ext":
            return self.index.timeline.extensions[key][int(rest[0])]
        raise KeyError(name)


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, names: _Names) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.names = names

    def persistent_id(self, obj: Any) -> tuple[str, ...] | None:
        return self.names.ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, names: _Names) -> None:
        super().__init__(file)
        self.names = names

    def persistent_load(self, pid: Any) -> Any:
        return self.names.find(tuple(pid))


def _dumps(day: Day, names: _Names) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, names).dump((day.changes, day.redlines))
    return buffer.getvalue()


def _path() -> Path | None:
    from consolidator.engine import cache
    from consolidator.resources import cache_dir

    folder = cache_dir()
    if folder is None or not cache.enabled():
        return None
    return folder / f"days-{cache.code_digest().hex()[:16]}.pickle"


def _read(path: Path) -> dict[str, tuple[int, bytes]]:
    from consolidator.engine import cache

    try:
        fmt, entries = cache.read_pickle(path)
    except Exception as exc:  # absent, truncated, corrupt: every day computed again
        log.debug("cache file %s not used (%s)", path, exc)
        return {}
    if fmt != FORMAT or not isinstance(entries, dict):
        return {}
    return {
        key: entry
        for key, entry in entries.items()
        if isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], int)
        and isinstance(entry[1], bytes)
    }


def _write(path: Path, entries: dict[str, tuple[int, bytes]]) -> None:
    from consolidator.engine import cache

    cache.write_pickle(path, (FORMAT, entries))
