"""Full-text search over every version of every article: SQLite FTS5 with French accent folding.

One row per version (its wording, number and title, and the days it was in force), so that one
index answers both « in force on D » (the versions covering D) and « ever said » (all versions).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import ActLevel

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(
    r"^\s*(?:(?:l['’])?art(?:icle|\.)?\s*)?(\d+(?:\s*\.\s*\d+)*(?:\s*er)?)\s*\.?\s*$", re.I
)
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # around matched words in snippets (escaped when rendered)


@dataclass(frozen=True)
class Hit:
    """One version that says what was searched for."""

    article: str
    version: int
    num: str | None
    title: str | None
    text_id: str
    since: date
    until: date | None
    snippet: str


def fts_available() -> bool:
    """Whether this Python's SQLite has FTS5 (it does in CPython's official builds)."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


class SearchIndex:
    """An in-memory FTS5 table of every version, built once from the version index."""

    def __init__(self, index: VersionIndex) -> None:
        if not fts_available():
            raise QueryError(
                "this Python's SQLite has no FTS5: search is unavailable",
                hint="use a CPython build whose sqlite3 has FTS5 (python.org, Debian, pyenv)",
            )
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE v USING fts5(body, heading, article UNINDEXED, n UNINDEXED,"
            " since UNINDEXED, until UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
        )
        self.meta: dict[tuple[str, int], tuple[str | None, str | None, str]] = {}
        # the rows as they are inserted, not a list of every wording first (85 MB at 50x)
        self.db.executemany("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?)", self._rows(index))

    def _rows(self, index: VersionIndex) -> Iterator[tuple[str, str, str, int, str, str]]:
        for aid, versions in index.versions.items():
            if index.corpus.acts[versions[0].text_id].level is not ActLevel.BRANCHE:
                continue  # company-level texts are not part of the consolidated text
            for n, v in enumerate(versions):
                heading = " ".join(x for x in (v.num, v.title) if x)
                until = v.until.isoformat() if v.until else "9999-12-31"
                self.meta[(aid, n)] = (v.num, v.title, v.text_id)
                yield (v.text, heading, aid, n, v.since.isoformat(), until)

    def search(self, query: str, at: date | None = None, limit: int = 50) -> list[Hit]:
        """Versions matching every word of `query` (accents ignored), in force on `at` if given."""
        words = _WORD.findall(query)
        if not words:
            return []
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        sql = (
            "SELECT article, n, since, until,"
            f" snippet(v, 0, '{MARK_OPEN}', '{MARK_CLOSE}', ' … ', 24) FROM v WHERE v MATCH ?"
        )
        args: list[object] = [match]
        if at is not None:
            sql += " AND since <= ? AND until > ?"
            args += [at.isoformat(), at.isoformat()]
        sql += " ORDER BY rank, since LIMIT ?"
        args.append(limit)
        hits = []
        for aid, n, since, until, snippet in self.db.execute(sql, args):
            num, title, text_id = self.meta[(aid, n)]
            end = None if until == "9999-12-31" else date.fromisoformat(until)
            hits.append(Hit(aid, n, num, title, text_id, date.fromisoformat(since), end, snippet))
        return hits


def as_number(query: str) -> str | None:
    """The article number in a query that is only a number (« 2.5 », « article 1er »), else None.

    >>> as_number("2.5"), as_number("Article 1er"), as_number("l'article 2.4"), as_number("congé")
    ('2.5', '1er', '2.4', None)
    """
    m = _NUMBER.match(query)
    return re.sub(r"\s+", "", m.group(1)) if m else None
