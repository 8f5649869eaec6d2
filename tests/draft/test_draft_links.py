"""Following « (voir cet article) » to the export's consolidated text (consolidator.draft.links)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from consolidator.cli import main
from consolidator.corpus.acts import write_operation
from consolidator.draft.draft import draft_act
from consolidator.draft.formulas import read_formula
from consolidator.draft.links import ExportLinks, alinea_ops, fit_tables, is_link
from consolidator.draft.result import Draft
from consolidator.draft.view import ConventionView
from consolidator.engine.replay import VersionIndex
from consolidator.model import InsertArticle, Operation, OpKind, Para

EXPORT = Path(__file__).resolve().parents[2] / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"
LINES = EXPORT.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def links() -> ExportLinks:
    return ExportLinks.read(EXPORT)


def _draft(index: VersionIndex, a: int, b: int, links: ExportLinks | None) -> Draft:
    text = "\n" * (a - 1) + "\n".join(LINES[a - 1 : b])
    return draft_act(text, index, source_name="004", links=links)


def _position(op: Operation) -> str:
    """The position attribute the act file gives the operation ('' when it has none)."""
    return write_operation(op).get("position", "")


def _ops(draft: Draft, target: str) -> list[tuple[str, str]]:
    return [(d.op.kind.value, _position(d.op)) for d in draft.ops if d.op.subject == target]


def test_links_are_recognised() -> None:
    assert is_link(LINES[5079 - 1])  # 004 l.5079 « (voir cet article) »
    assert is_link(LINES[5266 - 1])  # 004 l.5266 « (voir ce tableau) »
    assert is_link(LINES[5294 - 1])  # 004 l.5294 « (voir ces dispositions) »
    assert not is_link(LINES[5077 - 1])  # the formula itself


def test_the_block_the_act_produced_is_chosen(index: VersionIndex, links: ExportLinks) -> None:
    # avenant n° 7 (17 Dec 2003) item 8 on 12.1 (004 l.5101-5103): the base text prints the
    # original block (l.2115) then the new one (l.2125-2131)
    w = links.wording(ConventionView(index, date(2003, 12, 16)), "12.1")
    assert w is not None and (w.num, w.src) == ("12.1", "2125-2131")
    # a sub-part leads to its article: 15.2.4 (avenant of 10 Dec 2002, l.4899) -> 15.2 v2
    w = links.wording(ConventionView(index, date(2002, 12, 9)), "15.2.4")
    assert w is not None and (w.num, w.src) == ("15.2", "2318-2381")


def test_the_block_after_the_eve_is_chosen_when_the_eve_differs_from_the_export(
    index: VersionIndex, links: ExportLinks
) -> None:
    # avenant n° 11 (20 Sep 2006) on 10.2 (004 l.5371): the curated eve (avenant n° 8) puts
    # « ouvrés » after « 2 jours », the export's block l.2010 after « (14 heures) »: that block
    # is still the eve's, and the act's is the next one (l.2050)
    w = links.wording(ConventionView(index, date(2006, 9, 19)), "10.2")
    assert w is not None and w.src.startswith("2050-")


def test_avenant_7_is_drafted_from_the_consolidated_articles(
    index: VersionIndex, links: ExportLinks
) -> None:
    draft = _draft(index, 5071, 5123, links)  # avenant n° 7, 004 l.5071-5123
    # 10.1 « paragraphe d, est complété » (l.5085-5087): alinéa changes as the curators made them
    assert _ops(draft, "a2000-10.1") == [
        *(("replace-alinea", str(n)) for n in (1, 3, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20)),
        ("insert-alinea", "12"),
    ]
    # 11.2 is created (l.5097-5099): its wording is l.2106
    (created,) = [d.op for d in draft.ops if isinstance(d.op, InsertArticle)]
    assert created.num == "11.2" and created.src == "2106-2106"
    assert created.paragraphs[0].text.startswith("Les salariés devant participer à l'appel")
    for op in draft.ops:
        assert op.confidence <= 0.5
        assert any("(voir cet article)" in d and "consolidated article" in d for d in op.doubts)
    assert not any("gives no wording" in d for d in draft.doubts)


def test_without_the_export_the_wording_stays_missing(index: VersionIndex) -> None:
    draft = _draft(index, 5071, 5123, None)  # avenant n° 7, 004 l.5071-5123
    assert any("gives no wording" in d for d in draft.doubts)


def test_table_rows_are_read_with_the_eve_columns(index: VersionIndex, links: ExportLinks) -> None:
    # avenant n° 10 art. 1 (004 l.5262-5266, « (voir ce tableau) »): 15.2.3's table in l.2403-2405
    draft = _draft(index, 5239, 5364, links)
    assert sorted(_ops(draft, "a2000-15.2")) == [("replace-alinea", str(n)) for n in (10, 6, 7, 9)]
    row = next(d.op for d in draft.ops if _position(d.op) == "10")
    assert row.kind is OpKind.REPLACE_ALINEA
    assert row.paragraphs[0].cells == (
        ("risque", "Invalidité"),
        ("employeur TA", "87 %"),
        ("employeur TB", "87 %"),
        ("salarié TA", "13 %"),
        ("salarié TB", "13 %"),
    )


def test_a_dashed_title_is_read_in_a_formula(index: VersionIndex, links: ExportLinks) -> None:
    # 004 l.4899: « Le premier paragraphe de l'article 15.2.4. - Institutions gestionnaires est
    # rédigé comme suit : »
    instr = read_formula(LINES[4899 - 1])
    assert instr is not None and (instr.kind, instr.nums) == ("replace-alinea", ("15.2.4",))
    draft = _draft(index, 4895, 4915, links)
    assert _ops(draft, "a2000-15.2") == [("replace-alinea", str(n)) for n in range(19, 26)]


def test_alinea_ops_from_a_comparison() -> None:
    eve = ("a) Durée :", "x", "y", "z")
    new = (Para("a) Durée"), Para("x"), Para("z"), Para("w"))
    ops = alinea_ops("t", "1.1", eve, new, "1-4", "doubt")
    assert [(o.op.kind.value, _position(o.op)) for o in ops] == [
        ("replace-alinea", "1"),
        ("delete-alinea", "3"),
        ("insert-alinea", "end"),
    ]
    every = alinea_ops("t", "1.1", eve, (Para("1"), Para("2")), "1-4", "doubt")
    assert [o.op.kind for o in every] == [OpKind.REPLACE_ARTICLE]


def test_fit_tables_leaves_text_without_a_table_alone() -> None:
    paras = (Para("EMPLOYEUR"), Para("Invalidité 87 %"))
    assert fit_tables((), paras) == paras


def test_cli_follows_the_links_of_the_export(tmp_path: Path) -> None:
    # avenant n° 9 (004 l.5198-5238): 14.1 and 14.2 are only « (voir cet article) » (l.5208, l.5215)
    source = tmp_path / "avenant-9.txt"
    source.write_text("\n".join(LINES[5198 - 1 : 5238]) + "\n", encoding="utf-8")
    out = tmp_path / "draft.xml"
    result = CliRunner().invoke(
        main, ["draft", str(source), "--export", str(EXPORT), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "consolidated article" in result.stderr
    root = etree.parse(str(out)).getroot()
    ops = [op for op in root.find("ops") if isinstance(op.tag, str)]  # comments left out
    shapes = [(op.tag, op.get("target"), op.get("position")) for op in ops]
    assert shapes == [  # the curators split the six new alinéas of 14.1 in two insertions
        ("replace-alinea", "a2000-14.1", "2"),
        ("insert-alinea", "a2000-14.1", "end"),
        ("replace-article", "a2000-14.2", None),
    ]
    assert len(ops[1].findall("p")) == 6  # 004 l.2189-2200
    bad = CliRunner().invoke(main, ["draft", str(source), "--export", str(source)])
    assert bad.exit_code == 1 and "error: " in bad.stderr  # not an export: no traceback
