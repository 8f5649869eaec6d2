"""The PDF laid out in two parts, the contents apart, assembled into one WeasyPrint document.

WeasyPrint resolves `target-counter` (the page numbers of the contents) by laying the whole
document out again until the numbers settle. On the whole convention that took five passes
(743 pages laid out for 351) and the numbers still did not settle: the contents said page 27
for a text that begins on page 28. Here the texts are laid out once, with as many empty
pages as the contents take in their place; the contents are then laid out alone, after as
many empty pages as the cover and the table of acts take, with the page numbers read from the
laid-out texts and the total number of pages; the pages of both are then put together in one
document and written once (`Document.copy`), so the outline, the links of the contents, the
running headers, the page numbers and the tagged structure (PDF/UA) are those of one document.

The number of pages of the contents is first measured with every page number written « 888 »
(« 8888 » when the contents are long enough for a document of a thousand pages)
(DejaVu's figures all have one width); when the contents with their real numbers take another
number of pages, the texts are laid out again with that number. That number depends only on
the contents' HTML with « 888 » (and the fonts and libraries that lay it out): a build may read
it from the cache (`contents_pages`, render/pdf_cache.py) instead of laying the contents out.

Python's full collections of cyclic garbage are made by hand during the layout, once after each
layout of the texts (`collections_between_layouts`): the layout allocates a million long-lived
objects and almost no garbage until a layout is done, so that each automatic full collection
scanned them all for nothing (about 11 % of the CPU of a PDF).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import Any

from consolidator.errors import RenderError
from consolidator.render.pdf import PrintContext, tagging, weasyprint_html

PLACEHOLDER = "888"
# Bytes of the contents' HTML per page of the whole document: ~280 on the embedded corpus (101 kB
# of contents for 362 pages); a low figure, so that a document of four-digit page numbers is never
# sized with three (which would lay the texts out twice: 2,190 pages at 10x the corpus).
CONTENTS_BYTES_PER_PAGE = 200
ATTEMPTS = 4
FIRST_BLANK = "pages-du-sommaire"
NEVER = 1 << 30  # a threshold of full collections that is never reached

ContentsPages = Callable[[str, Callable[[], int]], int]
"""(the contents' HTML with « 888 », how to count its pages) -> its number of pages"""


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    known = pdf.__dict__.get("_consolidator_page_references")
    if known is None or known[0] != len(kids):
        refs = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        known = (len(kids), refs)
        pdf.__dict__["_consolidator_page_references"] = known
    return known[1]


def remember_page_references() -> None:
    """pydyf rebuilds the list of page references each time WeasyPrint's tagging reads one
    (once per tagged element: 13 million steps, a quarter of the writing of the whole convention);
    this keeps it until a page is added (the list only grows). Same bytes written."""
    import pydyf

    if isinstance(getattr(pydyf.PDF, "page_references", None), property):
        pydyf.PDF.page_references = property(_page_references)  # type: ignore[method-assign,assignment]


def anchor_pages(document: Any) -> dict[str, int]:
    """Page number (from 1) of every anchor of a laid-out document: where it begins."""
    out: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            out.setdefault(anchor, number)
    return out


def _page_of(pages: dict[str, int]) -> Any:
    def page_of(anchor: str) -> str:
        if anchor not in pages:
            raise RenderError(f"the contents name #{anchor}, which the laid-out text lacks")
        return str(pages[anchor])

    return page_of


@contextlib.contextmanager
def collections_between_layouts() -> Iterator[None]:
    """No automatic full collection of cyclic garbage meanwhile (the young generations are still
    collected, and memory freed by reference counting); `gc.collect()` makes one by hand."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, NEVER)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def layout_pdf(context: PrintContext, contents_pages: ContentsPages | None = None) -> bytes:
    """The print document as one PDF, the contents numbered from one layout of the texts;
    `contents_pages` may give the number of pages of the contents measured before."""
    with collections_between_layouts():
        return _layout_pdf(context, contents_pages)


def sized_contents(context: PrintContext) -> str:
    """The contents with every page number written with as many « 8 » as the document's page
    numbers will likely have (DejaVu's figures all have one width): « 888 », or more digits for
    a longer document, estimated from the contents' length. A wrong estimate costs one more
    layout of the texts (the loop of `_layout_pdf` checks the real count), never a wrong PDF."""
    sized = context.html("toc", 0, lambda _anchor: PLACEHOLDER, int(PLACEHOLDER))
    digits = len(str(len(sized) // CONTENTS_BYTES_PER_PAGE))
    if digits <= len(PLACEHOLDER):
        return sized
    wide = "8" * digits
    return context.html("toc", 0, lambda _anchor: wide, int(wide))


def _layout_pdf(context: PrintContext, contents_pages: ContentsPages | None) -> bytes:
    html = weasyprint_html()
    options = tagging()
    sized = sized_contents(context)

    def count() -> int:
        return len(html(string=sized).render(**options).pages)

    contents = contents_pages(sized, count) if contents_pages else count()
    for _ in range(ATTEMPTS):
        body = html(string=context.html("body", contents)).render(**options)
        gc.collect()  # the cascade's garbage (computed styles) of the texts' layout
        pages = anchor_pages(body)
        first = pages[FIRST_BLANK] - 1  # pages of the cover and of the table of acts
        toc_html = context.html("toc", first, _page_of(pages), len(body.pages))
        toc = html(string=toc_html).render(**options)
        if len(toc.pages) - first == contents:
            break
        contents = len(toc.pages) - first
    else:  # pragma: no cover - the contents' length never settled
        raise RenderError("the table of contents of the PDF did not settle on a number of pages")
    whole = body.copy(
        body.pages[:first] + toc.pages[first:] + body.pages[first + contents :],
    )
    remember_page_references()
    data = whole.write_pdf(**options)
    if data is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise RenderError("WeasyPrint produced no PDF")
    return bytes(data)
