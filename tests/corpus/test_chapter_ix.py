"""Chapter IX on real data: its versions, avenant n° 29's tables and split entry into force."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from consolidator.engine.replay import VersionIndex
from consolidator.model import State
from consolidator.normalize import normalize_text
from consolidator.query.history import history
from consolidator.query.snapshot import article_at, resolve_article, snapshot
from consolidator.query.states import excluded_spans, restrictions_at, version_state
from tests.conftest import ROOT, seed_lines

CALL = re.compile(r"\s*\((?:\d|\*)\)(?=[\s.,;:»]|$)")
TODAY = date(2026, 1, 1)
SEED_000 = ROOT / "corpus" / "sources" / "000_5fd5759f96aa2236.txt"
# blocks knowingly not reproduced to the letter (DECISIONS D-201, D-208); the tables of 004 l.1434
# (« Tableau non reproduit ») are compared as tables (D-204)
NOT_REPRODUCED = {1114: "D-201", 1830: "D-208"}


def _norm(paragraphs: list[str] | tuple[str, ...]) -> list[str]:
    out = [normalize_text(CALL.sub("", p)) for p in paragraphs]
    return [p for p in out if p]


def _key(paragraphs: list[str], rows: list[bool]) -> list[str]:
    """Normalised alinéas; a run of table rows, or 004's table placeholder and its URL, is one token."""
    out: list[str] = []
    for text, is_row in zip(paragraphs, rows, strict=True):
        if is_row or text.startswith("(Tableau non reproduit"):
            if not out or out[-1] != "<table>":
                out.append("<table>")
        elif not (text.startswith("https://") and out and out[-1] == "<table>"):
            out += _norm([text])
    return out


def _line_000(n: int) -> str:
    return SEED_000.read_text(encoding="utf-8").split("\n")[n - 1]


def _blocks(export):  # type: ignore[no-untyped-def]
    return [
        (unit.num, block)
        for unit in export.base
        if (unit.num or "").startswith("9.")
        for block in unit.blocks
    ]


def test_every_chapter_ix_block_is_one_version(index: VersionIndex, export) -> None:  # type: ignore[no-untyped-def]
    versions = [
        v
        for aid, vs in index.versions.items()
        if aid.startswith(("a2011-9.", "a2015-9."))
        for v in vs
    ]
    missing = []
    for num, block in _blocks(export):
        want = _key([p.text for p in block.paragraphs], [False] * len(block.paragraphs))
        hits = [
            v
            for v in versions
            if _key([f.text for f in v.fragments], [bool(f.cells) for f in v.fragments]) == want
        ]
        if block.start_line in NOT_REPRODUCED:
            assert not hits, (
                f"{num} l.{block.start_line} is reproduced now: drop it from NOT_REPRODUCED"
            )
        elif len(hits) != 1:
            missing.append((num, block.start_line, len(hits)))
    assert not missing
    assert len(_blocks(export)) == 15


def test_history_of_9_5(index: VersionIndex) -> None:
    # 004 l.1315 (accord 2015), l.1396 (avenant n° 27), l.1433 (avenant n° 29)
    versions = history(index, resolve_article(index, "9.5"), TODAY).versions
    assert [(h.version.act, h.version.since, h.version.until) for h in versions] == [
        ("accord-2015-07-03", date(2015, 7, 3), date(2019, 6, 21)),
        ("avenant-27", date(2019, 6, 21), date(2019, 12, 13)),
        ("avenant-29", date(2019, 12, 13), date(2020, 11, 28)),
        ("avenant-29", date(2020, 11, 28), None),
    ]
    assert versions[-1].state_today is State.ETENDU


def test_9_5_2_waits_for_the_day_after_the_jo(index: VersionIndex) -> None:
    # 004 l.12059: 9.5.2 « entrera en vigueur au lendemain de la publication de l'arrêté »;
    # arrêté du 20 novembre 2020, JO 27 novembre 2020 (meta)
    before = article_at(index, "a2015-9.5", date(2020, 11, 27))
    after = article_at(index, "a2015-9.5", date(2020, 11, 28))
    assert "9.5.2. Qualifications accessibles" in before.version.paragraphs  # 004 l.1409
    assert not any(f.cells for f in before.version.fragments)
    assert before.version.paragraphs[0] == "9.5.1. Principes généraux et bénéficiaires"
    assert "activité partielle" in before.version.text  # new 9.5.1, 004 l.1443
    assert "9.5.2. Qualifications accessibles" not in after.version.paragraphs
    assert sum(1 for f in after.version.fragments if f.cells) == 197
    # 9.5.1, 9.5.3 and 9.5.4 keep the alinéas written at signature
    kept = {f.uid for f in before.version.fragments} & {f.uid for f in after.version.fragments}
    assert len(kept) == 8 + 9


def test_between_signature_and_extension_9_5_is_not_extended(index: VersionIndex) -> None:
    version = article_at(index, "a2015-9.5", date(2020, 6, 1)).version
    assert version.act == "avenant-29"
    assert version_state(index, version, date(2020, 6, 1)) is State.NON_ETENDU


