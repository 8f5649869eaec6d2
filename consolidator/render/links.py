"""Where pages live: files of the static site for one date, or URLs of the served application.

Templates never build a URL themselves: they ask `site.links`, so that `build` and `serve` render
the same templates. Articles are addressed by the names of D-707 (`render.names`) on the page's
date, in both: the number they bear (« 2.5 »), their text and number (« annexe-v-article-3 »),
the years a former holder of a number bore it (« 9.13-2011-2015 »); never a stable id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Protocol
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.model import Version, View
from consolidator.query.snapshot import clean_num as _clean_num
from consolidator.render.names import names_on, shown_version


@dataclass(frozen=True)
class NumberMap:
    """Article numbers as printed, per text, with the versions that bore them (fast lookups)."""

    index: VersionIndex
    _by_num: dict[tuple[str, str], list[Version]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for versions in self.index.versions.values():
            for v in versions:
                if v.num is not None:
                    self._by_num.setdefault((v.text_id, _clean_num(v.num)), []).append(v)

    def resolve(self, text_id: str, num: str, day: date) -> str | None:
        """The article that bore `num` in `text_id` on `day` (as resolve_article answers), or
        None when no article bore it that day."""
        for v in self._by_num.get((text_id, _clean_num(num)), []):
            if v.covers(day):
                return v.article
        return None

    def shown(self, article: str, day: date) -> Version:
        """The version a page of `article` on `day` shows (`names.shown_version`)."""
        return shown_version(self.index, article, day)

    def name(self, article: str, day: date) -> str:
        """The article's name on `day` (D-707): what its address says."""
        return names_on(self.index, day).names[article]

    def named(self, name: str, day: date) -> str | None:
        """The article that `name` names on `day`, or None when it names none."""
        return names_on(self.index, day).articles.get(name)


class Links(Protocol):
    """The addresses a page may link to; None where the site has no such page."""

    @property
    def at(self) -> date: ...
    @property
    def numbers(self) -> NumberMap: ...

    def texte(self, view: str = "adherent", day: date | None = None) -> str: ...
    def article(self, article: str, day: date | None = None) -> str: ...
    def compare_version(self, article: str, n: int) -> str | None: ...
    def changes(self, day: date) -> str | None: ...
    def history(self) -> str: ...
    def articles(self) -> str: ...
    def search(self) -> str | None: ...
    def salaries(self) -> str | None: ...
    def events(self) -> str | None: ...
    def asset(self, name: str) -> str: ...


@dataclass(frozen=True)
class StaticLinks:
    """Relative links between the files of the site built for `at` (`root`: '' or '../')."""

    numbers: NumberMap
    at: date
    root: str
    first_change: date

    @cached_property
    def names(self) -> dict[str, str]:
        return static_names(self.numbers, self.at)

    def texte(self, view: str = "adherent", day: date | None = None) -> str:
        return f"{self.root}{'branche' if view == 'branche' else 'index'}.html"

    def article(self, article: str, day: date | None = None) -> str:
        return f"{self.root}articles/{self.names[article]}.html"

    def compare_version(self, article: str, n: int) -> str | None:
        return f"{self.root}versions/{self.names[article]}-{n}.html"

    def changes(self, day: date) -> str | None:
        return None if day == self.first_change else f"{self.root}changes/{day.isoformat()}.html"

    def history(self) -> str:
        return f"{self.root}history.html"

    def articles(self) -> str:
        return f"{self.root}articles/index.html"

    def search(self) -> str | None:
        return f"{self.root}recherche.html"

    def salaries(self) -> str | None:
        return f"{self.root}salaires.html"

    def events(self) -> str | None:
        return f"{self.root}evenements.html"

    def asset(self, name: str) -> str:
        return f"{self.root}{name}"


def static_names(numbers: NumberMap, day: date) -> dict[str, str]:
    """One readable file name per article for the site of `day` (D-707, `render.names`)."""
    from consolidator.render.names import article_names

    return article_names(numbers.index, day)


