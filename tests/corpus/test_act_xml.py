"""The act XML reader and writer of operations (corpus/acts.py): write then read is identity,
and read then write gives every operation element of the corpus back as it is written.

On every operation of the real corpus, and on hypothesis-generated operations of every kind;
the written elements validate against the RelaxNG schema.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from consolidator.corpus.acts import clean, read_operation, write_operation
from consolidator.corpus.xml import parse_xml, relaxng
from consolidator.engine.replay import VersionIndex
from consolidator.model import (
    OP_CLASSES,
    DeleteAlinea,
    DeleteWords,
    Evidence,
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
    Quote,
    RenumberArticle,
    RenumberSection,
    RepealArticle,
    RepealSection,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
    Where,
)
from tests.conftest import ROOT

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


def test_every_operation_of_the_corpus_round_trips(index: VersionIndex) -> None:
    ops = [op for act in index.corpus.acts.values() for op in act.ops]
    assert len(ops) > 200  # 208 operations in 2026
    assert [op for op in ops if _roundtrip(op) != op] == []
    assert relaxng().validate(_act_with(ops))


ACTS = sorted((ROOT / "corpus" / "idcc-2128" / "acts").glob("*.xml"))


def _canonical(el: etree._Element) -> bytes:
    """An operation element as compared: C14N (attributes sorted, `<new/>` as `<new></new>`,
    comments kept), with the indentation between elements dropped and whitespace inside a text
    collapsed (the reader's contract: every text of the corpus is compared so)."""
    copy = deepcopy(el)
    copy.tail = None
    for node in copy.iter():
        node.text = clean(node.text) or None
        if node is not copy:
            node.tail = clean(node.tail) or None
    return etree.tostring(copy, method="c14n")


def test_every_operation_element_of_the_corpus_is_written_back_as_it_is() -> None:
    """Read then write loses nothing: every element and attribute the schema allows on an
    operation (placements, wording="unknown" and evidence, <result>, unquoted ...) comes back."""
    checked, differ = 0, []
    for path in ACTS:
        root = parse_xml(path).getroot()
        holder = root.find("ops")
        for index, el in enumerate(holder if holder is not None else [], 1):
            op = read_operation(el, root.get("id"), index, path.name)
            if _canonical(write_operation(op)) != _canonical(el):
                differ.append(f"{path.name}:{el.sourceline}")
            checked += 1
    assert differ == []
    assert checked > 200  # 214 operation elements in 2026


def test_a_comment_inside_an_operation_would_be_noticed() -> None:
    """The comparison above cannot pass by ignoring what the writer drops."""
    el = etree.fromstring(
        '<repeal-article target="a1" src="12"><!-- why --><expect>Texte</expect></repeal-article>'
    )
    op = read_operation(el, "av", 1, "t.xml")
    assert _canonical(write_operation(op)) != _canonical(el)
    del el[0]
    assert _canonical(write_operation(op)) == _canonical(el)


RNG = "{http://relaxng.org/ns/structure/1.0}"


def _allowed(node: etree._Element, defines: dict[str, etree._Element], owner: str) -> set[str]:
    """Every element (`tag`) and attribute (`@name` on the operation, `tag@name` on a child)
    that the schema allows under `node`, through its <ref>s."""
    out: set[str] = set()
    for child in node:
        if child.tag == RNG + "attribute":
            out.add(f"{owner}@{child.get('name')}")
        elif child.tag == RNG + "element":
            out |= {child.get("name"), *_allowed(child, defines, child.get("name"))}
        elif child.tag == RNG + "ref":
            out |= _allowed(defines[child.get("name")], defines, owner)
        elif isinstance(child.tag, str):
            out |= _allowed(child, defines, owner)
    return out


def _written(el: etree._Element) -> set[str]:
    names = {f"@{name}" for name in el.attrib}
    for child in el.iterdescendants():
        names |= {child.tag, *(f"{child.tag}@{name}" for name in child.attrib)}
    return names


SAY = {"act": "av", "index": 1, "location": HERE, "effect": "e", "src": "1-2", "decision": "D-1"}
ROWS = (Para("x"), Para.row((("classe", "A"), ("montant", "1"))))
PROOF = (Evidence("3", "preuve"),)
FULLEST = [
    InsertArticle(**SAY, id="a", num="1", title="T", parent="s", place=Placement(Where.AFTER, "b"), paragraphs=ROWS),
    InsertArticle(**SAY, id="a", parent="s", place=Placement(Where.BEFORE, "b"), paragraphs=(), evidence=PROOF),
    ReplaceArticle(**SAY, target="a", num="2", title="T", expect="x", paragraphs=ROWS),
    ReplaceArticle(**SAY, target="a", expect="x", paragraphs=(), evidence=PROOF),
    RepealArticle(**SAY, target="a", expect="x"),
    RenumberArticle(**SAY, target="a", from_num="1", to_num="2", title="T"),
    MoveArticle(**SAY, target="a", from_parent="s", parent="t", place=Placement(Where.FIRST)),
    InsertSection(**SAY, id="s", num="I", title="T", parent="b", place=Placement(Where.LAST)),
    RepealSection(**SAY, target="s", expect_title="T"),
    RenumberSection(**SAY, target="s", from_num="I", to_num="II", title="T"),
    MoveSection(**SAY, target="s", from_parent="b", parent="t", place=Placement(Where.AFTER, "u")),
    InsertAlinea(**SAY, target="a", position=2, paragraphs=ROWS),
    ReplaceAlinea(**SAY, target="a", alinea=1, expect="x", paragraphs=ROWS, result=Quote("4", "y")),
    ReplaceAlinea(**SAY, target="a", alinea=1, expect="x", paragraphs=ROWS, unquoted=True),
    DeleteAlinea(**SAY, target="a", alinea=1, expect="x"),
    ReplaceWords(**SAY, target="a", alinea=1, occurrence="all", old="x", new="y", result=Quote("4", "y")),
    ReplaceWords(**SAY, target="a", old="x", new="y", unquoted=True),
    InsertWords(**SAY, target="a", alinea=1, occurrence=2, anchor="x", new="y", result=Quote("4", "y")),
    InsertWords(**SAY, target="a", anchor="x", before=True, new="y", unquoted=True),
    DeleteWords(**SAY, target="a", alinea=1, occurrence=2, old="x", result=Quote("4", "y")),
    DeleteWords(**SAY, target="a", old="x", unquoted=True),
]  # fmt: skip
FULLEST += [
    replace(op, place=place)
    for op in FULLEST
    if isinstance(op, InsertArticle | InsertSection | MoveArticle | MoveSection)
    for place in (Placement(Where.AFTER, "b"), Placement(Where.BEFORE, "b"), Placement())
]


def test_every_element_and_attribute_the_schema_allows_on_an_operation_is_written() -> None:
    """The typed model carries all an operation element can say: for each kind, the names the
    writer emits over the fullest operations equal the names the schema allows."""
    rng = parse_xml(str(resources.files("consolidator.corpus.schema").joinpath("corpus.rng")))
    defines = {d.get("name"): d for d in rng.getroot().iter(RNG + "define")}
    allowed = {
        el.get("name"): _allowed(el, defines, "")
        for el in defines["op"].iter(RNG + "element")
        if el.get("name") in set(OpKind)
    }
    written: dict[str, set[str]] = {}
    for op in FULLEST:
        written.setdefault(op.kind.value, set()).update(_written(write_operation(op)))
        assert _roundtrip(op) == op
    assert written == allowed
    assert relaxng().validate(_act_with(FULLEST))


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
QUOTES = st.one_of(
    st.just({}),
    st.just({"unquoted": True}),
    st.builds(Quote, st.from_regex(r"[0-9]{1,4}(-[0-9]{1,4})?", fullmatch=True), TEXT).map(
        lambda quote: {"result": quote}
    ),
)


def _quoted(ops: st.SearchStrategy[Operation]) -> st.SearchStrategy[Operation]:
    """Operations that may say the act's quote of the new wording, or that it has none."""
    return st.tuples(ops, QUOTES).map(lambda pair: replace(pair[0], **pair[1]))


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
    _quoted(st.builds(ReplaceAlinea, **COMMON, target=IDS, alinea=st.integers(1, 9), expect=TEXT, paragraphs=PARAS.map(tuple))),
    st.builds(DeleteAlinea, **COMMON, target=IDS, alinea=st.integers(1, 9), expect=TEXT),
    _quoted(st.builds(ReplaceWords, **COMMON, **WORDS, old=TEXT, new=st.just("") | TEXT)),
    _quoted(st.builds(InsertWords, **COMMON, **WORDS, anchor=TEXT, before=st.booleans(), new=TEXT)),
    _quoted(st.builds(DeleteWords, **COMMON, **WORDS, old=TEXT)),
)  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(OPERATIONS)
def test_write_then_read_is_identity(op: Operation) -> None:
    assert _roundtrip(op) == op


@settings(max_examples=15, deadline=None)
@given(st.lists(OPERATIONS, min_size=1, max_size=5))
def test_written_operations_are_schema_valid(ops: list[Operation]) -> None:
    schema = relaxng()
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
