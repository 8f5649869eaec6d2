"""L-41: `history`'s held-over stretches tell the story the branche view and `applicability` tell.

A version binds non-adherents after its end for members only from the later of that end and its
own extension, until the extension of the text that replaces it for them — possibly a later one,
when the replacing text is never extended — and never when it was never extended or wholly
excluded (D-213, D-301). Seed 004: 15.2 (l.2552, D-301; avenant n° 22, l.9984), 10.2 (avenant
n° 7, l.5069; avenant n° 8, l.5151), 9.12 (accord du 9 novembre 2018, l.10153), 9.5 (avenant
n° 27, D-205), annexe V (avenant n° 22, l.9984; avenant n° 28).
"""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from consolidator.cli import main
from consolidator.errors import QueryError
from consolidator.query.applicability import applicability
from consolidator.query.branche_view import branche_article
from consolidator.query.history import history
from consolidator.query.history_held import change_days

TODAY = date(2026, 12, 2)


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.replace("\u00a0", " ").replace("\u202f", " ")


def _held(index, article: str) -> dict[tuple[date, str], tuple[date, date | None]]:  # type: ignore[no-untyped-def]
    """History's held-over stretches of `article`: (version since, act) → (since, until)."""
    out = {}
    for vh in history(index, article, TODAY).versions:
        if vh.held is not None:  # an unknown JO day: counted from the arrêté's date (D-716)
            undated = vh.held.until_undated
            until = undated.arrete.date if undated else vh.held.until
            out[(vh.version.since, vh.version.act)] = (vh.held.since, until)
    return out


def _branche_named(index, article: str, day: date) -> tuple[date, str] | None:  # type: ignore[no-untyped-def]
    """The ended version `article --view branche` shows as binding non-adherents on `day`."""
    try:
        art = branche_article(index, article, day)
    except QueryError:
        return None
    # an extension whose JO day is unknown counts from its arrêté's date; the earlier wording
    # named beside it binds them only until that publication (D-716)
    if art.branche is not None and art.branche.fallback is not None and art.undated is None:
        return (art.branche.fallback.since, art.branche.fallback.act)
    if art.held is not None:
        return (art.held.version.since, art.held.version.act)
    return None


def test_every_held_over_day_is_the_branche_views(index) -> None:
    """Every article × every day something may change: the version history holds over for
    non-adherents is the one the branche view names, and no two are held over at once."""
    checked = 0
    for article, versions in index.versions.items():
        if versions[0].until is None:
            continue  # never ended: nothing to hold over
        held = _held(index, article)
        for day in change_days(index, article):
            if day < versions[0].until:
                continue
            in_history = [k for k, (s, u) in held.items() if s <= day and (u is None or day < u)]
            named = _branche_named(index, article, day)
            assert in_history == ([named] if named else []), (article, day, in_history, named)
            checked += 1
    assert checked > 200


def test_no_held_over_stretch_for_a_version_never_extended_then(index) -> None:
    """The lawyer's scan: a held-over stretch starts on a day the version (some alinéa of it, or
    its act when its wording is unknown) is extended."""
    from consolidator.query.scope import Scope, extended_on, fragment_scopes
    from consolidator.query.undated import version_undated

    for article in index.versions:
        for vh in history(index, article, TODAY).versions:
            if vh.held is None:
                continue
            v, day = vh.version, vh.held.since
            if v.wording_known:
                scopes = fragment_scopes(index, v, day)
                assert any(s.scope in (Scope.BRANCHE, Scope.RESERVE) for s in scopes), article
            else:
                assert extended_on(index, v.act, day) or version_undated(index, v, day), article


def test_15_2_avenant_16_binds_non_adherents_until_avenant_22_is_extended(index) -> None:
    # the 2015 text (l.2552, D-301) is never extended: avenant n° 16's wording binds them from
    # 1 June 2015 until avenant n° 22's extension takes effect, 1 January 2020 (l.9984)
    out = _run("history", "15.2")
    assert (
        "1er juin 2015 (date approximative, D-301) → 1er janvier 2020 : en vigueur étendue pour "
        "les employeurs non adhérents (remplacé par le texte modificatif non identifié dans les "
        "sources pour ce qu’il modifie, dont l’extension n’est pas dans les sources, puis par "
        "l’avenant n° 22 du 8 décembre 2017, qui ne les lie qu’à compter de son extension, le "
        "1er janvier 2020"
    ) in out
    assert "1er janvier 2018 → 1er janvier 2020 : en vigueur étendue pour les employeurs" not in out
    data = json.loads(_run("history", "15.2", "--format", "json"))
    by_act = {v["act"]["id"]: v["held_over"] for v in data["versions"]}
    assert by_act["avenant-16"]["until"] == "2020-01-01"
    assert by_act["avenant-16"]["by"]["id"] == "texte-15-2-7"
    assert by_act["avenant-16"]["until_by"]["id"] == "avenant-22"
    assert by_act["texte-15-2-7"] is None
    # applicability and the branche view say the same on both sides of that day
    assert "issue de l’avenant n° 16 du 18 janvier 2012 demeure applicable" in applicability(
        index, "a2000-15.2", date(2019, 6, 1)
    )
    assert _branche_named(index, "a2000-15.2", date(2019, 6, 1))[1] == "avenant-16"  # type: ignore[index]
    assert _branche_named(index, "a2000-15.2", date(2020, 1, 1)) is None
    assert _branche_named(index, "a2000-15.2", date(2023, 1, 1)) is None


