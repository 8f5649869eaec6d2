"""Split one version block into its wording and its editorial notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from consolidator.normalize import normalize_text
from consolidator.sources.legifrance.lines import (
    find_arrete_dates,
    footnote_call,
    note_kind,
    split_merged_notes,
)
from consolidator.sources.legifrance.model import Block, Note, Paragraph

Item = tuple[int, str]
_LEADING_KINDS = frozenset({"nota", "note"})


@dataclass
class _NoteAcc:
    """A note being assembled from one or more lines."""

    kind: str
    parts: list[str]
    lines: list[int] = field(default_factory=list)

    def freeze(self, *, leading: bool = False) -> Note:
        text = "\n".join(self.parts)
        call = footnote_call(text) if self.kind == "footnote" else None
        return Note(
            kind=self.kind,
            text=text,
            line=self.lines[0],
            arretes=find_arrete_dates(text),
            call=call,
            leading=leading,
            lines=tuple(self.lines),
        )


def _adjacent(a: Item, b: Item) -> bool:
    return b[0] == a[0] + 1


def _leading_notes(items: list[Item]) -> int:
    """How many items at the start of a block form a leading NOTA (l.399 style)."""
    if not items or note_kind(items[0][1]) not in _LEADING_KINDS:
        return 0
    count = 1
    while count < len(items) and normalize_text(items[count][1]).startswith("Aussi,"):
        count += 1
    if all(note_kind(text) is not None for _, text in items[count:]):
        return 0
    return count


def _trailing_start(items: list[Item]) -> int:
    """Index of the first item of the trailing notes (``len(items)`` when there are none).

    A run of plain lines is accepted inside the notes only when it sits between a note start
    and a ``(Arrêté du …)`` line with no empty line in between (list of excluded
    certifications, l.1574-1598).
    """
    kinds = [note_kind(text) for _, text in items]
    start, j = len(items), len(items) - 1
    while j >= 0:
        if kinds[j] is not None:
            start, j = j, j - 1
            continue
        top = j
        while top > 0 and kinds[top - 1] is None and _adjacent(items[top - 1], items[top]):
            top -= 1
        opener = top > 0 and kinds[top - 1] not in (None, "arrete-ref")
        opener = opener and _adjacent(items[top - 1], items[top])
        closed = start == j + 1 < len(items) and kinds[start] == "arrete-ref"
        if opener and closed and _adjacent(items[j], items[start]):
            start, j = top - 1, top - 2
            continue
        break
    return start


def _make_notes(items: list[Item], *, leading: bool = False) -> tuple[Note, ...]:
    """Group note lines into notes: split merged footnotes, merge ``(Arrêté du …)`` lines."""
    accs: list[_NoteAcc] = []
    for line, text in items:
        kind = note_kind(text)
        if accs and (kind is None or leading):
            accs[-1].parts.append(text.strip())
            accs[-1].lines.append(line)
        elif kind == "arrete-ref" and accs:
            accs[-1].parts[-1] += " " + text.strip()
            accs[-1].lines.append(line)
        else:
            for part in split_merged_notes(text):
                accs.append(_NoteAcc(note_kind(part) or kind or "note", [part], [line]))
    return tuple(acc.freeze(leading=leading) for acc in accs)


def build_block(
    lines: Sequence[str], marker_idx: int, stop: int, article_idx: int | None = None
) -> Block:
    """The block whose marker is at 0-based ``marker_idx`` and whose body ends before ``stop``."""
    items = [(i + 1, lines[i]) for i in range(marker_idx + 1, stop) if lines[i].strip()]
    lead = _leading_notes(items)
    rest = items[lead:]
    cut = _trailing_start(rest)
    notes = _make_notes(items[:lead], leading=True) + _make_notes(rest[cut:])
    paragraphs = tuple(Paragraph(text, line) for line, text in rest[:cut])
    marker_line = marker_idx + 1
    return Block(
        marker=lines[marker_idx].strip(),
        marker_line=marker_line,
        start_line=items[0][0] if items else marker_line + 1,
        end_line=items[-1][0] if items else marker_line,
        paragraphs=paragraphs,
        notes=notes,
        article_line=None if article_idx is None else article_idx + 1,
    )
