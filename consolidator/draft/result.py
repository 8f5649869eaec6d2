"""The result of drafting: act metadata, effect rules, operations, doubts and unread passages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.draft.metadata import Metadata
from consolidator.draft.ops import DraftOp
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import ANNEX


@dataclass(frozen=True)
class DraftEffect:
    """One <effect> of the draft: id (None = the act's general rule), element and attributes."""

    id: str | None
    kind: str
    attrs: tuple[tuple[str, str], ...]
    note: str
    approximate: bool = False


@dataclass(frozen=True)
class Draft:
    """A drafted act, ready to be written or checked."""

    act_id: str
    kind: str
    title: str
    signed: date
    day: date
    meta: Metadata
    effects: tuple[DraftEffect, ...]
    ops: tuple[tuple[DraftOp, str | None], ...]
    notes: tuple[str, ...]
    unread: tuple[Block, ...]
    doubts: tuple[str, ...]
    source_name: str
    line_count: int

    def unread_lines(self) -> list[str]:
        """Every passage not turned into an operation or metadata, grouped by runs of lines."""
        out: list[str] = []
        run: list[Block] = []
        for block in [*self.unread, None]:
            if run and (block is None or block.start > run[-1].end + 3 or ANNEX.match(block.text)):
                words = " / ".join(b.text for b in run)
                head = words if len(words) <= 160 else words[:157] + "..."
                out.append(f"l.{run[0].start}-{run[-1].end}: {head}")
                run = []
            if block is not None:
                run.append(block)
        return out
