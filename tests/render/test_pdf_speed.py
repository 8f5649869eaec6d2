"""WeasyPrint's leaders merged and pydyf's deflate level (render/pdf_speed.py): same text, same
dots, same decoded streams."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from consolidator.render import pdf_speed
from consolidator.render.pdf import tagging, weasyprint_html

CONTENTS = """<!DOCTYPE html><html lang="fr"><head><style>
@page { size: A5; margin: 10mm; }
html { font: 10.5pt/1.45 "DejaVu Serif", serif; hyphens: auto; }
a { color: inherit; text-decoration: none; }
a::after { content: leader(". ") target-counter(attr(href), page); }
h2 { break-before: page; }
</style></head><body><nav><ol>
<li><a href="#a">Article 1 — Champ d’application</a></li>
<li><a href="#b">Article 2 — Utilisation des nouvelles technologies de l’information et de la
communication dans l’entreprise</a></li>
<li><a href="#c">Préambule</a></li>
</ol></nav>
<h2 id="a">Article 1</h2><h2 id="b">Article 2</h2><h2 id="c">Préambule</h2>
</body></html>"""


def _leaders(box: Any) -> Iterator[Any]:
    if getattr(box, "is_leader", False):
        yield box
    for child in getattr(box, "children", ()):
        yield from _leaders(child)


def _layout(merged: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[str]]:
    """The leader boxes of the first page and the text of every page, merged or not."""
    from weasyprint.layout import inline, leader

    html = weasyprint_html()  # installs the merging
    with monkeypatch.context() as patch:
        if not merged:
            patch.setattr(inline, "handle_leader", leader.handle_leader)
        document = html(string=CONTENTS).render(**tagging())
        data = document.write_pdf()
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return list(_leaders(document.pages[0]._page_box)), texts


def test_merged_leaders_draw_the_same_dots_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdf_speed.merge_leaders()
    plain, plain_texts = _layout(False, monkeypatch)
    merged, merged_texts = _layout(True, monkeypatch)
    assert merged_texts == plain_texts
    assert ". . . ." in merged_texts[0]
    assert len(plain) == len(merged) == 3
    for dots, two in zip(plain, merged, strict=True):
        last, rest = two.children
        xs = sorted(box.position_x for box in dots.children)
        width = dots.children[0].width
        assert len(xs) > 3
        assert last.position_x == xs[-1] and last.text == ". "
        assert rest.position_x == xs[0] and rest.text == ". " * (len(xs) - 1)
        assert rest.width == pytest.approx(width * (len(xs) - 1))
        assert rest.pango_layout.text == rest.text
        assert dots.children[0].pango_layout.text == ". "  # the dot copied, not changed


def test_merging_is_installed_once() -> None:
    from weasyprint.layout import inline

    assert pdf_speed.merge_leaders()
    wrapper = inline.handle_leader
    assert pdf_speed.merge_leaders()
    assert inline.handle_leader is wrapper


def test_streams_are_deflated_at_the_default_level() -> None:
    import pydyf

    assert pdf_speed.deflate_level()
    assert pdf_speed.deflate_level()  # once
    content = b"BT /F1 10 Tf 72 712 Td (Article 1.1) Tj ET\n" * 500
    data = pydyf.Stream([content], compress=True).data
    deflated = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(deflated) == content
    level = zlib.compressobj(pdf_speed.LEVEL)
    assert deflated == level.compress(content) + level.flush()


NOTES_AND_LISTS = """<!DOCTYPE html><html lang="fr"><head><style>
@page { size: A6; margin: 10mm; @bottom-right { content: counter(page); } }
html { font: 10.5pt/1.45 "DejaVu Serif", serif; }
.fn { float: footnote; font-size: 8pt; }
.fn::footnote-call { content: "\\202F(" counter(footnote) ")"; font-size: 65%; vertical-align: super;
  line-height: 0; }
.fn::footnote-marker { content: "(" counter(footnote) ")\\00A0"; }
</style></head><body>
<p>Les salariés<span class="fn">À l’exclusion des cadres.</span> bénéficient d’un congé.</p>
<ol><li>premier alinéa</li><li>second alinéa</li></ol>
<ul><li>un</li><li>deux</li></ul>
<details open><summary>Résumé</summary><p>Texte.</p></details>
</body></html>"""


def test_the_lean_user_agent_stylesheet_draws_the_same_pdf() -> None:
    from weasyprint import HTML
    from weasyprint import html as ua

    lean = weasyprint_html()
    assert lean is not HTML and issubclass(lean, HTML)
    assert lean is weasyprint_html()  # made once
    plain = HTML(string=NOTES_AND_LISTS).write_pdf(**tagging())
    assert lean(string=NOTES_AND_LISTS).write_pdf(**tagging()) == plain
    text = PdfReader(io.BytesIO(plain)).pages[0].extract_text()
    assert "salariés\u202f(1)" in text and "(1)\xa0À l’exclusion" in text
    assert "2. " in text and "•" in text
    sheet = pdf_speed.lean_user_agent(ua.UA)
    assert sheet is not None and ":is(li, summary)::marker" in sheet and "note-call" not in sheet


def test_an_unknown_user_agent_stylesheet_is_left_as_it_is() -> None:
    assert pdf_speed.lean_user_agent("p { margin: 0 }\n::marker { color: red }") is None