@dataclass(frozen=True)
class ServedLinks:
    """Absolute URLs of the served application, ELI-like: /idcc/2128/2012-06-01/article/2.5."""

    numbers: NumberMap
    at: date
    base: str
    known: date | None = None  # ?connu=: every link keeps what could be known on that day

    def _day(self, day: date | None) -> str:
        return (day or self.at).isoformat()

    def _keep(self, url: str) -> str:
        """`url` with the page's `connu` parameter, if any."""
        if self.known is None:
            return url
        return f"{url}{'&' if '?' in url else '?'}connu={self.known.isoformat()}"

    def texte(self, view: str = "adherent", day: date | None = None) -> str:
        tail = "?vue=branche" if view == View.BRANCHE else ""
        return self._keep(f"{self.base}/{self._day(day)}/texte{tail}")

    def article(self, article: str, day: date | None = None) -> str:
        name = self.numbers.name(article, day or self.at)
        return self._keep(f"{self.base}/{self._day(day)}/article/{quote(name)}")

    def compare_version(self, article: str, n: int) -> str | None:
        versions = self.numbers.index.versions[article]
        return self.compare(versions[n - 1].since, versions[n].since, article)

    def compare(self, start: date, end: date, article: str | None = None) -> str:
        query = {"du": start.isoformat(), "au": end.isoformat()}
        if article:
            query["article"] = self.numbers.name(article, end)
        return self._keep(f"{self.base}/comparer?{urlencode(query)}")

    def changes(self, day: date) -> str | None:
        dates = self.numbers.index.change_dates
        if day == dates[0]:
            return None
        prev = dates[dates.index(day) - 1] if day in dates else day
        return self.compare(prev, day)

    def history(self) -> str:
        return self._keep(f"{self.base}/{self._day(None)}/historique")

    def articles(self) -> str:
        return self._keep(f"{self.base}/{self._day(None)}/articles")

    def search(self) -> str | None:
        return self._keep(f"{self.base}/{self._day(None)}/recherche")

    def salaries(self) -> str | None:
        return self._keep(f"{self.base}/{self._day(None)}/salaires")

    def events(self) -> str | None:
        return self._keep(f"{self.base}/{self._day(None)}/evenements")

    def asset(self, name: str) -> str:
        return f"/static/{name}"


_NUM = r"\d+(?:\.\d+)*(?:\s?er)?(?!\.?\d)"
_XREF = re.compile(
    rf"\barticles?\s+(?P<list>{_NUM}(?:\.?\s*(?:,|et|ou|à)\s*{_NUM})*)"
    r"(?!\s+(?:du|de\s+la\s+loi|de\s+l['’]|des|de\s+la\s+convention\s+du)\b)"
    r"(?P<convention>\s+de\s+la\s+(?:présente\s+)?convention\s+collective)?"
)
_ONE = re.compile(_NUM)


def _xref_link(numbers: NumberMap, links: Any, target: str, printed: str, day: date) -> str:
    """The link; when the article bears another number on the page's date, its title says
    both (« article 2.3 le 1er janvier 2004, date de cette rédaction ; article 2.4 au … »)."""
    href = links.article(target)
    now = numbers.shown(target, links.at).num
    title = ""
    if now and _clean_num(now) != _clean_num(printed):
        then = f"article {_clean_num(printed)} le {format_french(day)}, date de cette rédaction"
        today = f"article {now} au {format_french(links.at)}"
        title = f' title="{escape(then)} ; {escape(today)}"'
    return f'<a class="xref" href="{escape(href)}"{title}>{escape(printed)}</a>'


def cross_references(
    text: str, links: Any, text_id: str | None, written: date | None = None
) -> Markup:
    """Escape `text` and link each « article N » (« articles N, M et P ») to the article that
    bore N on the day the alinéa was `written` (renumberings: a 2000 « article 2.4 » is today's
    2.5, D-704); the link opens that article on the page's date, under its number then.

    The text is the alinéa's own, or the convention when the reference says « de la convention
    collective »; references to other instruments (« article 5 de la loi », « article
    L. 2261-22 du code du travail », « article 3 de l'accord ») are left as they are.
    """
    if links is None:
        return Markup(escape(text))
    if text_id is None:  # evidence of a text the sources lack: only its pointer to the salaries
        return _salaries_link(str(escape(text)), links)
    numbers: NumberMap = links.numbers
    base = numbers.index.corpus.convention.base
    out: list[str] = []
    pos = 0
    for m in _XREF.finditer(text):
        where = base if m.group("convention") else text_id
        for n in _ONE.finditer(m.group("list")):
            day = written or links.at
            target = numbers.resolve(where, n.group(), day)
            if target is None and "." in n.group():  # « 2.7.2 »: a subdivision of article 2.7
                target = numbers.resolve(where, n.group().rsplit(".", 1)[0], day)
            if target is None:
                continue
            start, end = m.start("list") + n.start(), m.start("list") + n.end()
            out.append(str(escape(text[pos:start])))
            out.append(_xref_link(numbers, links, target, n.group(), day))
            pos = end
    out.append(str(escape(text[pos:])))
    return _salaries_link("".join(out), links)


def _salaries_link(html: str, links: Any) -> Markup:
    """« voir les salaires » (Annexe II's pointer, l.3800) linked to the salary page."""
    salaries = links.salaries()
    if salaries and "voir les salaires" in html:
        link = f'<a class="xref" href="{escape(salaries)}">voir les salaires</a>'
        html = html.replace("voir les salaires", link)
    return Markup(html)
