"""Comparing drafted and curated operations by their effect (consolidator.draft.effect)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from consolidator.draft.draft import draft_act
from consolidator.draft.effect import (
    Article,
    Step,
    apply_step,
    changes,
    compare_effects,
    step_of,
)
from consolidator.draft.evaluate import key_of, no_amending_text
from consolidator.draft.links import ExportLinks
from consolidator.draft.view import ConventionView
from consolidator.engine.replay import VersionIndex
from consolidator.model import OpKind

EXPORT = Path(__file__).resolve().parents[2] / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"
LINES = EXPORT.read_text(encoding="utf-8").split("\n")
EVE_7 = date(2003, 12, 16)  # avenant n° 7 is signed on 17 December 2003 (004 l.5121)


def _drafted(index: VersionIndex, target: str, links: ExportLinks | None) -> list:
    text = "\n" * (5071 - 1) + "\n".join(LINES[5071 - 1 : 5123])  # avenant n° 7
    draft = draft_act(text, index, source_name="004", links=links)
    return [d.op for d in draft.ops if d.op.subject == target]


def test_word_operations_and_a_rewritten_alinea_have_the_same_effect(index: VersionIndex) -> None:
    # avenant n° 7 item 8 (004 l.5101-5103) on 12.1: the curators wrote an insert-words and a
    # replace-words (12.1 alinéas 3 and 4, l.2129-2131); the draft, following the link,
    # rewrites alinéas 3 and 4: different operations, same resulting alinéas
    curated = [op for op in index.corpus.acts["avenant-7"].ops if op.subject == "a2000-12.1"]
    drafted = _drafted(index, "a2000-12.1", ExportLinks.read(EXPORT))
    assert not {key_of(op) for op in curated} & {key_of(op) for op in drafted}
    score = compare_effects(
        ConventionView(index, EVE_7), map(step_of, curated), map(step_of, drafted)
    )
    assert score.curated == score.drafted == score.matched == 4  # two alinéas out, two in
    assert (score.exact, score.articles) == (1, 1)
    assert not score.missed and not score.extra


def test_a_placeholder_has_not_the_curated_effect(index: VersionIndex) -> None:
    curated = [op for op in index.corpus.acts["avenant-7"].ops if op.subject == "a2000-12.1"]
    drafted = _drafted(index, "a2000-12.1", None)  # no export: « (voir cet article) » unread
    score = compare_effects(
        ConventionView(index, EVE_7), map(step_of, curated), map(step_of, drafted)
    )
    assert score.exact == 0 and score.matched < score.curated
    assert any(change[0] == "+" for _, change in score.missed)


def test_replay_of_steps() -> None:
    art = Article(["a) Durée :", "-des nécessités du service ;"], "10.1", eve_num="10.1")
    apply_step(art, Step(OpKind.REPLACE_WORDS, "x", old="Durée :", new="Durée", alinea=1))
    apply_step(art, Step(OpKind.INSERT_ALINEA, "x", ("- du roulement ;",), position="end"))
    apply_step(art, Step(OpKind.DELETE_WORDS, "x", old="absent"))
    assert art.paras == ["a) Durée", "-des nécessités du service ;", "- du roulement ;"]
    assert art.failed == ["delete-words: 'absent' not found"]
    found = changes(["a) Durée :", "-des nécessités du service ;"], art)
    assert found == {
        ("-", "0", "a) Durée :"): 1,
        ("+", "a) Durée"): 1,
        ("+", "- du roulement ;"): 1,
        ("failed", "delete-words: 'absent' not found"): 1,
    }


def test_ranges_without_an_amending_text() -> None:
    # avenant of 8 April 2002: its 004 range is the arrêté of 2 December 2002 (l.15503)
    assert "arrêté" in (no_amending_text(LINES, 15503, 15519) or "")
    # texte 15.2.7: its range is a consolidated block of 15.2 in the base text (l.2552-2704)
    assert "consolidated block" in (no_amending_text(LINES, 2552, 2704) or "")
    assert no_amending_text(LINES, 5071, 5123) is None  # avenant n° 7 is an amending text
