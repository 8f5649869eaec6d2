"""Load and validate corpus XML (RelaxNG + semantic checks), reporting every problem at once."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Protocol

from lxml import etree

from consolidator.corpus.acts import clean, read_evidence, read_operation, read_paras
from consolidator.corpus.attributes import attribute_faults
from consolidator.corpus.checks import check_references
from consolidator.corpus.collector import Collector
from consolidator.corpus.effects import read_date, read_effects
from consolidator.corpus.salaries import check_grids, read_grids
from consolidator.corpus.xml import parse_xml, read_input, relaxng, schema_bytes
from consolidator.errors import CorpusError
from consolidator.model import (
    Act,
    ActKind,
    ActLevel,
    Arrete,
    ArticleDef,
    Convention,
    Corpus,
    Extension,
    ExtensionRule,
    Location,
    Nota,
    Restriction,
    RestrictionKind,
    SalaryGrid,
    SectionDef,
    SourceRef,
)
from consolidator.resources import CORPUS_ENV, DEFAULT_CORPUS

log = logging.getLogger(__name__)


SCHEMA_HINT = "see consolidator/corpus/schema/corpus.rng for the allowed elements and attributes"
_ATTR_ERROR = re.compile(r"Element (\S+) failed to validate attributes")


def _schema_errors(tree: etree._ElementTree, file: str, out: Collector) -> None:
    for err in relaxng().error_log:
        where = _ATTR_ERROR.match(err.message)
        faults = attribute_faults(tree, where.group(1), schema_bytes()) if where else []
        if faults:
            for line, what in faults:
                out.add(f"schema: {what}", file, line, hint=SCHEMA_HINT)
        else:
            out.add(f"schema: {err.message}", file, err.line or None, hint=SCHEMA_HINT)


def _parse_file(path: Path, out: Collector, data: bytes | None = None) -> etree._Element | None:
    try:
        tree = parse_xml(path, out.rel(path), data)
    except CorpusError as exc:
        out.items.append(exc.diagnostic)
        return None
    if not relaxng().validate(tree):
        _schema_errors(tree, out.rel(path), out)
        return None
    return tree.getroot()


def _body(el: etree._Element, file: str) -> tuple[SectionDef | ArticleDef, ...]:
    items: list[SectionDef | ArticleDef] = []
    for child in el:
        loc = Location(file, child.sourceline)
        if child.tag == "article":
            items.append(
                ArticleDef(
                    child.get("id"),
                    child.get("num"),
                    child.get("title"),
                    read_paras(child),
                    loc,
                    child.get("src"),
                    read_evidence(child),
                )
            )
        elif child.tag == "section":
            items.append(
                SectionDef(
                    child.get("id"), child.get("num"), child.get("title"), _body(child, file), loc
                )
            )
    return tuple(items)


def _nota(el: etree._Element) -> Nota:
    """A nota of one paragraph (its text) or several (its `<p>` children)."""
    paragraphs = tuple(p.text for p in read_paras(el)) or (clean(el.text),)
    start = el.get("from")
    shown_from = date.fromisoformat(start) if start else None
    return Nota(el.get("target", ""), paragraphs, el.get("src", ""), el.get("decision"), shown_from)


def _sources(el: etree._Element) -> tuple[SourceRef, ...]:
    return tuple(SourceRef(s.get("file"), s.get("lines")) for s in el.findall("source"))


def _notes(el: etree._Element) -> tuple[str, ...]:
    return tuple(" ".join((n.text or "").split()) for n in el.findall("note"))


def _act(el: etree._Element, file: str, out: Collector) -> Act | None:
    loc = Location(file, el.sourceline)
    signed = read_date(el.get("signed"), out, loc)
    if signed is None:
        return None
    effects = read_effects(el, file, signed, out)
    if None not in effects:
        out.add(
            "the act has no default effect rule (an <effect> without id)",
            file,
            el.sourceline,
            act=el.get("id"),
            hint="add <effect><at-signature/></effect> or the rule the act states",
        )
    body_el = el.find("body")
    ops_el = el.find("ops")
    act_id = el.get("id")
    ops = tuple(
        read_operation(op, act_id, i + 1, file)
        for i, op in enumerate(ops_el if ops_el is not None else [])
    )
    return Act(
        id=act_id,
        kind=ActKind(el.get("kind")),
        title=el.get("title"),
        signed=signed,
        effects=effects,
        location=loc,
        number=el.get("number"),
        short=el.get("short"),
        prefix=el.get("prefix"),
        level=ActLevel(el.get("level", "branche")),
        employer=el.get("employer"),
        signed_approximate=el.get("signed-approximate") == "true",
        extensible=el.get("extensible", "true") == "true",
        term=read_date(el.get("term"), out, loc),
        denonce=read_date(el.get("denonce"), out, loc),
        body=_body(body_el, file) if body_el is not None else (),
        ops=ops,
        sources=_sources(el),
        notes=_notes(el),
        notas=tuple(_nota(n) for n in (*el.findall("nota"), *el.findall("inferred"))),
    )


_RESTRICTION_KINDS = {
    "scope": RestrictionKind.SCOPE,
    "exclude": RestrictionKind.EXCLUSION,
    "reserve": RestrictionKind.RESERVE,
}


def _arrete(el: etree._Element, file: str, out: Collector) -> Arrete | None:
    loc = Location(file, el.sourceline)
    day = read_date(el.get("date"), out, loc)
    if day is None:
        return None
    arrete_id = el.get("id")
    extends = []
    for ext in el.findall("extends"):
        act = ext.get("act")
        restrictions = []
        for r in ext:
            kind = _RESTRICTION_KINDS[r.tag]
            restrictions.append(
                Restriction(
                    kind=kind,
                    text=" ".join((r.text or "").split()),
                    arrete=arrete_id,
                    act=act,
                    target=r.get("target"),
                    alinea=int(r.get("alinea")) if r.get("alinea") else None,
                    words=r.get("words"),
                    occurrence=r.get("occurrence", "all"),
                    src=r.get("src"),
                    answered_by=r.get("answered-by"),
                    decision=r.get("decision"),
                    bears=r.get("bears"),
                )
            )
        extends.append(
            Extension(
                arrete_id,
                act,
                ExtensionRule(ext.get("effective-rule", "publication")),
                read_date(ext.get("effective"), out, loc),
                tuple(restrictions),
                ext.get("named"),
            )
        )
    jo = read_date(el.get("jo"), out, loc)
    if jo is not None and jo < day:
        out.add(f"JO publication {jo} precedes the arrêté's date {day}", file, el.sourceline)
    return Arrete(
        arrete_id,
        day,
        jo,
        el.get("title") or f"Arrêté du {day}",
        tuple(extends),
        loc,
        _sources(el),
        _notes(el),
        tuple(d for n in el.findall("note") if (d := n.get("decision"))),
    )


def _merge_arrete(first: Arrete, other: Arrete, out: Collector) -> Arrete | None:
    """One arrêté may be described in several files (one per extended text): merge them."""
    if (first.date, first.jo) != (other.date, other.jo):
        out.add(
            f"arrêté {other.id!r} is also described in {first.location} with another date or JO date",
            other.location.file,
            other.location.line,
        )
        return None
    return Arrete(
        first.id,
        first.date,
        first.jo,
        first.title,
        first.extends + other.extends,
        first.location,
        first.sources + other.sources,
        first.notes + other.notes,
        first.decisions + other.decisions,
    )


def _files(root: Path) -> Iterable[Path]:
    yield from sorted((root / "acts").glob("*.xml"))
    yield from sorted((root / "arretes").glob("*.xml"))


def _convention(el: etree._Element) -> Convention:
    return Convention(
        idcc=el.get("idcc"),
        title=el.get("title"),
        base=el.get("base"),
        container=el.get("container"),
        short=el.get("short"),
        sources={s.get("id"): s.get("path") for s in el.findall("source-file")},
        classes=tuple(el.findtext("classes", "").split()),
    )


Loaded = tuple[Act | Arrete, tuple[SalaryGrid, ...], int | None]
"""What one file gives: its act or arrêté, its salary grids, the line of its root element."""


class FileMemo(Protocol):
    """Files read before (engine/loaded.py): what `name` gave when its bytes were `data`."""

    def get(self, name: str, data: bytes) -> Loaded | None: ...
    def put(self, name: str, data: bytes, loaded: Loaded) -> None: ...


def _load_file(path: Path, file: str, out: Collector, memo: FileMemo | None) -> Loaded | None:
    """One file's act or arrêté, grids and root line; None when it has a problem (collected).
    With `memo`, a file whose bytes were read before without any problem is not read again."""
    data = None
    if memo is not None:
        try:
            data = read_input(path)
        except CorpusError:  # reported by the parse below, with the file's name
            data = None
        found = memo.get(file, data) if data is not None else None
        if found is not None:
            return found
    problems = len(out.items)
    el = _parse_file(path, out, data)
    if el is None:
        return None
    item = _act(el, file, out) if el.tag == "act" else _arrete(el, file, out)
    if item is None:
        return None
    loaded = (item, read_grids(el, item.id, file) if isinstance(item, Act) else (), el.sourceline)
    if memo is not None and data is not None and len(out.items) == problems:
        memo.put(file, data, loaded)
    return loaded


def load_corpus(root: str | Path | None = None, memo: FileMemo | None = None) -> Corpus:
    """Read every file of a corpus folder; raise CorpusError listing all problems found (`memo`:
    the files read before, engine/loaded.py; never for `validate`, which reads every file)."""
    base = Path(root) if root is not None else Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)
    out = Collector(base)
    conv_path = base / "convention.xml"
    if not conv_path.is_file():
        raise CorpusError(
            f"no convention.xml in {base}",
            file=str(conv_path),
            hint="point --corpus at a corpus folder (e.g. corpus/idcc-2128)",
        )
    for folder in ("acts", "arretes"):
        if not (base / folder).is_dir():
            raise CorpusError(
                f"no {folder}/ folder in {base}",
                file=str(base / folder),
                hint=f"a corpus folder holds convention.xml, acts/ and arretes/ (even empty); is --corpus {base} right?",
            )
    conv_el = _parse_file(conv_path, out)
    acts: dict[str, Act] = {}
    arretes: dict[str, Arrete] = {}
    grids: list[SalaryGrid] = []
    for path in _files(base):
        file = out.rel(path)
        loaded = _load_file(path, file, out, memo)
        if loaded is None:
            continue
        item, its_grids, line = loaded
        if isinstance(item, Arrete) and item.id in arretes:
            merged = _merge_arrete(arretes[item.id], item, out)
            if merged is not None:
                arretes[item.id] = merged
            continue
        table: dict = acts if isinstance(item, Act) else arretes
        if item.id in acts or item.id in arretes:
            other = (acts.get(item.id) or arretes[item.id]).location
            out.add(f"duplicate id {item.id!r} (also in {other})", file, line)
            continue
        table[item.id] = item
        grids += its_grids
    if out.items or conv_el is None:
        raise CorpusError(f"{len(out.items)} problem(s) in corpus {base}", out.items)
    convention = _convention(conv_el)
    grids.sort(key=lambda g: (g.effective, acts[g.act].signed, g.act))
    corpus = Corpus(str(base), convention, acts, arretes, tuple(grids))
    problems = check_references(corpus) + check_grids(corpus)
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in corpus {base}", problems)
    log.debug("loaded %d acts and %d arrêtés from %s", len(acts), len(arretes), base)
    return corpus
