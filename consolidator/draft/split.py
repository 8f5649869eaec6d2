"""Split a rewrite whose numbered sub-part has its own date of effect (avenant n° 29: 9.5.2).

When the sub-part is not an article of the corpus but alinéas of the rewritten article,
the rewrite keeps the sub-part's current alinéas, and alinéa operations carrying the
sub-part's own effect rule put the new ones in their place later (last alinéa first).
"""

from __future__ import annotations

import re
from dataclasses import replace

from consolidator.draft.formulas import clean_num
from consolidator.draft.ops import DraftOp
from consolidator.draft.view import expect_of
from consolidator.model import Para, Version
from consolidator.normalize import normalize_text

_HEAD = re.compile(r"^(?P<num>\d+(?:\.\s?\d+)+)\.?\s*(?::\s*)?\S")


def _num(text: str) -> str | None:
    m = _HEAD.match(normalize_text(text))
    return clean_num(m["num"]) if m else None


def section_span(paras: list[str], num: str) -> tuple[int, int] | None:
    """[start, end) of the alinéas under the sub-heading `num`, up to the next heading of
    the same or a higher level.

    >>> section_span(["9.5.1. A", "x", "9.5.2. B", "y", "9.5.2.1. C", "z", "9.5.3. D"], "9.5.2")
    (2, 6)
    """
    depth = len(num.split("."))
    start = next((i for i, p in enumerate(paras) if _num(p) == num), None)
    if start is None:
        return None
    for j in range(start + 1, len(paras)):
        other = _num(paras[j])
        if other and len(other.split(".")) <= depth:
            return start, j
    return start, len(paras)


def split_scoped(op: DraftOp, scope: str, effect: str, current: Version) -> list[DraftOp] | None:
    """The rewrite `op` with sub-part `scope` deferred to `effect`, or None if not possible."""
    new = list(op.paragraphs)
    new_span = section_span([p.text for p in new], scope)
    old_span = section_span(list(current.paragraphs), scope)
    if new_span is None or old_span is None:
        return None
    old = [Para(p) for p in current.paragraphs[old_span[0] : old_span[1]]]
    kept = new[: new_span[0]] + old + new[new_span[1] :]
    note = (
        f"{scope} enters into force on its own rule ({effect}): the rewrite keeps its current "
        f"alinéas, replaced by the alinéa operations that follow"
    )
    first = replace(op, paragraphs=tuple(kept), doubts=(*op.doubts, note))
    target = dict(op.attrs)["target"]
    head = new_span[0]  # position (0-based) of the old sub-heading inside the rewritten article
    later: list[DraftOp] = []
    for k in range(head + len(old) - 1, head, -1):
        later.append(
            DraftOp(
                "delete-alinea",
                (("target", target), ("position", str(k + 1))),
                op.src,
                op.confidence,
                expect_of(kept[k].text),
                doubts=(note,),
                num=scope,
            )
        )
    later.append(
        DraftOp(
            "replace-alinea",
            (("target", target), ("position", str(head + 1))),
            op.src,
            op.confidence,
            expect_of(kept[head].text),
            tuple(new[new_span[0] : new_span[1]]),
            doubts=(note,),
            num=scope,
        )
    )
    return [first, *later]
