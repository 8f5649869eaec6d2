"""Articles the sources prove existed without giving their wording (issue 15, items 1 and 12).

« En vigueur, texte non disponible dans les sources » is a state of its own period: the article
is present with its number and the evidence of its existence (seed lines of 004), never « not in
force » and never skipped (D-100, D-111, D-200).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from consolidator.commands import article_document, history_document, text_document
from consolidator.engine.replay import VersionIndex
from consolidator.model import WORDING_UNKNOWN
from consolidator.query.snapshot import article_at, snapshot
from tests.conftest import flat, seed_lines

UNKNOWN = "texte non disponible dans les sources"


def test_the_seed_proves_they_existed() -> None:
    # 004 l.108: the 2000 article 1.4 names « chapitre III : ..., article 3.3 »; l.112 chapter IX;
    # l.9579: avenant n° 21 suppresses « l'article 18.3 consacrant la commission paritaire nationale »
    assert (
        "chapitre III : Institutions représentatives du personnel, article 3.3"
        in seed_lines(108, 108)[0]
    )
    assert "chapitre IX : Formation professionnelle et emploi" in seed_lines(112, 112)[0]
    assert (
        "l'article 18.3 consacrant la commission paritaire nationale" in seed_lines(9579, 9579)[0]
    )
    assert WORDING_UNKNOWN == UNKNOWN


def test_article_3_2_in_2009_is_in_force_without_its_wording(index: VersionIndex) -> None:
    out = flat(str(article_document(index, "3.2", date(2009, 4, 3), "adherent", "text")))
    assert out.startswith(
        "Article 3.2\n[en vigueur étendue, texte non disponible dans les sources]"
    )
    assert "depuis le 1er février 2000" in out and "l. 108" in out
    assert "not yet in force" not in out and "pas encore" not in out
    data = json.loads(str(article_document(index, "3.2", date(2009, 4, 3), "adherent", "json")))
    art = data["article"]
    assert art["state"] == "en vigueur étendue" and art["wording"] == "texte-non-disponible"
    assert art["text"] == "" and art["evidence"][0]["lines"] == "108"
    # from 1 May 2009, avenant n° 13's 3.2 (004 l.583), wording known
    after = article_at(index, "a2009-3.2", date(2009, 5, 1)).version
    assert after.wording_known and after.title == "Exercice des mandats"


def test_text_of_2005_lists_3_2_3_3_and_18_3_in_place(index: VersionIndex) -> None:
    snap = snapshot(index, date(2005, 1, 1))
    base = next(t for t in snap.texts if t.act.id == "base")
    nums = [a.num for a in base.articles]
    assert nums[nums.index("3.1") : nums.index("3.1") + 3] == ["3.1", "3.2", "3.3"]
    assert nums[nums.index("18.2") : nums.index("18.2") + 3] == ["18.2", "18.3", "18.4"]
    unknown = [a.num for a in base.articles if not a.version.wording_known]
    chapter_ix = [f"9.{k}" for k in range(1, 12)]  # 2004's, known by number (D-200)
    assert unknown == ["3.2", "3.3", *chapter_ix, "18.3"]
    out = str(text_document(index, date(2005, 1, 1), "adherent", "text"))
    # 3.2, 3.3, 18.3, the annex on expenses (D-308) and Annexe II, whose block is only the
    # export's pointer « (voir les salaires) » (004 l.3800, D-418)
    assert out.count(f"[en vigueur étendue, {UNKNOWN}]") == 5
    # chapter IX as rewritten by the accord of 1 December 2004, extended from July 2005
    assert out.count(f"[en vigueur non-étendue, {UNKNOWN}]") == 11
    branche = str(text_document(index, date(2005, 1, 1), "branche", "text"))
    # 3.2, 3.3, 18.3, the annex on expenses, Annexe II and the 2000 chapter IX (9.1-9.6) held
    # over until the 2004 accord is extended (D-213); its own 9.1-9.11, not yet extended, bind
    # no one there
    assert branche.count(f"{UNKNOWN}]") == 5 + 6
    assert "accord du 1er décembre 2004" not in branche.split("\nIX - ")[1].split("\nX - ")[0]


def test_18_3_is_the_commission_paritaire_nationale_until_avenant_21(index: VersionIndex) -> None:
    out = str(article_document(index, "18.3", date(2010, 1, 1), "adherent", "text"))
    assert out.startswith(f"Article 18.3\n[en vigueur étendue, {UNKNOWN}]")
    assert "commission paritaire nationale" in out and "l. 9579" in out
    (version,) = index.versions["a2000-18.3"]
    assert version.until == date(2018, 1, 1) and version.ended_by == "avenant-21"
    # from 1 January 2018 the number 18.3 is the former 18.4 (004 l.9630)
    assert article_at(index, "a2000-18.4", date(2018, 1, 1)).num == "18.3"


def test_history_shows_the_period(index: VersionIndex) -> None:
    out = flat(str(history_document(index, "a2000-3.2", date(2024, 1, 1), "text")))
    assert "du 1er février 2000 au 1er mai 2009 : convention collective nationale" in out
    assert (
        f"28 août 2001 (d'après les métadonnées Légifrance) → 1er mai 2009 : en vigueur étendue, "
        f"{UNKNOWN}" in out
    )
    data = json.loads(str(history_document(index, "3.3", date(2024, 1, 1), "json")))
    old = [v for v in data["same_number"] if v["id"] == "a2000-3.3"]
    assert old and old[0]["wording"] == "texte-non-disponible" and old[0]["end"] == "abrogé"


def test_chapter_ix_from_2000_to_2011(index: VersionIndex) -> None:
    # 9.6: the 2000 article (004 l.15499), modified by the avenant of 26 September 2001, repealed
    # with the 2000 chapter by the accord of 1 December 2004 (« modifié comme suit », l.5159)
    versions = index.versions["a2000-9.6"]
    assert [(v.since, v.act) for v in versions] == [
        (date(2000, 2, 1), "base"),
        (date(2001, 9, 26), "avenant-2001-09-26"),
    ]
    assert versions[-1].until == date(2004, 12, 1)
    assert versions[-1].ended_by == "accord-2004-12-01"
    assert all(not v.wording_known for v in versions)
    (v2004,) = index.versions["a2004-9.6"]
    assert (v2004.since, v2004.until, v2004.ended_by) == (
        date(2004, 12, 1),
        date(2011, 7, 5),
        "accord-2011-07-05",
    )


def test_the_site_says_it(index: VersionIndex) -> None:
    page = str(article_document(index, "3.2", date(2009, 4, 3), "adherent", "html"))
    assert "En vigueur, texte non disponible dans les sources." in page
    assert "export Légifrance, l. 108" in page


def test_a_number_of_chapter_ix_before_2011_says_the_chapter_is_in_force(
    index: VersionIndex,
) -> None:
    """Lawyer L-12: the numbers the sources name before 2011 answer as the article, wording
    unknown, with their evidence (like 3.2, D-100): 9-6 (004 l.15499), 9.11 (l.5416), 9.4 (by
    the numbering from 9.11; named by the accord GPEC of 2009, l.7615). A number no source
    names then is refused, saying the chapter's numbers are not all known."""
    import pytest

    from consolidator.errors import QueryError
    from consolidator.query.snapshot import resolve_article

    for num, day, line in (
        ("9.6", date(2002, 1, 1), "l. 15499"),
        ("9.11", date(2007, 1, 1), "l. 5412-5418"),
        ("9.4", date(2004, 3, 26), "l. 15499"),
        ("9.8", date(2006, 1, 1), "l. 15689"),
    ):
        out = str(article_document(index, num, day, "adherent", "text"))
        assert out.startswith(f"Article {num}\n[") and f"{UNKNOWN}]" in out.splitlines()[1]
        assert f"export Légifrance, {line}" in out
    out = flat(str(article_document(index, "9.6", date(2002, 1, 1), "adherent", "text")))
    assert "rédaction issue de : avenant du 26 septembre 2001" in out
    # the arrêté of 24 December 2001 has no JO date (D-701): said, not hidden
    assert "étendu par arrêté du 24 décembre 2001, date de publication au JO inconnue" in out
    with pytest.raises(QueryError) as err:
        resolve_article(index, "9.12", date(2004, 3, 26))
    message = str(err.value)
    assert "aucun article ne porte le numéro 9.12 le 26 mars 2004 dans les sources" in message
    assert (
        "le chapitre « IX - Formation professionnelle et emploi » compte des articles dont le"
        " texte n’est pas disponible dans les sources, et les numéros de ses articles ne sont"
        " pas tous connus" in message
    )


