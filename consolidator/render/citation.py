"""A citation as `cite` gives it: one quoted line, a BibTeX entry or JSON."""

from __future__ import annotations

import re
from typing import Any

from consolidator.dates import format_french
from consolidator.query.citation import Citation
from consolidator.query.rows import row_exclusions
from consolidator.render.json import dumps


def citation_text(c: Citation) -> str:
    """The citation between French quotes, one line."""
    return f"« {c.text} »\n"


def _bibkey(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def _bib(value: str) -> str:
    return "{" + value.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") + "}"


def citation_bibtex(c: Citation) -> str:
    """A BibTeX @misc entry (the citation is its note)."""
    num = c.article.num or c.name
    fields = {
        "title": f"{c.name}, {c.convention}",
        "howpublished": f"IDCC {c.idcc}, texte en vigueur au {format_french(c.at)}",
        "year": str(c.act.signed.year),
        "note": c.text,
        "urldate": c.at.isoformat(),
    }
    key = _bibkey(f"idcc{c.idcc}-art{num}-{c.at.isoformat()}")
    body = ",\n".join(f"  {k} = {_bib(v)}" for k, v in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


def citation_json(c: Citation) -> dict[str, Any]:
    """The citation and its parts, machine-readable."""
    ext = c.article.extension
    return {
        "id": c.article.id,
        "num": c.article.num,
        "name": c.name,  # « Article 2.5 », or an unnumbered clause's label (D-715)
        "at": c.at.isoformat(),
        "convention": {"idcc": c.idcc, "title": c.convention},
        "state": c.article.state.value,
        "label": c.article.heading_label,
        "act": {"id": c.act.id, "label": c.act.label, "signed": c.act.signed.isoformat()},
        "renumbering": c.renumbering,
        "original_wording": c.original,
        "extension": None
        if ext is None
        else {
            "arrete": ext.arrete.date.isoformat(),
            "label": ext.arrete.label,
            "published": ext.arrete.jo.isoformat() if ext.arrete.jo else None,
            "published_provenance": c.published.to_json() if c.published else None,
        },
        "exclusions": list(c.exclusions),
        "excluded_rows": _rows_json(c),
        "reserves": list(c.reserves),
        "citation": c.text,
    }


def _rows_json(c: Citation) -> list[dict[str, Any]]:
    """Each table row excluded whole, by its position (alinéa) and its cells."""
    version = c.article.version
    rows = row_exclusions(version, c.article.excluded)
    taken = sorted({i for found in rows.values() for i in found})
    return [{"alinea": i + 1, "cells": dict(version.fragments[i].cells)} for i in taken]


def citation_output(c: Citation, fmt: str) -> str:
    """The citation in one of the formats of `cite`: text, bibtex or json."""
    if fmt == "bibtex":
        return citation_bibtex(c)
    if fmt == "json":
        return dumps(citation_json(c))
    return citation_text(c)
