"""The OpenAPI description of the served application (every page has a JSON twin)."""

from __future__ import annotations

from typing import Any

from consolidator import __version__

_DAY = {
    "name": "day",
    "in": "path",
    "required": True,
    "description": "Date ISO AAAA-MM-JJ (à partir du 2000-02-01)",
    "schema": {"type": "string", "format": "date"},
}
_FORMAT = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "json : la même réponse en JSON (contrat JSON de la ligne de commande, champ `format`) ; aussi : l’adresse suivie de .json",
    "schema": {"type": "string", "enum": ["html", "json"]},
}


def _q(name: str, description: str, required: bool = False, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": {"type": "string", **schema},
    }


_VUE = _q(
    "vue",
    "adherent (tout le texte en vigueur) ou branche (ce qui est étendu)",
    enum=["adherent", "branche"],
)
_CONNU = _q(
    "connu",
    "Date ISO AAAA-MM-JJ : ce qui pouvait être connu ce jour-là (textes signés et arrêtés publiés "
    "jusqu’à cette date, comme --known-at) ; champ `known_at` de la réponse JSON",
    format="date",
)
_PAGES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "/{day}/texte": ("La convention consolidée en vigueur à la date", [_DAY, _VUE]),
    "/{day}/article/{ident}": (
        "Un article à la date : rédaction, états, citation, applicabilité, historique",
        [
            _DAY,
            {
                "name": "ident",
                "in": "path",
                "required": True,
                "description": "Nom de l’article à la date, comme les pages du site (D-707) : son numéro (2.5), son texte et son numéro (avenant-n-20-article-2), les années d’un ancien titulaire du numéro (9.13-2011-2015) ; un numéro tapé (avenant-16:2) redirige (307), un ancien identifiant stable aussi (301)",
                "schema": {"type": "string"},
            },
        ],
    ),
    "/{day}/articles": ("Tous les articles, avec leur numéro à la date", [_DAY]),
    "/{day}/historique": (
        "Les dates de modification du texte ; les périodes où une rédaction remplacée lie encore "
        "les employeurs non adhérents (champ held_over)",
        [_DAY],
    ),
    "/{day}/evenements": (
        "Signatures, entrées en vigueur, arrêtés (dates de JO) ; ce qui est signé mais pas encore en vigueur",
        [_DAY],
    ),
    "/{day}/salaires": ("Valeur du point et RMAG par classe à la date", [_DAY]),
    "/{day}/recherche": (
        "Recherche plein texte (accents ignorés) dans le texte en vigueur ou dans toutes les rédactions",
        [
            _DAY,
            _q("q", "mots cherchés, ou un numéro d’article"),
            _q("portee", "date ou toutes", enum=["date", "toutes"]),
        ],
    ),
    "/comparer": (
        "Ce qui a changé entre deux dates : structure, rédaction (mot à mot, alinéa par alinéa), états",
        [
            _q("du", "date de début", True, format="date"),
            _q("au", "date de fin", True, format="date"),
            _q("article", "un seul article (son nom à la date de fin, ou au jour donné)"),
            _q("jour", "date à laquelle lire le nom de l’article (par défaut : au)", format="date"),
            _q("affichage", "redline ou cote (côte à côte)", enum=["redline", "cote"]),
            _VUE,
        ],
    ),
}


def openapi(base: str) -> dict[str, Any]:
    """OpenAPI 3.1 for every page (HTML by default, JSON with format=json)."""
    paths: dict[str, Any] = {}
    for path, (summary, params) in _PAGES.items():
        paths[base + path] = {
            "get": {
                "summary": summary,
                "parameters": [*params, _CONNU, _FORMAT],
                "responses": {
                    "200": {
                        "description": summary,
                        "content": {
                            "text/html": {},
                            "application/json": {
                                "schema": {"type": "object", "required": ["format"]}
                            },
                        },
                    },
                    "301": {
                        "description": "Ancienne adresse (identifiant stable) : l’adresse nommée"
                    },
                    "307": {"description": "Redirection vers le nom de l’article à la date"},
                    "400": {
                        "description": "Date invalide, ou connaissance antérieure au premier texte"
                    },
                    "404": {"description": "Article ou date sans texte en vigueur"},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "consolidator", "version": __version__},
        "paths": paths,
    }
