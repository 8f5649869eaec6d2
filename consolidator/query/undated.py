"""An extension whose JO publication is unknown, for the article views (D-716, after D-712).

The arrêté of 24 December 2001 extends the avenant of 26 September 2001 rewriting 9.6 (004
l.15495-15501); no source gives its JO date. Such an extension binds every employer from an
unknown day, « au plus tôt » the arrêté's own date; until that publication, non-adherents stay
bound by the earlier extended wording. Every output says both, and never gives a day as fact.
"""

from __future__ import annotations

from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.french import de
from consolidator.model import WORDING_UNKNOWN, Version
from consolidator.query.labels import undated_extension
from consolidator.query.numbering import words_act
from consolidator.query.scope import branche_text, extended_on
from consolidator.query.snapshot import ArticleAt

DECISION = "D-716"


def undated_pending(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    """An arrêté extending `act`, dated on or before `day`, whose JO publication is unknown,
    while no extension of `act` with a known day has taken effect by `day`."""
    if extended_on(index, act, day):
        return None
    return undated_extension(index, act, day)


def version_undated(index: VersionIndex, version: Version, day: date) -> ExtensionEvent | None:
    """`undated_pending` for the act that wrote `version`'s words."""
    return undated_pending(index, words_act(index, version), day)


def not_before(event: ExtensionEvent) -> str:
    """« au plus tôt le 24 décembre 2001 »."""
    return f"au plus tôt le {format_french(event.arrete.date)}"


def undated_effect(event: ExtensionEvent) -> str:
    """« l'extension prend effet à cette publication, au plus tôt le 24 décembre 2001, D-716 »."""
    return f"l’extension prend effet à cette publication, {not_before(event)}, {DECISION}"


def publication(event: ExtensionEvent) -> str:
    """« la publication au JO, à une date inconnue, de l'arrêté du 24 décembre 2001 (au plus tôt
    le 24 décembre 2001, D-716) »."""
    return (
        f"la publication au JO, à une date inconnue, de l’{event.arrete.label} "
        f"({not_before(event)}, {DECISION})"
    )


def until_publication(event: ExtensionEvent) -> str:
    """The branche view's heading of the earlier extended wording while `event` is unpublished."""
    return (
        f"Jusqu’à {publication(event)}, rédaction antérieure étendue applicable aux non-adhérents"
    )


def event_json(event: ExtensionEvent | None) -> dict[str, object] | None:
    """JSON of such an extension: no published or effective day, only the earliest one."""
    if event is None:
        return None
    return {
        "arrete": event.arrete.date.isoformat(),
        "arrete_id": event.arrete.id,
        "published": None,
        "effective": None,
        "effective_not_before": event.arrete.date.isoformat(),
        "certainty": "unknown",
        "decision": DECISION,
    }


def held_before_publication(index: VersionIndex, art: ArticleAt, day: date) -> str:
    """« Jusqu'à cette publication, la rédaction antérieure étendue issue de la convention … du
    31 janvier 2000 (texte non disponible dans les sources) demeure applicable à leur égard. »
    for a held-over article whose own extension's JO date is unknown (D-716); "" otherwise."""
    if art.undated is None:
        return ""
    earlier = branche_text(index, art.version, day).fallback
    if earlier is None:
        return ""
    lacking = f" ({WORDING_UNKNOWN})" if not earlier.wording_known else ""
    return (
        " Jusqu’à cette publication, la rédaction antérieure étendue issue "
        f"{de(index.corpus.acts[earlier.act].label)}{lacking} demeure applicable à leur égard."
    )
