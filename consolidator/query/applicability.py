"""« Qui est lié ? »: one French paragraph on who an article binds on a date, and why."""

from __future__ import annotations

from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.errors import QueryError
from consolidator.french import alineas, and_list, apostrophes, de, quote_list
from consolidator.model import (
    WORDING_UNKNOWN,
    ActLevel,
    EffectRule,
    Restriction,
    RestrictionKind,
    Version,
)
from consolidator.query.branche import held_article, position
from consolidator.query.branche_view import branche_article
from consolidator.query.citation import company_agreement, text_designation
from consolidator.query.events import sources_date, when_phrase
from consolidator.query.headings import article_name
from consolidator.query.knowledge import pending_date, pending_for
from consolidator.query.labels import ArticleLabel
from consolidator.query.numbering import by, renumbering_note, words_act
from consolidator.query.provenance import (
    act_label,
    date_caveat,
    jo_provenance,
    rule_of,
    since_provenance,
)
from consolidator.query.retroactive import retroactive
from consolidator.query.scope import FragmentScope, Scope, branche_text, extended_on
from consolidator.query.snapshot import ArticleAt, article_at
from consolidator.query.states import binds_from
from consolidator.query.undated import held_before_publication, undated_effect

EVERYONE = "tous les employeurs entrant dans le champ d’application de la convention"
MEMBERS = "les employeurs adhérents d’une organisation patronale signataire (et leurs salariés)"


def _extension_phrase(index: VersionIndex, ext: ExtensionEvent, version: Version) -> str:
    """« l'arrêté du 3 juin 2003 (JO du 12 juin 2003, date déduite, D-007), avec effet au 12 juin
    2003 (date déduite, D-007) »: a date computed from the JO date takes its provenance; « avec
    effet à l'entrée en vigueur de cette rédaction, le 2 avril 2017 » when the act enters into
    force after its arrêté's publication (D-711)."""
    prov = jo_provenance(index.corpus, ext.arrete)
    caveat = prov.caveat if prov else None
    jo = ""
    if ext.arrete.jo:
        jo = f" (JO du {format_french(ext.arrete.jo)}{f', {caveat}' if caveat else ''})"
    computed = ext.extension.effective is None  # from the JO date, not written by the arrêté
    start = binds_from(index, version, ext)
    effect = ""
    if start is not None and start != ext.effective:
        since = date_caveat(since_provenance(index, version))
        effect = f", avec effet à l’entrée en vigueur de cette rédaction, le {format_french(start)}{since}"
    elif start is not None:
        effect = f", avec effet au {format_french(start)}{date_caveat(prov) if computed else ''}"
    return f"l’{ext.arrete.label}{jo}{effect}"


def _groups(art: ArticleAt) -> dict[tuple[str, ...], list[FragmentScope]]:
    groups: dict[tuple[str, ...], list[FragmentScope]] = {}
    for s in art.scopes:
        groups.setdefault(s.acts, []).append(s)
    return groups


def _extension_sentences(index: VersionIndex, art: ArticleAt) -> list[str]:
    if art.label is ArticleLabel.EXCLU and art.extension is not None:
        return [
            f"Il est exclu de l’extension par {_extension_phrase(index, art.extension, art.version)} : il ne lie "
            f"que {MEMBERS}."
        ]
    if art.undated is not None:
        return [
            f"Il est étendu par l’{art.undated.arrete.label}, dont la date de publication au JO "
            "est inconnue : on ne peut dire à partir de quel jour il lie "
            f"{EVERYONE}{_outside(art.undated)} ({undated_effect(art.undated)})."
        ]
    groups = _groups(art)
    extended = [s for s in art.scopes if s.scope in (Scope.BRANCHE, Scope.RESERVE) or s.excluded]
    if len(extended) == len(art.scopes) and art.extension is not None:
        return [
            f"Il est étendu par {_extension_phrase(index, art.extension, art.version)} : il lie {EVERYONE}{_outside(art.extension)}."
        ]
    if not art.scopes:  # no alinéa (wording unknown) and not extended on the day
        return [f"Faute d’extension à cette date, il ne lie que {MEMBERS}."]
    out = []
    for acts, scopes in groups.items():
        label = " modifié par ".join(index.corpus.acts[a].label for a in acts)
        if len(groups) > 1:
            which = alineas([s.index for s in scopes])
            subject = f"{which[0].upper()}{which[1:]} ({label})"
            plural = len(scopes) > 1
        else:
            subject, plural = "Cette rédaction", False
        ext = scopes[0].extension
        if all(s.scope is Scope.ADHERENTS and not s.excluded for s in scopes):
            verb = "ne lient" if plural else "ne lie"
            out.append(f"{subject}, faute d’extension à cette date, {verb} que {MEMBERS}.")
        elif ext is not None:
            # « L'alinéa 17 … est étendu », « Cette rédaction est étendue »
            verb = "sont étendus" if plural else "est étendu" if len(groups) > 1 else "est étendue"
            out.append(
                f"{subject} {verb} par {_extension_phrase(index, ext, art.version)} : {EVERYONE}{_outside(ext)} en sont tenus."
            )
    return out


