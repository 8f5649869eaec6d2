"""The change feed as Atom (RFC 4287), written with feedgen: one entry per legal event.

An entry's `updated` is the date of effect (midnight Europe/Paris), its `published` the date the
event became known (the act's signature or the arrêté's JO publication); its content names each
article touched by number and title, with the word diff of its wording.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from jinja2 import Environment, Template

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.query.changes import LegalEvent, Touch, restriction_sentence, source_line
from consolidator.query.diff import ArticleChange, ChangeKind
from consolidator.render.changes_json import KIND_WORDS

PARIS = ZoneInfo("Europe/Paris")
URN = "urn:consolidator:idcc-{idcc}:"

_ENTRY = """\
<p>Date d’effet : {{ effect }}{% if known %} ; connue le {{ known }}{% endif %}.</p>
<p>Acte : {{ event.act.label }}{% if event.arrete %} ; arrêté : {{ event.arrete.label }}\
{% if event.arrete.jo %} (JO du {{ jo }}){% endif %}{% endif %}.</p>
{% for note in event.notes %}<p>{{ note.phrase }}</p>{% endfor %}
{% if sources %}<p>Source : {{ sources }}</p>{% endif %}
{% for t in touches %}<h3>{{ t.name }}</h3>
<p>{{ t.kinds }}{% if t.state %} — état : {{ t.state }}{% endif %}</p>
{% for r in t.restrictions %}<p>{{ r }}</p>{% endfor %}
{% if t.redline %}<p>{% for op, text in t.redline %}{% if op == -1 %}<del>{{ text }}</del>\
{% elif op == 1 %}<ins>{{ text }}</ins>{% elif op == 0 or op == 2 %}{{ text }}{% endif %}{% endfor %}</p>{% endif %}
{% else %}<p>Aucun article du texte consolidé n’est modifié.</p>{% endfor %}
"""


@cache
def _template() -> Template:
    return Environment(autoescape=True, keep_trailing_newline=True).from_string(_ENTRY)


def paris_midnight(day: date) -> datetime:
    """Midnight, Europe/Paris, on `day`."""
    return datetime.combine(day, time(), tzinfo=PARIS)


def _touch_view(index: VersionIndex, t: Touch) -> dict[str, object]:
    c = t.change
    name = t.name[:1].upper() + t.name[1:]
    if c.side.version.text_id != index.corpus.convention.base:
        name += f" ({t.text})"
    state = ""
    if c.before and c.after and c.before.state is not c.after.state:
        state = f"{c.before.state.value} → {c.after.state.value}"
    restrictions = [f"+ {restriction_sentence(index, r)}" for r in c.restrictions_added]
    restrictions += [f"− {restriction_sentence(index, r)}" for r in c.restrictions_removed]
    restrictions = list(dict.fromkeys(restrictions))
    words = dict(KIND_WORDS)
    if c.before and c.after:
        words[ChangeKind.RENUMBERED] += f" ({c.before.num} → {c.after.num})"
    kinds = ", ".join(words[k] for k in c.kinds)
    if c.end_reason:
        kinds += f" ({c.end_reason})"
    return {
        "name": name,
        "kinds": kinds,
        "state": state,
        "restrictions": restrictions,
        "redline": c.redline,
    }


def entry_html(index: VersionIndex, event: LegalEvent, touches: tuple[Touch, ...]) -> str:
    return _template().render(
        event=event,
        effect=format_french(event.date),
        known=format_french(event.known) if event.known else None,
        jo=format_french(event.arrete.jo) if event.arrete and event.arrete.jo else None,
        sources=", ".join(  # one name once (lawyer L-57: the metadata file was named twice)
            dict.fromkeys(source_line(s, index.corpus.convention.sources) for s in event.sources)
        ),
        touches=[_touch_view(index, t) for t in touches],
    )


def atom_feed(
    index: VersionIndex,
    entries: Sequence[tuple[LegalEvent, tuple[Touch, ...]]],
    title: str,
    feed_id: str,
    link: str | None = None,
) -> bytes:
    """An Atom feed of `entries` (an event and the touches shown for it), newest first."""
    from feedgen.feed import FeedGenerator  # lazy: only the feed commands need it

    conv = index.corpus.convention
    urn = URN.format(idcc=conv.idcc)
    fg = FeedGenerator()
    fg.id(urn + feed_id)
    fg.title(title)
    fg.language("fr")
    fg.author({"name": "consolidator"})
    if link:
        fg.link(href=link, rel="self")
    latest = max((e.date for e, _ in entries), default=index.change_dates[0])
    fg.updated(paris_midnight(latest))
    for event, touches in sorted(entries, key=lambda et: (et[0].date, et[0].key)):
        fe = fg.add_entry()  # feedgen prepends: the feed ends newest first
        fe.id(urn + event.key)
        fe.title(event.title)
        fe.updated(paris_midnight(event.date))
        if event.known:
            fe.published(paris_midnight(event.known))
        fe.content(entry_html(index, event, touches), type="html")
    return bytes(fg.atom_str(pretty=True))


def convention_feed(
    index: VersionIndex, events: tuple[LegalEvent, ...], link: str | None = None
) -> bytes:
    conv = index.corpus.convention
    return atom_feed(index, [(e, e.touches) for e in events], conv.title, "convention", link)


def article_feed(
    index: VersionIndex,
    article: str,
    found: tuple[tuple[LegalEvent, Touch], ...],
    link: str | None = None,
) -> bytes:
    """The feed of one article: the events that touched it, showing only that article."""
    last = found[-1][1]
    name = last.name[:1].upper() + last.name[1:]
    title = f"{name} ({index.corpus.acts[index.versions[article][-1].text_id].title})"
    entries = [(event, (touch,)) for event, touch in found]
    return atom_feed(index, entries, title, f"article:{article}", link)


def site_feeds(
    index: VersionIndex, day: date, known: Mapping[date, tuple[ArticleChange, ...]] | None = None
) -> dict[str, bytes]:
    """The site's feeds for `day`: the convention's, and one per article (events up to `day`;
    `known`: the changes of some days, computed before)."""
    from consolidator.query.changes import attribute
    from consolidator.render.filters import slug
    from consolidator.render.names import article_names

    found = attribute(index, "adherent", until=day, known=known)
    names = article_names(index, day)  # as the article pages (D-707)
    files = {"feeds/convention.atom": convention_feed(index, found.events)}
    for article, touches in sorted(found.by_article.items()):
        name = names.get(article) or slug(article)
        files[f"feeds/articles/{name}.atom"] = article_feed(index, article, touches)
    return files
