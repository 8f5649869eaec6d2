"""Retroactive texts: a date of effect earlier than the act's signature (lawyer L-40).

Avenant n° 30 « entre en vigueur le 12 mars 2020 » (004 l.12178) but is « du 30 juin 2020 »;
avenant n° 15's article 1er applies from 1 January 2010 (l.6711, D-109), signed 28 April 2010;
the Orne laboratoire accord « s'appliquera à compter du 1er mai 2007 » (l.6071, D-413), signed
29 August 2007; the accord of 21 February 2007 applies from 1 November 2006 (l.5499). On such a
day the text did not exist yet: every output that gives the date says so, from this one property.
A date no source gives (approximate) is never called retroactive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.model import Act, ActKind, Version
from consolidator.query.provenance import Certainty, signed_provenance, since_provenance

_NOUN = {
    ActKind.AVENANT: "avenant signé",
    ActKind.ACCORD: "accord signé",
    ActKind.SALAIRES: "accord signé",
    ActKind.ANNEXE: "annexe signée",
    ActKind.CONVENTION: "convention signée",
    ActKind.ADHESION: "adhésion signée",
}


@dataclass(frozen=True)
class Retroactive:
    """A change that takes effect before its act was signed."""

    since: date  # the date of effect
    act: Act
    signed_caveat: str | None  # « d'après les métadonnées Légifrance » when no seed writes it

    @property
    def phrase(self) -> str:
        """« effet rétroactif : avenant signé le 30 juin 2020 »."""
        caveat = f", {self.signed_caveat}" if self.signed_caveat else ""
        return (
            f"effet rétroactif : {_NOUN.get(self.act.kind, 'texte signé')} le "
            f"{format_french(self.act.signed)}{caveat}"
        )


def retroactive_effect(index: VersionIndex, act: Act, day: date | None) -> Retroactive | None:
    """The act's change on `day` is retroactive: `day` precedes its signature (both known)."""
    if day is None or act.signed_approximate or day >= act.signed:
        return None
    prov = signed_provenance(act, index.corpus)
    if prov.certainty is Certainty.APPROXIMATE:
        return None
    return Retroactive(day, act, prov.caveat)


def retroactive(index: VersionIndex, version: Version) -> Retroactive | None:
    """The version's first day precedes the signature of the act that made it."""
    prov = since_provenance(index, version)
    if prov is not None and prov.certainty is Certainty.APPROXIMATE:
        return None
    return retroactive_effect(index, index.corpus.acts[version.act], version.since)
