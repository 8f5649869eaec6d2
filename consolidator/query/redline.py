"""Word-level redline of two wordings, aligned paragraph by paragraph, retypings kept apart.

A redline is a tuple of (op, text) pairs: EQUAL (0), DELETE (-1), INSERT (1), and for a change
of typography only (dash, quote, apostrophe, space, ligature: « - » → « – », « oe » → « œ ») the pair
RETYPED_OLD (-2) then RETYPED_NEW (2), which readers see apart from changes of meaning.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from diff_match_patch import diff_match_patch

EQUAL, DELETE, INSERT = 0, -1, 1
RETYPED_OLD, RETYPED_NEW = -2, 2
Redline = tuple[tuple[int, str], ...]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
REWRITE_COST = 3_000_000  # edit distance x length (in words) above which a block is "rewritten"
PAIR_RATIO = 0.5  # two paragraphs sharing less than this (in words) are not the same alinéa
MERGE_GAIN = 0.15  # pairing alinéas merged or split must read this much closer than one to one
_PLANE = 0xF0000  # supplementary private use area: 131 068 code points for token ids
_TYPO = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "œ": "oe",
        "Œ": "OE",
    }
)


def typo_key(text: str) -> str:
    """The text with its typography flattened: what a retyping leaves unchanged.

    >>> typo_key("l’article – « ici »")
    'l\\'article - " ici "'
    """
    flat = re.sub(r"\s*\n\s*", "\n", text.translate(_TYPO))  # a paragraph break is not a space
    return re.sub(r"[^\S\n]+", " ", flat)


def _units_diff(old: list[str], new: list[str], semantic: bool) -> list[tuple[int, int]]:
    """diff-match-patch over sequences of units, each mapped to one char: (op, unit count)."""
    vocab: dict[str, str] = {}

    def encode(units: list[str]) -> str:
        return "".join(vocab.setdefault(u, chr(_PLANE + len(vocab))) for u in units)

    a, b = encode(old), encode(new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same input always gives the same diff
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, len(chunk)) for op, chunk in diffs if chunk]


def _equal_run(old: list[str], new: list[str]) -> list[tuple[int, str]]:
    """Units equal up to typography: plain text where identical, retypings where not."""
    out: list[tuple[int, str]] = []
    for a, b in zip(old, new, strict=True):
        if a == b:
            out.append((EQUAL, a))
        else:
            out += [(RETYPED_OLD, a), (RETYPED_NEW, b)]
    return out


def _words(old: str, new: str) -> list[tuple[int, str]]:
    """Word-level diff of one paragraph (or one block of paragraphs)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ka, kb = [typo_key(t) for t in a], [typo_key(t) for t in b]
    common = sum((Counter(ka) & Counter(kb)).values())
    if (len(a) + len(b) - 2 * common) * (len(a) + len(b)) > REWRITE_COST:
        return [(DELETE, old), (INSERT, new)]  # rewritten through: a redline would be noise
    out: list[tuple[int, str]] = []
    i = j = 0
    for op, n in _units_diff(ka, kb, semantic=True):
        if op == EQUAL:
            out += _equal_run(a[i : i + n], b[j : j + n])
            i, j = i + n, j + n
        elif op == DELETE:
            out.append((DELETE, "".join(a[i : i + n])))
            i += n
        else:
            out.append((INSERT, "".join(b[j : j + n])))
            j += n
    return out


def _similar(old: str, new: str) -> float:
    return SequenceMatcher(None, _TOKEN.findall(old), _TOKEN.findall(new), False).ratio()


def _best_match(old: str, came: list[str], start: int) -> tuple[float, int]:
    """max((_similar(old, new), k) for k, new in enumerate(came[start:], start)), with the
    exact ratio computed only where its upper bound (quick_ratio) can still reach the best."""
    best = (0.0, -1)
    tokens = _TOKEN.findall(old)
    for k in range(start, len(came)):
        matcher = SequenceMatcher(None, tokens, _TOKEN.findall(came[k]), False)
        if matcher.real_quick_ratio() < best[0] or matcher.quick_ratio() < best[0]:
            continue
        best = max(best, (matcher.ratio(), k))
    return best


def _pair(
    gone: list[str], came: list[str], sep: str = "\n\n"
) -> list[tuple[str | None, str | None]]:
    """Pair removed and added paragraphs that are the same alinéa reworded (in order); two
    alinéas merged into one (or one split in two) are paired as a whole."""
    pairs: list[tuple[str | None, str | None]] = []
    i = j = 0
    while i < len(gone):
        score, k = _best_match(gone[i], came, j)
        if score < PAIR_RATIO:
            pairs.append((gone[i], None))
            i += 1
            continue
        i_end, k_end = i + 1, k + 1
        while i_end < len(gone):  # merged: old alinéas i..i_end read as one new alinéa
            wider = _similar(sep.join(gone[i : i_end + 1]), sep.join(came[k:k_end]))
            if wider < score + MERGE_GAIN:
                break
            score, i_end = wider, i_end + 1
        while k_end < len(came):  # split: one old alinéa became new alinéas k..k_end
            wider = _similar(sep.join(gone[i:i_end]), sep.join(came[k : k_end + 1]))
            if wider < score + MERGE_GAIN:
                break
            score, k_end = wider, k_end + 1
        pairs += [(None, new) for new in came[j:k]]
        pairs.append((sep.join(gone[i:i_end]), sep.join(came[k:k_end])))
        i, j = i_end, k_end
    pairs += [(None, new) for new in came[j:]]
    return pairs


