"""Measure the drafting assistant: draft every amending act of the corpus from its text in the
Legifrance export and compare the drafted operations with the curated ones.

Two operations match when they agree on kind, target (for an insertion: parent and number)
and position or words. Precision = matched / drafted, recall = matched / curated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from consolidator.draft.draft import draft_act
from consolidator.draft.effect import EffectScore, compare_effects, step_of
from consolidator.draft.links import ExportLinks
from consolidator.draft.ops import UNRESOLVED
from consolidator.draft.result import Draft
from consolidator.draft.view import ConventionView
from consolidator.engine.replay import VersionIndex
from consolidator.errors import ConsolidatorError
from consolidator.model import (
    Act,
    ActKind,
    DeleteAlinea,
    DeleteWords,
    InsertAlinea,
    InsertArticle,
    InsertSection,
    InsertWords,
    Operation,
    ReplaceAlinea,
    ReplaceWords,
)
from consolidator.normalize import normalize_text
from consolidator.sources.legifrance.lines import PART_TITLES

Key = tuple[str, ...]


def key_of(op: Operation) -> Key:
    """Matching key of an operation, drafted or curated."""
    kind = op.kind.value
    match op:
        case InsertArticle() | InsertSection():
            return (kind, op.parent, normalize_text(op.num or ""))
        case InsertAlinea():
            return (kind, op.target, str(op.position) if op.position is not None else "end")
        case ReplaceAlinea() | DeleteAlinea():
            return (kind, op.target, str(op.alinea))
        case ReplaceWords() | DeleteWords():
            return (kind, op.target, normalize_text(op.old))
        case InsertWords():
            return (kind, op.target, normalize_text(op.anchor))
    return (kind, op.subject)


NO_EFFECT = EffectScore(0, 0, 0, 0, 0)


@dataclass(frozen=True)
class ActScore:
    """One act: what was drafted, what was curated, what matched (op by op and by effect)."""

    act: str
    lines: str
    curated: int
    drafted: int
    matched: int
    unresolved: int
    no_wording: int
    missed: tuple[Key, ...]
    extra: tuple[Key, ...]
    error: str | None = None
    effect: EffectScore = NO_EFFECT
    no_text: str | None = None  # why the act's 004 lines hold no amending text


@dataclass(frozen=True)
class Figures:
    """Precision and recall over some acts, op by op and by effect (alinéa changes)."""

    acts: int
    curated: int
    drafted: int
    matched: int
    changes_curated: int
    changes_drafted: int
    changes_matched: int
    articles: int
    exact: int

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.drafted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.curated)

    @property
    def effect_precision(self) -> float:
        return _ratio(self.changes_matched, self.changes_drafted)

    @property
    def effect_recall(self) -> float:
        return _ratio(self.changes_matched, self.changes_curated)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Scores over the corpus."""

    acts: tuple[ActScore, ...]

    def figures(self, with_no_text: bool = True) -> Figures:
        """Totals over every act, or only over the acts whose sources hold an amending text."""
        acts = [a for a in self.acts if with_no_text or a.no_text is None]
        return Figures(
            len(acts),
            sum(a.curated for a in acts),
            sum(a.drafted for a in acts),
            sum(a.matched for a in acts),
            sum(a.effect.curated for a in acts),
            sum(a.effect.drafted for a in acts),
            sum(a.effect.matched for a in acts),
            sum(a.effect.articles for a in acts),
            sum(a.effect.exact for a in acts),
        )

    @property
    def curated(self) -> int:
        return self.figures().curated

    @property
    def drafted(self) -> int:
        return self.figures().drafted

    @property
    def matched(self) -> int:
        return self.figures().matched

    @property
    def precision(self) -> float:
        return self.figures().precision

    @property
    def recall(self) -> float:
        return self.figures().recall


def _export_lines(act: Act) -> tuple[int, int] | None:
    for src in act.sources:
        if src.file == "004" and src.lines and "-" in src.lines:
            a, b = src.lines.split("-")
            return int(a), int(b)
    return None


def amending_acts(index: VersionIndex) -> list[Act]:
    """Acts with operations on the base text and a line range in the export."""
    base = index.corpus.convention.base
    out = []
    for act in sorted(index.corpus.acts.values(), key=lambda a: (a.signed, a.id)):
        if act.kind is ActKind.CONVENTION or not act.ops or _export_lines(act) is None:
            continue
        if any(_on_base(index, op, base) for op in act.ops):
            out.append(act)
    return out


def _on_base(index: VersionIndex, op: Operation, base: str) -> bool:
    """An operation on the base text that the act's own text can yield: not one on an article
    whose wording the sources lack (known from other sources: D-100, D-200)."""
    ident = op.subject
    versions = index.versions.get(ident, ())
    if versions and all(not v.wording_known for v in versions):
        return False
    return any(v.text_id == base for v in versions)


def draft_of(
    index: VersionIndex, act: Act, export: list[str], links: ExportLinks | None = None
) -> Draft:
    """The draft of `act` made from its lines of the export (line numbers kept); `links` lets
    the draft follow « (voir cet article) » to the export's consolidated text."""
    a, b = _export_lines(act) or (0, 0)
    text = "\n" * (a - 1) + "\n".join(export[a - 1 : b])
    return draft_act(text, index, source_name="004", signed_hint=act.signed, links=links)


