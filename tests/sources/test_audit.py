"""The corpus against the Legifrance export (004): every version block reproduced, or explained."""

from __future__ import annotations

import pytest

from consolidator.errors import CorpusError
from consolidator.sources.legifrance.audit import (
    SEED_DATE,
    Audit,
    attached_report,
    audit_attached,
    audit_base,
    audit_report,
    block_key,
    same_wording,
    version_key,
)
from consolidator.sources.legifrance.auditmap import CHECKS, AuditMap, load_audit_map
from consolidator.sources.legifrance.export import Export
from consolidator.sources.legifrance.verdict import (
    Finding,
    Verdict,
    full_audit,
    judge,
    verdict_report,
)
from tests.conftest import ROOT, SEED

CORPUS = ROOT / "corpus" / "idcc-2128"


@pytest.fixture(scope="module")
def audit(index, export: Export) -> Audit:
    return audit_base(index, export)


@pytest.fixture(scope="module")
def verdict(index, export: Export) -> Verdict:
    return full_audit(index, export, load_audit_map(CORPUS))


def test_every_base_block_is_reproduced_or_explained(audit: Audit, verdict: Verdict) -> None:
    print("\n" + audit_report(audit))  # the figure quoted in the README
    assert len(audit.matches) == 118  # 004: 118 version blocks in the base text
    lines = {m.block.marker_line for m in audit.failures}
    assert [f for f in verdict.wrong if f.line in lines] == []


def test_every_check_is_reproduced_or_explained_by_exactly_one_decision(verdict: Verdict) -> None:
    """audit-map.xml maps each disagreement to one decision; nothing unmapped, nothing stale."""
    print("\n" + verdict_report(verdict))  # the figures quoted in the README
    assert verdict.wrong == ()
    assert verdict.stale == ()


def test_the_readme_table_is_the_audit_s_own_figures(verdict: Verdict) -> None:
    """README « Exactness » quotes `consolidator audit`: one row per check, in CHECKS order, with
    the reproduced / explained / wrong counts of this run (lawyer L-36: 78/20 had gone stale)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index(
        "| check (against the Legifrance export) | reproduced | explained | wrong |"
    )
    rows = []
    for line in readme[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")][1:])
    expected = []
    for check in CHECKS:
        explained = sum(1 for f, _ in verdict.explained if f.check == check)
        wrong = sum(1 for f in verdict.wrong if f.check == check)
        expected.append([str(verdict.reproduced(check)), str(explained), str(wrong)])
    assert rows == expected


def test_the_audit_map_is_read_strictly(tmp_path) -> None:
    (tmp_path / "DECISIONS.md").write_text("## D-001 A decision\n", encoding="utf-8")
    bad = (
        '<audit-map><explained line="265" check="wording" decision="D-001"/>'
        '<explained line="265" check="wording" decision="D-001"/>'
        '<explained line="278" check="words" decision="D-001"/>'
        '<explained line="280" check="state" decision="D-999"/>'
        '<explained line="281" check="state" decision="D-001" note="x"/></audit-map>'
    )
    (tmp_path / "audit-map.xml").write_text(bad, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_audit_map(tmp_path)
    text = str(err.value)
    assert "mapped twice" in text and "'words'" in text and "D-999" in text
    assert "expected <explained" in text


def test_a_mapping_that_no_longer_disagrees_is_stale() -> None:
    amap = AuditMap({(265, "wording"): "D-002", (278, "wording"): "D-002"}, frozenset({"D-002"}))
    finding = Finding(265, "wording", "2.5", "no version has this wording")
    verdict = judge([finding], {"wording": 2}, amap)
    assert verdict.stale == ((278, "wording", "D-002"),)
    assert verdict.wrong == () and verdict.reproduced("wording") == 1
    assert judge([Finding(300, "state", "2.6", "x")], {"state": 1}, amap).wrong[0].line == 300


def test_current_blocks_carry_the_seed_state(audit: Audit) -> None:
    """Each 'en vigueur' block reproduced is in force on the seed's date with the same label."""
    for m in audit.matches:
        if m.version is not None and not m.problem and m.block.marker.startswith("en vigueur"):
            assert m.version.covers(SEED_DATE), (m.unit.num, m.block.marker_line)


def test_chapters_i_and_ii_blocks(audit: Audit) -> None:
    failures = {
        m.block.marker_line
        for m in audit.failures
        if m.unit.num and m.unit.num.split(".")[0] in ("1", "2")
    }
    assert failures == {265, 278, 520}  # D-002 (two copies of avenant n° 13), D-010 (2.7.1 retyped)


