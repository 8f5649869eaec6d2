"""Tests of the Legifrance export importer on the real IDCC 2128 export (seed 004)."""

from __future__ import annotations

import doctest
import json
from collections import Counter
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consolidator.errors import CorpusError
from consolidator.sources.legifrance import arretes as legifrance_arretes
from consolidator.sources.legifrance import base as legifrance_base
from consolidator.sources.legifrance import headers as legifrance_headers
from consolidator.sources.legifrance import lines as legifrance_lines
from consolidator.sources.legifrance import report as legifrance_report
from consolidator.sources.legifrance.export import (
    AttachedText,
    Block,
    Export,
    Unit,
    marker_counts,
    parse_export,
    parse_lines,
    report,
    to_json,
)

SEED = Path(__file__).resolve().parents[2] / "corpus/sources/004_cb251bc3192fed7a.txt"
PARTS = ["Texte de base", "Textes Attachés", "Textes Salaires", "Textes Extensions"]


def unit(export: Export, num: str) -> Unit:
    return next(u for u in export.base if u.num == num)


def text_at(export: Export, line: int) -> AttachedText:
    return next(t for t in export.attached if t.start_line <= line <= t.end_line)


def all_blocks(export: Export) -> list[Block]:
    blocks = [b for u in export.base for b in u.blocks]
    for text in export.attached + export.salaries:
        blocks += [b for a in text.articles for b in a.blocks]
    return blocks


# --- base text (l.10-3464) ---------------------------------------------------------------


def test_base_units_70(export: Export) -> None:
    """Format note §3.2: 70 heading units, Préambule l.13, chapters IV/XI/XIII, 66 articles."""
    kinds = Counter(u.kind for u in export.base)
    assert len(export.base) == 70
    assert kinds == {"preambule": 1, "chapter": 3, "article": 66}
    assert [u.num for u in export.base if u.kind == "chapter"] == ["IV", "XI", "XIII"]
    assert export.base[0].heading_line == 13
    assert export.base_title == "Convention collective nationale du 31 janvier 2000"  # l.12


def test_base_blocks_118(export: Export) -> None:
    """§3.2: 118 blocks, 70 étendue, 46 REMPLACE, 2 non-étendue (l.265 and l.589)."""
    markers = Counter(b.marker for u in export.base for b in u.blocks)
    assert sum(markers.values()) == 118
    assert markers == {"en vigueur étendue": 70, "REMPLACE": 46, "en vigueur non-étendue": 2}


def test_blocks_per_unit(export: Export) -> None:
    """§3.2: units with 3+ blocks (15.2 has 8, markers from l.2255 to l.2999)."""
    busy = {u.num: len(u.blocks) for u in export.base if len(u.blocks) >= 3}
    assert busy == {
        "2.4": 3,
        "2.5": 4,
        "9.5": 3,
        "10.2": 4,
        "14.1": 3,
        "14.2": 4,
        "15.2": 8,
        "15.3": 3,
        "18.3": 3,
    }
    assert Counter(len(u.blocks) for u in export.base) == {1: 39, 2: 22, 3: 5, 4: 3, 8: 1}


def test_18_chapters(export: Export) -> None:
    """§3.1: 18 chapter headings, l.20 `I. - Dispositions générales` to l.3361 XVIII."""
    assert len(export.chapters) == 18
    assert export.chapters[0] == ("I", "Dispositions générales", 20)
    assert export.chapters[10] == ("XI", "Service national et journée citoyenne", 2090)
    assert export.chapters[-1][0::2] == ("XVIII", 3361)
    assert unit(export, "2.1").chapter == ("II", "Droit syndical")  # l.163 has no dot


def test_headings_parsed(export: Export) -> None:
    """§3.2: heading shapes l.21, l.547, l.603, l.2103."""
    first = unit(export, "1.1")
    assert (first.title, first.heading_line, first.calls) == ("Champ d'application", 21, ("1",))
    assert unit(export, "2.8").title == "Financement du dialogue social dans la branche mutualité"
    assert unit(export, "3.4").heading_line == 603
    defense = unit(export, "11.2")
    assert (defense.title, defense.calls) == ("Appel de préparation à la défense", ("1",))
    assert defense.blocks[0].notes[0].text == "(1) Lire 11. 1."  # l.2108


