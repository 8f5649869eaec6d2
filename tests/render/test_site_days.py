"""The changes of each day kept between builds (render/site_days.py): after one act changed, the
days it affects are computed again, the others read back, and the feeds, the history and the
changes pages are those of a computation from scratch (the golden corpus, tests/golden/corpus;
the changed act is avenant n° 20, whose article 2.3 wording is 004 l.258-262)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from consolidator.engine.index import open_index
from consolidator.query.diff import changelog
from consolidator.render import site_days
from consolidator.render.atom import site_feeds
from consolidator.render.site import site_files
from consolidator.render.site_inputs import site_inputs
from tests.render.test_site_build import CORPUS, DAY, changed_corpus

OPTIONS = f"{DAY.isoformat()} pdf=False"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONSOLIDATOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("CONSOLIDATOR_NO_CACHE", raising=False)
    return folder


def counted(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    computed: list[date] = []
    real = site_days.compute_day

    def compute(index, day):  # type: ignore[no-untyped-def]
        computed.append(day)
        return real(index, day)

    monkeypatch.setattr(site_days, "compute_day", compute)
    return computed


def test_after_one_act_changed_only_its_days_are_computed_and_the_feeds_are_fresh(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(CORPUS)
    days = site_days.site_days(index, DAY)
    site_days.day_changes(index, site_inputs(index, OPTIONS, None), days)
    assert list(own_cache.glob("days-*.pickle"))

    changed = open_index(changed_corpus(tmp_path))
    computed = counted(monkeypatch)
    found = site_days.day_changes(changed, site_inputs(changed, OPTIONS, None), days)
    # the days the changed wording of 2.3 entered (2009) and was replaced (2017), and those of
    # the extensions of the acts that wrote 2.3 (the base text, avenants 13 and 20), no other
    assert computed == [
        date(2001, 8, 28),
        date(2009, 5, 1),
        date(2010, 12, 29),
        date(2017, 4, 1),
        date(2017, 4, 2),
    ]
    assert len(days) == 15
    for day in days:  # each day as computed from scratch, the objects of the new index
        fresh = changelog(changed, day - timedelta(days=1), day).changes
        assert found[day].changes == fresh
        for change in found[day].changes:
            for side in (change.before, change.after):
                if side is not None and side.version in changed.versions[change.id]:
                    assert any(side.version is v for v in changed.versions[change.id])
    known = {day: found[day].changes for day in site_days.feed_days(changed, DAY)}
    feeds = site_feeds(changed, DAY, known)
    assert feeds == site_feeds(changed, DAY)
    before = site_feeds(index, DAY)  # the changed wording is in the feeds of the days it entered
    assert "feeds/convention.atom" in {name for name, data in feeds.items() if before[name] != data}

    computed.clear()  # the same corpus again: every day read back
    site_days.day_changes(changed, site_inputs(changed, OPTIONS, None), days)
    assert computed == []


def test_the_site_is_the_same_with_the_days_kept_or_not(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(CORPUS)
    first = site_files(index, DAY, with_pdf=False, workers=1)
    computed = counted(monkeypatch)
    second = site_files(index, DAY, with_pdf=False, workers=2)
    assert computed == []
    monkeypatch.setenv("CONSOLIDATOR_NO_CACHE", "1")
    assert first == second == site_files(index, DAY, with_pdf=False, workers=1)
    assert computed  # without the cache folder every day is computed


def test_a_damaged_file_of_days_is_computed_again(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(CORPUS)
    inputs = site_inputs(index, OPTIONS, None)
    days = site_days.site_days(index, DAY)
    whole = site_days.day_changes(index, inputs, days)
    (path,) = own_cache.glob("days-*.pickle")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    computed = counted(monkeypatch)
    again = site_days.day_changes(index, inputs, days)
    assert computed == days
    assert {d: v.changes for d, v in again.items()} == {d: v.changes for d, v in whole.items()}


def test_the_feeds_of_the_articles_an_act_did_not_touch_are_copied_from_the_last_build(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render/site_pieces.py: the next build renders again only the feeds of the articles whose
    events' changes or own versions changed; its folder is that of a build from scratch."""
    from consolidator.render import atom
    from consolidator.render.site import build_site
    from tests.render.test_site_build import tree

    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_site(open_index(CORPUS), DAY, site, with_pdf=False, workers=1)
    feeds = [name for name in tree(site) if name.startswith("feeds/articles/")]
    rendered: list[str] = []
    real = atom.article_feed

    def counted(index, article, found, link=None):  # type: ignore[no-untyped-def]
        rendered.append(article)
        return real(index, article, found, link)

    monkeypatch.setattr(atom, "article_feed", counted)
    changed = open_index(changed_corpus(tmp_path))
    build_site(changed, DAY, site, with_pdf=False, workers=1)
    assert 0 < len(rendered) < len(feeds) / 3
    assert "a2000-2.3" in rendered
    (site / "feeds" / "articles" / "2.4.atom").write_text("altered", encoding="utf-8")
    build_site(changed, DAY, site, with_pdf=False, workers=2)  # the altered file rendered again
    monkeypatch.setenv("CONSOLIDATOR_NO_CACHE", "1")
    build_site(changed, DAY, fresh, with_pdf=False, workers=1)
    assert tree(site) == tree(fresh)


def test_the_convention_pages_copy_the_blocks_of_the_articles_that_did_not_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render/site_pieces.py: after one act changed, the convention pages render again only the
    blocks of the articles whose own inputs changed; an altered page is rendered whole again."""
    from consolidator.render import site_pieces
    from consolidator.render.site import build_site
    from tests.render.test_site_build import tree

    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_site(open_index(CORPUS), DAY, site, with_pdf=False, workers=1)
    found: list[tuple[str, bool]] = []
    real = site_pieces.Pieces.get

    def get(self, name, key):  # type: ignore[no-untyped-def]
        data = real(self, name, key)
        found.append((name, data is not None))
        return data

    monkeypatch.setattr(site_pieces.Pieces, "get", get)
    changed = open_index(changed_corpus(tmp_path))
    build_site(changed, DAY, site, with_pdf=False, workers=1)
    rendered = {name for name, kept in found if not kept}
    assert "a2000-2.3" in rendered and len(rendered) < len(found) / 4
    build_site(changed, DAY, fresh, with_pdf=False, workers=1)
    assert tree(site) == tree(fresh)
    page = site / "branche.html"
    page.write_bytes(page.read_bytes().replace(b"<article", b"<article data-x", 3))
    found.clear()
    build_site(changed, DAY, site, with_pdf=False, workers=1)
    assert tree(site) == tree(fresh)
    assert any(not kept for _, kept in found)  # the altered page's blocks were not trusted
