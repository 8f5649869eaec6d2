"""Each arrêté extends only what it names; answered reservations end (issue 15, items 3 and 5)."""

from __future__ import annotations

import json
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.model import Arrete
from consolidator.query.snapshot import version_at
from consolidator.query.states import restrictions_at
from tests.conftest import ROOT, seed_lines

META = json.loads((ROOT / "corpus" / "sources" / "kali-2128-metadata.json").read_text("utf-8"))
EXTENSIONS_PART = 15463  # 004 l.15463 « Textes Extensions »: the arrêtés of 2001-2007 in full


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").split()).lower()


def _own_text(arrete: Arrete) -> str | None:
    """The arrêté's own words, where the export prints them (l.15463-15805)."""
    parts = []
    for src in arrete.sources:
        if src.file == "004" and src.lines and int(src.lines.split("-")[0]) >= EXTENSIONS_PART:
            first, _, last = src.lines.partition("-")
            parts += seed_lines(int(first), int(last or first))
    return _norm(" ".join(parts)) if parts else None


def test_every_arrete_extends_only_what_it_names(index: VersionIndex) -> None:
    """Where the export prints the arrêté, its words name each text it extends (`named`, with the
    text's signature date); otherwise meta's record of that text lists the arrêté's date."""
    checked = 0
    for arrete in index.corpus.arretes.values():
        own = _own_text(arrete)
        for ext in arrete.extends:
            act = index.corpus.acts[ext.act]
            signed = _norm(format_french(act.signed))
            if own is not None:
                assert ext.named, (arrete.id, ext.act)
                assert _norm(ext.named) in own, (arrete.id, ext.act, ext.named)
                assert signed in own, (arrete.id, ext.act)
            else:
                records = [
                    t
                    for t in META["texts"]
                    if signed in _norm(t["title"])
                    and arrete.date.isoformat() in t.get("extended_by", [])
                ]
                assert records, (arrete.id, ext.act)
            checked += 1
    assert checked == 76


def test_annexe_iii_is_not_among_the_six_annexes_of_2001(index: VersionIndex) -> None:
    """004 l.15469: « complétée par six annexes relatives, respectivement, à la méthode de
    classification ... aux frais de déplacement ... »: Annexe III (the director's missions) is not
    one of them (D-304); the five annexes in the corpus are each named."""
    arrete = index.corpus.arretes["arrete-2001-08-17"]
    assert "complétée par six annexes" in seed_lines(15469, 15469)[0]
    extended = {e.act for e in arrete.extends}
    assert "annexe-iii" not in extended
    assert {"annexe-i", "annexe-ii", "annexe-iv", "annexe-v", "annexe-commission"} <= extended
    assert all(
        "annexe-iii" not in {e.act for e in a.extends} for a in index.corpus.arretes.values()
    )


def _reserves(index: VersionIndex, article: str, day: date) -> set[str]:
    version = version_at(index, article, day)
    assert version is not None
    return {r.text for r in restrictions_at(index, version, day) if r.kind == "reserve"}


def test_reservations_answered_by_avenant_7_end_with_its_alineas(index: VersionIndex) -> None:
    """Avenant n° 7 « de manière à prendre en compte les réserves » (004 l.5075): Legifrance's
    later blocks drop the reservations on 4.4 (l.660 vs l.661-666), 10.1 d (l.1883 vs l.1884-1930),
    10.2 (l.1967 vs l.2008-2088) and 14.2 (l.2216 vs l.2217-2224) (D-110)."""
    assert "prendre en compte les réserves" in seed_lines(5075, 5075)[0]
    before, after = date(2003, 12, 31), date(2004, 1, 1)
    for article, law in (
        ("a2000-4.4", "R. 241-48"),
        ("a2000-10.1", "L. 223-7"),
        ("a2000-10.2", "L. 226-1"),
        ("a2000-10.2", "L. 122-28-8"),
        ("a2000-10.2", "L. 225-8"),
        ("a2000-14.2", "L. 122-14-13"),
    ):
        assert any(law in r for r in _reserves(index, article, before)), (article, law)
        for day in (after, date(2024, 1, 1)):
            assert not any(law in r for r in _reserves(index, article, day)), (article, law, day)


