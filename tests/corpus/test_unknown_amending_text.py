"""Issue 15 § 4 and D-301: 15.2's fifth version, by a text the sources do not identify.

The export's fifth block of 15.2 (004 l.2552-2704) is headed only « REMPLACE » (l.2552): no act,
no date, no state. It adds « 15.2.7 Maintien des garanties en cas de rupture du contrat de
travail » (l.2662) and is replaced by avenant n° 21's block (l.2706). Readers must be told that
the amending text is not identified in the sources, in words, with the date flagged approximate,
and never see an internal-looking label such as « texte non identifié (15.2.7) ».
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from consolidator.cli import main
from tests.conftest import flat, seed_lines

UNKNOWN = "texte modificatif non identifié dans les sources"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return flat(result.output)


def test_the_seed_names_no_act_for_the_fifth_block() -> None:
    assert seed_lines(2552, 2552) == ["REMPLACE"]
    assert seed_lines(2662, 2662) == [
        "15.2.7 Maintien des garanties en cas de rupture du contrat de travail"
    ]
    assert seed_lines(2706, 2706) == ["REMPLACE"]


def test_every_output_says_the_amending_text_is_unknown(index) -> None:
    outputs = {
        "article": _cli("article", "15.2", "--at", "2016-01-01"),
        "history": _cli("history", "15.2"),
        "cite": _cli("cite", "15.2", "--at", "2016-01-01"),
        "timeline": _cli("timeline"),
        "applicability": _cli("applicability", "15.2", "--at", "2016-01-01"),
    }
    for name, out in outputs.items():
        assert "(15.2.7)" not in out and "texte non identifié" not in out, name
    assert f"rédaction issue de : {UNKNOWN}" in outputs["article"]
    assert "depuis le 1er juin 2015 (date approximative, D-301)" in outputs["article"]
    assert (
        f"du 1er juin 2015 (date approximative, D-301) au 1er janvier 2018 : {UNKNOWN}"
        in (outputs["history"])
    )
    assert f"dans sa rédaction issue du {UNKNOWN}" in outputs["cite"]
    data = json.loads(_cli("article", "15.2", "--at", "2016-01-01", "--format", "json"))
    act = data["article"]["version"]["act"]
    assert act["signed_provenance"]["certainty"] == "approximate"
    assert act["title"].startswith("Texte modificatif non identifié dans les sources")
    html = _cli("article", "15.2", "--at", "2016-01-01", "--format", "html")
    assert UNKNOWN in html and "(15.2.7)" not in html
