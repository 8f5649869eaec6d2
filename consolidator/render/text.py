"""Plain-text rendering for the terminal: snapshots, articles, histories, timeline.

French typography (typography.py) is applied to every line, before wrapping, so that no-break
spaces keep dates and « n° 13 » together. The arrêtés' exclusions are called « [n] » after the
excluded words (a superscript cannot be printed in plain text, and « 5[2] » is never read as
an exponent), then listed under the article.
"""

from __future__ import annotations

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.french import apostrophes, de
from consolidator.model import WORDING_UNKNOWN, Restriction, RestrictionKind, Version, View
from consolidator.query.boundaries import period_bounds, until_provenance
from consolidator.query.branche import held_sentence
from consolidator.query.events import Event, sources_date, upcoming_when
from consolidator.query.headings import TEXT_CLAUSE, article_heading, own_title, version_name
from consolidator.query.history import History, VersionHistory
from consolidator.query.history_phrases import held_period_line
from consolidator.query.knowledge import pending_for, pending_when
from consolidator.query.labels import ArticleLabel
from consolidator.query.numbering import by, only_renumbered, renumbering_note, words_act
from consolidator.query.provenance import (
    act_label,
    date_caveat,
    jo_provenance,
    since_provenance,
)
from consolidator.query.retroactive import retroactive
from consolidator.query.rows import designation, row_exclusions, rows_phrase
from consolidator.query.scope import reservation_reach, reserved_alineas
from consolidator.query.snapshot import ArticleAt, Snapshot
from consolidator.query.states import Span, binds_from, excluded_spans
from consolidator.query.undated import until_publication
from consolidator.render.text_wrap import fill
from consolidator.render.typography import typo_fr

WIDTH = 92


def _para(text: str, indent: str = "", typo: bool = True) -> str:
    """One paragraph in French typography (unless `typo` is false: the sources' characters, for
    the exports), wrapped; no-break spaces are never broken."""
    text = typo_fr(text) if typo else text
    return fill(text, WIDTH, indent)


def _typo_lines(lines: list[str]) -> str:
    return "\n".join(typo_fr(line) for line in lines)


def _reserve_calls(index: VersionIndex, art: ArticleAt) -> dict[int, str]:
    """« [n] » for each alinéa a reservation binds (n: its note), by alinéa index (004 l.2127)."""
    numbers = {r: n for n, r in enumerate(art.restrictions, 1)}
    out: dict[int, str] = {}
    for r, at in reserved_alineas(index, art.version, art.restrictions).items():
        for i in at:
            out[i] = out.get(i, "") + f" [{numbers[r]}]"
    return out


def called_paragraphs(index: VersionIndex, art: ArticleAt) -> list[str]:
    """The alinéas with « [n] » after the words each restriction excludes and after each alinéa
    a reservation binds (n: its note)."""
    numbers = {r: n for n, r in enumerate(art.restrictions, 1)}
    calls = _reserve_calls(index, art)
    out = []
    for i, text in enumerate(art.version.paragraphs):
        spans = sorted((s for s in art.excluded if s.fragment == i), key=lambda s: -s.end)
        for span in spans:
            n = numbers.get(span.restriction)
            if n is not None:
                text = f"{text[: span.end]} [{n}]{text[span.end :]}"
        out.append(text + calls.get(i, ""))
    return out


def restriction_sentence(r: Restriction, what: str | None = None) -> str:
    """One restriction as a sentence a reader understands; `what` is what it takes out, as
    `query.rows.designation` words it (« la ligne « … » du tableau », « termes « … » »)."""
    if r.kind is RestrictionKind.SCOPE:
        return f"Étendu à l’exclusion des {r.text}"
    label = "Exclu de l’extension" if r.kind is RestrictionKind.EXCLUSION else "Étendu sous réserve"
    what = what or (f"termes « {r.words} »" if r.words else None)
    return f"{label}{f' ({what})' if what else ''} : {r.text}"


def _retro(index: VersionIndex, version: Version) -> str:
    """« (effet rétroactif : avenant signé le 30 juin 2020) » after a date of effect (L-40)."""
    retro = retroactive(index, version)
    return f" ({retro.phrase})" if retro else ""


