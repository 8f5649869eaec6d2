"""WeasyPrint and pydyf made cheaper where the PDF's text, structure and look stay the same.

Leaders. The contents' `leader(". ")` (templates/print.css) is laid out by WeasyPrint as one
text box per « . » (`layout/leader.py`: about 30,000 boxes for the whole convention, each with its
own Pango layout, text object and marked-content sequence when drawn): `merge_leaders` wraps
WeasyPrint's `handle_leader` so that, once it has placed the dots, the dots of a line become two
text boxes: the rightmost dot, as WeasyPrint draws it first, then all the others as one text of
the same « . » repeated, starting where the leftmost starts. The dots are contiguous and all of
one advance (the width WeasyPrint measured for one « . »), so the glyphs are drawn where they
were; and as the rightmost dot still comes first, a text extractor reads the line as before
(« Titre . . . 12 », the space after the title read from the jump to that dot). The PDF's text,
its structure elements and its links are those of before (the dots of a line are two
marked-content sequences of the link instead of one each).

The wrapper is installed only on the WeasyPrint it was written for (`handle_leader` in
`weasyprint.layout.inline`, the leader boxes as `layout/leader.py` makes them); elsewhere the
dots are laid out as WeasyPrint does.

Compression. pydyf deflates every stream (pages, fonts, the object stream) at zlib's level 9:
about 2.5 s of CPU for the 20 MB of a view of the convention, where the default level 6 takes
0.65 s for a file 5 % larger (2.33 MB instead of 2.22). `deflate_level` gives pydyf a `zlib`
whose `compressobj` deflates at `LEVEL`: the streams decode to the same bytes.

Cascade. WeasyPrint's user-agent stylesheet gives every element six pseudo-elements
(`::marker`, `::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`,
`::note-callback`): 68,000 computed styles for the 11,300 elements of the convention's texts,
where 6,100 serve the elements themselves. `lean_html` gives WeasyPrint's HTML class a
user-agent stylesheet where `::marker` applies to the elements that are list items (`li`,
`summary`) and the footnote and note rules are left out: print.css sets every property they set
on the only footnotes there are (`.fn`), and nothing is a note. The texts' PDF is the same to the
byte, its cascade 1 to 3 s shorter.
"""

from __future__ import annotations

import copy
import functools
import re
import zlib
from typing import Any

MERGED = "_consolidator_merged_leaders"
LEVEL = 6  # zlib's default: 4 times as fast as 9 on a PDF's streams, 5 % larger
MARKER_RULE = "\n::marker {"
MARKER_FOR = "\n:is(li, summary)::marker {"
NOTE_RULES = re.compile(
    r"\n::(footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^}]*\}"
)


def _merged(dots: tuple[Any, ...]) -> Any:
    """One text box for `dots`, placed where the leftmost begins."""
    first = min(dots, key=lambda box: box.position_x)
    text = first.text * len(dots)
    layout = copy.copy(first.pango_layout)
    layout.text = text  # what the drawing lays out again (Layout.reactivate)
    box = first.copy_with_text(text)
    box.pango_layout = layout
    box.width = first.width * len(dots)
    return box


def _two_boxes(dots: tuple[Any, ...]) -> tuple[Any, Any]:
    """The rightmost dot, then the others as one text box."""
    last = max(dots, key=lambda box: box.position_x)
    return last, _merged(tuple(box for box in dots if box is not last))


def _leader_box(line: Any) -> Any:
    from weasyprint.layout.leader import leader_index

    return leader_index(line)[1]


def _merge_after(handle_leader: Any) -> Any:
    @functools.wraps(handle_leader)
    def handle_and_merge(context: Any, line: Any, containing_block: Any) -> None:
        handle_leader(context, line, containing_block)
        leader = _leader_box(line)
        if leader is None or len(leader.children) < 3:
            return
        dots = tuple(leader.children)
        if all(type(box).__name__ == "TextBox" and box.text == dots[0].text for box in dots):
            leader.children = _two_boxes(dots)

    setattr(handle_and_merge, MERGED, True)
    return handle_and_merge


def merge_leaders() -> bool:
    """Install the wrapper (once); False when this WeasyPrint has not the shape it expects."""
    try:
        from weasyprint.layout import inline, leader
        from weasyprint.text.line_break import Layout
    except ImportError:  # pragma: no cover - WeasyPrint missing: pdf.weasyprint_html says so
        return False
    current = getattr(inline, "handle_leader", None)
    if getattr(current, MERGED, False):
        return True
    if current is not leader.handle_leader or not hasattr(Layout, "reactivate"):
        return False  # pragma: no cover - another WeasyPrint: its leaders as they are
    inline.handle_leader = _merge_after(current)  # type: ignore[attr-defined]
    return True


class _Deflate:
    """zlib, whose `compressobj` deflates at `LEVEL` whatever level it is asked for."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(LEVEL, *args, **kwargs)


def deflate_level() -> bool:
    """pydyf's streams deflated at `LEVEL`; False when pydyf does not use the zlib module."""
    import pydyf

    current = getattr(pydyf, "zlib", None)
    if isinstance(current, _Deflate):
        return True
    if current is not zlib:  # pragma: no cover - another pydyf: its level as it is
        return False
    pydyf.zlib = _Deflate()  # type: ignore[attr-defined]
    return True


def lean_user_agent(text: str) -> str | None:
    """WeasyPrint's user-agent stylesheet without the pseudo-elements of every element (None
    when it does not hold exactly the rules this expects, once each)."""
    if text.count(MARKER_RULE) != 1 or len(NOTE_RULES.findall(text)) != 5:
        return None
    lean = NOTE_RULES.sub("", text.replace(MARKER_RULE, MARKER_FOR))
    return lean if "::note" not in lean and "::footnote" not in lean else None


@functools.cache
def lean_html(html: type) -> type:
    """WeasyPrint's HTML class with the lean user-agent stylesheet (parsed once), else `html`
    as it is."""
    try:
        from weasyprint import CSS
        from weasyprint import html as ua
    except ImportError:  # pragma: no cover - WeasyPrint missing: pdf.weasyprint_html says so
        return html
    text = getattr(ua, "UA", None)
    lean = lean_user_agent(text) if isinstance(text, str) else None
    if lean is None or not callable(getattr(html, "_ua_stylesheets", None)):
        return html  # pragma: no cover - another WeasyPrint: its stylesheet as it is
    sheet = CSS(string=lean, counter_style=ua.UA_COUNTER_STYLE)

    class LeanHTML(html):  # type: ignore[misc,valid-type]
        """WeasyPrint's HTML, laid out with the lean user-agent stylesheet."""

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            others: list[Any] = html._ua_stylesheets(self, forms)[1:]  # type: ignore[attr-defined]
            return [sheet, *others]

    return LeanHTML