def _outside(ext: ExtensionEvent) -> str:
    scope = [r for r in ext.extension.restrictions if r.kind is RestrictionKind.SCOPE]
    return f", à l’exclusion des {scope[0].text}" if scope else ""


def effect_rule_of(index: VersionIndex, version: Version) -> EffectRule | None:
    """The date-of-effect rule of the operation that wrote `version` (None for a body)."""
    act = index.corpus.acts[version.act]
    return act.effects.get(version.ops[-1].effect if version.ops else None)


def _row_sentence(index: VersionIndex, art: ArticleAt) -> list[str]:
    """Table rows excluded whole (avenant n° 29's certifications ...), named by their text."""
    rows = [s for s in art.excluded if art.version.fragments[s.fragment].cells]
    if not rows:
        return []
    names = [f"« {art.version.fragments[s.fragment].text} »" for s in rows]
    arretes = sorted({index.corpus.arretes[s.restriction.arrete].label for s in rows})
    return [
        f"{len(rows)} ligne(s) de tableau sont exclues de l’extension ({', '.join(arretes)}) et ne lient "
        f"que {MEMBERS} : {' ; '.join(names)}."
    ]


def _restriction_sentences(
    index: VersionIndex,
    restrictions: tuple[Restriction, ...],
    rows: frozenset[Restriction] = frozenset(),
) -> list[str]:
    out = []
    words = [
        r for r in restrictions if r.kind is RestrictionKind.EXCLUSION and r.words and r not in rows
    ]
    if words:
        arretes = sorted({index.corpus.arretes[r.arrete].label for r in words})
        out.append(
            f"Les termes {quote_list([r.words or '' for r in words])} sont exclus de l’extension "
            f"({', '.join(arretes)}) : ils ne lient que {MEMBERS}."
        )
    for r in restrictions:
        label = index.corpus.arretes[r.arrete].label
        if r.kind is RestrictionKind.EXCLUSION and not r.words:
            out.append(f"Exclusion de l’extension ({label}) : {r.text}")
        elif r.kind is RestrictionKind.RESERVE:
            where = f" (alinéa {r.alinea})" if r.alinea else ""
            out.append(f"Réserve de l’{label}{where} : {r.text}")
    return out


def _chapter(path: tuple[str, ...]) -> str:
    return path[0].split(" - ")[0] if path else ""


