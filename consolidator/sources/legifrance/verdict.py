"""Every check of the audit as reproduced, explained (one decision) or wrong; the map's staleness."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from consolidator.engine.replay import VersionIndex
from consolidator.sources.legifrance.audit import (
    Audit,
    BlockMatch,
    TextAudit,
    audit_attached,
    audit_base,
)
from consolidator.sources.legifrance.auditmap import CHECKS, AuditMap
from consolidator.sources.legifrance.checks import check_claim, claims, start_checks, unprinted
from consolidator.sources.legifrance.export import Export


@dataclass(frozen=True)
class Finding:
    """One check that disagrees with the export: the block's marker line, what, where."""

    line: int
    check: str
    where: str
    problem: str


@dataclass(frozen=True)
class Verdict:
    """The audit's answer: how many checks of each kind, which are explained, which are wrong."""

    totals: dict[str, int]
    explained: tuple[tuple[Finding, str], ...]
    wrong: tuple[Finding, ...]
    stale: tuple[tuple[int, str, str], ...]  # map entries whose check now agrees

    def reproduced(self, check: str) -> int:
        off = sum(1 for f, _ in self.explained if f.check == check)
        return self.totals.get(check, 0) - off - sum(1 for f in self.wrong if f.check == check)


def block_findings(audit: Audit, texts: tuple[TextAudit, ...]) -> list[Finding]:
    """Wording and state disagreements of the base text's and the attached texts' blocks."""
    rows = [(m.unit.num or m.unit.title, m) for m in audit.matches]
    rows += [(t.title, m) for t in texts for m in t.matches]
    out: list[Finding] = []
    for where, m in rows:
        if m.version is None:
            out.append(Finding(m.block.marker_line, "wording", where, m.problem))
        elif m.problem:
            out.append(Finding(m.block.marker_line, "state", where, m.problem))
    return out


def judge(findings: list[Finding], totals: dict[str, int], amap: AuditMap) -> Verdict:
    explained: list[tuple[Finding, str]] = []
    wrong: list[Finding] = []
    seen: set[tuple[int, str]] = set()
    for f in findings:
        decision = amap.decision(f.line, f.check)
        seen.add((f.line, f.check))
        if decision is None:
            wrong.append(f)
        else:
            explained.append((f, decision))
    stale = tuple(
        (line, check, decision)
        for (line, check), decision in sorted(amap.entries.items())
        if (line, check) not in seen
    )
    return Verdict(totals, tuple(explained), tuple(wrong), stale)


def verdict_report(verdict: Verdict) -> str:
    lines = ["check: reproduced / explained / wrong (of checked)"]
    for check in CHECKS:
        total = verdict.totals.get(check, 0)
        if not total:
            continue
        ex = sum(1 for f, _ in verdict.explained if f.check == check)
        bad = sum(1 for f in verdict.wrong if f.check == check)
        lines.append(f"  {check}: {verdict.reproduced(check)} / {ex} / {bad} (of {total})")
    by_decision = Counter(d for _, d in verdict.explained)
    lines.append("explained by: " + ", ".join(f"{d} ({n})" for d, n in sorted(by_decision.items())))
    for f in verdict.wrong:
        lines.append(f"  WRONG {f.check} 004 l.{f.line} {f.where}: {f.problem}")
    for line, check, decision in verdict.stale:
        lines.append(f"  STALE mapping 004 l.{line} ({check}) → {decision}: the check now agrees")
    return "\n".join(lines)


def note_findings(
    index: VersionIndex, blocks: list[tuple[str, BlockMatch]], totals: Counter[str]
) -> list[Finding]:
    """The extensions, reservations and exclusions each reproduced block's notes state, checked
    against the corpus; and those the corpus binds to the version that the block does not print."""
    out: list[Finding] = []
    for where, m in blocks:
        if m.version is None:
            continue
        said = [c for n in m.block.notes for c in claims(n)]
        for c in said:
            totals[c.kind] += 1
            problem = check_claim(index, m.version, c)
            if problem:
                out.append(Finding(c.line, c.kind, where, problem))
        for kind, day in unprinted(index, m, said):
            totals[kind] += 1
            out.append(
                Finding(
                    m.block.marker_line,
                    kind,
                    where,
                    f"the corpus binds a {kind} of the arrêté of {day} that the block does not print",
                )
            )
    return out


def export_lines(export: Export) -> list[str]:
    return Path(export.path).read_text(encoding="utf-8").split("\n")


def full_audit(index: VersionIndex, export: Export, amap: AuditMap) -> Verdict:
    """Every check of the corpus against the export, judged against the audit map."""
    base = audit_base(index, export)
    texts = audit_attached(index, export)
    blocks = [(m.unit.num or m.unit.title, m) for m in base.matches]
    blocks += [(t.title, m) for t in texts for m in t.matches]
    findings = block_findings(base, texts)
    totals: Counter[str] = Counter(
        wording=len(blocks), state=sum(1 for _, m in blocks if m.version is not None)
    )
    findings += note_findings(index, blocks, totals)
    starts = start_checks(index, export_lines(export))
    totals["start"] += len(starts)
    findings += [
        Finding(c.line, "start", c.act, c.problem) for c in starts if c.problem and not c.decision
    ]
    verdict = judge(findings, dict(totals), amap)
    ruled = tuple(
        (Finding(c.line, "start", c.act, "date of effect inferred"), c.decision)
        for c in starts
        if c.decision and (c.problem or not c.line)
    )
    return replace(verdict, explained=verdict.explained + ruled)
