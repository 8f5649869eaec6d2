"""What a reader types that is not an article number: a chapter's number, and the suggestions made
when nothing matches (lawyer L-61: a hint never offers an internal id).

A chapter's own clauses (« Dispositions du chapitre XIII - Maternité - Adoption ») bear no number;
a lawyer reaches them by the chapter's number, `XIII` or `chapitre XIII`.
"""

from __future__ import annotations

import re
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.model import Version

_CHAPTER = re.compile(r"(?:chap(?:itre)?[\s.-]*)?([ivxlc]+)", re.IGNORECASE)


def section_numeral(index: VersionIndex, version: Version) -> str:
    """« XIII » of « XIII - Maternité - Adoption »: the numeral of the section `version` stands in
    on its first day ("" when none); the site names a chapter's clause by it too (D-707)."""
    entry = index.entry_at(version.article, version.since)
    heading = entry.path[-1] if entry and entry.path else ""
    return heading.split(" - ", 1)[0].strip()


def _chapter_of(index: VersionIndex, version: Version) -> str | None:
    """The roman number of the chapter an unnumbered clause of the convention opens."""
    if version.num is not None or version.text_id != index.corpus.convention.base:
        return None
    roman = section_numeral(index, version)
    return roman.upper() if _CHAPTER.fullmatch(roman) else None


def chapter_clause(index: VersionIndex, typed: str, day: date | None) -> str | None:
    """The clause opening chapter `typed` (« XIII », « chapitre XIII ») on `day` (else the latest)."""
    found = _CHAPTER.fullmatch(typed.strip())
    if not found:
        return None
    roman = found.group(1).upper()
    clauses = [vs for vs in index.versions.values() if vs and _chapter_of(index, vs[0]) == roman]
    if day is not None:
        clauses = [vs for vs in clauses if any(v.covers(day) for v in vs)] or clauses
    return max(clauses, key=lambda vs: vs[-1].since)[0].article if clauses else None


def typed_form(index: VersionIndex, article: str) -> str:
    """How a reader asks for `article`: « 9.6 », « avenant-20:2 », « XIII », « préambule »,
    with the years when the number was borne by several articles."""
    versions = index.versions[article]
    last = versions[-1]
    base = index.corpus.convention.base
    chapter = _chapter_of(index, versions[0])
    if chapter:
        return f"chapitre {chapter}"
    if last.num is None:
        return last.title or article
    act = index.corpus.acts[last.text_id]
    typed = last.num if last.text_id == base else f"{act.prefix or act.id}:{last.num}"
    holders = index.numbers.get((last.text_id, last.num), ())
    if len(holders) > 1:
        since = versions[0].since.year
        return f"{typed} ({f'de {since} à {last.until.year}' if last.until else f'depuis {since}'})"
    return typed


def _close(word: str, choices: list[str]) -> list[str]:
    import difflib  # only to suggest when nothing is found

    return difflib.get_close_matches(word, choices, n=4, cutoff=0.5)


def _hint(forms: list[str]) -> str | None:
    return f"vouliez-vous dire : {', '.join(forms)} ?" if forms else None


def suggest(word: str, choices: list[str]) -> str | None:
    """« vouliez-vous dire : 9.6, 9.7 ? » among what a reader can type."""
    return _hint(_close(word, choices))


def suggest_article(index: VersionIndex, word: str, numbers: list[str]) -> str | None:
    """Suggestions for an unknown article: close numbers, or, for a word that is no number, the
    articles whose stable id is close, each given in the form a reader types."""
    if not re.fullmatch(r"[\d.]+", word):
        forms = dict.fromkeys(typed_form(index, a) for a in _close(word, list(index.versions)))
        if forms:
            return _hint(list(forms))
    return suggest(word, numbers)
