"""PDF rendering with WeasyPrint: cover, table of contents with page numbers, footnotes."""

from __future__ import annotations

import logging
from pathlib import Path

from consolidator.engine.replay import VersionIndex
from consolidator.errors import RenderError
from consolidator.query.events import sources_date
from consolidator.query.snapshot import ArticleAt, Snapshot, TextAt
from consolidator.render.html import change_labels, make_env, snapshot_views, stylesheet

log = logging.getLogger(__name__)


def print_html(index: VersionIndex, snap: Snapshot, templates: Path | None = None) -> str:
    """The print document (cover, contents, body with CSS footnotes) that WeasyPrint lays out."""
    env = make_env(templates)
    texts, legend = snapshot_views(index, snap)
    conv = index.corpus.convention
    stamp = sources_date(index.corpus)
    return env.get_template("print.html").render(
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
    data = HTML(string=html, base_url=base_url).write_pdf()
    if data is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise RenderError("WeasyPrint produced no PDF")
    return bytes(data)


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