def test_certification_rows_from_000(index: VersionIndex) -> None:
    rows = [f.cells for f in article_at(index, "a2015-9.5", TODAY).version.fragments if f.cells]
    assert {name for cells in rows for name, _ in cells} == {
        "intitulé",
        "niveau",
        "rncp",
        "certificateur",
    }
    first = dict(rows[0])
    assert "28152" in _line_000(132)
    assert first == {
        "intitulé": "Secrétaire médico-administratif",
        "niveau": "4",
        "rncp": "28152",
        "certificateur": "Compagnie de formation -PIGIER",
    }
    last = dict(rows[-1])
    assert last["rncp"] == "26289" and "26289" in _line_000(1190)
    # 000 l.177-222: the LP « Assurance Banque Finance » has 18 code lines, paired by order
    lp = [
        dict(c)
        for c in rows
        if dict(c)["intitulé"] == "Licence Professionnelle Assurance Banque Finance"
    ]
    assert [r["rncp"] for r in lp][-2:] == ["25534", "21190"]
    assert len(lp) == 18
    # 000 l.467-477: printed after the 9.5.2.4 heading, these rows belong to 9.5.2.3
    paragraphs = article_at(index, "a2015-9.5", TODAY).version.paragraphs
    heading_4 = next(i for i, p in enumerate(paragraphs) if p.startswith("9.5.2.4."))
    marketing = next(
        i
        for i, p in enumerate(paragraphs)
        if p.startswith("Responsable marketing et communication")
    )
    assert marketing < heading_4


def test_excluded_certifications_are_tied_to_their_rows(index: VersionIndex) -> None:
    # 004 l.1574-1598: 23 certifications excluded by the arrêté du 20 novembre 2020
    assert "I51027" in seed_lines(1575, 1575)[0]
    version = article_at(index, "a2015-9.5", date(2021, 1, 1)).version
    spans = excluded_spans(index, version, date(2021, 1, 1))
    assert len(spans) == 23
    excluded = {
        (
            dict(version.fragments[s.fragment].cells)["rncp"],
            dict(version.fragments[s.fragment].cells)["certificateur"],
        )
        for s in spans
    }
    assert ("1027", "Ministère chargé de l'enseignement supérieur") in excluded
    assert ("31204", "CEESCO") in excluded and ("31204", "INSEEC") not in excluded  # l.1591
    assert ("21740", "GESCEP") in excluded and ("21740", "ESM-A") in excluded  # l.1592-1593
    assert ("16889", "CESI") not in excluded
    for s in spans:  # the exclusion takes the whole row that bears its RNCP code
        row = version.fragments[s.fragment]
        assert (s.start, s.end) == (0, len(row.text)) and dict(row.cells)[
            "rncp"
        ] == s.restriction.words
    before = article_at(index, "a2015-9.5", date(2020, 11, 26)).version
    assert excluded_spans(index, before, date(2020, 11, 26)) == ()


def test_avenant_27_exclusion_does_not_reach_avenant_29(index: VersionIndex) -> None:
    # 004 l.1430: arrêté du 18 décembre 2020 excludes avenant n° 27's 9.5 « devenues sans objet »
    today = article_at(index, "a2015-9.5", TODAY).version
    assert all(r.arrete != "arrete-2020-12-18" for r in restrictions_at(index, today, TODAY))
    av27 = next(v for v in index.versions["a2015-9.5"] if v.act == "avenant-27")
    bound = [b for b in index.bindings if b.restriction.arrete == "arrete-2020-12-18"]
    assert any(b.applies_to(av27) for b in bound)
    assert not any(b.applies_to(today) for b in bound if b.restriction.target == "a2015-9.5")


def test_9_14_renumbered_9_12_over_the_old_9_12(index: VersionIndex) -> None:
    # 004 l.14071 (article 10 of avenant n° 32), base block l.1826-1836 « (ancien article 9.14) »
    assert resolve_article(index, "9.12", TODAY) == "a2015-9.14"
    current = article_at(index, "a2015-9.14", TODAY).version
    assert current.num == "9.12" and "0,042 %" in current.text  # 004 l.1834
    old = index.versions["a2015-9.12"][-1]
    assert old.until == date(2021, 4, 16) and old.act == "avenant-27"
    assert index.versions["a2015-9.13"][-1].until == date(2021, 4, 16)
    assert resolve_article(index, "9.12", date(2020, 1, 1)) == "a2015-9.12"


