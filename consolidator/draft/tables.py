"""Rebuild regular certification tables (title, level, RNCP code, certifier) from PDF text.

A PDF extraction prints such a table column by column and row by row in fragments: titles
wrapped over lines, "level code certifier" on one line or codes and certifiers in runs.
One <row> is written per RNCP code line (codes and certifiers paired in order); one code
with several certifiers is co-certified: one row, certifiers joined by " ; ".

>>> t = parse_rows(["Intitulé de la certification", "Niveau", "visé", "Code", "RNCP",
...     "Certificateur", "", "Secrétaire médico-", "administratif", "",
...     "4 28152 Compagnie de formation -PIGIER"])
>>> [(r.title, r.level, r.codes, r.certifiers) for r in t]
[('Secrétaire médico-administratif', '4', ('28152',), ('Compagnie de formation -PIGIER',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consolidator.model import Para

COLUMNS = ("intitulé", "niveau", "rncp", "certificateur")
SHORT = 80  # table lines are short; a longer line is prose and ends the table

_HEADER_START = re.compile(r"^Intitulé de la( certification)?$")
_HEADER_WORDS = {
    "intitulé de la certification",
    "intitulé de la",
    "certification",
    "niveau",
    "visé",
    "niveau visé",
    "code",
    "rncp",
    "code rncp",
    "certificateur",
}
_FULL = re.compile(r"^(?P<title>.*\D)\s+(?P<level>[3-8]|-)\s+(?P<code>\d{2,6})\s+(?P<cert>\D.*)$")
_LCC = re.compile(r"^(?P<level>[3-8]|-)\s+(?P<code>\d{2,6})(?:\s+(?P<cert>\D.*))?$")
_LEVEL = re.compile(r"^(?:[3-8]|-)$")
_CODE = re.compile(r"^(?P<code>\d{2,6})(?:\s+(?P<cert>\D.*))?$")
_TITLE_LEVEL = re.compile(r"^(?P<title>.*\D)\s+(?P<level>[3-8])$")
_HEADING = re.compile(r"^\d+(?:\.\d+)+\s*:?\s")
_CODEISH = re.compile(r"^(?:(?:[3-8]|-)\s+)?\d{3,6}(?:\s|$)")


@dataclass
class _Row:
    title: list[str] = field(default_factory=list)
    level: str | None = None
    codes: list[str] = field(default_factory=list)
    certifiers: list[str] = field(default_factory=list)
    inline: bool = False  # the certifier came on the code's line
    line: int = 0

    def complete(self) -> bool:
        return bool(self.codes) and (self.inline or len(self.certifiers) >= len(self.codes))


@dataclass(frozen=True)
class Certification:
    """One certification of a table, as rebuilt."""

    title: str
    level: str
    codes: tuple[str, ...]
    certifiers: tuple[str, ...]
    line: int = 0

    def slots(self) -> list[tuple[str, str]]:
        """(code, certifier) pairs: by order when the counts agree; one code with several
        certifiers is co-certified (certifiers joined by " ; ")."""
        codes, certs = self.codes, self.certifiers
        if len(codes) == 1:
            return [(codes[0], " ; ".join(certs))]
        if len(codes) == len(certs):
            return list(zip(codes, certs, strict=True))
        pairs = [(c, certs[i] if i < len(certs) else "") for i, c in enumerate(codes)]
        if len(certs) > len(codes) and pairs:
            pairs[-1] = (pairs[-1][0], " ; ".join(certs[len(codes) - 1 :]))
        return pairs

    def paras(self) -> list[Para]:
        """One row per RNCP code line of the table."""
        return [
            Para.row(tuple(zip(COLUMNS, (self.title, self.level, code, cert), strict=True)))
            for code, cert in self.slots()
        ]


@dataclass(frozen=True)
class Table:
    """A table found in the source: the line ranges it occupies and its rows."""

    parts: tuple[tuple[int, int], ...]
    rows: tuple[Certification, ...]

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _join_title(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text.endswith("-") and part[:1].islower():
            text += part
        else:
            text = f"{text} {part}".strip()
    return text


def _text(row: _Row, line: str, blank: bool, rows: list[_Row], n: int) -> _Row:
    if not row.codes:
        row.title.append(line)
        return row
    if not row.complete():
        if row.certifiers and row.certifiers[-1].endswith(("-", "–")) and not blank:
            row.certifiers[-1] += " " + line
        else:
            row.certifiers.append(line)
        return row
    if line[:1].islower() and not row.inline and not blank:
        row.certifiers[-1] += " " + line
        return row
    if line[:1].islower() or (row.title and row.title[-1].endswith(("-", ":"))):
        row.title.append(line)
        return row
    if not row.inline and not blank:
        if row.certifiers[-1].endswith(("-", "–")):
            row.certifiers[-1] += " " + line
        else:
            row.certifiers.append(line)
        return row
    new = _Row(line=n)
    rows.append(new)
    if m := _TITLE_LEVEL.match(line):
        new.title.append(m["title"])
        new.level = m["level"]
    else:
        new.title.append(line)
    return new


def _step(row: _Row, n: int, line: str, blank: bool, rows: list[_Row]) -> _Row:
    if row.complete() and (m := _FULL.match(line)):
        row = _Row(line=n)
        rows.append(row)
    if not row.codes and not row.level and (m := _FULL.match(line)):
        row.title.append(m["title"])
        row.level, row.inline = m["level"], True
        row.codes.append(m["code"])
        row.certifiers.append(m["cert"])
        return row
    if m := _LCC.match(line):
        if row.complete():
            row = _Row(line=n)
            rows.append(row)
        row.level = row.level or m["level"]
        row.codes.append(m["code"])
        if m["cert"]:
            row.certifiers.append(m["cert"])
            row.inline = True
        return row
    if _LEVEL.match(line) and not row.codes:
        row.level = line
        return row
    if (m := _CODE.match(line)) and (not row.complete() or (not row.inline and not m["cert"])):
        row.codes.append(m["code"])
        if m["cert"]:
            row.certifiers.append(m["cert"])
        return row
    if not row.codes and not row.level and (m := _TITLE_LEVEL.match(line)):
        row.title.append(m["title"])
        row.level = m["level"]
        return row
    return _text(row, line, blank, rows, n)


def parse_rows(lines: list[str], first: int = 1) -> list[Certification]:
    """Rows of a table from its lines (header included); `first` is the number of lines[0]."""
    rows: list[_Row] = []
    row = _Row(line=first)
    rows.append(row)
    blank = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            blank = True
            continue
        blank = blank or raw.startswith(" ")  # a leading space marks a new text object
        if line.lower() in _HEADER_WORDS:
            continue
        if not row.title and not row.codes and row.level is None:
            row.line = first + i
        row = _step(row, first + i, line, blank, rows)
        blank = False
    return [
        Certification(
            _join_title(r.title), r.level or "", tuple(r.codes), tuple(r.certifiers), r.line
        )
        for r in rows
        if r.title or r.codes
    ]


def _extent(lines: list[str], start: int) -> int:
    """Index of the last line of the table part beginning at `start`."""
    last = start
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if len(line) > SHORT or (_HEADING.match(line) and i > start):
            break
        last = i
    return last


def _orphan(lines: list[str], i: int) -> int | None:
    """End of a header-less run of table lines starting at `i` (rows cut off by a page)."""
    end = _extent(lines, i)
    body = [x.strip() for x in lines[i : end + 1] if x.strip()]
    if len(body) < 3 or not any(_CODEISH.match(x) for x in body):
        return None
    if any(_HEADER_START.match(x) for x in body):
        return None
    return end


def find_tables(lines: list[str]) -> list[Table]:
    """Every certification table of a text (0-based `lines`); line numbers are 1-based."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if _HEADER_START.match(line):
            end = _extent(lines, i)
            parts = [(i, end)]
            j = end + 1
            while j < len(lines):
                nxt = lines[j].strip()
                if _HEADER_START.match(nxt):
                    break
                if (
                    nxt
                    and len(nxt) <= SHORT
                    and not _HEADING.match(nxt)
                    and not lines[j - 1].strip()
                ):
                    orphan = _orphan(lines, j)
                    if orphan is not None and _follows_prose(lines, parts[-1][1], j):
                        parts.append((j, orphan))
                        j = orphan + 1
                        continue
                j += 1
                if j - parts[-1][1] > 200:
                    break
            rows: list[Certification] = []
            for a, b in parts:
                rows += parse_rows(lines[a : b + 1], a + 1)
            tables.append(Table(tuple((a + 1, b + 1) for a, b in parts), tuple(rows)))
            i = end + 1
            continue
        i += 1
    return tables


def _follows_prose(lines: list[str], prev_end: int, j: int) -> bool:
    """An orphan run belongs to the previous table only when prose interrupted it."""
    between = [x.strip() for x in lines[prev_end + 1 : j] if x.strip()]
    return bool(between) and any(len(x) > SHORT for x in between)
