"""The seeds and the public metadata file, as provenance reads them: where each date and each
« avenant n° N » is written, where each « arrêté du … » stands, and the metadata's titles and JO
dates.

That index (`seed_index`) is built by one pass over each seed and stored in the cache folder
(engine/cache.py `stored`), keyed by every byte of the seeds and of the metadata file and by the
package's code: a later process reads it back instead of scanning the seeds again (a regex over
the 1.4 MB seed per date cost ~10 ms, 0.5 s for the whole text's JSON), and a change of one byte
of a seed is a new index. Each lookup answers what a scan of the seed answers
(tests/query/test_provenance_scan.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from consolidator.dates import MOIS_NOMS
from consolidator.engine import cache as store
from consolidator.resources import SOURCES

METADATA = "kali-2128-metadata.json"
SEEDS = ("004", "000", "001")
ANYWHERE = ("004", "000")  # the seeds searched whole for an act's date or number

EMBEDDED = SOURCES  # the project's own seeds (repository or installed wheel)


def sources_folder(root: str) -> Path:
    """The seeds beside the corpus, else the project's own (a test corpus reuses them)."""
    folder = Path(root) / ".." / "sources"
    return folder if (folder / METADATA).exists() else EMBEDDED


@dataclass(frozen=True)
class SeedIndex:
    """What provenance reads from the seeds, by seed name (« 004 »)."""

    lines: dict[str, int]  # how many lines each seed has
    on_line: dict[str, dict[int, frozenset[date]]]  # line -> the dates written on it as printed
    written: dict[str, dict[date, int]]  # date -> first line naming an act of that date
    mentions: dict[str, dict[str, list[tuple[int, str | None]]]]  # « avenant n° N [du …] »
    arretes: tuple[tuple[int, int, str], ...]  # each « arrêté du » of 004: offset, line, words
    titles: dict[str, list[str]]  # metadata: signature date -> titles of the texts signed then
    jo_dates: dict[str, list[str]]  # metadata: arrêté date -> its JO dates


def _seed_files(folder: Path) -> dict[str, Path]:
    """The files the index is built from: each seed's first file (« 004_*.txt ») and the metadata."""
    files = {}
    for name in SEEDS:
        found = sorted(folder.glob(f"{name}_*.txt"))
        if found:
            files[name] = found[0]
    metadata_file = folder / METADATA
    if metadata_file.exists():
        files[METADATA] = metadata_file
    return files


def seeds_key(root: str) -> str:
    """The hash of every byte `seed_index(root)` is built from (an input of every site page)."""
    return store.paths_key("seeds", _seed_files(sources_folder(root)))


@cache
def seed_index(root: str) -> SeedIndex:
    """The index of the seeds beside the corpus `root` (read once per process; the seeds are read
    only when it is built, their key from their remembered digests: engine/digests.py)."""
    files = _seed_files(sources_folder(root))
    return store.stored(
        "seeds",
        store.paths_key("seeds", files),
        lambda: build_index(contents(files)),
    )


def contents(files: dict[str, Path]) -> dict[str, bytes]:
    """The bytes of the seed files (`build_index`'s input)."""
    return {name: path.read_bytes() for name, path in files.items()}


def _decoded(data: bytes) -> str:
    """The text as `Path.read_text` gives it (UTF-8, universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@cache
def seed_text(root: str, name: str = "004") -> str:
    found = sorted(sources_folder(root).glob(f"{name}_*.txt"))
    return found[0].read_text(encoding="utf-8") if found else ""


def metadata_titles(root: str) -> dict[str, list[str]]:
    return seed_index(root).titles


def metadata(root: str) -> dict[str, list[str]]:
    """Each arrêté date of the metadata file with its JO dates (several when two share a day)."""
    return seed_index(root).jo_dates


def build_index(files: dict[str, bytes]) -> SeedIndex:
    import json  # only when the seeds change: the index is read back from the cache folder

    texts = {name: _decoded(files[name]) if name in files else "" for name in SEEDS}
    data = json.loads(_decoded(files[METADATA])) if METADATA in files else {}
    titles: dict[str, list[str]] = {}
    for text in data.get("texts", []):
        titles.setdefault(text.get("signed") or "", []).append(text.get("title", ""))
    jo_dates = {
        a["date"]: [d for d in [a.get("jo_published"), *a.get("jo_published_also", [])] if d]
        for a in data.get("arretes", [])
    }
    return SeedIndex(
        lines={name: text.count("\n") + 1 for name, text in texts.items()},
        on_line={name: dates_on_lines(text) for name, text in texts.items()},
        written={name: dates_written(texts[name]) for name in ANYWHERE},
        mentions={name: mentions(text) for name, text in texts.items()},
        arretes=arretes(texts["004"]),
        titles=titles,
        jo_dates=jo_dates,
    )


# A date as format_french prints it (« 1er juin 2017 », « 1 juin 2017 », whitespace as printed):
# the same matches as a pattern made for each date (`day_pattern`), found in one pass
_MONTHS = [re.compile(re.escape(month), re.IGNORECASE) for month in MOIS_NOMS]
_ANY_DAY = r"(?<!\d)(1er|[1-9][0-9]?)\s+(" + "|".join(MOIS_NOMS[1:]) + r")\s+([0-9]{4})"
_ANY_DAY_CASED = re.compile(_ANY_DAY)
_ANY_DAY_IGNORECASE = re.compile(_ANY_DAY, re.IGNORECASE)


def _day_of(m: re.Match[str]) -> date | None:
    day, month, year = m.groups()
    number = next(n for n, p in enumerate(_MONTHS) if n and p.fullmatch(month))
    try:
        return date(int(year), number, 1 if day.lower() == "1er" else int(day))
    except ValueError:  # « 31 février », year 0: no date is printed so
        return None


def dates_on_lines(text: str) -> dict[int, frozenset[date]]:
    """Each line's dates written as format_french prints them (letter case too), by line number."""
    out: dict[int, frozenset[date]] = {}
    for n, line in enumerate(text.split("\n"), 1):
        days = {_day_of(m) for m in _ANY_DAY_CASED.finditer(line)} - {None}
        if days:
            out[n] = frozenset(d for d in days if d is not None)
    return out


