"""Drafting assistant, reading stage: PDF text, formulas, metadata and tables on the seeds' words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consolidator.draft.formulas import read_formula
from consolidator.draft.metadata import effect_rule, read_metadata
from consolidator.draft.pdftext import blocks_of
from consolidator.draft.reader import read_act
from consolidator.draft.tables import find_tables

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "corpus" / "sources" / "000_5fd5759f96aa2236.txt"
SEED_004 = ROOT / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"


@pytest.fixture(scope="module")
def lines_000() -> list[str]:
    return SEED_000.read_text(encoding="utf-8").split("\n")


def export(a: int, b: int) -> str:
    """004 lines a-b, padded so that block line numbers are the export's."""
    lines = SEED_004.read_text(encoding="utf-8").split("\n")
    return "\n" * (a - 1) + "\n".join(lines[a - 1 : b])


def test_pdf_paragraphs_are_rejoined(lines_000: list[str]) -> None:
    # 000 l.47-52: a wrapped paragraph, « l'article L. » cut at a line end, a heading
    blocks = blocks_of("\n".join(lines_000[46:69]))
    texts = [b.text for b in blocks]
    assert texts[0] == "9.5.1 Principes généraux et bénéficiaires"
    assert texts[1].startswith("La reconversion ou la promotion par alternance a pour objet")
    assert texts[1].endswith("l'article L. 6313-5 du Code du travail.")
    # 000 l.63-65: a list item broken by an empty line before « L. 5134-19-1 »
    assert any(
        t.endswith("L. 5134-19-1 du Code du travail (contrat unique d’insertion).") for t in texts
    )


def test_export_keeps_one_paragraph_per_line() -> None:
    blocks = blocks_of(export(7467, 7478))  # avenant n° 17, 004 l.7467-7478
    assert blocks[0].start == 7467 and blocks[0].text == "Financement du dialogue social"
    assert all(b.start == b.end for b in blocks)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 000 l.43
        (
            "L’intégralité de l’article 9.5 de la convention collective de la Mutualité est réécrit comme suit :",
            ("replace-article", ("9.5",), None),
        ),
        # 004 l.10830 (avenant n° 25)
        (
            "L'article 2.7.2 de la convention collective de la mutualité est intégralement réécrit comme suit :",
            ("replace-article", ("2.7.2",), None),
        ),
        # 004 l.13432 (avenant n° 32): « supprimé et remplacé » is a rewrite, not a repeal
        (
            "L'article 9.1est intégralement supprimé et remplacé par les dispositions suivantes :",
            ("replace-article", ("9.1",), None),
        ),
        # 004 l.7471 (avenant n° 17)
        (
            "Il est créé dans la convention collective nationale un article 2.8 intitulé « Financement du dialogue social dans la branche mutualité » et rédigé comme suit :",
            ("insert-article", ("2.8",), None),
        ),
        # 004 l.5201 (avenant n° 9)
        (
            "1. L'alinéa 2 de l'article 14.1 de la convention collective nationale est supprimé et remplacé par les dispositions suivantes :",
            ("replace-alinea", ("14.1",), 2),
        ),
        # 004 l.6695 (avenant n° 15)
        (
            "A la suite du premier alinéa est insérée, dans l'article 16.2, la disposition suivante :",
            ("insert-alinea", ("16.2",), 2),
        ),
        # 004 l.9578 (avenant n° 21)
        (
            "L'article 18.1 consacrant la commission paritaire d'interprétation et l'article 18.3 consacrant la commission paritaire nationale sont supprimés.",
            ("repeal-article", ("18.1", "18.3"), None),
        ),
        # 004 l.8335 (accord du 3 juillet 2015)
        (
            "Le chapitre IX de la convention collective nationale de la mutualité « Formation professionnelle et emploi » est abrogé et remplacé par les dispositions suivantes :",
            ("rewrite-chapter", (), None),
        ),
    ],
)
def test_formulas(sentence: str, expected: tuple) -> None:
    instr = read_formula(sentence)
    assert instr is not None
    assert (instr.kind, instr.nums, instr.position) == expected


def test_words_and_renumbering_formulas() -> None:
    instr = read_formula(
        "Au 2e alinéa de l'article 4.2, les mots « un mois » sont remplacés par les mots « deux mois »."
    )
    assert instr is not None
    assert (instr.kind, instr.nums, instr.position, instr.old, instr.new) == (
        "replace-words",
        ("4.2",),
        2,
        "un mois",
        "deux mois",
    )
    instr = read_formula("Les articles 2.3 à 2.5 deviennent les articles 2.4 à 2.6.")
    assert instr is not None and instr.renumber == (("2.3", "2.4"), ("2.4", "2.5"), ("2.5", "2.6"))
    assert (
        read_formula("Cet avenant fera l'objet d'une évaluation par les partenaires sociaux.")
        is None
    )