def test_1_1_second_block(export: Export) -> None:
    """l.38-50: the 2nd block of 1.1 starts at l.40; its footnote l.50 is a note, not wording."""
    second = unit(export, "1.1").blocks[1]
    assert (second.marker_line, second.start_line, second.end_line) == (38, 40, 50)
    (note,) = second.notes
    assert (note.kind, note.line, note.call, note.arretes) == (
        "footnote",
        50,
        "1",
        (date(2003, 6, 3),),
    )
    assert all(p.line != 50 for p in second.paragraphs)
    assert second.paragraphs[-1].line == 48


def test_1_2_footnote_glued_to_marker(export: Export) -> None:
    """l.76-77: the footnote l.76 closes the first block; the next marker is l.77."""
    first, second = unit(export, "1.2").blocks
    assert first.notes[-1].line == 76 and first.notes[-1].kind == "footnote"
    assert first.end_line == 76 and first.paragraphs[-1].line < 76
    assert second.marker_line == 77
    assert second.notes[0].kind == "nota" and second.notes[0].arretes == (date(2004, 6, 4),)  # l.81


def test_2_1_avenant_modificateur(export: Export) -> None:
    """l.192: `Avenant modificateur étendu …` is a note of 2.1's current block."""
    current = unit(export, "2.1").blocks[-1]
    assert current.marker == "en vigueur étendue"
    (note,) = current.notes
    assert (note.kind, note.line, note.arretes) == (
        "avenant-modificateur",
        192,
        (date(2010, 12, 23),),
    )


def test_2_3_current_block_first(export: Export) -> None:
    """l.212-214, 230: `ARTICLE` pseudo-marker, current block first, REMPLACE second."""
    first, second = unit(export, "2.3").blocks
    assert (first.marker_line, first.marker, first.article_line) == (214, "en vigueur étendue", 213)
    assert (second.marker_line, second.marker) == (230, "REMPLACE")
    assert second.paragraphs[0].line == 232


def test_2_5_four_blocks(export: Export) -> None:
    """l.265, 278, 296, 308; footnote l.275 merged with `(Arrêté …)` l.276."""
    blocks = unit(export, "2.5").blocks
    assert [b.marker_line for b in blocks] == [265, 278, 296, 308]
    assert [b.marker for b in blocks] == [
        "en vigueur non-étendue",
        "REMPLACE",
        "REMPLACE",
        "en vigueur étendue",
    ]
    (note,) = blocks[0].notes
    assert (note.kind, note.line, note.lines, note.call) == ("footnote", 275, (275, 276), "1")
    assert note.text.endswith("(Arrêté du 23 décembre 2010, art. 1er)")
    assert note.arretes == (date(2010, 12, 23),)
    assert blocks[3].notes[0].arretes == (date(2017, 3, 21),)  # l.316 `2017-art. 1`


def test_three_footnotes_on_one_line(export: Export) -> None:
    """l.1967: three footnotes printed on one line are split."""
    first = unit(export, "10.2").blocks[0]
    assert [(n.line, n.call) for n in first.notes] == [(1967, "1"), (1967, "2"), (1967, "3")]


def test_nota_merged_with_old_footnote(export: Export) -> None:
    """l.2133: a NOTA and the carried-over 2001 reservation share one line."""
    notes = unit(export, "12.1").blocks[1].notes
    assert [(n.kind, n.arretes) for n in notes] == [
        ("nota", (date(2004, 6, 4),)),
        ("footnote", (date(2001, 8, 17),)),
    ]


def test_leading_nota(export: Export) -> None:
    """l.399-401: a NOTA (and its `Aussi, …` sequel) opens the current 2.6 block."""
    current = unit(export, "2.6").blocks[1]
    assert current.notes[0].leading and current.notes[0].lines == (399, 401)
    assert current.paragraphs[0].line == 403


def test_footnote_with_list_and_arrete(export: Export) -> None:
    """l.1574-1598: a footnote listing excluded certifications, closed by `(Arrêté …)`."""
    last = unit(export, "9.5").blocks[-1]
    (note,) = last.notes
    assert note.lines[0] == 1574 and note.lines[-1] == 1598
    assert note.arretes == (date(2020, 11, 20),)
    assert last.paragraphs[-1].line < 1574


def test_chapter_xi_not_in_10_2(export: Export) -> None:
    """l.2090-2101: chapter XI carries its own text; 10.2 stops before it."""
    assert unit(export, "10.2").blocks[-1].end_line == 2088
    xi = unit(export, "XI")
    assert (xi.kind, xi.heading_line, xi.blocks[0].marker_line) == ("chapter", 2090, 2091)
    assert xi.blocks[0].notes[0].line == 2101


