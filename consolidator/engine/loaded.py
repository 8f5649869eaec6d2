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

from consolidator.corpus.load import Loaded
from consolidator.engine import cache

NAME = "loaded"  # the cache file: loaded-<the code's hash>.pickle


class StoredFiles:
    """The files read before (corpus/load.py's `FileMemo`), and this load's."""

    def __init__(self) -> None:
        self.key = cache.code_digest().hex()[:40]
        self.before: dict[tuple[str, bytes], Loaded] = cache.read_stored(NAME, self.key) or {}
        self.now: dict[tuple[str, bytes], Loaded] = {}
        self.new = False

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
        if self.new or len(self.now) != len(self.before):
            cache.write_stored(NAME, self.key, self.now)
