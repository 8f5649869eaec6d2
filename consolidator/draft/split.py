"""Split a rewrite whose numbered sub-part has its own date of effect (avenant n° 29: 9.5.2).

When the sub-part is not an article of the corpus but alinéas of the rewritten article,
the rewrite keeps the sub-part's current alinéas, and alinéa operations carrying the
sub-part's own effect rule put the new ones in their place later (last alinéa first).
"""

from __future__ import annotations

import re
from dataclasses import replace

from consolidator.draft.formulas import clean_num
from consolidator.draft.ops import Drafted, typed
from consolidator.draft.view import expect_of
from consolidator.model import DeleteAlinea, Para, ReplaceAlinea, ReplaceArticle, Version
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


def split_scoped(
    drafted: Drafted, scope: str, effect: str, current: Version
) -> list[Drafted] | None:
    """The rewrite with sub-part `scope` deferred to `effect`, or None if not possible."""
    op = drafted.op
    assert isinstance(op, ReplaceArticle)
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
    first = replace(drafted, op=replace(op, paragraphs=tuple(kept))).doubting(note)
    target = op.target
    head = new_span[0]  # position (0-based) of the old sub-heading inside the rewritten article
    sure = drafted.confidence
    later: list[Drafted] = []
    for k in range(head + len(old) - 1, head, -1):
        delete = typed(
            DeleteAlinea, op.src, target=target, alinea=k + 1, expect=expect_of(kept[k].text)
        )
        later.append(Drafted(delete, sure, (note,), scope))
    rewrite = typed(
        ReplaceAlinea,
        op.src,
        target=target,
        alinea=head + 1,
        expect=expect_of(kept[head].text),
        paragraphs=tuple(new[new_span[0] : new_span[1]]),
    )
    later.append(Drafted(rewrite, sure, (note,), scope))
    return [first, *later]
