"""The site built over several processes and incrementally: the same bytes as one serial, full
build (the golden corpus, tests/golden/corpus; the changed act is avenant n° 20, whose
article 2.3 wording is 004 l.258-262)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from consolidator.engine.index import open_index
from consolidator.query import redline
from consolidator.render.site import build_site, site_files
from consolidator.render.site_build import MANIFEST, REDLINES, SiteBuild, reusable
from consolidator.render.site_inputs import site_inputs
from tests.conftest import GOLDEN, flat

CORPUS = GOLDEN / "corpus"
DAY = date(2018, 1, 1)
AVENANT = "acts/2016-09-21-avenant-20.xml"
OLD = "Un crédit mensuel de 7 heures est accordé"
NEW = "Un crédit mensuel de 8 heures est accordé"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def changed_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    act = root / AVENANT
    text = act.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    act.write_text(text.replace(OLD, NEW), encoding="utf-8")
    return root


def test_parallel_build_writes_the_bytes_of_the_serial_build() -> None:
    index = open_index(CORPUS)
    serial = site_files(index, DAY, with_pdf=False, workers=1)
    parallel = site_files(index, DAY, with_pdf=False, workers=2)
    assert parallel == serial
    assert MANIFEST in serial and "articles/2.3.html" in serial


def test_incremental_rebuild_after_one_act_changed_equals_a_full_build(tmp_path: Path) -> None:
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_site(open_index(CORPUS), DAY, site, with_pdf=False, workers=1)
    changed = open_index(changed_corpus(tmp_path))
    build = SiteBuild(changed, DAY, None, False)
    inputs = site_inputs(changed, f"{DAY.isoformat()} pdf=False", None)
    reused = reusable(site, inputs, build.parts())
    # the pages of the changed article and of the one that bore its number (its history lists
    # both), of 2.4 (whose history the wording of 2.3 enters), the changes of the days they
    # changed, and what shows the whole text
    assert sorted(set(build.parts()) - set(reused)) == [
        "article:a2000-2.3",
        "article:a2000-2.4",
        "article:a2009-2.3",
        "changes:2009-05-01",
        "changes:2017-04-02",
        "convention:adherent",
        "convention:branche",
        "feeds",
        "history",
        "listings",
    ]

    build_site(changed, DAY, site, with_pdf=False, workers=2)
    build_site(changed, DAY, fresh, with_pdf=False, workers=1)
    assert tree(site) == tree(fresh)
    pages = [n for n, data in tree(site).items() if "mensuel de 8 heures" in flat(data.decode())]
    assert pages, "the changed wording is on no page"


def test_a_rebuild_with_nothing_changed_reads_every_part_back(tmp_path: Path) -> None:
    index = open_index(CORPUS)
    site = tmp_path / "site"
    build_site(index, DAY, site, with_pdf=False, workers=2)
    whole = tree(site)
    inputs = site_inputs(index, f"{DAY.isoformat()} pdf=False", None)
    parts = SiteBuild(index, DAY, None, False).parts()
    assert sorted(reusable(site, inputs, parts)) == sorted(parts)
    build_site(index, DAY, site, with_pdf=False, workers=2)
    assert tree(site) == whole


def test_a_file_altered_in_the_previous_build_is_rendered_again(tmp_path: Path) -> None:
    index = open_index(CORPUS)
    site = tmp_path / "site"
    build_site(index, DAY, site, with_pdf=False, workers=1)
    whole = tree(site)
    (site / "articles" / "2.4.html").write_text("altered", encoding="utf-8")
    (site / "articles" / "2.5.html").unlink()
    build_site(index, DAY, site, with_pdf=False, workers=1)
    assert tree(site) == whole


@pytest.mark.parametrize("manifest", ["", "{", '{"parts": 3}', '{"parts": {"x": 1}}'])
def test_a_broken_manifest_means_a_full_build(tmp_path: Path, manifest: str) -> None:
    index = open_index(CORPUS)
    site = tmp_path / "site"
    build_site(index, DAY, site, with_pdf=False, workers=1)
    whole = tree(site)
    (site / MANIFEST).write_text(manifest, encoding="utf-8")
    build_site(index, DAY, site, with_pdf=False, workers=1)
    assert tree(site) == whole


def test_the_next_build_computes_only_the_redlines_of_the_changed_wording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a cache folder of its own: the changes of the days another test computed, with their
    # redlines (which the version pages read too: render/site_days.py), are not in it
    monkeypatch.setenv("CONSOLIDATOR_CACHE_DIR", str(tmp_path / "cache"))
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_site(open_index(CORPUS), DAY, site, with_pdf=False, workers=1)
    stored = json.loads((site / REDLINES).read_text(encoding="utf-8"))
    assert len(stored["redlines"]) > 5
    # a redline altered in the folder is not believed: its wordings are not those compared
    key = sorted(stored["redlines"])[0]
    stored["redlines"][key] = [[0, "altéré"]]
    (site / REDLINES).write_text(json.dumps(stored), encoding="utf-8")
    computed: list[str] = []
    real = redline._word_diff.__wrapped__

    def counted(old: str, new: str, sep: str = "\n\n") -> redline.Redline:
        computed.append(flat(old + new))
        return real(old, new, sep)

    monkeypatch.setattr(redline, "_word_diff", counted)
    changed = open_index(changed_corpus(tmp_path))
    build_site(changed, DAY, site, with_pdf=False, workers=1)
    # the change of 2.3's wording (« 8 heures », 004 l.258-262) and the altered one, no other
    pairs = set(computed)
    assert len(pairs) == 2
    assert sum("mensuel de 8 heures" in pair for pair in pairs) == 1
    build_site(changed, DAY, fresh, with_pdf=False, workers=1)
    assert tree(site) == tree(fresh)


def test_a_rebuild_with_nothing_changed_writes_nothing_unless_the_folder_holds_more(
    tmp_path: Path,
) -> None:
    index = open_index(CORPUS)
    site = tmp_path / "site"
    build_site(index, DAY, site, with_pdf=False, workers=1)
    page = site / "articles" / "2.4.html"
    written, folder = page.stat().st_ino, site.stat().st_ino
    build_site(index, DAY, site, with_pdf=False, workers=1)
    assert (page.stat().st_ino, site.stat().st_ino) == (written, folder)  # nothing written
    whole = tree(site)
    (site / "articles" / "notes.txt").write_text("ajouté à la main", encoding="utf-8")
    (site / "vide").mkdir()
    build_site(index, DAY, site, with_pdf=False, workers=1)
    assert tree(site) == whole
    assert not (site / "vide").exists()
    assert site.stat().st_ino != folder  # replaced whole (its same files linked, not copied)


def test_the_compiled_templates_are_kept_and_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build loads every template from the cache folder (render/build_cache.py) and
    compiles none; its files are those of a build with the cache off, over two workers or one."""
    import jinja2

    monkeypatch.setenv("CONSOLIDATOR_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CONSOLIDATOR_NO_CACHE", raising=False)
    index = open_index(CORPUS)
    first = site_files(index, DAY, with_pdf=False, workers=2)
    assert list(tmp_path.glob("jinja-*.cache"))
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        if name is not None:  # a template of the folder (the feeds' entry is a string)
            compiled.append(name)
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    second = site_files(index, DAY, with_pdf=False, workers=1)
    assert compiled == []
    monkeypatch.setenv("CONSOLIDATOR_NO_CACHE", "1")
    off = site_files(index, DAY, with_pdf=False, workers=1)
    assert compiled  # the same count, for a test that can fail: without the cache they compile
    assert first == second == off


