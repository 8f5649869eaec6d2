"""Issue 15 § 7: exclusions of table rows are cited and noted as rows, unambiguously.

The arrêté of 20 November 2020 excludes 23 certifications of 9.5.2 (004 l.1574-1598), naming
each by its title, RNCP code and certifier: « Manager financier 31204 CEESCO* » (004 l.1591).
Avenant n° 29 as signed lists two « Manager financier » rows under 31204: INSEEC and CEESCO
(000 l.768-775); only CEESCO's is excluded. A row is therefore designated by its whole content,
never by the RNCP code alone, in the text notes, history, citation (text, BibTeX, JSON).
"""

from __future__ import annotations

import json
from datetime import date

from consolidator.query.citation import citation
from consolidator.query.history import history
from consolidator.query.snapshot import article_at, resolve_article
from consolidator.render import text as trender
from consolidator.render.citation import citation_output
from tests.conftest import ROOT, flat, seed_lines

DAY = date(2022, 1, 1)
CEESCO = "« Manager financier — 7 — 31204 — CEESCO »"
INSEEC = "« Manager financier — 7 — 31204 — INSEEC »"


def _seed_000(first: int, last: int) -> list[str]:
    lines = (ROOT / "corpus" / "sources" / "000_5fd5759f96aa2236.txt").read_text("utf-8")
    return lines.splitlines()[first - 1 : last]


def test_the_sources_name_one_of_two_31204_rows() -> None:
    assert seed_lines(1591, 1591)[0].startswith("- Manager financier 31204 CEESCO*")
    signed = " ".join(" ".join(_seed_000(768, 775)).split())
    assert signed == "Manager financier 7 31204 31204 14624 INSEEC CEESCO EM Grenoble"


def test_text_notes_say_rows_not_terms(index) -> None:
    art = article_at(index, resolve_article(index, "9.5", DAY), DAY)
    out = flat(trender.article_text(index, art))
    assert "termes « 31204 »" not in out and "termes « 1027 »" not in out
    assert f"Exclu de l'extension (la ligne {CEESCO} du tableau)" in out
    assert INSEEC not in out.split("[1] Exclu")[1]  # the notes never name the extended row
    hist = flat(trender.history_text(index, history(index, art.id, DAY)))
    assert f"exclusion de la ligne {CEESCO} du tableau" in hist
    assert "exclusion de la ligne « 31204 »" not in hist


def test_citation_designates_the_rows_by_their_content(index) -> None:
    c = citation(index, resolve_article(index, "9.5", DAY), DAY)
    text = flat(citation_output(c, "text"))
    assert (
        "à l'exclusion des 23 lignes « Brevet de technicien supérieur : Assistant de gestion"
        in text
    )
    assert CEESCO in text and INSEEC not in text and "désignées par « 1027 »" not in text
    assert CEESCO in flat(citation_output(c, "bibtex"))
    data = json.loads(citation_output(c, "json"))
    rows = data["excluded_rows"]
    assert len(rows) == 23
    manager = [r for r in rows if r["cells"]["rncp"] == "31204"]
    assert manager == [
        {
            "alinea": 145,
            "cells": {
                "intitulé": "Manager financier",
                "niveau": "7",
                "rncp": "31204",
                "certificateur": "CEESCO",
            },
        }
    ]
    # ESM-A and GESCEP share 21740 (004 l.1592-1593): both rows, each by its certifier
    assert [r["cells"]["certificateur"] for r in rows if r["cells"]["rncp"] == "21740"] == [
        "GESCEP",
        "ESM-A",
    ]


def test_article_json_says_what_each_exclusion_designates(index) -> None:
    from consolidator.render.json import article_json

    art = article_at(index, resolve_article(index, "9.5", DAY), DAY)
    data = article_json(index, art)
    found = [r["designates"] for r in data["reservations"] if r.get("words") == "31204"]
    assert found == [f"la ligne {CEESCO} du tableau"]
