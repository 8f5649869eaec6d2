"""The site's history page lists the held-over periods (D-213) in `history`'s own words.

The accord of 3 July 2015 replaced chapter IX (004 l.8746) and binds non-adherents only from its
extension by the arrêté of 23 February 2016 (l.10074): until then the 2011 « Passeport
orientation/ formation » (9.13, l.7155) still binds them.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from lxml import html as lhtml

from consolidator.cli import main
from consolidator.engine.replay import VersionIndex
from consolidator.query.history_held import held_period
from tests.conftest import flat, seed_lines

PERIOD = "3 juillet 2015 → 26 février 2016 : en vigueur étendue pour les employeurs non adhérents"


def _rows(static_site: Path) -> list[lhtml.HtmlElement]:
    doc = lhtml.parse(str(static_site / "history.html"))
    return doc.xpath("//table[contains(@class, 'held')]/tbody/tr")


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", flat(text)).strip()


def test_the_seed_dates_the_extension() -> None:
    assert "étendu par arrêté du 23 février 2016" in seed_lines(10074, 10074)[0]
    assert "Passeport orientation" in seed_lines(7155, 7155)[0]


def test_every_held_over_period_is_a_row(static_site: Path, index: VersionIndex) -> None:
    periods = [h for vs in index.versions.values() for v in vs if (h := held_period(index, v))]
    rows = _rows(static_site)
    assert len(rows) == len(periods) > 50
    chapter_ix = [r for r in rows if PERIOD in _spaces(r.xpath("string(td[3])"))]
    assert len(chapter_ix) == 15  # 9.1 to 9.15 of the accord of 5 July 2011
    assert {_spaces(r.xpath("string(td[2])")) for r in chapter_ix} == {"Accord du 5 juillet 2011"}


def test_the_row_says_what_history_says(static_site: Path) -> None:
    """One sentence function: the page's words are the CLI's, character for character."""
    cli = CliRunner().invoke(main, ["history", "9.13", "--at", "2012-06-01"]).output
    said = [_spaces(line) for line in cli.splitlines() if PERIOD in _spaces(line)]
    assert len(said) == 1 and "abrogé par l'accord du 3 juillet 2015" in said[0]
    rows = [r for r in _rows(static_site) if "Passeport" in r.xpath("string(td[1])")]
    assert [_spaces(r.xpath("string(td[3])")) for r in rows] == said
    assert rows[0].xpath("td[1]/a/@href") == ["articles/9.13.html"]  # its number on 1 June 2012


def test_the_periods_in_force_on_the_sites_date_are_marked(static_site: Path) -> None:
    """On 1 June 2012 the 2004 chapter IX still binds non-adherents until the accord of 5 July
    2011 is extended (14 July 2012)."""
    current = [r for r in _rows(static_site) if r.get("class") == "current"]
    assert current and all(
        "→ 14 juillet 2012" in _spaces(r.xpath("string(td[3])")) for r in current
    )
