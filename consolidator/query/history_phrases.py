"""`history`'s sentence for the stretch a version still binds non-adherents (D-213)."""

from __future__ import annotations

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.french import de
from consolidator.model import Version
from consolidator.query.boundaries import until_provenance
from consolidator.query.history_held import HeldPeriod
from consolidator.query.numbering import by
from consolidator.query.provenance import Provenance, date_caveat, jo_provenance
from consolidator.query.scope import branche_text
from consolidator.query.undated import DECISION, not_before


def held_start_provenance(
    index: VersionIndex, version: Version, held: HeldPeriod
) -> Provenance | None:
    """The provenance of the stretch's first day: the version's end for members, or the JO date
    its own later extension is computed from."""
    if held.own_extension is not None:
        return jo_provenance(index.corpus, held.own_extension.arrete)
    return until_provenance(index, version)


def _unknown_extension(index: VersionIndex) -> str:
    """What is said of an extension missing from the corpus: not in the sources, or, on a corpus
    cut down to what was known on K (`--known-at`), not known on K (it may have come later)."""
    known_at = index.corpus.known_at
    if known_at is not None:
        return f", dont l’extension n’est pas connue au {format_french(known_at)}"
    return ", dont l’extension n’est pas dans les sources"


def held_period_line(index: VersionIndex, version: Version, held: HeldPeriod) -> str:
    """« 1er juin 2015 → 1er janvier 2020 : en vigueur étendue pour les employeurs non adhérents
    (remplacé par … pour ce qu'il modifie, dont l'extension n'est pas dans les sources, puis par
    l'avenant n° 22 …, qui ne les lie qu'à compter de son extension, le 1er janvier 2020) »."""
    corpus = index.corpus
    own = held.own_extension
    start = held_start_provenance(index, version, held)
    end = f" → {format_french(held.until)}" if held.until else ""
    if held.until_undated is not None:  # D-716: never the arrêté's date as the end
        end = f" → date inconnue ({not_before(held.until_undated)}, {DECISION})"
    change = {"renumbered": "renuméroté", "repealed": "abrogé", "replaced": "remplacé"}
    when = f" le {format_french(version.until)}" if own and version.until else ""
    what = " pour ce qu’il modifie" if held.change == "replaced" else ""
    parts = f"{change[held.change]}{when} par {by(corpus.acts[held.act].label)}{what}"
    unknown = _unknown_extension(index)
    if held.until_act is None:
        parts += unknown
    else:
        if held.until_act != held.act:
            if not index.extensions_of(held.act):
                parts += unknown
            parts += f", puis par {by(corpus.acts[held.until_act].label)}"
        parts += _ending(index, held)
    if own is not None:
        parts += (
            f" ; sa propre extension, par l’{own.arrete.label}, ne prend effet que le "
            f"{format_french(held.since)}"
        )
    parts += _own_undated(index, version, held)
    return (
        f"{format_french(held.since)}{date_caveat(start)}{end} : en vigueur étendue pour les "
        f"employeurs non adhérents ({parts})"
    )


def _ending(index: VersionIndex, held: HeldPeriod) -> str:
    """« , qui ne les lie qu'à compter de son extension, le … » (or of its own date of effect)."""
    if held.until_undated is not None:
        return (
            ", qui ne les lie qu’à compter de son extension, à la publication au JO de "
            f"l’{held.until_undated.arrete.label}, date inconnue"
        )
    if held.until is None:
        return ""
    if held.extension is None:
        return f", à compter du {format_french(held.until)}"
    jo = jo_provenance(index.corpus, held.extension.arrete)
    caveat = f", {jo.caveat}" if jo and jo.caveat else ""
    return f", qui ne les lie qu’à compter de son extension, le {format_french(held.until)}{caveat}"


def _own_undated(index: VersionIndex, version: Version, held: HeldPeriod) -> str:
    """« ; étendu par l'arrêté du 24 décembre 2001, date de publication au JO inconnue (au plus
    tôt le 24 décembre 2001, D-716) : jusqu'à cette publication, ils restent liés par la
    rédaction issue de la convention … du 31 janvier 2000 »."""
    own = held.own_undated
    if own is None:
        return ""
    out = (
        f" ; étendu par l’{own.arrete.label}, date de publication au JO inconnue "
        f"({not_before(own)}, {DECISION})"
    )
    earlier = branche_text(index, version, held.since).fallback
    if earlier is not None:
        out += (
            " : jusqu’à cette publication, ils restent liés par la rédaction issue "
            f"{de(index.corpus.acts[earlier.act].label)}"
        )
    return out
