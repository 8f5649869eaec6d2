"""A persistent version index: the replay's result stored once per corpus state, read back in
milliseconds by the next query.

The key is a hash of every byte that the result depends on: every file of the corpus folder
(names and contents), the folder as given (it is written into the index), the package's version
and every file of the package's own code, and the cache's format version. So a change of one
byte anywhere is a miss and a new replay: the cache is never stale. A file is written whole
(temporary file, then rename) with a checksum of its contents; a file that is missing, truncated,
corrupt, of another format or of another key is ignored and replaced, never trusted.

Where: `$CONSOLIDATOR_CACHE_DIR`, else `$XDG_CACHE_HOME/consolidator`, else `~/.cache/consolidator`.
`CONSOLIDATOR_NO_CACHE=1` (or `consolidator --no-cache ...`) replays every time.
`validate` never reads the cache: it runs every check each time.

The same folder keeps values derived from other files by the same code (`stored`, keyed by
`files_key`): the index of the seeds that the provenance of every date is read from
(query/seeds.py), built once per state of the seeds and of the code.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import io
import logging
import os
import pickle
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar, cast

from consolidator import __version__
from consolidator.resources import (
    CACHE_DIR_ENV,
    CACHE_OFF_ENV,
    PACKAGE,
    cache_dir,
    cache_enabled,
)

if TYPE_CHECKING:  # replay's module is imported when an index is read or written, not before
    from consolidator.engine.replay import VersionIndex

log = logging.getLogger(__name__)
T = TypeVar("T")

FORMAT = 4  # bump when the layout of the stored index changes
MAGIC = b"consolidator-index\n"
TRAILER = 8  # bytes of the size of the stored index's head, at the end of its file
DIGEST = 4  # bytes of the CRC-32 of the payload (damage, not tampering: a pickle runs code anyway)
KEEP = 8  # cache files kept of each kind (the most recently used); older ones are removed
KEEP_KIND = {"answer": 32}  # query/answers.py: an article's answer is a few kilobytes
# Set by the `consolidator` program (commands.FREEZE_INDEX), never by a library user: each
# article's versions, once read, are moved out of the cyclic collector's sight (gc.freeze) as the
# head is when the index is opened; a whole text reads ~500 articles, and the collections their
# objects triggered cost as much as reading them.
FREEZE_READS = False
# Set by the `consolidator` program (commands.open_index), never by a library user: a replayed
# index is written by a forked child while the command goes on (a build hashes the index
# meanwhile, on the other core); the program waits for the child before it exits, so the file is
# whole when it ends and the child's time is counted in its own.
STORE_IN_CHILD = False
_CHILDREN: list[int] = []
DIR_ENV = CACHE_DIR_ENV
OFF_ENV = CACHE_OFF_ENV
enabled = cache_enabled


def _hash_tree(digest: Any, root: Path, suffixes: tuple[str, ...] | None) -> None:
    """Hash the name, size and SHA-256 of every file under `root` (of these suffixes), in name
    order (each file's digest remembered by its metadata: engine/digests.py); `__pycache__`
    folders and linked folders are not entered (raises OSError)."""
    from consolidator.engine import digests

    found: list[tuple[str, str]] = []  # (name from root, with /; path)
    folders = [(os.path.abspath(root), "")]  # absolute paths: the digests' memo is keyed by them
    while folders:
        folder, rel = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if entry.name != "__pycache__" and not entry.is_symlink():
                        folders.append((entry.path, f"{rel}{entry.name}/"))
                elif entry.is_file() and (
                    suffixes is None or os.path.splitext(entry.name)[1] in suffixes
                ):
                    found.append((rel + entry.name, entry.path))
    digests.update(digest, sorted(found))


@functools.cache
def code_digest() -> bytes:
    """The hash of the package's own code (every .py and .rng file), once per process: a process
    runs the code it read at its start, whatever is written to its files later."""
    digest = hashlib.sha256()  # the fastest hash of hashlib here (SHA extensions)
    digest.update(f"format {FORMAT}\0version {__version__}\0".encode())
    _hash_tree(digest, PACKAGE, (".py", ".rng"))
    return digest.digest()


def corpus_key(root: Path) -> str:
    """The hash of everything the replayed index of `root` depends on (raises OSError)."""
    digest = hashlib.sha256(code_digest())
    digest.update(f"root {root}\0resolved {root.resolve()}\0corpus\0".encode())
    _hash_tree(digest, root, None)
    return digest.hexdigest()[:40]


def files_key(name: str, files: Mapping[str, bytes]) -> str:
    """The key of a value computed from these files (name -> contents) by this package's code."""
    digest = hashlib.sha256(code_digest())
    digest.update(f"{name}\0".encode())
    for file, data in sorted(files.items()):
        digest.update(f"{file}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:40]


def paths_key(name: str, files: Mapping[str, Path]) -> str:
    """The key of a value computed from the files at these paths (name -> path) by this package's
    code, as `files_key` is of contents: their names, sizes and SHA-256, without reading the files
    whose digest is remembered (engine/digests.py) (raises OSError)."""
    from consolidator.engine import digests

    digest = hashlib.sha256(code_digest())
    digest.update(f"{name}\0paths\0".encode())
    named = sorted((file, os.path.abspath(path)) for file, path in files.items())
    digests.update(digest, named)
    return digest.hexdigest()[:40]


def stored(
    name: str, key: str, build: Callable[[], T], keep: Callable[[T], bool] | None = None
) -> T:
    """The value of `build()` for `key`, read from the cache folder when it was stored there
    before (`read_stored`), else built and stored, unless `keep` says otherwise (never raises for
    the cache: a cache that cannot be read or written only costs the build).

    For a value derived from files other than the corpus (the seeds' index, query/seeds.py): the
    key must hash every byte it depends on, as `files_key` does, so that it is never stale.
    """
    found = read_stored(name, key)
    if found is not None:
        return cast(T, found)
    value = build()
    if keep is None or keep(value):
        write_stored(name, key, value)
    return value


def read_stored(name: str, key: str) -> Any:
    """The value stored under `name` and `key` (same format, same key, checksum right), or None
    (absent, truncated, corrupt, of another key or format, or the cache off: never raises)."""
    path = _path(key, name)
    if not enabled() or path is None:
        return None
    try:
        fmt, stored_key, value = read_pickle(path)
        if fmt != FORMAT or stored_key != key:
            raise ValueError("another format or key")
        os.utime(path)  # most recently used: the last to be pruned
        return value
    except Exception as exc:
        log.debug("cache file %s not used (%s)", path, exc)
        return None


def write_stored(name: str, key: str, value: object) -> None:
    """Store `value` under `name` and `key`, for `read_stored` (nothing when the cache is off)."""
    path = _path(key, name)
    if enabled() and path is not None:
        write_pickle(path, (FORMAT, key, value))


def _checked(data: bytes) -> memoryview:
    """The payload of a cache file, once its header and checksum are checked (raises ValueError)."""
    head = len(MAGIC) + DIGEST
    payload = memoryview(data)[head:]
    if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : head] != _checksum(payload):
        raise ValueError("bad header or checksum")
    return payload


def read_pickle(path: Path) -> Any:
    """The value `write_pickle` stored in the cache file `path` (raises OSError when it is absent,
    ValueError when its header or checksum is wrong, or the unpickling's error)."""
    data = path.read_bytes()
    with no_cycle_collection():
        return pickle.loads(_checked(data))


def _path(key: str, name: str = "index") -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{key}.pickle"


def load(key: str) -> VersionIndex | None:
    """The stored index of this key, or None when absent or not trustworthy (never raises).

    The file is checked whole (checksum), then only its head is unpickled: the acts without their
    bodies and operations, the arrêtés, the seats and the bindings. The rest stays bytes until a
    query asks for it (engine/stored.py), so that one article costs its own versions and the
    operations of the acts that wrote them, not the whole corpus.
    """
    path = _path(key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        index = _read(data, key)
    except Exception as exc:  # a corrupt file can fail in any way: it is only ignored
        log.info("cache file %s ignored (%s): replaying", path, exc)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used
    return index


def _read(data: bytes, key: str) -> VersionIndex:
    """The index of a file written by `_payload`. Each part is a copy of its bytes, freed once
    read: slices of the file's bytes would keep them all for as long as one part is unread."""
    from consolidator.engine import stored

    payload = _checked(data)
    if len(payload) < TRAILER:
        raise ValueError("no trailer")
    size = int.from_bytes(payload[-TRAILER:], "big")
    start = len(payload) - TRAILER - size
    if start < 0:
        raise ValueError("bad trailer")
    with no_cycle_collection():  # many objects, no cycles: the collector would only scan them
        fmt, stored_key, head, table = pickle.loads(payload[start : start + size])
        if fmt != FORMAT or stored_key != key:
            raise ValueError("another format or key")
        if not isinstance(head, bytes) or not isinstance(table, dict):
            raise ValueError("no head or no parts")
        parts: dict[stored.Part, bytes] = {}
        for name, (offset, length) in table.items():
            if not 0 <= offset <= offset + length <= start:
                raise ValueError("a part outside the file")
            parts[name] = bytes(payload[offset : offset + length])  # each freed once read
        return stored.read(head, parts)


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a corpus is loaded, replayed or read back.

    Loading and replay allocate many long-lived objects and almost no cycles; each full
    collection scans them all, which made `validate` super-linear in the corpus's size (10x the
    corpus: 18x the replay time). Memory is still freed by reference counting meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _checksum(payload: bytes | memoryview) -> bytes:
    """Detects a damaged file (truncated, a bit flipped): CRC-32, 8 times faster than SHA-256."""
    return zlib.crc32(payload).to_bytes(DIGEST, "big")


def store(key: str, index: VersionIndex) -> None:
    """Write the index whole, atomically; a cache that cannot be written is only logged (in a
    forked child when `STORE_IN_CHILD`).

    Written as it is pickled (`_Sink`), never whole in memory (170 MB at 50x the corpus)."""
    path = _path(key)
    if path is None:
        return
    if STORE_IN_CHILD and hasattr(os, "fork") and _store_in_child(key, index):
        return
    _store(path, key, index)


def _store_in_child(key: str, index: VersionIndex) -> bool:
    """`store` in a forked child (False, and nothing done, if it cannot fork)."""
    import atexit
    import signal

    path = _path(key)
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid == 0:  # the child: writes the file, then ends without running the parent's exit code
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the program's handler is the parent's
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if path is not None:
                _store(path, key, index)
            status = 0
        finally:
            os._exit(status)
    if not _CHILDREN:
        atexit.register(_wait_for_children)
    _CHILDREN.append(pid)
    return True


def _wait_for_children() -> None:
    while _CHILDREN:
        with contextlib.suppress(OSError):
            os.waitpid(_CHILDREN.pop(), 0)


def _store(path: Path, key: str, index: VersionIndex) -> None:
    """The index written as it is pickled, its checksum written in the header at the end."""
    from consolidator.errors import OutputError
    from consolidator.output import atomic_file

    try:
        with atomic_file(path) as fh:
            fh.write(MAGIC + bytes(DIGEST))
            sink = _Sink(fh)
            _payload(key, index, sink)
            fh.seek(len(MAGIC))
            fh.write(sink.crc.to_bytes(DIGEST, "big"))
        _prune(path.parent)
    except (OSError, OutputError, pickle.PicklingError, RecursionError) as exc:
        log.warning("could not write the index cache %s: %s", path, exc)


class _Sink:
    """A file written through, with the CRC-32 and the size of what was written."""

    def __init__(self, file: BinaryIO) -> None:
        self.file, self.crc, self.size = file, 0, 0

    def write(self, data: bytes | memoryview) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        return self.file.write(data)

    def tell(self) -> int:
        return self.size


def write_pickle(path: Path, value: object) -> None:
    """Write `value` pickled to the cache file `path` (a header with the payload's CRC-32, then the
    payload), whole, atomically, then remove the least recently used files of its kind; a cache
    that cannot be written is only logged. The payload is pickled once, into the file's buffer:
    at 50x the corpus, each copy of the index's bytes was 170 MB more at the peak."""
    from consolidator.errors import OutputError
    from consolidator.output import write_file_atomic

    buffer = io.BytesIO()
    buffer.write(MAGIC + bytes(DIGEST))
    pickle.dump(value, buffer, protocol=pickle.HIGHEST_PROTOCOL)
    head = len(MAGIC) + DIGEST
    with buffer.getbuffer() as view:
        view[len(MAGIC) : head] = _checksum(view[head:])
    folder, kind = path.parent, path.name.split("-", 1)[0]
    try:
        write_file_atomic(path, buffer.getvalue())
        _prune(folder, kind)
    except (OSError, OutputError) as exc:
        log.warning("could not write the cache file %s: %s", path, exc)


def _payload(key: str, index: VersionIndex, out: _Sink) -> None:
    """The parts read on demand (engine/stored.py), one after the other, then the head (what a
    query reads first) with where each part lies, then the head's size (TRAILER bytes)."""
    from consolidator.engine import stored

    head, table = stored.split(index, out)
    size = out.write(pickle.dumps((FORMAT, key, head, table), protocol=pickle.HIGHEST_PROTOCOL))
    out.write(size.to_bytes(TRAILER, "big"))


def _prune(folder: Path, kind: str = "index") -> None:
    files = []
    for path in folder.glob(f"{kind}-*.pickle"):
        try:
            files.append((path.stat().st_mtime, path))
        except OSError:  # removed meanwhile by another process
            continue
    for _, old in sorted(files, reverse=True)[KEEP_KIND.get(kind, KEEP) :]:
        old.unlink(missing_ok=True)
