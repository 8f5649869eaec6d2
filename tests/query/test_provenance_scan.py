"""The seeds' index (query/seeds.py) finds exactly what a scan of the whole seed finds: every
« avenant n° N [du <date>] » (from each « n° » back to its « avenant »), the first « arrêté du
... (Journal officiel du ...) » (from the few places « arrêté du » stands), and each date where a
scan for that one date finds it (the lines it is printed on, the first line naming an act of
that date)."""

from __future__ import annotations

import functools
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.dates import format_french
from consolidator.query import provenance, seeds
from consolidator.query.seeds import seed_text
from consolidator.resources import DEFAULT_CORPUS

ROOT = str(DEFAULT_CORPUS)
PIECES = ["avenant", "AVENANT", " ", "\n", "\u00a0", "n", "N", "°", "12", "3", " du ", "1er",
          " mars ", "2001", "x", ".", "arrêté du "]  # fmt: skip


def _all(text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in seeds._MENTION.finditer(text)]


def _found(text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in seeds.mention_matches(text)]


def test_mentions_of_every_seed_are_those_of_a_whole_scan() -> None:
    for name in ("004", "000", "001"):
        text = seed_text(ROOT, name)
        assert _found(text) == _all(text)
    assert len(_all(seed_text(ROOT, "004"))) > 10  # the main seed names avenants


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_mentions_of_any_text_are_those_of_a_whole_scan(text: str) -> None:
    assert _found(text) == _all(text)


def test_first_arrete_is_the_first_occurrence_in_the_seed() -> None:
    seed = seed_text(ROOT)
    starts = [at for at, _, _ in seeds.seed_index(ROOT).arretes]
    assert starts and all(seed.startswith(seeds.ARRETE_DU, at) for at in starts)
    for at in starts:
        words = seed[at : seed.find(")", at) if seed.find(")", at) > 0 else at + 60]
        assert provenance._first(ROOT, words) == seed.find(words)
    assert provenance._first(ROOT, "arrêté du 31 février 1999 (JO") == -1


def _day_pattern(day: date) -> re.Pattern[str]:
    """The pattern the seeds were scanned with for each date before the seeds' index."""
    first, _, rest = format_french(day).partition(" ")
    lead = "1(?:er)?" if first == "1er" else re.escape(first)
    spaced = r"\s+".join(map(re.escape, rest.split()))
    return re.compile(r"(?<!\d)" + lead + r"\s+" + spaced)


def _written_by_scan(text: str, day: date) -> int | None:
    """The first line where `day` (any letter case) is an act's date, by a scan for that date."""
    for m in re.finditer(_day_pattern(day).pattern, text, re.IGNORECASE):
        line = seeds.act_date_line(text, m)
        if line is not None:
            return line
    return None


def _lines_by_scan(text: str, day: date) -> list[int]:
    pattern, year = _day_pattern(day), str(day.year)  # a line without the year cannot match
    return [n for n, line in enumerate(_split(text), 1) if year in line and pattern.search(line)]


@functools.cache
def _split(text: str) -> list[str]:
    return text.split("\n")


def test_every_act_date_is_found_where_a_scan_for_it_finds_it(index) -> None:
    """Every signature date of the corpus (and the dates of a slice of 004): the seeds' index
    gives the lines a scan of the seed for that one date gives (004 l.11853: « le 8 décembre
    2017, l'avenant n° 22 était conclu »)."""
    built = seeds.seed_index(ROOT)
    texts = {name: seed_text(ROOT, name) for name in seeds.SEEDS}
    days = {act.signed for act in index.corpus.acts.values()}
    days |= {d for n, ds in built.on_line["004"].items() if 11800 <= n <= 11900 for d in ds}
    assert date(2017, 12, 8) in days and built.written["004"][date(2017, 12, 8)] == 11853
    for day in sorted(days):
        for name in seeds.ANYWHERE:
            assert built.written[name].get(day) == _written_by_scan(texts[name], day), (name, day)
        for name in seeds.SEEDS:
            lines = [n for n, ds in built.on_line[name].items() if day in ds]
            assert sorted(lines) == _lines_by_scan(texts[name], day), (name, day)


DATE_PIECES = ["1er", "1ER", "1", "2", "12", "31", "0", " ", "\n", "\u00a0", "juin", "JUIN",
               "Juillet", "février", "FÉVRIER", "2017", "20171", "accord du ", "le ", ", l'avenant",
               "arrêté", "x"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=14).map("".join))
def test_dates_of_any_text_are_those_of_a_scan_for_each_date(text: str) -> None:
    written, on_lines = seeds.dates_written(text), seeds.dates_on_lines(text)
    for day in [date(2017, 6, 1), date(2017, 6, 2), date(2017, 6, 12), date(2017, 7, 31),
                date(2017, 2, 12), date(2017, 6, 1)]:  # fmt: skip
        assert written.get(day) == _written_by_scan(text, day)
        assert [n for n, ds in on_lines.items() if day in ds] == _lines_by_scan(text, day)
    assert all(len(str(d.year)) == 4 for ds in on_lines.values() for d in ds)
