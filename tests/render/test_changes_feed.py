"""The change feed: legal events with the articles they touched, as Atom (feedparser) and JSON."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import feedparser
import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.replay import VersionIndex
from consolidator.query.changes import EFFET, EXTENSION, TERME, Attribution, attribute
from consolidator.query.events import timeline_events
from consolidator.render.atom import article_feed, convention_feed
from consolidator.render.changes_json import FORMAT, changes_json
from tests.conftest import seed_lines


@pytest.fixture(scope="module")
def found(index: VersionIndex) -> Attribution:
    return attribute(index, "adherent")


def _timeline_keys(index: VersionIndex) -> set[tuple[date, str, str]]:
    """The dated effect, extension and term events of `timeline` (a term is felt the next day)."""
    kinds = {"effet": EFFET, "extension": EXTENSION, "terme": TERME}
    out = set()
    for e in timeline_events(index):
        if e.kind in kinds and e.date is not None:
            day = e.date + timedelta(days=1) if e.kind == "terme" else e.date
            out.add((day, kinds[e.kind], e.subject))
    return out


def test_feed_parses_and_lists_the_timeline_events(index: VersionIndex, found: Attribution) -> None:
    feed = feedparser.parse(convention_feed(index, found.events))
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(found.events) == len({e.key for e in found.events})
    ours = {(e.date, e.kind, e.act.id) for e in found.events}
    assert ours == _timeline_keys(index)
    assert found.fallbacks == ()  # every change attributed to the event that made it


def test_avenant_20_entry(index: VersionIndex, found: Attribution) -> None:
    # seed 004 l.9449-9573: avenant n° 20 rewrites 2.4 (4h00 → 7 heures, l.250 and l.260), 2.5, 2.6
    assert "Un crédit mensuel de 4h00" in seed_lines(250, 250)[0]
    assert "Un crédit mensuel de 7 heures" in seed_lines(260, 260)[0]
    feed = feedparser.parse(convention_feed(index, found.events))
    [entry] = [e for e in feed.entries if e.title.startswith("Avenant n° 20 ")]
    assert entry.title == "Avenant n° 20 du 21 septembre 2016 — entrée en vigueur"
    assert entry.updated.startswith("2017-04-02T00:00:00+02:00")
    assert entry.published.startswith("2017-04-01")  # JO of the arrêté of 21 March 2017
    html = entry.content[0].value
    assert "Article 2.5 — Congé exceptionnel" in html
    assert "<del>4h00</del><ins>7 heures</ins>" in html
    assert "arrêté du 21 mars 2017 (JO du 1er avril 2017)" in html
    assert "004 l.9449-9573" in html
    assert "a2000-" not in html and "a2009-" not in html  # never internal ids
    event = next(e for e in found.events if e.title == entry.title)
    assert [t.num for t in event.touches if t.change.before] == ["2.4", "2.5", "2.6"]


def test_approximate_dates_are_said(index: VersionIndex, found: Attribution) -> None:
    event = next(e for e in found.events if e.act.id == "avenant-2002-05-24")
    assert [str(n) for n in event.notes] == ["Date: approximative (D-005)"]  # git trailer, JSON
    feed = feedparser.parse(convention_feed(index, (event,)))
    html = feed.entries[0].content[0].value
    assert "Date d’effet approximative (D-005)" in html  # lawyer L-57: French for readers
    assert "Date:" not in html


def test_a_feed_entry_names_each_source_once(index: VersionIndex, found: Attribution) -> None:
    """Lawyer L-57: « Source : kali-2128-metadata.json, kali-2128-metadata.json »."""
    twice = [
        e
        for e in found.events
        if len([s for s in e.sources if not s.lines]) > 1
        and len({s.file for s in e.sources if not s.lines}) == 1
    ]
    assert twice
    for event in twice[:5]:
        html = feedparser.parse(convention_feed(index, (event,))).entries[0].content[0].value
        source = re.search(r"<p>Source : ([^<]*)</p>", html)
        assert source, html
        names = source.group(1).split(", ")
        assert len(names) == len(set(names)), names


def test_article_feed_follows_the_article(index: VersionIndex, found: Attribution) -> None:
    # a2000-2.4: the 2000 article 2.4, article 2.5 since avenant n° 13 (1 May 2009)
    feed = feedparser.parse(article_feed(index, "a2000-2.4", found.by_article["a2000-2.4"]))
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert "Avenant n° 13 du 18 mars 2009 — entrée en vigueur (en partie)" in titles
    assert "Avenant n° 20 du 21 septembre 2016 — entrée en vigueur" in titles
    assert feed.feed.title.startswith("Article 2.5 — Congé exceptionnel")
    renumbered = (
        next(e for e in feed.entries if e.title.startswith("Avenant n° 13")).content[0].value
    )
    assert "renuméroté (2.4 → 2.5)" in renumbered


def test_json_format(index: VersionIndex) -> None:
    found = attribute(index, "adherent", date(2017, 4, 1), date(2017, 4, 2))
    data = changes_json(index, found, date(2017, 4, 1), date(2017, 4, 2))
    assert data["format"] == FORMAT == "consolidator-changes/1"
    assert [e["kind"] for e in data["events"]] == ["extension", "entrée en vigueur"]
    art = next(a for a in data["events"][1]["articles"] if a["num"] == "2.4")
    assert {"op": "delete", "text": "4h00"} in art["wording"]
    assert art["state"]["after"] == "en vigueur étendue"


def test_cli(index: VersionIndex) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["changes", "--since", "2017-04-01", "--until", "2017-04-02"])
    assert out.exit_code == 0, out.output
    assert not feedparser.parse(out.output.encode()).bozo
    out = runner.invoke(main, ["changes", "--since", "2017-04-02", "--format", "json"])
    assert json.loads(out.output)["since"] == "2017-04-02"
    out = runner.invoke(main, ["changes", "--since", "2018-01-01", "--until", "2017-01-01"])
    assert out.exit_code == 1 and "error:" in out.output


def test_site_feeds(make_corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`build` writes the convention's feed and one feed per article (a small corpus)."""
    from consolidator.engine.index import open_index
    from consolidator.render.atom import site_feeds
    from tests.conftest import avenant

    ops = """<replace-words target="a2"><old>deux ans</old><new>trois ans</new></replace-words>"""
    small = open_index(make_corpus({"acts/av1.xml": avenant(ops)}))
    files = site_feeds(small, date(2010, 1, 1))
    # named like the article pages, by number (D-707), never by stable id (« a1 », « a2 »)
    assert sorted(files) == [
        "feeds/articles/1.1.atom",
        "feeds/articles/1.2.atom",
        "feeds/convention.atom",
    ]
    feed = feedparser.parse(files["feeds/articles/1.2.atom"])
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "Avenant av1 — entrée en vigueur",
        "Convention de test — entrée en vigueur",
    ]
    assert "<del>deux</del><ins>trois</ins>" in feed.entries[0].content[0].value
