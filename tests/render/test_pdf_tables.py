"""PDF tables: one cell per value, header row on every page, every exclusion printed by its row.

Three tables of the real corpus on 1 June 2021: the certifications of 9.5 (avenant n° 29,
000 l.1-400; 004 l.1789ff), the cotation grid of Annexe I 3.3 (004 l.3666-3764) and the 2020
contribution rates of Annexe V (004 l.4436). The arrêté of 20 November 2020 excludes 23
certifications of 9.5 from the extension (004, 9.5 footnotes); each must be printed as a
footnote called from its row, on the row's page.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from lxml import html as lhtml
from pypdf import PdfReader

from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import ArticleAt, Snapshot, TextAt, snapshot
from consolidator.render.html import make_env
from consolidator.render.pdf import print_html, snapshot_pdf
from consolidator.render.site import article_page, standalone

DAY = date(2021, 6, 1)
TABLES = ("a2015-9.5", "annexe-i-3", "annexe-v-texte")


def _only(snap: Snapshot, ids: tuple[str, ...]) -> Snapshot:
    texts = []
    for t in snap.texts:
        arts = tuple(a for a in t.articles if a.id in ids)
        if arts:
            texts.append(TextAt(t.act, t.state, arts))
    return Snapshot(snap.at, snap.view, tuple(texts), snap.last_change, snap.last_acts)


@pytest.fixture(scope="module")
def tables(index: VersionIndex) -> tuple[Snapshot, list[str]]:
    snap = _only(snapshot(index, DAY), TABLES)
    reader = PdfReader(io.BytesIO(snapshot_pdf(index, snap)))
    return snap, [page.extract_text() for page in reader.pages]


def _rows(art: ArticleAt) -> list[tuple[int, tuple[tuple[str, str], ...]]]:
    return [(i, f.cells) for i, f in enumerate(art.version.fragments) if f.cells]


def _row_pattern(cells: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """The row's values in order, every word apart from the next by white space only."""
    words = [w for _, value in cells for w in value.replace("'", "’").split()]
    parts = [re.escape(w).replace(r"\-", r"-\s*") for w in words]  # a line may break after « - »
    return re.compile(r"(?<!\S)" + r"\s+".join(parts) + r"(?!\S)")


def _excluded_rows(art: ArticleAt) -> dict[int, str]:
    """Row index → the words the arrêté names (the RNCP code of the certification)."""
    return {s.fragment: s.restriction.words or "" for s in art.excluded}


def test_three_tables_have_their_rows(tables: tuple[Snapshot, list[str]]) -> None:
    snap, _ = tables
    arts = {a.id: a for t in snap.texts for a in t.articles}
    assert [len(_rows(arts[i])) for i in TABLES] == [197, 6, 4]


@pytest.mark.parametrize("article", TABLES)
def test_cells_are_never_run_together(tables: tuple[Snapshot, list[str]], article: str) -> None:
    """The flattened PDF read « Assurance Banque Financeniveau 6rncp 3909certifica-teur »."""
    snap, pages = tables
    art = next(a for t in snap.texts for a in t.articles if a.id == article)
    text = "\n".join(pages)
    missing = [cells for _, cells in _rows(art) if not _row_pattern(cells).search(text)]
    assert missing == []
    for _, cells in _rows(art):
        for col, value in cells:  # a column name glued to a value: « Financeniveau »
            glued = value.split()[-1] + col.split()[0] if value else None
            assert not glued or not re.search(rf"(?<!\S){re.escape(glued)}(?!\S)", text)
    assert not re.search(r"certifica[-‐]\s*teur", text)  # no hyphenated header


def test_header_row_repeated_on_every_page_of_the_table(
    tables: tuple[Snapshot, list[str]],
) -> None:
    snap, pages = tables
    art = next(a for t in snap.texts for a in t.articles if a.id == "a2015-9.5")
    header = re.compile(r"intitulé\s+niveau\s+rncp\s+certificateur")
    patterns = [_row_pattern(cells) for _, cells in _rows(art)]
    with_rows = [n for n, page in enumerate(pages) if any(p.search(page) for p in patterns)]
    assert len(with_rows) >= 8
    assert [n for n in with_rows if not header.search(pages[n])] == []


def test_the_23_exclusions_of_9_5_are_footnotes_called_from_their_rows(
    tables: tuple[Snapshot, list[str]],
) -> None:
    snap, pages = tables
    art = next(a for t in snap.texts for a in t.articles if a.id == "a2015-9.5")
    excluded = _excluded_rows(art)
    assert len(excluded) == 23
    rows = dict(_rows(art))
    found = 0
    for i, words in excluded.items():
        called = re.compile(_row_pattern(rows[i]).pattern + r"\s*\((\d+)\)")
        page = next((p for p in pages if called.search(p)), None)
        assert page is not None, rows[i]
        number = called.search(page).group(1)  # type: ignore[union-attr]
        note = re.search(
            rf"(?ms)^\({number}\)\s*Exclu de l’extension par l’arrêté du 20\snovembre\s2020\s:"
            r"(.*?)(?=^\(\d+\)|\Z)",
            page,
        )
        assert note is not None, number
        assert words in note.group(1)
        found += 1
    assert found == 23


def test_html_page_of_9_5_calls_each_exclusion_in_its_row(index: VersionIndex) -> None:
    """The site listed 23 notes under 9.5 with no call in the table."""
    page = article_page(make_env(), index, "a2015-9.5", standalone(index, DAY))
    doc = lhtml.fromstring(page)
    rows = doc.xpath('//table[@class="grid"]//tr[@class="row-excluded"]')
    assert len(rows) == 23
    calls = [r.xpath('.//sup[@class="call"]/a/@href') for r in rows]
    notes = set(doc.xpath('//ol[@class="notes"]/li/@id'))
    assert all(len(c) == 1 and c[0].lstrip("#") in notes for c in calls)
    assert len(notes) == 23
    assert doc.xpath('//table[@class="grid"]/thead/tr/th/text()')[:4] == [
        "intitulé",
        "niveau",
        "rncp",
        "certificateur",
    ]


def test_branche_view_leaves_the_excluded_rows_out_and_says_why(index: VersionIndex) -> None:
    snap = _only(snapshot(index, DAY, "branche"), ("a2015-9.5",))
    doc = lhtml.fromstring(print_html(index, snap))
    dropped = doc.xpath('//tr[@class="row-dropped"]')
    assert len(dropped) == 23
    assert all("exclu de l’extension" in r.text_content() for r in dropped)
    assert all(r.xpath('.//span[@class="fn"]') for r in dropped)
    kept = doc.xpath('//table[@class="grid"]/tbody/tr[not(@class)]')
    assert len(kept) == 197 - 23
