"""The persistent index (engine/cache.py): keyed by every byte of the corpus, never stale, never
trusted when corrupt, and answering exactly what a fresh replay answers."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from consolidator import commands
from consolidator.engine import cache, stored
from consolidator.engine.index import open_index
from consolidator.query import provenance, seeds

WORDS = "La convention est conclue pour deux ans."  # article 1.2 of the small test corpus


@pytest.fixture
def small(make_corpus, cache_folder: Path) -> Path:
    """The small test corpus (conftest), with a cache folder of its own."""
    return make_corpus({})


def _cache_files(tmp: Path) -> list[Path]:
    return sorted((tmp / "cache").glob("index-*.pickle"))


def _article(index, day: date = date(2015, 1, 1)) -> str:  # type: ignore[no-untyped-def]
    return str(commands.article_document(index, "1.2", day, "adherent", "json"))


def test_second_open_reads_the_cache_and_answers_the_same(corpus: Path, monkeypatch) -> None:
    fresh = open_index(corpus)
    assert len(_cache_files(corpus.parent)) == 1
    replays: list[object] = []
    monkeypatch.setattr("consolidator.engine.replay.build_index", lambda c: replays.append(c))
    cached = open_index(corpus)
    assert replays == [], "a warm cache must not replay"
    assert cached.timeline.graph is None  # the act graph is not stored (nor networkx imported)
    assert list(cached.versions) == list(fresh.versions)
    assert dict(cached.versions.items()) == dict(fresh.versions.items())
    assert cached.numbers == fresh.numbers and cached.structures == fresh.structures
    ops = {id(op) for act in cached.corpus.acts.values() for op in act.ops}
    assert all(id(op) in ops for vs in cached.versions.values() for v in vs for op in v.ops)
    for day in [*fresh.change_dates[::6], fresh.change_dates[-1]]:
        for view in ("adherent", "branche"):
            assert commands.text_document(cached, day, view, "json") == commands.text_document(
                fresh, day, view, "json"
            )
    assert commands.history_document(cached, "2.5", date(2020, 1, 1), "json") == (
        commands.history_document(fresh, "2.5", date(2020, 1, 1), "json")
    )


def test_one_byte_changed_in_the_corpus_is_a_miss_and_the_new_answer(small: Path) -> None:
    assert WORDS in _article(open_index(small))
    path = small / "acts" / "base.xml"
    path.write_bytes(path.read_bytes().replace(b"deux ans", b"deux an."))
    after = _article(open_index(small))
    assert len(_cache_files(small.parent)) == 2
    assert WORDS not in after and "conclue pour deux an." in after
    assert after == _article(open_index(small, use_cache=False))


def test_a_file_added_anywhere_in_the_corpus_changes_the_key(small: Path) -> None:
    key = cache.corpus_key(small)
    (small / "notes.txt").write_text("x", encoding="utf-8")
    assert cache.corpus_key(small) != key


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-100] + bytes([b[-100] ^ 1]) + b[-99:],  # one bit flipped in the payload
        lambda b: b"garbage",
        lambda b: b"",
    ],
    ids=["truncated", "bit-flipped", "garbage", "empty"],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(small: Path, damage) -> None:
    expected = _article(open_index(small))
    (path,) = _cache_files(small.parent)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load(path.name[len("index-") : -len(".pickle")]) is None
    assert _article(open_index(small)) == expected
    assert cache.load(path.name[len("index-") : -len(".pickle")]) is not None  # rewritten whole


def test_a_well_formed_file_of_another_key_or_format_is_not_trusted(small: Path) -> None:
    index = open_index(small)
    (path,) = _cache_files(small.parent)
    key = path.name[len("index-") : -len(".pickle")]
    for content in [
        (cache.FORMAT + 1, key, index, {}),
        (cache.FORMAT, "other", index, {}),
        (cache.FORMAT, key, 1, {}),
        (cache.FORMAT, key, index, 1),
        (cache.FORMAT, key, index),
    ]:
        payload = pickle.dumps(content)
        path.write_bytes(cache.MAGIC + cache._checksum(payload) + payload)
        assert cache.load(key) is None


def test_disabled_by_the_environment(small: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.OFF_ENV, "1")
    open_index(small)
    assert _cache_files(small.parent) == []


def test_an_unwritable_cache_folder_only_costs_the_replay(small: Path, monkeypatch) -> None:
    blocker = small.parent / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.DIR_ENV, str(blocker / "cache"))
    assert WORDS in _article(open_index(small))


def test_cli_corrupt_cache_gives_the_same_output_without_traceback(corpus: Path) -> None:
    args = [sys.executable, "-m", "consolidator", "article", "2.5", "--at", "2015-01-01"]
    args += ["--corpus", str(corpus)]
    env_off = {**_env(corpus), cache.OFF_ENV: "1"}
    expected = subprocess.run(args, capture_output=True, text=True, env=env_off, check=True).stdout
    first = subprocess.run(args, capture_output=True, text=True, env=_env(corpus), check=True)
    (path,) = _cache_files(corpus.parent)
    path.write_bytes(path.read_bytes()[:-7])
    again = subprocess.run(args, capture_output=True, text=True, env=_env(corpus), check=True)
    assert first.stdout == again.stdout == expected
    assert again.stderr == ""


def _env(corpus: Path) -> dict[str, str]:
    import os

    return {**os.environ, cache.DIR_ENV: str(corpus.parent / "cache")}


def test_no_home_folder_means_no_cache_not_an_error(small: Path, monkeypatch) -> None:
    monkeypatch.delenv(cache.DIR_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir() is None
    assert WORDS in _article(open_index(small))


# The seeds' index (query/seeds.py): stored beside the version index, keyed by every byte of the
# seeds and of the code, and giving the provenance of every date that the seeds give afresh.


def _provenances(index) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Every provenance the outputs show: each act's signature date and number, each arrêté's JO
    date, each version's first day; computed in a new process's state (no in-process caches)."""
    for memo in (
        seeds.seed_index,
        provenance._date_written,
        provenance._number_provenance,
        provenance._jo_provenance,
    ):
        memo.cache_clear()
    corpus = index.corpus
    return {
        **{f"signed {a.id}": provenance.signed_provenance(a, corpus) for a in corpus.acts.values()},
        **{f"n° {a.id}": provenance.number_provenance(corpus, a) for a in corpus.acts.values()},
        **{f"JO {a.id}": provenance.jo_provenance(corpus, a) for a in corpus.arretes.values()},
        **{
            f"since {v.article} {v.since}": provenance.since_provenance(index, v)
            for versions in index.versions.values()
            for v in versions
        },
    }


