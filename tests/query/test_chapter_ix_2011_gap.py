"""Chapter IX from 5 July 2011 to 13 July 2012: 9.2 and 9.5 do not vanish (lawyer L-16, D-211).

The accord of 5 July 2011 « entre en vigueur au jour de sa signature à l'exception des articles
9.2 et 9.5 qui entreront en vigueur à la date d'extension » (004 l.7183); its arrêté of 5 July 2012
was published on 14 July 2012. Until then the accord of 1 December 2004's articles 9.2 and 9.5
(extended by the arrêté of 28 June 2005, wording unknown, D-200) still apply, in both views.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from consolidator.commands import article_document, text_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines

UNKNOWN = "[en vigueur étendue, texte non disponible dans les sources]"


def _words(text: str) -> str:
    return " ".join(flat(text).replace("’", "'").split())


def _article(index: VersionIndex, num: str, day: date, view: str = "adherent") -> str:
    return _words(str(article_document(index, num, day, view, "text")))


def _chapter_ix(index: VersionIndex, day: date, view: str) -> list[str]:
    lines = flat(str(text_document(index, day, view, "text"))).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("IX - "))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("X - "))
    return [line.split(" - ")[0] for line in lines[start:end] if line.startswith("Article 9.")]


def test_the_seed_defers_9_2_and_9_5() -> None:
    assert (
        "à l'exception des articles 9.2 et 9.5 qui entreront en vigueur à la date d'extension"
        in flat(seed_lines(7183, 7183)[0])
    )


@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_text_on_2012_01_01_keeps_9_2_and_9_5(index: VersionIndex, view: str) -> None:
    nums = _chapter_ix(index, date(2012, 1, 1), view)
    assert nums[:6] == [f"Article 9.{n}" for n in range(1, 7)]


@pytest.mark.parametrize("num", ["9.2", "9.5"])
@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_article_on_2012_01_01_is_the_2004_provision(
    index: VersionIndex, num: str, view: str
) -> None:
    out = _article(index, num, date(2012, 1, 1), view)
    assert out.startswith(f"Article {num} {UNKNOWN}")
    assert "rédaction issue de : accord du 1er décembre 2004" in out
    assert "étendu par arrêté du 28 juin 2005" in out
    assert "l. 7183" in out  # the 2011 accord's clause that keeps it in force until 14 July 2012


@pytest.mark.parametrize("num", ["9.2", "9.5"])
def test_json_on_2012_01_01_cites_l_7183(index: VersionIndex, num: str) -> None:
    doc = json.loads(str(article_document(index, num, date(2012, 1, 1), "adherent", "json")))
    art = doc["article"]
    assert art["wording"] == "texte-non-disponible"
    assert "7183" in [e["lines"] for e in art["evidence"]]
    assert art["version"]["until"] == "2012-07-14"


def test_from_14_july_2012_the_2011_wording(index: VersionIndex) -> None:
    # 004 l.6928-6929 (9.2 « Adhésion à un organisme paritaire collecteur agréé »); arrêté of
    # 5 July 2012, JO 14 July 2012 (metadata).
    day = date(2012, 7, 14)
    assert _article(index, "9.2", day).startswith(
        "Article 9.2 - Adhésion à un organisme paritaire collecteur agréé [en vigueur étendue] "
        "depuis le 14 juillet 2012"
    )
    assert _article(index, "9.5", day).startswith(
        "Article 9.5 - Modalités de financement de la CPNEFP et de l'OEMM [en vigueur étendue]"
    )
    assert _article(index, "9.2", date(2012, 7, 13)).startswith(f"Article 9.2 {UNKNOWN}")
