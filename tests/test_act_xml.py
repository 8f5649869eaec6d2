"""The act XML reader and writer of operations (corpus/acts.py): write then read is identity.

On every operation of the real corpus, and on hypothesis-generated operations of every kind;
the written elements validate against the RelaxNG schema.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from consolidator.corpus.acts import read_operation, write_operation
from consolidator.corpus.xml import parse_xml
from consolidator.engine.replay import VersionIndex
from consolidator.model import (
    OP_CLASSES,
    DeleteAlinea,
    DeleteWords,
    InsertAlinea,
    InsertArticle,
    InsertSection,
    InsertWords,
    Location,
    MoveArticle,
    MoveSection,
    Operation,
    OpKind,
    Para,
    Placement,
    RenumberArticle,
    RenumberSection,
    RepealArticle,
    RepealSection,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
    Where,
)

HERE = Location("written.xml", 1)


def _roundtrip(op: Operation) -> Operation:
    el = write_operation(op)
    back = read_operation(etree.fromstring(etree.tostring(el)), op.act, op.index, "written.xml")
    return replace(back, location=op.location)


def _act_with(ops: list[Operation]) -> etree._Element:
    act = etree.Element("act", id="t", kind="avenant", signed="2001-01-01", title="Test")
    etree.SubElement(etree.SubElement(act, "effect"), "at-signature")
    holder = etree.SubElement(act, "ops")
    for op in ops:
        holder.append(write_operation(op))
    return act


def _schema() -> etree.RelaxNG:
    rng = resources.files("consolidator.corpus.schema").joinpath("corpus.rng")
    return etree.RelaxNG(parse_xml(str(rng)))


def test_every_operation_of_the_corpus_round_trips(index: VersionIndex) -> None:
    ops = [op for act in index.corpus.acts.values() for op in act.ops]
    assert len(ops) > 200  # 208 operations in 2026
    assert [op for op in ops if _roundtrip(op) != op] == []
    assert _schema().validate(_act_with(ops))


def test_every_kind_has_a_class() -> None:
    assert set(OP_CLASSES) == set(OpKind)


IDS = st.from_regex(r"[a-z][a-z0-9.-]{0,8}", fullmatch=True)
TEXT = st.lists(
    st.sampled_from(["salarié", "congé", "l'article", "5", "« jours »"]), min_size=1
).map(" ".join)
PARAS = st.lists(
    st.one_of(
        TEXT.map(Para),
        st.lists(
            st.tuples(st.sampled_from(["classe", "montant"]), TEXT), min_size=1, max_size=2
        ).map(lambda cells: Para.row(tuple(cells))),
    ),
    min_size=1,
    max_size=3,
)
PLACES = st.one_of(
    st.builds(Placement, st.sampled_from([Where.FIRST, Where.LAST])),
    st.builds(Placement, st.sampled_from([Where.AFTER, Where.BEFORE]), IDS),
)
OPTIONAL = st.none() | TEXT
COMMON = {
    "act": IDS,
    "index": st.integers(1, 50),
    "location": st.just(HERE),
    "effect": st.none() | IDS,
    "src": st.none() | st.from_regex(r"[0-9]{1,4}(-[0-9]{1,4})?", fullmatch=True),
    "decision": st.none() | IDS,
}
WORDS = {
    "target": IDS,
    "alinea": st.none() | st.integers(1, 9),
    "occurrence": st.integers(1, 3) | st.just("all"),
}
OPERATIONS = st.one_of(
    st.builds(InsertArticle, **COMMON, id=IDS, parent=IDS, place=PLACES, num=OPTIONAL, title=OPTIONAL, paragraphs=PARAS.map(tuple)),
    st.builds(ReplaceArticle, **COMMON, target=IDS, expect=TEXT, paragraphs=PARAS.map(tuple), num=OPTIONAL, title=OPTIONAL),
    st.builds(RepealArticle, **COMMON, target=IDS, expect=TEXT),
    st.builds(RenumberArticle, **COMMON, target=IDS, from_num=TEXT, to_num=TEXT, title=OPTIONAL),
    st.builds(MoveArticle, **COMMON, target=IDS, from_parent=IDS, parent=IDS, place=PLACES),
    st.builds(InsertSection, **COMMON, id=IDS, parent=IDS, place=PLACES, num=OPTIONAL, title=TEXT),
    st.builds(RepealSection, **COMMON, target=IDS, expect_title=TEXT),
    st.builds(RenumberSection, **COMMON, target=IDS, from_num=TEXT, to_num=TEXT, title=OPTIONAL),
    st.builds(MoveSection, **COMMON, target=IDS, from_parent=IDS, parent=IDS, place=PLACES),
    st.builds(InsertAlinea, **COMMON, target=IDS, position=st.none() | st.integers(1, 9), paragraphs=PARAS.map(tuple)),
    st.builds(ReplaceAlinea, **COMMON, target=IDS, alinea=st.integers(1, 9), expect=TEXT, paragraphs=PARAS.map(tuple)),
    st.builds(DeleteAlinea, **COMMON, target=IDS, alinea=st.integers(1, 9), expect=TEXT),
    st.builds(ReplaceWords, **COMMON, **WORDS, old=TEXT, new=st.just("") | TEXT),
    st.builds(InsertWords, **COMMON, **WORDS, anchor=TEXT, before=st.booleans(), new=TEXT),
    st.builds(DeleteWords, **COMMON, **WORDS, old=TEXT),
)  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(OPERATIONS)
def test_write_then_read_is_identity(op: Operation) -> None:
    assert _roundtrip(op) == op


@settings(max_examples=15, deadline=None)
@given(st.lists(OPERATIONS, min_size=1, max_size=5))
def test_written_operations_are_schema_valid(ops: list[Operation]) -> None:
    schema = _schema()
    assert schema.validate(_act_with(ops)), schema.error_log


@pytest.mark.parametrize("where", list(Where))
def test_placement_attributes(where: Where) -> None:
    anchor = "a2" if where in (Where.AFTER, Where.BEFORE) else None
    op = MoveArticle(
        act="av", index=1, location=HERE, target="a1", from_parent="ch-I", parent="ch-II",
        place=Placement(where, anchor),
    )  # fmt: skip
    el = write_operation(op)
    assert el.get(where.value) == anchor if anchor else el.get("position") == where.value
