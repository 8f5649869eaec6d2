"""Open a corpus: read its version index from the cache, or load, validate and replay it."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from consolidator.engine import cache
from consolidator.engine.replay import VersionIndex, build_index, replay
from consolidator.errors import CorpusError, Diagnostic
from consolidator.resources import CORPUS_ENV, DEFAULT_CORPUS


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a corpus is loaded and replayed.

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


def corpus_root(corpus: str | Path | None = None) -> Path:
    """The corpus folder: the one given, else $CONSOLIDATOR_CORPUS, else the embedded one."""
    return (
        Path(corpus) if corpus is not None else Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)
    )


def open_index(corpus: str | Path | None = None, *, use_cache: bool = True) -> VersionIndex:
    """The version index of the corpus (raises CorpusError).

    Read from the persistent cache when this exact corpus state was replayed before
    (engine/cache.py); else load, validate and replay it, and store the result.
    """
    root = corpus_root(corpus)
    key = None
    if use_cache and cache.enabled():
        try:
            key = cache.corpus_key(root)
        except OSError:  # unreadable corpus: the loader says what is wrong
            key = None
        if key is not None:
            cached = cache.load(key)
            if cached is not None:
                return cached
    from consolidator.corpus.load import load_corpus  # lxml and the schema: only to replay

    with _no_cycle_collection():
        index = build_index(load_corpus(root))
    if key is not None:
        cache.store(key, index)
    return index


def validate(corpus: str | Path | None = None) -> list[Diagnostic]:
    """Every problem of the corpus: files, schema, references, dates, operations (never cached)."""
    from consolidator.corpus.load import load_corpus

    with _no_cycle_collection():
        try:
            loaded = load_corpus(corpus)
        except CorpusError as exc:
            return list(exc.diagnostics)
        return list(replay(loaded).problems)