def _merge(parts: list[tuple[int, str]]) -> Redline:
    out: list[tuple[int, str]] = []
    for op, text in parts:
        if not text:
            continue
        if out and out[-1][0] == op and abs(op) != 2:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return tuple(out)


def _blocks(
    old: list[str], new: list[str], sep: str = "\n\n"
) -> list[tuple[list[tuple[int, str]], bool, bool]]:
    """Each paragraph's redline, with whether it has an old side and a new side."""
    blocks: list[tuple[list[tuple[int, str]], bool, bool]] = []
    i = j = 0
    gone: list[str] = []
    came: list[str] = []

    def flush() -> None:
        for a, b in _pair(gone, came, sep):
            if a is not None and b is not None:
                blocks.append((_words(a, b), True, True))
            elif a is not None:
                blocks.append(([(DELETE, a)], True, False))
            elif b is not None:
                blocks.append(([(INSERT, b)], False, True))
        gone.clear()
        came.clear()

    keys_old, keys_new = [typo_key(p) for p in old], [typo_key(p) for p in new]
    for op, n in _units_diff(keys_old, keys_new, semantic=False):
        if op == EQUAL:
            flush()
            for a, b in zip(old[i : i + n], new[j : j + n], strict=True):
                blocks.append(([(EQUAL, a)] if a == b else _words(a, b), True, True))
            i, j = i + n, j + n
        elif op == DELETE:
            gone.extend(old[i : i + n])
            i += n
        else:
            came.extend(new[j : j + n])
            j += n
    flush()
    return blocks


# Redlines of an earlier run (a build's folder keeps those of its feeds: render/site_build.py),
# by `redline_key`, each checked against its two wordings before use; and, while `RECORDED` is
# a dict, every redline asked for (what the build stores for the next one).
KNOWN: dict[str, Redline] = {}
RECORDED: dict[str, Redline] | None = None


def redline_key(old: str, new: str, sep: str) -> str:
    h = hashlib.sha256()
    for text in (sep, old, new):
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def word_diff(old: str, new: str, sep: str = "\n\n") -> Redline:
    """`_word_diff`, read from `KNOWN` when an earlier run computed it; recorded in `RECORDED`."""
    if RECORDED is None and not KNOWN:
        return _word_diff(old, new, sep)
    key = redline_key(old, new, sep)
    known = KNOWN.get(key)
    if known is not None and side(known, True) == old and side(known, False) == new:
        redline = known
    else:
        redline = _word_diff(old, new, sep)
    if RECORDED is not None:
        RECORDED[key] = redline
    return redline


@lru_cache(maxsize=512)
def _word_diff(old: str, new: str, sep: str = "\n\n") -> Redline:
    r"""Word-level diff (words, spaces and punctuation are the units), semantically cleaned.

    Paragraphs (separated by `sep`) are aligned first; a removed and an added paragraph that
    share most of their words are compared word by word, others stay whole.

    >>> word_diff("fixé à 20 jours par an", "fixé à 10 jours par an")
    ((0, 'fixé à '), (-1, '20'), (1, '10'), (0, ' jours par an'))
    >>> word_diff("même texte", "même texte")
    ((0, 'même texte'),)
    >>> word_diff("A\n\nC", "A\n\nB\n\nC")
    ((0, 'A'), (1, '\n\nB'), (0, '\n\nC'))
    >>> word_diff("l'article - ici", "l’article – ici")
    ((0, 'l'), (-2, "'"), (2, '’'), (0, 'article '), (-2, '-'), (2, '–'), (0, ' ici'))
    """
    out: list[tuple[int, str]] = []
    seen_old = seen_new = False
    for parts, has_old, has_new in _blocks(old.split(sep), new.split(sep), sep):
        old_sep, new_sep = has_old and seen_old, has_new and seen_new
        if old_sep or new_sep:
            out.append((EQUAL if old_sep and new_sep else DELETE if old_sep else INSERT, sep))
        out += parts
        seen_old, seen_new = seen_old or has_old, seen_new or has_new
    return _merge(out)


def side(redline: Redline, old: bool) -> str:
    """One side of a redline: the old wording (old=True) or the new one.

    >>> r = word_diff("20 jours – par an", "10 jours - par an")
    >>> side(r, True), side(r, False)
    ('20 jours – par an', '10 jours - par an')
    """
    keep = (EQUAL, DELETE, RETYPED_OLD) if old else (EQUAL, INSERT, RETYPED_NEW)
    return "".join(t for op, t in redline if op in keep)


def meaning_changed(redline: Redline) -> bool:
    """True when the redline deletes or inserts words, not only retypes them."""
    return any(op in (DELETE, INSERT) for op, _ in redline)


def side_by_side(redline: Redline, sep: str = "\n\n") -> list[tuple[Redline, Redline]]:
    r"""Rows of (old alinéa, new alinéa), aligned as the redline aligned them; one side may be empty.

    >>> side_by_side(word_diff("A\n\nB c", "A\n\nB d\n\nE"))[1:]
    [(((0, 'B '), (-1, 'c')), ((0, 'B '), (1, 'd'))), ((), ((1, 'E'),))]
    """
    old, new = side(redline, True), side(redline, False)
    rows: list[tuple[Redline, Redline]] = []
    for parts, has_old, has_new in _blocks(old.split(sep), new.split(sep), sep):
        left = [(op, t) for op, t in parts if op in (EQUAL, DELETE, RETYPED_OLD)] if has_old else []
        right = (
            [(op, t) for op, t in parts if op in (EQUAL, INSERT, RETYPED_NEW)] if has_new else []
        )
        rows.append((_merge(left), _merge(right)))
    return rows
