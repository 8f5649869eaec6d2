"""Merge the alinéa operations of several sub-parts of one article into one rewrite.

Positions of alinéa operations are counted in the text before the act: two sub-parts
rewritten in one article would shift each other's positions. The article is then rewritten
whole, its current alinéas spliced with the new sub-parts (avenant n° 22, 004 l.9744).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from consolidator.draft.ops import DraftOp
from consolidator.draft.view import ConventionView, expect_of
from consolidator.model import Para


def _spans(ops: list[DraftOp]) -> dict[str, list[DraftOp]]:
    by_target: dict[str, list[DraftOp]] = {}
    for op in ops:
        if op.span is not None and op.target:
            by_target.setdefault(op.target, []).append(op)
    return {t: group for t, group in by_target.items() if len({op.span for op in group}) > 1}


def _spliced(view: ConventionView, target: str, group: list[DraftOp]) -> DraftOp | None:
    version = view.version(target)
    if version is None:
        return None
    paras = [Para(f.text, f.cells) for f in version.fragments]
    edits = {
        op.span: op.paragraphs for op in group if op.kind in ("replace-alinea", "insert-alinea")
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
    first_op = group[0]
    return DraftOp(
        "replace-article",
        (("target", target),),
        first_op.src,
        min(op.confidence for op in group),
        expect_of(version.paragraphs[0]) if version.paragraphs else version.num or target,
        tuple(paras),
        doubts=(*doubts, note),
        num=version.num,
    )


def merge_subparts(ops: list[DraftOp], view: ConventionView) -> list[tuple[DraftOp, DraftOp]]:
    """The operations, with each article's several sub-part rewrites merged into one; each
    paired with the operation it comes from (the first of a merged group)."""
    out: list[tuple[DraftOp, DraftOp]] = []
    groups = _spans(ops)
    done: set[str] = set()
    for op in ops:
        group = groups.get(op.target or "") if op.span is not None else None
        if not group:
            out.append((op, op))
            continue
        if op.target in done:
            continue
        merged = _spliced(view, op.target or "", group)
        if merged is None:
            out += [
                (
                    replace(
                        o, doubts=(*o.doubts, "overlapping sub-part rewrites: check positions")
                    ),
                    o,
                )
                for o in group
            ]
        else:
            out.append((merged, group[0]))
        done.add(op.target or "")
    return out
