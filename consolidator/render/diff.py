"""The changelog of `diff` as text (wdiff notation, optional ANSI colours) and as JSON."""

from __future__ import annotations

from typing import Any

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.french import apostrophes
from consolidator.model import Restriction, RestrictionKind, View
from consolidator.query.diff import (
    KINDS,
    ArticleChange,
    ChangeKind,
    Changelog,
    group_heading,
    grouped,
)
from consolidator.query.events import sources_date
from consolidator.query.redline import DELETE, EQUAL, INSERT, RETYPED_NEW, RETYPED_OLD
from consolidator.query.snapshot import ArticleAt
from consolidator.render.json import (
    convention_json,
    extension_json,
    restriction_json,
    version_json,
)

KIND_LABELS = {
    ChangeKind.ADDED: "Articles ajoutés",
    ChangeKind.REPEALED: "Articles abrogés ou sortis du texte",
    ChangeKind.RENUMBERED: "Articles renumérotés",
    ChangeKind.MOVED: "Articles déplacés",
    ChangeKind.REWORDED: "Rédaction modifiée",
    ChangeKind.RETYPED: "Typographie seule modifiée (tirets, guillemets, apostrophes, espaces)",
    ChangeKind.STATE: "État ou extension modifiés",
    ChangeKind.RESTRICTIONS: "Exclusions et réserves modifiées",
}


# --- text rendering --------------------------------------------------------------------------

_ANSI = {"red": "\x1b[31m", "green": "\x1b[32m", "bold": "\x1b[1m", "yellow": "\x1b[33m"}
_RESET = "\x1b[0m"


def _style(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}{_RESET}" if color and text else text


def redline_text(redline: tuple[tuple[int, str], ...], color: bool = False) -> str:
    """A redline in wdiff notation: [-deleted-]{+inserted+}, {~retyped~}; coloured when `color`.

    >>> redline_text(((1, "["), (0, "a "), (-1, "20"), (1, "10"), (0, " jours")))
    '{+[+}a [-20-]{+10+} jours'
    """
    out = []
    for op, chunk in redline:
        if op == DELETE:
            out.append(_style(f"[-{chunk}-]", "red", color))
        elif op == INSERT:
            out.append(_style(f"{{+{chunk}+}}", "green", color))
        elif op == RETYPED_NEW:
            out.append(_style(f"{{~{chunk}~}}", "yellow", color))
        elif op != RETYPED_OLD:
            out.append(chunk)
    return "".join(out)


def _restriction_line(index: VersionIndex, sign: str, r: Restriction) -> str:
    words = f" « {apostrophes(r.words)} »" if r.words else ""
    label = "exclusion" if r.kind is RestrictionKind.EXCLUSION else "réserve"
    where = f", alinéa {r.alinea}" if r.alinea else ""
    return f"  {sign} {label}{words}{where} ({index.corpus.arretes[r.arrete].label})"


def _article_text(index: VersionIndex, c: ArticleChange, color: bool) -> list[str]:
    title = c.side.title or ""
    head = ("== Article " if c.side.num else "== ") + c.num
    head += f" — {title}" if title and c.side.num else ""
    head += f" ({group_heading(c.text)})" if c.text else ""
    lines = ["", _style(apostrophes(head), "bold", color)]  # a title's apostrophes too
    if ChangeKind.ADDED in c.kinds:
        lines.append(f"  ajouté ({index.corpus.acts[c.side.version.act].label})")
    if ChangeKind.REPEALED in c.kinds:
        lines.append(f"  {c.end_reason}")
    if ChangeKind.RENUMBERED in c.kinds and c.before and c.after:
        lines.append(f"  renuméroté : {c.before.num} → {c.after.num}")
    if ChangeKind.MOVED in c.kinds and c.before and c.after:
        lines.append(f"  déplacé : {' / '.join(c.before.path)} → {' / '.join(c.after.path)}")
    if c.state_line:
        lines.append(_style(f"  état : {c.state_line}", "yellow", color))
    lines += [_restriction_line(index, "+", r) for r in c.restrictions_added]
    lines += [_restriction_line(index, "-", r) for r in c.restrictions_removed]
    if c.redline and c.after:
        lines.append(f"  rédaction issue de : {index.corpus.acts[c.after.version.act].label}")
        lines += ["", redline_text(c.redline, color)]
    return lines


