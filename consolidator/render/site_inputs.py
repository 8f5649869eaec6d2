"""What each part of the site is made from, as content hashes: the incremental build rewrites a
part only when its hash changed.

A part's inputs are the code and templates that render it, the build's options (date, PDF) and
the data it reads. The data is split in two: the *world* — everything in the version index but
the wordings (each article's versions keep their numbers, titles, dates, acts and ends; the
acts keep how many operations they have; the operations themselves are left out) — and each
article's *own* data: its versions whole (wording, operations) and those of every article that
ever bore one of its numbers (its history page lists them). An article page depends on the
world and its own data; the changes page of a date on the world and the own data of the
articles that can differ that day (`query.diff._touched`, what the page compares); every other
part (convention pages, history, listings, feeds, PDF) depends on everything. Changing the wording of one article in one act therefore rebuilds that
article's pages and the parts that show the whole text; changing a date, an arrêté or a number
rebuilds everything. Where the corpus folder lies is not hashed (no page shows it): the
same corpus copied elsewhere is the same input; the seeds beside it (query/seeds.py: the
provenance of dates) are, in every part's inputs. The hash walks the data's dataclasses
generically, so a field added to the index is hashed without a change here.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.query.diff import _touched
from consolidator.resources import TEMPLATES

PACKAGE = Path(__file__).resolve().parent.parent
OPERATIONS = "consolidator.model.operations"
_WORDING = frozenset({"fragments", "ops", "evidence"})
# not read by any page: where the corpus lies; the act graph (None in an index from the cache)
_UNREAD = frozenset({("Corpus", "root"), ("Timeline", "graph")})
_LEAF = bool | int | float | str | date | Decimal  # hashed as their repr (salary amounts too)
_LEAVES = frozenset({type(None), bool, int, float, str, date, Decimal})


class _Digest:
    """A stable text for any value of the index, operations reduced to their kind (a value of
    a type it does not know raises TypeError: hashed as a name only, it would never be stale)."""

    def __init__(self, wording: bool) -> None:
        self.wording = wording
        self.memo: dict[int, tuple[Any, str]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}  # a dataclass's hashed fields

    def __call__(self, value: Any) -> str:
        kind = type(value)
        if kind in _LEAVES:
            return repr(value)
        known = self.memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if kind not in self.fields:  # else a dataclass met before
            if isinstance(value, _LEAF):
                return repr(value)
            if isinstance(value, Enum):
                return f"{kind.__name__}.{value.name}"
        text = self._compose(value, kind)
        if len(text) > 64:
            text = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.memo[id(value)] = (value, text)
        return text

    def _compose(self, value: Any, kind: type) -> str:
        if isinstance(value, list | tuple):
            return "[" + ",".join([self(v) for v in value]) + "]"
        names = self.fields.get(kind)
        if names is None and dataclasses.is_dataclass(value):
            names = self.fields[kind] = self._fields(kind)
        if names is not None:
            if kind.__module__ == OPERATIONS and not self.wording:
                return f"<{kind.__name__}>"
            inner = ",".join([f"{name}={self(getattr(value, name))}" for name in names])
            return f"{kind.__name__}({inner})"
        if isinstance(value, Mapping):  # a dict, or the index's versions read on demand
            items = sorted((self(k), self(v)) for k, v in value.items())
            return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
        if isinstance(value, set | frozenset):
            return "{" + ",".join(sorted(self(v) for v in value)) + "}"
        raise TypeError(f"site_inputs: no digest for a value of type {kind.__qualname__}")

    def _fields(self, kind: type) -> tuple[str, ...]:
        return tuple(
            f.name
            for f in dataclasses.fields(kind)
            if (self.wording or f.name not in _WORDING or kind.__name__ != "Version")
            and (kind.__name__, f.name) not in _UNREAD
        )


def _hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def code_digest(templates: Path | None) -> str:
    """The package's Python files and the templates: a change of either rebuilds everything."""
    h = hashlib.sha256()
    for folder in (PACKAGE, templates or TEMPLATES):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"}:
                h.update(str(path.relative_to(folder)).encode("utf-8"))
                h.update(path.read_bytes())
    return h.hexdigest()


@dataclasses.dataclass(frozen=True)
class SiteInputs:
    """The hash of each part's inputs (`of(part)`), for one index and one set of options."""

    common: str  # code, templates, options
    world: str
    everything: str
    own: dict[str, str]
    changes: dict[str, str]  # the changes page of a date: its touched articles' own data
    code: str = ""  # the code and templates alone
    words: Mapping[str, str] = dataclasses.field(default_factory=dict)  # each article's versions

    def day(self, index: VersionIndex, day: date) -> str:
        """The inputs of the changes of `day` from its eve (render/site_days.py): the code, the
        world and the versions of the articles that can differ that day, as its changes page."""
        touched = self.changes.get(day.isoformat()) or _touched_digest(index, self.words, day)
        return _hash(self.code, self.world, f"day {day.isoformat()}", touched)

    def of(self, part: str) -> str:
        kind, _, name = part.partition(":")
        if kind == "article":
            return _hash(self.common, self.world, self.own[name])
        if kind == "static":  # the stylesheet and the search script: the templates only
            return _hash(self.common, part)
        if kind == "changes":
            return _hash(self.common, self.world, part, self.changes[name])
        return _hash(self.common, self.everything, part)


def site_inputs(index: VersionIndex, options: str, templates: Path | None) -> SiteInputs:
    """Hash the index once: the world, each article's own data, everything."""
    world = _Digest(wording=False)
    whole = _Digest(wording=True)
    fields = {f.name: getattr(index, f.name) for f in dataclasses.fields(index)}
    world_text = _hash(*(f"{k}={world(v)}" for k, v in sorted(fields.items())))
    sharing: dict[str, set[str]] = {aid: {aid} for aid in index.versions}
    for versions in index.by_number.values():
        ids = {v.article for v in versions}
        for aid in ids:
            sharing.setdefault(aid, {aid}).update(ids)
    words = {aid: whole(versions) for aid, versions in index.versions.items()}
    own = {aid: _hash(*(f"{a}={words[a]}" for a in sorted(ids))) for aid, ids in sharing.items()}
    everything = _hash(world_text, *(f"{a}={w}" for a, w in sorted(words.items())))
    code = code_digest(templates)
    common = _hash(code, options, seeds_digest(index))
    changes = {d.isoformat(): _touched_digest(index, words, d) for d in index.change_dates[1:]}
    return SiteInputs(common, world_text, everything, own, changes, code, words)


def seeds_digest(index: VersionIndex) -> str:
    """The seeds and the metadata file beside the corpus, which the pages' provenance reads
    (query/seeds.py): not in the index, they are inputs of every page."""
    from consolidator.query.seeds import seeds_key

    return seeds_key(index.corpus.root)


def _touched_digest(index: VersionIndex, words: Mapping[str, str], day: date) -> str:
    """The versions of the articles that can differ between the eve of `day` and `day`."""
    touched = sorted(_touched(index, day - timedelta(days=1), day))
    return _hash(*(f"{a}={words.get(a, '')}" for a in touched))