def test_legifrances_notas_are_kept(index: VersionIndex) -> None:
    """004 l.399: the nota on 2.6 (impérative by the accord of 7 December 2018) (D-417)."""
    assert seed_lines(399, 399)[0].startswith("Nota : En application de l'article L. 2253-2")
    day = date(2020, 1, 1)
    out = flat(str(article_document(index, "2.6", day, "adherent", "text")))
    assert "Nota : En application de l'article L. 2253-2 du code du travail" in out
    data = json.loads(str(article_document(index, "2.6", day, "adherent", "json")))
    assert data["article"]["notas"][0]["lines"] == "399-401"
    before = str(article_document(index, "2.6", date(2018, 6, 1), "adherent", "text"))
    assert "Nota :" not in before  # the accord of 7 December 2018 is not yet signed
    # l.3235 sits under avenant n° 19's 15.3; avenant n° 31's 15.3 (l.3240-3291) has none
    assert article_at(index, "a2000-15.3", date(2016, 6, 1)).notas
    assert not article_at(index, "a2000-15.3", date(2022, 6, 1)).notas
    nums = {
        a.num
        for t in snapshot(index, day).texts
        if t.act.id == "accord-2016-05-20-handicap"
        for a in t.articles
        if a.notas
    }
    assert nums == {"5", "6", "7"}  # l.9238, l.9300, l.9318


