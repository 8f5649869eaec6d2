"""The regular expressions of the amending formulas (read by draft/formulas.py)."""

from __future__ import annotations

import re

NUM = r"(\d+(?:\.\s?\d+)*(?:\s?(?:bis|ter|quater))?)"
_TITLE = (  # « 15.2.4 " Institutions " » or « 15.2.4. - Institutions gestionnaires » (004 l.4899)
    r"(?:\s*,?\s*(?:intitulée? )?[«\"“]\s*(?P<title>[^»\"”]+?)\s*[»\"”]"
    r"|\.?\s+[-–]\s+[A-ZÉ][^,«»\"”:]+?)?"
)
_CONV = (
    r"(?:\s*,?\s*(?:du texte de base )?(?:de la|du) (?:présente )?convention(?: collective)?"
    r"(?: nationale)?(?: de la mutualité)?(?: du 31 janvier 2000)?)?"
)
_PARA = r"(?:\s*,?\s*(?:(?P<sub>[a-z])\s*\)?|paragraphe\s+(?P<sub2>[a-z])|(?P<ord2>\d+)e\s+(?:paragraphe|alinéa)),?)?"
ORDINALS = {
    "premier": 1,
    "1er": 1,
    "première": 1,
    "1re": 1,
    "deuxième": 2,
    "second": 2,
    "seconde": 2,
    "troisième": 3,
    "quatrième": 4,
    "cinquième": 5,
    "sixième": 6,
    "septième": 7,
    "huitième": 8,
    "neuvième": 9,
    "dixième": 10,
    "dernier": -1,
}
_ORD = r"(?P<ord>premier|1er|première|1re|deuxième|second|seconde|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième|dernier|\d+e|\d+ème)"

_BARE_TITLE = (
    r"(?:\s+(?P<bare>(?-i:[A-ZÉÈ])[^«»\"“.,:;]{2,80}?)(?=\s*,?\s*(?:de la|du|est|sont)\b))?"
)
REWRITE = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:(?:l'intégralité|le contenu|les dispositions) (?:de l'|du (?:nouvel )?)article|l'article) "
    + NUM
    + r"\.?"
    + _CONV
    + r",?"
    + _TITLE
    + r",?"
    + _BARE_TITLE
    + _CONV
    + _PARA
    + r"\s*(?:est|sont)\s+(?:intégralement |entièrement |ainsi |désormais )?"
    r"(?P<verb>remplacée?s?|réécrite?s?|rédigée?s?|modifiée?s?|complétée?s?|supprimée?s?|abrogée?s?)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
ALINEA = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:le|la) "
    + _ORD
    + r"\s+(?:alinéa|paragraphe|phrase) de l'article "
    + NUM
    + _TITLE
    + _CONV
    + r"\s*(?:est|sont)\s+(?:ainsi |désormais |intégralement )?"
    r"(?P<verb>remplacée?|réécrite?|rédigée?|modifiée?|supprimée?|abrogée?|complétée?)(?P<rest>.*)$",
    re.IGNORECASE,
)
ALINEA_N = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?l'alinéa (?P<pos>\d+) de l'article "
    + NUM
    + r"(?:\s+(?P<sub>[a-z])\b)?"
    + _TITLE
    + _CONV
    + r"\s*(?:est|sont)\s+(?:ainsi |désormais |intégralement )?"
    r"(?P<verb>remplacée?|réécrite?|rédigée?|modifiée?|supprimée?|abrogée?)(?P<rest>.*)$",
    re.IGNORECASE,
)
ADD_ALINEA_N = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?un (?:nouvel )?alinéa (?P<pos>\d+)? ?est (?:rajouté|ajouté|inséré)e? (?:à|dans) l'article "
    + NUM,
    re.IGNORECASE,
)
AFTER_ALINEA = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:à|a) la suite du "
    + _ORD
    + r" (?:alinéa|paragraphe),? (?:est|sont) (?:insérée?s?|ajoutée?s?),? "
    r"(?:dans|à) l'article " + NUM,
    re.IGNORECASE,
)
INSERT = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:[^.]*?\bd')?(?:il est |est )?(?:inséré|créé|ajouté|institué|insérer|créer|ajouter)e?,?\s+(?:[^.]*?\s)?"
    r"un (?:nouvel |nouveau )?article "
    + NUM
    + r"(?:\s+(?:intitulé|ainsi intitulé))?"
    + _TITLE
    + r"(?P<rest>.*)$",
    re.IGNORECASE,
)
ADD_ALINEA = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?(?:il est |sont |est )?(?:ajouté|inséré)e?s?,?\s+(?:à|dans) l'article "
    + NUM
    + _TITLE
    + _CONV
    + r",?\s+(?:un|le|les|deux) (?:nouvel |nouveaux )?(?:alinéas?|paragraphes?)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
