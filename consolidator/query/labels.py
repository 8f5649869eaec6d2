"""An article's heading label, derived from its alinéas' scopes so it never contradicts its body.

Légifrance labels a version by its act's extension (« en vigueur étendue »); but an arrêté may
exclude every alinéa of an article (GPEC 2014 art. 6.1, arrêté du 27 décembre 2018) or only some,
and an arrêté whose JO date is unknown still extended the text (arrêté du 11 avril 2006). The label
says what the body says.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.model import ActLevel, State, Version
from consolidator.query.numbering import words_act
from consolidator.query.scope import FragmentScope, Scope


class ArticleLabel(StrEnum):
    ETENDU = "en vigueur étendue"
    PARTIEL = "en vigueur, étendu partiellement"
    EXCLU = "en vigueur, exclu de l’extension"
    NON_ETENDU = "en vigueur non-étendue"
    JO_INCONNU = "en vigueur, étendu par un arrêté dont la date de publication au JO est inconnue"
    ENTREPRISE = "en vigueur (accord d’entreprise)"  # binds its employer; never extended (D-413)

    @property
    def short(self) -> str:
        """The badge's words."""
        return _SHORT[self]

    @property
    def css(self) -> str:
        return _CSS[self]


_SHORT = {
    ArticleLabel.ETENDU: "étendu",
    ArticleLabel.PARTIEL: "étendu partiellement",
    ArticleLabel.EXCLU: "exclu de l’extension",
    ArticleLabel.NON_ETENDU: "non étendu",
    ArticleLabel.JO_INCONNU: "étendu, JO inconnu",
    ArticleLabel.ENTREPRISE: "accord d’entreprise",
}
_CSS = {
    ArticleLabel.ETENDU: "etat-etendu",
    ArticleLabel.PARTIEL: "etat-partiel",
    ArticleLabel.EXCLU: "etat-exclu",
    ArticleLabel.NON_ETENDU: "etat-non-etendu",
    ArticleLabel.JO_INCONNU: "etat-jo-inconnu",
    ArticleLabel.ENTREPRISE: "etat-en-vigueur",
}


def undated_extension(index: VersionIndex, act: str, day: date) -> ExtensionEvent | None:
    """An arrêté extending `act`, signed on or before `day`, whose JO publication is unknown."""
    found = [e for e in index.extensions_of(act) if e.effective is None and e.arrete.date <= day]
    return found[-1] if found else None


def article_label(
    index: VersionIndex,
    version: Version,
    state: State,
    scopes: tuple[FragmentScope, ...],
    day: date,
) -> ArticleLabel | None:
    """The heading label of an article in force; None when Légifrance's state says it all."""
    if (
        state is State.EN_VIGUEUR
        and index.corpus.acts[version.text_id].level is ActLevel.ENTREPRISE
    ):
        return ArticleLabel.ENTREPRISE
    if state not in (State.ETENDU, State.NON_ETENDU):
        return None
    bound = [s for s in scopes if s.scope in (Scope.BRANCHE, Scope.RESERVE)]
    left = [s for s in scopes if s.scope is Scope.ADHERENTS]
    excluded = [s for s in left if s.excluded]
    if bound and left:
        return ArticleLabel.PARTIEL
    if bound:
        return ArticleLabel.ETENDU if state is State.ETENDU else ArticleLabel.NON_ETENDU
    if scopes and excluded and len(excluded) == len(left):
        return ArticleLabel.EXCLU
    if not scopes and state is State.ETENDU:
        return ArticleLabel.ETENDU
    # nothing bound (or, wording unknown, no alinéa at all): an undated arrêté still extended it
    if undated_extension(index, words_act(index, version), day) is not None:
        return ArticleLabel.JO_INCONNU
    return ArticleLabel.NON_ETENDU
