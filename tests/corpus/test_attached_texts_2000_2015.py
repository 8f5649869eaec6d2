"""Attached texts of 004 l.3465-8999 (annexes, texts of 2000-2015) against the export, block by block."""

from __future__ import annotations

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.model import State
from consolidator.query.states import version_state
from consolidator.sources.legifrance.audit import SEED_DATE, TextAudit, audit_attached
from tests.conftest import mapped, seed_lines

FIRST, LAST = 3465, 8999  # this range: the annexes (l.3467) to the alternance accord (l.8962)

# amending acts that now carry their own articles as a <body> (D-501, D-502)
WITH_BODY = (
    "avenant-2002-12-10",  # 004 l.4895
    "avenant-2003-10-24",  # l.4924
    "avenant-7",  # l.5071
    "avenant-8",  # l.5124
    "avenant-9",  # l.5198
    "avenant-10",  # l.5239
    "avenant-11",  # l.5365
    "avenant-13",  # l.6099
    "avenant-15",  # l.6666
    "avenant-16",  # l.7209
    "avenant-17",  # l.7467
    "avenant-19",  # l.8158
)


@pytest.fixture(scope="module")
def texts(index: VersionIndex, export) -> tuple[TextAudit, ...]:  # type: ignore[no-untyped-def]
    return tuple(t for t in audit_attached(index, export) if FIRST <= t.line <= LAST)


def _by_act(texts: tuple[TextAudit, ...]) -> dict[str | None, TextAudit]:
    return {t.act: t for t in texts}


def _marker(texts: tuple[TextAudit, ...], line: int):
    return next(m for t in texts for m in t.matches if m.block.marker_line == line)


def test_every_block_of_the_range_is_reproduced_or_explained(texts: tuple[TextAudit, ...]) -> None:
    blocks = [m for t in texts for m in t.matches]
    good = [m for m in blocks if m.version is not None and not m.problem]
    # 204/264; 194 since Annexe III's 10 blocks lost « étendue » (D-304); 167 since the 27 Orne
    # blocks of this range are « en vigueur », never « non-étendue » (company texts, D-413); 166
    # since Annexe II's « (voir les salaires) » is the export's pointer, not its wording (D-418)
    assert len(good) >= 166, len(good)
    unexplained = [
        m.block.marker_line
        for m in blocks
        if (m.version is None or m.problem) and not mapped(m.block.marker_line)
    ]
    assert unexplained == []


def test_amending_acts_carry_their_own_articles(texts: tuple[TextAudit, ...]) -> None:
    by_act = _by_act(texts)
    for act in WITH_BODY:
        assert by_act[act].how == "texte", act
    # « Durée (voir cet article) » is all the export gives of it (004 l.4920-4922): D-501
    assert by_act["avenant-2003-01-27"].how == "opérations"
    avenant_8 = by_act["avenant-8"]  # 004 l.5125, l.5137, l.5149: every block reproduced
    assert [m.block.marker_line for m in avenant_8.matches] == [5125, 5137, 5149]
    assert all(m.version is not None and not m.problem for m in avenant_8.matches)


def test_pointers_are_not_wording(index: VersionIndex) -> None:
    """« (voir cet article) » (004 l.5079 ...) is Legifrance's, not the signatories' (D-501)."""
    assert seed_lines(5079, 5079) == ["(voir cet article)"]
    for act in WITH_BODY:
        for vs in index.versions.values():
            for v in vs:
                if v.text_id == act:
                    assert not any(f.text.startswith("(voir ") for f in v.fragments), v.article
    art1 = index.versions["avenant-7-1"][0]  # 004 l.5075-5115: ten items, no pointer
    assert [f.text[:3] for f in art1.fragments[1:]] == [f"{n}. " for n in range(1, 10)] + ["10."]


def test_closing_formula_is_kept(texts: tuple[TextAudit, ...], index: VersionIndex) -> None:
    """« Fait à Paris, le 17 décembre 2003. » (004 l.5069) ends art. 9's block l.5065 (D-500)."""
    assert seed_lines(5069, 5069) == ["Fait à Paris, le 17 décembre 2003."]
    assert index.versions["accord-2003-12-17-9"][0].fragments[-1].text == seed_lines(5069, 5069)[0]
    for line in (5065, 5164):
        m = _marker(texts, line)
        assert m.version is not None and not m.problem, line


def test_quoted_wording_no_operation_holds_stays_in_the_body(
    texts: tuple[TextAudit, ...], index: VersionIndex
) -> None:
    """Avenant n° 13's Annexe VI (004 l.6362-6395) and avenant n° 16's Annexe V (l.7345-7446): D-503."""
    annexe_vi = index.versions["avenant-13-2"][0]
    assert annexe_vi.fragments[1].text == "« ANNEXE VI"  # 004 l.6364
    assert annexe_vi.fragments[-1].text == seed_lines(6395, 6395)[0]
    annexe_v = index.versions["avenant-16-3"][0]
    assert (
        annexe_v.fragments[-1].text == "- 120 % pour la cotisation au risque invalidité. »"
    )  # l.7446
    assert any(
        f.text.startswith("(1) Les taux de cotisations ci-dessus") for f in annexe_v.fragments
    )
    for line in (6360, 7343):
        m = _marker(texts, line)
        assert m.version is not None and not m.problem, line
    # the quoted chapters are held once, in the operations (D-502)
    assert [f.text for f in index.versions["avenant-13-1"][0].fragments] == [
        seed_lines(6103, 6103)[0]
    ]


def test_accord_of_21_february_2007_is_not_extended(
    texts: tuple[TextAudit, ...], index: VersionIndex
) -> None:
    """« en vigueur non-étendue » (004 l.5490, l.5497); it asks for extension (l.5499): D-509."""
    version = index.versions["accord-2007-02-21-1"][0]
    assert version_state(index, version, SEED_DATE) is State.NON_ETENDU
    for line in (5490, 5497):
        m = _marker(texts, line)
        assert m.version is not None and not m.problem, line


def test_annex_blocks_are_articles_of_their_own(
    texts: tuple[TextAudit, ...], index: VersionIndex
) -> None:
    """Two « en vigueur » blocks under « Annexes », each with its heading (004 l.6865, l.6882): D-510."""
    assert "egalite-2010-annexes" not in index.versions
    first = index.versions["egalite-2010-annexe-i"][0]
    assert [f.text for f in first.fragments[:1]] == seed_lines(6865, 6865) == ["Annexe I"]
    assert index.versions["egalite-2010-annexe-ii"][0].fragments[0].text == "Annexe II"  # l.6882
    for line in (6863, 6880, 8899, 8936):
        m = _marker(texts, line)
        assert m.version is not None and not m.problem, line
