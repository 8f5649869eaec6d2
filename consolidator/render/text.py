"""Plain-text rendering for the terminal: snapshots, articles, histories, timeline.

French typography (typography.py) is applied to every line, before wrapping, so that no-break
spaces keep dates and « n° 13 » together. The arrêtés' exclusions are called « [n] » after the
excluded words (a superscript cannot be printed in plain text, and « 5[2] » is never read as
an exponent), then listed under the article.
"""

from __future__ import annotations

import textwrap

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.model import WORDING_UNKNOWN, Restriction, Version
from consolidator.query.events import Event
from consolidator.query.history import History, VersionHistory
from consolidator.query.snapshot import ArticleAt, Snapshot
from consolidator.render.typography import typo_fr

WIDTH = 92


def _para(text: str, indent: str = "", typo: bool = True) -> str:
    """One paragraph in French typography (unless `typo` is false: the sources' characters, for
    the exports), wrapped; no-break spaces are never broken."""
    text = typo_fr(text) if typo else text
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _typo_lines(lines: list[str]) -> str:
    return "\n".join(typo_fr(line) for line in lines)


def called_paragraphs(art: ArticleAt) -> list[str]:
    """The alinéas with « [n] » after the words each restriction excludes (n: its note)."""
    numbers = {r: n for n, r in enumerate(art.restrictions, 1)}
    out = []
    for i, text in enumerate(art.version.paragraphs):
        spans = sorted((s for s in art.excluded if s.fragment == i), key=lambda s: -s.end)
        for span in spans:
            n = numbers.get(span.restriction)
            if n is not None:
                text = f"{text[: span.end]} [{n}]{text[span.end :]}"
        out.append(text)
    return out


def restriction_sentence(r: Restriction) -> str:
    """One restriction as a sentence a reader understands."""
    if r.kind == "scope":
        return f"Étendu à l'exclusion des {r.text}"
    label = "Exclu de l'extension" if r.kind == "exclusion" else "Étendu sous réserve"
    words = f" (termes « {r.words} »)" if r.words else ""
    return f"{label}{words} : {r.text}"


def article_text(index: VersionIndex, art: ArticleAt) -> str:
    act = index.corpus.acts[art.version.act]
    head = f"Article {art.num}" if art.num else (art.title or "Dispositions du chapitre")
    if art.num and art.title:
        head += f" - {art.title}"
    state = (
        art.state.value if art.version.wording_known else f"{art.state.value}, {WORDING_UNKNOWN}"
    )
    lines = [
        head,
        f"[{state}] depuis le {format_french(art.version.since)} — rédaction issue de : {act.label}",
    ]
    if art.extension:
        lines.append(
            f"étendu par {art.extension.arrete.label} (en vigueur le {format_french(art.extension.effective)})"
            if art.extension.effective
            else f"étendu par {art.extension.arrete.label}"
        )
    lines.append("")
    if not art.version.wording_known:
        lines += evidence_lines(art.version)
    elif art.branche is None:
        lines += [_para(p) + "\n" for p in called_paragraphs(art)]
    else:
        lines += branche_lines(index, art)
    for i, r in enumerate(art.restrictions, 1):
        arrete = index.corpus.arretes[r.arrete]
        lines.append(_para(f"[{i}] {restriction_sentence(r)} ({arrete.label})"))
    for nota in art.notas:
        lines.append(_para(f"Nota : {nota.text}"))
    for v in art.upcoming:
        lines.append(
            f"À venir : nouvelle rédaction le {format_french(v.since)} ({index.corpus.acts[v.act].label})"
        )
    return _typo_lines(lines).rstrip() + "\n"


def evidence_lines(version: Version, indent: str = "") -> list[str]:
    """What proves that an article whose wording the sources lack existed."""
    lines = [
        _para(
            f"[{WORDING_UNKNOWN[0].upper()}{WORDING_UNKNOWN[1:]} ; existence attestée par :]",
            indent,
        )
    ]
    lines += [
        _para(f"– export Légifrance, l. {e.src} : {e.text}", indent + "  ")
        for e in version.evidence
    ]
    return [*lines, ""]


def branche_lines(index: VersionIndex, art: ArticleAt, typo: bool = True) -> list[str]:
    """The branche view of an article: extended alinéas, excluded words as […], what is left out."""
    assert art.branche is not None
    lines = [_para(p, typo=typo) + "\n" for p in art.branche.paragraphs]
    if art.branche.removed:
        nums = ", ".join(str(i + 1) for i, _ in art.branche.removed)
        lines.append(
            f"[Alinéa(s) {nums} non étendu(s) : ils ne lient que les adhérents des organisations signataires.]\n"
        )
    fallback = art.branche.fallback
    if fallback is not None and art.branche.fallback_fragments:
        act = index.corpus.acts[fallback.act]
        num = f", alors article {fallback.num}" if fallback.num != art.num else ""
        lines.append(
            f"Rédaction antérieure étendue, toujours applicable aux non-adhérents ({act.label}{num}) :\n"
        )
        lines += [_para(f.text, "    ", typo) + "\n" for f in art.branche.fallback_fragments]
    return lines


def snapshot_text(index: VersionIndex, snap: Snapshot) -> str:
    out = [
        index.corpus.convention.title,
        f"Texte en vigueur au {format_french(snap.at)} (vue {snap.view})",
        "",
    ]
    for text in snap.texts:
        out.append(f"== {text.act.title} [{text.state.value}]")
        path: tuple[str, ...] = ()
        for art in text.articles:
            if art.path != path:
                out.append("")
                out.append(" / ".join(art.path))
                out.append("-" * min(WIDTH, len(" / ".join(art.path))))
                path = art.path
            out.append("")
            out.append(article_text(index, art))
    return _typo_lines(out)


def _version_line(index: VersionIndex, vh: VersionHistory) -> list[str]:
    v = vh.version
    act = index.corpus.acts[v.act]
    until = f" au {format_french(v.until)}" if v.until else ""
    unknown = "" if v.wording_known else f", {WORDING_UNKNOWN}"
    lines = [
        f"• {v.num or '(sans numéro)'} — du {format_french(v.since)}{until} : {act.label} [{vh.state_today.value}{unknown}]"
    ]
    for p in vh.periods:
        end = f" → {format_french(p.until)}" if p.until else ""
        ext = f", {p.extension.arrete.label}" if p.extension else ""
        lines.append(f"    {format_french(p.since)}{end} : {p.state.value}{unknown}{ext}")
        for r in p.restrictions:
            if r.kind != "scope":
                words = f" « {r.words} »" if r.words else ""
                lines.append(f"      {r.kind}{words} ({index.corpus.arretes[r.arrete].label})")
    if not v.wording_known:
        lines += evidence_lines(v, "    ")[:-1]
    return lines


def history_text(index: VersionIndex, hist: History) -> str:
    out = [
        f"Historique de l'article {hist.num or hist.article} — {hist.title or ''}".rstrip(" —"),
        "",
    ]
    for vh in hist.versions:
        out += _version_line(index, vh)
    if hist.same_number:
        out += ["", f"Le numéro {hist.num} a aussi désigné un autre article :"]
        for aid, vh in hist.same_number:
            out += [f"  ({aid})", *_version_line(index, vh)]
    return _typo_lines(out) + "\n"


def timeline_text(events: list[Event]) -> str:
    lines = []
    for e in events:
        when = format_french(e.date) if e.date else "en attente"
        detail = f" — {e.detail}" if e.detail else ""
        lines.append(f"{when:<18} {e.kind:<15} {e.label}{detail}")
    return _typo_lines(lines) + "\n"
