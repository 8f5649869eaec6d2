"""Cut an amending act into its own articles, amending instructions and the new wording they carry.

The act's own articles are headed « ARTICLE 2 » (export) or « Article 3 : Durée » (PDF);
headings of the convention quoted as new wording (« Article 2.4 », « 9.5.1 Principes »)
are not the act's own. A quoted passage (« ... ») is never read for formulas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from consolidator.draft.formulas import NO_WORDING, WORD_KINDS, Instruction, clean_num, read_formula
from consolidator.draft.pdftext import Block, blocks_of
from consolidator.draft.tables import Table, find_tables

_OWN = re.compile(
    r"^(?:ARTICLE|Art\.)\s+(?P<num>\d+(?:\.\d+)*|1er|premier|unique)\b\.?\s*(?:[:.–-]\s*(?P<title>.*))?$"
    r"|^Article\s+(?P<num2>\d+(?:\.\d+)?|1er|premier|unique)\s*(?::|–|-)\s*(?P<title2>.*)$"
)
_STATUS = re.compile(
    r"^(?:en vigueur(?: étendue| non[- ]étendue)?|VIGUEUR|REMPLACE|ABROGE|MODIFIE|PERIME|DENONCE)$",
    re.IGNORECASE,
)
_PREAMBLE = re.compile(r"^Préambule$", re.IGNORECASE)
ANNEX = re.compile(
    r"^(?:Note (?:justificative|explicative)|Annexe(?:\s+\S+)?$|ANNEXE)", re.IGNORECASE
)
_NAMED = re.compile(
    r"\bl'article (\d+(?:\.\d+)*)"
)  # « Modification de l'article 9.2.2 » (004 l.10028)
_PARAGRAPH = re.compile(r"^Paragraphe\s+(?P<sub>[a-z])\s*:?$")  # « Paragraphe c » (004 l.5144)
_CONV_HEADING = re.compile(
    r"^«?\s*Article\s+(?P<num>\d+(?:\.\s?\d+)+)\.?\s*(?::\s*)?(?P<title>.*)$"
)


@dataclass
class Passage:
    """An instruction with the blocks of new wording that follow it."""

    instruction: Instruction
    block: Block
    text: list[Block] = field(default_factory=list)
    own: str | None = None  # number of the act's own article it appears in

    @property
    def src(self) -> str:
        blocks = self.text or [self.block]
        return f"{blocks[0].start}-{blocks[-1].end}"

    @property
    def no_wording(self) -> bool:
        return not self.text or all(NO_WORDING.match(b.text) for b in self.text)


@dataclass
class Reading:
    """The act as read: all blocks, own clauses, passages and what was not understood."""

    blocks: list[Block]
    own: list[Block] = field(default_factory=list)
    own_titles: dict[str, str] = field(default_factory=dict)
    owner: dict[int, str] = field(default_factory=dict)  # first line of an own block -> own article
    passages: list[Passage] = field(default_factory=list)
    unread: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _own_num(m: re.Match[str]) -> str:
    num = m["num"] or m["num2"]
    return "1" if num.lower() in ("1er", "premier", "unique") else num


def source_blocks(text: str) -> tuple[list[Block], list[Table]]:
    """Blocks of the text, with each table as one block carrying its rows."""
    lines = text.split("\n")
    tables = find_tables([x.replace("\f", "").rstrip() for x in lines])
    masked = list(lines)
    for table in tables:
        for a, b in table.parts:
            for i in range(a - 1, b):
                masked[i] = ""
    blocks = blocks_of("\n".join(masked))
    for table in tables:
        blocks.append(TableBlock(table.start, table.end, f"[table: {len(table.rows)} rows]", table))
    blocks.sort(key=lambda b: b.start)
    return blocks, tables


@dataclass(frozen=True)
class TableBlock(Block):
    """A rebuilt table standing in the flow of blocks."""

    table: Table | None = None


def _quote_state(text: str, inside: bool) -> bool:
    opened = text.count("«") + (1 if text.lstrip().startswith('"') else 0)
    closed = text.count("»")
    if opened > closed:
        return True
    if closed > opened:
        return False
    return inside


def read_act(text: str) -> Reading:
    """Read the whole act."""
    blocks, tables = source_blocks(text)
    blocks = join_split_formulas(blocks)
    reading = Reading(blocks, tables=tables)
    own: str | None = None
    current: Passage | None = None
    inside = False
    expect_title = False
    sub: str | None = None  # « Paragraphe c »: the word changes below are made there
    for block in blocks:
        t = block.text.strip()
        if _STATUS.match(t):
            continue
        m = None if inside else _OWN.match(t)
        if not inside and own not in (None, "annexe") and ANNEX.match(t):
            own, current = "annexe", None
            reading.unread.append(block)
            continue
        if own == "annexe":
            reading.unread.append(block)
            continue
        if m or (not inside and _PREAMBLE.match(t)):
            own, sub = (_own_num(m) if m else "preambule"), None
            title = (m["title"] or m["title2"] or "").strip() if m else ""
            if title:
                reading.own_titles[own] = title
            expect_title = not title
            current = None
            continue
        if expect_title and not t.endswith((".", ":", ";")) and len(t) < 160 and own != "preambule":
            reading.own_titles[own or ""] = t
            expect_title = False
            continue
        expect_title = False
        if current is not None and (inside or current.instruction.takes_text):
            formula = None if inside or t.startswith("«") else read_formula(t)
            if formula is None:
                current.text.append(block)
                inside = _quote_state(t, inside)
                continue
        formula = read_formula(t)
        if formula is not None and own != "preambule":
            current = Passage(_situated(reading, own, sub, formula), block, own=own)
            reading.passages.append(current)
            continue
        current = None
        if (m := _PARAGRAPH.match(t)) and own not in (None, "preambule"):
            sub = m["sub"]
            continue
        if own is None or own == "preambule":
            reading.unread.append(block)
        else:
            reading.own.append(block)
            reading.owner[block.start] = own
    _implicit(reading)
    return reading


def _situated(
    reading: Reading, own: str | None, sub: str | None, formula: Instruction
) -> Instruction:
    """The formula completed from where it stands: the passage before it in the same article
    of the act, the « paragraphe » it is under, the act article's own title (« cet article »)."""
    last = reading.passages[-1] if reading.passages else None
    formula = _in_context(reading, last if last and last.own == own else None, formula)
    if sub and formula.kind in WORD_KINDS and not formula.sub:
        formula = replace(formula, sub=sub)
    if formula.kind == "replace-sentence" and not formula.nums:  # « cet article »
        named = _NAMED.search(reading.own_titles.get(own or "", ""))
        formula = replace(formula, nums=(clean_num(named[1]),)) if named else formula
    return formula


