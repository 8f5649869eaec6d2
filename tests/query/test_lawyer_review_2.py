"""Second lawyer review of issue 15 (docs/reviews/2026-12-02-issue-15-findings-2.md): the cases
fixed by the lead, each against the seed lines that decide it."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from consolidator.commands import (
    article_document,
    history_document,
    salaries_document,
    text_document,
    timeline_document,
)
from consolidator.corpus.load import load_corpus
from consolidator.engine.replay import VersionIndex
from consolidator.errors import CorpusError, QueryError
from consolidator.query.change_dates import act_date_provenance, dated
from consolidator.query.events import sources_date
from consolidator.query.knowledge import known_index
from consolidator.query.snapshot import resolve_article
from consolidator.render.html import change_labels, markers
from consolidator.render.listings import _bound_caveats
from tests.conftest import GOLDEN, flat, seed_lines


def test_timeline_names_the_provisions_of_a_partial_entry_into_force(index: VersionIndex) -> None:
    """L-39: « (dispositions art1) » was the effect rule's id; the reader gets the articles the
    act's own clause names. 004 l.6400: avenant n° 13, « Les dispositions de l'article 1er entrent
    en vigueur à compter du 1er mai 2009 »; l.7183: the accord of 5 July 2011, « à l'exception des
    articles 9.2 et 9.5 qui entreront en vigueur à la date d'extension »."""
    assert "article 1er entrent en vigueur à compter du 1er mai 2009" in seed_lines(6400, 6400)[0]
    assert "articles 9.2 et 9.5 qui entreront en vigueur" in seed_lines(7183, 7183)[0]
    text = flat(str(timeline_document(index, date(2021, 1, 1), "text")))
    assert "entrée en vigueur de l'article 1er de l'avenant n° 13 du 18 mars 2009" in text
    assert "entrée en vigueur de l'avenant n° 13 du 18 mars 2009, hors article 1er" in text
    assert "entrée en vigueur des articles 9.2 et 9.5 de l'accord du 5 juillet 2011" in text
    assert "entrée en vigueur de l'article 9.5.2 de l'avenant n° 29" in text
    assert "(dispositions " not in text


