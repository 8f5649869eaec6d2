"""Diff between two dates: golden text and JSON, word redline, state changes, CLI behaviour."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.query.diff import (
    DELETE,
    EQUAL,
    INSERT,
    changelog,
    version_change,
    word_diff,
)
from consolidator.render.diff import changelog_json, changelog_text
from tests.conftest import GOLDEN

CORPUS = GOLDEN / "corpus"


@pytest.fixture(scope="module")
def small() -> VersionIndex:
    return open_index(CORPUS)


@pytest.mark.parametrize(
    ("start", "end", "article"),
    [
        ("2010-01-01", "2020-01-01", None),
        (
            "2009-04-30",
            "2009-05-01",
            None,
        ),  # avenant n° 13: renumbering + insertions (004 l.6099-6428)
        ("2016-01-01", "2018-01-01", "a2000-2.4"),  # 2.5 rewritten by avenant n° 20 (004 l.310-315)
    ],
)
def test_golden_changelogs(
    small: VersionIndex, start: str, end: str, article: str | None, golden
) -> None:
    log = changelog(small, date.fromisoformat(start), date.fromisoformat(end), article=article)
    name = f"diff/{start}_{end}_{article or 'all'}"
    golden(f"{name}.txt", changelog_text(small, log))
    golden(
        f"{name}.json", json.dumps(changelog_json(small, log), ensure_ascii=False, indent=2) + "\n"
    )


def test_2010_2020_lists_2_5_with_its_state_change(small: VersionIndex) -> None:
    data = changelog_json(small, changelog(small, date(2010, 1, 1), date(2020, 1, 1)))
    assert "2.5" in data["summary"]["reworded"]
    assert "2.5" in data["summary"]["state"]
    change = next(c for c in data["changes"] if c["num"] == "2.5")
    assert change["state"] == {
        "before": "en vigueur non-étendue",
        "after": "en vigueur étendue",
        "arrete": "2017-03-21",
        "line": "non étendu → étendu (arrêté du 21 mars 2017)",
    }


def test_renumbering_is_structural_not_wording(small: VersionIndex) -> None:
    """Avenant n° 13 renumbers 2.4 → 2.5 and 2.5 → 2.7 (in force 1 May 2009)."""
    log = changelog(small, date(2009, 4, 30), date(2009, 5, 1))
    renumbered = {c.id: (c.before.num, c.after.num) for c in log.of_kind("renumbered")}
    assert renumbered["a2000-2.4"] == ("2.4", "2.5")
    assert renumbered["a2000-2.5"] == ("2.5", "2.7")
    assert [c.num for c in log.of_kind("added")] == ["2.3", "2.6"]


def test_word_diff_works_on_words_not_characters() -> None:
    """004 l.258: « 4h00 » became « 7 heures »."""
    diff = word_diff(
        "Un crédit mensuel de 4h00 est accordé", "Un crédit mensuel de 7 heures est accordé"
    )
    assert diff == (
        (EQUAL, "Un crédit mensuel de "),
        (DELETE, "4h00"),
        (INSERT, "7 heures"),
        (EQUAL, " est accordé"),
    )
    assert "".join(t for op, t in diff if op != INSERT) == "Un crédit mensuel de 4h00 est accordé"


def test_version_change_of_2_5(small: VersionIndex) -> None:
    change = version_change(small, "a2000-2.4", 2)
    assert change.kinds == ("reworded", "state", "restrictions")
    assert [r.words for r in change.restrictions_added] == [
        "au niveau national",
        "au plan national",
        "au plan national",
    ]


def test_cli_text_is_plain_when_piped_and_coloured_on_request(small: VersionIndex) -> None:
    runner = CliRunner()
    args = ["diff", "--corpus", str(CORPUS), "--from", "2016-01-01", "--to", "2018-01-01", "2.5"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    assert "[-" in result.output and "{+" in result.output
    coloured = changelog_text(
        small, changelog(small, date(2016, 1, 1), date(2018, 1, 1)), color=True
    )
    assert "\x1b[31m[-" in coloured


def test_cli_json_and_bad_dates() -> None:
    runner = CliRunner()
    base = ["diff", "--corpus", str(CORPUS)]
    result = runner.invoke(
        main, [*base, "--from", "2010-01-01", "--to", "2020-01-01", "--format", "json"]
    )
    assert result.exit_code == 0
    assert "2.5" in json.loads(result.output)["summary"]["state"]
    result = runner.invoke(main, [*base, "--from", "2020-01-01", "--to", "2010-01-01"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "error: la date --from (1er janvier 2020) est postérieure à la date --to (1er janvier 2010)"
    )
    result = runner.invoke(main, [*base, "--from", "1990-01-01", "--to", "2010-01-01"])
    assert result.exit_code == 1 and "pas encore en vigueur" in result.output
    result = runner.invoke(main, [*base, "--from", "2010-13-01"])
    assert result.exit_code == 1  # bad input, not a usage error (README: exit codes)
    assert "error: --from: impossible date '2010-13-01'" in result.output


def test_cli_html_redline_parses() -> None:
    from lxml import html as lhtml

    args = ["diff", "2.5", "--corpus", str(CORPUS), "--from", "2016-01-01", "--to", "2018-01-01"]
    result = CliRunner().invoke(main, [*args, "--format", "html"])
    assert result.exit_code == 0
    doc = lhtml.fromstring(result.output)
    assert doc.xpath("//section[@id='chg-a2000-2.4']//del")
    inserted = "".join(doc.xpath("//section[@id='chg-a2000-2.4']//ins//text()"))
    assert "au niveau national" in inserted


def test_redline_of_2_5_pairs_alineas_and_keeps_words_whole(small: VersionIndex) -> None:
    """Avenant n° 20 rewrote 2.5 (004 l.310-315): no word is cut (« demi-~~journée.~~ »)."""
    from consolidator.query.redline import side, side_by_side

    change = version_change(small, "a2000-2.4", 2)
    assert change.before is not None and change.after is not None
    assert side(change.redline, True) == change.before.version.text
    assert side(change.redline, False) == change.after.version.text
    for op, text in change.redline:
        if op in (DELETE, INSERT):
            assert (
                text == text.strip() or "\n" in text or text.startswith(" ") or text.endswith(" ")
            )
    assert (DELETE, "journée") not in change.redline
    rows = side_by_side(change.redline)
    assert len(rows) >= 3
    assert all(left or right for left, right in rows)


def test_retyping_is_not_a_change_of_meaning() -> None:
    """A dash or apostrophe retyped (as Legifrance does, DECISIONS) is shown apart."""
    from consolidator.query.redline import RETYPED_NEW, RETYPED_OLD, meaning_changed

    old = "- le mandat doit être confié par l'organisation"
    new = "– le mandat doit être confié par l’organisation"
    diff = word_diff(old, new)
    assert not meaning_changed(diff)
    assert (RETYPED_OLD, "-") in diff and (RETYPED_NEW, "–") in diff
    assert (RETYPED_OLD, "'") in diff and (RETYPED_NEW, "’") in diff
    assert meaning_changed(word_diff(old, new.replace("mandat", "congé")))


def test_two_alineas_merged_show_the_paragraph_break_removed(index: VersionIndex) -> None:
    """Avenant n° 20 (in force 2 April 2017) joins 2.4's « … moins de 50 salariés. » and « Ce
    crédit d'heures se rajoute … » into one alinéa (004 l.260): the redline removes the
    paragraph break and keeps both sentences as they were."""
    from consolidator.query.snapshot import resolve_article

    aid = resolve_article(index, "2.4", date(2017, 4, 2))
    log = changelog(index, date(2017, 4, 1), date(2017, 4, 2), article=aid)
    redline = log.changes[0].redline
    assert (DELETE, "\n\n") in redline and (INSERT, " ") in redline
    assert not any("Ce crédit d'heures se rajoute" in t for op, t in redline if op != EQUAL)
