"""Issue 15 § 6, `--known-at K` on every command: what could be known on K.

Acts signed after K and arrêtés published after K do not exist; a change whose date depends on an
arrêté not yet published on K is pending « à la publication de l'arrêté d'extension »; once the
arrêté is published, its date is given with the JO that made it known. Cases from
004_cb251bc3192fed7a.txt: avenant n° 20 of 21 September 2016 (l.9449-9573) enters into force the
day after the JO publication of its arrêté of 21 March 2017, published on 1 April 2017 (l.10917);
avenant n° 29's 9.5.2 « entrera en vigueur au lendemain de la publication de l'arrêté
d'extension » (l.12059), published on 27 November 2020.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.query.events import arrete_known
from consolidator.query.knowledge import known_index
from tests.conftest import flat, seed_lines


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, flat(result.output.replace("&nbsp;", " "))


def _cli(*args: str) -> str:
    code, out = _run(*args)
    assert code == 0, out
    return out


def test_the_seed_says_when_avenant_20_became_applicable() -> None:
    assert (
        "avenant n° 20 relatif au droit syndical le 21 septembre 2016 étendu par arrêté du "
        "21 mars 2017 (Journal officiel du 1er avril 2017)" in seed_lines(10917, 10917)[0]
    )


def test_the_known_corpus_replays_on_days_things_became_known(index) -> None:
    corpus = index.corpus
    days = sorted(
        {a.signed for a in corpus.acts.values()}
        | {arrete_known(a) for a in corpus.arretes.values()}
    )
    for day in [*days[::9], date(2001, 8, 28)]:  # 28 August 2001: reservations answered later
        known = known_index(index, day)
        assert known.corpus.known_at == day
        assert all(a.signed <= day for a in known.corpus.acts.values())
        assert all(arrete_known(a) <= day for a in known.corpus.arretes.values())


def test_text_before_the_jo_leaves_avenant_20_pending() -> None:
    out = _cli("text", "--at", "2017-06-01", "--known-at", "2017-01-01")
    assert "réponse limitée à ce qui était connu au 1er janvier 2017" in out
    assert "Attention : le 1er juin 2017 est postérieur au 1er janvier 2017" in out
    # 2.5 keeps avenant n° 13's title; avenant n° 20's is to come, on a date nobody knew
    assert "Article 2.5 - Congé exceptionnel pour participation" not in out
    assert (
        "À venir : nouvelle rédaction le lendemain de la publication de son arrêté d'extension "
        "(avenant n° 20 du 21 septembre 2016)" in out
    )
    assert "2 avril 2017" not in out
    html = _cli("text", "--at", "2017-06-01", "--known-at", "2017-01-01", "--format", "html")
    assert "réponse limitée à ce qui était connu au 1er janvier 2017" in html
    data = json.loads(
        _cli("text", "--at", "2017-06-01", "--known-at", "2017-01-01", "--format", "json")
    )
    assert data["sources"]["known_at"] == "2017-01-01"


def test_after_the_jo_the_date_says_which_jo_made_it_known() -> None:
    out = _cli("article", "2.5", "--at", "2017-04-01", "--known-at", "2017-04-01")
    assert (
        "le lendemain de la publication de son arrêté d'extension, soit le 2 avril 2017 "
        "(connu depuis le JO du 1er avril 2017) (avenant n° 20 du 21 septembre 2016)" in out
    )
    html = _cli(
        "article", "2.5", "--at", "2017-04-01", "--known-at", "2017-04-01", "--format", "html"
    )
    assert "(connu depuis le JO du 1er avril 2017)" in html


def test_history_and_citation_know_only_what_was_known() -> None:
    hist = _cli("history", "2.5", "--at", "2017-01-01", "--known-at", "2017-01-01")
    assert "2 avril 2017" not in hist and "avenant n° 20 du 21 septembre 2016 [" not in hist
    assert hist.rstrip().endswith(
        "À venir : nouvelle rédaction le lendemain de la publication de son arrêté d'extension "
        "(avenant n° 20 du 21 septembre 2016)"
    )
    data = json.loads(
        _cli("history", "2.5", "--at", "2017-01-01", "--known-at", "2017-01-01", "--format", "json")
    )
    assert [p["act"]["number"] for p in data["pending"]] == ["20"]
    assert data["sources"]["known_at"] == "2017-01-01"
    full = json.loads(_cli("history", "2.5", "--at", "2017-01-01", "--format", "json"))
    assert full["pending"] == [] and full["sources"]["known_at"] is None
    then = _cli("cite", "2.5", "--at", "2017-06-01", "--known-at", "2017-01-01")
    assert "dans sa rédaction issue de l'avenant n° 13 du 18 mars 2009" in then
    now = _cli("cite", "2.5", "--at", "2017-06-01", "--known-at", "2017-04-01")
    assert "dans sa rédaction issue de l'avenant n° 20 du 21 septembre 2016" in now
    bib = json.loads(
        _cli("cite", "2.5", "--at", "2017-06-01", "--known-at", "2017-01-01", "--format", "json")
    )
    assert "avenant n° 13" in json.dumps(bib, ensure_ascii=False)


def test_acts_signed_later_do_not_exist() -> None:
    out = _cli("text", "--at", "2016-06-01", "--known-at", "2016-06-01")
    assert "avenant n° 20" not in out
    log = _cli("diff", "--from", "2016-01-01", "--to", "2018-01-01", "--known-at", "2017-01-01")
    stamp, body = log.split("n'y figurent pas.", 1)
    assert "réponse limitée à ce qui était connu" in stamp and "avenant n° 20" not in body
    later = _cli("diff", "--from", "2016-01-01", "--to", "2018-01-01", "--known-at", "2017-04-01")
    assert "avenant n° 20" in later


def test_9_5_in_2020_is_pending_until_the_jo(index) -> None:
    out = _cli("article", "9.5", "--at", "2020-06-01", "--known-at", "2020-06-01")
    assert out.count("À venir : nouvelle rédaction le lendemain de la publication") == 1
    assert "28 novembre 2020" not in out
    data = json.loads(
        _cli("article", "9.5", "--at", "2020-06-01", "--known-at", "2020-06-01", "--format", "json")
    )
    assert [p["act"]["number"] for p in data["article"]["pending"]] == ["29"]
    after = _cli("article", "9.5", "--at", "2020-11-27", "--known-at", "2020-11-27")
    assert "soit le 28 novembre 2020 (connu depuis le JO du 27 novembre 2020)" in after


def test_salaries_and_applicability_known_at() -> None:
    out = _cli("salaries", "--at", "2013-06-01", "--known-at", "2012-01-01")
    assert "accord du 9 novembre 2011 (salaires 2012)" in out
    assert (
        "salaires 2013" not in out
        and "réponse limitée à ce qui était connu au 1er janvier 2012" in out
    )
    then = _cli("applicability", "2.5", "--at", "2017-01-01", "--known-at", "2017-01-01")
    assert "2 avril 2017" not in then


def test_known_at_before_the_convention_is_refused() -> None:
    code, out = _run("text", "--at", "2000-06-01", "--known-at", "1999-01-01")
    assert code == 1 and "no text of the convention was signed by then" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "command",
    ["text", "article", "history", "cite", "diff", "salaries", "timeline", "applicability"],
)
def test_every_dated_command_takes_known_at(command: str) -> None:
    assert "--known-at" in _cli(command, "--help")


def test_retroactive_avenant_30_is_unknown_before_its_signature() -> None:
    # lawyer L-10: avenant n° 30 « du 30 juin 2020 » (004 l.12080-12175) applies to « salariés
    # placés en activité partielle entre le 12 mars 2020 et le 31 décembre 2020 » (l.3047-3049):
    # on 1 April 2020 15.2 could only be read in avenant n° 22's wording
    then = _cli("article", "15.2", "--at", "2020-04-01", "--known-at", "2020-04-01")
    assert "rédaction issue de : avenant n° 22 du 8 décembre 2017" in then
    assert "avenant n° 30" not in then
    data = json.loads(
        _cli(
            "article", "15.2", "--at", "2020-04-01", "--known-at", "2020-04-01", "--format", "json"
        )
    )
    assert data["article"]["version"]["act"]["id"] != "avenant-30"
    assert data["sources"]["known_at"] == "2020-04-01"
    later = _cli("article", "15.2", "--at", "2020-04-01", "--known-at", "2020-07-01")
    assert "rédaction issue de : avenant n° 30 du 30 juin 2020" in later
