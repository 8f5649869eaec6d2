"""PDF rendering with WeasyPrint: cover, table of acts, contents, real tables, footnotes, tags.

The layout follows EUR-Lex consolidated texts: a table of the consolidated acts at the front
(►B, ►M1 … with their signature and the arrêtés d'extension with their JO publication), a
running header with the text and the chapter, page numbers, the exclusions and reservations
of the arrêtés as footnotes called where they apply (word, table row or alinéa), a PDF
outline per text, chapter and article, and a tagged PDF (PDF/UA-1 where WeasyPrint has it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.errors import RenderError
from consolidator.query.events import sources_date
from consolidator.query.provenance import Provenance, act_label, jo_provenance
from consolidator.query.snapshot import ArticleAt, Snapshot, TextAt
from consolidator.render.contents import snapshot_views
from consolidator.render.html import Marker, change_labels, make_env, stylesheet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActRow:
    """One line of the table of acts: marker, act, signature, arrêtés published by the date."""

    code: str
    label: str
    title: str
    signed: date
    extensible: bool
    arretes: tuple[tuple[str, date | None, str | None], ...]  # label, JO date, its caveat
    signed_caveat: str | None = (
        None  # « d'après les métadonnées Légifrance », « date approximative »
    )


def _caveat(prov: Provenance | None) -> str | None:
    """The words said with a date that no seed writes (docs/provenance.md), else None."""
    return prov.caveat if prov else None


def act_rows(index: VersionIndex, legend: tuple[Marker, ...], at: date) -> tuple[ActRow, ...]:
    """The acts consolidated in the document, each with the arrêtés that extended it by `at`."""
    rows = []
    for m in legend:
        arretes = sorted(
            (a for a in index.corpus.arretes.values() if any(e.act == m.act.id for e in a.extends)),
            key=lambda a: (a.date, a.id),
        )
        published = tuple(
            (a.label, a.jo, _caveat(jo_provenance(index.corpus, a)))
            for a in arretes
            if (a.jo or a.date) <= at
        )
        title = m.act.title if m.act.title != m.act.label else ""
        label = act_label(index.corpus, m.act)  # « (numéro d'après les métadonnées Légifrance) »
        rows.append(
            ActRow(m.code, label, title, m.act.signed, m.act.extensible, published, m.signed_caveat)
        )
    return tuple(rows)


VIEW_LABELS = {
    "adherent": "vue adhérent",
    "branche": "vue branche",
}


def print_context(
    index: VersionIndex, snap: Snapshot, templates: Path | None = None
) -> PrintContext:
    """What the print template needs, computed once for every part laid out from it."""
    texts, legend = snapshot_views(index, snap)
    conv = index.corpus.convention
    stamp = sources_date(index.corpus)
    values = {
        "acts": act_rows(index, legend, snap.at),
        "view_label": VIEW_LABELS[snap.view],
        "convention": conv.title,
        "idcc": conv.idcc,
        "at": snap.at,
        "view": snap.view,
        "texts": texts,
        "legend": legend,
        "last_change": snap.last_change,
        "last_acts": change_labels(index, snap.last_change),
        "css": stylesheet("print.css", templates),
        "sources": stamp.sentence(),
        "warning": stamp.warning(snap.at),
    }
    return PrintContext(make_env(templates).get_template("print.html"), values)


@dataclass(frozen=True)
class PrintContext:
    """The print template and its values; `html` renders the whole document or one part:
    « body » (cover, acts, `blank` empty pages in place of the contents, the texts) or « toc »
    (`blank` empty pages, then the contents with the page numbers `page_of` gives, `total` pages)."""

    template: Any
    values: dict[str, object]

    def html(
        self,
        part: str = "all",
        blank: int = 0,
        page_of: Callable[[str], str] | None = None,
        total: int = 0,
    ) -> str:
        return str(
            self.template.render(
                part=part, blank=blank, page_of=page_of, total=total, **self.values
            )
        )


def print_html(index: VersionIndex, snap: Snapshot, templates: Path | None = None) -> str:
    """The whole print document (cover, acts, contents, body with CSS footnotes) as one HTML."""
    return print_context(index, snap, templates).html()


def weasyprint_html() -> Any:
    """WeasyPrint's HTML class (RenderError when it cannot be loaded), its logs quietened and
    its leaders, compression and cascade made cheaper (render/pdf_speed.py)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango or cairo missing
        raise RenderError(
            f"WeasyPrint is not usable: {exc}",
            hint="pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0 (or run make system-deps)",
        ) from exc
    from consolidator.render.pdf_speed import deflate_level, lean_html, merge_leaders

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    merge_leaders()  # the contents' dots: one text box a line (render/pdf_speed.py)
    deflate_level()  # pydyf's streams deflated at zlib's default level, not 9
    return lean_html(HTML)  # no pseudo-elements for every element in the cascade


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Lay out an HTML document with WeasyPrint in one piece."""
    data = weasyprint_html()(string=html, base_url=base_url).write_pdf(**tagging())
    if data is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise RenderError("WeasyPrint produced no PDF")
    return bytes(data)


def tagging() -> dict[str, object]:
    """PDF/UA-1 (tagged, with the structure tree) where WeasyPrint has it, else plain tags."""
    from weasyprint.pdf import VARIANTS

    if "pdf/ua-1" in VARIANTS:
        return {"pdf_variant": "pdf/ua-1"}
    return {"pdf_tags": True}  # pragma: no cover - WeasyPrint without PDF/UA


def snapshot_pdf(index: VersionIndex, snap: Snapshot, templates: Path | None = None) -> bytes:
    """The consolidated convention on `snap.at` as a PDF (contents laid out apart:
    consolidator.render.pdf_layout), read from the cache folder when the same PDF was laid out
    before (consolidator.render.pdf_cache)."""
    from consolidator.render.pdf_cache import cached_pdf
    from consolidator.render.pdf_layout import layout_pdf

    return cached_pdf(print_context(index, snap, templates), templates, layout_pdf)


def article_pdf(
    index: VersionIndex, snap: Snapshot, art: ArticleAt, templates: Path | None = None
) -> bytes:
    """One article as a PDF, laid out like the full text (cover, notes)."""
    texts = [TextAt(t.act, t.state, (art,)) for t in snap.texts if art in t.articles]
    if not texts:
        texts = [TextAt(index.corpus.acts[art.version.text_id], art.state, (art,))]
    one = Snapshot(snap.at, snap.view, tuple(texts), snap.last_change, snap.last_acts)
    return snapshot_pdf(index, one, templates)
