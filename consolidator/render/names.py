"""Readable file names for the static site's article pages (D-707).

A page's address is built from what a reader knows, never from a stable id: the number an
article bears on the site's date (`9.12`), the text it belongs to and its number
(`avenant-n-20-article-2`, `accord-du-3-juillet-2015-article-1er`, `annexe-7`), the chapter of an
unnumbered clause (`chapitre-iv`). A number borne by several articles over time names the one
bearing it on the site's date, else the last one to bear it; the others add the years they bore
it (`9.13-2011-2015`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import partial
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.model import Act, ActKind, ActLevel, Version
from consolidator.normalize import clean_number
from consolidator.query.typed import section_numeral

_WORD = re.compile(r"[^a-z0-9.]+")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII words joined by « - » (dots kept: numbers).

    >>> ascii_slug("accord du 15 juillet 2009 (GPEC)"), ascii_slug("avenant n° 20")
    ('accord-du-15-juillet-2009-gpec', 'avenant-n-20')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.sub("-", folded).strip("-.") or "x"


def text_slug(act: Act) -> str:
    """The part of an address naming a text: « avenant-n-20 », « annexe-v », « accord-du-… »."""
    if act.kind is ActKind.AVENANT and act.number:
        return f"avenant-n-{ascii_slug(act.number)}"
    if act.kind is ActKind.ANNEXE and act.number:
        return f"annexe-{ascii_slug(act.number)}"
    return ascii_slug(act.short or act.label)


def _chapter(index: VersionIndex, version: Version) -> str | None:
    roman = section_numeral(index, version)
    return f"chapitre-{ascii_slug(roman)}" if roman else None


def _tenure_years(index: VersionIndex, version: Version) -> str:
    """« 2011-2015 »: the years the article bore `version`'s number."""
    bearing = [v for v in index.versions[version.article] if v.num == version.num]
    first, last = bearing[0].since, bearing[-1].until
    return f"{first.year}-{last.year if last else 'en-cours'}"


def _tenure_days(index: VersionIndex, version: Version) -> str:
    bearing = [v for v in index.versions[version.article] if v.num == version.num]
    last = bearing[-1].until
    return f"{bearing[0].since.isoformat()}-{last.isoformat() if last else 'en-cours'}"


def _own_name(
    index: VersionIndex, version: Version, texts: dict[str, str], sizes: Counter[str]
) -> str:
    """The name `version` asks for, before collisions are settled (`sizes`: each text's number
    of articles)."""
    base = index.corpus.convention.base
    if version.text_id == base:
        if version.num:
            return ascii_slug(clean_number(version.num))
        return _chapter(index, version) or ascii_slug(version.title or "clause")
    text = texts[version.text_id]
    if version.num:
        return f"{text}-article-{ascii_slug(version.num)}"
    act = index.corpus.acts[version.text_id]
    if sizes[act.id] == 1:
        return text
    prefix = f"{act.prefix or act.id}-"
    rest = version.article.removeprefix(prefix) if version.article.startswith(prefix) else ""
    return f"{text}-{ascii_slug(rest or version.title or 'texte')}"


def shown_version(index: VersionIndex, article: str, day: date) -> Version:
    """The version a page of `article` on `day` shows: in force, else the last, else the first."""
    return _shown(index.versions[article], day)


def article_names(index: VersionIndex, day: date, *, company: bool = False) -> dict[str, str]:
    """One file name per article of the branch's texts for the site of `day` (deterministic):
    the articles in force on `day` first, then the others, the last to bear a number first.

    `company`: the company-level texts' articles too, named after every branch article (so
    the branch's names do not change); the served application can show them, the site cannot."""
    names = _names(index, day, ActLevel.BRANCHE, {})
    if company:
        names |= _names(index, day, None, names)
    return names


def _names(
    index: VersionIndex, day: date, level: ActLevel | None, taken: dict[str, str]
) -> dict[str, str]:
    """The names of the articles of the texts at `level` (None: every other level)."""
    naming = _naming(index)
    current: list[tuple[str, Version]] = []
    former: list[tuple[str, Version]] = []
    # company-level texts are not part of the branch's site
    for article, versions in naming.branch if level is ActLevel.BRANCHE else naming.others:
        shown = _shown(versions, day)
        (current if shown.covers(day) else former).append((article, shown))
    former.sort(key=lambda p: (p[1].until or date.max, p[1].since, p[0]), reverse=True)
    names: dict[str, str] = {}
    used: set[str] = set(taken.values())
    for article, version in [*current, *former]:
        name = naming.own(index, version)
        if name in used:
            for tail in naming.tails(index, version):
                if name + tail not in used:
                    name += tail
                    break
            else:
                name += f"-{ascii_slug(article)}"  # never seen on the real corpus
        used.add(name)
        names[article] = name
    return names


class _Naming:
    """What naming the articles reads of the index whatever the day, made once per index: the
    articles of the branch's texts and the others (by id), the texts' slugs and sizes, and each
    version's own name and tenures once asked for."""

    def __init__(self, index: VersionIndex) -> None:
        acts = index.corpus.acts
        self.texts = _text_slugs(index)
        self.sizes = Counter(versions[0].text_id for versions in index.versions.values())
        self.branch: list[tuple[str, tuple[Version, ...]]] = []
        self.others: list[tuple[str, tuple[Version, ...]]] = []
        for article, versions in sorted(index.versions.items()):
            at = acts[versions[0].text_id].level
            (self.branch if at is ActLevel.BRANCHE else self.others).append((article, versions))
        self.names: dict[int, tuple[Version, str, tuple[str, str] | None]] = {}

    def own(self, index: VersionIndex, version: Version) -> str:
        """`_own_name` of `version`."""
        known = self.names.get(id(version))
        if known is None or known[0] is not version:
            known = (version, _own_name(index, version, self.texts, self.sizes), None)
            self.names[id(version)] = known
        return known[1]

    def tails(self, index: VersionIndex, version: Version) -> tuple[str, str]:
        """What a name taken by another article adds: the years, else the days it was borne."""
        self.own(index, version)
        _, name, tails = self.names[id(version)]
        if tails is None:
            tails = (f"-{_tenure_years(index, version)}", f"-{_tenure_days(index, version)}")
            self.names[id(version)] = (version, name, tails)
        return tails