def test_10_2_avenant_7_binds_non_adherents_only_from_its_own_extension(index) -> None:
    # avenant n° 7 (l.5069), replaced on 10.2 by avenant n° 8 on 3 March 2004 (l.5151), extended
    # only from 15 June 2004: until then the 2000 wording binds them, then avenant n° 7's until
    # avenant n° 8's extension (25 July 2004)
    held = _held(index, "a2000-10.2")
    base = index.corpus.convention.base
    assert held[(date(2000, 2, 1), base)] == (date(2004, 1, 1), date(2004, 6, 15))
    assert held[(date(2004, 1, 1), "avenant-7")] == (date(2004, 6, 15), date(2004, 7, 25))
    out = _run("history", "10.2", "--at", "2004-05-01")
    assert (
        "15 juin 2004 (d’après les métadonnées Légifrance) → 25 juillet 2004 : en vigueur étendue "
        "pour les employeurs non adhérents (remplacé le 3 mars 2004 par l’avenant n° 8"
    ) in out
    assert (
        "sa propre extension, par l’arrêté du 4 juin 2004, ne prend effet que le 15 juin 2004"
        in out
    )
    bound = applicability(index, "a2000-10.2", date(2004, 7, 1))
    assert "issue de l’avenant n° 7 du 17 décembre 2003 demeure applicable" in bound
    assert "L’alinéa 17 (avenant n° 7 du 17 décembre 2003) est étendu par" in bound  # masculine


def test_9_12_accord_of_2018_binds_non_adherents_from_its_own_extension(index) -> None:
    # accord du 9 novembre 2018 (l.10153), replaced by avenant n° 27 on 21 June 2019 and
    # extended from 21 February 2020: avenant n° 21's wording binds them until that day
    held = _held(index, "a2015-9.12")
    assert held[(date(2019, 1, 1), "accord-2018-11-09")] == (date(2020, 2, 21), date(2020, 12, 24))
    assert held[(date(2018, 1, 1), "avenant-21")][1] == date(2020, 2, 21)
    assert "issue de l’avenant n° 21 du 1er juin 2017 demeure applicable" in applicability(
        index, "a2015-9.12", date(2019, 9, 1)
    )
    assert "issue de l’accord du 9 novembre 2018 demeure applicable" in applicability(
        index, "a2015-9.12", date(2020, 6, 1)
    )


def test_9_5_avenant_27_wholly_excluded_is_never_held_over(index) -> None:
    # avenant n° 27's 9.5, never extended (its arrêté excluded it, D-205): no held-over stretch;
    # the 2015 wording binds non-adherents until avenant n° 29's extension (27 November 2020)
    held = _held(index, "a2015-9.5")
    assert not any(act == "avenant-27" for _, act in held)
    assert held[(date(2015, 7, 3), "accord-2015-07-03")] == (date(2019, 6, 21), date(2020, 11, 27))
    out = _run("history", "a2015-9.5")
    assert (
        "(remplacé par l’avenant n° 27 du 21 juin 2019 pour ce qu’il modifie, puis par l’avenant "
        "n° 29 du 13 décembre 2019, qui ne les lie qu’à compter de son extension, le 27 novembre 2020"
    ) in out


def test_annexe_v_avenant_22_is_held_over_from_its_extension_on_the_day_it_was_replaced(
    index,
) -> None:
    # avenant n° 22 extended with effect 1 January 2020 (l.9984), the day avenant n° 28 replaced
    # annexe V; held over until avenant n° 28's extension (the lawyer: right as it was)
    held = _held(index, "annexe-v-texte")
    assert held[(date(2018, 1, 1), "avenant-22")] == (date(2020, 1, 1), date(2021, 1, 1))


def test_text_view_branche_names_the_same_wordings(index) -> None:
    """`text --view branche` (the snapshot) on days of the lawyer's scan: the earlier extended
    wording it prints is the version history holds over that day."""
    from consolidator.model import View
    from consolidator.query.snapshot import snapshot

    cases = [
        (date(2019, 6, 1), "a2000-15.2", "avenant-16"),
        (date(2004, 5, 1), "a2000-10.2", index.corpus.convention.base),
        (date(2004, 7, 1), "a2000-10.2", "avenant-7"),
        (date(2019, 9, 1), "a2015-9.12", "avenant-21"),
        (date(2020, 6, 1), "a2015-9.12", "accord-2018-11-09"),
        (date(2020, 6, 1), "a2015-9.5", "accord-2015-07-03"),
    ]
    for day, article, act in cases:
        snap = snapshot(index, day, View.BRANCHE)
        arts = [a for t in snap.texts for a in t.articles if a.id == article]
        assert len(arts) == 1, (article, day)
        fallback = arts[0].branche.fallback if arts[0].branche else None
        assert fallback is not None and fallback.act == act, (article, day)
        held = _held(index, article)[(fallback.since, fallback.act)]
        assert held[0] <= day < (held[1] or date.max), (article, day, held)
