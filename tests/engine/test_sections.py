"""Section operations (renumber, move, repeal) on a real-shaped tree: every output agrees.

The base text below is the start of the 2000 convention as in the Legifrance export
(corpus/sources/004_cb251bc3192fed7a.txt: chapter I « Dispositions générales », articles 1.1
and 1.2, l.24-75; chapter II « Droit syndical », article 2.1, l.167-179), with one subsection
added inside chapter I so that nested sections are exercised (the corpus has none yet).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.cli import main
from consolidator.engine.index import open_index, validate
from consolidator.engine.replay import replay
from consolidator.model import (
    Act,
    ActKind,
    ArticleDef,
    Convention,
    Corpus,
    EffectRule,
    EndReason,
    Location,
    MoveSection,
    Operation,
    Para,
    Placement,
    RenumberSection,
    RepealSection,
    RuleKind,
    SectionDef,
    State,
    Where,
)
from consolidator.query.history import history
from consolidator.query.snapshot import article_at, snapshot, version_at
from consolidator.render.json import article_json
from tests.conftest import avenant

BASE = """<?xml version="1.0" encoding="UTF-8"?>
<act id="base" kind="convention" signed="2000-01-31" title="Convention de test">
  <effect><fixed date="2000-02-01"/></effect>
  <body>
    <section id="ch-I" num="I" title="Dispositions générales">
      <article id="a1.1" num="1.1" title="Champ d'application"><p>La présente convention nationale règle les rapports entre les employeurs et salariés.</p></article>
      <section id="ch-I-s1" num="1" title="Durée">
        <article id="a1.2" num="1.2" title="Date d'effet"><p>La présente convention se substitue à toutes les conventions collectives antérieures.</p></article>
      </section>
    </section>
    <section id="ch-II" num="II" title="Droit syndical">
      <article id="a2.1" num="2.1" title="Dispositions générales"><p>L'exercice du droit syndical ne doit pas avoir pour conséquence des actes contraires aux lois.</p></article>
    </section>
  </body>