WORDS_CONTEXT = re.compile(
    r"(?:(?:au|dans le) " + _ORD + r" (?:alinéa|paragraphe) de |à |dans )l'article " + NUM,
    re.IGNORECASE,
)
_QUOTED = r"[«\"“]\s*(?P<{}>[^»\"”]+?)\s*[»\"”]"
_WORD = (
    r"(?:les mots|le mot|les termes|le terme|l'adjectif|l'expression|la mention|la phrase|les phrases)"
    r"\s*:?\s*"
)
REPLACE_WORDS = re.compile(
    _WORD
    + _QUOTED.format("old")
    + r",?\s+(?:sont|est) remplacée?s? par\s*(?:"
    + _WORD
    + r")?:?\s*"
    + _QUOTED.format("new"),
    re.IGNORECASE,
)
DELETE_WORDS = re.compile(_WORD + _QUOTED.format("old") + r",?\s+(?:sont|est) supprimée?s?", re.I)
INSERT_WORDS = re.compile(
    r"(?P<side>après|avant)\s+(?:"
    + _WORD
    + r")?"
    + _QUOTED.format("anchor")
    + r",?\s+(?:sont|est) (?:insérés|ajoutés|inséré|ajouté)e?s?(?: les mots)?\s*:?\s*"
    + _QUOTED.format("new"),
    re.IGNORECASE,
)
WORD_KINDS = ("replace-words", "delete-words", "insert-words")
RENUMBER_RANGE = re.compile(
    r"les articles "
    + NUM
    + r" à "
    + NUM
    + r" (?:de la convention collective )?deviennent (?:respectivement )?les articles "
    + NUM
    + r" à "
    + NUM,
    re.IGNORECASE,
)
RENUMBER_ONE = re.compile(
    r"l'article "
    + NUM
    + _CONV
    + _TITLE
    + r" (?:de la convention collective )?(?:devient|est renuméroté(?: en)?) (?:l'article |article )?"
    + NUM,
    re.IGNORECASE,
)
REPEAL_MANY = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?les articles "
    + NUM
    + r"((?:\s*,\s*"
    + NUM
    + r")*)\s+et\s+"
    + NUM
    + r"[^.]*?sont (?:supprimés|abrogés)",
    re.IGNORECASE,
)
REPEAL_PAIR = re.compile(
    r"^(?:\d+\s*[.)°-]\s*)?l'article "
    + NUM
    + r"\b[^.]*? et l'article "
    + NUM
    + r"\b[^.]*?sont (?:supprimés|abrogés)",
    re.IGNORECASE,
)
CHAPTER = re.compile(
    r"(?:les dispositions[^.]*?|\ble )chapitres?\s+(?P<ch>[IVXL]+)\b[^.]*?"
    r"(?:sont|est) (?:désormais |ainsi )?(?:abrogée?s? et )?(?P<verb>remplacée?s?|réécrite?s?|modifiée?s?|rédigée?s?)",
    re.IGNORECASE,
)
NO_WORDING = re.compile(
    r"^\(?\s*voir (?:cet|ces|ce|l')\s*(?:articles?|tableau|chapitre|dispositions)\s*\)?\.?$",
    re.IGNORECASE,
)