def _replaced_held(index: VersionIndex, art: ArticleAt, day: date) -> str | None:
    """When the act that wrote `art` repealed, in the same chapter, extended articles of other
    ids (the accord of 3 July 2015 « abroge et remplace » chapter IX, D-202; avenant n° 13 the
    2000 3.2 and 3.3, D-100), and is not extended on `day`: those still bind non-adherents."""
    act = words_act(index, art.version)
    if extended_on(index, act, day):
        return None
    # a held-over article's act wrote one of its versions or repealed it: only those are read,
    # in the index's order (article ids), not every article of the corpus (280 ms a page at 50x)
    written, repealed = index.articles_by_act, index.articles_ended_by
    candidates = written.get(act, frozenset()) | repealed.get(act, frozenset())
    held = (held_article(index, aid, day) for aid in sorted(candidates))
    found = [
        h
        for h in held
        if h is not None
        and h.act == act
        and h.version.text_id == art.version.text_id
        and _chapter(h.entry.path) == _chapter(art.path)
    ]
    if not found:
        return None
    found.sort(key=lambda h: (h.day, position(index, h)))
    nums = [h.version.num for h in found if h.version.num]
    words = sorted(
        {words_act(index, h.version) for h in found}, key=lambda a: index.corpus.acts[a].signed
    )
    origin = and_list([index.corpus.acts[a].label for a in words])
    what = (
        (f"les articles {and_list(nums)}" if len(nums) > 1 else f"l’article {nums[0]}")
        if nums
        else f"les dispositions du chapitre {_chapter(found[0].entry.path)}"
    )
    unknown = f" ({WORDING_UNKNOWN})" if any(not h.version.wording_known for h in found) else ""
    return (
        f"Pour les employeurs non adhérents, {what} dans leur rédaction issue {de(origin)}{unknown}, "
        f"que {by(index.corpus.acts[act].label)} abroge, demeurent applicables jusqu’à son extension."
    )


def applicability(index: VersionIndex, article: str, day: date) -> str:
    """Who is bound by `article` on `day`: members only, the whole branch, reservations, pending text."""
    art = article_at(index, article, day)
    act = index.corpus.acts[words_act(index, art.version)]
    conv = index.corpus.convention
    name = _in_sentence(index, art)
    caveat = date_caveat(since_provenance(index, art.version)).strip(" ()")
    since = format_french(art.version.since) + (f", {caveat}" if caveat else "")
    retro = retroactive(index, art.version)
    since += f" ; {retro.phrase}" if retro else ""
    text_act = index.corpus.acts[art.version.text_id]
    dated = f" (depuis le {since})"
    if act.id == text_act.id:  # its own date only when not plainly sourced (lawyer L-52)
        wording = "dans sa rédaction d’origine" + (dated if caveat or retro else "")
    else:
        wording = f"dans sa rédaction issue {de(act_label(index.corpus, act))}{dated}"
    if not art.version.wording_known:  # lawyer L-48: as `article` and `text` say
        wording += ", dont le texte n’est pas disponible dans les sources"
    note = renumbering_note(index, art.version)
    if note:
        wording += f" ({note})"
    out = [
        f"Au {format_french(day)}, {name} "
        f"{text_designation(index.corpus, text_act, de(conv.short or conv.title))} "
        f"est en vigueur {wording}."
    ]
    if text_act.level is ActLevel.ENTREPRISE:
        out.append(f"C’est un {company_agreement(text_act)}.")
    elif not act.extensible:
        out.append("Ce texte n’est pas soumis à extension : il lie ceux qui y ont adhéré.")
    else:
        out += _extension_sentences(index, art)
        row_restrictions = frozenset(
            s.restriction for s in art.excluded if art.version.fragments[s.fragment].cells
        )
        out += _restriction_sentences(index, art.restrictions, row_restrictions)
        out += _row_sentence(index, art)
        out += _non_adherents(index, art, day)
    known = art.known_at or sources_date(index.corpus).day
    for v in art.upcoming:
        found = rule_of(index, v)
        when = (
            when_phrase(index, found[0], found[1], v.since, known)
            if found
            else f"le {format_french(v.since)}"
        )
        out.append(
            f"Une nouvelle rédaction, issue {de(index.corpus.acts[v.act].label)}, est signée et "
            f"entrera en vigueur {when}."
        )
    out += _pending_sentences(index, art.id)
    return apostrophes(" ".join(out))  # the arrêtés' and titles' words it quotes too


def _in_sentence(index: VersionIndex, art: ArticleAt) -> str:
    """The subject of « … est en vigueur … Il est étendu »: « l’article 2.5 », « le préambule », or
    a clause named in quotes, « le texte « Dispositions du chapitre XIII - Maternité - Adoption » »
    (D-715: its name is a heading, not a phrase that agrees with the sentence)."""
    if art.num:
        return f"l’article {art.num}"
    name = article_name(index, art)
    return "le préambule" if name == "Préambule" else f"le texte « {name} »"


