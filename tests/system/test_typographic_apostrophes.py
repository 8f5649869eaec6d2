"""French prose shown to readers uses the typographic apostrophe ’ (issue 15, named gap of the
stop of 2 December 2026): `applicability`, `cite`, `salaries` and `diff` as text, their JSON, and
the built change pages, on real dates.

What may keep the sources' straight apostrophe: in JSON, the sources' own wording (titles, an
arrêté's words, alinéas; JSON keeps the source characters, render/typography.py), and in a
redline the compared wording itself (as the HTML redline shows it); never a phrase of ours.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from lxml import html

from consolidator import commands
from consolidator.engine.replay import VersionIndex
from consolidator.render.site_build import SiteBuild

STRAIGHT = re.compile(r"[^\W\d_]'[^\W\d_]")

# 2.5 in 2018: avenant n° 20, exclusions of the arrêté of 21 March 2017 (004 l.10917); 15.2 in
# 2022: the reservation « sous réserve des dispositions de l'article 12 de la loi n° 2020-734 »
# (l.3149); XIII in 2005: a chapter's clause (l.2149-2167); 9.5 in 2024: table rows excluded.
CITED = [
    ("2.5", date(2018, 1, 1)),
    ("15.2", date(2022, 6, 1)),
    ("a2000-XIII", date(2005, 1, 1)),
    ("9.5", date(2024, 1, 1)),
    ("2.5", date(2010, 6, 1)),  # held-over wording for non-adherents (D-213)
]
# the 2006 grid (arrêté of 11 April 2006 without JO date, l.15672), 2009 (the arrêté's
# reservation « de l'application des dispositions de l'article L. 2241-9 », l.15284), 2013
# (the 19 000 € minimum « hors éléments de rémunération liés à l'ancienneté », l.15413-15421)
SALARY_DAYS = [date(2006, 6, 1), date(2009, 6, 1), date(2013, 6, 1)]
DIFFS = [
    (date(2010, 1, 1), date(2020, 1, 1), "adherent"),
    (date(2001, 1, 1), date(2005, 1, 1), "branche"),  # the 2001 reservations answered (D-110)
]
CHANGE_DAYS = ["2004-01-01", "2009-07-15", "2010-09-24", "2017-04-02", "2019-09-21"]


def straight(text: str) -> list[str]:
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in STRAIGHT.finditer(text)]


_SOURCES: dict[int, str] = {}


def source_wording(index: VersionIndex) -> str:
    """Every wording the sources give: titles, alinéas, arrêtés' words, salary conditions, and
    the corpus's own names of its acts (JSON fields keep them as written)."""
    if id(index) not in _SOURCES:
        _SOURCES[id(index)] = _source_wording(index)
    return _SOURCES[id(index)]


def _source_wording(index: VersionIndex) -> str:
    corpus = index.corpus
    parts: list[str] = [a.title for a in corpus.acts.values()]
    parts += [a.label for a in corpus.acts.values()]  # the corpus's names of its acts (short=)
    for versions in index.versions.values():
        for v in versions:
            parts += [v.title or "", v.text]
    for arrete in corpus.arretes.values():
        parts.append(arrete.title)
        for extension in arrete.extends:
            parts += [r.text for r in extension.restrictions]
            parts += [r.words or "" for r in extension.restrictions]
    for grid in corpus.grids:
        parts += list(grid.minimum.conditions) if grid.minimum else []
    return "\n".join(parts)


def json_prose(index: VersionIndex, data: Any) -> list[str]:
    """Strings of a JSON answer with a straight apostrophe that are not the sources' wording."""
    found: list[str] = []
    if isinstance(data, dict):
        for value in data.values():
            found += json_prose(index, value)
    elif isinstance(data, list):
        for value in data:
            found += json_prose(index, value)
    elif isinstance(data, str) and STRAIGHT.search(data):
        sources = source_wording(index)
        quoted = data.rstrip(". ")
        if quoted not in sources and quoted[:1].upper() + quoted[1:] not in sources:
            found.append(data)
    return found


