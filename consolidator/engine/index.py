"""Open a corpus: read its version index from the cache, or load, validate and replay it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from consolidator.engine import cache
from consolidator.resources import CORPUS_ENV, DEFAULT_CORPUS

if TYPE_CHECKING:  # replay (and the operations) only when the index is not read from the cache
    from consolidator.engine.replay import VersionIndex
    from consolidator.errors import Diagnostic


def corpus_root(corpus: str | Path | None = None) -> Path:
    """The corpus folder: the one given, else $CONSOLIDATOR_CORPUS, else the embedded one."""
    return (
        Path(corpus) if corpus is not None else Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)
    )


def open_index(corpus: str | Path | None = None, *, use_cache: bool = True) -> VersionIndex:
    """The version index of the corpus (raises CorpusError).

    Read from the persistent cache when this exact corpus state was replayed before
    (engine/cache.py); else load, validate and replay it, and store the result. Through the
    cache, the files and the act graph's order that are as they were are read back from the cache
    folder too (loaded.py, act_graph.py).
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
    from consolidator.engine.loaded import StoredFiles
    from consolidator.engine.replay import build_index

    files = StoredFiles() if key is not None else None
    with cache.no_cycle_collection():
        loaded = load_corpus(root, files)
        if files is not None:
            files.save()
        index = build_index(loaded, remember_order=key is not None)
    if key is not None:
        cache.store(key, index)
    return index


def validate(corpus: str | Path | None = None) -> list[Diagnostic]:
    """Every problem of the corpus: files, schema, references, dates, operations (errors),
    then what a curator should look at (warnings, see corpus/warnings.py)."""
    from consolidator.corpus.load import load_corpus
    from consolidator.corpus.warnings import check_warnings
    from consolidator.engine.replay import replay
    from consolidator.errors import CorpusError

    with cache.no_cycle_collection():
        try:
            loaded = load_corpus(corpus)
        except CorpusError as exc:
            return list(exc.diagnostics)
        return [*replay(loaded).problems, *check_warnings(loaded)]
