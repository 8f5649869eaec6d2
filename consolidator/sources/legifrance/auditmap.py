"""The audit map: every disagreement with the Legifrance export, mapped to exactly one decision.

`corpus/<convention>/audit-map.xml` lists, by the export's marker line and the kind of check, each
block or fact the corpus does not reproduce, with the id of the decision (DECISIONS.md) that
explains it. Read strictly: an unknown element or attribute, a duplicate entry or a decision id
that DECISIONS.md does not define is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from consolidator.errors import CorpusError, Diagnostic

CHECKS = ("wording", "state", "extension", "reserve", "exclusion", "start")
_DECISION = re.compile(r"^## (D-\d{3})\b", re.MULTILINE)
_ATTRS = {"line", "check", "decision"}


@dataclass(frozen=True)
class AuditMap:
    """(marker line, check) → decision id."""

    entries: dict[tuple[int, str], str]
    decisions: frozenset[str]

    def decision(self, line: int, check: str) -> str | None:
        return self.entries.get((line, check))


def decision_ids(corpus_root: Path) -> frozenset[str]:
    path = corpus_root / "DECISIONS.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return frozenset(_DECISION.findall(text))


def load_audit_map(corpus_root: str | Path) -> AuditMap:
    """Read `audit-map.xml` (an empty map when the corpus has none); raise CorpusError."""
    root = Path(corpus_root)
    decisions = decision_ids(root)
    path = root / "audit-map.xml"
    if not path.is_file():
        return AuditMap({}, decisions)
    name = f"{root.name}/audit-map.xml"
    try:
        tree = etree.parse(str(path))
    except etree.XMLSyntaxError as exc:
        raise CorpusError(f"audit map: {exc}", file=name) from None
    problems: list[Diagnostic] = []
    entries: dict[tuple[int, str], str] = {}
    if tree.getroot().tag != "audit-map":
        problems.append(Diagnostic("the root element must be <audit-map>", name, 1))
    for el in tree.getroot().iterchildren(etree.Element):
        where = (name, el.sourceline)
        line, check, decision = el.get("line", ""), el.get("check", ""), el.get("decision", "")
        if el.tag != "explained" or set(el.attrib) != _ATTRS:
            problems.append(Diagnostic("expected <explained line check decision/>", *where))
        elif not line.isdigit() or check not in CHECKS:
            problems.append(
                Diagnostic(f"bad line {line!r} or check {check!r}", *where, hint=", ".join(CHECKS))
            )
        elif decision not in decisions:
            problems.append(Diagnostic(f"{decision} is not a decision of DECISIONS.md", *where))
        elif (int(line), check) in entries:
            problems.append(Diagnostic(f"line {line} ({check}) is mapped twice", *where))
        else:
            entries[(int(line), check)] = decision
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in the audit map", problems)
    return AuditMap(entries, decisions)