def article_text(index: VersionIndex, art: ArticleAt) -> str:
    act = index.corpus.acts[words_act(index, art.version)]
    head = article_heading(index, art)  # D-715
    if art.num and art.title:
        head += f" - {art.title}"
    since = format_french(art.version.since) + date_caveat(since_provenance(index, art.version))
    since += _retro(index, art.version)
    label = (
        art.heading_label
        if art.version.wording_known
        else f"{art.heading_label}, {WORDING_UNKNOWN}"
    )
    issued = act_label(index.corpus, act)
    lines = [head, f"[{label}] depuis le {since} — rédaction issue de : {issued}"]
    note = renumbering_note(index, art.version)
    if note:
        lines.append(f"({note})")
    held = held_line(index, art)
    if held:
        lines.append(held)
    if art.extension:
        line = extension_line(index, art.extension, art.version)
        if art.label is ArticleLabel.EXCLU:
            line = "exclu de l’extension par " + line.removeprefix("étendu par ")
        lines.append(line)
    elif art.undated is not None:
        lines.append(extension_line(index, art.undated, art.version))
    lines.append("")
    if not art.version.wording_known:
        lines += evidence_lines(art.version)
        if art.branche is not None:
            lines += fallback_lines(index, art)
    elif art.branche is None:
        lines += [_para(p) + "\n" for p in called_paragraphs(index, art)]
    else:
        lines += branche_lines(index, art)
    for i, r in enumerate(art.restrictions, 1):
        arrete = index.corpus.arretes[r.arrete]
        what = reservation_reach(index, art.version, r) or designation(art.version, art.excluded, r)
        lines.append(_para(f"[{i}] {restriction_sentence(r, what)} ({arrete.label})"))
    for nota in art.notas:
        first, *more = nota.paragraphs
        lines += [_para(f"{nota.label} : {first}"), *(_para(p) for p in more)]
    for v in art.upcoming:
        lines.append(f"À venir : nouvelle rédaction {upcoming_when(index, v, art.known_at)}")
    for item in pending_for(index, art.id):
        lines.append(f"À venir : nouvelle rédaction {pending_when(index, item)}")
    return _typo_lines(lines).rstrip() + "\n"


def extension_line(index: VersionIndex, ext: ExtensionEvent, version: Version) -> str:
    """« étendu par arrêté du …, en vigueur le … » with the JO date's provenance; the day the
    extension binds this version (its own entry into force when later, D-711)."""
    arrete = ext.arrete
    start = binds_from(index, version, ext)
    if start is None:
        return f"étendu par {arrete.label}, date de publication au JO inconnue"
    jo = jo_provenance(index.corpus, arrete)
    caveat = f", {jo.caveat}" if jo and jo.caveat else ""
    if start != ext.effective:  # the act enters into force after its arrêté's publication
        published = f"JO du {format_french(arrete.jo)}{caveat} ; " if arrete.jo else ""
        prov = since_provenance(index, version)
        since = f", {prov.caveat}" if prov and prov.caveat else ""
        return (
            f"étendu par {arrete.label} ({published}l’extension prend effet à l’entrée en vigueur "
            f"de cette rédaction, le {format_french(start)}{since})"
        )
    note = f" ; JO du {format_french(arrete.jo)}{caveat}" if arrete.jo and caveat else ""
    return f"étendu par {arrete.label} (en vigueur le {format_french(start)}{note})"


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
    removed = {i for i, _ in art.branche.removed}
    kept = [i for i in range(len(art.version.fragments)) if i not in removed]
    calls = _reserve_calls(index, art)
    lines = [
        _para(p + calls.get(i, ""), typo=typo) + "\n"
        for i, p in zip(kept, art.branche.paragraphs, strict=False)
    ]
    if art.branche.removed:
        nums = ", ".join(str(i + 1) for i, _ in art.branche.removed)
        lines.append(
            f"[Alinéa(s) {nums} non étendu(s) : ils ne lient que les adhérents des organisations signataires.]\n"
        )
    return lines + fallback_lines(index, art, typo)


def fallback_lines(index: VersionIndex, art: ArticleAt, typo: bool = True) -> list[str]:
    """Branche view: the earlier extended wording that still binds non-adherents."""
    assert art.branche is not None
    lines: list[str] = []
    fallback = art.branche.fallback
    if fallback is not None and (art.branche.fallback_fragments or not fallback.wording_known):
        act = index.corpus.acts[fallback.act]
        num = f", alors article {fallback.num}" if fallback.num and fallback.num != art.num else ""
        unknown = f" {WORDING_UNKNOWN}" if not fallback.wording_known else ""
        head = "Rédaction antérieure étendue, toujours applicable aux non-adhérents"
        if art.undated is not None:  # D-716: until the arrêté's unknown JO publication
            head = until_publication(art.undated)
        lines.append(f"{head} ({act.label}{num}) :{unknown}\n")
        lines += [_para(f.text, "    ", typo) + "\n" for f in art.branche.fallback_fragments]
        for r in art.branche.fallback_restrictions:  # its arrêté's, still binding (lawyer L-60)
            arrete = index.corpus.arretes[r.arrete]
            lines.append(_para(f"[*] {restriction_sentence(r)} ({arrete.label})", "    ", typo))
    return lines


def held_line(index: VersionIndex, art: ArticleAt) -> str | None:
    """Branche view: why an article the adherent text no longer has (or numbers otherwise) still
    binds non-adherents."""
    return f"({held_sentence(index, art.held)})" if art.held else None


