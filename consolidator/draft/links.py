"""Follow « (voir cet article) » links of a Legifrance export to the consolidated article's wording.

The export prints some amending texts of 2002-2006 with « (voir cet article) » (« ce tableau »,
« ce chapitre », « ces dispositions ») in place of the quoted wording (004 l.5079-5115): the
link leads to the consolidated article. A person follows it and reads the version the act
produced; so does this module: in the same export's base text, the first block of the article
whose wording the article never had up to the eve of the act. The alinéa operations are then
derived by comparing that wording with the wording in force on the eve.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

from consolidator.draft.ops import Drafted, paras_of, typed
from consolidator.draft.pdftext import Block
from consolidator.draft.reader import Passage, source_blocks
from consolidator.draft.view import ConventionView, expect_of
from consolidator.model import (
    DeleteAlinea,
    Fragment,
    InsertAlinea,
    Para,
    ReplaceAlinea,
    ReplaceArticle,
)
from consolidator.normalize import normalize_text
from consolidator.sources.legifrance.audit import block_key, same_wording, version_key
from consolidator.sources.legifrance.export import Block as ExportBlock
from consolidator.sources.legifrance.export import Export, Unit, parse_export
from consolidator.sources.legifrance.lines import strip_calls

LINK = re.compile(
    r"^\(\s*voir (?:cet article|ce tableau|ce chapitre|ces dispositions)\s*\)\.?$", re.IGNORECASE
)
_CONFIDENCE = 0.5
Builder = Callable[[ConventionView, Passage, int], list[Drafted]]


def is_link(text: str) -> bool:
    """
    >>> is_link("(voir cet article)"), is_link("(voir ce tableau)"), is_link("voir l'article 2")
    (True, True, False)
    """
    return LINK.match(text.strip()) is not None


def alinea_key(text: str) -> str:
    """An alinéa as compared: footnote calls dropped, typography folded.

    >>> alinea_key("-mariage du salarié (1) : 1 semaine")
    '-mariage du salarié : 1 semaine'
    """
    return normalize_text(strip_calls(text))


@dataclass(frozen=True)
class LinkedWording:
    """The wording a link leads to: the export block of article `num` the act produced."""

    num: str
    title: str
    block: ExportBlock
    blocks: tuple[Block, ...]

    @property
    def paras(self) -> tuple[Para, ...]:
        return tuple(Para(strip_calls(p.text), p.cells) for p in paras_of(list(self.blocks)))

    @property
    def src(self) -> str:
        lines = [p.line for p in self.block.paragraphs] or [self.block.start_line]
        return f"{min(lines)}-{max(lines)}"


@dataclass(frozen=True)
class ExportLinks:
    """The consolidated base text of a Legifrance export, where its links lead."""

    export: Export
    lines: tuple[str, ...]

    @classmethod
    def read(cls, path: str | Path) -> ExportLinks:
        export = parse_export(path)
        text = Path(path).read_text(encoding="utf-8").removeprefix("\ufeff")
        return cls(export, tuple(text.split("\n")))

    def unit(self, num: str) -> Unit | None:
        """The base-text article `num`, or the article holding sub-part `num` (15.2.4 -> 15.2)."""
        while num:
            found = [u for u in self.export.base if u.kind == "article" and u.num == num]
            if found:
                return found[0]
            num = num.rpartition(".")[0]
        return None

    def wording(self, view: ConventionView, num: str) -> LinkedWording | None:
        """The block of article `num` the act produced: after the block closest to the eve's
        wording, the first one whose wording the article had in no version up to the eve."""
        unit = self.unit(num)
        if unit is None or unit.num is None:
            return None
        ident = view.resolve(unit.num)
        versions = [v for v in view.index.versions.get(ident or "", ()) if v.since <= view.day]
        known = [version_key(v.fragments) for v in versions]
        blocks = list(unit.blocks)
        fresh = [b for b in blocks if not any(same_wording(block_key(b), k) for k in known)]
        eve = view.version(ident) if ident else None
        if eve is not None:  # the curated eve may differ from the export's (D-xxx decisions)
            keys = [alinea_key(t) for t in eve.paragraphs]
            near = [_ratio(keys, self._keys(eve.fragments, b)) for b in blocks]
            at = max(i for i, r in enumerate(near) if r == max(near))
            fresh = [b for b in blocks[at + 1 :] if b in fresh] or fresh
        if not fresh:
            return None
        return LinkedWording(unit.num, unit.title, fresh[0], self._blocks(fresh[0]))

    def _keys(self, eve: tuple[Fragment, ...], block: ExportBlock) -> list[str]:
        paras = fit_tables(eve, paras_of(list(self._blocks(block))))
        return [alinea_key(p.text) for p in paras]

    def _blocks(self, block: ExportBlock) -> tuple[Block, ...]:
        """The block's wording as draft blocks (tables rebuilt), notes left out, lines kept."""
        kept = [""] * block.end_line
        for p in block.paragraphs:
            kept[p.line - 1] = self.lines[p.line - 1]
        blocks, _ = source_blocks("\n".join(kept))
        return tuple(blocks)


