"""Salary agreements as data: valeur du point and RMAG per class in force on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from consolidator.corpus.xml import parse_xml
from consolidator.dates import check_range, format_french
from consolidator.engine.timeline import ExtensionEvent, build_timeline
from consolidator.errors import CorpusError, Diagnostic, QueryError
from consolidator.model import Act, Corpus, State
from consolidator.query.events import sources_date

CLASSES = ("E1", "E2", "E3", "E4", "T1", "T2", "C1", "C2", "C3", "C4", "D")
"""The classes of the convention's classification (annexe I), in the order of the grids."""


@dataclass(frozen=True)
class Rmag:
    """The rémunération minimale annuelle garantie of one class."""

    classe: str
    montant: Decimal
    src: str | None = None


@dataclass(frozen=True)
class SalaryGrid:
    """One <salaires> element: what an act sets (or quotes, when cited) from a date."""

    act: str
    effective: date
    point: Decimal | None
    rmag: tuple[Rmag, ...]
    minimum: Decimal | None = None
    cited: bool = False
    of: str | None = None
    approximate: bool = False
    decision: str | None = None
    notes: tuple[str, ...] = ()
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class SalaryAnswer:
    """The grid in force on a date, the act behind it, its state and what the user must know."""

    at: date
    grid: SalaryGrid
    act: Act
    state: State | None
    extension: ExtensionEvent | None
    warnings: tuple[str, ...]
    undated: ExtensionEvent | None = None  # an arrêté signed by then whose JO date is unknown


def euros(value: Decimal) -> str:
    """French formatting of an amount.

    >>> euros(Decimal("17282.48"))
    '17 282,48 €'
    >>> euros(Decimal("7.97"))
    '7,97 €'
    """
    whole, _, cents = f"{value:.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{' '.join(groups)},{cents} €"


def _grid(el: etree._Element, act: str, file: str) -> SalaryGrid:
    def dec(name: str) -> Decimal | None:
        value = el.get(name)
        return Decimal(value) if value is not None else None

    return SalaryGrid(
        act=act,
        effective=date.fromisoformat(el.get("effective")),
        point=dec("point"),
        rmag=tuple(
            Rmag(r.get("classe"), Decimal(r.get("montant")), r.get("src"))
            for r in el.findall("rmag")
        ),
        minimum=dec("minimum"),
        cited=el.get("cited") == "true",
        of=el.get("of"),
        approximate=el.get("approximate") == "true",
        decision=el.get("decision"),
        notes=tuple(" ".join((n.text or "").split()) for n in el.findall("note")),
        file=file,
        line=el.sourceline,
    )


def _check(grid: SalaryGrid, corpus: Corpus) -> list[Diagnostic]:
    out = []
    try:
        check_range(grid.effective)
    except ValueError as exc:
        out.append(Diagnostic(str(exc), grid.file, grid.line, act=grid.act))
    classes = tuple(r.classe for r in grid.rmag)
    if classes != CLASSES:
        out.append(
            Diagnostic(
                f"salary grid of {grid.effective} lists classes {', '.join(classes)}",
                grid.file,
                grid.line,
                act=grid.act,
                hint=f"give one <rmag> per class, in order: {', '.join(CLASSES)}",
            )
        )
    if grid.of is not None and grid.of not in corpus.acts:
        out.append(
            Diagnostic(f"grid names unknown act {grid.of!r}", grid.file, grid.line, act=grid.act)
        )
    if not grid.cited and grid.point is None:
        out.append(
            Diagnostic(
                "a grid the act sets itself must give the valeur du point",
                grid.file,
                grid.line,
                act=grid.act,
                hint='add point="..." or mark the grid cited="true"',
            )
        )
    return out


def load_grids(corpus: Corpus) -> tuple[SalaryGrid, ...]:
    """Every salary grid of the corpus, by date of effect (raises CorpusError on a bad grid)."""
    grids: list[SalaryGrid] = []
    for act in sorted(corpus.acts.values(), key=lambda a: (a.signed, a.id)):
        path = Path(corpus.root) / act.location.file
        root = parse_xml(path, act.location.file).getroot()
        grids += [_grid(el, act.id, act.location.file) for el in root.findall("salaires")]
    problems = [d for g in grids for d in _check(g, corpus)]
    days = [g.effective for g in grids]
    for day in sorted({d for d in days if days.count(d) > 1}):
        problems.append(Diagnostic(f"two salary grids take effect on {day}", hint="keep one"))
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in the salary grids", problems)
    return tuple(sorted(grids, key=lambda g: g.effective))


def _extension(corpus: Corpus, act: str, day: date) -> ExtensionEvent | None:
    events = build_timeline(corpus).extensions.get(act, ())
    done = [e for e in events if e.effective is not None and e.effective <= day]
    return done[-1] if done else None


def _undated(corpus: Corpus, act: str, day: date) -> ExtensionEvent | None:
    """An arrêté extending `act`, dated on or before `day`, whose JO publication is unknown."""
    events = build_timeline(corpus).extensions.get(act, ())
    found = [e for e in events if e.effective is None and e.arrete.date <= day]
    return found[-1] if found else None


def _to(label: str) -> str:
    """« à l'accord … », « au protocole … »."""
    return f"à l'{label}" if label[:1].lower() in "aeiouyh" else f"au {label}"


