"""The act/event graph: dates resolved, order of changes, cycles and dangling targets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from consolidator.engine.act_graph import ActGraph, Cycle, ordered
from consolidator.engine.rules import apply_extension_rule
from consolidator.errors import Diagnostic
from consolidator.model import (
    Act,
    Arrete,
    ArticleDef,
    Corpus,
    EffectRule,
    Extension,
    Operation,
    RuleKind,
    SectionDef,
)


@dataclass(frozen=True)
class ExtensionEvent:
    """When an arrêté's extension of an act takes effect (None while unknown)."""

    arrete: Arrete
    extension: Extension
    effective: date | None


@dataclass(frozen=True)
class Change:
    """One dated step of replay: an act's body coming into force, or one operation."""

    date: date
    act: Act
    op: Operation | None
    rank: int

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.rank, self.op.index if self.op else 0)


@dataclass(frozen=True)
class Pending:
    """An operation or body whose date-of-effect event has not happened (or is not known)."""

    act: Act
    op: Operation | None
    reason: str


@dataclass(frozen=True)
class Timeline:
    """The dated changes, those whose date is not known yet, and each act's extensions."""

    changes: tuple[Change, ...]
    pending: tuple[Pending, ...]
    extensions: dict[str, tuple[ExtensionEvent, ...]]
    graph: ActGraph | None  # None in an index read from the cache (no query reads it)
    problems: tuple[Diagnostic, ...]


def _extension_events(corpus: Corpus) -> dict[str, tuple[ExtensionEvent, ...]]:
    events: dict[str, list[ExtensionEvent]] = {}
    for arrete in corpus.arretes.values():
        for ext in arrete.extends:
            if ext.effective is not None:
                when: date | None = ext.effective
            elif arrete.jo is None:
                when = None
            else:
                when = apply_extension_rule(arrete.jo, ext.effective_rule)
            events.setdefault(ext.act, []).append(ExtensionEvent(arrete, ext, when))
    return {
        act: tuple(sorted(evs, key=lambda e: (e.effective or date.max, e.arrete.date)))
        for act, evs in sorted(events.items())
    }


def resolve_rule(
    rule: EffectRule, act: Act, extensions: dict[str, tuple[ExtensionEvent, ...]]
) -> tuple[date | None, str]:
    """The date a rule gives for an act, or None with the reason it is pending."""
    if rule.kind is RuleKind.FIXED:
        return rule.date, ""
    if rule.kind is RuleKind.SIGNATURE:
        return act.signed + timedelta(days=rule.offset_days), ""
    events = [
        e for e in extensions.get(act.id, ()) if rule.arrete is None or e.arrete.id == rule.arrete
    ]
    if not events:
        return None, f"waits for an arrêté d'extension of {act.id} ({rule.extension_rule})"
    first = min(events, key=lambda e: e.arrete.date)
    if first.arrete.jo is None:
        return None, f"waits for the JO publication of {first.arrete.id}"
    assert rule.extension_rule is not None
    return apply_extension_rule(first.arrete.jo, rule.extension_rule), ""


def _created_in_body(items: tuple[SectionDef | ArticleDef, ...]) -> list[str]:
    ids: list[str] = []
    for item in items:
        ids.append(item.id)
        if isinstance(item, SectionDef):
            ids += _created_in_body(item.children)
    return ids


Creators = dict[str, tuple[Act, Operation | None]]
"""Every unit id, with the act (and operation, None for a body) that creates it."""


def _creators(corpus: Corpus, graph: ActGraph, problems: list[Diagnostic]) -> Creators:
    """Signature and act nodes of the graph; who creates each id (an id created twice is wrong)."""
    creator: Creators = {}
    for act in sorted(corpus.acts.values(), key=lambda a: (a.signed, a.id)):
        graph.add_node(f"sig:{act.id}", kind="signature", date=act.signed)
        graph.add_edge(f"sig:{act.id}", act.id, why="effect follows signature")
        graph.nodes[act.id].update(kind="act", date=act.signed)
        if act.body:
            creator.setdefault(act.id, (act, None))  # the text's root: a parent for new sections
        for ident in _created_in_body(act.body):
            creator.setdefault(ident, (act, None))
        for op in act.ops:
            if op.created:
                if op.created in creator:
                    problems.append(
                        Diagnostic(
                            f"id {op.created!r} is created twice (also by {creator[op.created][0].id})",
                            op.location.file,
                            op.location.line,
                            act=act.id,
                            target=op.created,
                        )
                    )
                creator.setdefault(op.created, (act, op))
    return creator


def _arrete_edges(
    corpus: Corpus, graph: ActGraph, creator: Creators, problems: list[Diagnostic]
) -> None:
    """Each arrêté follows the signature of what it extends; its restrictions name known units."""
    for arrete in corpus.arretes.values():
        graph.add_node(arrete.id, kind="arrete", date=arrete.date)
        graph.add_edge(arrete.id, f"jo:{arrete.id}", why="published")
        for ext in arrete.extends:
            graph.add_edge(f"sig:{ext.act}", arrete.id, why="extends")
            for r in ext.restrictions:
                if r.target and r.target not in creator:
                    problems.append(
                        Diagnostic(
                            f"restriction targets unknown unit {r.target!r}",
                            arrete.location.file,
                            arrete.location.line,
                            target=r.target,
                            hint=_closest_hint(r.target, creator),
                        )
                    )


