"""PDF: cover date, table of contents with page numbers, footnotes, running header; typography."""

from __future__ import annotations

import doctest
import io
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from consolidator.cli import main
from consolidator.engine.index import open_index
from consolidator.query import citation
from consolidator.query.snapshot import snapshot
from consolidator.render import diff, filters, html
from consolidator.render.pdf import snapshot_pdf
from tests.conftest import GOLDEN

CORPUS = GOLDEN / "corpus"


@pytest.fixture(scope="module")
def pages() -> list[str]:
    index = open_index(CORPUS)
    data = snapshot_pdf(index, snapshot(index, date(2018, 1, 1)))
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_cover_gives_the_date_and_the_last_act(pages: list[str]) -> None:
    cover = pages[0]
    assert "Texte en vigueur au 1er janvier 2018" in cover
    assert "Dernière modification prise en compte : 2 avril 2017" in cover
    assert "avenant n° 20 du 21 septembre 2016" in cover
    assert "Texte en vigueur au 1er janvier 2018" not in cover.split("Convention collective")[0]


def test_contents_list_articles_with_their_page(pages: list[str]) -> None:
    toc = pages[1]
    assert toc.startswith("Sommaire") or " Sommaire " in f" {toc}"
    match = re.search(r"Article 2\.5 — Congé exceptionnel .*? (\d+) ", toc)
    assert match, toc
    page = int(match.group(1))
    assert "Article 2.5" in pages[page - 1]


def test_reservations_are_footnotes_on_the_page_of_their_article(pages: list[str]) -> None:
    """004 l.315: the arrêté of 21 March 2017 excludes « au niveau national » from 2.5."""
    page = next(p for p in pages[2:] if re.search(r"Article 2\.5 ?— ?Congé", p))
    assert "Exclu de l'extension par l'arrêté du 21 mars 2017" in page
    assert "au premier point du paragraphe 2.5" in page


def test_running_header_and_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    for n, page in enumerate(pages[1:], 2):
        assert "Texte en vigueur au 1er janvier 2018" in page
        assert f"{n} / {total}" in page


def test_cli_pdf_needs_an_output_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["text", "--corpus", str(CORPUS), "--format", "pdf"])
    assert result.exit_code == 2
    assert "give -o FILE.pdf" in result.output
    out = tmp_path / "a.pdf"
    args = ["article", "2.5", "--corpus", str(CORPUS), "--at", "2018-01-01", "--format", "pdf"]
    result = runner.invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("module", [filters, citation, diff, html])
def test_doctests(module: object) -> None:
    failed, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried > 0 and failed == 0
