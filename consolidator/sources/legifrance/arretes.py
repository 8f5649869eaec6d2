"""Parse the ``Textes Extensions`` part into extension-order (arrêté) drafts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from consolidator.normalize import normalize_text
from consolidator.sources.legifrance.lines import article_label, is_marker, parse_arrete_header
from consolidator.sources.legifrance.model import ArreteDraft, Problem

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÀ-Ý«\"])")
_BO = re.compile(r"n°\s*(\d{4}\s*/\s*\d+)")
_EXTENDED = re.compile(
    r"(?:les|des) dispositions (?:de |d')(?P<what>(?:l'avenant|l'accord|la convention)\b.+?)"
    r"(?=,? (?:de|à) la convention collective (?:nationale )?susvisée|,? conclu\b|"
    r", (?:modifiée|à l'exclusion|sous réserve)|\s*\(complétée|\.$|$)"
)
_COMPLETED_BY = re.compile(r"modifiée et complétée par (?P<what>l'avenant [^()]+\([^()]*\))")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences without cutting ``L. 132-13`` or ``art. 1er``.

    >>> sentences("Texte étendu. Le paragraphe b de l'article 2 est étendu sous réserve de l'article L. 122-14.")
    ['Texte étendu.', "Le paragraphe b de l'article 2 est étendu sous réserve de l'article L. 122-14."]
    """
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def extended_texts(text: str) -> tuple[str, ...]:
    """Phrases naming the texts an arrêté extends (best effort).

    >>> extended_texts("… les dispositions de l'avenant n° 9 du 29 mars 2005, relatif à la mise à la "
    ...     "retraite, à la convention collective nationale susvisée.")
    ("l'avenant n° 9 du 29 mars 2005, relatif à la mise à la retraite",)
    """
    found: list[str] = []
    for paragraph in text.split("\n\n"):
        clean = normalize_text(paragraph)
        for pattern in (_EXTENDED, _COMPLETED_BY):
            for match in pattern.finditer(clean):
                phrase = match.group("what").strip().rstrip(",")
                if phrase not in found:
                    found.append(phrase)
    return tuple(found)


def _collect(paragraphs: list[str], *needles: str) -> tuple[str, ...]:
    """Sentences that contain one of ``needles`` (case and typography folded)."""
    hits: list[str] = []
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            folded = normalize_text(sentence).casefold()
            if any(needle in folded for needle in needles) and sentence not in hits:
                hits.append(sentence)
    return tuple(hits)


def _draft(lines: Sequence[str], head: int, stop: int, problems: list[Problem]) -> ArreteDraft:
    """One arrêté from its header at 0-based ``head`` up to ``stop``."""
    when = parse_arrete_header(lines[head])
    marker = next((i for i in range(head + 1, stop) if is_marker(lines[i])), None)
    article = next((i for i in range(head + 1, stop) if article_label(lines[i])), None)
    if marker is None:
        problems.append(Problem(head + 1, f"arrêté of {when} has no state marker", "anomaly"))
    body_start = (marker if marker is not None else head) + 1
    items = [
        (i + 1, lines[i].strip())
        for i in range(body_start, stop)
        if lines[i].strip() and not _PUNCTUATION_ONLY.match(lines[i].strip())
    ]
    paragraphs = [text for _, text in items]
    nota = next((p for p in paragraphs if p.startswith("Nota")), "")
    bo = _BO.search(normalize_text(nota))
    excluded = ("à l'exclusion", "exclu")
    return ArreteDraft(
        date=when,
        line=head + 1,
        end_line=_last_line(lines, head, stop),
        text="\n\n".join(paragraphs),
        extends=extended_texts("\n\n".join(paragraphs)),
        exclusions=_collect(paragraphs, *excluded),
        reservations=_collect(paragraphs, "sous réserve"),
        bo=re.sub(r"\s", "", bo.group(1)) if bo else None,
        marker_line=None if marker is None else marker + 1,
        article_line=None if article is None else article + 1,
    )


def _is_header(line: str) -> bool:
    """A whole line ``Arrêté du 17 août 2001`` / ``ARRETE du 2 décembre 2002``."""
    try:
        parse_arrete_header(line)
    except ValueError:
        return False
    return True


def _last_line(lines: Sequence[str], head: int, stop: int) -> int:
    """1-based number of the last non-empty line in ``[head, stop)``."""
    return max(i for i in range(head, stop) if lines[i].strip()) + 1


def parse_arretes(
    lines: Sequence[str], start: int, stop: int
) -> tuple[tuple[ArreteDraft, ...], list[Problem]]:
    """Arrêtés between 0-based ``start`` (after the part title) and ``stop``."""
    heads = [i for i in range(start, stop) if _is_header(lines[i])]
    problems: list[Problem] = []
    first = heads[0] if heads else stop
    problems += [
        Problem(i + 1, f"line outside any arrêté: {lines[i].strip()[:80]!r}")
        for i in range(start, first)
        if lines[i].strip()
    ]
    drafts: list[ArreteDraft] = []
    for k, head in enumerate(heads):
        nxt = heads[k + 1] if k + 1 < len(heads) else stop
        drafts.append(_draft(lines, head, nxt, problems))
    return tuple(drafts), problems
