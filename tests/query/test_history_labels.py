"""Lawyer L-15: `history N --at D` labels each version with its last state, whatever D is."""

from __future__ import annotations

import json
from datetime import date

from consolidator.commands import history_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines


def _labels(out: str, act: str) -> list[str]:
    lines = [line for line in out.splitlines() if line.startswith("•") and act in line]
    return [line.rsplit("[", 1)[1] for line in lines]


def test_one_label_per_version_whatever_the_date(index: VersionIndex) -> None:
    # avenant n° 24 rewrote 9.14 (004 l.10762-10775); avenant n° 32 renumbered it 9.12 (l.14071)
    assert "9.14" in seed_lines(14071, 14071)[0]
    at_2020 = flat(str(history_document(index, "9.14", date(2020, 1, 1), "text")))
    now = flat(str(history_document(index, "9.12", date(2024, 1, 1), "text")))
    assert _labels(at_2020, "avenant n° 24") == _labels(now, "avenant n° 24")
    assert _labels(at_2020, "avenant n° 24") == ["remplacé]", "en vigueur étendue]"]
    a = json.loads(str(history_document(index, "9.14", date(2020, 1, 1), "json")))
    b = json.loads(str(history_document(index, "9.12", date(2024, 1, 1), "json")))
    assert [(v["state"], v["label"]) for v in a["versions"]] == [
        (v["state"], v["label"]) for v in b["versions"]
    ]
    # the dated states are the periods: non-étendue until the arrêté of 5 February 2021
    (v24,) = [v for v in a["versions"] if v["since"] == "2018-12-07"]
    states = [p["state"] for p in v24["periods"]]
    assert states[:2] == ["en vigueur non-étendue", "en vigueur étendue"]


def test_several_holders_are_said_in_the_plural(index: VersionIndex) -> None:
    # 9.12: 2011 (l.7146), 2015 CPNEFP, and the former 9.14 (l.14071)
    out = flat(str(history_document(index, "9.12", date(2024, 1, 1), "text")))
    assert "Le numéro 9.12 a aussi désigné d'autres articles :" in out
