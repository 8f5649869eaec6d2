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
from tests.conftest import GOLDEN, seed_lines

CORPUS = GOLDEN / "corpus"


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    index = open_index(CORPUS)
    data = snapshot_pdf(index, snapshot(index, date(2018, 1, 1)))
    assert data.startswith(b"%PDF")
    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    return [flat(re.sub(r"\s+", " ", page.extract_text())) for page in reader.pages]


def flat(text: str) -> str:
    """Typographic apostrophes back to straight ones, to compare with the sources."""
    return text.replace("’", "'")


def test_cover_gives_the_date_and_the_last_act(pages: list[str]) -> None:
    cover = pages[0]
    assert "Texte en vigueur au 1er janvier 2018" in cover
    assert "Dernière modification prise en compte : 2 avril 2017" in cover
    assert "avenant n° 20 du 21 septembre 2016" in cover
    assert "Texte en vigueur au 1er janvier 2018" not in cover.split("Convention collective")[0]


def test_contents_list_articles_with_their_page(pages: list[str]) -> None:
    toc = next(p for p in pages if p.startswith("Sommaire"))
    assert toc.startswith("Sommaire") or " Sommaire " in f" {toc}"
    match = re.search(r"Article 2\.5 — Congé exceptionnel .*? (\d+) ", toc)
    assert match, toc
    page = int(match.group(1))
    assert "Article 2.5" in pages[page - 1]


def test_every_entry_of_the_contents_gives_the_page_where_it_begins(pages: list[str]) -> None:
    """The contents are laid out apart from the texts (render/pdf_layout.py): every article's
    number is the page its heading is on, and the pages after the contents are numbered on."""
    toc = " ".join(p for p in pages if p.startswith("Sommaire"))
    body = max(n for n, p in enumerate(pages) if p.startswith("Sommaire")) + 1
    entries = re.findall(r"(Article [\d.]+(?:er)?) — [^.]*?(?: \.)+ ?(\d+)", toc)
    assert len(entries) > 10, toc
    for heading, number in entries:
        at = re.compile(rf"{re.escape(heading)} ?— ")
        assert at.search(pages[int(number) - 1]), (heading, number)
        assert not any(at.search(p) for p in pages[body : int(number) - 1]), (heading, number)


def test_reservations_are_footnotes_on_the_page_of_their_article(pages: list[str]) -> None:
    """004 l.315: the arrêté of 21 March 2017 excludes « au niveau national » from 2.5."""
    page = next(p for p in pages[3:] if re.search(r"Article 2\.5 ?— ?Congé", p))
    assert "Exclu de l'extension par l'arrêté du 21 mars 2017" in page
    assert "au premier point du paragraphe 2.5" in page


def test_running_header_and_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    for n, page in enumerate(pages[1:], 2):
        assert "IDCC 2128 — texte en vigueur au 1er janvier 2018 — vue adhérent" in page
        assert f"{n} / {total}" in page


def _outline(items: list, depth: int = 0) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    out: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            out += _outline(item, depth + 1)
        else:
            out.append((depth, item.title))
    return out


def test_outline_per_text_chapter_and_article(reader: PdfReader) -> None:
    outline = _outline(reader.outline)
    assert outline[0] == (0, "Actes consolidés")
    assert (0, "Convention collective nationale de la mutualité du 31 janvier 2000") in [
        (d, t.replace("\xa0", " ")) for d, t in outline
    ]
    assert (1, "II - Droit syndical") in outline
    assert any(d == 2 and t.startswith("Article 2.5") for d, t in outline)


def test_tagged_pdf_in_french(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"


def test_table_of_acts_at_the_front(pages: list[str]) -> None:
    """Avenant n° 20 (M5 in this corpus), extended by the arrêté of 21 March 2017, JO of 1 April 2017."""
    acts = next(p for p in pages if p.startswith("Actes consolidés"))
    assert "►B" in acts
    assert re.search(r"►M\d+ avenant n° 20 du 21 septembre 2016", acts)
    assert "arrêté du 21 mars 2017, JO du 1er avril 2017" in acts


def test_branche_view_pdf(tmp_path: Path) -> None:
    """The arrêté of 21 March 2017 excludes « au niveau national » from 2.5 (004 l.315)."""
    index = open_index(CORPUS)
    data = snapshot_pdf(index, snapshot(index, date(2018, 1, 1), "branche"))
    text = flat(
        " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    )
    assert "Vue branche : dispositions étendues seulement" in text
    assert "représentatives […]" in text
    assert "Termes « au niveau national » retirés de la vue branche." in text
    assert "texte en vigueur au 1er janvier 2018 — vue branche" in text


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


def test_the_acts_table_flags_dates_no_seed_writes(index) -> None:
    """004 l.15541-15557: the arrêté of 3 June 2003 is printed without its JO date, which D-007
    infers; l.15465-15469: the arrêté of 17 August 2001 likewise, its JO date (28 August 2001)
    known from the metadata file only. The PDF's « Actes consolidés » table says so, as the
    article headers of the same PDF do (lawyer L-08)."""
    from consolidator.render.contents import snapshot_views
    from consolidator.render.pdf import act_rows

    assert not any("juin 2003 (" in line for line in seed_lines(15541, 15557))
    day = date(2026, 12, 2)
    _, legend = snapshot_views(index, snapshot(index, day))
    rows = act_rows(index, legend, day)
    arretes = {label: (jo, caveat) for row in rows for label, jo, caveat in row.arretes}
    assert arretes["arrêté du 17 août 2001"] == (
        date(2001, 8, 28),
        "d’après les métadonnées Légifrance",
    )
    _jo, caveat = arretes["arrêté du 3 juin 2003"]
    assert caveat is not None and caveat.startswith("date déduite") and "D-007" in caveat
