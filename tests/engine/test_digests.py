"""The files' digests remembered by their metadata (engine/digests.py): a file is read again
whenever `stat` says anything new of it, or when it changed within RACY_NS of its hashing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from consolidator.engine import cache, digests
from consolidator.engine.index import corpus_root

LATER = 10 * digests.RACY_NS  # a hashing this long after the file's last change


@pytest.fixture(autouse=True)
def fresh_memo(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    monkeypatch.setattr(digests, "_memo", {})
    monkeypatch.setattr(digests, "_used", set())
    monkeypatch.setattr(digests, "_state", {"read": False, "changed": False})


def _reads(monkeypatch) -> list[str]:
    """The paths `digests` opens from now on."""
    opened: list[str] = []

    def counted(path, *args, **kwargs):
        opened.append(path)
        return open(path, *args, **kwargs)

    monkeypatch.setattr(digests, "open", counted, raising=False)
    return opened


def _hashed_later(monkeypatch) -> None:
    """The next hashings happen LATER after now (the file is then no longer racy)."""
    now = digests.time.time_ns()
    monkeypatch.setattr(digests.time, "time_ns", lambda: now + LATER)


def test_a_file_unchanged_since_its_hashing_is_not_read_again(tmp_path: Path, monkeypatch) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes(b"<a>Un cr\xc3\xa9dit mensuel de 7 heures</a>")
    _hashed_later(monkeypatch)
    first = digests.file_digest(str(file))
    assert first == (file.stat().st_size, hashlib.sha256(file.read_bytes()).digest())
    digests.save()
    opened = _reads(monkeypatch)
    digests._state["read"] = False  # as a new process: the memo read back from its file
    digests._memo.clear()
    assert digests.file_digest(str(file)) == first
    assert opened == []


def test_a_file_rewritten_with_its_size_and_its_times_put_back_is_read_again(
    tmp_path: Path, monkeypatch
) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes(b"7 heures")
    _hashed_later(monkeypatch)
    first = digests.file_digest(str(file))
    st = file.stat()
    file.write_bytes(b"8 heures")  # same size
    os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime put back; ctime cannot be
    opened = _reads(monkeypatch)
    assert digests.file_digest(str(file)) == (8, hashlib.sha256(b"8 heures").digest()) != first
    assert opened == [str(file.resolve())]


def test_a_file_changed_just_before_its_hashing_is_read_every_time(
    tmp_path: Path, monkeypatch
) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes(b"7 heures")  # hashed now: within RACY_NS of its change
    digests.file_digest(str(file))
    opened = _reads(monkeypatch)
    digests.file_digest(str(file))
    digests.file_digest(str(file))
    assert len(opened) == 2


def test_without_the_cache_every_file_is_read_and_nothing_is_remembered(
    tmp_path: Path, monkeypatch
) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes(b"7 heures")
    _hashed_later(monkeypatch)
    monkeypatch.setenv(cache.OFF_ENV, "1")
    opened = _reads(monkeypatch)
    digests.file_digest(str(file))
    digests.file_digest(str(file))
    digests.save()
    assert len(opened) == 2
    assert not (tmp_path / "cache").exists()


def test_the_corpus_key_is_the_same_from_remembered_digests(monkeypatch) -> None:
    root = corpus_root(None)
    _hashed_later(monkeypatch)
    cache.code_digest.cache_clear()
    first = cache.corpus_key(root)  # every file hashed, the memo written
    assert (Path(os.environ[cache.DIR_ENV]) / digests.MEMO).exists()
    opened = _reads(monkeypatch)
    digests._state["read"] = False
    digests._memo.clear()
    cache.code_digest.cache_clear()
    assert cache.corpus_key(root) == first
    assert opened == []  # 159 corpus files and the package's code: none read
    monkeypatch.setenv(cache.OFF_ENV, "1")
    cache.code_digest.cache_clear()
    assert cache.corpus_key(root) == first  # every file read and hashed
    cache.code_digest.cache_clear()


def test_the_digests_of_removed_files_are_forgotten(tmp_path: Path, monkeypatch) -> None:
    """The memo is read whole by every command: a file removed since (a temporary corpus) is
    dropped the next time the memo is written."""
    gone, kept, new = (tmp_path / name for name in ("gone.xml", "kept.xml", "new.xml"))
    for file in (gone, kept, new):
        file.write_bytes(file.name.encode())
    _hashed_later(monkeypatch)
    digests.file_digest(str(gone))
    digests.file_digest(str(kept))
    digests.save()
    gone.unlink()
    monkeypatch.setattr(digests, "_memo", {})
    monkeypatch.setattr(digests, "_used", set())
    monkeypatch.setattr(digests, "_state", {"read": False, "changed": False})
    digests.file_digest(str(new))  # the memo read back, one digest added: written again
    digests.save()
    stored = cache.read_pickle(tmp_path / "cache" / digests.MEMO)
    assert set(stored) == {str(kept), str(new)}
