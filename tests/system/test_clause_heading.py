"""One heading for an unnumbered, untitled clause in every output (D-715): text, JSON, HTML,
PDF, the git export and the site say « Dispositions du chapitre » under the convention's
chapter (named out of place « Dispositions du chapitre XIII - Maternité - Adoption »), and
« Texte » for a text's own body; never « Texte introductif ».

Chapter XIII's clause: Légifrance prints it under « XIII. - Maternité - Adoption » with no
heading of its own (004 l.2149-2167); the FESSAD UNSA letter: « Adhésion de la FESSAD UNSA »
then its body (l.14786-14799).
"""

from __future__ import annotations

import io
import json
from datetime import date

from lxml import html
from pypdf import PdfReader

from consolidator import commands
from consolidator.engine.replay import VersionIndex
from consolidator.export.files import wording
from consolidator.query.changes import attribute
from consolidator.query.diff import changelog
from consolidator.query.headings import article_heading, article_name
from consolidator.query.snapshot import article_at
from consolidator.render.site_build import SiteBuild

XIII = "a2000-XIII"
DAY = date(2005, 1, 1)
NAMED = "Dispositions du chapitre XIII - Maternité - Adoption"


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def test_the_one_function_gives_both_forms(index: VersionIndex) -> None:
    art = article_at(index, XIII, DAY)
    assert article_heading(index, art) == "Dispositions du chapitre"
    assert article_name(index, art) == NAMED
    letter = article_at(index, "fessad-2021-lettre", date(2022, 6, 1))
    assert article_heading(index, letter) == article_name(index, letter) == "Texte"
    # the model accord's title block stands in the intéressement accord's own « Annexe » section
    # (l.14253): not a chapter of the convention
    model = article_at(index, "interessement-2021-modele-titre", date(2022, 6, 1))
    assert model.path == ("Annexe",)
    assert article_heading(index, model) == "Texte"


def test_text_json_and_citation(index: VersionIndex) -> None:
    text = str(commands.article_document(index, XIII, DAY, "adherent", "text"))
    assert text.split("\n")[0] == "Dispositions du chapitre"
    whole = str(commands.text_document(index, DAY, "adherent", "text"))
    assert "\nDispositions du chapitre\n" in whole and "introductif" not in whole
    cited = json.loads(commands.cite_document(index, XIII, DAY, "json"))
    assert cited["name"] == NAMED
    assert cited["citation"].startswith(f"{NAMED} de la convention collective")
    assert str(commands.cite_document(index, XIII, DAY, "text")).startswith(f"« {NAMED} de la")
    bound = str(commands.applicability_document(index, XIII, DAY))
    assert bound.startswith(f"Au 1er janvier 2005, le texte « {NAMED} » de la convention")
    assert f", {NAMED} de" not in bound  # a heading is not a subject: no capital mid-sentence
    assert str(commands.history_document(index, XIII, DAY, "text")).startswith(
        f"Historique — {NAMED}"
    )


def test_diff_text_and_json(index: VersionIndex) -> None:
    # the avenant of 8 April 2002 rewrote the chapter (l.2150 → l.2161; D-107)
    log = changelog(index, date(2002, 4, 1), date(2002, 4, 10), "adherent", XIII)
    assert [c.num for c in log.changes] == [NAMED]
    text = str(
        commands.diff_document(
            index, XIII, date(2002, 4, 1), date(2002, 4, 10), "adherent", "text", False
        )
    )
    assert f"\n== {NAMED}\n" in text
    data = json.loads(
        commands.diff_document(
            index, XIII, date(2002, 4, 1), date(2002, 4, 10), "adherent", "json", False
        )
    )
    assert data["changes"][0]["num"] == NAMED


def test_html_and_pdf(index: VersionIndex) -> None:
    page = html.fromstring(commands.article_document(index, XIII, DAY, "adherent", "html"))
    assert flat(page.xpath("string(//h1)")).startswith(NAMED)
    assert "introductif" not in flat(page.text_content())
    pdf = commands.article_document(index, XIII, DAY, "adherent", "pdf")
    assert isinstance(pdf, bytes)
    words = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    # laid out in its place: under the chapter's heading, with the in-place label
    assert "XIII - Maternité - Adoption" in words and "Dispositions du chapitre" in words
    assert "introductif" not in words


def test_site_pages_and_index(index: VersionIndex) -> None:
    build = SiteBuild(index, DAY, None, False)
    files = build.render(f"article:{XIII}")
    page = html.fromstring(files["articles/chapitre-xiii.html"])
    assert flat(page.xpath("string(//h1)")).startswith(NAMED)
    listing = html.fromstring(build.render("listings")["articles/index.html"])
    links = [flat(a.text_content()) for a in listing.xpath("//a")]
    assert NAMED in links
    assert not any("introductif" in link for link in links)
    convention = html.fromstring(build.render("convention:adherent")["index.html"])
    assert "introductif" not in flat(convention.text_content())
    assert "Dispositions du chapitre" in flat(convention.text_content())


def test_git_export(index: VersionIndex) -> None:
    art = article_at(index, XIII, DAY)
    assert wording(index, art).split("\n")[0] == "Dispositions du chapitre"
    events = attribute(index, "adherent", date(2002, 4, 8), date(2002, 4, 8), words=False).events
    names = [t.name for e in events for t in e.touches]
    assert NAMED in names