def test_table_header_lines_may_stand_in_the_block_only_inside_the_table(
    index, export: Export
) -> None:
    unit = next(u for u in export.base if u.num == "15.2")
    block = unit.blocks[0]  # 004 l.2255: 2000 wording, contribution table with header lines
    version = index.versions["a2000-15.2"][0]
    key = version_key(version.fragments)
    assert key.table is not None
    assert same_wording(block_key(block), key)
    moved = block_key(block)[1:] + block_key(block)[:1]  # the same words out of place do not match
    assert not same_wording(moved, key)


def test_attached_texts(index, export: Export) -> None:
    texts = audit_attached(index, export)
    print("\n" + attached_report(texts).split("\n")[0])  # the figure quoted in the README
    by_act = {t.act: t for t in texts}
    assert all(t.how != "absent" for t in texts)
    interessement = by_act["accord-2021-11-22-interessement"]  # 004 l.14152-14703
    assert interessement.how == "texte" and len(interessement.matches) == 28
    assert all(m.version is not None and not m.problem for m in interessement.matches)
    moyens = by_act["accord-2000-01-31-moyens"]  # no arrêté names it (004 l.15469): D-402
    assert {m.problem for m in moyens.matches} == {
        "the seed says en vigueur étendue, replay says en vigueur non-étendue"
    }


def test_every_attached_block_is_reproduced_or_explained(
    index, export: Export, verdict: Verdict
) -> None:
    texts = audit_attached(index, export)
    # the avenant of 27 January 2003 prints only « (voir cet article) »: held as operations (D-501)
    assert [t.act for t in texts if t.how == "opérations"] == ["avenant-2003-01-27"]
    lines = {
        m.block.marker_line for t in texts for m in t.matches if m.version is None or m.problem
    }
    assert [f for f in verdict.wrong if f.line in lines] == []


def test_notes_are_read_as_claims(export: Export) -> None:
    """004 l.1967: three footnotes on one line; l.275-276: an exclusion whose arrêté is on the
    next line; l.3235: the only NOTE, a date of effect."""
    from datetime import date

    from consolidator.sources.legifrance.checks import claims

    notes: dict[int, list] = {}
    for u in export.base:
        for b in u.blocks:
            for n in b.notes:
                notes.setdefault(n.line, []).append(n)

    def said(line: int) -> list[tuple[str, date]]:
        return [(c.kind, c.day) for n in notes[line] for c in claims(n)]

    assert said(1967) == [("reserve", date(2001, 8, 17))] * 3
    assert said(275) == [("exclusion", date(2010, 12, 23))]
    assert said(3235) == [("start", date(2015, 12, 28))]
    assert said(2133) == [("extension", date(2004, 6, 4)), ("reserve", date(2001, 8, 17))]


def test_the_audit_sees_a_reservation_that_outlives_its_answer(index, export: Export) -> None:
    """Without `answered-by` (D-110), the 2001 reservations would bind the versions avenant n° 7
    wrote, whose blocks print none (004 l.661 for 4.4, l.1884 for 10.1): the audit says so."""
    from collections import Counter
    from dataclasses import replace

    from consolidator.sources.legifrance.verdict import note_findings

    unanswered = replace(index, bindings=tuple(replace(b, until=None) for b in index.bindings))
    base = audit_base(unanswered, export)
    blocks = [(m.unit.num or "", m) for m in base.matches]
    found = note_findings(unanswered, blocks, Counter())
    lines = {(f.where, f.check) for f in found}
    assert {("4.4", "reserve"), ("10.1", "reserve"), ("10.2", "reserve")} <= lines
    assert not [f for f in note_findings(index, blocks, Counter()) if f.where in ("4.4", "10.1")]


def test_dates_of_effect_are_checked_against_their_seed_lines(index) -> None:
    """Each effect rule's note cites the clause (« entreront en vigueur au 1er janvier 2018 »,
    004 l.9982); approximate rules are explained by their own decision (D-403, D-411 ...)."""
    from consolidator.sources.legifrance.checks import start_checks

    lines = SEED.read_text(encoding="utf-8").split("\n")
    checks = start_checks(index, lines)
    assert len(checks) == sum(len(a.effects) for a in index.corpus.acts.values())
    assert [c for c in checks if c.problem] == []
    by_act = {(c.act, c.rule): c for c in checks}
    assert by_act[("avenant-22", None)].line == 9982
    assert by_act[("avenant-2002-05-24", None)].decision == "D-005"
