"""What an arrêté's exclusion designates: words of a sentence, or whole rows of a table.

An exclusion that names a table row (avenant n° 29's certifications in 9.5.2, each named by the
arrêté with its RNCP code and its certifier) takes the whole row; one RNCP code may stand on
several rows (31204: INSEEC, extended, and CEESCO, excluded: 004 l.1591), so a row is designated
by its whole content, never by the code alone. Every format (text, history, citation,
applicability) words it through `designation`.
"""

from __future__ import annotations

from consolidator.french import and_list
from consolidator.model import Restriction, RestrictionKind, Version
from consolidator.query.states import Span


def row_words(version: Version, fragment: int) -> str:
    """« Manager financier — 7 — 31204 — CEESCO »: the row's cells as printed, in quotes."""
    return f"« {version.fragments[fragment].text} »"


def row_exclusions(version: Version, spans: tuple[Span, ...]) -> dict[Restriction, tuple[int, ...]]:
    """The exclusions that take only whole table rows, with the rows (fragment indexes) each takes."""
    rows: dict[Restriction, list[int]] = {}
    words: set[Restriction] = set()
    for sp in spans:
        frag = version.fragments[sp.fragment]
        if frag.cells and (sp.start, sp.end) == (0, len(frag.text)):
            rows.setdefault(sp.restriction, []).append(sp.fragment)
        else:
            words.add(sp.restriction)
    return {r: tuple(dict.fromkeys(found)) for r, found in rows.items() if r not in words}


def rows_phrase(version: Version, fragments: list[int], of: bool = False) -> str:
    """« la ligne « … » du tableau », « les 2 lignes « … » et « … » du tableau »; after « de »
    when `of` (« de la ligne … », « des 2 lignes … »)."""
    quoted = [row_words(version, i) for i in dict.fromkeys(fragments)]
    if len(quoted) == 1:
        return f"{'de ' if of else ''}la ligne {quoted[0]} du tableau"
    return f"{'des' if of else 'les'} {len(quoted)} lignes {and_list(quoted)} du tableau"


def designation(version: Version, spans: tuple[Span, ...], r: Restriction) -> str | None:
    """What the exclusion takes out, in words: « la ligne « … » du tableau », « les termes
    « au plan national » », or None (a whole alinéa or article, a reservation, a scope)."""
    if r.kind is not RestrictionKind.EXCLUSION:
        return f"termes « {r.words} »" if r.words else None
    rows = row_exclusions(version, spans).get(r)
    if rows:
        return rows_phrase(version, list(rows))
    return f"termes « {r.words} »" if r.words else None