def test_effect_rules_of_avenant_29(lines_000: list[str]) -> None:
    # 000 l.1265-1270: general rule at signature, 9.5.2 on the day after the arrêté's publication
    reading = read_act("\n".join(lines_000))
    meta = read_metadata(reading.blocks, reading.own)
    assert meta.number == "29"
    assert meta.signed == date(2019, 12, 13)  # « lors de la CPPNI du 13 décembre 2019 », l.40
    assert meta.indeterminate
    kinds = [(r.kind, r.rule, r.scope) for r in meta.rules]
    assert kinds == [
        ("at-signature", None, None),
        ("on-extension", "lendemain-publication", "9.5.2"),
    ]


def test_fixed_and_article_scoped_rules() -> None:
    # 004 l.6400 (avenant n° 13) and l.5120 (avenant n° 7)
    rule = effect_rule(
        "Les dispositions de l'article 1er entrent en vigueur à compter du 1er mai 2009."
    )
    assert rule is not None and rule.date == date(2009, 5, 1)
    reading = read_act(export(5071, 5123))
    meta = read_metadata(reading.blocks, reading.own)
    assert meta.signed == date(2003, 12, 17)  # « Fait à Paris, le 17 décembre 2003. »
    assert [(r.kind, r.date) for r in meta.rules] == [("fixed", date(2004, 1, 1))]


def test_certification_tables_of_avenant_29(lines_000: list[str]) -> None:
    tables = find_tables(lines_000)
    assert [len(t.rows) for t in tables] == [8, 13, 19, 13, 13, 16, 14, 4]
    assert sum(len(r.paras()) for t in tables for r in t.rows) == 197
    # 9.5.2.3 goes on after the 9.5.2.4 heading (000 l.467-562)
    assert tables[2].parts == ((364, 452), (467, 562))
    first = tables[0].rows[0]  # 000 l.129-132
    assert (first.title, first.level, first.codes) == (
        "Secrétaire médico-administratif",
        "4",
        ("28152",),
    )
    # 000 l.637-652: one code, eleven co-certifiers -> one row
    optique = tables[3].rows[9]
    assert optique.codes == ("30157",) and len(optique.certifiers) == 11
    assert len(optique.paras()) == 1
    # 000 l.978-997: a row cut by a page break keeps its seven codes
    droit = tables[6].rows[3]
    assert droit.title == "Master : Droit privé spécialité assurances"
    assert droit.codes == ("14132", "14132", "14132", "18833", "18833", "23097", "23751")


def test_annex_and_unread_passages_are_listed(lines_000: list[str]) -> None:
    reading = read_act("\n".join(lines_000))
    assert len(reading.passages) == 1  # the one rewrite of 9.5, 000 l.43
    assert any(b.text.startswith("Note justificative") for b in reading.unread)  # l.1282
    assert not any(p.block.start > 1282 for p in reading.passages)


def test_term_of_a_fixed_term_accord() -> None:
    # 004 l.8023: « conclu pour une durée déterminée qui prendra fin le 31 décembre 2015 »
    blocks = blocks_of(export(8023, 8023))
    meta = read_metadata(blocks, blocks)
    assert meta.term == date(2015, 12, 31) and not meta.indeterminate


def test_words_changes_take_their_article_from_the_heading() -> None:
    # 004 l.5137-5146 (avenant n° 8): « Les dispositions de l'article 10.2 ... sont modifiées
    # comme suit », then « L'adjectif : " ouvrable " est remplacé par l'adjectif : » / « " ouvré ". »
    reading = read_act(export(5124, 5154))
    kinds = [(p.instruction.kind, p.instruction.nums) for p in reading.passages]
    assert kinds == [("replace-words", ("10.2",)), ("insert-words", ("10.2",))]
    assert reading.passages[0].instruction.old == "ouvrable"
    assert reading.passages[1].instruction.anchor_after == "2 jours"


def test_signe_le_naming_another_text_is_no_signature() -> None:
    # 004 l.7203 (accord of 5 July 2011): « l'accord GPEC signé le 15 juillet 2009 »; 004
    # l.10074 (avenant n° 23): « L'accord de branche ... signé le 3 juillet 2015 »
    for line in (7203, 10074):
        blocks = blocks_of(export(line, line))
        assert read_metadata(blocks, blocks).signed is None, line
    blocks = blocks_of("Le présent avenant, signé le 8 décembre 2017, entre en vigueur ...")
    assert read_metadata(blocks, blocks).signed == date(2017, 12, 8)


def test_paragraph_headings_scope_the_word_changes() -> None:
    # avenant n° 8, 004 l.5144-5146: « Paragraphe c » then « Après " 2 jours " est inséré ... »
    reading = read_act(export(5124, 5154))
    assert [p.instruction.sub for p in reading.passages] == [None, "c"]
