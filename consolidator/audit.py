"""Audit the curated corpus against the Legifrance export: which seed blocks replay reproduces."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from consolidator.importers.legifrance_text import Block, Export, Unit
from consolidator.model import Fragment, State, Version
from consolidator.normalize import normalize_text
from consolidator.replay import VersionIndex
from consolidator.states import version_state

# The export holds the accord de méthode of 15 June 2023 (BOCC 2023/33, 004 l.15134) and nothing
# later: its states are read as of 1 January 2024.
SEED_DATE = date(2024, 1, 1)
TABLE = "⟨tableau⟩"
_CALL = re.compile(r"\s*\((?:\d{1,2}|\*)\)(?=[\s.,;:»]|$)")
_PLACEHOLDER = re.compile(
    r"^\((?:Tableau|Tableaux|Formulaire|Clichés?) non reproduits?", re.IGNORECASE
)
_URL = re.compile(r"^https?://\S+$")
_MARKER_STATE = {
    "en vigueur étendue": State.ETENDU,
    "en vigueur non-étendue": State.NON_ETENDU,
    "VIGUEUR": State.EN_VIGUEUR,
}


def _fold(parts: Iterable[str]) -> str:
    text = " ".join(_CALL.sub("", p) for p in parts)
    return normalize_text(text)


def block_key(block: Block) -> str:
    """A block's wording as one normalised string; a table placeholder and its URL become a token."""
    parts: list[str] = []
    for paragraph in block.paragraphs:
        text = paragraph.text.strip()
        if _URL.match(text) and parts and parts[-1] == TABLE:
            continue
        parts.append(TABLE if _PLACEHOLDER.match(text) else text)
    return _fold(parts)


def version_key(fragments: tuple[Fragment, ...]) -> str:
    """A version's wording the same way; a run of table rows becomes the table token."""
    parts: list[str] = []
    for fragment in fragments:
        if fragment.cells:
            if not parts or parts[-1] != TABLE:
                parts.append(TABLE)
        elif _PLACEHOLDER.match(fragment.text):
            parts.append(TABLE)
        elif not (_URL.match(fragment.text) and parts and parts[-1] == TABLE):
            parts.append(fragment.text)
    return _fold(parts)


@dataclass(frozen=True)
class BlockMatch:
    """One block of the export and the version that reproduces it (None when none does)."""

    unit: Unit
    block: Block
    version: Version | None
    problem: str = ""


@dataclass(frozen=True)
class Audit:
    matches: tuple[BlockMatch, ...]

    @property
    def reproduced(self) -> int:
        return sum(1 for m in self.matches if m.version is not None and not m.problem)

    @property
    def failures(self) -> tuple[BlockMatch, ...]:
        return tuple(m for m in self.matches if m.version is None or m.problem)


def _candidates(index: VersionIndex, unit: Unit) -> list[Version]:
    base = index.corpus.convention.base
    out = []
    for versions in index.versions.values():
        if versions[0].text_id != base:
            continue
        nums = {v.num for v in versions}
        if (unit.kind == "article" and unit.num in nums) or (
            unit.kind != "article" and None in nums
        ):
            out += versions
    return out


def _state_problem(index: VersionIndex, block: Block, version: Version, seed_date: date) -> str:
    expected = _MARKER_STATE.get(block.marker)
    actual = version_state(index, version, seed_date)
    if expected is None:  # REMPLACE, MODIFIE: a superseded version
        return (
            ""
            if not actual.in_force
            else f"the seed says {block.marker}, replay says {actual.value}"
        )
    return "" if actual is expected else f"the seed says {block.marker}, replay says {actual.value}"


def audit_base(index: VersionIndex, export: Export, seed_date: date = SEED_DATE) -> Audit:
    """Match every base-text block to one distinct version with the same wording (max matching)."""
    matches: list[BlockMatch] = []
    for unit in export.base:
        candidates = _candidates(index, unit)
        keys = [version_key(v.fragments) for v in candidates]
        graph = nx.Graph()
        for i, block in enumerate(unit.blocks):
            key = block_key(block)
            for j, version in enumerate(candidates):
                if keys[j] == key:  # same wording; prefer the pairing whose state also agrees
                    agrees = not _state_problem(index, block, version, seed_date)
                    graph.add_edge(("b", i), ("v", j), weight=2 if agrees else 1)
        pairing = dict(sorted(nx.max_weight_matching(graph, maxcardinality=True)))
        pairing.update({b: a for a, b in list(pairing.items())})
        for i, block in enumerate(unit.blocks):
            partner = pairing.get(("b", i))
            if partner is None:
                matches.append(BlockMatch(unit, block, None, "no version has this wording"))
                continue
            version = candidates[partner[1]]
            matches.append(
                BlockMatch(unit, block, version, _state_problem(index, block, version, seed_date))
            )
    return Audit(tuple(matches))


def audit_report(audit: Audit) -> str:
    lines = [f"{audit.reproduced}/{len(audit.matches)} base-text blocks reproduced"]
    for m in audit.failures:
        label = m.unit.num or m.unit.title
        lines.append(
            f"  {label} block at 004 l.{m.block.marker_line} ({m.block.marker}): {m.problem}"
        )
    return "\n".join(lines)
