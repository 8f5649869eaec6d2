"""The contents are sized with page numbers as wide as the document's (render/pdf_layout.py):
at 10x the corpus (2,190 pages) « 888 » made the contents two pages too short, and the texts
were laid out a second time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from consolidator.engine.index import open_index
from consolidator.query.snapshot import snapshot
from consolidator.render.pdf import print_context
from consolidator.render.pdf_layout import sized_contents


class Contents:
    """A print context whose contents list `entries` articles (each call recorded)."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.calls: list[tuple[str, str, int]] = []

    def html(self, part: str, blank: int, page_of: Callable[[str], str], total: int) -> str:
        self.calls.append((part, page_of("a"), total))
        return "".join(
            f'<li><a href="#a{i}">Article {i}</a> {page_of("a")}</li>' for i in range(self.entries)
        )


def test_the_embedded_convention_is_sized_with_three_digits() -> None:
    index = open_index()
    context = print_context(index, snapshot(index, date(2026, 12, 2), "adherent"))
    sized = sized_contents(context)
    assert sized == context.html("toc", 0, lambda _anchor: "888", 888)


def test_long_contents_are_sized_with_four_digits() -> None:
    long = Contents(
        20_000
    )  # ~50 bytes an entry: 1 MB of contents, a document of thousands of pages
    assert "8888</li>" in sized_contents(long)  # type: ignore[arg-type]
    assert long.calls == [("toc", "888", 888), ("toc", "8888", 8888)]


def test_short_contents_are_laid_out_once() -> None:
    short = Contents(100)
    assert "888</li>" in sized_contents(short)  # type: ignore[arg-type]
    assert short.calls == [("toc", "888", 888)]