def _seed_files(tmp: Path) -> list[Path]:
    return sorted((tmp / "cache").glob("seeds-*.pickle"))


def test_provenance_from_the_stored_seeds_index_is_the_one_computed_afresh(
    corpus: Path, monkeypatch
) -> None:
    index = open_index(corpus)
    fresh = _provenances(index)  # the seeds' index built, and stored
    assert len(_seed_files(corpus.parent)) == 1
    monkeypatch.setattr(seeds, "build_index", lambda files: pytest.fail("built again"))
    assert _provenances(index) == fresh  # read back from the cache folder
    assert fresh["signed avenant-22"] == provenance.Provenance(
        provenance.Certainty.SOURCE, "004 l.11853"
    )  # « le 8 décembre 2017, l'avenant n° 22 était conclu » (004 l.11853)
    monkeypatch.undo()
    monkeypatch.setenv(cache.OFF_ENV, "1")
    assert _provenances(index) == fresh  # built without any cache
    assert sum(p is not None for p in fresh.values()) > 1000


def test_one_byte_changed_in_a_seed_is_a_new_seeds_index(corpus: Path) -> None:
    sources = corpus.parent / "sources"
    shutil.copytree(seeds.EMBEDDED, sources)  # the seeds beside the corpus are its own
    root = str(corpus)
    assert seeds.sources_folder(root).resolve() == sources.resolve()
    seeds.seed_index.cache_clear()
    assert seeds.seed_index(root).written["004"][date(2017, 12, 8)] == 11853
    (seed,) = sources.glob("004_*.txt")
    text = seed.read_bytes()
    assert text.count(b"le 8 d\xc3\xa9cembre 2017, l'avenant") == 1
    seed.write_bytes(
        text.replace(
            b"le 8 d\xc3\xa9cembre 2017, l'avenant", b"le 8 d\xc3\xa9cembre 2017. L'avenant"
        )
    )
    seeds.seed_index.cache_clear()  # as a new process
    changed = seeds.seed_index(root)
    assert len(_seed_files(corpus.parent)) == 2
    assert changed.written["004"].get(date(2017, 12, 8)) != 11853
    assert changed == seeds.build_index(seeds.contents(seeds._seed_files(sources)))


