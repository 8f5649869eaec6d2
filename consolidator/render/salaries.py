"""The answer of `salaries` as text or JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from consolidator.dates import format_french
from consolidator.french import euros
from consolidator.model import Corpus
from consolidator.query.events import sources_date
from consolidator.query.salaries import SalaryAnswer


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
            "published_provenance": answer.published.to_json() if answer.published else None,
            "scope_exclusion": answer.scope_exclusion,
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
        words = answer.extension_words or (ext.arrete.label if ext else "")
        lines.append(f"[{answer.state.value}]" + (f" {words}" if words else ""))
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


def stamped(text: str, corpus: Corpus, day: date) -> str:
    return text + "\n" + sources_date(corpus).stamp(day) + "\n"
