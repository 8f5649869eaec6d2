"""PDF rendering with WeasyPrint: cover, table of acts, contents, real tables, footnotes, tags.

The layout follows EUR-Lex consolidated texts: a table of the consolidated acts at the front
(►B, ►M1 … with their signature and the arrêtés d'extension with their JO publication), a
running header with the text and the chapter, page numbers, the exclusions and reservations
of the arrêtés as footnotes called where they apply (word, table row or alinéa), a PDF
outline per text, chapter and article, and a tagged PDF (PDF/UA-1 where WeasyPrint has it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from consolidator.engine.replay import VersionIndex
from consolidator.errors import RenderError
from consolidator.query.events import sources_date
from consolidator.query.provenance import act_label
from consolidator.query.snapshot import ArticleAt, Snapshot, TextAt
from consolidator.render.html import Marker, change_labels, make_env, snapshot_views, stylesheet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActRow:
    """One line of the table of acts: marker, act, signature, arrêtés published by the date."""

    code: str
    label: str
    title: str
    signed: date
    extensible: bool
    arretes: tuple[tuple[str, date | None], ...]


def act_rows(index: VersionIndex, legend: tuple[Marker, ...], at: date) -> tuple[ActRow, ...]:
    """The acts consolidated in the document, each with the arrêtés that extended it by `at`."""
    rows = []
    for m in legend:
        arretes = sorted(
            (a for a in index.corpus.arretes.values() if any(e.act == m.act.id for e in a.extends)),
            key=lambda a: (a.date, a.id),
        )
        published = tuple((a.label, a.jo) for a in arretes if (a.jo or a.date) <= at)
        title = m.act.title if m.act.title != m.act.label else ""
        label = act_label(index.corpus, m.act)  # « (numéro d'après les métadonnées Légifrance) »
        rows.append(ActRow(m.code, label, title, m.act.signed, m.act.extensible, published))
    return tuple(rows)


VIEW_LABELS = {
    "adherent": "vue adhérent",
    "branche": "vue branche",
}


def print_html(index: VersionIndex, snap: Snapshot, templates: Path | None = None) -> str:
    """The print document (cover, acts, contents, body with CSS footnotes) WeasyPrint lays out."""
    env = make_env(templates)
    texts, legend = snapshot_views(index, snap)
    conv = index.corpus.convention
    stamp = sources_date(index.corpus)
    return env.get_template("print.html").render(
        acts=act_rows(index, legend, snap.at),
        view_label=VIEW_LABELS[snap.view],
        convention=conv.title,
        idcc=conv.idcc,
        at=snap.at,
        view=snap.view,
        texts=texts,
        legend=legend,
        last_change=snap.last_change,
        last_acts=change_labels(index, snap.last_change),
        css=stylesheet("print.css", templates),
        sources=stamp.sentence(),
        warning=stamp.warning(snap.at),
    )


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Lay out an HTML document with WeasyPrint (RenderError when it cannot be loaded)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango or cairo missing
        raise RenderError(
            f"WeasyPrint is not usable: {exc}",
            hint="pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0 (or run make system-deps)",
        ) from exc
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    data = HTML(string=html, base_url=base_url).write_pdf(**_tagging())
    if data is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise RenderError("WeasyPrint produced no PDF")
    return bytes(data)


def _tagging() -> dict[str, object]:
    """PDF/UA-1 (tagged, with the structure tree) where WeasyPrint has it, else plain tags."""
    from weasyprint.pdf import VARIANTS

    if "pdf/ua-1" in VARIANTS:
        return {"pdf_variant": "pdf/ua-1"}
    return {"pdf_tags": True}  # pragma: no cover - WeasyPrint without PDF/UA


def snapshot_pdf(index: VersionIndex, snap: Snapshot, templates: Path | None = None) -> bytes:
    """The consolidated convention on `snap.at` as a PDF."""
    return html_to_pdf(print_html(index, snap, templates))


def article_pdf(
    index: VersionIndex, snap: Snapshot, art: ArticleAt, templates: Path | None = None
) -> bytes:
    """One article as a PDF, laid out like the full text (cover, notes)."""
    texts = [TextAt(t.act, t.state, (art,)) for t in snap.texts if art in t.articles]
    if not texts:
        texts = [TextAt(index.corpus.acts[art.version.text_id], art.state, (art,))]
    one = Snapshot(snap.at, snap.view, tuple(texts), snap.last_change, snap.last_acts)
    return snapshot_pdf(index, one, templates)
