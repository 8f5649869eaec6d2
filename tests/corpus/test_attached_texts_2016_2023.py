"""Attached texts of 004 l.9000-15462 (2016-2023 and the Textes Salaires) against their blocks."""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.query.states import restrictions_at
from consolidator.sources.legifrance.audit import (
    SEED_DATE,
    TextAudit,
    audit_attached,
    block_key,
    version_key,
)
from consolidator.sources.legifrance.export import AttachedText, Block, Export
from tests.conftest import ROOT, mapped, seed_lines

DECISIONS = (ROOT / "corpus" / "idcc-2128" / "DECISIONS.md").read_text(encoding="utf-8")
FIRST_LINE = 9000  # this module's share of the export: texts starting at l.9000 or later


@pytest.fixture(scope="module")
def texts(index: VersionIndex, export: Export) -> dict[int, TextAudit]:
    return {t.line: t for t in audit_attached(index, export) if t.line >= FIRST_LINE}


def text_at(export: Export, line: int) -> AttachedText:
    return next(t for t in (*export.attached, *export.salaries) if t.start_line == line)


def block_at(export: Export, marker_line: int) -> Block:
    return next(
        b
        for t in (*export.attached, *export.salaries)
        for a in t.articles
        for b in a.blocks
        if b.marker_line == marker_line
    )


def test_every_text_of_the_range_is_held_as_a_text(texts: dict[int, TextAudit]) -> None:
    """No amending act of 2016-2020 is left as operations only (D-600): avenant n° 20 at
    004 l.9449 ... the accord of 9 November 2018 at l.10153, avenant n° 31 at l.12527."""
    assert len(texts) == 41
    assert {t.how for t in texts.values()} == {"texte"}
    assert texts[10153].act == "accord-2018-11-09"


def test_every_block_is_reproduced_or_explained(texts: dict[int, TextAudit]) -> None:
    failures = [m for t in texts.values() for m in t.matches if m.version is None or m.problem]
    assert [m.block.marker_line for m in failures if not mapped(m.block.marker_line)] == []
    good = sum(len(t.matches) for t in texts.values()) - len(failures)
    assert good >= 312  # 227/304 before this round, with 9 amending texts held as operations


def test_current_blocks_reproduced_are_in_force(texts: dict[int, TextAudit]) -> None:
    for t in texts.values():
        for m in t.matches:
            if m.version is not None and not m.problem and m.block.marker.startswith("en vigueur"):
                assert m.version.covers(SEED_DATE), m.block.marker_line


def test_amending_article_keeps_its_operative_sentence_only(index: VersionIndex) -> None:
    """Avenant n° 25, art. 1er (004 l.10830-10842): the body keeps l.10830, 2.7.2 gets l.10832-."""
    body = index.versions["avenant-25-1"][0]
    assert [f.text for f in body.fragments] == seed_lines(10830, 10830)
    assert "« 2.7.2. Représentation dans une instance paritaire" in seed_lines(10832, 10832)[0]
    assert all("Représentation dans une instance paritaire" not in f.text for f in body.fragments)


def test_article_made_only_of_quoted_wording_is_not_in_the_body(index: VersionIndex) -> None:
    """Avenant n° 20, art. 1er is « Article 2.4 ... 2.6.4 » only (004 l.9454-9514): no body
    article; its article 2 keeps « Il a également été convenu ... » (l.9520)."""
    assert "avenant-20-1" not in index.versions
    art2 = index.versions["avenant-20-2"][0]
    assert [f.text for f in art2.fragments] == seed_lines(9520, 9520)
    assert "avenant-20-3.1" in index.versions and "avenant-20-preambule" in index.versions


