"""Issue 15 § 4 (and lawyer L-02, L-03): avenant numbers and JO dates known only from the public
metadata file are flagged in every plain-text output, as dates of other provenances already are.

Avenant n° 13 du 18 mars 2009: its copy in the Légifrance export (004 l.6099-6428) never gives its
number with its date; l.9564 names « (avenant n° 13) » without a date: the number comes from
kali-2128-metadata.json. The JO date of the arrêté of 23 December 2010 (29 December 2010) is in no
seed either (the arrêté is cited by its date only, e.g. l.275); the JO dates of the arrêtés of
3 June 2003 are inferred (l.15541-15576, D-007).
"""

from __future__ import annotations

import re
from datetime import date

from consolidator.query.applicability import applicability
from consolidator.query.citation import citation
from consolidator.query.events import timeline_events
from consolidator.query.history import history
from consolidator.query.provenance import Certainty, signed_provenance, since_provenance
from consolidator.query.snapshot import article_at, resolve_article
from consolidator.render import text as trender
from tests.conftest import flat, seed_lines

META = "avenant n° 13 du 18 mars 2009 (numéro d’après les métadonnées Légifrance)"


def test_the_export_never_dates_avenant_13_with_its_number() -> None:
    own = " ".join(seed_lines(6094, 6428))
    assert not re.search(r"avenant\s+n°\s*13\b", own, re.IGNORECASE)
    assert "(avenant n° 13)" in seed_lines(9564, 9564)[0]
    assert "29 décembre 2010" not in " ".join(seed_lines(270, 280))


def test_article_history_cite_timeline_flag_the_metadata_number(index) -> None:
    day = date(2012, 6, 1)
    aid = resolve_article(index, "2.5", day)
    art = article_at(index, aid, day)
    assert flat(f"rédaction issue de : {META}") in flat(trender.article_text(index, art))
    assert flat(f": {META} [") in flat(trender.history_text(index, history(index, aid, day)))
    cited = citation(index, aid, day).text
    assert f"dans sa rédaction issue de l’{META}" in cited
    events = [
        e for e in timeline_events(index) if e.kind == "signature" and e.subject == "avenant-13"
    ]
    assert [e.label for e in events] == [META]


def test_a_number_the_seed_gives_is_not_flagged(index) -> None:
    # avenant n° 29 as signed (000) names itself « Avenant n° 29 »
    events = [
        e for e in timeline_events(index) if e.kind == "signature" and e.subject == "avenant-29"
    ]
    assert [e.label for e in events] == ["avenant n° 29 du 13 décembre 2019"]


def test_citation_and_applicability_flag_jo_dates_not_in_the_seed(index) -> None:
    # L-03: the citation said « (JO du 29 décembre 2010) » where `article` says it is metadata
    day = date(2012, 6, 1)
    aid = resolve_article(index, "2.5", day)
    assert (
        "étendu par arrêté du 23 décembre 2010 (JO du 29 décembre 2010, d’après les métadonnées "
        "Légifrance)" in citation(index, aid, day).text
    )
    said = applicability(index, aid, day)
    assert (
        "(JO du 29 décembre 2010, d’après les métadonnées Légifrance), avec effet au 29 décembre 2010 (d’après les métadonnées Légifrance)"
        in said
    )
    # L-02: 1.1's arrêté of 3 June 2003, JO date inferred (D-007)
    one = applicability(index, resolve_article(index, "1.1", date(2024, 1, 1)), date(2024, 1, 1))
    assert (
        "(JO du 12 juin 2003, date déduite, D-007), avec effet au 12 juin 2003 (date déduite, D-007)"
        in one
    )


def test_citation_json_carries_the_jo_date_provenance(index) -> None:
    import json

    from consolidator.render.citation import citation_output

    day = date(2012, 6, 1)
    data = json.loads(
        citation_output(citation(index, resolve_article(index, "2.5", day), day), "json")
    )
    assert data["extension"]["published_provenance"]["certainty"] == "metadata"