def test_the_compiled_templates_of_old_code_are_removed(tmp_path: Path) -> None:
    import os

    from consolidator.engine import cache
    from consolidator.render.build_cache import KEEP_TEMPLATE_CODE, _prune_templates

    for n in range(KEEP_TEMPLATE_CODE + 3):  # code n last used at time n
        path = tmp_path / f"jinja-{n:016x}-a.cache"
        path.write_bytes(b"")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    digest = cache.code_digest().hex()[:16]
    _prune_templates(tmp_path, digest)
    kept = {path.name.split("-")[1] for path in tmp_path.glob("jinja-*.cache")}
    # this code's files are to come; of the others, the most recently used are kept
    assert kept == {f"{n:016x}" for n in range(4, KEEP_TEMPLATE_CODE + 3)}


def test_a_salary_amount_is_an_input_of_the_salaries_page(tmp_path: Path) -> None:
    """A grid's amounts are decimals: hashed by value, not by type (they were not: a changed
    amount left the salaries page of the previous build in place)."""
    from consolidator.resources import DEFAULT_CORPUS

    root = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS, root)
    act = root / "acts" / "2006-11-23-accord-salaires.xml"
    text = act.read_text(encoding="utf-8")
    assert text.count('montant="16043.34"') == 1
    options = f"{DAY.isoformat()} pdf=False"
    before = site_inputs(open_index(root), options, None)
    act.write_text(text.replace('montant="16043.34"', 'montant="16043.35"'), encoding="utf-8")
    after = site_inputs(open_index(root), options, None)
    assert before.of("listings") != after.of("listings")


def test_the_seeds_beside_the_corpus_are_an_input_of_every_part(tmp_path: Path) -> None:
    """The provenance of dates reads the seeds beside the corpus (query/seeds.py), which are not
    in the index: a changed seed is a new input of every part."""
    from consolidator.resources import SOURCES

    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    shutil.copytree(SOURCES, tmp_path / "sources")
    options = f"{DAY.isoformat()} pdf=False"
    index = open_index(root)
    before = site_inputs(index, options, None)
    (seed,) = (tmp_path / "sources").glob("004_*.txt")
    seed.write_bytes(seed.read_bytes() + b"\n")
    after = site_inputs(index, options, None)
    assert before.world == after.world
    assert before.of("article:a2000-2.3") != after.of("article:a2000-2.3")