def test_chapter_heading_cut_out(export: Export) -> None:
    """l.2244: `XV - Garanties sociales` is not part of the 14.2 block that ends before it."""
    last = unit(export, "14.2").blocks[-1]
    assert last.end_line == 2242
    assert all("Garanties sociales" not in p.text for p in last.paragraphs)
    assert unit(export, "XIII").blocks[0].end_line == 2160  # l.2149 glued to content above


def test_sub_headings_are_not_units(export: Export) -> None:
    """l.130, l.323, l.3161: `1.4.1.`, `2. 6. 1.` and `Article 15.3.1` stay inside blocks."""
    nums = {u.num for u in export.base}
    assert not nums & {"1.4.1", "2.6.1", "15.3.1", "15.2.4"}
    texts = [p.text for p in unit(export, "15.3").blocks[1].paragraphs]
    assert "Article 15.3.1" in texts


# --- attached and salary texts --------------------------------------------------------------


def test_attached_76_units(export: Export) -> None:
    """§6.4: 7 convention annexes (l.3467-4542) and 69 texts."""
    assert len(export.attached) == 76
    annexes = [t for t in export.attached if t.kind == "annexe"]
    assert [t.start_line for t in annexes] == [3467, 3796, 3802, 3964, 4232, 4442, 4515]
    assert Counter(b.marker for t in export.attached for a in t.articles for b in a.blocks) == {
        "en vigueur étendue": 522,
        "en vigueur non-étendue": 109,
        "REMPLACE": 10,
        "MODIFIE": 5,
        "VIGUEUR": 1,
    }


def test_avenant_7(export: Export) -> None:
    """l.5071-5123: avenant n°7, `Fait à Paris, le 17 décembre 2003.` l.5122."""
    text = text_at(export, 5071)
    assert (text.start_line, text.end_line) == (5071, 5123)
    assert text.title == "Diverses modifications de mise en conformité de la convention"
    assert text.signed == date(2003, 12, 17)
    assert [a.label for a in text.articles] == ["1er", "2"]


def test_cppni_date(export: Export) -> None:
    """l.12096: `… lors de la CPPNI du 13 décembre 2019 :` dates the Pro-A avenant (l.11859)."""
    text = text_at(export, 12096)
    assert text.start_line == 11859
    assert text.cppni == date(2019, 12, 13)
    assert text.articles[-1].label == "Préambule"  # preamble after the articles


def test_all_cppni_and_signature_dates(export: Export) -> None:
    """§6.2: 11 `Fait à Paris` lines (l.4905 … l.7455) + `Bagnolet, le …` l.14789; 8 CPPNI dates."""
    signed = {t.start_line: t.signed for t in export.attached if t.signed}
    assert len(signed) == 12 and signed[14786] == date(2021, 12, 20)
    cppni = {t.start_line: t.cppni for t in export.attached if t.cppni}
    assert cppni == {
        10825: date(2018, 12, 7),  # l.10894
        11003: date(2018, 11, 9),  # l.11076 `à l'occasion de la CPPNI du …`
        11211: date(2019, 6, 21),
        11306: date(2019, 6, 21),
        11542: date(2019, 9, 20),  # l.11654 `Lors de la CPPNI du …`
        11786: date(2019, 9, 20),
        11859: date(2019, 12, 13),
        12099: date(2020, 6, 30),  # l.12198 also cites the CPPNI of 4 June 2020
    }


def test_avenant_13_twice(export: Export) -> None:
    """l.6100 and l.6229: ARTICLE 1 of avenant n°13, extended copy then non-extended copy."""
    text = text_at(export, 6100)
    assert (text.title, text.start_line) == ("Droit syndical", 6099)
    first = text.articles[0]
    assert [b.article_line for b in first.blocks] == [6100, 6229]
    assert [b.marker for b in first.blocks] == ["en vigueur étendue", "en vigueur non-étendue"]
    assert all(len(a.blocks) == 2 for a in text.articles)
    assert first.blocks[1].notes[0].arretes == (date(2010, 12, 23),)  # l.6326-6327


