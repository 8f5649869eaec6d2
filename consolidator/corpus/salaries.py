"""Salary grids (<salaires> of salary agreements): read with the act, checked with the corpus."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from consolidator.dates import check_range
from consolidator.errors import Diagnostic
from consolidator.model import AnnualMinimum, Corpus, Rmag, SalaryGrid


def read_grids(el: etree._Element, act: str, file: str) -> tuple[SalaryGrid, ...]:
    """The grids of one act element (dates and amounts are checked by the schema)."""
    return tuple(_grid(g, act, file) for g in el.findall("salaires"))


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
        minimum=_minimum(el.find("minimum")),
        cited=el.get("cited") == "true",
        of=el.get("of"),
        approximate=el.get("approximate") == "true",
        decision=el.get("decision"),
        notes=tuple(" ".join((n.text or "").split()) for n in el.findall("note")),
        file=file,
        line=el.sourceline,
        amounts_known=el.get("amounts") != "unknown",
        year=int(el.get("year")) if el.get("year") else None,
    )


def _minimum(el: etree._Element | None) -> AnnualMinimum | None:
    """<minimum montant article src><condition>…</condition>…</minimum> (D-415, lawyer L-42)."""
    if el is None:
        return None
    return AnnualMinimum(
        Decimal(el.get("montant")),
        tuple(" ".join((c.text or "").split()) for c in el.findall("condition")),
        el.get("article"),
        el.get("src"),
    )


def check_grids(corpus: Corpus) -> list[Diagnostic]:
    """What `salaries` would fail on or answer wrongly: classes, acts named, one grid a day."""
    out = [d for g in corpus.grids for d in _check(g, corpus)]
    days = [g.effective for g in corpus.grids]
    for day in sorted({d for d in days if days.count(d) > 1}):
        files = ", ".join(f"{g.file}:{g.line}" for g in corpus.grids if g.effective == day)
        out.append(Diagnostic(f"two salary grids take effect on {day} ({files})", hint="keep one"))
    return out


def _check(grid: SalaryGrid, corpus: Corpus) -> list[Diagnostic]:
    out = []
    try:
        check_range(grid.effective)
    except ValueError as exc:
        out.append(Diagnostic(str(exc), grid.file, grid.line, act=grid.act))
    declared = corpus.convention.classes
    classes = tuple(r.classe for r in grid.rmag)
    if not grid.amounts_known:
        if grid.rmag or grid.point is not None or grid.minimum is not None:
            out.append(
                Diagnostic(
                    'a grid with amounts="unknown" gives amounts',
                    grid.file,
                    grid.line,
                    act=grid.act,
                    hint='drop the amounts, or the attribute amounts="unknown"',
                )
            )
        return out
    if not declared:
        out.append(
            Diagnostic(
                f"salary grid of {grid.effective}, but convention.xml declares no classes",
                grid.file,
                grid.line,
                act=grid.act,
                hint="list the classification's classes in convention.xml: <classes>E1 E2 ...</classes>",
            )
        )
    elif classes != declared:
        unknown = [c for c in classes if c not in declared]
        what = f" (unknown: {', '.join(unknown)})" if unknown else ""
        out.append(
            Diagnostic(
                f"salary grid of {grid.effective} lists classes {', '.join(classes)}{what}",
                grid.file,
                grid.line,
                act=grid.act,
                hint=f"give one <rmag> per class, in order: {', '.join(declared)}",
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
