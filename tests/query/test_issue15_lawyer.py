"""Issue 15 checked as a labour lawyer would: outputs against the seed's own lines.

Each test runs what a user runs (the documents behind `text`, `article`, `history`, `cite`,
`timeline`, `salaries`), quotes the lines of `004_cb251bc3192fed7a.txt` that decide the answer,
and asserts the exact wording, date or state. Cases found wrong are not here: they are reported in
the helpers' findings file until fixed.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from consolidator.commands import (
    applicability_document,
    article_document,
    cite_document,
    history_document,
    text_document,
    timeline_document,
)
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines

MSA_2001 = (
    "organismes relevant de la convention collective agréée de travail du personnel de la "
    "mutualité sociale agricole"
)


def _article(index: VersionIndex, num: str, day: date, view: str = "adherent") -> str:
    return flat(str(article_document(index, num, day, view, "text")))


def _words(text: str) -> str:
    """The rendered text with its line wrapping undone."""
    return " ".join(text.split())


def _article_json(index: VersionIndex, num: str, day: date, view: str = "adherent") -> dict:
    return json.loads(str(article_document(index, num, day, view, "json")))["article"]


# --- item 3: an arrêté extends only what it names ---------------------------------------------


def test_timeline_extends_six_annexes_in_2001_and_not_annexe_iii(index: VersionIndex) -> None:
    # 004 l.15469: the arrêté of 17 August 2001 extends the convention « complétée par six
    # annexes relatives, respectivement, à la méthode de classification des fonctions, aux
    # rémunérations minimales annuelles garanties, aux garanties du régime de prévoyance, aux
    # cotisations du régime de prévoyance, à la création d'une commission temporaire [...], aux
    # frais de déplacement [...] », modifiée et complétée par l'avenant n° 1: Annexe III
    # (missions du directeur) is not among them.
    line = seed_lines(15469, 15469)[0]
    assert "complétée par six annexes relatives, respectivement, à la méthode" in line
    assert "missions" not in line and "directeur" not in line
    out = flat(str(timeline_document(index, None, "text")))
    extended = sorted(
        row.split("extension de ", 1)[1].split(" — par arrêté du 17 août 2001")[0]
        for row in out.split("\n")
        if "— par arrêté du 17 août 2001" in row and " extension " in row
    )
    assert extended == [
        "l'annexe I",
        "l'annexe II",
        "l'annexe IV",
        "l'annexe V",
        "l'annexe classification",
        "l'annexe relative aux frais de déplacement des représentants syndicaux (2000)",
        "l'avenant n° 1 du 30 janvier 2001",
        "la convention collective nationale de la mutualité du 31 janvier 2000",
    ]
    # and Annexe III's own heading, in the text of 2002, says it is not extended (D-304)
    text_2002 = flat(str(text_document(index, date(2002, 1, 1), "adherent", "text")))
    assert (
        "== Annexe III - Missions et responsabilités du directeur d'un organisme mutualiste "
        "entrant dans le champ d'application de la convention collective de la mutualité "
        "[en vigueur non-étendue]"
    ) in text_2002


# --- item 2: change days of renumbered articles, both views -----------------------------------


@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_18_3_and_18_4_on_either_side_of_1_january_2018(index: VersionIndex, view: str) -> None:
    # 004 l.9579: avenant n° 21 deletes « l'article 18.3 consacrant la commission paritaire
    # nationale »; l.9630: « L'article 18.4 « Indemnisation des membres » devient l'article
    # 18.3 »; l.9658: it enters into force « au 1er jour du mois qui suit la publication de son
    # arrêté d'extension » (arrêté of 6 December 2017, JO of 13 December 2017 per the metadata).
    assert (
        "l'article 18.3 consacrant la commission paritaire nationale" in seed_lines(9579, 9579)[0]
    )
    assert "devient l'article 18.3" in seed_lines(9630, 9630)[0]
    assert "au 1er jour du mois qui suit la publication" in seed_lines(9658, 9658)[0]
    eve, day = date(2017, 12, 31), date(2018, 1, 1)
    old_18_3 = _article(index, "18.3", eve, view)
    assert old_18_3.startswith(
        "Article 18.3\n[en vigueur étendue, texte non disponible dans les sources] "
        "depuis le 1er février 2000"
    )
    assert _article(index, "18.4", eve, view).startswith("Article 18.4 - Indemnisation des membres")
    new_18_3 = _article(index, "18.3", day, view)
    assert new_18_3.startswith(
        "Article 18.3 - Indemnisation des membres\n[en vigueur étendue] depuis le 1er janvier 2018 "
        "(d'après les métadonnées Légifrance) — rédaction issue de : avenant n° 21 du 1er juin 2017"
    )
    assert "(ancien article 18.4, renuméroté 18.3 par l'avenant n° 21 du 1er juin 2017" in new_18_3
    # l.9638: the rewritten 18.3 reads « quatre représentants »
    assert "remboursés pour quatre représentants" in seed_lines(9638, 9638)[0]
    assert "remboursés pour quatre représentants de chaque organisation" in new_18_3.replace(
        "\n", " "
    )


@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_2_5_and_2_7_on_either_side_of_1_may_2009(index: VersionIndex, view: str) -> None:
    # 004 l.6400: avenant n° 13's article 1er « entrent en vigueur à compter du 1er mai 2009 »;
    # l.298-310: the 2000 2.5 (« Permanent syndical : » … « dans un emploi vacant de sa classe »);
    # l.6292: avenant n° 13 numbers « Fonctions syndicales hors de l'entreprise » 2.7.
    assert "entrent en vigueur à compter du 1er mai 2009" in seed_lines(6400, 6400)[0]
    assert seed_lines(6292, 6292)[0] == "2.7. Fonctions syndicales hors de l'entreprise"
    eve, day = date(2009, 4, 30), date(2009, 5, 1)
    before = _article(index, "2.5", eve, view)
    assert before.startswith("Article 2.5\n[en vigueur étendue] depuis le 1er février 2000")
    assert "Permanent syndical :" in before
    assert (
        "dans l'emploi qu'il occupait antérieurement à son absence, à défaut, dans un emploi vacant de sa classe."
        in _words(before)
    )
    with pytest.raises(Exception) as refused:
        article_document(index, "2.7", eve, view, "text")
    assert "aucun article ne porte le numéro 2.7 le 30 avril 2009" in flat(str(refused.value))
    after = _article(index, "2.7", day, view)
    assert after.startswith(
        "Article 2.7 - Fonctions syndicales hors de l'entreprise\n[en vigueur non-étendue] "
        "depuis le 1er mai 2009 — rédaction issue de : avenant n° 13 du 18 mars 2009 (numéro "
        "d'après les métadonnées Légifrance)\n"  # D-702: the number is the metadata file's only
        "(ancien article 2.5, renuméroté 2.7 par l'avenant n° 13 du 18 mars 2009, "
        "à compter du 1er mai 2009)"
    )


# --- items 5 and 7: exclusions and reservations as the arrêtés word them -----------------------


def test_2_5_in_2012_carries_both_exclusions_of_the_arrete_of_23_december_2010(
    index: VersionIndex,
) -> None:
    # 004 l.280-292 (avenant n° 13's 2.5): « (1) Les termes « au plan national » sont exclus de
    # l'extension … (2) Le mot « 5 » est exclu de l'extension … »; the avenant is extended « à
    # l'exclusion des organismes relevant des conventions collectives applicables respectivement
    # au personnel, aux agents de direction et aux praticiens de la mutualité sociale agricole
    # (arrêté du 23 décembre 2010, art. » (l.292)
    block = "\n".join(seed_lines(280, 292))
    assert "des cinq (2) organisations syndicales représentatives au plan national (1)" in block
    assert "(2) Le mot « 5 » est exclu de l'extension" in block
    assert "agents de direction et aux praticiens de la mutualité sociale agricole" in block
    day = date(2012, 6, 1)
    out = _article(index, "2.5", day)
    assert "représentative au plan\nnational [1] et sur papier" in out
    assert "des 5 [2] organisations syndicales représentatives au\nplan national [1]." in out
    assert "[2] Exclu de l'extension (termes « 5 ») : Le mot « 5 » est exclu" in out
    cite = flat(str(cite_document(index, "2.5", day, "text")))
    assert cite.startswith(
        "« Article 2.5 de la convention collective nationale de la mutualité du 31 janvier 2000 "
        "(IDCC 2128), dans sa rédaction issue de l'avenant n° 13 du 18 mars 2009 (numéro d'après "
        "les métadonnées Légifrance) (ancien article 2.4, renuméroté 2.5 par l'avenant n° 13 du "
        "18 mars 2009), étendu par arrêté du 23 décembre 2010"
    )
    assert cite.split("\n")[0].endswith(
        "à l'exclusion des organismes relevant des conventions collectives applicables "
        "respectivement au personnel, aux agents de direction et aux praticiens de la mutualité "
        "sociale agricole, à l'exclusion des termes « au plan national » et « 5 » »"
    )


def test_12_1_keeps_the_2001_reservation_on_its_second_alinea(index: VersionIndex) -> None:
    # 004 l.2127: « Les parties signataires engagent les organismes à mettre en place des
    # procédures de subrogation (1). »; l.2133: « (1) Alinéa étendu sous réserve de l'application
    # de la loi n° 78-49 du 19 janvier 1978 (art. 7 de l'accord national interprofessionnel)
    # (arrêté du 17 août 2001, art. 1er) » — kept by Legifrance on avenant n° 7's block (D-110)
    assert seed_lines(2127, 2127)[0].endswith("procédures de subrogation (1).")
    assert (
        "(1) Alinéa étendu sous réserve de l'application de la loi n° 78-49"
        in seed_lines(2133, 2133)[0]
    )
    art = _article_json(index, "12.1", date(2026, 12, 2))
    reserve = [r for r in art["reservations"] if r["kind"] == "reserve"]
    assert [(r["arrete"], r["alinea"]) for r in reserve] == [("2001-08-17", 2)]
    assert "loi n° 78-49 du 19 janvier 1978" in reserve[0]["text"]
    assert [a["scope"] for a in art["alineas"]] == [
        "branche",
        "branche sous réserve",
        "branche",
        "branche",
    ]
    # 4.4, answered by avenant n° 7 (l.5075; l.660 on the 2000 block only): no reservation today
    assert _article_json(index, "4.4", date(2026, 12, 2))["reservations"][0]["kind"] == "scope"
    assert "R. 241-48" not in _article(index, "4.4", date(2026, 12, 2))
    assert "R. 241-48 du code du travail" in _article(index, "4.4", date(2003, 1, 1))


# --- item 4: a guessed date is shown as such ---------------------------------------------------


def test_the_temporary_commission_s_duration_history(index: VersionIndex) -> None:
    # 004 l.4504: « a une durée de 3 ans à compter du jour de la signature de la convention
    # collective » (REMPLACE); l.4509: « a une durée de 5 ans … » (avenant of 27 January 2003,
    # whose date of effect no line gives: D-303); l.15560-15576: extended by an arrêté of 3 June
    # 2003 whose JO date the seed does not give (D-007).
    assert "a une durée de 3 ans à compter du jour de la signature" in seed_lines(4504, 4504)[0]
    assert "a une durée de 5 ans à compter du jour de la signature" in seed_lines(4509, 4509)[0]
    assert "l'avenant du 27 janvier 2003" in seed_lines(15566, 15566)[0]
    hist = flat(str(history_document(index, "annexe-commission:8", date(2010, 1, 1), "text")))
    assert (
        "• 8 — du 1er février 2000 au 27 janvier 2003 (date approximative, D-303) : annexe "
        "classification [remplacé]" in hist  # the end date keeps its caveat (L-01)
    )
    assert (
        "• 8 — du 27 janvier 2003 (date approximative, D-303) : avenant du 27 janvier 2003 "
        "[en vigueur étendue]"
    ) in hist
    assert "19 juin 2003 (date déduite, D-007) : en vigueur étendue, arrêté du 3 juin 2003" in hist
    art = _article(index, "annexe-commission:8", date(2010, 1, 1))
    assert art.startswith(
        "Article 8 - Durée\n[en vigueur étendue] depuis le 27 janvier 2003 (date approximative, "
        "D-303) — rédaction issue de : avenant du 27 janvier 2003\n"
        "étendu par arrêté du 3 juin 2003 (en vigueur le 19 juin 2003 ; JO du 19 juin 2003, "
        "date déduite, D-007)"
    )
    assert "a une durée de 5 ans à compter du jour de la signature de la\nconvention" in art


# --- branche view: the earlier extended wording of a rewritten article -------------------------


def test_1_1_in_june_2002_binds_non_adherents_in_its_2000_wording(index: VersionIndex) -> None:
    # 004 l.22-36: the 2000 1.1 (REMPLACE) excludes « des caisses mutuelles complémentaires et
    # d'action sociale du personnel des industries électriques et gazières » (l.28); l.38-48: the
    # avenant of 24 May 2002 (extended by the arrêté of 3 June 2003, l.15541-15557) drops that tiret.
    assert "industries électriques et gazières" in seed_lines(28, 28)[0]
    assert "industries électriques et gazières" not in "\n".join(seed_lines(38, 48))
    day = date(2002, 6, 1)
    adherent = _article(index, "1.1", day)
    assert adherent.startswith(
        "Article 1.1 - Champ d'application\n[en vigueur non-étendue] depuis le 24 mai 2002 "
        "(date approximative, D-005) — rédaction issue de : avenant du 24 mai 2002"
    )
    assert "électriques et gazières" not in adherent
    branche = _article(index, "1.1", day, "branche")
    assert (
        "Rédaction antérieure étendue, toujours applicable aux non-adhérents (convention "
        "collective nationale de la mutualité du 31 janvier 2000) :"
    ) in branche
    assert (
        "- des caisses mutuelles complémentaires et d'action sociale du personnel des industries\n    électriques et gazières ;"
        in branche
    )
    # once extended (JO of 12 June 2003, inferred: D-007), both views read the 2002 wording
    later = _article(index, "1.1", date(2004, 1, 1), "branche")
    assert (
        "étendu par arrêté du 3 juin 2003 (en vigueur le 12 juin 2003 ; JO du 12 juin 2003, date déduite, D-007)"
        in later
    )
    assert "électriques et gazières" not in later
    # l.50: « (1) Article étendu à l'exclusion des organismes relevant de la convention collective
    # agréée de travail du personnel de la mutualité sociale agricole (arrêté du 3 juin 2003 »
    assert "(arrêté du 3 juin 2003, art. 1er)" in seed_lines(50, 50)[0]
    assert f"[1] Étendu à l'exclusion des {MSA_2001} (arrêté du 3 juin 2003)" in later.replace(
        "\n", " "
    )


# --- two outputs never disagree about one fact -------------------------------------------------

PAIRS = [
    ("1.2", date(2001, 9, 1)),
    ("2.5", date(2012, 6, 1)),
    ("2.6", date(2019, 6, 1)),
    ("4.4", date(2003, 1, 1)),
    ("10.2", date(2005, 1, 1)),
    ("12.1", date(2026, 12, 2)),
    ("14.2", date(2009, 12, 31)),
    ("15.2", date(2016, 6, 1)),
    ("18.3", date(2010, 1, 1)),
    ("9.12", date(2022, 6, 1)),
    ("9.5", date(2020, 11, 27)),
    ("3.2", date(2009, 4, 3)),
]


@pytest.mark.parametrize("num,day", PAIRS)
@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_text_article_history_and_cite_agree(
    index: VersionIndex, num: str, day: date, view: str
) -> None:
    """The same article on the same day: `text --format json`, `article --format json`,
    `history` and `cite` give one state, one label, one wording and one first day."""
    whole = json.loads(str(text_document(index, day, view, "json")))
    base = next(t for t in whole["texts"] if t["kind"] == "convention")
    in_text = next(a for a in base["articles"] if a["num"] == num)
    alone = _article_json(index, num, day, view)
    for key in ("id", "state", "label", "text", "scope", "excluded"):
        assert in_text[key] == alone[key], key
    assert in_text["version"]["since"] == alone["version"]["since"]
    assert in_text["version"]["since_provenance"] == alone["version"]["since_provenance"]
    hist = json.loads(str(history_document(index, num, day, "json")))
    covering = [
        v
        for v in hist["versions"]
        if v["since"] <= day.isoformat() and (v["until"] is None or day.isoformat() < v["until"])
    ]
    assert [v["since"] for v in covering] == [alone["version"]["since"]]
    cite = json.loads(str(cite_document(index, num, day, "json")))
    assert (cite["state"], cite["label"]) == (alone["state"], alone["label"])


# --- item 8: what could be known on a date -----------------------------------------------------


def test_timeline_known_on_1_february_2010_holds_nothing_signed_later(index: VersionIndex) -> None:
    # D-109 / 004 l.6666-6713: avenant n° 15 is « du 28 avril 2010 » and applies to 14.2 from
    # 1 January 2010 (retroactively): on 1 February 2010 nobody knew it; nor anything later.
    out = flat(str(timeline_document(index, date(2010, 2, 1), "text", known_at=date(2010, 2, 1))))
    assert "(connu au 1er février 2010)" in out
    assert "avenant n° 15" not in out
    rows = out.split("\n")[1:]  # the events, below the « Sources à jour au … » line
    assert rows and not any(str(year) in row for row in rows for year in range(2011, 2024))
    assert not any("avril 2010" in row or "décembre 2010" in row for row in rows)
    # without --known-at, the retroactive avenant is there, signed on 28 April 2010
    full = flat(str(timeline_document(index, None, "text")))
    assert "28 avril 2010" in full and "avenant n° 15 du 28 avril 2010" in full


# --- branche view: a renumbered article's earlier extended wording under its old number --------


def test_2_5_in_2010_for_non_adherents_is_the_2000_article_2_4(index: VersionIndex) -> None:
    # 004 l.236-246: the first block under 2.4 (REMPLACE) is the 2000 congé exceptionnel
    # (« Les salariés bénéficient pour l'exercice d'un mandat syndical d'un congé exceptionnel »);
    # avenant n° 13 numbers it 2.5 from 1 May 2009 (l.6266, l.6400) and was extended by the
    # arrêté of 23 December 2010 only: in 2010 non-adherents are bound by the 2000 wording.
    assert seed_lines(236, 237) == ["2.4. Crédits d'heures", "REMPLACE"]
    assert seed_lines(239, 239)[0].startswith(
        "Les salariés bénéficient pour l'exercice d'un mandat syndical d'un congé exceptionnel"
    )
    assert (
        "des 5 organisations syndicales représentatives au plan national" in seed_lines(243, 243)[0]
    )
    out = _article(index, "2.5", date(2010, 1, 1), "branche")
    assert out.startswith(
        "Article 2.5 - Congé exceptionnel pour représentation syndicale au sein des instances "
        "statutaires des organisations syndicales\n[en vigueur non-étendue] depuis le 1er mai 2009"
    )
    assert (
        "Rédaction antérieure étendue, toujours applicable aux non-adhérents (convention "
        "collective nationale de la mutualité du 31 janvier 2000, alors article 2.4) :"
    ) in out
    earlier = _words(out.split("alors article 2.4) :", 1)[1])
    assert earlier.startswith(
        "Les salariés bénéficient pour l'exercice d'un mandat syndical d'un congé exceptionnel "
        "dans les conditions suivantes :"
    )
    assert "des 5 organisations syndicales représentatives au plan national" in earlier


# --- item 12 / D-107: chapter XIII's clause across the avenant of 8 April 2002 -----------------


def test_chapter_xiii_paternity_alinea_from_the_avenant_of_8_april_2002(
    index: VersionIndex,
) -> None:
    # 004 l.2149-2159: chapter XIII as signed (REMPLACE), without paternity leave; l.2161-2173:
    # the block « en vigueur étendue » adds « Pendant la durée du congé légal de paternité … »
    # (l.2171); the avenant of 8 April 2002, whose date of effect no line gives (D-107), was
    # extended by the arrêté of 2 December 2002 (l.15503-15519; JO 11 December 2002, metadata).
    paternity = "Pendant la durée du congé légal de paternité, les salariés comptant 1 an"
    assert seed_lines(2150, 2150) == ["REMPLACE"]
    assert paternity not in "\n".join(seed_lines(2149, 2160))
    assert seed_lines(2171, 2171)[0].startswith(paternity)
    assert (
        "les dispositions de l'avenant du 8 avril 2002 portant modification du chapitre XIII"
        in (seed_lines(15509, 15509)[0])
    )

    def chapter(day: date) -> str:
        out = flat(str(text_document(index, day, "adherent", "text")))
        return out.split("XIII - Maternité - Adoption", 1)[1].split("XIV - Retraite", 1)[0]

    before = chapter(date(2002, 1, 1))
    assert "[en vigueur étendue] depuis le 1er février 2000" in before
    assert "congé légal de paternité" not in before
    assert "Une réduction du temps de travail d'une heure par jour" in before
    between = chapter(date(2002, 6, 1))
    assert (
        "[en vigueur, étendu partiellement] depuis le 8 avril 2002 (date approximative, D-107) "
        "— rédaction issue de : avenant du 8 avril 2002"
    ) in between
    assert paternity in _words(between)
    after = chapter(date(2003, 1, 1))
    assert (
        "[en vigueur étendue] depuis le 8 avril 2002 (date approximative, D-107) — rédaction "
        "issue de : avenant du 8 avril 2002\nétendu par arrêté du 2 décembre 2002 (en vigueur le "
        "11 décembre 2002 ; JO du 11 décembre 2002, d'après les métadonnées Légifrance)"
    ) in after


# --- item 5: a reservation quoted as the arrêté words it ----------------------------------------


def test_15_2_3_reservation_of_the_arrete_of_5_february_2021_is_quoted(index: VersionIndex) -> None:
    # 004 l.3149-3150, under 15.2 « en vigueur étendue »: « (1) L'article 15.2.3 est étendu sous
    # réserve des dispositions de l'article 12 de la loi n° 2020-734 du 17 juin 2020 … s'agissant
    # des garanties santé. (Arrêté du 5 février 2021 - art. 1) »
    quoted = seed_lines(3149, 3149)[0].removeprefix("(1) ").strip()
    assert quoted.startswith("L'article 15.2.3 est étendu sous réserve des dispositions de")
    assert seed_lines(3150, 3150) == ["(Arrêté du 5 février 2021 - art. 1)"]
    art = _article_json(index, "15.2", date(2026, 12, 2))
    assert [(r["kind"], r["arrete"], r["text"]) for r in art["reservations"]] == [
        ("reserve", "2021-02-05", quoted)
    ]
    out = _words(_article(index, "15.2", date(2026, 12, 2)))
    assert f"[1] Étendu sous réserve : {quoted} (arrêté du 5 février 2021)" in out


def test_who_is_bound_by_2_5_in_june_2010(index: VersionIndex) -> None:
    # Avenant n° 13 (in force 1 May 2009, l.6400) was extended by the arrêté of 23 December 2010
    # only (l.276, l.292): on 1 June 2010 its 2.5 binds members of the signatory organisations;
    # the others remain bound by the 2000 congé exceptionnel, then numbered 2.4 (l.236-246).
    assert "entrent en vigueur à compter du 1er mai 2009" in seed_lines(6400, 6400)[0]
    assert "(Arrêté du 23 décembre 2010, art. 1er)" in seed_lines(276, 276)[0]
    out = flat(str(applicability_document(index, "2.5", date(2010, 6, 1))))
    assert out.startswith(
        "Au 1er juin 2010, l'article 2.5 de la convention collective nationale de la mutualité du "
        "31 janvier 2000 est en vigueur dans sa rédaction issue de l'avenant n° 13 du 18 mars "
        "2009"
    )
    assert (
        "Cette rédaction, faute d'extension à cette date, ne lie que les employeurs adhérents "
        "d'une organisation patronale signataire (et leurs salariés). Pour les employeurs non "
        "adhérents, la rédaction antérieure étendue issue de la convention collective nationale "
        "de la mutualité du 31 janvier 2000 (alors article 2.4) demeure applicable"
    ) in out


def test_refusals_say_the_state_signed_not_in_force_or_lapsed(index: VersionIndex) -> None:
    """004 l.57 (« applicable à compter du 1er février 2000 »): on 31 January 2000 the convention
    is signed, not yet in force; 004 l.9726 (« conclu pour une durée déterminée d'un an. A
    l'échéance de son terme, ses dispositions cesseront automatiquement de produire leurs
    effets »): the agenda social 2017's article 5 is périmé from 2 November 2018 (D-401). A
    refusal says so, never only « aucun article ne porte le numéro » (lawyer L-14)."""
    from consolidator.errors import QueryError
    from consolidator.query.snapshot import resolve_article

    assert "cesseront automatiquement de produire leurs effets" in " ".join(seed_lines(9724, 9728))
    with pytest.raises(QueryError) as signed:
        resolve_article(index, "1.1", date(2000, 1, 31))
    assert str(signed.value).startswith(
        "l’article 1.1 n’est pas encore en vigueur le 31 janvier 2000 : signé le 31 janvier 2000"
    )
    assert "il entre en vigueur le 1er février 2000" in str(signed.value)
    with pytest.raises(QueryError) as lapsed:
        resolve_article(index, "agenda-2017:5", date(2018, 11, 2))
    assert "du 2 novembre 2017 au 2 novembre 2018" in str(lapsed.value)
    assert "(périmé le 2 novembre 2018)" in str(lapsed.value)