def _alinea_changes(
    eve: tuple[str, ...], new: tuple[Para, ...]
) -> tuple[list[tuple[int, Para]], list[int], list[int]]:
    """Alinéas replaced (eve position, new alinéa), deleted (eve positions), inserted (new ones)."""
    old = [alinea_key(t) for t in eve]
    codes = SequenceMatcher(None, old, [alinea_key(p.text) for p in new], autojunk=False)
    replaced: list[tuple[int, Para]] = []
    deleted: list[int] = []
    inserted: list[int] = []
    for tag, i1, i2, j1, j2 in codes.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        replaced += [(i1 + k, new[j1 + k]) for k in range(pairs)]
        deleted += list(range(i1 + pairs, i2))
        inserted += list(range(j1 + pairs, j2))
    return replaced, deleted, inserted


def alinea_ops(
    ident: str, num: str, eve: tuple[str, ...], new: tuple[Para, ...], src: str, doubt: str
) -> list[Drafted]:
    """Operations turning the eve wording `eve` into `new`: replaced alinéas first (eve
    positions), then deleted ones (last first), then inserted ones (final positions).

    >>> ops = alinea_ops("a", "1.1", ("A", "B", "C"), (Para("A"), Para("B2"), Para("C"), Para("D")), "1-4", "")
    >>> [d.op.kind.value for d in ops], ops[0].op.alinea, ops[1].op.position
    (['replace-alinea', 'insert-alinea'], 2, None)
    """
    replaced, deleted, inserted = _alinea_changes(eve, new)
    touched = len(replaced) + len(deleted)
    doubts = (doubt,)
    if eve and touched == len(eve):
        whole = typed(ReplaceArticle, src, target=ident, expect=_expect(eve, 0), paragraphs=new)
        return [Drafted(whole, _CONFIDENCE, doubts, num)]
    ops = [
        Drafted(
            typed(
                ReplaceAlinea,
                src,
                target=ident,
                alinea=i + 1,
                expect=_expect(eve, i),
                paragraphs=(para,),
            ),
            _CONFIDENCE,
            doubts,
            num,
        )
        for i, para in replaced
    ]
    ops += [
        Drafted(
            typed(DeleteAlinea, src, target=ident, alinea=i + 1, expect=_expect(eve, i)),
            _CONFIDENCE,
            doubts,
            num,
        )
        for i in sorted(deleted, reverse=True)
    ]
    size = len(eve) - len(deleted)
    for run in _runs(sorted(inserted)):
        position = None if run[0] >= size else run[0] + 1
        paras = tuple(new[j] for j in run)
        insert = typed(InsertAlinea, src, target=ident, position=position, paragraphs=paras)
        ops.append(Drafted(insert, _CONFIDENCE, doubts, num))
        size += len(run)
    return ops


def _runs(indexes: list[int]) -> list[list[int]]:
    """
    >>> _runs([2, 3, 4, 7, 9, 10])
    [[2, 3, 4], [7], [9, 10]]
    """
    out: list[list[int]] = []
    for i in indexes:
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


_RULE_LINE = re.compile(r"^[-_=+|*\s]{3,}$")
_GLUED_RULE = re.compile(r"^[-_=]{8,}\s*(?=[^-_=\s])")  # a rule glued to a heading (004 l.2350)


