"""Hostile text in every field of the corpus is shown as text: HTML site, standalone pages, PDF.

No element, attribute or link comes from the input; Jinja2 syntax in the input is never evaluated.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import html as lhtml

from consolidator.engine.index import open_index
from consolidator.render.site import site_files
from tests.conftest import CONVENTION
from tests.hostile.helpers import cli

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "javascript:alert(3)",
    "{{ 7*7 }} {% if true %}JINJA{% endif %} {# c #}",
    "&lt;b&gt; \"quoted\" 'single'",
]
TEXT = " ".join(PAYLOADS)
ATTR = TEXT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def hostile_base() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<act id="base" kind="convention" signed="2000-01-31" title="{ATTR}" short="{ATTR}">
  <note>{ATTR}</note>
  <effect><fixed date="2000-02-01"/></effect>
  <body>
    <section id="ch-I" num="I" title="{ATTR}">
      <article id="a1" num="1.1" title="{ATTR}"><p>{ATTR}</p><p>Second alinéa.</p></article>
      <article id="a2" num="1.2" title="Durée"><p>La convention est conclue pour deux ans.</p></article>
    </section>
  </body>
</act>
"""


def hostile_avenant() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<act id="av1" kind="avenant" number="1" signed="2005-03-01" title="{ATTR}">
  <effect><at-signature/></effect>
  <ops>
    <replace-article target="a2" title="{ATTR}"><expect>deux ans</expect><p>{ATTR} trois ans.</p></replace-article>
  </ops>
</act>
"""


def hostile_arrete() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<arrete id="arr1" date="2005-06-01" jo="2005-06-10" title="{ATTR}">
  <extends act="av1">
    <exclude target="a2" words="trois ans">{ATTR}</exclude>
    <reserve target="a2">{ATTR}</reserve>
  </extends>
</arrete>
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    (root / "acts").mkdir(parents=True)
    (root / "arretes").mkdir()
    (root / "convention.xml").write_text(
        CONVENTION.replace('title="Convention de test"', f'title="{ATTR}"'), encoding="utf-8"
    )
    (root / "acts" / "base.xml").write_text(hostile_base(), encoding="utf-8")
    (root / "acts" / "av1.xml").write_text(hostile_avenant(), encoding="utf-8")
    (root / "arretes" / "arr1.xml").write_text(hostile_arrete(), encoding="utf-8")
    return root


OWN_SCRIPTS = {"recherche-index.js", "recherche.js"}


def check_page(name: str, page: str) -> None:
    doc = lhtml.fromstring(page)
    # The only scripts are the static search's own files (recherche.html), never inline code.
    scripts = doc.xpath("//script")
    assert all(s.get("src") in OWN_SCRIPTS and not (s.text or "").strip() for s in scripts), name
    assert not doc.xpath("//img[@onerror]|//*[@*[starts-with(name(), 'on')]]"), name
    for href in doc.xpath("//@href|//@src"):
        assert not href.strip().lower().startswith("javascript:"), (name, href)
    assert "49" not in doc.text_content() and "JINJA " not in doc.text_content(), name


def test_every_site_page_shows_hostile_text_as_text(hostile: Path) -> None:
    files = site_files(open_index(hostile), date(2006, 1, 1), with_pdf=False)
    shown = 0
    for name, content in files.items():
        if name.endswith(".html"):
            page = content.decode("utf-8")
            check_page(name, page)
            shown += "{{ 7*7 }}" in lhtml.fromstring(page).text_content()
    assert shown >= 3  # the payload is there, as text, on the convention and article pages
    index_js = files["recherche-index.js"].decode("utf-8")  # the corpus as JSON strings only
    assert index_js.startswith("window.RECHERCHE = [") and "<script>alert(1)</script>" in index_js


@pytest.mark.parametrize(
    "args",
    [
        ("text", "--format", "html", "--at", "2006-01-01"),
        ("article", "1.1", "--format", "html", "--at", "2006-01-01"),
        ("diff", "--from", "2001-01-01", "--to", "2006-01-01", "--format", "html"),
    ],
)
def test_standalone_pages(hostile: Path, args: tuple[str, ...]) -> None:
    outcome = cli(*args, "--corpus", str(hostile))
    assert outcome.code == 0, outcome
    check_page(" ".join(args), outcome.out)
    assert "<script>alert(1)</script>" in lhtml.fromstring(outcome.out).text_content()


@pytest.mark.slow
def test_pdf_shows_hostile_text_as_text(hostile: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "t.pdf"
    outcome = cli(
        "text", "--corpus", str(hostile), "--at", "2006-01-01", "--format", "pdf", "-o", str(out)
    )
    assert outcome.code == 0, outcome
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    assert "<script>alert(1)</script>" in flat and "{{ 7*7 }}" in flat
    assert "JINJA " not in flat.replace("%}JINJA{%", "")
