"""Corpus files read back from the cache folder (engine/loaded.py): after one file changed, only
that file is read again; what is read back equals what a fresh read gives; a file with a problem
is never kept; `validate` and `--no-cache` read every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from consolidator.corpus import load
from consolidator.corpus.load import load_corpus
from consolidator.engine.index import open_index, validate
from consolidator.engine.loaded import StoredFiles
from consolidator.errors import CorpusError
from tests.conftest import avenant

# avenant n° 20, article 2.3 (seed 004 l.258-262): « Un crédit mensuel de 7 heures est accordé »
ACT = "acts/2016-09-21-avenant-20.xml"
WORDS = "Un crédit mensuel de 7 heures est accordé"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from now on."""
    names: list[str] = []
    parse = load._parse_file

    def counting(path: Path, out, data=None):  # type: ignore[no-untyped-def]
        names.append(out.rel(path))
        return parse(path, out, data)

    monkeypatch.setattr(load, "_parse_file", counting)
    return names


def test_only_the_changed_file_is_read_again(corpus: Path, parsed: list[str]) -> None:
    open_index(corpus)
    assert len(parsed) == 1 + len(list(corpus.glob("*/*.xml")))  # convention.xml, every file
    parsed.clear()
    act = corpus / ACT
    text = act.read_text(encoding="utf-8")
    assert text.count(WORDS) == 1
    act.write_text(text.replace(WORDS, WORDS.replace("7", "8")), encoding="utf-8")
    read_back = open_index(corpus)
    assert parsed == ["convention.xml", ACT]
    fresh = open_index(corpus, use_cache=False)
    assert read_back.corpus.acts == fresh.corpus.acts
    assert read_back.corpus.arretes == fresh.corpus.arretes
    assert read_back.corpus.grids == fresh.corpus.grids
    assert dict(read_back.versions.items()) == dict(fresh.versions.items())
    words = " ".join(f.text for v in read_back.versions["a2000-2.3"] for f in v.fragments)
    assert "de 8 heures" in words and "de 7 heures" not in words


def test_the_files_read_back_are_those_read_afresh(corpus: Path, parsed: list[str]) -> None:
    first = StoredFiles()
    load_corpus(corpus, first)
    first.save()
    parsed.clear()
    again = StoredFiles()
    read_back = load_corpus(corpus, again)
    assert parsed == ["convention.xml"]
    assert not again.new and len(again.now) == len(first.now)
    assert read_back == load_corpus(corpus)


def test_a_file_with_a_problem_is_never_kept(make_corpus, cache_folder: Path) -> None:
    wrong = avenant('<replace-article target="a2"><p>Texte.</p></replace-article>')
    root = make_corpus({"acts/av1.xml": wrong.replace("<effect>", "<effet/><effect>")})
    files = StoredFiles()
    with pytest.raises(CorpusError, match="schema"):
        load_corpus(root, files)
    assert [name for name, _ in files.now] == ["acts/base.xml"]


def test_validate_and_no_cache_read_every_file(corpus: Path, parsed: list[str]) -> None:
    open_index(corpus)  # the files kept: then they must not be read back
    parsed.clear()
    assert not validate(corpus)
    open_index(corpus, use_cache=False)
    files = len(list(corpus.glob("*/*.xml")))
    assert parsed.count("convention.xml") == 2 and len(parsed) == 2 * (1 + files)


def test_a_file_read_with_a_problem_is_never_kept(corpus: Path) -> None:
    arrete = corpus / "arretes" / "2001-08-17.xml"  # its JO (28 août 2001) put before its date
    text = arrete.read_text(encoding="utf-8")
    arrete.write_text(text.replace('jo="2001-08-28"', 'jo="2001-08-01"'), encoding="utf-8")
    files = StoredFiles()
    with pytest.raises(CorpusError) as raised:
        load_corpus(corpus, files)
    assert [d.file for d in raised.value.diagnostics] == ["arretes/2001-08-17.xml"]
    kept = {name for name, _ in files.now}
    assert "arretes/2001-08-17.xml" not in kept and ACT in kept
    assert len(kept) == len(list(corpus.glob("*/*.xml"))) - 1
