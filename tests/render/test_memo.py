"""Results of a pure string function kept in the cache folder (render/memo.py): French typography
read back by the next process is what the rules compute, and only a process that computes many
results reads or writes the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from consolidator.engine import cache
from consolidator.render import memo as memo_module
from consolidator.render import typography
from consolidator.render.memo import Memo


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    monkeypatch.setattr(memo_module, "_MEMOS", [])
    return tmp_path / "cache"


def _counted(calls: list[str]):
    def rules(text: str) -> str:
        calls.append(text)
        return typography.rules(text)

    return rules


TEXTS = [
    f"l'article {n} du 1er février 2000 : {n} 000 salariés ; voir « ci-dessous »" for n in range(40)
]


def test_the_next_process_reads_the_results_instead_of_computing_them(cache_folder) -> None:
    calls: list[str] = []
    first = Memo("typo", _counted(calls), load_after=10)
    results = [first(t) for t in TEXTS]
    assert results == [typography.rules(t) for t in TEXTS] and len(calls) == 40
    memo_module.save_all()
    assert len(list(cache_folder.glob("typo-*.pickle"))) == 1
    calls.clear()
    second = Memo("typo", _counted(calls), load_after=10)  # as the next process
    assert [second(t) for t in TEXTS] == results
    assert len(calls) == 10  # computed until it had computed 10, then read from the file


def test_a_process_of_a_few_results_reads_and_writes_nothing(cache_folder) -> None:
    small = Memo("typo", typography.rules, load_after=100)
    for text in TEXTS:
        small(text)
    small.save()
    assert not small.loaded and not cache_folder.exists()


def test_another_code_is_another_file(cache_folder, monkeypatch) -> None:
    first = Memo("typo", typography.rules, load_after=1)
    first(TEXTS[0])
    first.save()
    monkeypatch.setattr(cache, "code_digest", lambda: b"\x01" * 32)
    other = Memo("typo", lambda text: "not read from the other code's file", load_after=1)
    assert other(TEXTS[0]) == "not read from the other code's file"
    other.save()
    assert len(list(cache_folder.glob("typo-*.pickle"))) == 2


def test_a_damaged_file_is_ignored(cache_folder) -> None:
    first = Memo("typo", typography.rules, load_after=1)
    first(TEXTS[0])
    first(TEXTS[1])
    first.save()
    (path,) = cache_folder.glob("typo-*.pickle")
    path.write_bytes(path.read_bytes()[:-5])
    calls: list[str] = []
    second = Memo("typo", _counted(calls), load_after=1)
    assert second(TEXTS[1]) == typography.rules(TEXTS[1])
    assert second(TEXTS[0]) == typography.rules(TEXTS[0]) and len(calls) == 2


def test_without_the_cache_nothing_is_read_or_written(cache_folder, monkeypatch) -> None:
    monkeypatch.setenv(cache.OFF_ENV, "1")
    memo = Memo("typo", typography.rules, load_after=1)
    for text in TEXTS:
        memo(text)
    memo.save()
    assert not cache_folder.exists()


def test_the_program_keeps_the_typography_and_prints_the_same_text(cache_folder) -> None:
    """Two cold plain texts of the whole convention: the second reads the typography the first
    wrote; both print the text of a process that keeps nothing."""
    args = [sys.executable, "-m", "consolidator", "text", "--at", "2018-01-01"]
    env_off = {**_env(cache_folder), cache.OFF_ENV: "1"}
    fresh = subprocess.run(args, capture_output=True, check=True, env=env_off).stdout
    first = subprocess.run(args, capture_output=True, check=True, env=_env(cache_folder)).stdout
    assert len(list(cache_folder.glob("typo-*.pickle"))) == 1
    second = subprocess.run(args, capture_output=True, check=True, env=_env(cache_folder)).stdout
    assert first == second == fresh
    assert "1er\u00a0février\u00a02000".encode() in fresh


def _env(cache_folder: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != cache.OFF_ENV}
    return {**env, cache.DIR_ENV: str(cache_folder)}