def _shown(versions: tuple[Version, ...], day: date) -> Version:
    """`shown_version` of the article whose versions are `versions`."""
    before = [v for v in versions if v.since <= day]
    for v in before:
        if v.covers(day):
            return v
    return before[-1] if before else versions[0]


def _text_slugs(index: VersionIndex) -> dict[str, str]:
    """Each text's slug; two texts asking for the same one add their signature date."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for act in sorted(index.corpus.acts.values(), key=lambda a: (a.signed, a.id)):
        name = text_slug(act)
        if name in taken:
            name = f"{name}-{act.signed.isoformat()}"
        taken.add(name)
        slugs[act.id] = name
    return slugs


_KEPT: dict[int, tuple[weakref.ref[VersionIndex], list[date], dict[int, Named]]] = {}
_KEEPING = threading.Lock()


class Named:
    """The names of every article on one day (company texts too) and the way back.

    A server keeps the names of every stretch of days it is asked about: each stretch after the
    first is kept as its differences from the first (`base`), since two days' names differ in a
    few articles (at most 5 % on the embedded corpus) and a whole copy per stretch held half a
    gigabyte at 50x the corpus. Read by article (`names`) or by name (`articles`) alike."""

    def __init__(self, names: dict[str, str], base: Named | None = None) -> None:
        self.whole: dict[str, str] | None = None
        if base is None or base.whole is None or names.keys() != base.whole.keys():
            self.whole = names
            self.names: Mapping[str, str] = names
            self.articles: Mapping[str, str] = {name: article for article, name in names.items()}
            return
        changed = {a: name for a, name in names.items() if base.whole[a] != name}
        self.names = _Overlay(changed, base.whole)
        self.articles = _Reverse({name: a for a, name in changed.items()}, changed, base.articles)


class _Overlay(Mapping[str, str]):
    """A base's names, some of them changed (every article has one in both)."""

    def __init__(self, changed: dict[str, str], base: dict[str, str]) -> None:
        self.changed, self.base = changed, base

    def __getitem__(self, article: str) -> str:
        name = self.changed.get(article)
        return self.base[article] if name is None else name

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


class _Reverse(Mapping[str, str]):
    """The article a name names: a changed name's, else the base's if its article kept it."""

    def __init__(
        self, by_name: dict[str, str], changed: dict[str, str], base: Mapping[str, str]
    ) -> None:
        self.by_name, self.changed, self.base = by_name, changed, base

    def __getitem__(self, name: str) -> str:
        article = self.by_name.get(name)
        if article is not None:
            return article
        article = self.base[name]
        if article in self.changed:  # renamed on this day: the base's name is not its name
            raise KeyError(name)
        return article

    def __iter__(self) -> Iterator[str]:
        yield from self.by_name
        yield from (n for n, a in self.base.items() if a not in self.changed)

    def __len__(self) -> int:
        return len(self.base)


def _forget(key: int, _gone: object, kept: dict[int, Any] = _KEPT) -> None:
    """Drop a freed index's names (`kept` bound at definition: at interpreter shutdown the
    module's globals may already be None when the last index is freed)."""
    kept.pop(key, None)


_NAMING: dict[int, tuple[weakref.ref[VersionIndex], _Naming]] = {}


def _naming(index: VersionIndex) -> _Naming:
    """The `_Naming` of `index`, kept as long as it lives."""
    return _per_index(_NAMING, index, lambda: (_Naming(index),))[1]  # type: ignore[no-any-return]


def _per_index(
    store: dict[int, Any], index: VersionIndex, make: Callable[[], tuple[Any, ...]]
) -> Any:
    """`store`'s entry for `index`: a weak reference to it, then what `make()` gives, made when
    absent (or left by a freed index that had the same id) and dropped when the index is freed."""
    key = id(index)
    kept = store.get(key)
    if kept is None or kept[0]() is not index:
        kept = store[key] = (weakref.ref(index, partial(_forget, key, kept=store)), *make())
    return kept


def names_on(index: VersionIndex, day: date) -> Named:
    """`article_names(index, day, company=True)`, computed once per stretch of days between two
    version boundaries (the names only change there) and kept as long as `index` lives."""
    with _KEEPING:
        _, bounds, by_stretch = _per_index(
            _KEPT,
            index,
            lambda: (
                sorted(
                    {
                        d
                        for vs in index.versions.values()
                        for v in vs
                        for d in (v.since, v.until)
                        if d
                    }
                ),
                {},
            ),
        )
        stretch = bisect_right(bounds, day)
        found = by_stretch.get(stretch)
        if found is None:
            base = next(iter(by_stretch.values()), None)  # the first stretch named, kept whole
            names = article_names(index, day, company=True)
            found = by_stretch[stretch] = Named(names, base)
        return found


def name_every_day(index: VersionIndex) -> None:
    """Compute the names of every stretch of days at once (a server warming up: about 75
    stretches on the embedded corpus, 20 ms each, that its readers then never wait for)."""
    names_on(index, date.min)
    for day in _KEPT[id(index)][1]:
        names_on(index, day)
