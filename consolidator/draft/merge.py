"""Merge the alinéa operations of several sub-parts of one article into one rewrite.

Positions of alinéa operations are counted in the text before the act: two sub-parts
rewritten in one article would shift each other's positions. The article is then rewritten
whole, its current alinéas spliced with the new sub-parts (avenant n° 22, 004 l.9744).
"""

from __future__ import annotations

from itertools import pairwise

from consolidator.draft.ops import Drafted, typed
from consolidator.draft.view import ConventionView, expect_of
from consolidator.model import InsertAlinea, Para, ReplaceAlinea, ReplaceArticle


def _spans(ops: list[Drafted]) -> dict[str, list[Drafted]]:
    by_target: dict[str, list[Drafted]] = {}
    for op in ops:
        if op.span is not None:
            by_target.setdefault(op.op.subject, []).append(op)
    return {t: group for t, group in by_target.items() if len({op.span for op in group}) > 1}


def _spliced(view: ConventionView, target: str, group: list[Drafted]) -> Drafted | None:
    version = view.version(target)
    if version is None:
        return None
    paras = [Para(f.text, f.cells) for f in version.fragments]
    edits = {
        d.span: d.op.paragraphs for d in group if isinstance(d.op, ReplaceAlinea | InsertAlinea)
    }
    spans: list[tuple[int, int]] = sorted(s for s in edits if s is not None)
    for (_a1, b1), (a2, _b2) in pairwise(spans):
        if a2 < b1:
            return None  # overlapping sub-parts: leave the operations as they are
    for first, last in sorted(spans, reverse=True):
        paras[first:last] = list(edits[(first, last)])
    nums = sorted({op.num or "" for op in group})
    doubts = tuple(dict.fromkeys(d for op in group for d in op.doubts))
    note = (
        f"sub-parts {', '.join(nums)} of {version.num} rewritten by one act: merged into one rewrite "
        "of the whole article (current alinéas kept elsewhere)"
    )
    expect = expect_of(version.paragraphs[0]) if version.paragraphs else version.num or target
    op = typed(ReplaceArticle, group[0].src, target=target, expect=expect, paragraphs=tuple(paras))
    return Drafted(op, min(d.confidence for d in group), (*doubts, note), version.num)


def merge_subparts(ops: list[Drafted], view: ConventionView) -> list[tuple[Drafted, Drafted]]:
    """The operations, with each article's several sub-part rewrites merged into one; each
    paired with the operation it comes from (the first of a merged group)."""
    out: list[tuple[Drafted, Drafted]] = []
    groups = _spans(ops)
    done: set[str] = set()
    for op in ops:
        target = op.op.subject
        group = groups.get(target) if op.span is not None else None
        if not group:
            out.append((op, op))
            continue
        if target in done:
            continue
        merged = _spliced(view, target, group)
        if merged is None:
            out += [
                (o.doubting("overlapping sub-part rewrites: check positions"), o) for o in group
            ]
        else:
            out.append((merged, group[0]))
        done.add(target)
    return out