def test_dialogue_social_accord_own_articles(index: VersionIndex) -> None:
    """Accord of 9 November 2018, art. 1.1 (004 l.10164-10166) and its annexe 1 footnote
    (l.10739) kept as the last alinéa of annexe 1 (D-602)."""
    art = index.versions["dialogue-social-2018-1.1"][0]
    assert [f.text for f in art.fragments] == [
        line for line in seed_lines(10164, 10166) if line.strip()
    ]
    assert art.since == date(2019, 1, 1)  # « entre en vigueur au 1er janvier 2019 » (l.10548)
    annexe = index.versions["dialogue-social-2018-annexe-1"][0]
    assert annexe.fragments[-1].text.startswith("(1) Il est précisé que les montants")


def test_reservations_on_the_accords_own_articles(index: VersionIndex) -> None:
    """Arrêté of 17 February 2020: arts. 2, 2.6 and 6 extended « sous réserve » (004 l.10323,
    l.10400, l.10556); arrêté of 5 February 2021 on avenant n° 30 arts. 1, 2 (l.12117, l.12141)."""
    day = date(2023, 1, 1)
    for article, src in (
        ("dialogue-social-2018-2", "10323"),
        ("dialogue-social-2018-2.6", "10400"),
        ("dialogue-social-2018-6", "10556"),
        ("avenant-30-1", "12117"),
        ("avenant-30-2", "12141"),
    ):
        found = restrictions_at(index, index.versions[article][0], day)
        assert [(r.kind, r.src) for r in found] == [("reserve", src)], article
    before = restrictions_at(index, index.versions["dialogue-social-2018-2"][0], date(2019, 6, 1))
    assert before == ()  # the arrêté was published on 21 February 2020


@pytest.mark.parametrize(
    ("marker", "article"),
    [
        (13216, "egalite-fh-2021-annexe-1"),  # 004 l.13218 « Annexe 1 / Glossaire »
        (13252, "egalite-fh-2021-annexe-2"),
        (13275, "egalite-fh-2021-annexe-3"),
        (11658, "solidarite-2019-annexe-formulaire"),
        (11666, "solidarite-2019-annexe-extrait"),
        (10741, "dialogue-social-2018-annexe-2"),
        (14134, "avenant-32-annexe"),
    ],
)
def test_annexes_one_article_per_block(
    index: VersionIndex, export: Export, marker: int, article: str
) -> None:
    """D-603: each annexe block of the export is one article of the corpus."""
    version = index.versions[article][-1]
    assert block_key(block_at(export, marker)) == version_key(version.fragments).placeholder


def test_block_less_its_signatories_footnote(index: VersionIndex, export: Export) -> None:
    """D-602: block l.10328 (art. 2.1) is the version less its footnote « (1) Visés à
    l'article 18.3 » (004 l.10335), which the importer reads as a note."""
    block = block_at(export, 10328)
    assert [n.line for n in block.notes] == [10335]
    version = index.versions["dialogue-social-2018-2.1"][0]
    assert version.fragments[-1].text == seed_lines(10335, 10335)[0].strip()
    assert block_key(block) == version_key(version.fragments[:-1]).placeholder


@pytest.mark.parametrize("start", [5441, 15138])
def test_salary_accord_of_2006_printed_twice(
    index: VersionIndex, export: Export, start: int
) -> None:
    """D-604: each copy (004 l.5441, l.15138) is one block = the act's articles in order with
    their « Article N » lines, then the extension note glued to l.15184."""
    text = text_at(export, start)
    assert len(text.articles) == 1 and len(text.articles[0].blocks) == 1
    block = text.articles[0].blocks[0]
    words: list[str] = []
    ids = ["preambule", "1", "2", "3", "4", "5", "annexe"]
    for suffix in ids:
        version = index.versions[f"salaires-2007-{suffix}"][0]
        if version.num:
            words += ["Article", version.num]
        words += version_key(version.fragments).printed
    note = block_key(block)[len(words) :]
    assert block_key(block)[: len(words)] == tuple(words)
    assert " ".join(note).startswith("Accord étendu, à l'exclusion des organismes")
    assert " ".join(note).endswith("(arrêté du 8 février 2007, art. 1er).")
    assert "l.15139" in DECISIONS and "l.5442" in DECISIONS