def test_avenant_20_is_numbered_by_the_seed_with_its_subject_between(index) -> None:
    # 004 l.10917: « ont conclu un avenant n° 20 relatif au droit syndical le 21 septembre 2016 »
    from consolidator.query.provenance import Certainty, number_provenance

    assert (
        "un avenant n° 20 relatif au droit syndical le 21 septembre 2016"
        in seed_lines(10917, 10917)[0]
    )
    prov = number_provenance(index.corpus, index.corpus.acts["avenant-20"])
    assert prov is not None and prov.certainty is Certainty.SOURCE and prov.source == "004 l.10917"


def test_pdf_acts_table_flags_metadata_numbers(index) -> None:
    # lawyer L-27: the PDF « Actes consolidés » table said « avenant n° 13 du 18 mars 2009 » plain
    from consolidator.render.html import markers
    from consolidator.render.pdf import act_rows

    day = date(2012, 6, 1)
    legend = tuple(markers(index).values())
    labels = [r.label for r in act_rows(index, legend, day)]
    assert META in labels


def test_a_date_a_nota_writes_is_sourced(index) -> None:
    # lawyer L-22: 004 l.3235 « L'entrée en vigueur des dispositions de l'article 15.3 est fixée
    # au 28 décembre 2015 »: not « d'après les métadonnées Légifrance »
    from consolidator.query.provenance import Certainty, since_provenance

    assert "est fixée au 28 décembre 2015" in seed_lines(3235, 3235)[0]
    day = date(2018, 1, 1)
    art = article_at(index, resolve_article(index, "15.3", day), day)
    prov = since_provenance(index, art.version)
    assert prov is not None and prov.certainty is Certainty.SOURCE and prov.source == "004 l.3235"
    assert "du 28 décembre 2015 au" in flat(
        trender.history_text(index, history(index, art.id, day))
    )
    assert "28 décembre 2015 (d'après" not in flat(trender.article_text(index, art))


def test_signature_dates_are_sourced_only_where_a_seed_writes_them(index) -> None:
    # lawyer L-29: avenant n° 21's lines (004 l.9574-9679) never write « 1er juin 2017 »; only the
    # metadata title « Avenant n° 21 du 1er juin 2017 … » does. Avenant n° 22's date is written
    # « le 8 décembre 2017, l'avenant n° 22 était conclu » (l.11853).
    from consolidator.query.provenance import Certainty, signed_provenance

    assert not any("1er juin 2017" in line for line in seed_lines(9569, 9679))
    acts = index.corpus.acts
    assert signed_provenance(acts["avenant-21"], index.corpus).certainty is Certainty.METADATA
    assert "le 8 décembre 2017, l'avenant n° 22 était conclu" in seed_lines(11853, 11853)[0]
    sourced = signed_provenance(acts["avenant-22"], index.corpus)
    assert sourced.certainty is Certainty.SOURCE
    assert signed_provenance(acts["avenant-20"], index.corpus).certainty is Certainty.SOURCE


def test_timeline_marks_every_date_not_written_in_a_seed(index) -> None:
    # lawyer L-13: the JO dates of the arrêtés of 3 June 2003 are inferred (l.15541-15576, D-007),
    # 28 August 2001 is in the metadata only; the protocole of 31 January 2000 states no date of
    # effect (D-403): not « date fixe »
    rows = [(e.date, e.kind, e.label, e.detail) for e in timeline_events(index)]
    jo_2003 = [
        r for r in rows if r[0] == date(2003, 6, 12) and r[1] in ("publication JO", "extension")
    ]
    assert jo_2003 and all("date déduite, D-007" in r[3] for r in jo_2003)
    meta = [r for r in rows if r[0] == date(2001, 8, 28) and r[1] == "publication JO"]
    assert meta and all(r[3] == "d’après les métadonnées Légifrance" for r in meta)
    protocole = [
        r for r in rows if r[1] == "effet" and "protocole d'accord du 31 janvier 2000" in r[2]
    ]
    assert protocole and "date fixe" not in protocole[0][3]
    assert "date approximative, D-403" in protocole[0][3]
    signed = [r for r in rows if r[1] == "signature" and r[2].startswith("avenant n° 21 ")]
    assert signed[0][3] == "d’après les métadonnées Légifrance"