def test_a_corrupt_seeds_index_is_ignored_and_rebuilt(corpus: Path) -> None:
    seeds.seed_index.cache_clear()
    built = seeds.seed_index(str(corpus))
    (path,) = _seed_files(corpus.parent)
    path.write_bytes(path.read_bytes()[:-7])
    seeds.seed_index.cache_clear()
    assert seeds.seed_index(str(corpus)) == built
    seeds.seed_index.cache_clear()
    key = path.name[len("seeds-") : -len(".pickle")]
    assert cache.stored("seeds", key, lambda: pytest.fail("not read back")) == built


def test_the_program_freezes_the_versions_it_reads(small: Path, monkeypatch) -> None:
    """`consolidator` (commands.FREEZE_INDEX) moves each article's versions, once read from the
    index, out of the cyclic collector's sight; a library user's process never freezes."""
    import gc

    open_index(small)
    cached = open_index(small)
    assert isinstance(cached.versions, stored.LazyVersions) and not cache.FREEZE_READS
    before = gc.get_freeze_count()
    first, second = list(cached.versions)[:2]
    cached.versions[first]
    assert gc.get_freeze_count() == before
    monkeypatch.setattr(cache, "FREEZE_READS", True)
    try:
        cached.versions[second]
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()  # this test process froze nothing else


def test_the_program_writes_a_replayed_index_in_a_child_and_waits_for_it(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`consolidator` (cache.STORE_IN_CHILD) writes a replayed index in a forked child while the
    command goes on; the file is the one the process would have written, whole once waited for."""
    import os

    monkeypatch.setattr(cache, "STORE_IN_CHILD", True)
    parent = os.getpid()
    index = open_index(small)
    assert os.getpid() == parent and cache._CHILDREN
    cache._wait_for_children()
    assert not cache._CHILDREN
    (path,) = _cache_files(tmp_path)
    key = path.name[len("index-") : -len(".pickle")]
    same = tmp_path / "in-process" / path.name
    cache._store(same, key, index)  # what this process would have written
    assert path.read_bytes() == same.read_bytes()
    read = cache.load(key)
    assert read is not None and dict(read.versions) == dict(index.versions)


def test_the_values_read_last_are_kept_when_the_folder_is_pruned(cache_folder: Path) -> None:
    """`read_stored` marks a value as used: the least recently used are removed, per kind
    (KEEP values, KEEP_KIND['answer'] answers)."""
    import os

    keys = [f"{n:040x}" for n in range(cache.KEEP)]
    for age, key in enumerate(keys):
        cache.write_stored("kind", key, key)
        path = cache_folder / f"kind-{key}.pickle"
        os.utime(path, (1_000_000 + age, 1_000_000 + age))  # the first written is the oldest
    assert cache.read_stored("kind", keys[0]) == keys[0]  # now the most recently used
    cache.write_stored("kind", "f" * 40, "one more")
    kept = {p.name for p in cache_folder.glob("kind-*.pickle")}
    assert f"kind-{keys[0]}.pickle" in kept and f"kind-{keys[1]}.pickle" not in kept
    assert len(kept) == cache.KEEP
    for n in range(cache.KEEP_KIND["answer"] + 1):
        cache.write_stored("answer", f"{n:040x}", n)
    assert len(list(cache_folder.glob("answer-*.pickle"))) == cache.KEEP_KIND["answer"]