def _in_context(reading: Reading, current: Passage | None, formula: Instruction) -> Instruction:
    """Word changes listed under « Les dispositions de l'article X sont modifiées comme suit : »
    take X from it; that heading then announces them and is no operation itself."""
    if formula.kind not in WORD_KINDS or formula.nums or current is None:
        return formula
    if current.instruction.kind in WORD_KINDS and current.instruction.nums:
        return replace(
            formula, nums=current.instruction.nums, confidence=current.instruction.confidence
        )
    if not current.instruction.nums or current.instruction.kind != "replace-article":
        return formula
    if all(len(b.text) < 60 and not b.text.endswith(".") for b in current.text):
        reading.passages.remove(current)
        reading.unread.append(current.block)
        reading.unread += current.text
        current.instruction = replace(current.instruction, kind="context")
    return replace(formula, nums=current.instruction.nums, confidence=0.7)


def join_split_formulas(blocks: list[Block]) -> list[Block]:
    """A formula cut after its colon (« L'adjectif : " ouvrable " est remplacé par l'adjectif : »
    / « " ouvré ". », 004 l.5140-5141) is read as one block."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is not None and b.text.rstrip().endswith(":") and read_formula(b.text) is None:
            joined = Block(b.start, nxt.end, f"{b.text} {nxt.text}")
            f = read_formula(joined.text)
            if f is not None and f.kind in WORD_KINDS:
                out.append(joined)
                i += 2
                continue
        out.append(b)
        i += 1
    return out


def _implicit(reading: Reading) -> None:
    """Own articles with quoted convention headings but no formula: implied rewrites."""
    by_own: dict[str, list[Block]] = {}
    for block in reading.own:
        by_own.setdefault(_owner(reading, block), []).append(block)
    kept = list(reading.own)
    for _own_id, blocks in by_own.items():
        starts = [
            i
            for i, b in enumerate(blocks)
            if b.text.lstrip().startswith("«") and _CONV_HEADING.match(b.text.lstrip("« "))
        ]
        if not starts:
            continue
        quoted = blocks[starts[0] :]
        first = clean_num(_CONV_HEADING.match(quoted[0].text.lstrip("« "))["num"])  # type: ignore[index]
        instr = Instruction("implicit-rewrite", (first,), takes_text=True, confidence=0.55)
        reading.passages.append(Passage(instr, quoted[0], list(quoted), own=_own_id))
        for b in quoted:
            kept.remove(b)
    reading.own = kept


def _owner(reading: Reading, block: Block) -> str:
    return reading.owner.get(block.start, "")
