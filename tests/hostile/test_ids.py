"""Duplicate and colliding ids: each one silently replaced a text before; now `validate` refuses."""

from __future__ import annotations

from consolidator.engine.index import validate
from tests.conftest import BASE, avenant
from tests.hostile.helpers import assert_clean_error, cli


def messages(root) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(d) for d in validate(root))


def texte(ident: str, body: str, signed: str = "2006-01-01") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<act id="{ident}" kind="accord" signed="{signed}" title="Accord {ident}">
  <effect><at-signature/></effect>
  <body>
{body}
  </body>
</act>
"""


def test_two_articles_with_one_id_in_one_body(make_corpus) -> None:
    body = BASE.replace('<article id="a2" num="1.2"', '<article id="a1" num="1.2"')
    root = make_corpus({"acts/base.xml": body})
    text = messages(root)
    assert "acts/base.xml:7: error: id 'a1' is declared twice (first in acts/base.xml:6)" in text
    assert_clean_error(cli("validate", "--corpus", str(root)), "declared twice")
    assert_clean_error(cli("text", "--corpus", str(root), "--at", "2001-01-01"), "declared twice")


def test_new_act_body_reusing_an_existing_id(make_corpus) -> None:
    other = texte(
        "acc1", '    <article id="a2" num="1" title="Autre"><p>Autre texte.</p></article>'
    )
    text = messages(make_corpus({"acts/acc1.xml": other}))
    assert "acts/acc1.xml:5: error: id 'a2' is declared twice (first in acts/base.xml:7)" in text


def test_insert_reusing_a_body_id_of_a_later_act(make_corpus) -> None:
    insert = avenant(
        '    <insert-article id="n1" num="1.3" parent="ch-I" after="a2"><p>N.</p></insert-article>'
    )
    later = texte(
        "acc1", '    <article id="n1" num="1" title="Autre"><p>X.</p></article>', "2007-01-01"
    )
    text = messages(make_corpus({"acts/av1.xml": insert, "acts/acc1.xml": later}))
    assert "acts/acc1.xml:5: error: id 'n1' is declared twice" in text


def test_ids_differing_by_colon_and_dash_collide(make_corpus) -> None:
    other = texte(
        "acc1",
        '    <article id="rt:1" num="1" title="Un"><p>Un.</p></article>\n'
        '    <article id="rt-1" num="2" title="Deux"><p>Deux.</p></article>',
    )
    text = messages(make_corpus({"acts/acc1.xml": other}))
    assert (
        "acts/acc1.xml:6: error: id 'rt-1' and id 'rt:1' (in acts/acc1.xml:5) would share" in text
    )


def test_ids_differing_by_case_collide(make_corpus) -> None:
    other = texte("acc1", '    <article id="A1" num="1" title="Un"><p>Un.</p></article>')
    text = messages(make_corpus({"acts/acc1.xml": other}))
    assert "id 'A1' and id 'a1'" in text


def test_two_sibling_articles_with_one_number(make_corpus) -> None:
    body = BASE.replace('num="1.2" title="Durée"', 'num="1.1" title="Durée"')
    text = messages(make_corpus({"acts/base.xml": body}))
    assert "acts/base.xml:7: error: article number '1.1' is borne twice in one section" in text
