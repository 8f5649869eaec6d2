"""Measure the drafting assistant: draft every amending act of the corpus from its text in the
Legifrance export and compare the drafted operations with the curated ones.

Two operations match when they agree on kind, target (for an insertion: parent and number)
and position or words. Precision = matched / drafted, recall = matched / curated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from consolidator.draft.draft import draft_act
from consolidator.draft.ops import UNRESOLVED, DraftOp
from consolidator.draft.result import Draft
from consolidator.errors import ConsolidatorError
from consolidator.model import Act, ActKind, Operation
from consolidator.normalize import normalize_text
from consolidator.replay import VersionIndex

Key = tuple[str, ...]
_WORDS = ("replace-words", "insert-words", "delete-words")
_ALINEA = ("insert-alinea", "replace-alinea", "delete-alinea")


def curated_key(op: Operation) -> Key:
    """Matching key of a curated operation."""
    kind = op.kind.value
    if kind in ("insert-article", "insert-section"):
        return (kind, op.parent or "", normalize_text(op.num or ""))
    if kind in _ALINEA:
        return (kind, op.target or "", op.position or "end")
    if kind in _WORDS:
        return (
            kind,
            op.target or "",
            normalize_text(op.old or op.anchor_after or op.anchor_before or ""),
        )
    return (kind, op.target or "")


def drafted_key(op: DraftOp) -> Key:
    """Matching key of a drafted operation."""
    a = dict(op.attrs)
    if op.kind in ("insert-article", "insert-section"):
        return (op.kind, a.get("parent", ""), normalize_text(a.get("num", "")))
    if op.kind in _ALINEA:
        return (op.kind, a.get("target", ""), a.get("position", "end"))
    if op.kind in _WORDS:
        c = dict(op.children)
        return (
            op.kind,
            a.get("target", ""),
            normalize_text(c.get("old") or c.get("after") or c.get("before") or ""),
        )
    return (op.kind, a.get("target", ""))


@dataclass(frozen=True)
class ActScore:
    """One act: what was drafted, what was curated, what matched."""

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


@dataclass(frozen=True)
class Evaluation:
    """Scores over the corpus."""

    acts: tuple[ActScore, ...]

    @property
    def curated(self) -> int:
        return sum(a.curated for a in self.acts)

    @property
    def drafted(self) -> int:
        return sum(a.drafted for a in self.acts)

    @property
    def matched(self) -> int:
        return sum(a.matched for a in self.acts)

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 0.0


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
    ident = op.target or op.new_id or ""
    versions = index.versions.get(ident, ())
    return any(v.text_id == base for v in versions)


def draft_of(index: VersionIndex, act: Act, export: list[str]) -> Draft:
    """The draft of `act` made from its lines of the export (line numbers kept)."""
    a, b = _export_lines(act) or (0, 0)
    text = "\n" * (a - 1) + "\n".join(export[a - 1 : b])
    return draft_act(text, index, source_name="004", signed_hint=act.signed)


def score_act(index: VersionIndex, act: Act, export: list[str]) -> ActScore:
    """Draft one act from its export lines and compare with the curated operations."""
    a, b = _export_lines(act) or (0, 0)
    base = index.corpus.convention.base
    curated = [curated_key(op) for op in act.ops if _on_base(index, op, base)]
    try:
        draft = draft_of(index, act, export)
    except ConsolidatorError as exc:
        return ActScore(act.id, f"{a}-{b}", len(curated), 0, 0, 0, 0, tuple(curated), (), str(exc))
    ops = [op for op, _ in draft.ops]
    drafted = [drafted_key(op) for op in ops]
    common = Counter(curated) & Counter(drafted)
    matched = sum(common.values())
    missed = tuple(sorted((Counter(curated) - common).elements()))
    extra = tuple(sorted((Counter(drafted) - common).elements()))
    unresolved = sum(1 for op in ops if (op.target or "").startswith(UNRESOLVED))
    no_wording = sum(1 for op in ops if any("gives no wording" in d for d in op.doubts))
    return ActScore(
        act.id,
        f"{a}-{b}",
        len(curated),
        len(drafted),
        matched,
        unresolved,
        no_wording,
        missed,
        extra,
    )


def evaluate(index: VersionIndex, export_path: str | Path) -> Evaluation:
    """Score every amending act of the corpus."""
    export = Path(export_path).read_text(encoding="utf-8").split("\n")
    return Evaluation(tuple(score_act(index, act, export) for act in amending_acts(index)))


def evaluation_report(ev: Evaluation, verbose: bool = False) -> str:
    lines = [f"{'act':<40} {'004 lines':<12} cur drf match unres nowrd"]
    for s in ev.acts:
        lines.append(
            f"{s.act:<40} {s.lines:<12} {s.curated:>3} {s.drafted:>3} {s.matched:>5} "
            f"{s.unresolved:>5} {s.no_wording:>5}"
            + (f"  error: {s.error.splitlines()[0]}" if s.error else "")
        )
        if verbose:
            lines += [f"    missed {k}" for k in s.missed] + [f"    extra  {k}" for k in s.extra]
    lines.append(
        f"acts: {len(ev.acts)}; curated operations: {ev.curated}; drafted: {ev.drafted}; "
        f"matched: {ev.matched}"
    )
    lines.append(f"precision: {ev.precision:.1%}  recall: {ev.recall:.1%}")
    return "\n".join(lines)
