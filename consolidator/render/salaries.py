"""The answer of `salaries` as text or JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from consolidator.dates import format_french
from consolidator.french import and_list, euros
from consolidator.model import Corpus, State, View
from consolidator.query.events import sources_date
from consolidator.query.numbering import by
from consolidator.query.provenance import jo_provenance
from consolidator.query.salaries import SalaryAnswer


def _jo(answer: SalaryAnswer, corpus: Corpus) -> str:
    """« (JO du 23 avril 2013, d'après les métadonnées Légifrance) », or nothing."""
    ext = answer.extension
    if ext is None or ext.arrete.jo is None:
        return ""
    prov = jo_provenance(corpus, ext.arrete)
    caveat = f", {prov.caveat}" if prov and prov.caveat else ""
    return f" (JO du {format_french(ext.arrete.jo)}{caveat})"


def _jo_json(answer: SalaryAnswer, corpus: Corpus) -> dict[str, Any] | None:
    ext = answer.extension
    prov = jo_provenance(corpus, ext.arrete) if ext else None
    return prov.to_json() if prov else None


def _scope(answer: SalaryAnswer) -> str:
    excluded = answer.scope_exclusions
    return f", à l'exclusion des {and_list(list(excluded))}" if excluded else ""


def extension_phrase(answer: SalaryAnswer, corpus: Corpus) -> str:
    """« arrêté du 16 avril 2013 (JO du …, d'après les métadonnées Légifrance), à l'exclusion
    des organismes relevant … », « » when the grid is not extended."""
    ext = answer.extension
    return f"{ext.arrete.label}{_jo(answer, corpus)}{_scope(answer)}" if ext else ""


def non_adherents(
    answer: SalaryAnswer, corpus: Corpus, hint: str = " ; vue branche : --view branche"
) -> str | None:
    """What binds employers outside the signatory organisations while this grid is not extended
    (`hint`: how to see that grid, for the command line; the site passes "")."""
    if answer.state is not State.NON_ETENDU:
        return None
    held = answer.non_adherents
    members = "non étendu : cette grille ne lie que les adhérents des organisations signataires"
    if held is None:
        return f"{members} ; les sources ne connaissent aucune grille étendue plus ancienne"
    return (
        f"{members} ; les employeurs non adhérents restent liés par la grille étendue fixée par "
        f"{by(corpus.acts[held.act].label)} (depuis le {format_french(held.effective)}{hint})"
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
        "view": answer.view.value,
        "amounts_known": grid.amounts_known,
        "extension": None
        if ext is None
        else {
            "arrete": ext.arrete.date.isoformat(),
            "arrete_id": ext.arrete.id,
            "published": ext.arrete.jo.isoformat() if ext.arrete.jo else None,
            "published_provenance": _jo_json(answer, corpus),
            "effective": ext.effective.isoformat() if ext.effective else None,
            "scope_exclusions": list(answer.scope_exclusions),
        },
        "non_adherents_bound_by": None
        if answer.non_adherents is None
        else {
            "act": answer.non_adherents.act,
            "effective": answer.non_adherents.effective.isoformat(),
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


def answer_text(answer: SalaryAnswer, corpus: Corpus) -> str:
    """The plain-text answer of `consolidator salaries`."""
    grid, act = answer.grid, answer.act
    view = " (vue branche : ce qui lie tous les employeurs)" if answer.view is View.BRANCHE else ""
    lines = [f"Salaires minima au {format_french(answer.at)}{view}"]
    origin = "montants cités par" if grid.cited else "fixés par"
    lines.append(f"{origin} : {act.label} (depuis le {format_french(grid.effective)})")
    if answer.state is not None:
        ext = answer.extension
        lines.append(
            f"[{answer.state.value}]" + (f" {extension_phrase(answer, corpus)}" if ext else "")
        )
    if answer.undated is not None:
        lines.append(
            f"[en vigueur] étendu par {answer.undated.arrete.label}, "
            f"date de publication au JO inconnue{_scope(answer)}"
        )
    held = non_adherents(answer, corpus)
    if held:
        lines.append(held)
    if not grid.amounts_known:
        lines += ["", "Valeur du point et RMAG par classe : non disponibles dans les sources"]
    else:
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