def _warnings(
    grid: SalaryGrid, grids: tuple[SalaryGrid, ...], corpus: Corpus, day: date
) -> list[str]:
    out: list[str] = []
    if grid.cited:
        setter = corpus.acts[grid.of].label if grid.of else "un accord absent des sources"
        out.append(
            f"lacune : montants {grid.effective.year} fixés par {setter}, connus seulement par "
            f"la citation qu'en fait {corpus.acts[grid.act].label} ; date d'effet supposée "
            f"({format_french(grid.effective)}) ; valeur du point inconnue"
            + (f" (décision {grid.decision})" if grid.decision else "")
        )
        earlier = [g for g in grids if g.effective < grid.effective and g.point is not None]
        if earlier:
            last = earlier[-1]
            out.append(
                f"dernière valeur du point connue : {euros(last.point)} "  # type: ignore[arg-type]
                f"(depuis le {format_french(last.effective)}, {corpus.acts[last.act].label})"
            )
    if grid is grids[-1] and day.year > grid.effective.year:
        out.append(
            f"les accords salariaux postérieurs {_to(corpus.acts[grid.act].label)} manquent aux "
            f"sources : les montants de {grid.effective.year} ont pu être remplacés depuis"
        )
    return out


def salaries_at(corpus: Corpus, day: date) -> SalaryAnswer:
    """The salary grid in force on `day`, with its act, state and warnings (gaps, staleness)."""
    grids = load_grids(corpus)
    current = [g for g in grids if g.effective <= day]
    if not current:
        first = grids[0].effective if grids else None
        raise QueryError(
            f"aucune grille de salaires connue au {format_french(day)}",
            hint=f"la première grille des sources prend effet le {format_french(first)}"
            if first
            else None,
        )
    grid = current[-1]
    source = grid.of if grid.cited else grid.act
    extension = _extension(corpus, source, day) if source else None
    undated = _undated(corpus, source, day) if source and extension is None else None
    state = None if source is None else (State.ETENDU if extension else State.NON_ETENDU)
    return SalaryAnswer(
        day,
        grid,
        corpus.acts[grid.act],
        None if undated else state,
        extension,
        tuple(_warnings(grid, grids, corpus, day)),
        undated,
    )


def answer_json(answer: SalaryAnswer, corpus: Corpus) -> dict[str, Any]:
    """The JSON document of `consolidator salaries --format json`."""
    grid, act = answer.grid, answer.act
    ext = answer.extension
    return {
        "convention": {"idcc": corpus.convention.idcc, "title": corpus.convention.title},
        "at": answer.at.isoformat(),
        "effective": grid.effective.isoformat(),
        "valeur_du_point": float(grid.point) if grid.point is not None else None,
        "minimum_annuel": float(grid.minimum) if grid.minimum is not None else None,
        "rmag": [{"classe": r.classe, "montant": float(r.montant)} for r in grid.rmag],
        "act": {
            "id": act.id,
            "kind": act.kind.value,
            "title": act.title,
            "signed": act.signed.isoformat(),
        },
        "cited": grid.cited,
        "set_by": grid.of,
        "approximate": grid.approximate,
        "decision": grid.decision,
        "state": answer.state.value if answer.state else None,
        "extension": None
        if ext is None
        else {
            "arrete": ext.arrete.date.isoformat(),
            "arrete_id": ext.arrete.id,
            "published": ext.arrete.jo.isoformat() if ext.arrete.jo else None,
            "effective": ext.effective.isoformat() if ext.effective else None,
        },
        "warnings": list(answer.warnings),
        "extension_jo_unknown": None
        if answer.undated is None
        else {
            "arrete": answer.undated.arrete.date.isoformat(),
            "arrete_id": answer.undated.arrete.id,
        },
        "sources": sources_date(corpus).to_json(answer.at),
    }


def answer_text(answer: SalaryAnswer) -> str:
    """The plain-text answer of `consolidator salaries`."""
    grid, act = answer.grid, answer.act
    lines = [f"Salaires minima au {format_french(answer.at)}"]
    origin = "montants cités par" if grid.cited else "fixés par"
    lines.append(f"{origin} : {act.label} (depuis le {format_french(grid.effective)})")
    if answer.state is not None:
        ext = answer.extension
        lines.append(f"[{answer.state.value}]" + (f" {ext.arrete.label}" if ext else ""))
    if answer.undated is not None:
        lines.append(
            f"[en vigueur] étendu par {answer.undated.arrete.label}, "
            "date de publication au JO inconnue"
        )
    point = euros(grid.point) if grid.point is not None else "inconnue"
    lines += ["", f"Valeur du point : {point}"]
    if grid.minimum is not None:
        lines.append(f"Rémunération annuelle brute minimale : {euros(grid.minimum)}")
    lines += ["", "RMAG par classe :"]
    lines += [f"  {r.classe:<3} {euros(r.montant):>13}" for r in grid.rmag]
    if answer.warnings:
        lines += [""] + [f"attention : {w}" for w in answer.warnings]
    return "\n".join(lines) + "\n"


def _stamped(text: str, corpus: Corpus, day: date) -> str:
    return text + "\n" + sources_date(corpus).stamp(day) + "\n"


def salaries_report(root: str | Path | None, day: date, fmt: str = "text") -> str:
    """Load the corpus at `root` and render the salary answer for `day` as text or JSON."""
    import json

    from consolidator.corpus.load import load_corpus

    corpus = load_corpus(root)
    answer = salaries_at(corpus, day)
    if fmt == "json":
        return json.dumps(answer_json(answer, corpus), ensure_ascii=False, indent=2) + "\n"
    return _stamped(answer_text(answer), corpus, day)
