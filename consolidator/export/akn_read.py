"""Read our AKN documents back: each article's number, title, alinéas, state, extension, restrictions.

Used by the round-trip test: what is read back must equal what the snapshot holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from consolidator.export.akn_meta import AKN, CONS

NS = {"a": AKN, "cons": CONS}


@dataclass(frozen=True)
class ReadArticle:
    article: str  # stable id (from the eId)
    num: str | None
    title: str | None
    paragraphs: tuple[str, ...]
    fallback: tuple[str, ...]  # branche view: the earlier extended wording still binding
    state: str
    extension: str | None  # arrêté id
    restrictions: frozenset[tuple[str, str, str, str]]  # (kind, arrêté id, words, text)


def _text(el: etree._Element | None) -> str | None:
    return None if el is None else "".join(el.itertext())


def read_text_document(data: bytes) -> dict[str, ReadArticle]:
    """The articles of one text document, by stable id, in document order."""
    root = etree.fromstring(data)
    concepts = {
        "#" + c.get("eId"): c.get("showAs")
        for c in root.iterfind(".//a:references/a:TLCConcept", NS)
    }
    restrictions: dict[str, set[tuple[str, str, str, str]]] = {}
    for mod in root.iterfind(".//a:passiveModifications/a:scopeMod", NS):
        arrete = mod.find("a:source", NS).get("href")[len("#ro_") :]
        r = mod.find("a:domain/cons:restriction", NS)
        key = (r.get("kind"), arrete, r.get("words") or "", r.text or "")
        for dest in mod.iterfind("a:destination", NS):
            restrictions.setdefault(dest.get("href")[len("#art_") :], set()).add(key)
    for note in root.iterfind(".//a:notes/a:note", NS):
        attr = {k: note.get(f"{{{CONS}}}{k}") or "" for k in ("arrete", "words", "text", "target")}
        key = ("reserve", attr["arrete"], attr["words"], attr["text"])
        restrictions.setdefault(attr["target"][len("art_") :], set()).add(key)
    out = {}
    for art in root.iterfind(".//a:body//a:article", NS):
        ident = art.get("eId")[len("art_") :]
        refs = art.get("refersTo", "").split()
        paras = [
            (p.get("class"), _text(p.find("a:content/a:p", NS)) or "")
            for p in art.iterfind("a:paragraph", NS)
        ]
        out[ident] = ReadArticle(
            article=ident,
            num=_text(art.find("a:num", NS)),
            title=_text(art.find("a:heading", NS)),
            paragraphs=tuple(t for cls, t in paras if cls is None),
            fallback=tuple(t for cls, t in paras if cls == "redaction-anterieure-etendue"),
            state=concepts[refs[0]],
            extension=refs[1][len("#ro_") :] if len(refs) > 1 else None,
            restrictions=frozenset(restrictions.get(ident, ())),
        )
    return out