def snapshot_text(index: VersionIndex, snap: Snapshot) -> str:
    out = [
        index.corpus.convention.title,
        f"Texte en vigueur au {format_french(snap.at)} (vue {View(snap.view).label})",
        typo_fr(sources_date(index.corpus).stamp(snap.at)),
        "",
    ]
    for text in snap.texts:
        out.append(f"== {text.act.title} [{text.heading_label}]")
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


def _version_line(index: VersionIndex, vh: VersionHistory, heading: str | None = None) -> list[str]:
    """A version's bullet, with its own title when it is not the heading's (`own_title`)."""
    v = vh.version
    own = f" « {title} »" if (title := own_title(v, heading)) else ""
    act = index.corpus.acts[words_act(index, v)]
    until = (
        f" au {format_french(v.until)}{date_caveat(until_provenance(index, v))}" if v.until else ""
    )
    caveat = date_caveat(since_provenance(index, v)) + _retro(index, v)
    unknown = "" if v.wording_known else f", {WORDING_UNKNOWN}"
    lines = [
        f"• {v.num or '(sans numéro)'}{own} — du {format_french(v.since)}{caveat}{until} : {act_label(index.corpus, act)} [{vh.heading_label}{unknown}]"
    ]
    if only_renumbered(index, v):
        moved = index.corpus.acts[v.act]
        lines.append(f"    renuméroté {v.num} par {by(moved.label)}, sans changement de rédaction")
    for p, (first, last) in zip(vh.periods, period_bounds(index, v, vh.periods), strict=True):
        start = date_caveat(first)
        end = f" → {format_french(p.until)}{date_caveat(last)}" if p.until else ""
        ext = f", {p.extension.arrete.label}" if p.extension else ""
        lines.append(f"    {format_french(p.since)}{start}{end} : {p.heading_label}{unknown}{ext}")
        spans = excluded_spans(index, v, p.since) if p.restrictions else ()
        for r in p.restrictions:
            if r.kind is not RestrictionKind.SCOPE:
                lines.append(
                    f"      {_restriction_item(v, spans, r)} ({index.corpus.arretes[r.arrete].label})"
                )
    if vh.held is not None:
        lines.append(f"    {held_period_line(index, v, vh.held)}")
    if not v.wording_known:
        lines += evidence_lines(v, "    ")[:-1]
    return lines


def _restriction_item(version: Version, spans: tuple[Span, ...], r: Restriction) -> str:
    """« exclusion « au plan national » », « exclusion de la ligne « … — 31204 — CEESCO » du
    tableau », « réserve »."""
    kind = "exclusion" if r.kind is RestrictionKind.EXCLUSION else "réserve"
    rows = row_exclusions(version, spans).get(r) if r.kind is RestrictionKind.EXCLUSION else None
    if rows:
        return f"exclusion {rows_phrase(version, list(rows), of=True)}"
    return f"{kind} « {apostrophes(r.words)} »" if r.words else kind  # the arrêté's words


def _history_head(index: VersionIndex, hist: History) -> str:
    """« Historique de l’article 2.5 — Congé … », or of a clause by its label (D-715)."""
    if hist.num:
        return f"Historique de l’article {hist.num} — {hist.title or ''}".rstrip(" —")
    last = index.versions[hist.article][-1]
    named = version_name(index, last)
    if named == TEXT_CLAUSE:  # a text's own clause: which text
        named += " " + de(index.corpus.acts[last.text_id].label)
    return f"Historique — {named}"


def history_text(index: VersionIndex, hist: History) -> str:
    out = [
        _history_head(index, hist),
        sources_date(index.corpus).sentence(),
        "",
    ]
    for vh in hist.versions:
        out += _version_line(index, vh, hist.title)
    if hist.same_number:
        others = len({aid for aid, _ in hist.same_number})
        which = "un autre article" if others == 1 else "d’autres articles"
        out += ["", f"Le numéro {hist.num} a aussi désigné {which} :"]
        shown = None
        for aid, vh in hist.same_number:
            title = index.versions[aid][-1].title
            if aid != shown:
                out.append(
                    f"  Article {vh.version.num}" + (f" « {title} »" if title else "") + " :"
                )
                shown = aid
            out += _version_line(index, vh, title)
    for item in pending_for(index, hist.article):
        out += ["", f"À venir : nouvelle rédaction {pending_when(index, item)}"]
    return _typo_lines(out) + "\n"


def timeline_text(events: list[Event]) -> str:
    lines = []
    for e in events:
        when = format_french(e.date) if e.date else "date inconnue"
        detail = f" — {e.detail}" if e.detail else ""
        lines.append(f"{when:<18} {e.kind:<15} {e.label}{detail}")
    return _typo_lines(lines) + "\n"
