"""Word-level operations never produce wording that never existed (issue 15, item 11).

Where an act quotes the new wording of an alinéa or a sentence, its operation carries that quote
(`<result src="seed lines">`) and replaying the corpus must yield it; where the act does not quote
it (« (voir cet article) », Legifrance's retyping, a single word), the operation says so
(`unquoted="true"`). The seed lines are those of 004 (the Legifrance export).
"""

from __future__ import annotations

import re

import pytest
from lxml import etree

from consolidator.engine.replay import VersionIndex
from tests.conftest import ROOT, seed_lines

ACTS = ROOT / "corpus" / "idcc-2128" / "acts"
WORD_OPS = ("replace-words", "insert-words", "delete-words")


def _norm(text: str) -> str:
    """Compare wording, not typography: spaces and apostrophes."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def _holds(text: str, quote: str) -> bool:
    """`quote` is in `text`; its first letter may be a capital there (a quote opens mid-sentence)."""
    first = re.escape(quote[:1])
    return re.search(f"(?i:{first}){re.escape(quote[1:])}", text) is not None


def _ops() -> list[tuple[str, etree._Element]]:
    out = []
    for path in sorted(ACTS.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        for op in root.iterfind("ops/*"):
            if op.tag in WORD_OPS or op.find("result") is not None:
                out.append((f"{path.name}:{op.sourceline}", op))
    return out


OPS = _ops()


def test_every_word_operation_says_whether_the_act_quotes_the_new_wording() -> None:
    assert len([1 for _, op in OPS if op.tag in WORD_OPS]) == 28
    undecided = [
        where
        for where, op in OPS
        if (op.get("unquoted") == "true") == (op.find("result") is not None)
    ]
    assert undecided == []


def _quoted() -> list[tuple[str, etree._Element]]:
    return [(where, op) for where, op in OPS if op.find("result") is not None]


@pytest.mark.parametrize(("where", "op"), _quoted(), ids=[w for w, _ in _quoted()])
def test_quoted_wording_is_the_acts_and_the_replay_yields_it(
    index: VersionIndex, where: str, op: etree._Element
) -> None:
    result = op.find("result")
    start, _, end = result.get("src").partition("-")
    seed = _norm(" ".join(seed_lines(int(start), int(end or start))))
    quote = _norm(result.text)
    assert _holds(seed, quote), f"{where}: the quoted wording is not in 004 l.{result.get('src')}"
    act_id = etree.parse(str(ACTS / where.split(":")[0])).getroot().get("id")
    line = int(where.split(":")[1])
    (operation,) = [o for o in index.corpus.acts[act_id].ops if o.location.line == line]
    versions = [v for v in index.versions[operation.target] if operation in v.ops]
    assert versions, f"{where}: no version applies {operation.uid}"
    for version in versions:
        paragraphs = [_norm(p) for p in version.paragraphs]
        if operation.alinea is not None:
            paragraphs = paragraphs[operation.alinea - 1 : operation.alinea]
        assert any(_holds(p, quote) for p in paragraphs), (where, version.since)


def test_9_13_reads_avenant_21s_sentence_from_2018(index: VersionIndex) -> None:
    """004 l.9650: avenant n° 21 rewrites the whole OEMM sentence, « … pour anticiper sur cette
    évolution », with its commas; the 2015 wording (l.8749) read « … pour anticiper cette évolution »."""
    from datetime import date

    from consolidator.query.snapshot import version_at

    for day in (date(2018, 1, 1), date(2019, 6, 1), date(2021, 4, 15)):
        text = version_at(index, "a2015-9.13", day).paragraphs[1]
        assert text.endswith("nécessaires pour anticiper sur cette évolution."), day
        assert "toute suggestion, soit auprès de la commission paritaire permanente" in text
        assert "des organismes, permettant de procéder en matière de formation" in text
    before = version_at(index, "a2015-9.13", date(2017, 12, 31)).paragraphs[1]
    assert before.endswith("pour anticiper cette évolution.")
    assert re.search(r"soit auprès de la commission paritaire nationale", before)


_CALL = re.compile(r"\s*\((?:\d{1,2}|\*)\)(?=[\s.,;:»]|$)")
_NUMBERING = re.compile(r"^\d+(?:\.\d+)+\.?\s+")  # « 9.12.5. » printed on its own line (D-210)


def _loose(text: str) -> str:
    """Wording without typography: footnote calls, quotes, dashes, spaces, case, final stop."""
    text = _CALL.sub("", _norm(text))
    text = re.sub(r"[“”«»\"]", " ", text)
    text = re.sub(r"[-–—―−]", " ", text)
    return " ".join(text.split()).rstrip(".").strip().lower()


def test_every_alinea_an_alinea_operation_writes_is_the_acts_wording(index: VersionIndex) -> None:
    """insert-alinea and replace-alinea write whole alinéas: each must be in the seed lines the
    operation cites (the act's own quote, or the consolidated block for « (voir cet article) »),
    up to typography; table rows are checked by the audit's block comparison instead."""
    checked = 0
    for act in index.corpus.acts.values():
        for op in act.ops:
            if op.kind.value not in ("insert-alinea", "replace-alinea") or not op.src:
                continue
            start, _, end = op.src.partition("-")
            seed = _loose(" ".join(seed_lines(int(start), int(end or start))))
            for para in op.paragraphs:
                if para.cells:
                    continue
                checked += 1
                wording = _loose(_NUMBERING.sub("", para.text))
                assert wording in seed, (op.uid, op.src, para.text[:80])
    assert checked == 180
