"""Audit the curated corpus against the Legifrance export: which seed blocks replay reproduces."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from consolidator.engine.replay import VersionIndex
from consolidator.model import Fragment, State, Version
from consolidator.normalize import normalize_text
from consolidator.query.states import version_state
from consolidator.sources.legifrance.export import Block, Export, Unit

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


_GLUED_RULE = re.compile(r"[-_=]{8,}")  # a table rule glued to a heading (004 l.2290)
_RULE = re.compile(r"^(?:[-_=|+.*]{3,}|\*)$")  # table rules, and « * » footnote calls


def _words(parts: Iterable[str]) -> tuple[str, ...]:
    """Each part normalised on its own (so no rule joins words across alinéas), then split."""
    return tuple(
        w
        for part in parts
        for w in _fold([_GLUED_RULE.sub(" ", part)]).split()
        if not _RULE.match(w)
    )


def block_key(block: Block) -> tuple[str, ...]:
    """A block's words, normalised; a table placeholder and its URL become one token."""
    parts: list[str] = []
    for paragraph in block.paragraphs:
        text = paragraph.text.strip()
        if _URL.match(text) and parts and parts[-1] == TABLE:
            continue
        parts.append(TABLE if _PLACEHOLDER.match(text) else text)
    return _words(parts)


@dataclass(frozen=True)
class VersionKey:
    """A version's words two ways: tables as one token, and tables printed cell by cell."""

    placeholder: tuple[str, ...]
    printed: tuple[str, ...]
    table: tuple[int, int] | None  # word span of the rows in `printed`


def version_key(fragments: tuple[Fragment, ...]) -> VersionKey:
    parts: list[str] = []
    printed: list[str] = []
    table: list[int] = []
    for fragment in fragments:
        if fragment.cells:
            if not parts or parts[-1] != TABLE:
                parts.append(TABLE)
            start = len(_words(printed))
            printed.append(" ".join(v for _, v in fragment.cells))
            table += [start, len(_words(printed))]
        elif _PLACEHOLDER.match(fragment.text):
            parts.append(TABLE)
            printed.append(fragment.text)
        elif not (_URL.match(fragment.text) and parts and parts[-1] == TABLE):
            parts.append(fragment.text)
            printed.append(fragment.text)
    span = (min(table), max(table)) if table else None
    return VersionKey(_words(parts), _words(printed), span)


def same_wording(block: tuple[str, ...], version: VersionKey) -> bool:
    """Equal words; where the version holds table rows, the block may also carry the table's
    header lines (which the corpus turns into column names) inside the table."""
    if block == version.placeholder:
        return True
    if version.table is None:
        return False
    start, end = version.table
    ops = SequenceMatcher(None, block, version.printed, autojunk=False).get_opcodes()
    return all(
        tag == "equal" or (tag == "delete" and start <= j1 <= end) for tag, _, _, j1, _ in ops
    )


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
    out: list[Version] = []
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


def match_blocks(
    index: VersionIndex, unit: Unit, blocks: list[Block], versions: list[Version], seed_date: date
) -> list[BlockMatch]:
    """Pair each block with one distinct version of the same wording (maximum matching),
    preferring pairings whose state on `seed_date` also agrees with the block's marker."""
    import networkx as nx  # only when the audit runs

    keys = [version_key(v.fragments) for v in versions]
    graph = nx.Graph()
    for i, block in enumerate(blocks):
        key = block_key(block)
        for j, version in enumerate(versions):
            if same_wording(key, keys[j]):
                agrees = not _state_problem(index, block, version, seed_date)
                graph.add_edge(("b", i), ("v", j), weight=2 if agrees else 1)
    pairing: dict[tuple[str, int], tuple[str, int]] = {}
    for a, b in sorted(nx.max_weight_matching(graph, maxcardinality=True)):
        pairing[a], pairing[b] = b, a
    out: list[BlockMatch] = []
    for i, block in enumerate(blocks):
        partner = pairing.get(("b", i))
        if partner is None:
            out.append(BlockMatch(unit, block, None, "no version has this wording"))
        else:
            version = versions[partner[1]]
            out.append(
                BlockMatch(unit, block, version, _state_problem(index, block, version, seed_date))
            )
    return out


def audit_base(index: VersionIndex, export: Export, seed_date: date = SEED_DATE) -> Audit:
    """Match every base-text block to one distinct version with the same wording."""
    matches: list[BlockMatch] = []
    for unit in export.base:
        matches += match_blocks(index, unit, list(unit.blocks), _candidates(index, unit), seed_date)
    return Audit(tuple(matches))


def audit_report(audit: Audit) -> str:
    lines = [f"{audit.reproduced}/{len(audit.matches)} base-text blocks reproduced"]
    for m in audit.failures:
        label = m.unit.num or m.unit.title
        lines.append(
            f"  {label} block at 004 l.{m.block.marker_line} ({m.block.marker}): {m.problem}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class TextAudit:
    """One attached text of the export and how the corpus holds it."""

    title: str
    line: int
    act: str | None
    how: str  # "texte" (own articles, audited), "opérations" (amending act), "absent"
    matches: tuple[BlockMatch, ...] = ()


def _act_for(index: VersionIndex, line: int) -> str | None:
    """The act whose 004 source range holds `line` (the narrowest one)."""
    found: list[tuple[int, str]] = []
    for act in index.corpus.acts.values():
        for src in act.sources:
            if src.file != "004" or not src.lines:
                continue
            first, _, last = src.lines.partition("-")
            start, end = int(first), int(last or first)
            if start <= line <= end:
                found.append((end - start, act.id))
    return min(found)[1] if found else None


def audit_attached(
    index: VersionIndex, export: Export, seed_date: date = SEED_DATE
) -> tuple[TextAudit, ...]:
    """Each attached text: its blocks matched against its own articles' versions, or how it is held."""
    out: list[TextAudit] = []
    for text in (*export.attached, *export.salaries):
        act_id = _act_for(index, text.start_line)
        if act_id is None:
            out.append(TextAudit(text.title, text.start_line, None, "absent"))
            continue
        act = index.corpus.acts[act_id]
        if not act.body:
            out.append(TextAudit(text.title, text.start_line, act_id, "opérations"))
            continue
        versions = [v for vs in index.versions.values() for v in vs if v.text_id == act_id]
        blocks = [b for a in text.articles for b in a.blocks]
        unit = Unit("article", None, text.title, text.start_line, None, ())
        matches = match_blocks(index, unit, blocks, versions, seed_date)
        out.append(TextAudit(text.title, text.start_line, act_id, "texte", tuple(matches)))
    return tuple(out)


def attached_report(texts: tuple[TextAudit, ...]) -> str:
    own = [t for t in texts if t.how == "texte"]
    blocks = [m for t in own for m in t.matches]
    good = sum(1 for m in blocks if m.version is not None and not m.problem)
    lines = [
        f"{good}/{len(blocks)} blocks of {len(own)} attached texts held as texts reproduced; "
        f"{sum(t.how == 'opérations' for t in texts)} amending texts held as operations; "
        f"{sum(t.how == 'absent' for t in texts)} not in the corpus"
    ]
    for t in texts:
        if t.how == "absent":
            lines.append(f"  not in the corpus: {t.title} (004 l.{t.line})")
        for m in t.matches:
            if m.version is None or m.problem:
                lines.append(
                    f"  {t.title} block at 004 l.{m.block.marker_line} ({m.block.marker}): {m.problem}"
                )
    return "\n".join(lines)
