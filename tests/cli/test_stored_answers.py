"""Answers of `text` and `article` read back from the cache folder (query/answers.py): the
same bytes as the answer worked out afresh, for the same question on the same corpus, seeds and
code only; a change of one word of the corpus or of one date of the metadata file is a new
answer; a failing question, `--no-cache` and the formats that read templates store nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from consolidator import commands
from consolidator.engine.index import open_index
from consolidator.errors import QueryError
from consolidator.query import answers
from consolidator.resources import SOURCES
from tests.conftest import flat

# avenant n° 20, article 2.3 (seed 004 l.258-262): « Un crédit mensuel de 7 heures est accordé »
ACT = "acts/2016-09-21-avenant-20.xml"
WORDS = "Un crédit mensuel de 7 heures est accordé"
DAY = date(2023, 1, 1)


def fresh(corpus: Path, question: tuple[object, ...]) -> str | bytes:
    """The answer worked out from a replay, without the cache."""
    index = open_index(corpus, use_cache=False)
    if question[0] == "text":
        _, day, known_at, view, fmt = question
        if known_at is not None:
            from consolidator.query.knowledge import known_index

            index = known_index(index, known_at)  # type: ignore[arg-type]
        return commands.text_document(index, day, view, fmt)  # type: ignore[arg-type]
    _, ident, day, known_at, view, fmt = question
    return commands.article_document(index, ident, day, view, fmt, known_at)  # type: ignore[arg-type]


def ask(corpus: Path, question: tuple[object, ...]) -> str | bytes:
    """The answer the command gives (read back when stored)."""
    if question[0] == "text":
        return commands.text_answer(corpus, *question[1:])  # type: ignore[arg-type]
    return commands.article_answer(corpus, *question[1:])  # type: ignore[arg-type]


def stored(cache_folder: Path) -> list[Path]:
    return sorted(cache_folder.glob("answer-*.pickle"))


@pytest.mark.parametrize(
    "question",
    [
        ("text", DAY, None, "adherent", "json"),
        ("text", date(2012, 6, 1), None, "branche", "text"),
        ("text", DAY, date(2017, 1, 1), "adherent", "json"),
        ("article", "2.3", date(2017, 1, 1), None, "adherent", "text"),
        ("article", "2.5", DAY, None, "branche", "json"),
    ],
)
def test_an_answer_asked_again_is_read_back(
    corpus: Path,
    cache_folder: Path,
    question: tuple[object, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = ask(corpus, question)
    assert first == fresh(corpus, question)
    assert len(stored(cache_folder)) == 1

    def refused(*_: object) -> None:
        raise AssertionError("the index was opened")

    monkeypatch.setattr(commands, "open_known", refused)
    assert ask(corpus, question) == first


def test_each_option_is_its_own_question(corpus: Path, cache_folder: Path) -> None:
    base = ("text", DAY, None, "adherent", "json")
    others = [
        ("text", date(2023, 1, 2), None, "adherent", "json"),
        ("text", DAY, date(2022, 1, 1), "adherent", "json"),
        ("text", DAY, None, "branche", "json"),
        ("text", DAY, None, "adherent", "text"),
        ("article", "2.3", DAY, None, "adherent", "json"),
        ("article", "base:2.3", DAY, None, "adherent", "json"),
    ]
    keys = {answers.answer_key(corpus, q) for q in [base, *others]}
    assert None not in keys and len(keys) == 1 + len(others)
    assert answers.answer_key(corpus.parent / "elsewhere", base) not in keys


def test_a_changed_word_of_the_corpus_is_a_new_answer(corpus: Path, cache_folder: Path) -> None:
    question = ("article", "a2000-2.3", date(2018, 1, 1), None, "adherent", "json")  # art. 2.4
    assert "de 7 heures" in flat(str(ask(corpus, question)))
    act = corpus / ACT
    act.write_text(
        act.read_text(encoding="utf-8").replace(WORDS, WORDS.replace("7", "8")), encoding="utf-8"
    )
    again = ask(corpus, question)
    assert "de 8 heures" in flat(str(again)) and "de 7 heures" not in flat(str(again))
    assert again == fresh(corpus, question)


def test_a_changed_date_of_the_metadata_is_a_new_answer(corpus: Path, cache_folder: Path) -> None:
    """The provenance of a JO date is read from the metadata file beside the corpus: without it,
    the date is « déduite » (seeds/kali-2128-metadata.json, arrêté du 23 septembre 2022). Each
    command in a process of its own: a process reads the seeds once."""
    sources = corpus.parent / "sources"
    shutil.copytree(SOURCES, sources)
    command = ["text", "--corpus", str(corpus), "--at", "2023-01-01", "--format", "json"]

    def certainty(*options: str) -> str:
        program = [sys.executable, "-m", "consolidator", *options, *command]
        done = subprocess.run(program, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)["sources"]["last_arrete"]["published_provenance"][
            "certainty"
        ]

    assert certainty() == "metadata"
    assert len(stored(cache_folder)) == 1
    metadata = sources / "kali-2128-metadata.json"
    data = json.loads(metadata.read_text(encoding="utf-8"))
    (arrete,) = [a for a in data["arretes"] if a["date"] == "2022-09-23"]
    del arrete["jo_published"]
    metadata.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert certainty() == "inferred" == certainty("--no-cache")
    assert len(stored(cache_folder)) == 2


def test_a_failing_question_is_asked_again(corpus: Path, cache_folder: Path) -> None:
    question = ("text", date(1999, 1, 1), None, "adherent", "json")
    for _ in range(2):
        with pytest.raises(QueryError, match="pas encore en vigueur"):
            ask(corpus, question)
    assert stored(cache_folder) == []


def test_no_cache_and_html_store_nothing(
    corpus: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = ("article", "2.5", DAY, None, "adherent", "html")
    assert ask(corpus, html) == fresh(corpus, html)  # HTML reads the templates: not stored
    assert stored(cache_folder) == []
    monkeypatch.setenv(commands.CACHE_OFF_ENV, "1")
    question = ("article", "2.5", DAY, None, "adherent", "json")
    assert ask(corpus, question) == fresh(corpus, question)
    assert stored(cache_folder) == []


def test_a_damaged_answer_is_worked_out_again(corpus: Path, cache_folder: Path) -> None:
    question = ("article", "2.5", DAY, None, "adherent", "json")
    first = ask(corpus, question)
    (path,) = stored(cache_folder)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    assert ask(corpus, question) == first
    assert path.read_bytes() != bytes(data)  # written again, whole


def test_the_command_line_offers_every_view() -> None:
    from consolidator.cli.base import VIEWS
    from consolidator.model import View

    assert tuple(v.value for v in View) == VIEWS


def test_another_python_is_another_answer(
    corpus: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = ("article", "2.5", DAY, None, "adherent", "json")
    key = answers.answer_key(corpus, question)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert answers.answer_key(corpus, question) not in (key, None)