def _pending_sentences(index: VersionIndex, article: str) -> list[str]:
    """Under --known-at, a signed change whose date hangs on an arrêté not yet published
    (lawyer L-53): « … entrera en vigueur le lendemain de la publication de son arrêté
    d'extension, dont la date n'est pas connue au 1er janvier 2017 »."""
    known = index.corpus.known_at
    unknown = f", dont la date n’est pas connue au {format_french(known)}" if known else ""
    return [
        f"Une nouvelle rédaction, issue {de(item.act.label)}, est signée et entrera en vigueur "
        f"{pending_date(index, item)}{unknown}."
        for item in pending_for(index, article)
    ]


def _non_adherents(index: VersionIndex, art: ArticleAt, day: date) -> list[str]:
    """What still binds non-adherents where this wording does not (D-213)."""
    out: list[str] = []
    branche = branche_text(index, art.version, day)
    unknown = not art.version.wording_known
    if unknown and extended_on(index, words_act(index, art.version), day):
        return _renumbered_for_members_only(index, art, day)  # binds every employer (L-48)
    if (branche.removed or unknown) and branche.fallback is not None:
        fb = branche.fallback
        num = f" (alors article {fb.num})" if fb.num and fb.num != art.num else ""
        lacking = f" ({WORDING_UNKNOWN})" if not fb.wording_known else ""
        out.append(
            "Pour les employeurs non adhérents, la rédaction antérieure étendue issue "
            f"{de(index.corpus.acts[fb.act].label)}{num}{lacking} demeure applicable"
            f"{' jusqu’à cette publication' if art.undated else ''} à la place de ce que cette "
            "rédaction modifie."
        )
    elif branche.removed or unknown:
        held = _replaced_held(index, art, day)
        if held:
            out.append(held)
        elif not branche.paragraphs:
            out.append(
                "Aucune rédaction antérieure étendue ne s’applique aux employeurs non adhérents."
            )
    return out + _renumbered_for_members_only(index, art, day)


def _renumbered_for_members_only(index: VersionIndex, art: ArticleAt, day: date) -> list[str]:
    """The article's renumbering by an act not extended on `day` does not bind non-adherents."""
    held = held_article(index, art.id, day)
    if held is None or not held.renumbered:
        return []
    act = index.corpus.acts[held.act]
    return [
        f"{by(act.label)[0].upper()}{by(act.label)[1:]}, qui l’a renuméroté, n’étant pas étendu à "
        f"cette date, il porte encore le numéro {held.version.num} pour les employeurs non "
        "adhérents."
    ]


def held_applicability(index: VersionIndex, ident: str, day: date) -> str | None:
    """A number that, on `day`, designates an article only for non-adherents: repealed or
    renumbered by an act not extended then, it still binds them (D-213). None otherwise."""
    try:
        art = branche_article(index, ident, day)
    except QueryError:
        return None
    held = art.held
    if held is None:
        return None
    conv = index.corpus.convention
    act = index.corpus.acts[held.act]
    words = index.corpus.acts[words_act(index, art.version)]
    name = _in_sentence(index, art)
    later = [v for v in index.versions[art.id] if v.since == held.day]
    change = (
        f"renuméroté {later[0].num}" if held.renumbered and later and later[0].num else "abrogé"
    )
    wording = "" if words.id == conv.base else f" dans sa rédaction issue {de(words.label)}"
    ext = (
        f", étendu par {_extension_phrase(index, art.extension, art.version)},"
        if art.extension
        else ""
    )
    unknown = f" ({WORDING_UNKNOWN})" if not art.version.wording_known else ""
    if art.undated is not None:  # D-716
        ext = f", étendu par l’{art.undated.arrete.label}, dont la date de publication au JO est inconnue ({undated_effect(art.undated)}),"
    return apostrophes(
        f"Au {format_french(day)}, {name} {de(conv.short or conv.title)}{wording}{unknown} est "
        f"{change} depuis le {format_french(held.day)} par {by(act.label)} pour {MEMBERS}. "
        f"Ce texte n’étant pas étendu à cette date, l’article{ext} lie toujours les autres "
        f"employeurs entrant dans le champ d’application de la convention, jusqu’à l’extension de "
        f"ce texte.{held_before_publication(index, art, day)}"
    )
