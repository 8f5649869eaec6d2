"""Summaries of a parsed Legifrance export: counts, duplicates, problems, JSON drafts."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from consolidator.normalize import normalize_paragraphs
from consolidator.sources.legifrance.lines import MARKERS
from consolidator.sources.legifrance.model import AttachedText, Block, Export, Unit


def text_blocks(texts: Iterable[AttachedText]) -> Iterator[Block]:
    """Every version block of some attached texts, in file order."""
    for text in texts:
        for article in text.articles:
            yield from article.blocks


def unit_blocks(units: Iterable[Unit]) -> Iterator[Block]:
    """Every version block of some base-text units, in file order."""
    for unit in units:
        yield from unit.blocks


def marker_counts(export: Export) -> dict[str, int]:
    """How many version blocks carry each marker, over the whole export (arrêtés included)."""
    counts = Counter(b.marker for b in unit_blocks(export.base))
    counts.update(b.marker for b in text_blocks(export.attached + export.salaries))
    counts.update("VIGUEUR" for a in export.arretes if a.marker_line is not None)
    return {marker: counts.get(marker, 0) for marker in MARKERS}


def _wording(text: AttachedText) -> tuple[str, ...]:
    return tuple(normalize_paragraphs([p.text for b in text_blocks([text]) for p in b.paragraphs]))


def duplicate_texts(export: Export) -> tuple[tuple[AttachedText, AttachedText], ...]:
    """Pairs of attached or salary texts whose wording is identical once normalised."""
    seen: dict[tuple[str, ...], AttachedText] = {}
    pairs: list[tuple[AttachedText, AttachedText]] = []
    for text in export.attached + export.salaries:
        key = _wording(text)
        if key in seen:
            pairs.append((seen[key], text))
        else:
            seen[key] = text
    return tuple(pairs)


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items() if count)


def _base_lines(export: Export) -> list[str]:
    units = export.base
    kinds = Counter(u.kind for u in units)
    per_unit = Counter(len(u.blocks) for u in units)
    busy = [f"{u.num or u.title} ({len(u.blocks)})" for u in units if len(u.blocks) >= 3]
    markers = dict(Counter(b.marker for b in unit_blocks(units)))
    return [
        f"Texte de base: {len(units)} units ({kinds['preambule']} préambule, "
        f"{kinds['chapter']} chapter, {kinds['article']} article), "
        f"{sum(per_unit[n] * n for n in per_unit)} blocks, {len(export.chapters)} chapters",
        f"  markers: {_counts_line(markers)}",
        "  blocks per unit: " + ", ".join(f"{n}: {per_unit[n]}" for n in sorted(per_unit)),
        "  units with 3 or more blocks: " + ", ".join(busy),
    ]


def _texts_lines(name: str, texts: tuple[AttachedText, ...]) -> list[str]:
    blocks = list(text_blocks(texts))
    annexes = sum(t.kind == "annexe" for t in texts)
    return [
        f"{name}: {len(texts)} texts ({annexes} convention annexes), "
        f"{sum(len(t.articles) for t in texts)} articles, {len(blocks)} blocks, "
        f"{sum(t.signed is not None for t in texts)} signature dates, "
        f"{sum(t.cppni is not None for t in texts)} CPPNI dates",
        f"  markers: {_counts_line(dict(Counter(b.marker for b in blocks)))}",
    ]


def report(export: Export) -> str:
    """A human summary: counts per part and per marker, duplicates, and every problem."""
    lines = [f"Legifrance export {export.path} ({export.line_count} lines)"]
    lines += _base_lines(export)
    lines += _texts_lines("Textes Attachés", export.attached)
    lines += _texts_lines("Textes Salaires", export.salaries)
    arretes = export.arretes
    if arretes:
        lines.append(
            f"Textes Extensions: {len(arretes)} arrêtés "
            f"({arretes[0].date.isoformat()} to {arretes[-1].date.isoformat()})"
        )
    else:
        lines.append("Textes Extensions: 0 arrêtés")
    lines.append(f"Markers, whole file: {_counts_line(marker_counts(export))}")
    notes = Counter(
        n.kind
        for b in [*unit_blocks(export.base), *text_blocks(export.attached + export.salaries)]
        for n in b.notes
    )
    lines.append(f"Notes: {_counts_line(dict(sorted(notes.items())))}")
    for first, second in duplicate_texts(export):
        lines.append(
            f"Identical texts: l.{first.start_line} and l.{second.start_line} ({first.title!r})"
        )
    lines.append(f"Problems: {len(export.problems)}")
    lines += [f"  l.{p.line} [{p.kind}] {p.message}" for p in export.problems]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    """JSON-ready copy: dataclasses to dicts, tuples to lists, dates to ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(export: Export) -> dict[str, Any]:
    """The drafts as a JSON-serialisable dict (dates as ISO strings)."""
    data = _plain(export)
    data["markers"] = marker_counts(export)
    return data