def no_amending_text(export: list[str], a: int, b: int) -> str | None:
    """Why lines a-b of the export hold no amending text to draft from, or None.

    An arrêté (« ARRETE du 2 décembre 2002 », 004 l.15503) only extends the act; a range in
    the « Texte de base » part (before « Textes Attachés ») is a consolidated block.
    """
    first = next((t.strip() for t in export[a - 1 : b] if t.strip()), "")
    if first.upper().startswith("ARRETE"):
        return "an arrêté, not the act's text"
    attached = next((i for i, t in enumerate(export, 1) if t.strip() == PART_TITLES[1]), 0)
    if b < attached:
        return "a consolidated block of the base text, not the act's text"
    return None


def score_act(
    index: VersionIndex, act: Act, export: list[str], links: ExportLinks | None = None
) -> ActScore:
    """Draft one act from its export lines and compare with the curated operations."""
    a, b = _export_lines(act) or (0, 0)
    base = index.corpus.convention.base
    on_base = [op for op in act.ops if _on_base(index, op, base)]
    curated = [key_of(op) for op in on_base]
    steps = [step_of(op) for op in on_base]
    no_text = no_amending_text(export, a, b)
    try:
        draft = draft_of(index, act, export, links)
    except ConsolidatorError as exc:
        view = ConventionView(index, act.signed - timedelta(days=1))
        effect = compare_effects(view, steps, [])
        return ActScore(
            act.id,
            f"{a}-{b}",
            len(curated),
            0,
            0,
            0,
            0,
            tuple(curated),
            (),
            str(exc),
            effect,
            no_text,
        )
    drafted = [key_of(d.op) for d in draft.ops]
    common = Counter(curated) & Counter(drafted)
    eve = draft.day if draft.signed == act.signed else act.signed - timedelta(days=1)
    effect = compare_effects(ConventionView(index, eve), steps, (step_of(d.op) for d in draft.ops))
    return ActScore(
        act.id,
        f"{a}-{b}",
        len(curated),
        len(drafted),
        sum(common.values()),
        sum(1 for d in draft.ops if d.op.subject.startswith(UNRESOLVED)),
        sum(1 for d in draft.ops if any("gives no wording" in doubt for doubt in d.doubts)),
        tuple(sorted((Counter(curated) - common).elements())),
        tuple(sorted((Counter(drafted) - common).elements())),
        effect=effect,
        no_text=no_text,
    )


def evaluate(index: VersionIndex, export_path: str | Path) -> Evaluation:
    """Score every amending act of the corpus, following the export's « (voir cet article) »."""
    export = Path(export_path).read_text(encoding="utf-8").split("\n")
    links = ExportLinks.read(export_path)
    return Evaluation(tuple(score_act(index, act, export, links) for act in amending_acts(index)))


def _act_lines(s: ActScore, verbose: bool) -> list[str]:
    e = s.effect
    lines = [
        f"{s.act:<26} {s.lines:<12} {s.curated:>3} {s.drafted:>3} {s.matched:>5} "
        f"{s.unresolved:>5} {s.no_wording:>5}   {e.curated:>3} {e.drafted:>3} {e.matched:>5} "
        f"{e.exact:>3}/{e.articles:<3}"
        + (f"  error: {s.error.splitlines()[0]}" if s.error else "")
        + (f"  [no amending text: {s.no_text}]" if s.no_text else "")
    ]
    if verbose:
        lines += [f"    missed {k}" for k in s.missed] + [f"    extra  {k}" for k in s.extra]
        lines += [f"    effect missed {t} {_short(c)}" for t, c in e.missed]
        lines += [f"    effect extra  {t} {_short(c)}" for t, c in e.extra]
    return lines


def _short(change: tuple[str, ...]) -> str:
    text = " ".join(change)
    return text if len(text) <= 110 else text[:107] + "..."


def _figure_lines(label: str, f: Figures) -> list[str]:
    return [
        f"{label} ({f.acts} acts):",
        f"  op level:     curated {f.curated}, drafted {f.drafted}, matched {f.matched}; "
        f"precision: {f.precision:.1%}  recall: {f.recall:.1%}",
        f"  effect level: alinéa changes curated {f.changes_curated}, drafted "
        f"{f.changes_drafted}, matched {f.changes_matched}; precision: "
        f"{f.effect_precision:.1%}  recall: {f.effect_recall:.1%}; "
        f"articles with the curated result: {f.exact}/{f.articles}",
    ]


def evaluation_report(ev: Evaluation, verbose: bool = False) -> str:
    lines = [
        f"{'act':<26} {'004 lines':<12} cur drf match unres nowrd   "
        "chg-cur chg-drf chg-match exact-articles"
    ]
    for s in ev.acts:
        lines += _act_lines(s, verbose)
    no_text = [s for s in ev.acts if s.no_text]
    lines += _figure_lines("all amending acts", ev.figures())
    lines += _figure_lines("acts whose sources hold an amending text", ev.figures(False))
    lines.append(
        "no amending text in the sources: "
        + ("; ".join(f"{s.act} (004 l.{s.lines}: {s.no_text})" for s in no_text) or "none")
    )
    lines.append(
        f"acts: {len(ev.acts)}; curated operations: {ev.curated}; drafted: {ev.drafted}; "
        f"matched: {ev.matched}"
    )
    lines.append(f"precision: {ev.precision:.1%}  recall: {ev.recall:.1%}")
    return "\n".join(lines)