@pytest.mark.parametrize(("ident", "day"), CITED)
def test_applicability_and_cite(index: VersionIndex, ident: str, day: date) -> None:
    answer = commands.applicability_document(index, ident, day)
    cited = commands.cite_document(index, ident, day, "text")
    assert straight(str(answer)) == []
    assert straight(str(cited)) == []
    assert "’" in str(answer) and "’" in str(cited)  # the phrases do elide
    data = json.loads(commands.cite_document(index, ident, day, "json"))
    assert json_prose(index, data) == []
    assert STRAIGHT.search(data["citation"]) is None  # the citation itself, quoted words included


def test_cited_reservation_keeps_its_words_typographic(index: VersionIndex) -> None:
    # the arrêté of 5 February 2021 on 15.2.3 (004 l.3149): the citation quotes its words with ’
    cited = str(commands.cite_document(index, "15.2", date(2022, 6, 1), "text"))
    assert "sous réserve des dispositions de l’article 12 de la loi n° 2020-734" in cited


@pytest.mark.parametrize("day", SALARY_DAYS)
def test_salaries(index: VersionIndex, day: date) -> None:
    for view in ("adherent", "branche"):
        text = str(commands.salaries_document(index, day, "text", view))
        assert straight(text) == [], view
        data = json.loads(commands.salaries_document(index, day, "json", view))
        assert json_prose(index, data) == [], view


def _diff_prose(text: str) -> str:
    """The diff's own lines: the summary, each article's heading and facts (indented); not the
    redline, which is the sources' wording."""
    head, *blocks = text.split("\n== ")
    own = [head]
    for block in blocks:
        lines = block.split("\n")
        own += [lines[0], *(line for line in lines[1:] if line.startswith("  "))]
    return "\n".join(own)


@pytest.mark.parametrize(("start", "end", "view"), DIFFS)
def test_diff(index: VersionIndex, start: date, end: date, view: str) -> None:
    text = str(commands.diff_document(index, None, start, end, view, "text", False))
    assert text.count("\n== ") > 10
    assert straight(_diff_prose(text)) == []
    data = json.loads(commands.diff_document(index, None, start, end, view, "json", False))
    assert json_prose(index, data) == []


def test_diff_names_titles_typographically(index: VersionIndex) -> None:
    # « Annexe I - Eléments de prospective sur l'emploi » of the GPEC accord of 15 July 2009
    text = str(
        commands.diff_document(
            index, None, date(2009, 1, 1), date(2011, 1, 1), "adherent", "text", False
        )
    )
    assert "Annexe I - Eléments de prospective sur l’emploi" in _diff_prose(text)


@pytest.mark.parametrize("day", CHANGE_DAYS)
def test_change_pages(index: VersionIndex, day: str) -> None:
    files = SiteBuild(index, date(2026, 12, 2), None, False).render(f"changes:{day}")
    doc = html.fromstring(files[f"changes/{day}.html"])
    for compared in doc.xpath('//div[@class="redline"]|//table[@class="sbs"]|//script|//style'):
        compared.drop_tree()  # the compared wording is the sources'
    prose = "\n".join(t for t in doc.itertext())
    assert len(prose) > 200
    assert straight(prose) == []


def test_change_feed(index: VersionIndex) -> None:
    # the 2001 reservations on 10.1 and 10.2 (arrêté of 17 August 2001, l.15469) are quoted in
    # the feed's phrases; the Orne accords' labels (« … à l'accord CET ») in its titles
    data = json.loads(
        commands.changes_document(index, date(2001, 1, 1), date(2008, 1, 1), "adherent", "json")
    )
    assert len(data["events"]) > 10
    assert json_prose(index, data) == []
    feed = str(
        commands.changes_document(index, date(2001, 1, 1), date(2008, 1, 1), "adherent", "atom")
    )
    titles = re.findall(r"<title>(.*?)</title>", feed)
    assert titles and straight("\n".join(titles)) == []
