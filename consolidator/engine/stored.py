"""The stored index cut into parts, each unpickled when a query first reads it (engine/cache.py).

A query reads the head whole: the acts without their bodies and operations, the arrêtés, the
seats, the bindings, the numbers, the timeline without its changes. Everything else is a part of
its own, kept as bytes until asked for:

- ("v", article): one article's versions (`LazyVersions`);
- ("body", act) and ("ops", act): an act's own body and its operations;
- ("changes",) and ("pending",): the timeline's dated changes and its pending ones.

So `article 2.5` reads its own versions and the operations of the acts that wrote them, not the
whole corpus. An act, an operation or an arrêté referred to from another part is written as its
name (("act", id), ("op", act, rank), ("arrete", id)) and read back as the head's own object, so
an operation is one object whether it is reached from its act, a version or a change.

The acts and the timeline of the head are of two subclasses (`StoredAct`, `StoredTimeline`) whose
deferred fields read their part on first access, then stay in the object like any other field;
copied or pickled again (a process pool), they become plain `Act` and `Timeline` objects.
"""

from __future__ import annotations

import gc
import io
import pickle
import threading
from collections.abc import Iterator, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Protocol, cast

from consolidator.engine import cache
from consolidator.engine.timeline import Timeline
from consolidator.model import Act

if TYPE_CHECKING:
    from consolidator.engine.replay import VersionIndex
    from consolidator.model import Corpus, Version

Part = tuple[str, ...]
STORE = "_stored"  # the attribute of a stored act or timeline that holds its `Parts`
ACT_PARTS = ("body", "ops")
TIMELINE_PARTS = ("changes", "pending")
# Values derived from the index (its cached properties) kept in the head, so that a query that
# reads them does not read the parts they come from: the notas' first days, the texts' first days
# and the acts changing the text on each date would read the timeline's changes, hence every act's
# operations.
DERIVED = ("notas_by_article", "body_in_force", "acts_changed_on")


class Sink(Protocol):
    """Where the parts are written (the cache file), each at the offset `tell` says."""

    def write(self, data: bytes | memoryview, /) -> int: ...
    def tell(self) -> int: ...


class Parts:
    """The parts of one stored index, as bytes, unpickled on demand against its corpus.

    A part's bytes are dropped once it is read (its objects stay in the act, the timeline or the
    versions that asked for it): a server that reads every part holds the objects, not the
    objects and their bytes too (at 50x the corpus, 170 MB). A part asked for again (another
    thread asking at the same time) is the object read the first time."""

    def __init__(self, blobs: dict[Part, bytes]) -> None:
        self.blobs = blobs
        self.corpus: Corpus | None = None  # set once the head is read (`attach`)
        self.read: dict[Part, Any] = {}
        self.lock = threading.RLock()  # reading a part may read another (an act's operations)

    def load(self, name: Part) -> Any:
        with self.lock:
            if name in self.read:
                return self.read[name]
            blob = self.blobs[name]  # KeyError for an unknown part, as a dict
            with cache.no_cycle_collection():
                value = _Unpickler(io.BytesIO(blob), self).load()
                if (
                    cache.FREEZE_READS
                ):  # before the collector runs again: it would scan them for nothing
                    gc.freeze()
            self.read[name] = value
            del self.blobs[name]
        return value


class _Deferred:
    """A field read from the object's part the first time it is asked for, then kept."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        store: Parts = obj.__dict__[STORE]
        part: Part = (self.name, obj.id) if isinstance(obj, Act) else (self.name,)
        value = store.load(part)
        obj.__dict__[self.name] = value  # the instance's own field from now on
        return value


def _equal(cls: type, obj: Any, other: object) -> Any:
    """Equal to the plain object of the same fields, as the dataclass's own `==` says."""
    if not isinstance(other, cls):
        return NotImplemented
    return all(getattr(obj, f.name) == getattr(other, f.name) for f in fields(cls) if f.compare)


def _as_plain(cls: type, obj: Any) -> tuple[Any, ...]:
    return _restore, (cls, {f.name: getattr(obj, f.name) for f in fields(cls)})


class StoredAct(Act):
    """An act read from the stored index: its body and operations read when first asked for."""

    body = _Deferred()  # type: ignore[assignment]
    ops = _Deferred()  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return _as_plain(Act, self)

    def __eq__(self, other: object) -> bool:
        return _equal(Act, self, other)

    __hash__ = Act.__hash__


class StoredTimeline(Timeline):
    """The timeline read from the stored index: its changes read when first asked for."""

    changes = _Deferred()  # type: ignore[assignment]
    pending = _Deferred()  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return _as_plain(Timeline, self)

    def __eq__(self, other: object) -> bool:
        return _equal(Timeline, self, other)

    __hash__ = Timeline.__hash__


# Named as the plain classes they stand for: a repr, or a digest of the index made from the type's
# name (render/site_inputs.py), is the same whether the index was read back or replayed.
StoredAct.__name__ = StoredAct.__qualname__ = Act.__name__
StoredTimeline.__name__ = StoredTimeline.__qualname__ = Timeline.__name__


