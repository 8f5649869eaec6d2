"""AKN modifications: what amended each text up to a date (passive) and what each act did (active).

- `textualMod`, one per operation applied by the date: substitution (replace-*), insertion
  (insert-*), repeal (repeal-*, delete-*), renumbering (renumber-*, move-*), with `old`/`new` as
  `cons:text` where words change (AKN's old/new take foreign elements only); the source is the
  amending act (the corpus does not record which of the act's articles carries each operation).
- `forceMod` entryIntoForce: an act's entry into force tied to its extension, sourced by the arrêté.
- `scopeMod` exceptionOfScope: each exclusion from the extension (words, alinéas, articles) and each
  scope exclusion, sourced by the arrêté; reservations (« étendu sous réserve ») go to `notes`.
- `efficacyMod` retroactivity: an operation taking effect before its act was signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import Change
from consolidator.export import akn_meta as m
from consolidator.model import (
    DeleteWords,
    InsertWords,
    MoveArticle,
    Operation,
    OpKind,
    RenumberArticle,
    ReplaceWords,
    Restriction,
    RestrictionKind,
    RuleKind,
)
from consolidator.query.snapshot import Snapshot

TEXTUAL = {
    OpKind.REPLACE_ARTICLE: "substitution",
    OpKind.REPLACE_ALINEA: "substitution",
    OpKind.REPLACE_WORDS: "substitution",
    OpKind.INSERT_ARTICLE: "insertion",
    OpKind.INSERT_ALINEA: "insertion",
    OpKind.INSERT_WORDS: "insertion",
    OpKind.INSERT_SECTION: "insertion",
    OpKind.REPEAL_ARTICLE: "repeal",
    OpKind.REPEAL_SECTION: "repeal",
    OpKind.DELETE_ALINEA: "repeal",
    OpKind.DELETE_WORDS: "repeal",
    OpKind.RENUMBER_ARTICLE: "renumbering",
    OpKind.RENUMBER_SECTION: "renumbering",
    OpKind.MOVE_ARTICLE: "renumbering",
    OpKind.MOVE_SECTION: "renumbering",
}


@dataclass(frozen=True)
class Mod:
    """One modification: its AKN element and type, source, date, destinations, words."""

    element: str  # textualMod | forceMod | scopeMod | efficacyMod
    type: str
    eid: str
    source: str  # act or arrêté id
    day: date
    destinations: tuple[str, ...]  # eIds in the text's document
    old: str | None = None
    new: str | None = None
    domain: Restriction | None = None
    op: str | None = None  # the operation (kind) behind a textualMod
    act: str | None = None  # for a forceMod: the act entering into force


@dataclass
class TextMods:
    """The modifications of one text, and its reservations (as notes)."""

    mods: list[Mod] = field(default_factory=list)
    notes: dict[str, tuple[Restriction, str]] = field(default_factory=dict)

    def acts(self, index: VersionIndex) -> set[str]:
        return {x.source for x in self.mods if x.source in index.corpus.acts}

    def arretes(self, index: VersionIndex) -> set[str]:
        found = {x.source for x in self.mods if x.source in index.corpus.arretes}
        return found | {r.arrete for r, _ in self.notes.values()}

    def add_events(self, events: m.Events, index: VersionIndex, day: date) -> dict[str, str]:
        """Lifecycle events of every act and arrêté behind the mods; mod eId → its event."""
        out = {}
        for mod in self.mods:
            if mod.act is not None:
                out[mod.eid] = events.add(mod.day, "effet", mod.act)
                _arrete_events(events, index, mod.source, day)
            elif mod.source in index.corpus.acts:
                act = index.corpus.acts[mod.source]
                events.add(act.signed, "signature", act.id, "generation")
                out[mod.eid] = events.add(mod.day, "effet", act.id)
            else:
                out[mod.eid] = _arrete_events(events, index, mod.source, day)
        for r, _ in self.notes.values():
            _arrete_events(events, index, r.arrete, day)
        return out

    def write_passive(self, meta: etree._Element, periods: dict[str, str]) -> None:
        analysis = m.sub(meta, "analysis", source=m.SOURCE)
        if self.mods:
            _write_mods(m.sub(analysis, "passiveModifications"), self.mods, periods, "#")
        else:
            m.sub(m.sub(analysis, "otherAnalysis", source=m.SOURCE), "cons:none")

    def write_notes(self, meta: etree._Element) -> None:
        if not self.notes:
            return
        notes = m.sub(meta, "notes", source=m.SOURCE)
        for eid, (r, target) in sorted(self.notes.items()):
            attrs = {f"{{{m.CONS}}}target": target, f"{{{m.CONS}}}arrete": r.arrete}
            attrs[f"{{{m.CONS}}}text"] = r.text
            if r.words:
                attrs[f"{{{m.CONS}}}words"] = r.words
            note = m.sub(notes, "note", eId=eid, **attrs)
            words = f" (termes « {r.words} »)" if r.words else ""
            m.sub(note, "p", f"Étendu sous réserve{words} : {r.text}")


def _arrete_events(events: m.Events, index: VersionIndex, ident: str, day: date) -> str:
    arrete = index.corpus.arretes[ident]
    last = events.add(arrete.date, "arrete", ident, "amendment")
    if arrete.jo and arrete.jo <= day:
        last = events.add(arrete.jo, "jo", ident, "amendment")
    for ext in index.timeline.extensions.values():
        for ev in ext:
            if ev.arrete.id == ident and ev.effective and ev.effective <= day:
                last = events.add(ev.effective, "extension", ident, "amendment")
    return last


def _write_mods(
    parent: etree._Element, mods: list[Mod], periods: dict[str, str], prefix: str
) -> None:
    for mod in mods:
        attrs = {"eId": mod.eid, "type": mod.type, f"{{{m.CONS}}}date": mod.day.isoformat()}
        if mod.eid in periods:
            attrs["period"] = f"#{periods[mod.eid]}"
        if mod.op:
            attrs[f"{{{m.CONS}}}op"] = mod.op
        el = m.sub(parent, mod.element, **attrs)
        m.sub(el, "source", href=f"#{m.ref_eid(mod.source)}")
        for dest in mod.destinations:
            m.sub(el, "destination", href=f"{prefix}{dest}")
        if mod.domain is not None:
            r = mod.domain
            dom = m.sub(el, "domain")
            extra = {"words": r.words} if r.words else {}
            m.sub(dom, "cons:restriction", r.text, kind=r.kind, **extra)
        if mod.element == "textualMod":
            for tag, text in (("old", mod.old), ("new", mod.new)):
                if text is not None:
                    m.sub(m.sub(el, tag), "cons:text", text)


@dataclass
class Mods:
    """Every modification up to a date, by text (passive) and by act (active)."""

    by_text: dict[str, TextMods] = field(default_factory=dict)
    by_act: dict[str, list[tuple[str, Mod]]] = field(default_factory=dict)

    def for_text(self, text_id: str) -> TextMods:
        return self.by_text.get(text_id, TextMods())

    def add(self, text_id: str, mod: Mod) -> None:
        self.by_text.setdefault(text_id, TextMods()).mods.append(mod)
        if mod.element == "textualMod":
            self.by_act.setdefault(mod.source, []).append((text_id, mod))

    def amending_acts(self) -> list[str]:
        return sorted(self.by_act)


def _text_of(index: VersionIndex, article: str) -> str | None:
    versions = index.versions.get(article)
    return versions[0].text_id if versions else None


def _previous_text(index: VersionIndex, article: str, day: date) -> str | None:
    for v in index.versions.get(article, ()):
        if v.until == day:
            return v.text
    return None


def _old_new(op: Operation) -> tuple[str | None, str | None]:
    """The wording (or number) an operation finds, and the one it writes."""
    match op:
        case RenumberArticle():
            return op.from_num, op.to_num
        case MoveArticle():
            return None, None
        case ReplaceWords() | InsertWords():
            return (op.old if isinstance(op, ReplaceWords) else None), op.new
        case DeleteWords():
            return op.old, None
    paras = getattr(op, "paragraphs", ())
    new = "\n\n".join(p.text for p in paras) or None
    return getattr(op, "expect", None), new


def _textual(index: VersionIndex, change: Change) -> Mod | None:
    op = change.op
    assert op is not None
    article = op.subject
    if _text_of(index, article) is None:
        return None  # a section operation: sections have no stable eId in the export
    old, new = _old_new(op)
    if op.kind in (OpKind.REPLACE_ARTICLE, OpKind.REPEAL_ARTICLE):
        old = _previous_text(index, article, change.date) or old
    if TEXTUAL[op.kind] == "repeal":
        new = None
    if TEXTUAL[op.kind] == "insertion" and op.kind != OpKind.INSERT_WORDS:
        old = None
    eid = f"mod_{op.act}_{op.index}"
    return Mod(
        "textualMod",
        TEXTUAL[op.kind],
        eid,
        op.act,
        change.date,
        (m.art_eid(article),),
        old,
        new,
        op=op.kind.value,
    )


def collect_mods(index: VersionIndex, snap: Snapshot) -> Mods:
    mods = Mods()
    touched: dict[tuple[str, date], set[str]] = {}
    for change in index.timeline.changes:
        if change.op is None or change.date > snap.at:
            continue
        mod = _textual(index, change)
        if mod is None:
            continue
        text_id = _text_of(index, change.op.subject) or ""
        mods.add(text_id, mod)
        touched.setdefault((change.act.id, change.date), set()).add(mod.destinations[0])
        if change.date < change.act.signed:
            eid = f"eff_{change.act.id}_{change.op.index}"
            mods.add(
                text_id,
                Mod(
                    "efficacyMod",
                    "retroactivity",
                    eid,
                    change.act.id,
                    change.date,
                    mod.destinations,
                ),
            )
    _force_mods(index, snap, mods, touched)
    _scope_mods(index, snap, mods)
    return mods


def _force_mods(
    index: VersionIndex, snap: Snapshot, mods: Mods, touched: dict[tuple[str, date], set[str]]
) -> None:
    from consolidator.engine.timeline import resolve_rule

    for act in index.corpus.acts.values():
        for key, rule in act.effects.items():
            if rule.kind is not RuleKind.EXTENSION:
                continue
            day, _ = resolve_rule(rule, act, index.timeline.extensions)
            dests = touched.get((act.id, day)) if day else None
            if day is None or day > snap.at or not dests:
                continue
            events = [e for e in index.extensions_of(act.id) if rule.arrete in (None, e.arrete.id)]
            arrete = min(events, key=lambda e: e.arrete.date).arrete.id
            text_id = _text_of(index, next(iter(dests))[4:]) or ""
            eid = f"force_{act.id}_{key or 'acte'}"
            mods.add(
                text_id,
                Mod(
                    "forceMod", "entryIntoForce", eid, arrete, day, tuple(sorted(dests)), act=act.id
                ),
            )


def _scope_mods(index: VersionIndex, snap: Snapshot, mods: Mods) -> None:
    groups: dict[tuple[str, str, Restriction], list[str]] = {}
    for text in snap.texts:
        for art in text.articles:
            for r in art.restrictions:
                if r.kind is RestrictionKind.RESERVE:
                    n = len(mods.by_text.setdefault(text.act.id, TextMods()).notes) + 1
                    mods.by_text[text.act.id].notes[f"note_{n}"] = (r, m.art_eid(art.id))
                else:
                    groups.setdefault((text.act.id, r.arrete, r), []).append(m.art_eid(art.id))
    for n, ((text_id, arrete, r), dests) in enumerate(groups.items(), 1):
        when = next(
            (
                e.effective
                for e in index.extensions_of(r.act)
                if e.arrete.id == arrete and e.effective
            ),
            index.corpus.arretes[arrete].date,
        )
        mods.add(
            text_id,
            Mod("scopeMod", "exceptionOfScope", f"scope_{n}", arrete, when, tuple(dests), domain=r),
        )