def _act_edges(
    corpus: Corpus,
    graph: ActGraph,
    creator: Creators,
    extensions: dict[str, tuple[ExtensionEvent, ...]],
    problems: list[Diagnostic],
) -> None:
    """An act waits for the extension its rules name, and for the acts creating what it amends."""
    for act in corpus.acts.values():
        for rule in act.effects.values():
            if rule.kind is RuleKind.EXTENSION:
                for ev in extensions.get(act.id, ()):
                    if rule.arrete in (None, ev.arrete.id):
                        graph.add_edge(
                            f"jo:{ev.arrete.id}", act.id, why="effect waits for extension"
                        )
        for op in act.ops:
            for ref in op.refs():
                if ref not in creator:
                    problems.append(
                        Diagnostic(
                            f"{op.kind} refers to {ref!r}, which no act creates",
                            op.location.file,
                            op.location.line,
                            act=act.id,
                            target=ref,
                            hint=_closest_hint(ref, creator),
                        )
                    )
                elif creator[ref][0].id != act.id:
                    graph.add_edge(creator[ref][0].id, act.id, why=f"{op.kind} {ref}")


def _cycles(corpus: Corpus, cycles: list[Cycle]) -> list[Diagnostic]:
    out = []
    for cycle, component in cycles:
        acts_in = [n for n in cycle if n in corpus.acts]
        names = " -> ".join([*cycle, cycle[0]])
        tangled = sorted(n for n in component if n in corpus.acts)
        if len(tangled) > len(acts_in):
            names += f" (one of the cycles among {len(tangled)} acts: {', '.join(tangled)})"
        where = corpus.acts[acts_in[0]].location if acts_in else None
        out.append(
            Diagnostic(
                f"cycle in the act graph: {names}",
                where.file if where else None,
                where.line if where else None,
                hint="an act cannot depend on an act that depends on it",
            )
        )
    return out


def build_timeline(corpus: Corpus, remember: bool = False) -> Timeline:
    """Resolve every date, order every change, and check the act graph (`remember`: its order
    may be read from the cache folder, engine/act_graph.py)."""
    problems: list[Diagnostic] = []
    extensions = _extension_events(corpus)
    graph = ActGraph()
    creator = _creators(corpus, graph, problems)
    _arrete_edges(corpus, graph, creator, problems)
    _act_edges(corpus, graph, creator, extensions, problems)
    rank, cycles = ordered(graph, corpus.acts, remember)
    problems += _cycles(corpus, cycles)
    changes, pending = _changes(corpus, extensions, rank)
    changes = [c for c in changes if c.op is None or all(r in creator for r in c.op.refs())]
    _check_dates(changes, creator, problems)
    return Timeline(tuple(changes), tuple(pending), extensions, graph, tuple(problems))


def _changes(
    corpus: Corpus, extensions: dict, rank: dict[str, int]
) -> tuple[list[Change], list[Pending]]:
    changes: list[Change] = []
    pending: list[Pending] = []
    for act in corpus.acts.values():
        if act.body:
            day, why = resolve_rule(act.effects[None], act, extensions)
            if day is None:
                pending.append(Pending(act, None, why))
            else:
                changes.append(Change(day, act, None, rank.get(act.id, 0)))
        for op in act.ops:
            rule = act.effects.get(op.effect)
            if rule is None:
                continue
            day, why = resolve_rule(rule, act, extensions)
            if day is None:
                pending.append(Pending(act, op, why))
            else:
                changes.append(Change(day, act, op, rank.get(act.id, 0)))
    changes.sort(key=lambda c: c.sort_key)
    pending.sort(key=lambda p: (p.act.signed, p.act.id, p.op.index if p.op else 0))
    return changes, pending


def _check_dates(changes: list[Change], creator: Creators, problems: list[Diagnostic]) -> None:
    created_on: dict[str, date] = {}
    for ch in changes:
        if ch.op is None:
            for ident in _created_in_body(ch.act.body):
                created_on.setdefault(ident, ch.date)
        elif ch.op.created:
            created_on.setdefault(ch.op.created, ch.date)
    for ch in changes:
        if ch.op is None:
            continue
        for ref in ch.op.refs():
            born = created_on.get(ref)
            if ref in creator and born is not None and born > ch.date:
                problems.append(
                    Diagnostic(
                        f"{ch.op.kind} takes effect on {ch.date}, before {ref!r} exists (created on {born} by {creator[ref][0].id})",
                        ch.op.location.file,
                        ch.op.location.line,
                        act=ch.act.id,
                        target=ref,
                        hint="check the operation's date-of-effect rule or its target",
                    )
                )


def _closest_hint(ref: str, creator: dict) -> str | None:
    import difflib

    close = difflib.get_close_matches(ref, sorted(creator), n=3, cutoff=0.5)
    return f"did you mean {', '.join(close)}?" if close else None
