"""Formal citations: golden text/BibTeX/JSON, and the pieces each citation must name."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.query.citation import citation
from consolidator.query.snapshot import resolve_article
from consolidator.render.citation import citation_output
from tests.conftest import GOLDEN

CORPUS = GOLDEN / "corpus"
CASES = [
    ("2.5", "2018-01-01"),  # avenant n° 20, arrêté of 21 March 2017, two exclusions (004 l.315)
    ("2.5", "2010-06-01"),  # avenant n° 13 not yet extended
    (
        "2.5",
        "2012-01-01",
    ),  # avenant n° 13 extended on 29 December 2010 with exclusions (004 l.288-290)
    ("2.6", "2018-01-01"),  # extended sous réserve of article L. 2141-5 (004 l.494)
    ("1.3", "2018-01-01"),  # original wording of the base text
]


@pytest.fixture(scope="module")
def small() -> VersionIndex:
    return open_index(CORPUS)


@pytest.mark.parametrize(("num", "day"), CASES)
@pytest.mark.parametrize("fmt", ["text", "bibtex", "json"])
def test_golden_citations(small: VersionIndex, num: str, day: str, fmt: str, golden) -> None:
    at = date.fromisoformat(day)
    c = citation(small, resolve_article(small, num, at), at)
    ext = {"text": "txt", "bibtex": "bib", "json": "json"}[fmt]
    golden(f"cite/{num}_{day}.{ext}", citation_output(c, fmt))


def test_2_5_in_2018_names_avenant_20_and_the_arrete_of_21_march_2017() -> None:
    result = CliRunner().invoke(
        main, ["cite", "2.5", "--at", "2018-01-01", "--corpus", str(CORPUS)]
    )
    assert result.exit_code == 0
    assert "dans sa rédaction issue de l’avenant n° 20 du 21 septembre 2016" in result.output
    assert "étendu par arrêté du 21 mars 2017 (JO du 1er avril 2017)" in result.output
    assert (
        "à l’exclusion des termes « au niveau national » et « au plan national »" in result.output
    )


def test_reserve_is_quoted_from_the_arrete(small: VersionIndex) -> None:
    c = citation(small, "a2009-2.6", date(2018, 1, 1))
    # the arrêté's words, with the typographic apostrophe of the citation they are part of
    assert c.reserves == (
        "sous réserve de l’application des dispositions de l’article L. 2141-5 du code du travail",
    )


def test_article_not_in_force_is_an_error(small: VersionIndex) -> None:
    with pytest.raises(QueryError, match=r"n.est pas encore en vigueur le 1er janvier 2010"):
        citation(small, "a2012-2.8", date(2010, 1, 1))
    result = CliRunner().invoke(
        main, ["cite", "2.8", "--at", "2010-01-01", "--corpus", str(CORPUS)]
    )
    assert result.exit_code == 1 and result.output.startswith("error:")
