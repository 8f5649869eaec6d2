"""A pure function of a string, its results kept in the cache folder for the next processes.

French typography (`typography.typo_fr`) runs a dozen regular expressions over each alinéa: half
the instructions of a cold plain text of the whole convention (1.6 of 3.0 billion), for results
that depend only on the string and the package's code. A `Memo` keeps each result of a process;
once a process has computed `load_after` of them (a whole text, a site; not one article, which
computes a few dozen, for which reading the file would cost more than it saves), it reads the
results stored by earlier processes, and the `consolidator` program writes them back, with its
own new ones, when it ends (`save_all`, from `consolidator.__main__`).

The file (`<name>-<hash of the package's code>.pickle`, engine/cache.py's checksummed format)
is keyed by the code: a change of the typography's rules is another file, never a stale result.
A file that is absent, damaged or of another shape is ignored; CONSOLIDATOR_NO_CACHE=1 turns the
reading and the writing off (each process keeps its own results only).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from consolidator.resources import cache_dir, cache_enabled

_MEMOS: list[Memo] = []


class Memo:
    """`fn(text)`, each result kept (up to `keep`), read from and written to the cache folder."""

    def __init__(
        self, name: str, fn: Callable[[str], str], load_after: int = 256, keep: int = 200_000
    ) -> None:
        self.name, self.fn, self.load_after, self.keep = name, fn, load_after, keep
        self.results: dict[str, str] = {}
        self.computed = 0  # results computed by this process
        self.loaded = False  # the stored results read (then written back at the end)
        _MEMOS.append(self)

    def __call__(self, text: str) -> str:
        found = self.results.get(text)
        if found is None:
            found = self.fn(text)
            if len(self.results) < self.keep:
                self.results[text] = found
            self.computed += 1
            if self.computed == self.load_after:
                self.load()
        return found

    def _path(self) -> Path | None:
        from consolidator.engine.cache import code_digest

        folder = cache_dir()
        if folder is None or not cache_enabled():
            return None
        return folder / f"{self.name}-{code_digest().hex()[:16]}.pickle"

    def load(self) -> None:
        """Add the stored results to this process's (never raises)."""
        from consolidator.engine.cache import read_pickle

        path = self._path()
        if path is None:
            return
        self.loaded = True
        try:
            stored = read_pickle(path)
        except Exception:  # absent or damaged: only this process's results
            return
        if not isinstance(stored, dict):
            return
        self.computed = sum(text not in stored for text in self.results)  # new ones
        for text, result in stored.items():
            if len(self.results) >= self.keep:
                break
            self.results.setdefault(text, result)

    def save(self) -> None:
        """Write the results when they were loaded and this process added some."""
        from consolidator.engine.cache import write_pickle

        path = self._path()
        if path is None or not self.loaded or not self.computed:
            return
        write_pickle(path, self.results)
        self.computed = 0


def save_all() -> None:
    """Write every memo that has new results (the `consolidator` program, when it ends)."""
    for memo in _MEMOS:
        memo.save()