def test_header_content_goes_back(export: Export) -> None:
    """l.4424-4430 table rows above a marker; l.4569-4572 list item above `Versement.`."""
    annex_v = text_at(export, 4430)
    last_two = annex_v.articles[0].blocks[-2:]
    assert [b.marker_line for b in last_two] == [4420, 4430]
    assert last_two[0].end_line == 4429
    assert annex_v.end_line == 4441  # next table glued above l.4442
    attribution = text_at(export, 4573)
    versement = next(a for a in attribution.articles if a.label == "3")
    assert (versement.title, versement.line) == ("Versement.", 4570)
    two = next(a for a in attribution.articles if a.label == "2")
    assert two.blocks[0].end_line == 4569


def test_attached_article_layouts(export: Export) -> None:
    """§6.1: `Mission`/`ARTICLE 1er` (l.4448) and `ARTICLE 2`/`Salariés …` (l.4635)."""
    classification = text_at(export, 4448)
    mission = next(a for a in classification.articles if a.label == "1er")
    assert mission.title == "Mission"
    eight = next(a for a in classification.articles if a.label == "8")
    assert [b.marker for b in eight.blocks] == ["REMPLACE", "en vigueur étendue"]  # l.4502/4507
    cet = text_at(export, 4635)
    assert cet.title == "Institution d'un compte épargne-temps (Orne)"
    assert cet.articles[1].title == "Salariés bénéficiaires"


def test_salaries(export: Export) -> None:
    """§7: 7 salary agreements l.15138-15462; the 2006 one also in Attachés (l.5441)."""
    assert len(export.salaries) == 7
    assert [t.start_line for t in export.salaries][:3] == [15138, 15185, 15233]
    assert export.salaries[0].signed == date(2006, 11, 23)
    assert text_at(export, 5441).signed == date(2006, 11, 23)
    assert "Identical texts: l.5441 and l.15138" in report(export)


# --- arrêtés (l.15463-15805) ---------------------------------------------------------------


def test_arretes(export: Export) -> None:
    """§8: 19 arrêtés, 17 Aug 2001 (l.15465) to 14 Mar 2007; two on 3 June 2003."""
    dates = [a.date for a in export.arretes]
    assert len(dates) == 19
    assert dates[0] == date(2001, 8, 17) and dates[-1] == date(2007, 3, 14)
    assert dates.count(date(2003, 6, 3)) == 2
    assert [a.line for a in export.arretes if a.date == date(2003, 6, 3)] == [15541, 15560]
    assert dates == sorted(dates)


def test_arrete_contents(export: Export) -> None:
    """l.15503-15519 (BO 2002/21), l.15702 (avenant n°9), l.15614 (no empty line before l.15615)."""
    by_line = {a.line: a for a in export.arretes}
    dec_2002 = by_line[15503]
    assert dec_2002.bo == "2002/21" and dec_2002.end_line == 15519
    assert dec_2002.extends[0].startswith("l'avenant du 8 avril 2002")
    assert by_line[15702].extends == (
        "l'avenant n° 9 du 29 mars 2005, relatif à la mise à la retraite",
    )
    assert by_line[15702].reservations[0].startswith("Le paragraphe b de l'article 2")
    assert by_line[15598].end_line == 15614
    assert "Nota. -" in by_line[15598].text
    assert by_line[15465].bo is None and len(by_line[15465].reservations) == 12


# --- whole file ------------------------------------------------------------------------------


def test_marker_totals(export: Export) -> None:
    """§2: 815 block markers over the whole file."""
    assert marker_counts(export) == {
        "en vigueur étendue": 623,
        "en vigueur non-étendue": 111,
        "REMPLACE": 56,
        "MODIFIE": 5,
        "VIGUEUR": 20,
    }


def test_blocks_ordered_and_disjoint(export: Export) -> None:
    """Every block's lines lie after its marker and before the next block's marker."""
    blocks = all_blocks(export)
    assert len(blocks) == 796
    for block in blocks:
        assert block.marker_line < block.start_line <= block.end_line
        lines = [p.line for p in block.paragraphs] + [n.line for n in block.notes]
        assert all(block.start_line <= line <= block.end_line for line in lines)
    for block, nxt in pairwise(blocks):
        assert block.end_line < nxt.marker_line


def test_problems(export: Export) -> None:
    """Nothing unplaced; anomalies point at the untitled annex parts (l.6880 …) and model accord."""
    assert not [p for p in export.problems if p.kind == "unplaced"]
    lines = {p.line for p in export.problems}
    assert {6880, 8936, 10741, 11666, 12073, 13252, 13275, 14702} <= lines


