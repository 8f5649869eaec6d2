"""How an article is headed and named, in every output: « Article 2.5 », its title, or the one
label of an unnumbered, untitled clause (D-715).

Légifrance prints such a clause under its chapter's heading with no heading of its own (chapters
IV, XI and XIII of the convention, 004 l.613, l.2091, l.2161; D-102), or as the whole body of a
text (Annexe VII, the FESSAD UNSA letter). Under its chapter it is « Dispositions du chapitre »,
elsewhere « Texte »; named out of its place (a citation, a comparison, a page's title, the
articles index, the change feed) a chapter's clause says which chapter: « Dispositions du
chapitre XIII - Maternité - Adoption ». Text, JSON, HTML, PDF, the git export and the site all
take the heading from here.
"""

from __future__ import annotations

from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.model import Version
from consolidator.query.snapshot import ArticleAt, path_at

CHAPTER_CLAUSE = "Dispositions du chapitre"
TEXT_CLAUSE = "Texte"


def heading(num: str | None, title: str | None, chapter: str | None) -> str:
    """The heading over an article's wording, under its chapter's or its text's heading.

    >>> heading("2.5", "Congé", None), heading(None, "Préambule", None)
    ('Article 2.5', 'Préambule')
    >>> heading(None, None, "IV - Recrutement et emploi"), heading(None, None, None)
    ('Dispositions du chapitre', 'Texte')
    """
    if num:
        return f"Article {num}"
    return title or (CHAPTER_CLAUSE if chapter else TEXT_CLAUSE)


def name(num: str | None, title: str | None, chapter: str | None) -> str:
    """How the article is named out of its place: a chapter's clause with its chapter.

    >>> name(None, None, "XIII - Maternité - Adoption")
    'Dispositions du chapitre XIII - Maternité - Adoption'
    >>> name("2.5", None, None), name(None, None, None)
    ('Article 2.5', 'Texte')
    """
    if num or title or not chapter:
        return heading(num, title, chapter)
    return f"{CHAPTER_CLAUSE} {chapter}"


def chapter_of(index: VersionIndex, text_id: str, path: tuple[str, ...]) -> str | None:
    """The convention's chapter a clause stands in (its path's first section), None for a clause
    of another text (an accord's own « Annexe » section is not a chapter of the convention)."""
    return path[0] if path and text_id == index.corpus.convention.base else None


def article_heading(index: VersionIndex, art: ArticleAt) -> str:
    """`heading` of an article as in force on a date."""
    return heading(art.num, art.title, chapter_of(index, art.version.text_id, art.path))


def article_name(index: VersionIndex, art: ArticleAt) -> str:
    """`name` of an article as in force on a date."""
    return name(art.num, art.title, chapter_of(index, art.version.text_id, art.path))


def version_chapter(index: VersionIndex, version: Version, day: date | None = None) -> str | None:
    """The chapter of a version's clause, where it stood on `day` (default: its first day)."""
    if version.num or version.title or version.text_id != index.corpus.convention.base:
        return None
    return chapter_of(index, version.text_id, path_at(index, version.article, day or version.since))


def version_heading(index: VersionIndex, version: Version) -> str:
    """`heading` of one wording, without a date (history rows, listings)."""
    return heading(version.num, version.title, version_chapter(index, version))


def version_name(index: VersionIndex, version: Version, day: date | None = None) -> str:
    """`name` of one wording (a page's title, the articles index, search results, events)."""
    return name(version.num, version.title, version_chapter(index, version, day))


def own_title(version: Version, heading: str | None) -> str | None:
    """A wording's title when it is not the one its history is headed by (lawyer L-58: 9.10 was
    the recognition of diplomas from 2015 to 2021 before it became the CPNEFP); else None."""
    return version.title if version.title and version.title != heading else None
