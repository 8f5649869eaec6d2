"""Property tests of the replay engine (hypothesis): it agrees with a list model, is deterministic,
and a replace followed by the inverse replace restores the text."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.engine.replay import replay
from consolidator.model import (
    Act,
    ActKind,
    ArticleDef,
    Convention,
    Corpus,
    DeleteAlinea,
    EffectRule,
    InsertAlinea,
    Location,
    Operation,
    Para,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
    RuleKind,
    SectionDef,
)

WORDS = st.sampled_from(["salarié", "organisme", "congé", "mandat", "jours", "branche", "accord"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=6).map(lambda ws: " ".join(ws).capitalize() + ".")
LOC = Location("memory.xml", 1)
START = date(2000, 2, 1)


def corpus_with(ops_by_act: list[list[Operation]], paragraphs: list[str]) -> Corpus:
    art = ArticleDef("a1", "1.1", "Titre", tuple(Para(p) for p in paragraphs), LOC)
    base = Act(
        "base",
        ActKind.CONVENTION,
        "Base",
        START - timedelta(days=1),
        {None: EffectRule(RuleKind.FIXED, date=START)},
        LOC,
        body=(SectionDef("ch-I", "I", "Chapitre", (art,), LOC),),
    )
    acts = {"base": base}
    for i, ops in enumerate(ops_by_act, 1):
        acts[f"av{i}"] = Act(
            f"av{i}",
            ActKind.AVENANT,
            f"Avenant {i}",
            START + timedelta(days=30 * i),
            {None: EffectRule(RuleKind.SIGNATURE)},
            LOC,
            ops=tuple(ops),
        )
    return Corpus("memory", Convention("0", "Test", "base"), acts, {})


@st.composite
def scenario(draw: st.DrawFn) -> tuple[list[str], list[list[Operation]], list[list[str]]]:
    """Initial alinéas, acts of valid operations, and the expected alinéas after each act."""
    model = draw(st.lists(SENTENCE, min_size=1, max_size=4))
    initial = list(model)
    acts: list[list[Operation]] = []
    states: list[list[str]] = []
    for a in range(draw(st.integers(1, 5))):
        ops: list[Operation] = []
        for i in range(draw(st.integers(1, 3))):
            act = f"av{a + 1}"
            kind = draw(st.sampled_from(["insert", "replace", "delete", "article"]))
            if kind == "delete" and len(model) < 2:
                kind = "insert"
            if kind == "insert":
                pos = draw(st.integers(1, len(model) + 1))
                text = draw(SENTENCE)
                ops.append(
                    InsertAlinea(
                        act=act,
                        index=i + 1,
                        location=LOC,
                        target="a1",
                        position=pos,
                        paragraphs=(Para(text),),
                    )
                )
                model.insert(pos - 1, text)
            elif kind in ("replace", "delete"):
                pos = draw(st.integers(1, len(model)))
                text = draw(SENTENCE)
                common = {"act": act, "index": i + 1, "location": LOC, "target": "a1"}
                ops.append(
                    ReplaceAlinea(
                        **common, alinea=pos, expect=model[pos - 1], paragraphs=(Para(text),)
                    )
                    if kind == "replace"
                    else DeleteAlinea(**common, alinea=pos, expect=model[pos - 1])
                )
                if kind == "replace":
                    model[pos - 1] = text
                else:
                    del model[pos - 1]
            else:
                new = draw(st.lists(SENTENCE, min_size=1, max_size=3))
                ops.append(
                    ReplaceArticle(
                        act=act,
                        index=i + 1,
                        location=LOC,
                        target="a1",
                        expect=model[0],
                        paragraphs=tuple(Para(p) for p in new),
                    )
                )
                model = list(new)
        acts.append(ops)
        states.append(list(model))
    return initial, acts, states


@settings(max_examples=60, deadline=None)
@given(scenario())
def test_replay_agrees_with_a_list_model(case: tuple) -> None:
    initial, acts, states = case
    index = replay(corpus_with(acts, initial))
    assert index.problems == ()
    versions = index.versions["a1"]
    assert list(versions[0].paragraphs) == initial
    for i, expected in enumerate(states, 1):
        day = START + timedelta(days=30 * i)
        current = next(v for v in versions if v.covers(day))
        assert list(current.paragraphs) == expected


@settings(max_examples=30, deadline=None)
@given(scenario())
def test_replay_is_deterministic(case: tuple) -> None:
    initial, acts, _ = case
    first = replay(corpus_with(acts, initial))
    second = replay(corpus_with(acts, initial))
    assert first.versions == second.versions
    assert first.structures == second.structures


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=4), st.data())
def test_replace_then_inverse_replace_restores_text(
    paragraphs: list[str], data: st.DataObject
) -> None:
    words = " ".join(paragraphs).rstrip(".").split()
    old = data.draw(st.sampled_from(words))
    new = "zzinverse"  # a token that never occurs in the generated text
    forward = ReplaceWords(
        act="av1", index=1, location=LOC, target="a1", old=old, new=new, occurrence="all"
    )
    back = ReplaceWords(
        act="av2", index=1, location=LOC, target="a1", old=new, new=old, occurrence="all"
    )
    index = replay(corpus_with([[forward], [back]], paragraphs))
    assert index.problems == ()
    versions = index.versions["a1"]
    assert new in " ".join(versions[1].paragraphs)
    assert list(versions[1].paragraphs) != paragraphs
    assert list(versions[-1].paragraphs) == paragraphs
