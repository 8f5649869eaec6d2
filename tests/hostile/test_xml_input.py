"""Hostile XML in the corpus: every refusal names the file and the line; nothing is silently cut."""

from __future__ import annotations

import bz2
import gzip

import pytest

from consolidator.corpus.load import load_corpus
from consolidator.corpus.xml import MAX_XML_BYTES
from consolidator.engine.index import validate
from tests.conftest import BASE, avenant
from tests.hostile.helpers import assert_clean_error, cli

ENTITY_BASE = BASE.replace(
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE act [<!ENTITY cc "convention collective">]>\n',
).replace("Premier alinéa du champ.", "Début de phrase &cc; FIN")


def messages(root) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(d) for d in validate(root))


def test_entity_declared_in_doctype_is_refused_not_cut(make_corpus) -> None:
    root = make_corpus({"acts/base.xml": ENTITY_BASE})
    text = messages(root)
    assert "acts/base.xml:2: error: DOCTYPE refused" in text
    assert_clean_error(cli("validate", "--corpus", str(root)), "acts/base.xml:2", "DOCTYPE")
    assert_clean_error(
        cli("article", "1.1", "--corpus", str(root), "--at", "2001-01-01"), "DOCTYPE"
    )


def test_salaries_reads_with_the_same_parser(make_corpus) -> None:
    root = make_corpus({"acts/base.xml": ENTITY_BASE})
    assert_clean_error(cli("salaries", "--corpus", str(root), "--at", "2001-01-01"), "DOCTYPE")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE act SYSTEM "http://127.0.0.1:9/evil.dtd">',
        '<!DOCTYPE act [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE act [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        "<!DOCTYPE act [<!ENTITY d 'x'>]>",
        "<!DOCTYPE act>",
    ],
    ids=["external-dtd", "xxe", "billion-laughs", "internal-entity", "bare-doctype"],
)
def test_every_doctype_is_refused(make_corpus, doctype: str) -> None:
    body = BASE.replace("\n<act ", f"\n{doctype}\n<act ", 1).replace(
        "Premier alinéa du champ.",
        {"xxe": "P. &xxe;", "ENTITY d": "P. &d;"}.get(
            next((k for k in ("xxe", "ENTITY d") if k in doctype), ""), "P."
        ),
    )
    text = messages(make_corpus({"acts/base.xml": body}))
    assert "acts/base.xml:2: error: DOCTYPE refused" in text, text
    assert "root:" not in text


def test_undeclared_entity_is_malformed_with_line(make_corpus) -> None:
    body = BASE.replace("Premier alinéa du champ.", "Premier &nbsp; alinéa.")
    text = messages(make_corpus({"acts/base.xml": body}))
    assert "acts/base.xml:6: error: malformed XML" in text and "nbsp" in text


def test_character_references_are_resolved(make_corpus) -> None:
    body = BASE.replace("Premier alinéa du champ.", "Premier &#233; &amp; &lt;alin&#xE9;a&gt;.")
    corpus = load_corpus(make_corpus({"acts/base.xml": body}))
    para = corpus.acts["base"].body[0].children[0].paragraphs[0]  # type: ignore[union-attr]
    assert para.text == "Premier é & <alinéa>."


def test_xinclude_is_not_processed(make_corpus) -> None:
    body = BASE.replace(
        "<p>Premier alinéa du champ.</p>",
        '<p xmlns:xi="http://www.w3.org/2001/XInclude">Premier <xi:include href="/etc/passwd" '
        'parse="text"/></p>',
    )
    text = messages(make_corpus({"acts/base.xml": body}))
    assert "acts/base.xml:6" in text and "schema" in text
    assert "root:" not in text


@pytest.mark.parametrize("pack", [gzip.compress, bz2.compress], ids=["gzip", "bzip2"])
def test_compressed_file_named_xml_is_refused(make_corpus, pack) -> None:  # type: ignore[no-untyped-def]
    root = make_corpus({})
    (root / "acts" / "av1.xml").write_bytes(pack(avenant("").encode() * 1000))
    text = messages(root)
    assert "acts/av1.xml:1: error: file is" in text and "compressed" in text


def test_oversized_file_is_refused_without_reading_it_all(make_corpus) -> None:
    root = make_corpus({})
    with (root / "acts" / "big.xml").open("wb") as fh:
        fh.truncate(MAX_XML_BYTES + 1)  # sparse: costs nothing on disk
    text = messages(root)
    assert "acts/big.xml: error: file larger than 16 MiB: refused" in text


def test_bad_encoding_names_the_line(make_corpus) -> None:
    root = make_corpus({})
    data = BASE.encode("utf-8").replace("alinéa".encode(), "alin\xe9a".encode("latin-1"), 1)
    (root / "acts" / "base.xml").write_bytes(data)
    text = messages(root)
    assert "acts/base.xml:6: error: malformed XML" in text and "encoding" in text


def test_utf8_bom_is_accepted(make_corpus) -> None:
    root = make_corpus({})
    (root / "acts" / "base.xml").write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert validate(root) == []


def test_missing_required_attribute_names_the_line(make_corpus) -> None:
    body = BASE.replace(' signed="2000-01-31"', "")
    text = messages(make_corpus({"acts/base.xml": body}))
    assert "acts/base.xml:2: error: schema:" in text and "'signed'" in text


def test_exclude_without_target_names_the_line(make_corpus) -> None:
    arrete = """<?xml version="1.0" encoding="UTF-8"?>
<arrete id="arr1" date="2001-01-10" jo="2001-01-20" title="Arrêté">
  <extends act="base">
    <exclude words="deux ans">exclu</exclude>
  </extends>
</arrete>
"""
    text = messages(make_corpus({"arretes/arr1.xml": arrete}))
    assert "arretes/arr1.xml:4: error: schema:" in text and "'target'" in text


def test_missing_acts_folder_is_one_error(make_corpus) -> None:
    root = make_corpus({}, with_base=False)
    (root / "acts").rmdir()
    problems = validate(root)
    assert len(problems) == 1, problems
    assert "no acts/ folder" in str(problems[0])


def test_insert_without_its_place_names_the_choice(make_corpus) -> None:
    bad = avenant('    <insert-article id="n1" num="1.3" parent="ch-I"><p>N.</p></insert-article>')
    text = messages(make_corpus({"acts/av1.xml": bad}))
    assert "acts/av1.xml:5: error: schema: <insert-article> lacks one of the attributes" in text
    assert "'after'" in text and "'position'" in text


def test_malformed_attribute_value_names_attribute_and_line(make_corpus) -> None:
    bad = avenant("", effect='<at-signature offset-days="dix"/>').replace("<ops>\n\n  </ops>", "")
    text = messages(make_corpus({"acts/av1.xml": bad}))
    assert "acts/av1.xml:3: error: schema:" in text and "offset-days" in text
