"""Each corpus file as read before, kept in the cache folder by its bytes: a replay after one
file changed reads the others back instead of parsing, validating and reading them again.

What a file gives (its act or arrêté, its salary grids, its root element's line: corpus/load.py's
`Loaded`) depends only on its bytes, its name in the corpus folder and the package's code. So the
results are kept in one file of the cache folder named after the code's hash
(`loaded-<hash>.pickle`, engine/cache.py's checksummed format), each under the file's name and
the SHA-256 of the very bytes that were parsed: a changed byte is another key, never a stale
result. Only a file read without any problem is kept; a file with a problem is read, and its
problems reported, each time. What looks across files (duplicate ids, references, the grids)
runs on every load. `open_index` uses it when it uses the cache; `validate` and `--no-cache`
read every file. The file keeps the results of the last load only, so it does not grow.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from consolidator.corpus.load import Loaded
from consolidator.engine import cache
from consolidator.resources import cache_dir, cache_enabled

log = logging.getLogger(__name__)


class StoredFiles:
    """The files read before (corpus/load.py's `FileMemo`), and this load's."""

    def __init__(self) -> None:
        self.path = _path()
        self.before: dict[tuple[str, bytes], Loaded] = {}
        self.now: dict[tuple[str, bytes], Loaded] = {}
        self.new = False
        if self.path is None:
            return
        try:
            stored: Any = cache.read_pickle(self.path)
            if isinstance(stored, tuple) and stored[0] == cache.FORMAT:
                self.before = stored[1]
        except Exception as exc:  # absent, truncated, corrupt: every file is read again
            log.debug("cache file %s not used (%s)", self.path, exc)

    def get(self, name: str, data: bytes) -> Loaded | None:
        key = (name, hashlib.sha256(data).digest())
        found = self.before.get(key)
        if found is not None:
            self.now[key] = found
        return found

    def put(self, name: str, data: bytes, loaded: Loaded) -> None:
        self.now[(name, hashlib.sha256(data).digest())] = loaded
        self.new = True

    def save(self) -> None:
        """Write this load's files, when they are not those read (never raises)."""
        if self.path is not None and (self.new or len(self.now) != len(self.before)):
            cache.write_pickle(self.path, (cache.FORMAT, self.now))


def _path() -> Path | None:
    folder = cache_dir()
    if folder is None or not cache_enabled():
        return None
    return folder / f"loaded-{cache.code_digest().hex()[:40]}.pickle"
