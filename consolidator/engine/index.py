"""Open a corpus: load and validate it, replay it once into a version index."""

from __future__ import annotations

from pathlib import Path

from consolidator.corpus.load import load_corpus
from consolidator.corpus.warnings import check_warnings
from consolidator.engine.replay import VersionIndex, build_index, replay
from consolidator.errors import CorpusError, Diagnostic


def open_index(corpus: str | Path | None = None) -> VersionIndex:
    """Load the corpus and replay it once into a version index (raises CorpusError)."""
    return build_index(load_corpus(corpus))


def validate(corpus: str | Path | None = None) -> list[Diagnostic]:
    """Every problem of the corpus: files, schema, references, dates, operations (errors),
    then what a curator should look at (warnings, see corpus/warnings.py)."""
    try:
        loaded = load_corpus(corpus)
    except CorpusError as exc:
        return list(exc.diagnostics)
    return [*replay(loaded).problems, *check_warnings(loaded)]
