"""The SHA-256 of each file a cache key depends on, remembered by the file's metadata.

The keys of the cache folder hash every byte they depend on (engine/cache.py): the corpus, the
package's code and the seeds, about 5 MB read and hashed by every cold command, a tenth of a
cold `article`. Here each file's digest is kept in the cache folder (`digests-memo.pickle`)
with what `stat` said of the file when it was hashed (size, modification and change times in
nanoseconds, inode, device); the next process reuses a digest only when `stat` says exactly
the same again, and reads and hashes the file otherwise.

A write changes the file's change time (ctime), which no program can set back, so a changed
file is always hashed again. One case remains, which git calls « racily clean »: a file written
within the same tick of the file system's clock as it was hashed, before and after the hashing,
shows the same times twice. So a digest is trusted only for a file whose times are older than
its hashing by more than `RACY_NS` (2 s, the coarsest clock of the usual file systems); a file
changed in the last seconds is hashed every time until it is older.

`CONSOLIDATOR_NO_CACHE=1` (or no cache folder) hashes every file every time.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable

from consolidator.resources import cache_dir, cache_enabled

RACY_NS = 2_000_000_000
MEMO = "digests-memo.pickle"

Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device
_memo: dict[str, tuple[Signature, int, bytes]] = {}  # path -> (signature, hashed at (ns), digest)
_used: set[str] = set()  # the paths whose digest this process read or wrote
_state = {"read": False, "changed": False}
KEEP = 4096  # digests kept in the memo: beyond, those of this process and the latest hashed


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def file_digest(path: str) -> tuple[int, bytes]:
    """(size, SHA-256) of the file at `path`, from the memo when its `stat` is unchanged and not
    racy, else read and hashed (raises OSError)."""
    remember = cache_enabled()
    if remember:
        _read_memo()
    return _digest(os.path.abspath(path), remember)


def _digest(path: str, remember: bool) -> tuple[int, bytes]:
    """`file_digest` of an absolute path (the memo read when `remember`)."""
    sig = signature(os.stat(path))
    known = _memo.get(path) if remember else None
    if known is not None and known[0] == sig and max(sig[1], sig[2]) < known[1] - RACY_NS:
        _used.add(path)
        return sig[0], known[2]
    hashed_at = time.time_ns()  # before the read: a write during it shows a later ctime
    with open(path, "rb", buffering=0) as file:
        data = file.readall()
        after = signature(os.fstat(file.fileno()))
    digest = hashlib.sha256(data).digest()
    if remember and after == sig and len(data) == sig[0]:
        _memo[path] = (sig, hashed_at, digest)
        _used.add(path)
        _state["changed"] = True
    return len(data), digest


def update(digest: hashlib._Hash, named: Iterable[tuple[str, str]]) -> None:
    """Feed `digest` with each file's name, size and SHA-256 (names as given, in their order;
    paths absolute), then write the memo if a digest was added."""
    remember = cache_enabled()
    if remember:
        _read_memo()
    for name, path in named:
        size, file_hash = _digest(path, remember)
        digest.update(f"{name}\0{size}\0".encode())
        digest.update(file_hash)
    save()


def _read_memo() -> None:
    if _state["read"]:
        return
    _state["read"] = True
    folder = cache_dir()
    if folder is None or not cache_enabled():
        return
    from consolidator.engine.cache import read_pickle

    try:
        stored = read_pickle(folder / MEMO)
    except Exception:  # absent or damaged: every file is hashed again
        return
    if isinstance(stored, dict):
        _memo.update(stored)


def save() -> None:
    """Write the memo when a digest was added (a cache that cannot be written is only logged)."""
    folder = cache_dir()
    if not _state["changed"] or folder is None or not cache_enabled():
        return
    from consolidator.engine.cache import write_pickle

    _state["changed"] = False
    # a file gone since (a temporary corpus, a corpus moved) is forgotten: every command reads
    # the memo whole, and a benchmark's corpus at 50x left 3,000 digests of removed files in it
    kept = {path: known for path, known in _memo.items() if path in _used or os.path.exists(path)}
    if len(kept) > KEEP:  # a test suite's temporary corpora: the oldest others are forgotten
        others = sorted((p for p in kept if p not in _used), key=lambda p: kept[p][1])
        for path in others[: len(kept) - KEEP]:
            del kept[path]
    write_pickle(folder / MEMO, kept)
