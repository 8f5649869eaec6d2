"""The pieces of a part kept from the previous build: a part that shows the whole corpus (the
feeds) is rendered again whenever anything changed, but most of its pieces did not.

A piece is a run of bytes of one of the part's files (a whole file, for an article's feed). The
build records in its MANIFEST, for each piece, the hash of the piece's own inputs and where its
bytes lie; the next build copies the bytes of a piece whose inputs are unchanged from the
previous build's file (checked whole against its recorded hash first) instead of rendering it.
The MANIFEST is the same whether a piece was copied or rendered: a piece's inputs are hashed the
same way, and its bytes are the same.

An article's feed shows the legal events that touched the article, each with what changed in it:
the article's change on a day, and the event it is attributed to, are read from the world
(render/site_inputs.py: the index but the wordings) and the article's own versions, as its page
is; its inputs are those of its page (the code, the build's options, the world, its own
versions) and its events' keys. The changes themselves come from the build's days
(render/site_days.py), each computed from that day's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.render.site_days import Day
from consolidator.render.site_inputs import SiteInputs, _hash
from consolidator.render.site_manifest import file_sha


@dataclass
class Pieces:
    """The pieces of one part: those the previous build recorded, and this build's."""

    recorded: dict[str, Any]  # name -> [inputs, file, start, end]
    files: dict[str, Any]  # the previous build's files of the part -> their hash
    folder: Path | None
    made: dict[str, list[Any]] = field(default_factory=dict)
    read: dict[str, bytes | None] = field(default_factory=dict)

    @classmethod
    def of(cls, entry: Any, folder: Path | None) -> Pieces:
        """The pieces recorded in a MANIFEST's entry of one part (none if it holds none)."""
        recorded = entry.get("pieces") if isinstance(entry, dict) else None
        files = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(recorded, dict) or not isinstance(files, dict):
            return cls({}, {}, None)
        return cls(recorded, files, folder)

    def get(self, name: str, key: str | None) -> bytes | None:
        """The previous build's bytes of the piece `name` if its inputs were `key`."""
        found = self.recorded.get(name)
        if key is None or not isinstance(found, list) or len(found) != 4 or found[0] != key:
            return None
        _, file, start, end = found
        data = self._file(file)
        if data is None or not isinstance(start, int) or not isinstance(end, int):
            return None
        return data[start:end] if 0 <= start <= end <= len(data) else None

    def put(self, name: str, key: str | None, file: str, start: int, end: int) -> None:
        if key is not None:
            self.made[name] = [key, file, start, end]

    def _file(self, file: Any) -> bytes | None:
        if not isinstance(file, str) or self.folder is None:
            return None
        if file not in self.read:
            try:
                data: bytes | None = (self.folder / file).read_bytes()
            except OSError:
                data = None
            sha = file_sha(data) if data is not None else None
            self.read[file] = data if sha is not None and sha == self.files.get(file) else None
        return self.read[file]


def feed_files(
    index: VersionIndex,
    day: date,
    inputs: SiteInputs,
    days: dict[date, Day],
    pieces: Pieces,
) -> dict[str, bytes]:
    """The site's feeds for `day` (render/atom.py's `site_feeds`), each article's feed copied
    from the previous build when its inputs are unchanged."""
    from consolidator.query.changes import attribute
    from consolidator.render.atom import article_feed, convention_feed
    from consolidator.render.filters import slug
    from consolidator.render.names import article_names

    known = {d: found.changes for d, found in days.items()}
    found = attribute(index, "adherent", until=day, known=known)
    names = article_names(index, day)  # as the article pages (D-707)
    files = {"feeds/convention.atom": convention_feed(index, found.events)}
    for article, touches in sorted(found.by_article.items()):
        name = f"feeds/articles/{names.get(article) or slug(article)}.atom"
        key = None
        if article in inputs.own:
            key = _hash(inputs.of(f"article:{article}"), "feed", *(e.key for e, _ in touches))
        data = pieces.get(name, key)
        if data is None:
            data = article_feed(index, article, touches)
        pieces.put(name, key, name, 0, len(data))
        files[name] = data
    return files


def convention_file(build: Any, view: str, pieces: Pieces) -> bytes:
    """The convention page of `view` (render/site.py's `convention_page`), each article's block
    copied from the previous build's page when its inputs are unchanged.

    An article's block shows the article in force on the build's day in that view, with the
    numbers of its notes (numbered across the page): its inputs are those of its page, the
    view, its anchor, its heading's level and its notes' numbers.
    """
    from markupsafe import Markup

    from consolidator.render.contents import snapshot_views
    from consolidator.render.site import convention_page

    index, inputs, site = build.index, build.inputs, build.site
    views = snapshot_views(index, build.snap(view))
    module = build.env.get_template("partials/article.html").module
    blocks: list[tuple[str, str | None, str]] = []  # (article, inputs, html), in page order
    frags: dict[str, Any] = {}
    for article, level in _articles(views[0]):
        aid = article.art.id
        key = None
        if aid in inputs.own:
            notes = (str(note.number) for note in article.notes)
            own = inputs.of(f"article:{aid}")
            key = _hash(own, "convention", view, article.anchor, str(level), *notes)
        data = pieces.get(aid, key)
        html = data.decode("utf-8") if data is not None else None
        if html is None:
            html = str(module.article(article, "screen", site.links, level))
        frags[article.anchor] = Markup(html)
        blocks.append((aid, key, html))
    if len(frags) != len(blocks):  # an anchor twice: each block rendered in its place
        frags, blocks = {}, []
    page = convention_page(build.env, index, build.snap(view), site, views, frags or None)
    data = page.encode("utf-8")
    name = "index.html" if view == "adherent" else f"{view}.html"
    at = 0
    for aid, key, html in blocks:
        block = html.encode("utf-8")
        start = data.find(block, at)
        if start < 0:
            break
        at = start + len(block)
        pieces.put(aid, key, name, start, at)
    return data


def _articles(texts: Any) -> list[tuple[Any, int]]:
    """Each article view of the page with its heading's level, in page order (as the `body`
    macro of templates/partials/tree.html walks the texts)."""
    from consolidator.render.contents import Node

    out: list[tuple[Any, int]] = []

    def walk(children: Any, level: int) -> None:
        for child in children:
            if isinstance(child, Node):
                walk(child.children, level + 1)
            else:
                out.append((child, min(level, 6)))

    for text in texts:
        walk(text.children, 3)
    return out