def test_salaries_say_the_jo_date_provenance_and_the_msa_exclusion(index) -> None:
    # lawyer L-20 (it said l.15436): 004 l.15438 « Accord étendu à l'exclusion des organismes relevant des
    # conventions collectives applicables respectivement au personnel, aux agents de direction et
    # aux praticiens de la mutualité sociale agricole (arrêté du 16 avril 2013, art. 1er) »; the JO
    # date (23 April 2013) is in the metadata file only
    from consolidator.query.salaries import salaries_at
    from consolidator.render.salaries import answer_json, answer_text

    assert "(arrêté du 16 avril 2013, art. 1er)" in seed_lines(15438, 15438)[0]
    assert not any("23 avril 2013" in line for line in seed_lines(1, 16000))
    answer = salaries_at(index, date(2024, 1, 1))
    out = flat(answer_text(answer, index.corpus))
    assert (
        "[en vigueur étendue] arrêté du 16 avril 2013 (JO du 23 avril 2013, d'après les "
        "métadonnées Légifrance), à l'exclusion des organismes relevant des conventions "
        "collectives applicables respectivement au personnel" in out
    )
    ext = answer_json(answer, index.corpus)["extension"]
    assert ext["published_provenance"]["certainty"] == "metadata"
    assert ext["scope_exclusions"][0].endswith("praticiens de la mutualité sociale agricole")


def test_annexe_iii_dates_are_stand_ins(index) -> None:
    """004 l.3802-3806: Annexe III's heading and first article carry no date, and the metadata
    file none either; Annexe I (3.5, l.3794) refers to it, so the corpus dates it with the
    convention (D-304). Its dates are stand-ins, never « source » (lawyer L-17)."""
    assert not any("2000" in line for line in seed_lines(3802, 3806))
    art = article_at(index, "annexe-iii-1", date(2005, 1, 1))
    since = since_provenance(index, art.version)
    assert since is not None and since.certainty is Certainty.APPROXIMATE
    assert since.decision == "D-304"
    signed = signed_provenance(index.corpus.acts["annexe-iii"], index.corpus)
    assert signed.certainty is Certainty.APPROXIMATE


def test_end_dates_and_periods_keep_their_provenance(index) -> None:
    """The same date carries the same caveat wherever it is shown (lawyer L-01): 24 May 2002 is
    the approximate date of effect of the avenant of that day (D-005; the arrêté of 3 June 2003,
    004 l.15541-15557, names only its date), 28 August 2001 the JO date of the arrêté of 17 August
    2001, known from the metadata file only (l.15465-15469 print none)."""
    assert not any("28 août 2001" in line for line in seed_lines(15465, 15469))
    text = flat(trender.history_text(index, history(index, "a2000-1.1", date(2026, 12, 2))))
    assert "du 1er février 2000 au 24 mai 2002 (date approximative, D-005)" in text
    assert (
        "28 août 2001 (d'après les métadonnées Légifrance) → 24 mai 2002 (date approximative, "
        "D-005) : en vigueur étendue" in text
    )
    assert "→ 12 juin 2003 (date déduite, D-007) : en vigueur non-étendue" in text
    from consolidator.render.json_history import history_json

    first = history_json(index, history(index, "a2000-1.1", date(2026, 12, 2)))["versions"][0]
    assert first["until_provenance"]["decision"] == "D-005"
    assert first["periods"][1]["since_provenance"]["certainty"] == "metadata"