AUSSI = (
    "Aussi, tant que les dispositions susmentionnées demeureront en vigueur et inchangées, elles "
    "s'imposeront aux organismes mutualistes appliquant la convention collective de la mutualité."
)


@pytest.mark.parametrize(
    ("article", "first", "second"),
    [
        ("2.6", 399, 401),
        ("handicap-2016-5", 9238, 9240),
        ("handicap-2016-6", 9300, 9302),
        ("handicap-2016-7", 9318, 9320),
    ],
)
def test_notas_keep_their_second_paragraph(
    index: VersionIndex, article: str, first: int, second: int
) -> None:
    """004 l.399 and l.401 (and l.9238/9240, l.9300/9302, l.9318/9320): each impérativité nota
    goes on « Aussi, tant que les dispositions susmentionnées demeureront en vigueur et
    inchangées … », which says how long the imperativity lasts (lawyer L-31, D-417)."""
    assert seed_lines(second, second)[0] == AUSSI
    assert seed_lines(first, first)[0].startswith("Nota : En application de l'article L. 2253-2")
    day = date(2026, 12, 2)
    data = json.loads(str(article_document(index, article, day, "adherent", "json")))
    (nota,) = data["article"]["notas"]
    assert nota["paragraphs"][1] == AUSSI
    assert nota["lines"] == f"{first}-{second}"
    out = flat(str(article_document(index, article, day, "adherent", "text")))
    assert AUSSI in " ".join(out.split())  # the plain text wraps its lines


def test_the_2000_annex_on_expenses_existed_without_its_wording(index: VersionIndex) -> None:
    """004 l.15469 (extended in 2001 among « six annexes »), l.9652 (avenant n° 21 changes one of
    its sentences), l.10496 (« intégralement supprimée et remplacée » by Annexe 8) (D-308)."""
    assert "aux frais de déplacement, de repas et de séjour" in seed_lines(15469, 15469)[0]
    assert "est intégralement supprimée et remplacée" in seed_lines(10496, 10496)[0]
    versions = index.versions["annexe-frais-texte"]
    assert [(v.since, v.act) for v in versions] == [
        (date(2000, 2, 1), "annexe-frais"),
        (date(2018, 1, 1), "avenant-21"),
    ]
    assert versions[-1].until == date(2019, 1, 1)
    assert all(not v.wording_known for v in versions)
    snap = snapshot(index, date(2010, 1, 1))
    (text,) = [t for t in snap.texts if t.act.id == "annexe-frais"]
    assert text.state.value == "en vigueur étendue"
    assert not text.articles[0].version.wording_known


def test_diff_names_a_new_version_whose_wording_is_unknown(index: VersionIndex) -> None:
    """Avenant n° 21 changes a sentence of the 2000 annex on expenses (004 l.9652), whose wording
    the sources lack: the changelog says the new version, not only its state."""
    from consolidator.query.diff import changelog
    from consolidator.render.diff import changelog_text

    out = changelog_text(index, changelog(index, date(2017, 12, 1), date(2018, 1, 1)))
    part = out[out.index("== Frais de déplacement") :]  # unnumbered: headed by its title
    assert "rédaction issue de : avenant n° 21 du 1er juin 2017" in part.split("== ")[1]
    assert f"[{UNKNOWN}]" in part.split("== ")[1]