</act>
"""
BEFORE, DAY = date(2004, 1, 1), date(2006, 1, 1)


def _index(make_corpus, ops: str):  # type: ignore[no-untyped-def]
    root = make_corpus({"acts/base.xml": BASE, "acts/av1.xml": avenant(ops)})
    return root, open_index(root)


def _paths(index, day: date) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {a.id: a.path for t in snapshot(index, day).texts for a in t.articles}


def test_renumbered_chapter_is_named_alike_by_text_article_and_json(make_corpus) -> None:
    root, index = _index(
        make_corpus,
        '    <renumber-section target="ch-II" from="II" to="III" title="Droit syndical"/>',
    )
    assert _paths(index, DAY)["a2.1"] == ("III - Droit syndical",)
    assert article_at(index, "a2.1", DAY).path == ("III - Droit syndical",)
    assert article_at(index, "a2.1", BEFORE).path == ("II - Droit syndical",)
    assert article_json(index, article_at(index, "a2.1", DAY))["path"] == ["III - Droit syndical"]
    out = CliRunner().invoke(
        main, ["article", "2.1", "--at", "2006-01-01", "--corpus", str(root), "--format", "json"]
    )
    assert json.loads(out.output)["article"]["path"] == ["III - Droit syndical"]


def test_moved_section_takes_its_articles_along(make_corpus) -> None:
    _, index = _index(
        make_corpus,
        '    <move-section target="ch-I-s1" from-parent="ch-I" parent="ch-II" position="last"/>',
    )
    expected = ("II - Droit syndical", "1 - Durée")
    assert _paths(index, DAY)["a1.2"] == expected
    assert article_at(index, "a1.2", DAY).path == expected
    assert article_at(index, "a1.2", BEFORE).path == ("I - Dispositions générales", "1 - Durée")
    assert len(index.versions["a1.2"]) == 1  # a move is no new wording


def test_repealed_chapter_repeals_nested_articles(make_corpus) -> None:
    root, index = _index(
        make_corpus, '    <repeal-section target="ch-I" expect-title="Dispositions générales"/>'
    )
    assert set(_paths(index, DAY)) == {"a2.1"}
    for aid in ("a1.1", "a1.2"):
        last = index.versions[aid][-1]
        assert last.until == date(2005, 3, 1) and last.end is EndReason.REPEALED, aid
        assert last.ended_by == "av1"
    assert [v.state_today for v in history(index, "a1.2", DAY).versions] == [State.ABROGE]
    assert validate(root) == []
    out = CliRunner().invoke(main, ["article", "1.2", "--at", "2006-01-01", "--corpus", str(root)])
    assert out.exit_code == 1 and "aucun article ne porte le numéro 1.2" in out.output


def test_a_repealed_section_cannot_be_renumbered_nor_its_nested_section_moved(
    make_corpus,
) -> None:
    root = make_corpus(
        {
            "acts/base.xml": BASE,
            "acts/av1.xml": avenant(
                '    <repeal-section target="ch-I" expect-title="Dispositions générales"/>'
            ),
            "acts/av2.xml": avenant(
                '    <move-section target="ch-I-s1" from-parent="ch-I" parent="ch-II" position="last"/>',
                ident="av2",
                signed="2005-06-01",
            ),
        }
    )
    problems = "\n".join(str(d) for d in validate(root))
    assert "section 'ch-I-s1' does not exist on this date" in problems


# --- a hypothesis tree model -------------------------------------------------------------------

LOC = Location("memory.xml", 1)
START = date(2000, 2, 1)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class TreeModel:
    """The list model of a text's tree: sections (numbered, titled) and articles by parent."""

    def __init__(self) -> None:
        self.children: dict[str, list[str]] = {"base": []}
        self.parent: dict[str, str] = {}
        self.num: dict[str, str] = {}
        self.title: dict[str, str] = {}
        self.alive: set[str] = {"base"}

    def add(self, parent: str, ident: str, num: str) -> None:
        self.children[parent].append(ident)
        self.parent[ident] = parent
        self.num[ident] = num
        self.title[ident] = f"Titre {ident}"
        self.alive.add(ident)
        if ident.startswith("s"):
            self.children[ident] = []

    def subtree(self, ident: str) -> list[str]:
        out = [ident]
        for child in self.children.get(ident, []):
            out += self.subtree(child)
        return out

    def path(self, article: str) -> tuple[str, ...]:
        labels = []
        node = self.parent[article]
        while node != "base":
            labels.append(f"{self.num[node]} - {self.title[node]}")
            node = self.parent[node]
        return tuple(reversed(labels))

    def defs(self, ident: str) -> SectionDef | ArticleDef:
        if ident.startswith("a"):
            return ArticleDef(ident, self.num[ident], None, (Para(f"Texte de {ident}."),), LOC)
        items = tuple(self.defs(c) for c in self.children[ident])
        return SectionDef(ident, self.num[ident], self.title[ident], items, LOC)

    def walk(self, node: str = "base") -> list[str]:
        """The alive articles in the order of the tree (a repealed section hides its subtree)."""
        out: list[str] = []
        for child in self.children.get(node, []):
            if child in self.alive:
                out += [child] if child.startswith("a") else self.walk(child)
        return out

    def sections(self) -> list[str]:
        return [s for s in self.children if s != "base" and s in self.alive]

    def articles(self) -> list[str]:
        return [a for a in self.parent if a.startswith("a") and a in self.alive]


@st.composite
def trees(draw: st.DrawFn) -> TreeModel:
    """A tree of up to 3 levels of sections with 1 to 8 articles, like a convention's chapters."""
    model = TreeModel()
    for i in range(draw(st.integers(1, 4))):
        model.add("base", f"s{i}", ROMAN[i])
        for j in range(draw(st.integers(0, 2))):
            model.add(f"s{i}", f"s{i}-{j}", str(j + 1))
            if draw(st.booleans()):
                model.add(f"s{i}-{j}", f"s{i}-{j}-0", "A")
    sections = [s for s in model.children if s != "base"]
    for k in range(draw(st.integers(1, 8))):
        model.add(draw(st.sampled_from(sections)), f"a{k}", str(k + 1))
    return model