def test_report_and_json(export: Export) -> None:
    """The summary prints the counts pinned above; the JSON has ISO dates."""
    text = report(export)
    assert "Texte de base: 70 units (1 préambule, 3 chapter, 66 article), 118 blocks" in text
    assert "Textes Extensions: 19 arrêtés (2001-08-17 to 2007-03-14)" in text
    data = json.loads(json.dumps(to_json(export), ensure_ascii=False))
    assert data["arretes"][0]["date"] == "2001-08-17"
    assert data["base"][1]["blocks"][1]["notes"][0]["arretes"] == ["2003-06-03"]
    assert data["markers"]["REMPLACE"] == 56


# --- bad input --------------------------------------------------------------------------------


def test_missing_part_titles(tmp_path: Path) -> None:
    path = tmp_path / "other.txt"
    path.write_text("Texte de base\nPréambule\nen vigueur étendue\n\nTexte.\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        parse_export(path)
    assert "Textes Attachés" in str(info.value)
    assert info.value.diagnostic.file == str(path)


def test_repeated_part_title() -> None:
    lines = [*PARTS, "Textes Salaires"]
    with pytest.raises(CorpusError) as info:
        parse_lines(lines)
    assert info.value.diagnostic.line == 5


@pytest.mark.parametrize(
    "payload",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", b"Texte de base\n\xe9t\xe9\n", b"a\x00b"],
)
def test_binary_or_not_utf8(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(payload)
    with pytest.raises(CorpusError):
        parse_export(path)


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        parse_export(tmp_path / "missing.txt")


def test_minimal_export() -> None:
    """The smallest export: one unit, one attached text, one arrêté."""
    lines = [
        "Texte de base",
        "1.1. Objet (1)",
        "en vigueur étendue",
        "Texte.",
        "(1) Article étendu (arrêté du 1er mars 2001, art. 1er).",
        "Textes Attachés",
        "Avenant",
        "ARTICLE 1er",
        "en vigueur non-étendue",
        "Fait à Paris, le 2 mai 2002.",
        "Textes Salaires",
        "Textes Extensions",
        "ARRETE du 3 juin 2003",
        "VIGUEUR",
        "Nota. - fascicule n° 2003/7.",
    ]
    result = parse_lines(lines)
    (only,) = result.base
    assert only.blocks[0].notes[0].arretes == (date(2001, 3, 1),)
    assert result.attached[0].signed == date(2002, 5, 2)
    assert result.arretes[0].bo == "2003/7"
    assert result.problems == ()


_VOCABULARY = [
    "",
    "en vigueur étendue",
    "REMPLACE",
    "VIGUEUR",
    "ARTICLE",
    "ARTICLE 1er",
    "ARTICLE 2",
    "Préambule",
    "Annexe I - Titre",
    "ANNEXE I - Titre",
    "1.1. Objet (1)",
    "II - Chapitre",
    "(1) Note (arrêté du 3 juin 2003).",
    "(Arrêté du 23 décembre 2010, art. 1er)",
    "NOTA : Arrêté 2003-07-07 étendu.",
    "Titre court",
    "Du texte qui finit par un point.",
    "- un tiret ;",
    "Fait à Paris, le 1er janvier 2001.",
    "ARRETE du 2 décembre 2002",
]


@settings(
    max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.lists(st.sampled_from(_VOCABULARY), max_size=12), min_size=4, max_size=4))
def test_any_layout_parses(chunks: list[list[str]]) -> None:
    """Any mix of these lines between the four part titles parses, blocks stay in order."""
    lines = [line for title, chunk in zip(PARTS, chunks, strict=True) for line in [title, *chunk]]
    result = parse_lines(lines)
    blocks = all_blocks(result)
    markers = sum(1 for line in lines if line in ("en vigueur étendue", "REMPLACE", "VIGUEUR"))
    assert len(blocks) + sum(a.marker_line is not None for a in result.arretes) <= markers
    for block, nxt in pairwise(blocks):
        assert block.end_line < nxt.marker_line


@pytest.mark.parametrize(
    "module",
    [legifrance_lines, legifrance_base, legifrance_headers, legifrance_arretes, legifrance_report],
)
def test_doctests(module: object) -> None:
    failures, _ = doctest.testmod(module)  # type: ignore[arg-type]
    assert failures == 0
