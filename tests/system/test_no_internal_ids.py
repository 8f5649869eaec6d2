"""Readers never see internal ids (« a2000-2.5 », « avenant-20 », « annexe-7-texte ») in any output.

Every stable id of the corpus (articles, sections, acts, arrêtés) that a reader could not take for
a word is searched, as a whole token, in every reader-facing output: the text at several dates in
both views, the history of every article, the timeline, the citations, the changelogs, and a built
site (visible text and hover titles of every page, and the print document the PDF is laid out from).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from lxml import html as lhtml

from consolidator import commands
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import snapshot
from consolidator.render.pdf import print_html
from consolidator.render.site import site_files
from tests.conftest import GOLDEN

DATES = (date(2001, 1, 1), date(2010, 6, 1), date(2018, 1, 1), date(2024, 1, 1))


def id_pattern(index: VersionIndex) -> re.Pattern[str]:
    """Every id with a hyphen or a digit that is not a plain number (« base » is a word)."""
    ids = set(index.versions) | set(index.corpus.acts) | set(index.corpus.arretes)
    for structure in index.structures:
        ids |= {e.article for e in structure.entries}
    for act in index.corpus.acts.values():  # effect ids (« art1 », « art-9-2-9-5 »), lawyer L-39
        ids |= {key for key in act.effects if key}
    ids = {i for i in ids if re.search(r"[-\d]", i) and not re.fullmatch(r"[\d.]+", i)}
    alternatives = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def leaks(pattern: re.Pattern[str], outputs: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, text in outputs.items():
        hits = sorted(set(pattern.findall(text)))
        if hits:
            found[name] = hits
    return found


def visible(page: str) -> str:
    """What a reader sees of a page: its text and its hover titles (not hrefs nor anchors)."""
    tree = lhtml.fromstring(page)
    for bad in tree.xpath("//style|//script"):
        bad.drop_tree()
    titles = " ".join(tree.xpath("//@title"))
    return tree.text_content() + " " + titles


def test_id_pattern_finds_ids_and_spares_numbers(index) -> None:
    pattern = id_pattern(index)
    assert pattern.search("voir (a2000-2.5)") and pattern.search("avenant-20, a2000-2.3")
    assert pattern.search("annexe-7-texte")
    assert pattern.search("entrée en vigueur (dispositions art1)")
    assert pattern.search("(dispositions art-9-2-9-5)")
    assert not pattern.search("Article 2.5 de l'avenant n° 20 du 21 septembre 2016")


def test_texts_histories_timeline_citations_and_diffs_show_no_id(index) -> None:
    outputs: dict[str, str] = {}
    for day in DATES:
        for view in ("adherent", "branche"):
            outputs[f"text {day} {view}"] = str(commands.text_document(index, day, view, "text"))
    for article, versions in index.versions.items():
        day = versions[-1].since
        outputs[f"history {article}"] = str(commands.history_document(index, article, day, "text"))
    outputs["timeline"] = str(commands.timeline_document(index, date(2017, 1, 1), "text"))
    outputs["timeline known"] = str(
        commands.timeline_document(index, date(2020, 6, 1), "text", date(2020, 6, 1))
    )
    for entry in snapshot(index, date(2024, 1, 1)).texts[0].articles:
        outputs[f"cite {entry.id}"] = str(
            commands.cite_document(index, entry.id, date(2024, 1, 1), "text")
        )
    for start, end in ((date(2010, 1, 1), date(2020, 1, 1)), (date(2016, 1, 1), date(2018, 1, 1))):
        outputs[f"diff {start}"] = str(
            commands.diff_document(index, None, start, end, "adherent", "text", False)
        )
    assert leaks(id_pattern(index), outputs) == {}


@pytest.fixture(scope="module")
def small() -> VersionIndex:
    return open_index(GOLDEN / "corpus")


def test_a_built_site_and_its_print_document_show_no_id(small) -> None:
    day = date(2018, 1, 1)
    files = site_files(small, day, with_pdf=False)
    pages = {
        name: visible(content.decode("utf-8") if isinstance(content, bytes) else content)
        for name, content in files.items()
        if name.endswith(".html")
    }
    assert len(pages) > 20
    pages["print"] = visible(print_html(small, snapshot(small, day)))
    assert leaks(id_pattern(small), pages) == {}


def test_version_pages_of_unnumbered_provisions_show_no_id(index) -> None:
    # chapter-level provisions (a2000-XIII) and annexe texts without title (annexe 7) head their
    # version pages on the full site
    from jinja2 import Environment

    from consolidator.render.html import make_env
    from consolidator.render.site import standalone, version_page

    env: Environment = make_env()
    site = standalone(index, date(2024, 1, 1))
    pages = {
        f"{article} v{n}": visible(version_page(env, index, article, n, site))
        for article, versions in index.versions.items()
        if any(not v.num and not v.title for v in versions)
        for n in range(1, len(versions))
    }
    assert len(pages) >= 2
    assert leaks(id_pattern(index), pages) == {}