def test_reservations_legifrance_keeps_stay(index: VersionIndex) -> None:
    """12.1 (004 l.2133), 16.1 (l.3323) and XI (l.2101) keep their 2001 reservations."""
    assert "loi n° 78-49" in seed_lines(2133, 2133)[0]
    assert "L. 122-6" in seed_lines(3323, 3323)[0]
    assert "L. 122-20-1" in seed_lines(2101, 2101)[0]
    day = date(2005, 1, 1)
    assert any("78-49" in r for r in _reserves(index, "a2000-12.1", day))
    assert any("L. 122-6" in r for r in _reserves(index, "a2000-16.1", day))
    assert any("L. 122-20-1" in r for r in _reserves(index, "a2000-XI", date(2024, 1, 1)))


ARRETE = """<?xml version="1.0" encoding="UTF-8"?>
<arrete id="arr" date="2001-08-17" jo="2001-08-28">
  <extends act="base">
    <reserve target="a1" alinea="1" answered-by="{answer}">Alinéa étendu sous réserve de la loi.</reserve>
  </extends>
</arrete>
"""


def test_answered_by_ends_a_reservation_with_the_answering_version(make_corpus) -> None:
    from consolidator.engine.index import open_index, validate
    from tests.conftest import avenant

    ops = '<insert-alinea target="a1" position="end"><p>Réponse à la réserve.</p></insert-alinea>'
    root = make_corpus(
        {"acts/av1.xml": avenant(ops), "arretes/arr.xml": ARRETE.format(answer="av1")}
    )
    index = open_index(root)
    assert _reserves(index, "a1", date(2004, 1, 1)) == {"Alinéa étendu sous réserve de la loi."}
    assert _reserves(index, "a1", date(2005, 3, 1)) == set()  # av1 in force on its signature
    other = make_corpus(
        {
            "acts/av1.xml": avenant(ops.replace("a1", "a2")),
            "arretes/arr.xml": ARRETE.format(answer="av1"),
        }
    )
    problems = [str(d) for d in validate(other)]
    assert any("answered by 'av1', which changes no version of it" in p for p in problems)


def test_the_2005_reservation_bears_on_the_whole_accord(index) -> None:
    """004 l.15672: the arrêté of 8 March 2005 extends the accord of 3 November 2004 « sous réserve
    de l'application des dispositions de l'article 32 de la loi n° 2000-37 … et des dispositions
    réglementaires portant fixation du salaire minimum interprofessionnel de croissance »; the
    accord's articles are not in the sources: a reservation on the whole text, no target (D-713)."""
    from tests.conftest import flat

    (ext,) = index.corpus.arretes["arrete-2005-03-08"].extends
    (reserve,) = [r for r in ext.restrictions if r.kind.value == "reserve"]
    assert reserve.target is None and reserve.bears == "text" and reserve.src == "15672"
    assert flat(reserve.text) in flat(seed_lines(15672, 15672)[0])
    assert reserve.text.startswith("sous réserve de l'application des dispositions de l'article 32")
    assert reserve.text.endswith("salaire minimum interprofessionnel de croissance")


WHOLE = """<?xml version="1.0" encoding="UTF-8"?>
<arrete id="arr" date="2005-03-08">
  <extends act="{act}">
    <reserve bears="text" src="15672">sous réserve de l'application de la loi</reserve>
  </extends>
</arrete>
"""

ACCORD = """<?xml version="1.0" encoding="UTF-8"?>
<act id="acc" kind="salaires" signed="2004-11-03" title="Accord connu par son arrêté">
  <effect><at-signature/></effect>
</act>
"""


def test_a_reservation_without_target_only_on_a_text_without_articles(make_corpus) -> None:
    """A whole-text reservation on an act whose articles are in the corpus would not be shown
    with them: it must be attached where the source prints it (D-710); on an act known only by
    its arrêté it is accepted (D-713)."""
    from consolidator.engine.index import validate

    files = {"acts/acc.xml": ACCORD, "arretes/arr.xml": WHOLE.format(act="acc")}
    assert not [d for d in validate(make_corpus(files)) if d.severity == "error"]
    files["arretes/arr.xml"] = WHOLE.format(act="base")
    problems = [str(d) for d in validate(make_corpus(files))]
    assert any("reservation without target on base" in p for p in problems), problems
