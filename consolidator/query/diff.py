"""What changed between two dates: structure, wording (word-level redline) and state/extension."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.errors import QueryError
from consolidator.model import WORDING_UNKNOWN, Restriction, RestrictionKind, State, View
from consolidator.query.branche import held_over
from consolidator.query.headings import name
from consolidator.query.numbering import by as by_label
from consolidator.query.provenance import extension_provenance
from consolidator.query.redline import (  # DELETE, INSERT, RETYPED_*: re-exported
    DELETE,  # noqa: F401
    EQUAL,
    INSERT,  # noqa: F401
    RETYPED_NEW,  # noqa: F401
    RETYPED_OLD,  # noqa: F401
    meaning_changed,
    word_diff,
)
from consolidator.query.snapshot import ArticleAt, Snapshot, article_at, snapshot, version_at
from consolidator.query.states import extension_at


class ChangeKind(StrEnum):
    """How an article differs between two dates, in the order a changelog lists them."""

    ADDED = "added"
    REPEALED = "repealed"  # repealed, or out of the text shown (ended, not extended ...)
    RENUMBERED = "renumbered"
    MOVED = "moved"
    REWORDED = "reworded"
    RETYPED = "retyped"  # typography only: dashes, quotes, apostrophes, spaces
    STATE = "state"  # state or extension
    RESTRICTIONS = "restrictions"  # exclusions and reservations


KINDS = tuple(ChangeKind)


@dataclass(frozen=True)
class ArticleChange:
    """How one article differs between the two dates."""

    id: str
    kinds: tuple[ChangeKind, ...]
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
        """How a reader names the article: its number, its title, or its clause's label (D-715;
        never an id). A chapter's clause is one of the convention's own (`text` empty)."""
        side = self.side
        if side.num or side.title:
            return side.num or side.title or ""
        return name(None, None, side.path[0] if side.path and not self.text else None)


@dataclass(frozen=True)
class Changelog:
    """Every change between `start` and `end` for one view (optionally one article)."""

    start: date
    end: date
    view: str
    article: str | None
    changes: tuple[ArticleChange, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[ArticleChange, ...]:
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
    left = before.state.short + ("" if same_ext else _ext_label(before))
    return f"{left} → {after.state.short}{_ext_label(after)}"


def _text(art: ArticleAt) -> str:
    """The wording compared: in the branche view, what binds the whole branch; for an article
    whose wording the sources lack, that statement."""
    if not art.version.wording_known:
        return f"[{WORDING_UNKNOWN}]"
    if art.branche is not None:
        return "\n\n".join(branche_wording(art))
    return art.version.text


def branche_wording(art: ArticleAt) -> list[str]:
    """What of the article binds non-adherents, in its order: its extended alinéas and, in place
    of each alinéa not extended yet, the earlier extended wording it replaced (D-213; the
    alinéas that change removed, after the alinéa they followed). A changelog across the
    extension then shows the held-over wording replaced by the newly extended one."""
    b = art.branche
    assert b is not None
    held = {f.uid: f for f in b.fallback_fragments}
    why = dict(b.removed)
    kept = iter(b.paragraphs)
    out: list[tuple[str, str]] = []  # (alinéa uid, wording)
    for i, f in enumerate(art.version.fragments):
        if i not in why:
            out.append((f.uid, next(kept)))
        elif why[i] == "non étendu" and f.uid in held:
            out.append((f.uid, held.pop(f.uid).text))
    order = [f.uid for f in b.fallback.fragments] if b.fallback else []
    for f in b.fallback_fragments:
        if f.uid not in held:
            continue
        earlier = order[: order.index(f.uid)] if f.uid in order else []
        placed = [n for n, (uid, _) in enumerate(out) if uid in earlier]
        out.insert(placed[-1] + 1 if placed else 0, (f.uid, f.text))
    return [text for _, text in out]


def _key(r: Restriction) -> tuple[str, str, str, str, int]:
    return (r.kind, r.arrete, r.words or "", r.text, r.alinea or 0)


def compare(
    aid: str, before: ArticleAt, after: ArticleAt, words: bool = True
) -> ArticleChange | None:
    """How `after` differs from `before` (`words`: with the word-level redline)."""
    kinds = []
    if before.num != after.num:
        kinds.append(ChangeKind.RENUMBERED)
    if before.path != after.path or before.version.text_id != after.version.text_id:
        kinds.append(ChangeKind.MOVED)
    redline: tuple[tuple[int, str], ...] = ()
    old_text, new_text = _text(before), _text(after)
    if old_text != new_text:
        redline = word_diff(old_text, new_text) if words else ()
        retyped = redline and not meaning_changed(redline)
        kinds.append(ChangeKind.RETYPED if retyped else ChangeKind.REWORDED)
    elif not after.version.wording_known and before.version.since != after.version.since:
        kinds.append(ChangeKind.REWORDED)  # a new version whose wording the sources lack too
        redline = ((EQUAL, new_text),)
    state_line = _state_line(before, after)
    if state_line:
        kinds.append(ChangeKind.STATE)
    old = {_key(r): r for r in _shown_restrictions(before) if r.kind is not RestrictionKind.SCOPE}
    new = {_key(r): r for r in _shown_restrictions(after) if r.kind is not RestrictionKind.SCOPE}
    added = tuple(new[k] for k in sorted(set(new) - set(old)))
    removed = tuple(old[k] for k in sorted(set(old) - set(new)))
    if added or removed:
        kinds.append(ChangeKind.RESTRICTIONS)
    if not kinds:
        return None
    return ArticleChange(aid, tuple(kinds), before, after, redline, state_line, added, removed)


def end_reason(index: VersionIndex, aid: str, day: date, view: str) -> str:
    if version_at(index, aid, day) is not None:
        return "non étendu (hors vue branche)" if view == View.BRANCHE else "sorti du texte"
    ended = [v for v in index.versions[aid] if v.until is not None and v.until <= day]
    last = ended[-1] if ended else None
    if last is None or last.end is None or last.until is None:
        return "sorti du texte"
    by = f" par {by_label(index.corpus.acts[last.ended_by].label)}" if last.ended_by else ""
    return f"{last.end.value} le {format_french(last.until)}{by}"


def _binding(index: VersionIndex, art: ArticleAt, day: date) -> ArticleAt:
    """Branche view: the article with the state of what binds non-adherents. A version not
    extended on `day` whose earlier extended wording still binds them (D-213) is, for them, that
    wording, extended by its own arrêté: chapter XIII on 1 June 2002 is the 2000 wording,
    extended by the arrêté of 17 August 2001, until the avenant of 8 April 2002 is extended."""
    b = art.branche
    if art.state is not State.NON_ETENDU or b is None or b.fallback is None:
        return art
    if not b.fallback_fragments:
        return art
    return replace(art, state=State.ETENDU, extension=extension_at(index, b.fallback, day))


def _held_end(index: VersionIndex, art: ArticleAt, end: date) -> str | None:
    """Branche view, an article held over for non-adherents that no longer binds them on `end`:
    « abrogé le 3 juillet 2015 par l'accord du 3 juillet 2015, qui lie les employeurs non
    adhérents depuis son extension, le 26 février 2016 » (D-213)."""
    held = art.held
    if held is None or held.renumbered:
        return None
    ends = [e for e in index.extensions_of(held.act) if e.effective and held.day < e.effective]
    first = min((e for e in ends if e.effective and e.effective <= end), default=None, key=_eff)
    if first is None or first.effective is None:
        return None
    prov = extension_provenance(index.corpus, first.arrete)
    caveat = f", {prov.caveat}" if prov and prov.caveat else ""
    return (
        f"abrogé le {format_french(held.day)} par {by_label(index.corpus.acts[held.act].label)}"
        f", qui ne lie les employeurs non adhérents qu’à compter de son extension, le "
        f"{format_french(first.effective)}{caveat}"
    )


def _eff(event: ExtensionEvent) -> date:
    return event.effective or date.max


def _held_touched(index: VersionIndex, start: date, end: date) -> set[str]:
    """Branche view: the articles held over for non-adherents (D-213) on one date and not on the
    other, or otherwise (the 2011 chapter IX until the accord of 3 July 2015 is extended)."""
    before, after = held_over(index, start), held_over(index, end)
    return {aid for aid in before.keys() | after.keys() if before.get(aid) != after.get(aid)}


def _ended_by(index: VersionIndex) -> dict[str, frozenset[str]]:
    """The articles with a version ended by each act, gathered once per index (kept in it)."""
    found: dict[str, frozenset[str]] | None = index.__dict__.get("_ended_by")
    if found is None:
        out: dict[str, set[str]] = {}
        for aid, versions in index.versions.items():
            for version in versions:
                if version.ended_by is not None:
                    out.setdefault(version.ended_by, set()).add(aid)
        found = index.__dict__["_ended_by"] = {act: frozenset(ids) for act, ids in out.items()}
    return found


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
    extended = {
        act
        for act, events in index.timeline.extensions.items()
        if any(e.effective is not None and start < e.effective <= end for e in events)
    }
    for act in extended:
        out |= index.articles_by_act.get(act, frozenset())
    if extended:  # branche view: what such an act repealed binds non-adherents until then (D-213)
        ended = _ended_by(index)
        for act in extended:
            out |= ended.get(act, frozenset())
    for binding in index.bindings:
        if binding.effective is not None and start < binding.effective <= end:
            out.add(binding.restriction.target or "")
    at = bisect_right(index.change_dates, start) - 1, bisect_right(index.change_dates, end) - 1
    if at[0] != at[1]:
        old, new = (({} if i < 0 else index.structure_on(i).by_article) for i in at)
        # a seat's entry is one object on every date it covers: compared only when not the same
        out |= {
            aid
            for aid in old.keys() | new.keys()
            if (entry := old.get(aid)) is not (later := new.get(aid)) and entry != later
        }
    return out


def changelog(
    index: VersionIndex,
    start: date,
    end: date,
    view: str = "adherent",
    article: str | None = None,
    words: bool = True,
) -> Changelog:
    """Compare the texts in force on `start` and on `end` (`article`: a stable id, or all;
    `words`: with the word-level redlines, else the same changes without them)."""
    if end < start:
        raise QueryError(
            f"la date --from ({format_french(start)}) est postérieure "
            f"à la date --to ({format_french(end)})",
            hint="donnez la date la plus ancienne à --from",
        )
    only = _touched(index, start, end) if article is None else {article}
    if view == View.BRANCHE and article is None:
        only |= _held_touched(index, start, end)
    before = _articles(snapshot(index, start, view, only))
    after = _articles(snapshot(index, end, view, only))
    if view == View.BRANCHE:
        before = {k: _binding(index, a, start) for k, a in before.items()}
    if article is not None:
        before = {k: v for k, v in before.items() if k == article}
        after = {k: v for k, v in after.items() if k == article}
    return Changelog(start, end, view, article, _changes(index, before, after, end, view, words))


def opening(index: VersionIndex, day: date, view: str = "adherent") -> tuple[ArticleChange, ...]:
    """The first day of the convention as a change from nothing: every article added."""
    after = _articles(snapshot(index, day, view))
    return _changes(index, {}, after, day, view, False)


def _changes(
    index: VersionIndex,
    before: dict[str, ArticleAt],
    after: dict[str, ArticleAt],
    end: date,
    view: str,
    words: bool,
) -> tuple[ArticleChange, ...]:
    """Article by article, how `after` (on `end`) differs from `before`, labelled by text."""
    if view == View.BRANCHE:
        after = {k: _binding(index, a, end) for k, a in after.items()}
    changes: list[ArticleChange] = []
    for aid, art in after.items():
        if aid not in before:
            changes.append(ArticleChange(aid, (ChangeKind.ADDED,), None, art))
            continue
        change = compare(aid, before[aid], art, words)
        if change is not None:
            changes.append(change)
    for aid, art in before.items():
        if aid not in after:
            reason = _held_end(index, art, end) or end_reason(index, aid, end, view)
            changes.append(ArticleChange(aid, (ChangeKind.REPEALED,), art, None, end_reason=reason))
    return tuple(replace(c, text=_text_label(index, c.side)) for c in changes)


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
    """« convention » or « texte de l’avenant n° 20 du 21 septembre 2016 »."""
    if not text:
        return "convention"
    from consolidator.french import apostrophes, de

    return apostrophes(f"texte {de(text)}")  # a title's own apostrophes too


def version_change(index: VersionIndex, article: str, n: int) -> ArticleChange:
    """How version `n` (0-based) of `article` differs from version n-1, each on its first day."""
    versions = index.versions[article]
    if not 0 < n < len(versions):
        raise QueryError(f"l’article « {article} » n’a pas de version {n} précédée d’une autre")
    prev, cur = versions[n - 1], versions[n]
    # the previous version as it stood on the eve of the change (as the changes page compares it)
    eve = max(prev.since, min(prev.until or cur.since, cur.since) - timedelta(days=1))
    before = article_at(index, article, eve)
    after = article_at(index, article, cur.since)
    change = compare(article, before, after) or ArticleChange(article, (), before, after)
    return replace(change, text=_text_label(index, after))


def _shown_restrictions(art: ArticleAt) -> tuple[Restriction, ...]:
    """The restrictions binding an article as shown: in the branche view, with those of the
    held-over wording (lawyer L-60: a reservation does not end the day a new text is signed)."""
    held = art.branche.fallback_restrictions if art.branche is not None else ()
    return art.restrictions + tuple(r for r in held if r not in art.restrictions)
