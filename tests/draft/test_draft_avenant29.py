"""Drafting assistant on avenant n° 29 as signed (seed 000), compared with the curated act."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from consolidator.cli import main
from consolidator.draft import check_draft, draft_act, write_act
from consolidator.draft.result import Draft
from consolidator.engine.replay import VersionIndex
from consolidator.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "corpus" / "sources" / "000_5fd5759f96aa2236.txt"
CURATED = ROOT / "corpus" / "idcc-2128" / "acts" / "2019-12-13-avenant-29.xml"


@pytest.fixture(scope="module")
def draft(index: VersionIndex) -> Draft:
    return draft_act(SEED_000.read_text(encoding="utf-8"), index, source_name=SEED_000.name)


@pytest.fixture(scope="module")
def drafted(draft: Draft) -> etree._Element:
    return etree.fromstring(write_act(draft))


def _ops(root: etree._Element) -> list[etree._Element]:
    return [op for op in root.find("ops") if isinstance(op.tag, str)]


def _effect(el: etree._Element) -> tuple:
    rule = next(c for c in el if c.tag != "note" and isinstance(c.tag, str))
    return (rule.tag, rule.get("rule"), rule.get("date"))


def _shape(op: etree._Element) -> list[str]:
    return [c.tag for c in op if c.tag in ("p", "row")]


def _rows(op: etree._Element) -> list[tuple[str, ...]]:
    return [tuple(normalize_text(c.text or "") for c in row) for row in op.findall("row")]


def test_draft_validates_against_the_schema(drafted: etree._Element) -> None:
    schema_path = ROOT / "consolidator" / "corpus" / "schema" / "corpus.rng"
    schema = etree.RelaxNG(etree.parse(str(schema_path)))
    assert schema.validate(etree.ElementTree(drafted)), schema.error_log


def test_metadata_and_effects_equal_the_curated_act(drafted: etree._Element) -> None:
    curated = etree.parse(str(CURATED)).getroot()
    assert (drafted.get("id"), drafted.get("number"), drafted.get("signed")) == (
        curated.get("id"),
        curated.get("number"),
        curated.get("signed"),
    )
    # 000 l.1267-1270: at signature, except 9.5.2 the day after the arrêté's publication
    assert [_effect(e) for e in drafted.findall("effect")] == [
        _effect(e) for e in curated.findall("effect")
    ]


def test_operations_equal_the_curated_act_structurally(drafted: etree._Element) -> None:
    curated = etree.parse(str(CURATED)).getroot()
    mine, theirs = _ops(drafted), _ops(curated)
    # one rewrite of 9.5 at signature; 9.5.2's alinéas replaced on its own date of effect
    assert [(o.tag, o.get("target"), o.get("position")) for o in mine] == [
        (o.tag, o.get("target"), o.get("position")) for o in theirs
    ]
    assert [o.get("effect") is None for o in mine] == [o.get("effect") is None for o in theirs]
    for a, b in zip(mine, theirs, strict=True):
        assert (
            normalize_text(a.findtext("expect") or "") in normalize_text(b.findtext("expect") or "")
            or (a.findtext("expect") is None)
            or a.tag == "replace-article"
        )
        assert _shape(a) == _shape(b)  # same alinéas and rows, in the same order


def test_certification_rows_equal_the_curated_ones(drafted: etree._Element) -> None:
    curated = etree.parse(str(CURATED)).getroot()
    mine, theirs = _rows(_ops(drafted)[-1]), _rows(_ops(curated)[-1])
    assert len(mine) == 197
    assert mine == theirs


def test_prose_differs_from_the_curated_act_only_editorially(drafted: etree._Element) -> None:
    """The curated prose is Legifrance's edition (D-204); the draft reads the signed PDF.
    Paragraph boundaries agree; most paragraphs agree word for word once case is folded."""
    curated = etree.parse(str(CURATED)).getroot()
    same = total = 0
    for a, b in zip(_ops(drafted), _ops(curated), strict=True):
        pa = [normalize_text(p.text).lower() for p in a.findall("p")]
        pb = [normalize_text(p.text).lower() for p in b.findall("p")]
        assert len(pa) == len(pb)
        same += sum(x == y for x, y in zip(pa, pb, strict=True))
        total += len(pa)
    print(f"avenant 29: {same}/{total} paragraphs identical to the curated act (case folded)")
    assert same >= total // 3


def test_draft_lists_doubts_and_unread_passages(draft: Draft) -> None:
    unread = draft.unread_lines()
    assert any(u.startswith("l.1244-") for u in unread)  # 000 l.1244: article 2.1, not an amendment
    assert any("Note justificative" in u for u in unread)  # 000 l.1282: the annex
    assert any("9.5.2 enters into force on its own rule" in d for d in draft.doubts)


def test_check_replays_the_draft_without_guard_failure(tmp_path: Path, draft: Draft) -> None:
    path = tmp_path / "avenant-29.xml"
    path.write_bytes(write_act(draft))
    result = check_draft(path)
    assert result.replaced == CURATED.name
    assert result.ok, [str(d) for d in result.own]


def test_check_reports_a_broken_guard(tmp_path: Path, draft: Draft) -> None:
    text = (
        write_act(draft)
        .decode()
        .replace(
            "<expect>9.5.2. Qualifications accessibles</expect>",
            "<expect>9.5.2. Qualifications absentes</expect>",
        )
    )
    path = tmp_path / "broken.xml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", "--check", str(path)])
    assert result.exit_code == 1
    assert "guard failed" in result.output and "Qualifications absentes" in result.output


def test_cli_writes_the_draft_and_reports_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "draft.xml"
    result = CliRunner().invoke(main, ["draft", str(SEED_000), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "operations: 6" in result.stderr and "not understood:" in result.stderr
    assert etree.parse(str(out)).getroot().get("id") == "avenant-29"


def test_cli_without_a_date_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "avenant.txt"
    source.write_text(
        "L'article 2.8 est intégralement remplacé par les dispositions suivantes :\n« Texte. »\n"
    )
    out = tmp_path / "draft.xml"
    result = CliRunner().invoke(main, ["draft", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "error: " in result.stderr and "--at" in result.stderr
    assert not out.exists()
