"""Drafting assistant, operations: acts of the export drafted against the corpus of their day."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from consolidator.corpus.acts import write_operation
from consolidator.corpus.xml import parse_xml
from consolidator.draft import draft_act, write_act
from consolidator.draft.ops import Drafted
from consolidator.engine.replay import VersionIndex
from consolidator.model import InsertArticle, InsertWords, OpKind, RenumberArticle, ReplaceWords

SEED_004 = Path(__file__).resolve().parents[2] / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"


@pytest.fixture(scope="module")
def export() -> list[str]:
    return SEED_004.read_text(encoding="utf-8").split("\n")


def drafted(index: VersionIndex, export: list[str], a: int, b: int, signed: date) -> list[Drafted]:
    text = "\n" * (a - 1) + "\n".join(export[a - 1 : b])
    return list(draft_act(text, index, source_name="004", signed_hint=signed).ops)


def attrs(d: Drafted) -> dict[str, str]:
    """The attributes the act file gives the operation, its source lines and effect aside."""
    written = write_operation(d.op).attrib
    return {k: v for k, v in written.items() if k not in ("src", "effect")}


def shape(d: Drafted) -> tuple[str, ...]:
    return (d.op.kind.value, d.op.subject, attrs(d).get("position", ""))


def test_subpart_rewrite_becomes_alineas(index: VersionIndex, export: list[str]) -> None:
    # avenant n° 25, 004 l.10830: « L'article 2.7.2 ... est intégralement réécrit »; 2.7.2 is
    # alinéas 7-9 of 2.7 (a2000-2.5): delete 9 and 8, replace 7
    ops = drafted(index, export, 10825, 10896, date(2018, 12, 7))
    assert [shape(op) for op in ops] == [
        ("delete-alinea", "a2000-2.5", "9"),
        ("delete-alinea", "a2000-2.5", "8"),
        ("replace-alinea", "a2000-2.5", "7"),
    ]
    assert "Représentation dans une structure paritaire" in ops[-1].op.expect
    assert ops[-1].op.paragraphs[0].text == "2.7.2. Représentation dans une instance paritaire"


def test_chapter_of_the_base_text_keeps_identities(index: VersionIndex, export: list[str]) -> None:
    # avenant n° 13, 004 l.6103: chapter II « abrogé et remplacé »; the 2000 articles are matched
    # by wording (D-001); the text is printed twice (l.6100, l.6229): each operation once
    ops = drafted(index, export, 6099, 6428, date(2009, 3, 18))
    renumbers = [(o.op.target, o.op.to_num) for o in ops if isinstance(o.op, RenumberArticle)]
    assert [r for r in renumbers if r[0].startswith("a2000-2.")] == [
        ("a2000-2.5", "2.7"),
        ("a2000-2.4", "2.5"),
        ("a2000-2.3", "2.4"),
    ]
    inserted = [o.op.id for o in ops if isinstance(o.op, InsertArticle)]
    assert "a2009-2.3" in inserted and "a2009-2.6" in inserted
    assert len({(o.op.kind, tuple(attrs(o).items())) for o in ops}) == len(ops)


def test_re_enacted_chapter_is_repealed_and_inserted(
    index: VersionIndex, export: list[str]
) -> None:
    # accord du 3 juillet 2015, 004 l.8335: chapter IX of 2011 « abrogé et remplacé » (D-202)
    ops = drafted(index, export, 8331, 8802, date(2015, 7, 3))
    kinds = [o.op.kind for o in ops]
    assert kinds.count(OpKind.REPEAL_ARTICLE) == 15 and kinds.count(OpKind.INSERT_ARTICLE) == 14
    assert all(
        o.op.subject.startswith("a2011-9.") for o in ops if o.op.kind is OpKind.REPEAL_ARTICLE
    )


def test_own_renumbering_is_followed(index: VersionIndex, export: list[str]) -> None:
    # avenant n° 21, 004 l.9630 « L'article 18.4 ... devient l'article 18.3 », then l.9637
    # « Le contenu du nouvel article 18.3 ... est réécrit »: the rewrite targets the renumbered one
    ops = drafted(index, export, 9574, 9679, date(2017, 12, 8))
    assert ("renumber-article", "a2000-18.4", "") in [shape(o) for o in ops]
    assert ("replace-article", "a2000-18.4", "") in [shape(o) for o in ops]
    # l.9579: the 2000 article 18.3, whose wording the sources lack, is in the corpus (D-111)
    assert ("repeal-article", "a2000-18.3", "") in [shape(o) for o in ops]


def test_several_subparts_of_one_article_are_merged(index: VersionIndex, export: list[str]) -> None:
    # avenant n° 22, 004 l.9744: 15.2.1 a, 15.2.2 ... rewritten one by one: one rewrite of 15.2
    ops = drafted(index, export, 9744, 10023, date(2017, 12, 8))
    on_15_2 = [o for o in ops if o.op.subject == "a2000-15.2"]
    assert [o.op.kind for o in on_15_2] == [OpKind.REPLACE_ARTICLE]
    assert any("merged into one rewrite" in d for d in on_15_2[0].doubts)


def test_no_wording_is_said(index: VersionIndex, export: list[str]) -> None:
    # avenant n° 7, 004 l.5077-5079: « L'article 1.2 ... est modifié comme suit : (voir cet article) »
    ops = drafted(index, export, 5071, 5123, date(2003, 12, 17))
    first = ops[0]
    assert shape(first) == ("replace-article", "a2000-1.2", "")
    assert first.confidence <= 0.3
    assert any("gives no wording" in d for d in first.doubts)
    assert first.op.paragraphs[0].text.startswith("[wording not given by the act")


def test_an_adjective_changes_with_its_plural(index: VersionIndex, export: list[str]) -> None:
    # avenant n° 8, 004 l.5140-5141: « L'adjectif : " ouvrable " est remplacé par l'adjectif :
    # " ouvré " »: 10.2 also reads « jours ouvrables », changed to « jours ouvrés »
    ops = drafted(index, export, 5124, 5154, date(2004, 3, 3))
    words = [(op.op.old, op.op.new) for op in ops if isinstance(op.op, ReplaceWords)]
    assert ("ouvrables", "ouvrés") in words and ("ouvrable", "ouvré") in words
    plural = next(op for op in ops if isinstance(op.op, ReplaceWords) and op.op.old == "ouvrables")
    assert any("plural" in d for d in plural.doubts)


def test_word_changes_under_a_paragraph_heading_stay_in_it(
    index: VersionIndex, export: list[str]
) -> None:
    # avenant n° 8, 004 l.5144-5146: « Paragraphe c » / « Après " 2 jours " est inséré
    # " ouvrés " »: « 2 jours » also occurs in paragraphs a and b of 10.2; only the alinéa of
    # c) holding it is changed (alinéa 19, as in acts/2004-03-03-avenant-08.xml)
    ops = drafted(index, export, 5124, 5154, date(2004, 3, 3))
    (insert,) = [op for op in ops if isinstance(op.op, InsertWords)]
    assert attrs(insert) == {"target": "a2000-10.2", "alinea": "19"}


def test_a_sentence_rewrite_of_the_article_named_in_the_heading(
    index: VersionIndex, export: list[str]
) -> None:
    # avenant n° 23, 004 l.10028 « Modification de l'article 9.2.2 » then l.10031/10033 « La
    # première (dernière) phrase de cet article est réécrite comme suit : « ... » »: 9.2.2 is
    # alinéas 4-16 of 9.2; its first sentence opens alinéa 5, its last one is alinéa 16
    ops = drafted(index, export, 10026, 10084, date(2017, 12, 8))
    got = [(attrs(op), op.op.old[:30]) for op in ops if isinstance(op.op, ReplaceWords)]
    assert got == [
        ({"target": "a2015-9.2", "alinea": "5"}, "Afin de concrétiser et d'accom"),
        ({"target": "a2015-9.2", "alinea": "16"}, "Les partenaires sociaux examin"),
    ]
    first, last = (op.op for op in ops)
    assert isinstance(first, ReplaceWords) and isinstance(last, ReplaceWords)
    assert last.new.endswith("prolongation de la contribution conventionnelle")
    assert "2019" in first.new


def test_a_renumbering_onto_a_number_in_force_repeals_its_bearer(
    index: VersionIndex, export: list[str]
) -> None:
    # avenant n° 32, 004 l.14071: « L'article 9.14 ... est renuméroté article 9.12 » while 9.12
    # (a2015-9.12) is in force and no article of the act repeals it (D-208): repealed, flagged
    ops = drafted(index, export, 14060, 14072, date(2021, 4, 16))
    assert [shape(op) for op in ops] == [
        ("repeal-article", "a2015-9.12", ""),
        ("renumber-article", "a2015-9.14", ""),
    ]
    assert ops[0].confidence < 0.5 and "neither moves nor repeals" in ops[0].doubts[0]


def test_drafted_act_files_are_schema_valid(index: VersionIndex, export: list[str]) -> None:
    """The draft's operations are written by the corpus's one writer: the act files of a
    chapter rewrite (avenant n° 13, 004 l.6099-6428: renumber, insert, replace and repeal) and
    of word changes (avenant n° 8, 004 l.5124-5154) validate against the corpus schema."""
    rng = resources.files("consolidator.corpus.schema").joinpath("corpus.rng")
    schema = etree.RelaxNG(parse_xml(str(rng)))
    for a, b, signed in ((6099, 6428, date(2009, 3, 18)), (5124, 5154, date(2004, 3, 3))):
        text = "\n" * (a - 1) + "\n".join(export[a - 1 : b])
        draft = draft_act(text, index, source_name="004", signed_hint=signed)
        root = etree.fromstring(write_act(draft))
        assert schema.validate(etree.ElementTree(root)), schema.error_log
        assert len(root.find("ops").findall("*")) == len(draft.ops)
