"""What changed between two dates: structure, wording (word-level redline) and state/extension."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import WORDING_UNKNOWN, Restriction
from consolidator.query.events import sources_date
from consolidator.query.numbering import by as by_label
from consolidator.query.redline import (
    DELETE,
    EQUAL,
    INSERT,
    RETYPED_NEW,
    RETYPED_OLD,
    meaning_changed,
    word_diff,
)
from consolidator.query.snapshot import ArticleAt, Snapshot, article_at, snapshot, version_at
from consolidator.render.filters import short_state
from consolidator.render.json import (
    convention_json,
    extension_json,
    restriction_json,
    version_json,
)

KINDS = (
    "added",
    "repealed",
    "renumbered",
    "moved",
    "reworded",
    "retyped",
    "state",
    "restrictions",
)
KIND_LABELS = {
    "added": "Articles ajoutés",
    "repealed": "Articles abrogés ou sortis du texte",
    "renumbered": "Articles renumérotés",
    "moved": "Articles déplacés",
    "reworded": "Rédaction modifiée",
    "retyped": "Typographie seule modifiée (tirets, guillemets, apostrophes, espaces)",
    "state": "État ou extension modifiés",
    "restrictions": "Exclusions et réserves modifiées",
}


@dataclass(frozen=True)
class ArticleChange:
    """How one article differs between the two dates."""

    id: str
    kinds: tuple[str, ...]
    before: ArticleAt | None
    after: ArticleAt | None
    redline: tuple[tuple[int, str], ...] = ()
    state_line: str | None = None
    restrictions_added: tuple[Restriction, ...] = ()
    restrictions_removed: tuple[Restriction, ...] = ()
    end_reason: str | None = None
    text: str = ""  # the text the article belongs to: "" for the convention, else its label

    @property
    def side(self) -> ArticleAt:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def num(self) -> str:
        """How a reader names the article: its number, its title, or its text (never an id)."""
        side = self.side
        if side.num or side.title:
            return side.num or side.title or ""
        if side.path:
            return f"Dispositions du chapitre {side.path[-1]}"
        return self.text or "texte sans titre"


@dataclass(frozen=True)
class Changelog:
    """Every change between `start` and `end` for one view (optionally one article)."""

    start: date
    end: date
    view: str
    article: str | None
    changes: tuple[ArticleChange, ...]

    def of_kind(self, kind: str) -> tuple[ArticleChange, ...]:
        return tuple(c for c in self.changes if kind in c.kinds)


def _articles(snap: Snapshot) -> dict[str, ArticleAt]:
    return {a.id: a for t in snap.texts for a in t.articles}


def _ext_label(art: ArticleAt) -> str:
    return f" ({art.extension.arrete.label})" if art.extension else ""


def _state_line(before: ArticleAt, after: ArticleAt) -> str | None:
    """« non étendu → étendu (arrêté du 21 mars 2017) », or None when nothing changed."""
    same_ext = (before.extension and before.extension.arrete.id) == (
        after.extension and after.extension.arrete.id
    )
    if before.state is after.state and same_ext:
        return None
    left = short_state(before.state) + ("" if same_ext else _ext_label(before))
    return f"{left} → {short_state(after.state)}{_ext_label(after)}"


def _text(art: ArticleAt) -> str:
    """The wording compared: in the branche view, what binds the whole branch; for an article
    whose wording the sources lack, that statement."""
    if not art.version.wording_known:
        return f"[{WORDING_UNKNOWN}]"
    if art.branche is not None:
        return "\n\n".join(art.branche.paragraphs)
    return art.version.text


def _key(r: Restriction) -> tuple[str, str, str, str, int]:
    return (r.kind, r.arrete, r.words or "", r.text, r.alinea or 0)


def compare(
    aid: str, before: ArticleAt, after: ArticleAt, words: bool = True
) -> ArticleChange | None:
    """How `after` differs from `before` (`words`: with the word-level redline)."""
    kinds = []
    if before.num != after.num:
        kinds.append("renumbered")
    if before.path != after.path or before.version.text_id != after.version.text_id:
        kinds.append("moved")
    redline: tuple[tuple[int, str], ...] = ()
    old_text, new_text = _text(before), _text(after)
    if old_text != new_text:
        redline = word_diff(old_text, new_text) if words else ()
        kinds.append("retyped" if redline and not meaning_changed(redline) else "reworded")
    elif not after.version.wording_known and before.version.since != after.version.since:
        kinds.append("reworded")  # a new version whose wording the sources lack too
        redline = ((EQUAL, new_text),)
    state_line = _state_line(before, after)
    if state_line:
        kinds.append("state")
    old = {_key(r): r for r in before.restrictions if r.kind != "scope"}
    new = {_key(r): r for r in after.restrictions if r.kind != "scope"}
    added = tuple(new[k] for k in sorted(set(new) - set(old)))
    removed = tuple(old[k] for k in sorted(set(old) - set(new)))
    if added or removed:
        kinds.append("restrictions")
    if not kinds:
        return None
    return ArticleChange(aid, tuple(kinds), before, after, redline, state_line, added, removed)


def end_reason(index: VersionIndex, aid: str, day: date, view: str) -> str:
    if version_at(index, aid, day) is not None:
        return "non étendu (hors vue branche)" if view == "branche" else "sorti du texte"
    ended = [v for v in index.versions[aid] if v.until is not None and v.until <= day]
    last = ended[-1] if ended else None
    if last is None or last.end is None or last.until is None:
        return "sorti du texte"
    by = f" par {by_label(index.corpus.acts[last.ended_by].label)}" if last.ended_by else ""
    return f"{last.end.value} le {format_french(last.until)}{by}"


def _touched(index: VersionIndex, start: date, end: date) -> set[str]:
    """The articles whose answer can differ between `start` and `end` (the others are skipped).

    An article's answer on a date depends on its version (boundaries), its place (structure
    entry), the extensions of the acts that wrote it or an earlier version of it, and the
    restrictions bound to it; an article none of which changes in (start, end] is the same.
    """
    out: set[str] = set()
    for day, ids in index.boundaries.items():
        if start < day <= end:
            out |= ids
    for act, events in index.timeline.extensions.items():
        if any(e.effective is not None and start < e.effective <= end for e in events):
            out |= index.articles_by_act.get(act, frozenset())
    for binding in index.bindings:
        if binding.effective is not None and start < binding.effective <= end:
            out.add(binding.restriction.target or "")
    at = bisect_right(index.change_dates, start) - 1, bisect_right(index.change_dates, end) - 1
    if at[0] != at[1]:
        old, new = (
            ({} if i < 0 else {e.article: e for e in index.structures[i].entries}) for i in at
        )
        out |= {aid for aid in old.keys() | new.keys() if old.get(aid) != new.get(aid)}
    return out


def changelog(
    index: VersionIndex, start: date, end: date, view: str = "adherent", article: str | None = None
) -> Changelog:
    """Compare the texts in force on `start` and on `end` (`article`: a stable id, or all)."""
    if end < start:
        raise QueryError(
            f"la date --from ({format_french(start)}) est postérieure "
            f"à la date --to ({format_french(end)})",
            hint="donnez la date la plus ancienne à --from",
        )
    only = _touched(index, start, end) if article is None else {article}
    before = _articles(snapshot(index, start, view, only))
    after = _articles(snapshot(index, end, view, only))
    if article is not None:
        before = {k: v for k, v in before.items() if k == article}
        after = {k: v for k, v in after.items() if k == article}
    changes: list[ArticleChange] = []
    for aid, art in after.items():
        if aid not in before:
            changes.append(ArticleChange(aid, ("added",), None, art))
            continue
        change = compare(aid, before[aid], art)
        if change is not None:
            changes.append(change)
    for aid, art in before.items():
        if aid not in after:
            reason = end_reason(index, aid, end, view)
            changes.append(ArticleChange(aid, ("repealed",), art, None, end_reason=reason))
    labelled = tuple(replace(c, text=_text_label(index, c.side)) for c in changes)
    return Changelog(start, end, view, article, labelled)


def _text_label(index: VersionIndex, art: ArticleAt) -> str:
    """« » for the convention's own articles, else the label of the text they belong to."""
    text_id = art.version.text_id
    if text_id == index.corpus.convention.base:
        return ""
    return index.corpus.acts[text_id].label


