"""The answer of `salaries` as text or JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from consolidator.dates import format_french
from consolidator.french import and_list, apostrophes, de, euros
from consolidator.model import Act, AnnualMinimum, Corpus, SalaryGrid, State, View
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
    return f", à l’exclusion des {and_list(list(excluded))}" if excluded else ""


def _reserve(answer: SalaryAnswer) -> str:
    """« ; accord étendu sous réserve de l’application … » as the arrêté words it (L-49)."""
    said = [apostrophes(r[:1].lower() + r[1:].rstrip(". ")) for r in answer.reservations]
    return "".join(f" ; {r}" for r in said)


def extension_phrase(answer: SalaryAnswer, corpus: Corpus) -> str:
    """« arrêté du 16 avril 2013 (JO du …, d'après les métadonnées Légifrance), à l'exclusion
    des organismes relevant … ; accord étendu sous réserve de … », « » when not extended."""
    ext = answer.extension
    return (
        f"{ext.arrete.label}{_jo(answer, corpus)}{_scope(answer)}{_reserve(answer)}" if ext else ""
    )


def undated_phrase(answer: SalaryAnswer) -> str:
    """« étendu par arrêté du 11 avril 2006, date de publication au JO inconnue (l’extension prend
    effet à cette publication, au plus tôt le 11 avril 2006), à l’exclusion … ; sous réserve … »:
    the arrêté extends « à dater de la publication » (004 l.15731), a day the sources lack (D-712)."""
    ext = answer.undated
    if ext is None:
        return ""
    return (
        f"étendu par {ext.arrete.label}, date de publication au JO inconnue (l’extension prend "
        f"effet à cette publication, au plus tôt le {format_french(ext.arrete.date)}, D-712)"
        f"{_scope(answer)}{_reserve(answer)}"
    )


def undated_label(answer: SalaryAnswer) -> str:
    """The state said with an extension whose day of effect is unknown: the branche view counts it
    from the arrêté's date, never « non-étendue » (D-712)."""
    return (
        "en vigueur étendue, date d’effet inconnue" if answer.view is View.BRANCHE else "en vigueur"
    )


def before_publication(answer: SalaryAnswer, corpus: Corpus) -> str | None:
    """Branche view: what binds every employer until the unknown publication (D-712)."""
    if answer.view is not View.BRANCHE or answer.undated is None:
        return None
    before = _bound_before(answer, corpus)
    if before is None:
        return "jusqu’à cette publication, les sources ne connaissent aucune grille étendue"
    return f"jusqu’à cette publication, les employeurs non adhérents restent liés par {before}"


def _bound_before(answer: SalaryAnswer, corpus: Corpus) -> str | None:
    """« la grille étendue fixée par l'annexe II (depuis le 1er février 2000) », or « la grille
    fixée par l'accord du 3 novembre 2004 (…), étendu par arrêté du 8 mars 2005, date de
    publication au JO inconnue » (D-712)."""
    grid = answer.before
    if grid is None:
        return None
    undated = answer.before_undated
    also = (
        f", étendu par {undated.arrete.label}, date de publication au JO inconnue"
        if undated
        else ""
    )
    label = by(corpus.acts[grid.setter or grid.act].label)
    return f"la grille {'' if undated else 'étendue '}fixée par {label} ({since(grid)}){also}"


def retro_phrase(answer: SalaryAnswer) -> str:
    """« ; effet rétroactif : accord signé le … » after the date of effect (D-714), or nothing."""
    return f" ; {answer.retro.phrase}" if answer.retro else ""


_NONE_BEFORE = "aucune grille étendue n’est connue"


def non_adherents(
    answer: SalaryAnswer, corpus: Corpus, hint: str = " ; vue branche : --view branche"
) -> str | None:
    """What binds employers outside the signatory organisations while this grid is not extended
    (`hint`: how to see that grid, for the command line; the site passes "")."""
    if answer.state is not State.NON_ETENDU:
        return None
    held = answer.non_adherents
    members = "non étendu : cette grille ne lie que les adhérents des organisations signataires"
    before = (
        f"la grille étendue fixée par {by(corpus.acts[held.setter or held.act].label)} "
        f"({since(held)}{hint})"
        if held
        else None
    )
    if answer.non_adherents_undated is not None:
        grid, event = answer.non_adherents_undated
        return (
            f"{members} ; pour les employeurs non adhérents : "
            f"{by(corpus.acts[grid.setter or grid.act].label)} ({since(grid)}) a été étendu par "
            f"{event.arrete.label}, date de publication au JO inconnue, et les sources ne disent "
            f"pas depuis quand il les lie ; avant, {_bound_before(answer, corpus) or _NONE_BEFORE}"
        )
    if before is None:
        return f"{members} ; les sources ne connaissent aucune grille étendue plus ancienne"
    return f"{members} ; les employeurs non adhérents restent liés par {before}"


def since(grid: SalaryGrid) -> str:
    """« depuis le 1er janvier 2006, date approximative, D-412 »: an assumed date says so (L-32)."""
    approx = f", date approximative, {grid.decision}" if grid.approximate and grid.decision else ""
    return f"depuis le {format_french(grid.effective)}" + (
        approx or (", date approximative" if grid.approximate else "")
    )


def setter_label(answer: SalaryAnswer) -> str:
    """The act that set the amounts, or what the sources say of it when they lack it (D-410)."""
    return answer.act.label if answer.act else "un accord absent des sources"


def citation_line(answer: SalaryAnswer) -> str | None:
    """« montants connus seulement par la citation qu'en fait l'accord du 23 novembre 2006 … »."""
    if answer.cited_by is None:
        return None
    return f"montants connus seulement par la citation qu’en fait {by(answer.cited_by.label)}"


def minimum_source(grid: SalaryGrid, corpus: Corpus) -> str:
    """« art. 3 de l'accord du 5 décembre 2012 (salaires 2013) »."""
    label = corpus.acts[grid.act].label
    minimum = grid.minimum
    return f"art. {minimum.article} {de(label)}" if minimum and minimum.article else label


def below_minimum(grid: SalaryGrid) -> list[str]:
    """The classes whose RMAG is lower than the annual minimum (E1, E2, E3 in 2013)."""
    floor = grid.minimum
    return [r.classe for r in grid.rmag if floor and r.montant < floor.montant]


def minimum_scope(grid: SalaryGrid) -> str:
    """« pour tout salarié soumis à la convention, y compris dans les classes E1, E2 et E3, dont la
    RMAG est inférieure » (« aucun salarié … ne devra percevoir … inférieure », D-419)."""
    below = below_minimum(grid)
    classes = (
        f", y compris dans les classes {and_list(below)}, dont la RMAG est inférieure"
        if below
        else ""
    )
    return f"pour tout salarié soumis à la convention{classes}"


def _minimum_json(grid: SalaryGrid, minimum: AnnualMinimum | None) -> dict[str, Any] | None:
    if minimum is None:
        return None
    return {
        "montant": float(minimum.montant),
        "conditions": list(minimum.conditions),
        "act": grid.act,
        "article": minimum.article,
        "source": "004",
        "lines": minimum.src,
        "classes_below": below_minimum(grid),
    }


def _held_undated_json(answer: SalaryAnswer) -> dict[str, Any] | None:
    """A later grid extended by an arrêté whose JO date is unknown (D-701)."""
    if answer.non_adherents_undated is None:
        return None
    grid, event = answer.non_adherents_undated
    return {
        "act": grid.setter,
        "effective": grid.effective.isoformat(),
        "arrete": event.arrete.date.isoformat(),
        "arrete_id": event.arrete.id,
    }


def _extension_json(answer: SalaryAnswer, corpus: Corpus) -> dict[str, Any] | None:
    ext = answer.extension
    if ext is None:
        return None
    return {
        "arrete": ext.arrete.date.isoformat(),
        "arrete_id": ext.arrete.id,
        "published": ext.arrete.jo.isoformat() if ext.arrete.jo else None,
        "published_provenance": _jo_json(answer, corpus),
        "effective": ext.effective.isoformat() if ext.effective else None,
        "scope_exclusions": list(answer.scope_exclusions),
        "reservations": list(answer.reservations),
    }


def _undated_json(answer: SalaryAnswer) -> dict[str, Any] | None:
    """The extending arrêté whose JO date is unknown: its day of effect is unknown, on or after
    the arrêté's date (D-701, D-712), with its scope exclusions and reservations (D-713)."""
    if answer.undated is None:
        return None
    return {
        "arrete": answer.undated.arrete.date.isoformat(),
        "arrete_id": answer.undated.arrete.id,
        "published": None,
        "effective": None,
        "effective_not_before": answer.undated.arrete.date.isoformat(),
        "decision": "D-712",
        "scope_exclusions": list(answer.scope_exclusions),
        "reservations": list(answer.reservations),
    }


def _before_json(answer: SalaryAnswer) -> dict[str, Any] | None:
    """The grid binding every employer until an unknown publication (D-712): that of the branche
    view's grid's arrêté, or (adherent view) that of `non_adherents_jo_unknown`'s."""
    grid = answer.before
    if grid is None:
        return None
    undated = answer.before_undated
    return {
        "act": grid.setter or grid.act,
        "effective": grid.effective.isoformat(),
        "extension_jo_unknown": undated.arrete.date.isoformat() if undated else None,
    }


def _act_json(act: Act | None) -> dict[str, Any] | None:
    if act is None:
        return None
    return {
        "id": act.id,
        "kind": act.kind.value,
        "title": act.title,
        "signed": act.signed.isoformat(),
    }


def answer_json(answer: SalaryAnswer, corpus: Corpus) -> dict[str, Any]:
    """The JSON document of `consolidator salaries --format json`.

    `act`: the act that set the amounts, the one `state` and `extension` belong to (for a grid
    known by citation, the act quoted; null when the sources lack it); `cited_by`: the act whose
    citation gives the amounts (null for a grid its act sets itself); `effective` with
    `approximate` and `decision`: the date of effect and whether it is assumed; `minimum_annuel`:
    null, or the floor with `montant`, its `conditions` as the act words them, `act`, `article`,
    `source`/`lines` and `classes_below` (classes whose RMAG is lower); `label`: the state as the
    text shows it (« en vigueur étendue, date d'effet inconnue » in the branche view for an
    extension whose JO date is unknown, D-712); `extension_jo_unknown`: that arrêté, its
    `effective_not_before`, scope exclusions and reservations (D-713); `before_publication`: the
    grid binding every employer until that unknown publication; `retroactive`: the grid takes
    effect before its act's signature (D-714).
    """
    grid = answer.grid
    return {
        "convention": {"idcc": corpus.convention.idcc, "title": corpus.convention.title},
        "at": answer.at.isoformat(),
        "effective": grid.effective.isoformat(),
        "valeur_du_point": float(grid.point) if grid.point is not None else None,
        "minimum_annuel": _minimum_json(grid, grid.minimum),
        "rmag": [{"classe": r.classe, "montant": float(r.montant)} for r in grid.rmag],
        "act": _act_json(answer.act),
        "cited_by": _act_json(answer.cited_by),
        "cited": grid.cited,
        "set_by": grid.setter,
        "approximate": grid.approximate,
        "decision": grid.decision,
        "amounts_year": grid.amounts_year,
        "state": answer.state.value if answer.state else None,
        "label": answer.state.value
        if answer.state
        else undated_label(answer)
        if answer.undated
        else None,
        "view": answer.view.value,
        "amounts_known": grid.amounts_known,
        "extension": _extension_json(answer, corpus),
        "non_adherents_bound_by": None
        if answer.non_adherents is None
        else {
            "act": answer.non_adherents.act,
            "effective": answer.non_adherents.effective.isoformat(),
        },
        "non_adherents_jo_unknown": _held_undated_json(answer),
        "warnings": list(answer.warnings),
        "extension_jo_unknown": _undated_json(answer),
        "before_publication": _before_json(answer),
        "retroactive": answer.retro is not None,
        "sources": sources_date(corpus).to_json(answer.at),
    }


def _minimum_text(grid: SalaryGrid, corpus: Corpus) -> list[str]:
    minimum = grid.minimum
    if minimum is None:
        return []
    head = (
        f"Rémunération annuelle brute minimale : {euros(minimum.montant)} "
        f"({minimum_source(grid, corpus)}) ; {minimum_scope(grid)}"
    )
    if not minimum.conditions:
        return [head]
    last = len(minimum.conditions) - 1
    return [f"{head} ; cette rémunération s’entend :"] + [
        f"  – {apostrophes(c)}{'.' if i == last else ' ;'}"  # the accord's words
        for i, c in enumerate(minimum.conditions)
    ]


def answer_text(answer: SalaryAnswer, corpus: Corpus) -> str:
    """The plain-text answer of `consolidator salaries`."""
    grid = answer.grid
    view = " (vue branche : ce qui lie tous les employeurs)" if answer.view is View.BRANCHE else ""
    lines = [f"Salaires minima au {format_french(answer.at)}{view}"]
    lines.append(f"fixés par : {setter_label(answer)} ({since(grid)}{retro_phrase(answer)})")
    if answer.state is not None:
        ext = answer.extension
        lines.append(
            f"[{answer.state.value}]" + (f" {extension_phrase(answer, corpus)}" if ext else "")
        )
    if answer.undated is not None:
        lines.append(f"[{undated_label(answer)}] {undated_phrase(answer)}")
    before = before_publication(answer, corpus)
    if before:
        lines.append(before)
    cited = citation_line(answer)
    if cited:
        lines.append(cited)
    held = non_adherents(answer, corpus)
    if held:
        lines.append(held)
    if not grid.amounts_known:
        lines += ["", "Valeur du point et RMAG par classe : non disponibles dans les sources"]
    else:
        point = euros(grid.point) if grid.point is not None else "inconnue"
        lines += ["", f"Valeur du point : {point}"]
        lines += _minimum_text(grid, corpus)
        lines += ["", "RMAG par classe :"]
        lines += [f"  {r.classe:<3} {euros(r.montant):>13}" for r in grid.rmag]
    if answer.warnings:
        lines += [""] + [f"attention : {w}" for w in answer.warnings]
    return "\n".join(lines) + "\n"


def page_context(answer: SalaryAnswer | None, corpus: Corpus) -> dict[str, Any]:
    """What the site's salaires page shows beside the answer (the same phrases as the text)."""
    if answer is None:
        return {"answer": None}
    cited = citation_line(answer)
    grid = answer.grid
    return {
        "answer": answer,
        "euros": euros,
        "setter": by(answer.act.label) if answer.act else setter_label(answer),
        "cited": cited[:1].upper() + cited[1:] if cited else None,
        "extension": extension_phrase(answer, corpus),
        "undated_extension": undated_phrase(answer),
        "retro": answer.retro.phrase if answer.retro else None,
        "non_adherents": non_adherents(answer, corpus, hint=""),
        "minimum_source": minimum_source(grid, corpus) if grid.minimum else "",
        "minimum_scope": minimum_scope(grid) if grid.minimum else "",
    }


def stamped(text: str, corpus: Corpus, day: date) -> str:
    return text + "\n" + sources_date(corpus).stamp(day) + "\n"
