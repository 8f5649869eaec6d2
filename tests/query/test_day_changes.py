"""The changes feed and the git export say what `diff` says, day by day, in both views.

The accord of 3 July 2015 on vocational training replaced chapter IX (004 l.8746); it binds
non-adherents from its extension, by the arrêté of 23 February 2016 (l.10074, JO of 26 February
2016 per the metadata): until then the 2011 chapter IX binds them (D-213), and on 26 February
2016 the branche view's changes end it.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.replay import VersionIndex
from consolidator.query.changes import attribute, day_changes, legal_events
from consolidator.query.diff import ChangeKind, changelog
from consolidator.query.snapshot import first_day
from tests.conftest import seed_lines

EXTENDED = date(2016, 2, 26)
ENDED = "qui ne lie les employeurs non adhérents qu’à compter de son extension, le 26 février 2016"


def test_the_seed_says_the_accord_was_extended_on_23_february_2016() -> None:
    assert "étendu par arrêté du 23 février 2016" in seed_lines(10074, 10074)[0]


def test_26_february_2016_ends_the_held_over_chapter_ix_in_the_branche_view(
    index: VersionIndex,
) -> None:
    ended = {
        c.id: c.end_reason
        for c in day_changes(index, EXTENDED, "branche", words=False)
        if c.kinds == (ChangeKind.REPEALED,)
    }
    held = {f"a2011-9.{n}" for n in range(1, 16)}
    assert set(ended) == held
    assert all(
        r and r.startswith("abrogé le 3 juillet 2015 par l’accord du 3 juillet 2015")
        for r in ended.values()
    )
    assert all(ENDED in (r or "") for r in ended.values())
    found = attribute(index, "branche", EXTENDED, EXTENDED, words=False)
    (event,) = found.events
    assert event.kind == "extension" and event.arrete and event.arrete.id == "arrete-2016-02-23"
    assert held <= {t.article for t in event.touches} and not found.fallbacks


def test_the_feed_says_so(index: VersionIndex) -> None:
    args = ["changes", "--since", "2016-02-26", "--until", "2016-02-26", "--view", "branche"]
    out = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    gone = [a for e in out["events"] for a in e["articles"] if a["changes"] == ["repealed"]]
    assert len(gone) == 15 and all(ENDED in a["ended"] for a in gone)
    assert "Passeport orientation/ formation" in {a["title"] for a in gone}  # l.7155


def _days(index: VersionIndex) -> list[date]:
    start = first_day(index)
    events = {e.date for e in legal_events(index) if e.date > start}
    return sorted(events | set(index.change_dates[1:]))


@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_every_day_the_feed_touches_what_diff_compares(index: VersionIndex, view: str) -> None:
    """Every change date and every legal event's date: the articles the events of the day
    touch (each once) are `diff --from <eve> --to <day>`'s, in both views."""
    found = attribute(index, view, words=False)
    by_day: dict[date, list[str]] = {}
    for event in found.events:
        by_day.setdefault(event.date, []).extend(t.article for t in event.touches)
    wrong = []
    for day in _days(index):
        log = changelog(index, day - timedelta(days=1), day, view, words=False)
        touched = by_day.get(day, [])
        expected = {c.id for c in log.changes}
        if len(touched) != len(set(touched)) or set(touched) != expected:
            wrong.append((day, sorted(set(touched) ^ expected)[:4]))
    assert not wrong, wrong[:5]
    assert EXTENDED in _days(index) and len(_days(index)) > 70