def _section_op(draw: st.DrawFn, model: TreeModel, act: str) -> Operation | None:
    """One valid section operation on the model (applied to it), or None if none is possible."""
    sections = model.sections()
    if not sections:
        return None
    target = draw(st.sampled_from(sections))
    kind = draw(st.sampled_from(["renumber", "move", "repeal"]))
    if kind == "renumber":
        new = draw(st.sampled_from([*ROMAN, "1", "2", "B"]))
        op: Operation = RenumberSection(
            act=act, index=1, location=LOC, target=target, from_num=model.num[target], to_num=new
        )
        model.num[target] = new
        return op
    if kind == "move":
        inside = set(model.subtree(target))
        parents = ["base", *[s for s in sections if s not in inside]]
        parent = draw(st.sampled_from(parents))
        first = draw(st.booleans())
        op = MoveSection(
            act=act,
            index=1,
            location=LOC,
            target=target,
            from_parent=model.parent[target],
            parent=parent,
            place=Placement(Where.FIRST if first else Where.LAST),
        )
        model.children[model.parent[target]].remove(target)
        model.children[parent].insert(0 if first else len(model.children[parent]), target)
        model.parent[target] = parent
        return op
    op = RepealSection(
        act=act, index=1, location=LOC, target=target, expect_title=model.title[target]
    )
    model.alive -= set(model.subtree(target))
    return op


@st.composite
def section_scenarios(draw: st.DrawFn) -> tuple[Corpus, list[TreeModel]]:
    """A base text, then acts of one section operation each, and the model after each act."""
    import copy

    model = draw(trees())
    body = tuple(model.defs(c) for c in model.children["base"])
    base = Act(
        "base",
        ActKind.CONVENTION,
        "Base",
        START - timedelta(days=1),
        {None: EffectRule(RuleKind.FIXED, date=START)},
        LOC,
        body=body,
    )
    acts, states = {"base": base}, [copy.deepcopy(model)]
    for i in range(1, draw(st.integers(1, 5)) + 1):
        op = _section_op(draw, model, f"av{i}")
        if op is None:
            break
        acts[f"av{i}"] = Act(
            f"av{i}",
            ActKind.AVENANT,
            f"Avenant {i}",
            START + timedelta(days=30 * i),
            {None: EffectRule(RuleKind.SIGNATURE)},
            LOC,
            ops=(op,),
        )
        states.append(copy.deepcopy(model))
    return Corpus("memory", Convention("0", "Test", "base"), acts, {}), states


@settings(max_examples=40, deadline=None)
@given(section_scenarios())
def test_section_operations_agree_with_a_tree_model(case: tuple[Corpus, list[TreeModel]]) -> None:
    corpus, states = case
    index = replay(corpus)
    assert index.problems == ()
    for i, model in enumerate(states):
        day = START + timedelta(days=30 * i)
        shown = {a.id: a.path for t in snapshot(index, day).texts for a in t.articles}
        assert shown == {a: model.path(a) for a in model.articles()}, f"after act {i}"
        structure = index.structure_at(day)  # derived from the seats: order and paths
        assert structure is not None
        assert [(e.article, e.path) for e in structure.entries] == [
            (a, model.path(a)) for a in model.walk()
        ], f"after act {i}"
        for aid in model.parent:
            if not aid.startswith("a"):
                continue
            if aid in model.alive:
                assert article_at(index, aid, day).path == model.path(aid)
            else:
                assert version_at(index, aid, day) is None
                assert index.versions[aid][-1].end is EndReason.REPEALED


def test_a_section_cannot_be_moved_into_its_own_subsection(make_corpus) -> None:
    root = make_corpus(
        {
            "acts/base.xml": BASE,
            "acts/av1.xml": avenant(
                '    <move-section target="ch-I" from-parent="base" parent="ch-I-s1" position="last"/>'
            ),
        }
    )
    problems = "\n".join(str(d) for d in validate(root))
    assert "section 'ch-I' cannot be moved into itself ('ch-I-s1')" in problems
