"""The PDF cache (render/pdf_cache.py): a PDF laid out before is read back only when everything
its bytes depend on is the same: the print document, the templates, the libraries, the fonts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import snapshot
from consolidator.render import pdf_cache, pdf_layout
from consolidator.render.pdf import PrintContext, print_context
from consolidator.render.pdf_layout import layout_pdf
from tests.conftest import GOLDEN


@pytest.fixture(scope="module")
def golden() -> VersionIndex:
    return open_index(GOLDEN / "corpus")


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONSOLIDATOR_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CONSOLIDATOR_NO_CACHE", raising=False)
    # fontTools stamps every font subset with the time it is written (head.modified) unless
    # SOURCE_DATE_EPOCH is set: two layouts of one document a second apart differ by that alone
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


class Layouts:
    """layout_pdf, counting its calls and its layouts of the contents with « 888 »."""

    def __init__(self) -> None:
        self.calls = 0
        self.contents = 0

    def __call__(
        self, context: PrintContext, contents_pages: pdf_layout.ContentsPages | None = None
    ) -> bytes:
        self.calls += 1
        if contents_pages is None:
            return layout_pdf(context)
        remembered = contents_pages

        def counted(sized: str, count: Callable[[], int]) -> int:
            def counting() -> int:
                self.contents += 1
                return count()

            return remembered(sized, counting)

        return layout_pdf(context, counted)


def _context(index: VersionIndex, day: date, view: str = "adherent") -> PrintContext:
    return print_context(index, snapshot(index, day, view))


def test_the_same_print_document_is_laid_out_once(golden: VersionIndex, cache_folder: Path) -> None:
    """On 1 January 2018 the golden corpus holds article 2.5 as the avenant n° 20 wrote it
    (004 l.315); its PDF laid out once is read back whole, byte for byte, by the next build."""
    layouts = Layouts()
    first = pdf_cache.cached_pdf(_context(golden, date(2018, 1, 1)), None, layouts)
    second = pdf_cache.cached_pdf(_context(golden, date(2018, 1, 1)), None, layouts)
    assert layouts.calls == 1
    assert first == second and first.startswith(b"%PDF")
    assert len(list(cache_folder.glob("pdf-*.pickle"))) == 1


def test_another_document_view_or_font_is_another_key(
    golden: VersionIndex, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The branche view of the same date differs (the arrêté's exclusion of « au niveau
    national », 004 l.315), and so does another date: each has its own PDF. A font file added,
    removed or changed (fontconfig's list) changes every key."""
    adherent = pdf_cache.pdf_key(_context(golden, date(2018, 1, 1)), None)
    branche = pdf_cache.pdf_key(_context(golden, date(2018, 1, 1), "branche"), None)
    earlier = pdf_cache.pdf_key(_context(golden, date(2010, 1, 1)), None)
    assert adherent is not None and len({adherent, branche, earlier}) == 3
    fonts = pdf_cache.font_files()
    assert fonts is not None and b"DejaVu" in fonts
    monkeypatch.setattr(pdf_cache, "font_files", lambda: fonts + b"/usr/share/fonts/new.ttf\0")
    assert pdf_cache.pdf_key(_context(golden, date(2018, 1, 1)), None) != adherent


def test_templates_are_in_the_key(golden: VersionIndex, cache_folder: Path, tmp_path: Path) -> None:
    """A changed template folder (here a copy with one comment added to print.css) is a miss."""
    import shutil

    from consolidator.resources import TEMPLATES

    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    context = _context(golden, date(2018, 1, 1))
    same = pdf_cache.pdf_key(context, copy)
    assert same == pdf_cache.pdf_key(context, None)
    (copy / "print.css").write_text(
        (copy / "print.css").read_text(encoding="utf-8") + "\n/* */\n", encoding="utf-8"
    )
    assert pdf_cache.pdf_key(context, copy) != same


def test_unknown_fonts_or_cache_off_lay_out_each_time(
    golden: VersionIndex, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = _context(golden, date(2018, 1, 1))
    layouts = Layouts()
    monkeypatch.setattr(pdf_cache, "font_files", lambda: None)  # no fc-list
    pdf_cache.cached_pdf(context, None, layouts)
    pdf_cache.cached_pdf(context, None, layouts)
    assert layouts.calls == 2 and not list(cache_folder.glob("pdf-*"))
    monkeypatch.undo()
    monkeypatch.setenv("CONSOLIDATOR_CACHE_DIR", str(cache_folder))
    monkeypatch.setenv("CONSOLIDATOR_NO_CACHE", "1")
    pdf_cache.cached_pdf(context, None, layouts)
    assert layouts.calls == 3 and not list(cache_folder.glob("pdf-*"))


def test_a_damaged_cache_file_is_laid_out_again(golden: VersionIndex, cache_folder: Path) -> None:
    context = _context(golden, date(2018, 1, 1))
    layouts = Layouts()
    first = pdf_cache.cached_pdf(context, None, layouts)
    (stored,) = cache_folder.glob("pdf-*.pickle")
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored.write_bytes(bytes(data))
    assert pdf_cache.cached_pdf(context, None, layouts) == first
    assert layouts.calls == 2


def test_the_contents_measured_once_give_the_same_pdf(
    golden: VersionIndex, cache_folder: Path
) -> None:
    """The number of pages of the contents with « 888 » is read back from the cache when the PDF
    is laid out again (its own cache file removed, as when its texts changed and its contents did
    not): the contents are not laid out a first time, and the bytes are those of a layout that
    measured them (layout_pdf alone, without the cache)."""
    context = _context(golden, date(2018, 1, 1))
    layouts = Layouts()
    first = pdf_cache.cached_pdf(context, None, layouts)
    assert layouts.contents == 1 and len(list(cache_folder.glob("pdf_contents-*.pickle"))) == 1
    for stored in cache_folder.glob("pdf-*.pickle"):
        stored.unlink()
    again = pdf_cache.cached_pdf(context, None, layouts)
    assert layouts.calls == 2 and layouts.contents == 1
    assert again == first == layout_pdf(context)
