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
    assert doc.xpath("//section[@id='chg-2.5']//del")
    inserted = "".join(doc.xpath("//section[@id='chg-2.5']//ins//text()"))
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


def test_branche_diff_shows_the_held_over_wording_replaced_by_the_extended_one(
    index: VersionIndex,
) -> None:
    """Chapter XIII (004 l.2151-2175): the avenant of 8 April 2002 rewrote it (« de 1 heure »,
    « 1 an », and a new alinéa on the congé de paternité); until its extension by the arrêté of
    2 December 2002 (004 l.15503), a non-adherent employer stayed bound by the 2000 wording
    (« d'une heure », « un an »), extended by the arrêté of 17 August 2001 (D-213). Across the
    extension, the branche changelog shows exactly that replacement; 15.2, rewritten on
    10 December 2002 but not extended, still binds them in its extended wording: no change."""
    log = changelog(index, date(2002, 6, 1), date(2003, 1, 1), "branche")
    assert [c.num for c in log.changes] == ["Dispositions du chapitre XIII - Maternité - Adoption"]
    (change,) = log.changes
    assert (
        change.state_line == "étendu (arrêté du 17 août 2001) → étendu (arrêté du 2 décembre 2002)"
    )
    deleted = [t for op, t in change.redline if op == DELETE]
    inserted = [t for op, t in change.redline if op == INSERT]
    assert deleted == ["d'une", "un", "un", "d'un"]
    assert inserted[:4] == ["de 1", ",", "1", "1"]
    assert any("congé légal de paternité" in t for t in inserted)
    data = changelog_json(index, log)["changes"][0]
    assert data["state"]["before"] == "en vigueur étendue"
    assert {"op": "delete", "text": "d'une"} in data["wording"]


def test_branche_diff_ends_the_held_over_chapter_ix_at_the_extension(
    index: VersionIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The accord of 3 July 2015 « abroge et remplace » chapter IX (004 l.8335); extended by the
    arrêté of 23 February 2016 (JO 26 February 2016, metadata only). For a non-adherent, the
    2011 chapter IX (9.1-9.15) binds until then: the branche changelog from 1 October 2015 to
    1 March 2016 lists its 15 articles as ended on the extension, and 2015's 14 as added, as
    the comparison of the whole texts does."""
    from consolidator.query import diff

    start, end = date(2015, 10, 1), date(2016, 3, 1)
    log = changelog(index, start, end, "branche")
    gone = [
        c
        for c in log.of_kind(diff.ChangeKind.REPEALED)
        if c.side.path[:1] == ("IX - Formation professionnelle et emploi",)
    ]
    assert [c.num for c in gone] == [f"9.{n}" for n in range(1, 16)]
    assert {c.end_reason for c in gone} == {
        "abrogé le 3 juillet 2015 par l’accord du 3 juillet 2015, qui ne lie les employeurs non "
        "adhérents qu’à compter de son extension, le 26 février 2016, d’après les métadonnées "
        "Légifrance"
    }
    added = [c.num for c in log.of_kind(diff.ChangeKind.ADDED) if not c.text]
    assert added == [f"9.{n}" for n in range(1, 15)]
    text = changelog_text(index, log)
    assert "Articles abrogés ou sortis du texte : 9.1, 9.2" in text
    monkeypatch.setattr(diff, "_touched", lambda index, start, end: set(index.versions))
    assert diff.changelog(index, start, end, "branche") == log
