"""Each kind of operation on a small corpus, with its guard."""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.engine.index import open_index, validate
from consolidator.errors import CorpusError
from consolidator.model import EndReason, State
from consolidator.query.snapshot import article_at, snapshot
from tests.conftest import avenant

DAY = date(2006, 1, 1)


def build(make_corpus, ops: str, **kw: str):  # type: ignore[no-untyped-def]
    return open_index(make_corpus({"acts/av1.xml": avenant(ops, **kw)}))


def test_replace_words_with_occurrence(make_corpus) -> None:
    index = build(
        make_corpus,
        '    <replace-words target="a1" occurrence="2"><old>alinéa</old><new>paragraphe</new></replace-words>',
    )
    art = article_at(index, "a1", DAY)
    assert art.version.paragraphs == ("Premier alinéa du champ.", "Second paragraphe du champ.")
    assert art.version.fragments[1].amended_by == ("av1",)
    assert art.version.fragments[1].act == "base"


def test_insert_and_delete_words(make_corpus) -> None:
    ops = (
        '    <insert-words target="a2" alinea="1"><after>conclue</after><new>initialement</new></insert-words>\n'
        '    <delete-words target="a1" alinea="2"><old>du champ</old></delete-words>'
    )
    index = build(make_corpus, ops)
    assert article_at(index, "a2", DAY).version.paragraphs == (
        "La convention est conclue initialement pour deux ans.",
    )
    assert article_at(index, "a1", DAY).version.paragraphs[1] == "Second alinéa."


def test_words_guard_counts_occurrences(make_corpus) -> None:
    root = make_corpus(
        {
            "acts/av1.xml": avenant(
                '    <replace-words target="a1" occurrence="3"><old>alinéa</old><new>x</new></replace-words>'
            )
        }
    )
    text = "\n".join(str(d) for d in validate(root))
    assert "occurs 2 time(s)" in text


def test_alinea_ops(make_corpus) -> None:
    ops = (
        '    <insert-alinea target="a1" position="end"><p>Troisième.</p></insert-alinea>\n'
        '    <replace-alinea target="a1" position="1"><expect>Premier alinéa</expect><p>Nouveau premier.</p></replace-alinea>\n'
        '    <delete-alinea target="a1" position="2"><expect>Second</expect></delete-alinea>'
    )
    index = build(make_corpus, ops)
    assert article_at(index, "a1", DAY).version.paragraphs == ("Nouveau premier.", "Troisième.")
    assert (
        article_at(index, "a1", date(2005, 2, 28)).version.paragraphs[0]
        == "Premier alinéa du champ."
    )


def test_alinea_position_out_of_range(make_corpus) -> None:
    root = make_corpus(
        {
            "acts/av1.xml": avenant(
                '    <delete-alinea target="a2" position="4"><expect>x</expect></delete-alinea>'
            )
        }
    )
    assert "alinéa 4 does not exist" in "\n".join(str(d) for d in validate(root))


def test_renumber_move_and_sections(make_corpus) -> None:
    ops = (
        '    <insert-section id="ch-II" num="II" title="Nouveau chapitre" parent="base" after="ch-I"/>\n'
        '    <move-article target="a2" from-parent="ch-I" parent="ch-II" position="first"/>\n'
        '    <renumber-article target="a2" from="1.2" to="2.1"/>\n'
        '    <renumber-section target="ch-I" from="I" to="I" title="Dispositions communes"/>'
    )
    index = build(make_corpus, ops)
    snap = snapshot(index, DAY)
    assert [(a.num, a.path) for a in snap.texts[0].articles] == [
        ("1.1", ("I - Dispositions communes",)),
        ("2.1", ("II - Nouveau chapitre",)),
    ]
    assert article_at(index, "a2", date(2004, 1, 1)).num == "1.2"


def test_renumber_guard(make_corpus) -> None:
    root = make_corpus(
        {"acts/av1.xml": avenant('    <renumber-article target="a2" from="1.3" to="2.1"/>')}
    )
    assert "is numbered '1.2', not '1.3'" in "\n".join(str(d) for d in validate(root))


def test_repeal_article_and_section(make_corpus) -> None:
    index = build(
        make_corpus, '    <repeal-article target="a2"><expect>deux ans</expect></repeal-article>'
    )
    versions = index.versions["a2"]
    assert versions[-1].until == date(2005, 3, 1) and versions[-1].end is EndReason.REPEALED
    assert [a.num for a in snapshot(index, DAY).texts[0].articles] == ["1.1"]
    index = build(
        make_corpus, '    <repeal-section target="ch-I" expect-title="Dispositions générales"/>'
    )
    assert snapshot(index, DAY).texts == ()


def test_term_makes_a_text_perime(make_corpus) -> None:
    accord = """<?xml version="1.0" encoding="UTF-8"?>
<act id="acc" kind="accord" signed="2000-03-01" term="2000-12-31" title="Accord à durée déterminée">
  <effect><at-signature/></effect>
  <body><article id="acc-1" num="1"><p>Dotation pour l'année 2000.</p></article></body>
</act>
"""
    index = open_index(make_corpus({"acts/acc.xml": accord}))
    version = index.versions["acc-1"][0]
    assert version.until == date(2001, 1, 1) and version.end is EndReason.LAPSED
    from consolidator.query.states import version_state

    assert version_state(index, version, date(2001, 6, 1)) is State.PERIME


def test_pending_until_the_arrete_is_published(make_corpus) -> None:
    ops = '    <replace-article target="a2"><expect>deux ans</expect><p>Trois ans.</p></replace-article>'
    waiting = avenant(ops, effect='<on-extension rule="lendemain-publication"/>')
    index = open_index(make_corpus({"acts/av1.xml": waiting}))
    assert [p.reason for p in index.timeline.pending] == [
        "waits for an arrêté d'extension of av1 (lendemain-publication)"
    ]
    assert len(index.versions["a2"]) == 1
    arrete = """<?xml version="1.0" encoding="UTF-8"?>
<arrete id="ar1" date="2005-06-01" jo="2005-06-10"><extends act="av1"/></arrete>
"""
    index = open_index(make_corpus({"acts/av1.xml": waiting, "arretes/ar1.xml": arrete}))
    assert index.versions["a2"][-1].since == date(2005, 6, 11)
    assert article_at(index, "a2", date(2005, 6, 11)).state is State.ETENDU


def test_bad_corpus_raises_corpus_error(make_corpus) -> None:
    root = make_corpus(
        {
            "acts/av1.xml": avenant(
                '    <repeal-article target="a2"><expect>trois</expect></repeal-article>'
            )
        }
    )
    with pytest.raises(CorpusError) as err:
        open_index(root)
    assert "guard failed" in str(err.value)