def test_a_keyed_effect_rule_must_name_its_provisions(tmp_path: Path) -> None:
    """The loader refuses an effect rule of some provisions that does not say which, with the file
    and the line (a reader would otherwise see its id)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(GOLDEN / "corpus", corpus)
    act = corpus / "acts" / "2009-03-18-avenant-13.xml"
    act.write_text(
        act.read_text(encoding="utf-8").replace(' provisions="de l’article 1er"', ""),
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as caught:
        load_corpus(corpus)
    assert "effect rule 'art1' does not say which provisions it governs" in str(
        caught.value.diagnostics[0]
    )


def test_the_term_of_an_accord_is_its_last_day_on_the_cover(index: VersionIndex) -> None:
    """L-38: the cover's « Dernière modification » of 1 January 2025 said « terme … » on that day;
    004 l.15092: « Le présent accord est conclu pour une durée déterminée dont le terme est fixé au
    31 décembre 2024 »: périmé on 1 January 2025, its term being 31 December 2024."""
    assert "terme est fixé au 31 décembre 2024" in " ".join(seed_lines(15092, 15092))
    labels = change_labels(index, date(2025, 1, 1))
    assert "accord de méthode du 15 juin 2023 périmé, son terme étant le 31 décembre 2024" in labels


def test_the_erratum_on_11_2_is_shown_and_11_1_points_to_it(index: VersionIndex) -> None:
    """L-44: 004 l.2102 « 11.2 (1) Appel de préparation à la défense », l.2108 « (1) Lire 11. 1. »
    (D-106: the number the avenant gave is kept, the erratum shown)."""
    assert seed_lines(2108, 2108) == ["(1) Lire 11. 1."]
    shown = flat(str(article_document(index, "11.2", date(2026, 12, 2), "adherent", "text")))
    assert "Nota : Lire 11. 1." in shown
    with pytest.raises(QueryError) as caught:
        resolve_article(index, "11.1", date(2026, 12, 2))
    assert "doit se lire 11.1 (l. 2108)" in str(caught.value)
    assert "consolidator article 11.2" in (caught.value.diagnostic.hint or "")


def test_the_sources_stamp_says_its_dates_come_from_the_metadata(index: VersionIndex) -> None:
    """L-46: the stamp under every output rests on the accord de méthode's signature date and on
    the JO date of the arrêté of 23 September 2022, neither written in the seed (its last article,
    004 l.15092-15096, has no date): both say they come from the metadata."""
    seed = "\n".join(seed_lines(1, 16000))
    assert "15 juin 2023" not in seed and "11 octobre 2022" not in seed
    stamp = sources_date(index.corpus)
    assert stamp.sentence() == (
        "Sources à jour au 15 juin 2023 (dernier acte : accord de méthode du 15 juin 2023, date "
        "d’après les métadonnées Légifrance ; dernier arrêté : arrêté du 23 septembre 2022, JO du "
        "11 octobre 2022, d’après les métadonnées Légifrance)"
    )
    data = stamp.to_json()
    assert data["last_act_signed_provenance"]["certainty"] == "metadata"
    assert data["last_arrete"]["published_provenance"]["certainty"] == "metadata"


def test_change_dates_of_the_site_carry_their_caveats(index: VersionIndex) -> None:
    """L-43: the history table and the change pages' titles gave approximate dates plain.
    24 May 2002 (D-005: the avenant is known only from its arrêté, l.15541-15576) is approximate;
    1 February 2000 is written by the convention itself (004 l.57 « applicable à compter du 1er
    février 2000 ») though Annexe III's same date is inferred (D-304): the caveat goes with
    Annexe III, not with the date."""
    assert "applicable à compter du 1er février 2000" in seed_lines(57, 57)[0]
    assert dated(index, date(2002, 5, 24)) == "24 mai 2002 (date approximative, D-005)"
    assert dated(index, date(2000, 2, 1)) == "1er février 2000"
    assert dated(index, date(2017, 4, 2)) == "2 avril 2017"
    provs = act_date_provenance(index)
    assert [p.caveat for p in provs[(date(2000, 2, 1), "annexe-iii")]] == [
        "date approximative, D-304"
    ]
    assert (date(2000, 2, 1), "base") not in provs


def test_the_legend_says_which_signature_dates_are_not_in_the_seed(index: VersionIndex) -> None:
    """L-43: the legend « ►M… texte modificatif non identifié dans les sources, signé le 1er juin
    2015 » (D-301: a date nobody wrote, l.2552) and the metadata-only signature of avenant n° 21."""
    legend = {m.act.id: m for m in markers(index).values()}
    assert legend["texte-15-2-7"].signed == "signé le 1er juin 2015, date approximative, D-301"
    assert legend["avenant-21"].signed_caveat == "d’après les métadonnées Légifrance"
    assert legend["base"].signed_caveat is None


def test_1_2_says_its_2004_wording_is_legifrance_s_reading(index: VersionIndex) -> None:
    """L-51: avenant n° 7 « 1. L'article 1.2 " Date d'effet " est modifié comme suit : (voir cet
    article) » (004 l.5077-5079); Legifrance keeps one sentence (l.79) and drops the 2000 alinéas,
    the acquired-rights one among them (l.73): the reader is told it is an inference (D-004)."""
    assert "avantages individuels acquis" in seed_lines(73, 73)[0]
    assert "(voir cet article)" in " ".join(seed_lines(5077, 5079))
    shown = flat(str(article_document(index, "1.2", date(2026, 12, 2), "adherent", "text")))
    assert "Note déduite (D-004) : La rédaction que l'avenant n° 7 donne à l'article 1.2" in shown
    assert "avantages individuels acquis des salariés en poste" in " ".join(shown.split())
    before = flat(str(article_document(index, "1.2", date(2003, 6, 1), "adherent", "text")))
    assert "Note déduite (D-004)" not in before


def test_the_articles_index_dates_lapsed_texts_with_their_caveats(index: VersionIndex) -> None:
    """L-43 addendum: `articles/index.html` dated the accord de méthode « en vigueur du 15 juin
    2023 au 1er janvier 2025 » plain; its 15 June 2023 is the metadata title's (no seed line has
    « 15 juin 2023 »), its term is written (004 l.15092)."""
    assert "31 décembre 2024" in seed_lines(15092, 15092)[0]
    version = index.versions["methode-2023-1"][0]
    shown = _bound_caveats(index, version, in_force=False)
    assert shown == {"since_caveat": "d’après les métadonnées Légifrance", "until_caveat": None}
    assert _bound_caveats(index, version, in_force=True) == {
        "since_caveat": None,
        "until_caveat": None,
    }


def test_salaries_carry_the_arretes_reservation(index: VersionIndex) -> None:
    """L-49: the arrêté of 24 April 2009 extends the 2009 salary accord « sous réserve de
    l'application des dispositions de l'article L. 2241-9 du code du travail » (004 l.15284):
    `salaries` says so on its extension line, and the JSON lists it."""
    assert (
        "Accord étendu sous réserve de l'application des dispositions de l'article L. 2241-9"
        in (seed_lines(15284, 15284)[0])
    )
    day = date(2009, 6, 1)
    shown = flat(str(salaries_document(index, day, "text")))
    assert (
        "arrêté du 24 avril 2009 (JO du 2 mai 2009, d'après les métadonnées Légifrance) ; accord "
        "étendu sous réserve de l'application des dispositions de l'article L. 2241-9"
    ) in shown
    data = json.loads(str(salaries_document(index, day, "json")))
    assert data["extension"]["reservations"][0].startswith("Accord étendu sous réserve")


def test_annexe_ii_is_a_text_the_sources_lack_and_texts_head_their_clause(
    index: VersionIndex,
) -> None:
    """L-47: Annexe II's block is « (voir les salaires) » (004 l.3796-3800), the export's pointer
    to the salary texts: the annex is « texte non disponible dans les sources », headed « Texte »
    (it has no chapter), not « Dispositions du chapitre » with the pointer as its words."""
    assert seed_lines(3800, 3800) == ["(voir les salaires)"]
    text = flat(str(text_document(index, date(2026, 12, 2), "adherent", "text")))
    annex = text[text.index("== Annexe II ") : text.index("== Annexe III ")]
    assert "[en vigueur étendue, texte non disponible dans les sources]" in annex
    assert "\nTexte\n" in annex and "Dispositions du chapitre" not in annex
    assert "\n(voir les salaires)" not in annex
    chapter_iv = text[text.index("\nIV - ") : text.index("\nV - ")]
    assert "Dispositions du chapitre" in chapter_iv  # a chapter's own clause keeps it (D-102)


def test_three_year_accords_date_their_term_and_name_what_followed(index: VersionIndex) -> None:
    """L-35 addendum: « Il prend effet à sa date de signature » (004 l.6550 GPEC, l.6840 égalité):
    the three years ran to 14 July 2012 and 23 September 2013; the 2021 accord calls the 2010 one
    « Un premier accord de branche signé le 24 septembre 2010 » (l.13154)."""
    assert seed_lines(6550, 6550)[0].startswith("Il prend effet à sa date de signature")
    assert "Un premier accord de branche signé le 24 septembre 2010" in seed_lines(13154, 13154)[0]
    text = " ".join(flat(str(text_document(index, date(2026, 12, 2), "adherent", "text"))).split())
    assert "a pris fin le 14 juillet 2012" in text and "a pris fin le 23 septembre 2013" in text
    assert "dont les sources ne donnent pas le point de départ" not in text
    assert "« un premier accord de branche signé le 24 septembre 2010 » (l. 13154)" in text


def test_the_history_page_says_a_company_agreement_is_one(index: VersionIndex) -> None:
    """L-45, last part: the Orne CET accord (004 l.5726, D-413) among the changes of 4 November
    2002 is named a company agreement, not counted silently among the branch's texts."""
    assert change_labels(index, date(2002, 11, 4)) == (
        "accord CET du 4 novembre 2002 (Mutualité française Orne) — accord d’entreprise",
    )


def test_an_extension_not_yet_known_is_said_so_under_known_at(index: VersionIndex) -> None:
    """Under --known-at 1 October 2015, the 2011 chapter IX still binds non-adherents after the
    accord of 3 July 2015 by which chapter IX « est abrogé et remplacé » (004 l.8335), whose arrêté (23 February 2016)
    nobody knew then: « pas connue au 1er octobre 2015 », not « pas dans les sources »."""
    assert "est abrogé et remplacé" in seed_lines(8335, 8335)[0]
    day = date(2015, 10, 1)
    known = flat(str(history_document(known_index(index, day), "9.12", day, "text")))
    assert "abrogé par l'accord du 3 juillet 2015, dont l'extension n'est pas connue au" in known
    assert "dont l'extension n'est pas dans les sources" not in known
