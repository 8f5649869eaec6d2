"""« La première (dernière) phrase de l'article X est réécrite » as a replacement of its words."""

from __future__ import annotations

import re

from consolidator.draft.ops import Drafted, subpart_span, typed, unresolved
from consolidator.draft.reader import Passage
from consolidator.draft.view import ConventionView
from consolidator.model import ReplaceArticle, ReplaceWords

_END = re.compile(r"(?<=[a-zéèêàûîôç0-9%)»])\.\s+(?=[A-ZÉÈÀ«])")


def sentences(text: str) -> list[str]:
    """The sentences of an alinéa, without their final period.

    >>> sentences("Afin de créer une contribution. Cette contribution est de 0,30 %. Fin")
    ['Afin de créer une contribution', 'Cette contribution est de 0,30 %', 'Fin']
    """
    return [s.strip().rstrip(".").strip() for s in _END.split(text.strip()) if s.strip()]


def _body(view: ConventionView, num: str) -> tuple[str, int, int] | None:
    """(article id, first, last) alinéas [first, last) of article or sub-part `num`, heading left out."""
    ident = view.resolve(num)
    version = view.version(ident) if ident else None
    if ident is not None and version is not None:
        return ident, 0, len(version.paragraphs)
    holder = view.resolve(num.rpartition(".")[0]) if "." in num else None
    version = view.version(holder) if holder else None
    span = subpart_span(version.paragraphs, num) if version is not None else None
    if holder is None or span is None:
        return None
    return holder, span[0] + 1, span[1]


def replace_sentence(view: ConventionView, p: Passage, year: int) -> list[Drafted]:
    """replace-words of the first or last sentence of the article (or sub-part) named."""
    instr = p.instruction
    num = instr.nums[0] if instr.nums else "?"
    body = _body(view, num) if instr.nums else None
    version = view.version(body[0]) if body else None
    if body is None or version is None or body[1] >= body[2]:
        return [unresolved(p, num, ReplaceArticle)]
    ident, first, last = body
    at = first if instr.position == 1 else last - 1
    found = sentences(version.paragraphs[at])
    old = found[0] if instr.position == 1 else found[-1]
    new = (instr.new or "").strip().rstrip(".").strip()
    which = "first" if instr.position == 1 else "last"
    doubt = (
        f"the {which} sentence of {num} is read as the {which} of alinéa {at + 1} of {version.num}"
    )
    op = typed(ReplaceWords, p.src, target=ident, alinea=at + 1, old=old, new=new)
    return [Drafted(op, 0.6, (doubt,), num)]