def grouped(found: tuple[ArticleChange, ...]) -> list[tuple[str, list[ArticleChange]]]:
    """Changes grouped by their text, the convention's own articles first, in order of appearance."""
    groups: dict[str, list[ArticleChange]] = {}
    for c in sorted(found, key=lambda c: c.text != ""):
        groups.setdefault(c.text, []).append(c)
    return list(groups.items())


def group_heading(text: str) -> str:
    """« convention » or « texte de l'avenant n° 20 du 21 septembre 2016 »."""
    if not text:
        return "convention"
    from consolidator.query.citation import of

    return f"texte {of(text)}"


# --- text rendering --------------------------------------------------------------------------

_ANSI = {"red": "\x1b[31m", "green": "\x1b[32m", "bold": "\x1b[1m", "yellow": "\x1b[33m"}
_RESET = "\x1b[0m"


def _style(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}{_RESET}" if color and text else text


def redline_text(redline: tuple[tuple[int, str], ...], color: bool = False) -> str:
    """A redline in wdiff notation: [-deleted-]{+inserted+}, {~retyped~}; coloured when `color`.

    >>> redline_text(word_diff("20 jours", "10 jours"))
    '[-20-]{+10+} jours'
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
    words = f" « {r.words} »" if r.words else ""
    label = "exclusion" if r.kind == "exclusion" else "réserve"
    where = f", alinéa {r.alinea}" if r.alinea else ""
    return f"  {sign} {label}{words}{where} ({index.corpus.arretes[r.arrete].label})"


def _article_text(index: VersionIndex, c: ArticleChange, color: bool) -> list[str]:
    title = c.side.title or ""
    head = ("== Article " if c.side.num else "== ") + c.num
    head += f" — {title}" if title and c.side.num else ""
    head += f" ({group_heading(c.text)})" if c.text else ""
    lines = ["", _style(head, "bold", color)]
    if "added" in c.kinds:
        lines.append(f"  ajouté ({index.corpus.acts[c.side.version.act].label})")
    if "repealed" in c.kinds:
        lines.append(f"  {c.end_reason}")
    if "renumbered" in c.kinds and c.before and c.after:
        lines.append(f"  renuméroté : {c.before.num} → {c.after.num}")
    if "moved" in c.kinds and c.before and c.after:
        lines.append(f"  déplacé : {' / '.join(c.before.path)} → {' / '.join(c.after.path)}")
    if c.state_line:
        lines.append(_style(f"  état : {c.state_line}", "yellow", color))
    lines += [_restriction_line(index, "+", r) for r in c.restrictions_added]
    lines += [_restriction_line(index, "-", r) for r in c.restrictions_removed]
    if c.redline and c.after:
        lines.append(f"  rédaction issue de : {index.corpus.acts[c.after.version.act].label}")
        lines += ["", redline_text(c.redline, color)]
    return lines


def summary_label(c: ArticleChange, kind: str) -> str:
    """How an article is named in a summary line: « 2.3 → 2.4 » when renumbered."""
    if kind == "renumbered" and c.before and c.after:
        return f"{c.before.num} → {c.after.num}"
    return c.num


def changelog_text(index: VersionIndex, log: Changelog, color: bool = False) -> str:
    """The changelog for a terminal: a summary by kind, then each article's changes."""
    out = [
        f"Modifications du {format_french(log.start)} au {format_french(log.end)} (vue {log.view})",
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
    for c in log.of_kind("state"):
        out.append(f"  {c.num} : {c.state_line}")
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
        "extension": extension_json(index, art.extension),
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


def version_change(index: VersionIndex, article: str, n: int) -> ArticleChange:
    """How version `n` (0-based) of `article` differs from version n-1, each on its first day."""
    versions = index.versions[article]
    if not 0 < n < len(versions):
        raise QueryError(f"l'article « {article} » n'a pas de version {n} précédée d'une autre")
    prev, cur = versions[n - 1], versions[n]
    # the previous version as it stood on the eve of the change (as the changes page compares it)
    eve = max(prev.since, min(prev.until or cur.since, cur.since) - timedelta(days=1))
    before = article_at(index, article, eve)
    after = article_at(index, article, cur.since)
    change = compare(article, before, after) or ArticleChange(article, (), before, after)
    return replace(change, text=_text_label(index, after))