# « accord du 5 juillet 2011 », « accord agenda social … signé … le 22 novembre 2021 » (004
# l.14909), « le 8 décembre 2017, l'avenant n° 22 était conclu » (l.11853); never an arrêté's date
_NAMED_BEFORE = re.compile(
    r"(?:avenant|accord|protocole|annexe|convention)(?:(?!arrêté)[^\n]){0,100}?\s(?:du|le)\s+\Z",
    re.IGNORECASE,
)
_LE_BEFORE = re.compile(r"le\s+\Z", re.IGNORECASE)
_ACT_AFTER = re.compile(r",\s+l'(?:avenant|accord)", re.IGNORECASE)


def act_date_line(text: str, m: re.Match[str]) -> int | None:
    """The line where the words before a date `m` name an act (« avenant … du <date> », « le
    <date>, l'avenant »), read within 160 characters before it; None when they name none."""
    low = max(0, m.start() - 160)
    before = text[low : m.start()]
    hit = _NAMED_BEFORE.search(before) or (
        _ACT_AFTER.match(text, m.end()) and _LE_BEFORE.search(before)
    )
    return text.count("\n", 0, low + hit.start()) + 1 if hit else None


def dates_written(text: str) -> dict[date, int]:
    """Each date of the seed (any letter case) with the first line where it is an act's date."""
    out: dict[date, int] = {}
    for m in _ANY_DAY_IGNORECASE.finditer(text):
        day = _day_of(m)
        if day is not None and day not in out:
            line = act_date_line(text, m)
            if line is not None:
                out[day] = line
    return out


_MENTION = re.compile(
    # « avenant n° 20 du 21 septembre 2016 », or with its subject between: « un avenant n° 20
    # relatif au droit syndical le 21 septembre 2016 » (004 l.10917)
    r"avenant\s+n°\s*(\d+)(?![\d.])(?:(?:\s+[^\n\d«»()]{1,60}?)?\s+(?:du|le)\s+"
    r"(\d{1,2}(?:er)?\s+\w+\s+\d{4}))?",
    re.IGNORECASE,
)


def mentions(text: str) -> dict[str, list[tuple[int, str | None]]]:
    """Every « avenant n° N [du <date>] » of a seed: N → [(line, date as written)]."""
    out: dict[str, list[tuple[int, str | None]]] = {}
    line, pos = 1, 0
    for m in mention_matches(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        when = " ".join(m.group(2).split()) if m.group(2) else None
        out.setdefault(m.group(1), []).append((line, when))
    return out


def mention_matches(text: str) -> list[re.Match[str]]:
    """_MENTION.finditer(text), found from each « n° » (rare) back to its « avenant »: the same
    matches without running the case-insensitive pattern over the whole seed."""
    out: list[re.Match[str]] = []
    at, end = 0, 0
    while (at := text.find("°", at)) >= 0:
        n, at = at - 1, at + 1
        if n < 1 or text[n] not in "nN":
            continue
        space = n - 1
        while space >= 0 and text[space].isspace():  # \s is str.isspace
            space -= 1
        start = space + 1 - len("avenant")
        if space == n - 1 or start < end:  # no space before « n° », or inside the last match
            continue
        found = _MENTION.match(text, start)
        if found is not None:
            out.append(found)
            end = found.end()
    return out


ARRETE_DU = "arrêté du "
WORDS = 200  # characters kept after each « arrêté du »: more than any « … (Journal officiel du …) »


def arretes(seed: str) -> tuple[tuple[int, int, str], ...]:
    """Where « arrêté du » stands in the seed (a few dozen places): offset, line, the words."""
    out, at = [], 0
    while (at := seed.find(ARRETE_DU, at)) >= 0:
        out.append((at, seed.count("\n", 0, at) + 1, seed[at : at + WORDS]))
        at += 1
    return tuple(out)
