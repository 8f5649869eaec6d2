"""Clean the plain text of an amending act (PDF extraction or export) into numbered blocks.

A block is one paragraph, heading or table line, with the 1-based line range it came from.
PDF text wraps paragraphs over several lines (detected from the line lengths); an export
keeps one paragraph per line.

>>> [b.text for b in blocks_of("Titre\\n\\nLa loi du 5 septembre 2018 a\\nprofondément transformé.\\nSuite.")]
['Titre', 'La loi du 5 septembre 2018 a profondément transformé.', 'Suite.']
>>> [b.text for b in blocks_of("Secrétaire médico-\\nadministratif\\n")]
['Secrétaire médico-administratif']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WRAP_WIDTH = 135  # a text whose longest line is shorter than this was wrapped by a PDF tool

_PAGE = re.compile(
    r"^\s*(?:-\s*\d+\s*-|(?:page\s*)?\d+\s*(?:/|sur)\s*\d+|page\s+\d+)\s*$", re.IGNORECASE
)
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2002\u2003\u2005\u2009]+")
_HEADING = re.compile(
    r"^(?:«\s*)?(?:(?:ARTICLE|Article|Art\.)\s+\d|Chapitre\s|CHAPITRE\s|Annexe\s|ANNEXE\s|"
    r"\d+(?:\.\s?\d+)+\.?\s*(?::\s*)?[A-ZÉÈÀÂÎÔ«])"
)
_BULLET = re.compile(r"^(?:[-–—―•]|\d+°|[a-z]\))\s")
_TERMINAL = re.compile(r"[.;:!?»)]\s*$")
_ABBREV = re.compile(r"(?:\b[LRD]|\bart|\bn°|\bp|\bcf|\bM)\.\s*$")
_LEGAL_REF = re.compile(r"^[LRD]\.\s?\d")


@dataclass(frozen=True)
class Block:
    """One paragraph of the source, with its first and last line (1-based)."""

    start: int
    end: int
    text: str

    @property
    def src(self) -> str:
        return f"{self.start}-{self.end}"


def clean_line(line: str) -> str:
    """Fold unusual spaces, drop form feeds and trailing blanks.

    >>> clean_line("\\x0cArticle 3 :\\u00a0Durée  ")
    'Article 3 : Durée'
    """
    return _SPACES.sub(" ", line.replace("\f", "")).strip()


def is_page_furniture(line: str) -> bool:
    """Page numbers left by the PDF tool.

    >>> is_page_furniture("Page 3 sur 12"), is_page_furniture("- 4 -"), is_page_furniture("4 28152 X")
    (True, True, False)
    """
    return bool(_PAGE.match(line))


def is_wrapped(lines: list[str]) -> bool:
    """True when the text was wrapped at a fixed width (PDF), false for one line per paragraph."""
    return max((len(x) for x in lines), default=0) < WRAP_WIDTH


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text)) and not _ABBREV.search(text)


def _join(left: str, right: str) -> str:
    """Join two wrapped lines; a line-final hyphen is a real one (French compounds)."""
    if re.search(r"\w-$", left) and right[:1].islower():
        return left + right
    return f"{left} {right}"


def _continues(prev: str, line: str, blank: bool, heading: bool, width: int) -> bool:
    """Whether `line` continues the paragraph ending with `prev` in wrapped text.

    A short line followed by a capital ends its paragraph even without a full stop
    (PDF text loses some), unless the next line is a legal reference (« L. 5134-19-1 »).
    """
    if _HEADING.match(line):
        return False
    if _BULLET.match(line):
        return not blank and not _ends_sentence(prev) and not _BULLET.match(prev)
    if _LEGAL_REF.match(line) and not _ends_sentence(prev):
        return True
    if heading or blank:
        return line[:1].islower() and not _ends_sentence(prev)
    if len(prev) < 0.7 * width and line[:1].isupper():
        return False
    if _ends_sentence(prev):
        # a sentence ending on a full line is a wrap, not the end of the paragraph
        return len(prev) >= 0.9 * width and line[:1].isupper() and prev.rstrip()[-1] == "."
    return True


def _width(lines: list[str]) -> int:
    """The usual width of full lines (9th decile of the lengths)."""
    lengths = sorted(len(x) for x in lines if x)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def blocks_of(text: str) -> list[Block]:
    """Cut a source text into blocks (paragraphs), whatever its line wrapping."""
    raw = [clean_line(x) for x in text.split("\n")]
    lines = [(i + 1, x) for i, x in enumerate(raw) if not is_page_furniture(x)]
    if not is_wrapped([x for _, x in lines]):
        return [Block(n, n, x) for n, x in lines if x]
    width = _width([x for _, x in lines])
    out: list[Block] = []
    cur: list[tuple[int, str]] = []
    heading = False
    blank = False
    for n, line in lines:
        if not line:
            blank = True
            continue
        if cur and _continues(cur[-1][1], line, blank, heading, width):
            cur.append((n, line))
        else:
            if cur:
                out.append(_block(cur))
            cur = [(n, line)]
            heading = bool(_HEADING.match(line))
        blank = False
    if cur:
        out.append(_block(cur))
    return out


def _block(lines: list[tuple[int, str]]) -> Block:
    text = lines[0][1]
    for _, line in lines[1:]:
        text = _join(text, line)
    return Block(lines[0][0], lines[-1][0], text)