def test_chapter_ix_before_2011_is_in_force_without_its_wording(index: VersionIndex) -> None:
    # D-200: the 2000 and 2004 wordings are not in the sources (004 l.5159-5161 « (voir ce chapitre) »)
    # but the articles whose number a source names, or the numbering implies, existed (D-100's rule)
    def chapter_ix(day: date) -> list[str]:
        snap = snapshot(index, day)
        return [
            a.num or "" for t in snap.texts for a in t.articles if any("IX" in p for p in a.path)
        ]

    # 2000: 9-6 named by the arrêté of 24 December 2001 (004 l.15499), so 9.1 to 9.5 too
    assert "l'article 9-6 de la convention collective" in seed_lines(15499, 15499)[0]
    assert chapter_ix(date(2001, 1, 1)) == [f"9.{k}" for k in range(1, 7)]
    first = article_at(index, "a2000-9.1", date(2003, 1, 1)).version
    assert first.act == "base" and [e.src for e in first.evidence] == ["112", "15499"]
    assert "chapitre IX : Formation professionnelle et emploi" in seed_lines(112, 112)[0]
    # the avenant of 26 September 2001 « portant modification de l'article 9-6 »: a new version
    assert article_at(index, "a2000-9.6", date(2002, 1, 1)).version.act == "avenant-2001-09-26"
    # 2004: 9.11 (avenant n° 12, l.5416) so 9.1 to 9.11; 9-8-1 named by the arrêté (l.15689)
    assert "Il est inséré à l'article 9.11" in seed_lines(5416, 5416)[0]
    assert "du 9-8-1" in seed_lines(15689, 15689)[0]
    assert chapter_ix(date(2010, 1, 1)) == [f"9.{k}" for k in range(1, 12)]
    old = article_at(index, "a2004-9.8", date(2010, 1, 1)).version
    assert not old.wording_known and old.act == "accord-2004-12-01"
    assert [e.src for e in old.evidence] == ["5159-5161", "15689"]
    assert article_at(index, "a2004-9.11", date(2007, 1, 1)).version.act == "avenant-12"
    # accord du 5 juillet 2011 (004 l.7183): 9.2 and 9.5 wait for the extension (JO 14 juillet
    # 2012); until then the 2004 9.2 and 9.5 stay in force (D-211, lawyer L-16)
    assert chapter_ix(date(2012, 1, 1)) == [f"9.{k}" for k in range(1, 16)]
    assert article_at(index, "a2004-9.2", date(2012, 1, 1)).version.act == "accord-2004-12-01"
    assert index.versions["a2004-9.2"][-1].until == date(2012, 7, 14)
    assert index.versions["a2004-9.1"][-1].until == date(2011, 7, 5)
    assert article_at(index, "a2011-9.2", date(2012, 7, 14)).num == "9.2"
    assert len(chapter_ix(date(2012, 7, 14))) == 15
    assert len(chapter_ix(date(2016, 1, 1))) == 14  # accord du 3 juillet 2015, 9.1-9.14


def test_prorogation_of_9_2_2(index: VersionIndex) -> None:
    # 004 l.10031-10059: avenant n° 23, from the 1st of the month after the JO (5 December 2018)
    before = article_at(index, "a2015-9.2", date(2018, 12, 31)).version.text
    after = article_at(index, "a2015-9.2", date(2019, 1, 1)).version
    assert "2016, 2017, 2018 et 2019" not in before
    assert "2016, 2017, 2018 et 2019" in after.text
    assert "deuxième semestre de l'année 2019" in after.text
    assert any("avenant-23" in f.amended_by for f in after.fragments)


def test_curated_avenant_29_file_is_where_the_brief_says() -> None:
    path = ROOT / "corpus" / "idcc-2128" / "acts" / "2019-12-13-avenant-29.xml"
    text = path.read_text(encoding="utf-8")
    assert text.count("<row>") == 197
    assert 'rule="lendemain-publication"' in text and 'arrete="arrete-2020-11-20"' in text
    assert (
        Path(ROOT / "corpus" / "idcc-2128" / "arretes" / "2020-11-20.xml")
        .read_text(encoding="utf-8")
        .count("<exclude ")
        == 23
    )


def test_not_reproduced_blocks_differ_only_as_recorded(index: VersionIndex, export) -> None:  # type: ignore[no-untyped-def]
    units = {unit.num: unit for unit in export.base}
    # D-204: the prose of 9.5 equals 004 l.1434-1572 once the table placeholders are set aside
    block = units["9.5"].blocks[-1]
    prose = [p.text for p in block.paragraphs if not p.text.startswith(("(Tableau", "https://"))]
    v95 = index.versions["a2015-9.5"][-1]
    assert _norm([f.text for f in v95.fragments if not f.cells]) == _norm(prose)
    # D-208: 9.12 equals 004 l.1830-1834 without Legifrance's « (ancien article 9.14) » (l.1836)
    block = units["9.12"].blocks[-1]
    assert block.paragraphs[-1].text.strip() == "(ancien article 9.14)"
    wording = [p.text for p in block.paragraphs[:-1]]
    assert _norm(index.versions["a2015-9.14"][-1].paragraphs) == _norm(wording)
    # D-201: 9.2 ends with avenant n° 32's own footnote (004 l.1180, a note in the export)
    v92 = index.versions["a2015-9.2"][-1]
    assert v92.paragraphs[-1].startswith("(1) L'article 159 de la loi n° 2020-1721")
    assert seed_lines(1180, 1180)[0].startswith("(1) L'article 159")