def fit_tables(eve: tuple[Fragment, ...], new: tuple[Para, ...]) -> tuple[Para, ...]:
    """Read plain lines of `new` as rows of the eve's table: rules and header lines (words of
    the column names only) are dropped, « Invalidité 87 % 87 % 13 % 13 % » becomes a row
    with the eve's columns (004 l.2404).

    >>> row = Fragment("r", "Invalidité — 85 %", "base", cells=(("risque", "Invalidité"), ("employeur TA", "85 %")))
    >>> [p.cells or p.text for p in fit_tables((row,), (Para("----"), Para("EMPLOYEUR"), Para("TA"), Para("Invalidité 87 %"), Para("Fin.")))]
    [(('risque', 'Invalidité'), ('employeur TA', '87 %')), 'Fin.']
    """
    rows = [f.cells for f in eve if f.cells]
    if not rows:
        return new
    header = {w.casefold() for col, _ in rows[0] for w in col.split()}
    out: list[Para] = []
    for para in new:
        para = Para(_GLUED_RULE.sub("", para.text), para.cells) if not para.cells else para
        words = para.text.split()
        if para.cells or not words:
            out.append(para)
        elif _RULE_LINE.match(para.text) or all(w.casefold() in header for w in words):
            continue
        else:
            out.append(_as_row(para, rows[0]) or para)
    return tuple(out)


def _as_row(para: Para, template: tuple[tuple[str, str], ...]) -> Para | None:
    """`para` cut like the row `template`: its last cells take as many words as the template's."""
    words = para.text.split()
    sizes = [len(v.split()) for _, v in template[1:]]
    if len(words) <= sum(sizes):
        return None
    values: list[str] = []
    end = len(words)
    for size in reversed(sizes):
        values.insert(0, " ".join(words[end - size : end]))
        end -= size
    if not all(re.search(r"\d", v) for v in values):
        return None
    cells = (
        (template[0][0], " ".join(words[:end])),
        *zip([c for c, _ in template[1:]], values, strict=True),
    )
    return Para.row(tuple(cells))


def _ratio(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _expect(eve: tuple[str, ...], i: int) -> str:
    return expect_of(eve[i]) if eve else ""


@dataclass
class LinkFollower:
    """Turn the passages of one act that point to the consolidated text into operations."""

    links: ExportLinks
    passages: list[Passage]
    done: dict[str, str] = field(default_factory=dict)  # article num -> src of its passage

    def _linked_nums(self) -> set[str]:
        return {
            p.instruction.nums[0]
            for p in self.passages
            if p.instruction.nums and any(is_link(b.text) for b in p.text)
        }

    def ops(
        self, view: ConventionView, p: Passage, year: int, builders: Mapping[str, Builder]
    ) -> list[Drafted] | None:
        """The operations of passage `p` if its wording is behind a link, else None."""
        nums = p.instruction.nums
        if not nums or p.instruction.kind == "renumber-article":
            return None
        linked = any(is_link(b.text) for b in p.text)
        if not linked and not (p.no_wording and nums[0] in self._linked_nums()):
            return None
        wording = self.links.wording(view, nums[0])
        if wording is None:
            return None
        if wording.num in self.done:
            return []  # the whole article was already drawn from the same block
        self.done[wording.num] = p.src
        link = next((b for b in p.text if is_link(b.text)), p.block)
        doubt = (
            f"the act's text points to the consolidated article (« {link.text.strip()} », "
            f"l.{link.start}): the wording was taken from the export's block of {wording.num} "
            f"at l.{wording.src}, the first one the article did not have on {view.day}"
        )
        ident = view.resolve(wording.num)
        version = view.version(ident) if ident else None
        if version is None or (p.instruction.kind == "replace-article" and nums[0] == wording.num):
            kind = "insert-article" if version is None else "replace-article"
            instr = replace(p.instruction, kind=kind, nums=(wording.num,), title=wording.title)
            sub = replace(p, instruction=instr, text=list(wording.blocks))
            return [_sure(op, doubt) for op in builders[kind](view, sub, year)]
        new = fit_tables(version.fragments, wording.paras)
        return alinea_ops(version.article, wording.num, version.paragraphs, new, wording.src, doubt)


def _sure(op: Drafted, doubt: str) -> Drafted:
    return op.doubting(doubt, confidence=_CONFIDENCE)
