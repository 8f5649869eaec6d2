"""What a reader types that is not an article number (lawyer L-61): a chapter's number reaches the
chapter's own clauses, and a hint never offers an internal id."""

from __future__ import annotations

import re
from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.query.snapshot import resolve_article
from tests.conftest import seed_lines

ID = re.compile(r"\ba20\d\d-|avenant-\d+-|-texte\b")


def test_a_chapter_number_reaches_its_own_clauses(index: VersionIndex) -> None:
    """Chapter XIII opens with clauses of its own, under no article number (004 l.2149-2151:
    « XIII. - Maternité - Adoption » then its first alinéa, « Une réduction du temps de travail »)."""
    assert seed_lines(2149, 2149)[0].startswith("XIII. - Maternité - Adoption")
    for typed in ("XIII", "chapitre XIII", "xiii", "Chapitre XIII"):
        article = resolve_article(index, typed, date(2010, 1, 1))
        assert index.versions[article][0].num is None
        assert index.entry_at(article, date(2010, 1, 1)).path[-1].startswith("XIII - ")


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("a2001-9.6", "9.6 (de 2004 à 2011)"),
        ("avenant-20-3", "avenant-20:3.1"),
        ("9.66", "9.6"),
    ],
)
def test_hints_are_what_a_reader_types(index: VersionIndex, typed: str, offered: str) -> None:
    with pytest.raises(QueryError) as error:
        resolve_article(index, typed, date(2017, 6, 1))
    hint = error.value.diagnostic.hint or ""
    assert offered in hint
    assert not ID.search(hint), hint


def test_a_number_s_former_holders_are_named_with_typeset_titles(index: VersionIndex) -> None:
    """The titles quoted in « ce numéro a désigné » are typeset as every French phrase: 9.12 was
    the CPNEFP « de l’emploi » from 2015 to 2021 (004 l.14013 has the straight apostrophe)."""
    assert "Commission paritaire nationale de l'emploi" in seed_lines(14013, 14013)[0]
    with pytest.raises(QueryError) as error:
        resolve_article(index, "9.12", date(2010, 2, 5))
    said = str(error.value)
    assert (
        "« Commission paritaire nationale de l’emploi et de la formation professionnelle »" in said
    )
    assert "'" not in said