class LazyVersions(Mapping[str, "tuple[Version, ...]"]):
    """Every article's versions, by article id, each unpickled when first asked for.

    Iteration order is the replay's (article ids sorted). A version's operations are the
    corpus's own objects (stored by name, see the module's docstring).
    """

    def __init__(self, parts: Parts, articles: tuple[str, ...]) -> None:
        self._parts = parts
        self._articles = articles
        self._known = frozenset(articles)
        self._loaded: dict[str, tuple[Version, ...]] = {}

    def __getitem__(self, article: str) -> tuple[Version, ...]:
        found = self._loaded.get(article)
        if found is None:
            if article not in self._known:
                raise KeyError(article)
            found = self._loaded[article] = self._parts.load(("v", article))
        return found

    def __contains__(self, article: object) -> bool:
        return article in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (a process pool) as the plain dict
        return dict, (dict(self.items()),)


def split(index: VersionIndex, out: Sink) -> tuple[bytes, dict[Part, tuple[int, int]]]:
    """The head of a replayed index pickled, its parts pickled one after the other into `out`,
    and where each part lies in `out` (offset, length) (raises PicklingError)."""
    from dataclasses import replace

    corpus = index.corpus
    names: dict[int, tuple[Any, ...]] = {}  # id(object) -> its name in the other parts
    for act in corpus.acts.values():
        names[id(act)] = ("act", act.id)
    for arrete in corpus.arretes.values():
        names[id(arrete)] = ("arrete", arrete.id)
    plain = dict(names)  # an act's own operations are written in its part, by value
    for act in corpus.acts.values():
        names.update({id(op): ("op", act.id, rank) for rank, op in enumerate(act.ops)})
    parts: dict[Part, tuple[int, int]] = {}

    def dump(name: Part, value: Any, names: dict[int, tuple[Any, ...]]) -> None:
        start = out.tell()
        _Pickler(out, names).dump(value)
        parts[name] = (start, out.tell() - start)

    for article, versions in index.versions.items():
        dump(("v", article), versions, names)
    for act in corpus.acts.values():
        dump(("body", act.id), act.body, plain)
        dump(("ops", act.id), act.ops, plain)
    dump(("changes",), index.timeline.changes, names)
    dump(("pending",), index.timeline.pending, names)
    # the act graph is not read by queries (and would import networkx); derived caches are not kept
    articles = tuple(index.versions)  # the head's stand-in for the versions, in their order
    lean = replace(
        index, timeline=replace(index.timeline, graph=None), versions=cast(Any, articles)
    )
    for name in DERIVED:  # computed on the whole index, read back as computed
        lean.__dict__[name] = getattr(index, name)
    buffer = io.BytesIO()
    _HeadPickler(buffer, frozenset(k for k, v in names.items() if v[0] == "op")).dump(lean)
    return buffer.getvalue(), parts


class _Pickler(pickle.Pickler):
    """Writes an act, an operation or an arrêté of the corpus by name, not as a copy."""

    def __init__(self, file: Sink, names: dict[int, tuple[Any, ...]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = names

    def persistent_id(self, obj: Any) -> tuple[Any, ...] | None:
        return self._names.get(id(obj))


class _HeadPickler(pickle.Pickler):
    """Writes the head: acts and the timeline without their deferred fields."""

    def __init__(self, file: io.BytesIO, ops: frozenset[int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ops = ops

    def persistent_id(self, obj: Any) -> None:
        if id(obj) in self._ops:  # an operation outside its act's part: it would be a copy
            raise pickle.PicklingError(f"operation {obj.uid} in the head of the stored index")
        return None

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Act or kind is StoredAct:
            return _stored_act, (_without(obj, ACT_PARTS),)
        if kind is Timeline or kind is StoredTimeline:
            return _stored_timeline, (_without(obj, TIMELINE_PARTS),)
        return NotImplemented


def _without(obj: Any, deferred: tuple[str, ...]) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj) if f.name not in deferred}


def _restore(cls: type, state: dict[str, Any]) -> Any:
    obj: Any = object.__new__(cls)
    obj.__dict__.update(state)
    return obj


def _stored_act(state: dict[str, Any]) -> StoredAct:
    """An act of the head, without its body and operations (read later from its parts)."""
    return _restore(StoredAct, state)  # type: ignore[no-any-return]


def _stored_timeline(state: dict[str, Any]) -> StoredTimeline:
    """The timeline of the head, without its changes (read later from its parts)."""
    return _restore(StoredTimeline, state)  # type: ignore[no-any-return]


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, parts: Parts | None) -> None:
        super().__init__(file)
        self._parts = parts

    def persistent_load(self, pid: Any) -> Any:
        corpus = self._parts.corpus if self._parts is not None else None
        if corpus is None:
            raise pickle.UnpicklingError("a reference in the head of the stored index")
        kind, ident, *rank = pid
        if kind == "op":
            return corpus.acts[ident].ops[rank[0]]
        return corpus.acts[ident] if kind == "act" else corpus.arretes[ident]


def read(head: bytes, blobs: dict[Part, bytes]) -> VersionIndex:
    """The index whose head and parts these are (raises when they are not a stored index)."""
    from dataclasses import replace

    from consolidator.engine.replay import VersionIndex

    parts = Parts(blobs)
    index = _Unpickler(io.BytesIO(head), parts).load()
    if not isinstance(index, VersionIndex) or type(index.versions) is not tuple:
        raise ValueError("not a stored index")
    stored = [*index.corpus.acts.values(), index.timeline]
    if not all(type(o) in (StoredAct, StoredTimeline) for o in stored):
        raise ValueError("not a stored head")
    parts.corpus = index.corpus
    for obj in stored:
        obj.__dict__[STORE] = parts
    whole = replace(index, versions=LazyVersions(parts, tuple(index.versions)))
    for name in DERIVED:
        whole.__dict__[name] = index.__dict__[name]  # KeyError: not a stored index
    return whole