def summary_label(c: ArticleChange, kind: ChangeKind) -> str:
    """How an article is named in a summary line: « 2.3 → 2.4 » when renumbered (a title with
    the typographic apostrophe)."""
    if kind is ChangeKind.RENUMBERED and c.before and c.after:
        return f"{c.before.num} → {c.after.num}"
    return apostrophes(c.num)


def changelog_text(index: VersionIndex, log: Changelog, color: bool = False) -> str:
    """The changelog for a terminal: a summary by kind, then each article's changes."""
    out = [
        f"Modifications du {format_french(log.start)} au {format_french(log.end)} (vue {View(log.view).label})",
        sources_date(index.corpus).stamp(log.end),
        "",
    ]
    if not log.changes:
        return "\n".join([*out, "Aucune modification."]) + "\n"
    for kind in KINDS:
        found = log.of_kind(kind)
        groups = grouped(found)
        if len(groups) == 1 and not groups[0][0]:
            out.append(f"{KIND_LABELS[kind]} : {', '.join(summary_label(c, kind) for c in found)}")
        elif groups:
            out.append(f"{KIND_LABELS[kind]} :")
            for text, items in groups:
                names = ", ".join(summary_label(c, kind) for c in items)
                out.append(f"  {group_heading(text)} : {names}")
    for c in log.of_kind(ChangeKind.STATE):
        out.append(f"  {apostrophes(c.num)} : {c.state_line}")
    for c in log.changes:
        out += _article_text(index, c, color)
    return "\n".join(out) + "\n"


# --- JSON --------------------------------------------------------------------------------------

_OPS = {
    EQUAL: "equal",
    DELETE: "delete",
    INSERT: "insert",
    RETYPED_OLD: "retyped-old",
    RETYPED_NEW: "retyped-new",
}


def _side_json(index: VersionIndex, art: ArticleAt | None) -> dict[str, Any] | None:
    if art is None:
        return None
    return {
        "num": art.num,
        "title": art.title,
        "path": list(art.path),
        "state": art.state.value,
        "version": version_json(index, art.version),
        "extension": extension_json(index, art.extension, art.version),
    }


def _change_json(index: VersionIndex, c: ArticleChange) -> dict[str, Any]:
    state = None
    if c.state_line and c.before and c.after:
        state = {
            "before": c.before.state.value,
            "after": c.after.state.value,
            "arrete": c.after.extension.arrete.date.isoformat() if c.after.extension else None,
            "line": c.state_line,
        }
    return {
        "id": c.id,
        "num": c.num,
        "changes": list(c.kinds),
        "before": _side_json(index, c.before),
        "after": _side_json(index, c.after),
        "ended": c.end_reason,
        "state": state,
        "wording": [{"op": _OPS[op], "text": text} for op, text in c.redline],
        "restrictions": {
            "added": [restriction_json(index, r) for r in c.restrictions_added],
            "removed": [restriction_json(index, r) for r in c.restrictions_removed],
        },
    }


def changelog_json(index: VersionIndex, log: Changelog) -> dict[str, Any]:
    """The machine-readable changelog."""
    return {
        "convention": convention_json(index),
        "from": log.start.isoformat(),
        "to": log.end.isoformat(),
        "view": log.view,
        "article": log.article,
        "summary": {kind: [c.num for c in log.of_kind(kind)] for kind in KINDS},
        "changes": [_change_json(index, c) for c in log.changes],
        "sources": sources_date(index.corpus).to_json(log.end),
    }
