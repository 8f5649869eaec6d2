"""The consolidated text on a date as plain files: one per article (by number), states, whole text.

Files are named by the article's number **on that date** (Archéo-Lex style): `articles/2.5.txt` is
whatever article bears number 2.5 in the convention on the date, so `git log -- articles/2.5.txt`
shows the 2000 article 2.5, then (from 1 May 2009) the former 2.4 renumbered 2.5. Attached texts
live under `textes/<prefix or id>/`; an article without a number is named after its title.
Wording (the view's text) and states (`etats.txt`) are kept apart, so that a change of state shows
in `git log -p` apart from a change of wording.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.query.headings import article_heading
from consolidator.query.snapshot import ArticleAt, first_day, snapshot
from consolidator.render.text import _para, branche_lines, restriction_sentence

BASE_DIR = "articles"


@dataclass(frozen=True)
class Files:
    """The files of one date and view: path → content, the article behind each, and their order."""

    content: dict[str, str]
    article_of: dict[str, str]  # article file path → stable article id
    state_lines: dict[str, str]  # article file path → its line in etats.txt
    order: tuple[str, ...]  # article file paths in the text's order


def _slug(text: str) -> str:
    """A file-name-safe form of a number or title.

    >>> _slug("Préambule"), _slug("Chapitre Ier — Définitions"), _slug("1er")
    ('preambule', 'chapitre-ier-definitions', '1er')
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9.]+", "-", ascii_).strip("-.").lower()[:60] or "sans-titre"


def text_dir(index: VersionIndex, text_id: str) -> str:
    if text_id == index.corpus.convention.base:
        return BASE_DIR
    act = index.corpus.acts[text_id]
    return f"textes/{_slug(act.prefix or act.id)}"


def _key(art: ArticleAt) -> tuple[object, ...]:
    b = art.branche
    if b is None:
        return (art.id, art.version.since, art.num, art.title)
    fallback = (b.fallback.article, b.fallback.since) if b.fallback else None
    uids = tuple(f.uid for f in b.fallback_fragments)
    return (art.id, art.version.since, art.num, art.title, b.paragraphs, b.removed, fallback, uids)


def wording(index: VersionIndex, art: ArticleAt, cache: dict | None = None) -> str:
    """The article's heading and wording in the view (as `text --at` prints them, but in the
    sources' characters, without typography or footnote calls), no states."""
    if cache is not None:
        key = _key(art)
        if key not in cache:
            cache[key] = wording(index, art)
        return str(cache[key])
    head = article_heading(index, art)  # D-715
    if art.num and art.title:
        head += f" - {art.title}"
    lines = [head, ""]
    if art.branche is None:
        lines += [_para(p, typo=False) + "\n" for p in art.version.paragraphs]
    else:
        lines += branche_lines(index, art, typo=False)
    return "\n".join(lines).rstrip() + "\n"


def state_line(index: VersionIndex, art: ArticleAt) -> str:
    """« en vigueur étendue (arrêté du 21 mars 2017) ; Exclu de l'extension ... »."""
    parts = [art.state.value]
    if art.extension:
        parts[0] += f" ({art.extension.arrete.label})"
    for r in art.restrictions:
        parts.append(f"{restriction_sentence(r)} ({index.corpus.arretes[r.arrete].label})")
    return " ; ".join(parts)


def files_at(index: VersionIndex, day: date, view: str, cache: dict | None = None) -> Files:
    """Every file of the text in force on `day` in `view` (empty before the convention).

    `cache` (any dict kept across calls) saves rewrapping the wordings that did not change.
    """
    if day < first_day(index):
        return Files({}, {}, {}, ())
    snap = snapshot(index, day, view)
    content: dict[str, str] = {}
    article_of: dict[str, str] = {}
    states: dict[str, str] = {}
    for text in snap.texts:
        folder = text_dir(index, text.act.id)
        for art in text.articles:
            stem = _slug(art.num or art.title or "sans-titre")
            path, n = f"{folder}/{stem}.txt", 1
            while path in content:
                n += 1
                path = f"{folder}/{stem}-{n}.txt"
            content[path] = wording(index, art, cache)
            article_of[path] = art.id
            states[path] = f"{path.removesuffix('.txt')} : {state_line(index, art)}"
    return Files(content, article_of, states, tuple(content))


def whole_text(index: VersionIndex, content: dict[str, str], order: list[str]) -> str:
    """texte.txt: the article files in the text's order, under each text's title."""
    titles = {text_dir(index, a.id): a.title for a in index.corpus.acts.values()}
    out: list[str] = []
    folder = ""
    for path in order:
        if path not in content:
            continue
        here = path.rsplit("/", 1)[0]
        if here != folder:
            out.append(f"== {titles.get(here, here)}\n")
            folder = here
        out.append(content[path])
    return "\n".join(out)
