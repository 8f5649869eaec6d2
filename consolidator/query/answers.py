"""Answers of the one-query commands (`text`, `article`) stored in the cache folder, per question.

A question is the command and every option that shapes its output (the format last). Its answer
is stored under a hash of everything it depends on (`answer_key`): every file of the corpus folder
and of the package's code, the seeds and the metadata file the provenance of dates is read from,
the Python that worked it out, and the question. So the same question on the same corpus, seeds
and code is read back without opening the index, and a change of one byte of any of them is a new
answer: never a stale one. Files are written whole and checksummed (engine/cache.py `stored`); the
least recently used are removed beyond `cache.KEEP_KIND["answer"]`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from consolidator.engine import cache
from consolidator.engine.index import corpus_root
from consolidator.query.seeds import seeds_key

Document = str | bytes

STORED_FORMATS = ("text", "json")
"""The formats whose answers `stored_answer` keeps: what they say is a function of the corpus, the
seeds and the code alone (HTML and PDF also read the templates and the fonts)."""


def stored_answer(
    corpus: Path | None, question: tuple[object, ...], answer: Callable[[], Document]
) -> Document:
    """`answer()`, or the bytes it gave when the same question (the command and every option
    that shapes its output, the format last) was asked of the same corpus, seeds and code: read
    from the cache folder without opening the index (engine/cache.py `stored`). A question that
    fails (a date before the convention, an unknown article) is asked again every time."""
    key = answer_key(corpus, question) if question[-1] in STORED_FORMATS else None
    if key is None:
        return answer()
    return cache.stored("answer", key, answer)


def answer_key(corpus: Path | None, question: tuple[object, ...]) -> str | None:
    """The hash of everything an answer depends on: the corpus folder and the package's code
    (`corpus_key`), the seeds and metadata file its provenance is read from (`seeds_key`), the
    Python that worked it out (its Unicode tables, its json), and the question; None when the
    cache is off or the corpus cannot be read (the loader then says why)."""
    if not cache.enabled():
        return None
    root = corpus_root(corpus)
    try:
        parts = {
            "corpus": cache.corpus_key(root),
            "seeds": seeds_key(str(root)),
            "python": sys.version,
            "question": repr(question),
        }
    except OSError:
        return None
    return cache.files_key("answer", {name: part.encode() for name, part in parts.items()})
