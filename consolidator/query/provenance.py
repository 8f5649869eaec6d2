"""Where each date comes from: a seed's own lines, the public metadata file, or an inference.

A date written in the Légifrance export (004) or in a signed text (000) is `source`; a JO date or
a signature date known only from `kali-2128-metadata.json` is `metadata`; a date the corpus had to
choose (D-005's avenant of 24 May 2002, D-301's fifth version of 15.2 ...) is `approximate`, and
a date computed by a rule from another date (« le lendemain de la publication de l'arrêté ») is
`inferred` and carries the provenance of the date it was computed from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import resolve_rule
from consolidator.model import (
    Act,
    ActKind,
    Arrete,
    Corpus,
    EffectCondition,
    EffectRule,
    RuleKind,
    Version,
)
from consolidator.query.seeds import (
    ANYWHERE,
    ARRETE_DU,
    METADATA,
    SEEDS,
    WORDS,
    metadata,
    metadata_titles,
    seed_index,
    seed_text,
)


class Certainty(StrEnum):
    SOURCE = "source"
    METADATA = "metadata"
    INFERRED = "inferred"
    APPROXIMATE = "approximate"


@dataclass(frozen=True)
class Provenance:
    """The provenance of one date: how sure, from where, and by which decision."""

    certainty: Certainty
    source: str
    decision: str | None = None
    condition: EffectCondition | None = None  # what the date of effect depends on (D-407)

    @property
    def caveat(self) -> str | None:
        """What a reader must be told beside the date, in French; None for a sourced date."""
        why = f", {self.decision}" if self.decision else ""
        if self.condition is not None:  # « au plus tôt : entrée en vigueur suspendue à … »
            bound = "au plus tôt" if self.condition.earliest else "date approximative"
            return f"{bound} : {self.condition.text}{why}"
        if self.certainty is Certainty.APPROXIMATE:
            return f"date approximative{why}"
        if self.certainty is Certainty.INFERRED:
            return f"date déduite{why}"
        if self.certainty is Certainty.METADATA:
            return "d’après les métadonnées Légifrance"
        return None

    def to_json(self) -> dict[str, Any]:
        out = {
            "certainty": self.certainty._value_,
            "source": self.source,
            "decision": self.decision,
        }
        if self.condition is not None:
            out["condition"] = self.condition.text
            out["bound"] = "earliest" if self.condition.earliest else "approximate"
        return out


def _seed_sources(act: Act | Arrete) -> list[str]:
    return [f"{s.file} l.{s.lines}" if s.lines else s.file for s in act.sources if s.file in SEEDS]


def signed_provenance(act: Act, corpus: Corpus) -> Provenance:
    """The provenance of an act's signature date: `source` only where a seed writes the date,
    in the act's own lines (or the five above) or as « <texte> du <date> » elsewhere."""
    if act.signed_approximate:  # the decision that dates the act dates its signature too
        why = next((r.decision for r in act.effects.values() if r.approximate and r.decision), None)
        return Provenance(
            Certainty.APPROXIMATE, "date de signature non écrite dans les sources", why
        )
    spans = tuple((s.file, s.lines) for s in act.sources if s.file in SEEDS and s.lines)
    written = _date_written(corpus.root, act.signed, spans)
    if written is not None:
        return Provenance(Certainty.SOURCE, written)
    if any(s.file == "meta" for s in act.sources) or act.signed.isoformat() in metadata_titles(
        corpus.root
    ):
        return Provenance(Certainty.METADATA, METADATA)
    return Provenance(Certainty.INFERRED, "date de signature déduite du corpus")


@cache
def _date_written(root: str, day: date, spans: tuple[tuple[str, str], ...]) -> str | None:
    """Where a seed writes `day` for the act: « 004 l.N » or None. First in the act's own lines
    (or the five above), as printed; else anywhere in 004 then 000 where the words around the
    date name an act (seeds.act_date_line). Read from the seeds' index, not the seeds."""
    seeds = seed_index(root)
    for name, lines in spans:
        first, _, last = lines.partition("-")
        on_line = seeds.on_line.get(name, {})
        low, high = max(int(first) - 5, 1), int(last or first)
        for n in range(low, min(high, seeds.lines.get(name, 1)) + 1):
            if day in on_line.get(n, ()):
                return f"{name} l.{n}"
    for name in ANYWHERE:
        line = seeds.written[name].get(day)
        if line is not None:
            return f"{name} l.{line}"
    return None


def number_provenance(corpus: Corpus, act: Act) -> Provenance | None:
    """The provenance of an avenant's number (« n° 28 »); None when the act has none.

    `source` when a seed names « avenant n° N » within the act's own lines (or just above them) or
    « avenant n° N du <its signature date> » anywhere; `metadata` when the metadata file's title
    of a text signed that day names it; else `inferred`.
    """
    if not act.number or act.kind is not ActKind.AVENANT:
        return None
    spans = tuple((s.file, s.lines) for s in act.sources if s.file in SEEDS and s.lines)
    return _number_provenance(corpus.root, act.number, act.signed, spans)


@cache
def _number_provenance(
    root: str, number: str, signed: date, spans: tuple[tuple[str, str], ...]
) -> Provenance:
    day = format_french(signed)
    for name, lines in spans:
        first, _, last = lines.partition("-")
        low, high = max(int(first) - 5, 1), int(last or first)
        if any(low <= line <= high for line, _ in _mentions(root, name).get(number, ())):
            return Provenance(Certainty.SOURCE, f"{name} l.{lines}")
    for name in ("004", "000"):
        for line, when in _mentions(root, name).get(number, ()):
            if when == day:
                return Provenance(Certainty.SOURCE, f"{name} l.{line}")
    named = rf"avenant\s+n°\s*{re.escape(number)}(?![\d.])"
    titles = metadata_titles(root)
    same_day = titles.get(signed.isoformat(), [])
    if any(re.search(named, t, re.IGNORECASE) for t in same_day) or any(
        re.search(rf"{named}\s+du\s+{day}", t, re.IGNORECASE) for t in titles.get("", [])
    ):
        return Provenance(Certainty.METADATA, METADATA)
    return Provenance(Certainty.INFERRED, "numéro absent des sources")


def number_caveat(corpus: Corpus, act: Act) -> str | None:
    """« numéro d'après les métadonnées Légifrance » (or « numéro non écrit dans les sources »)
    for an avenant whose number no seed gives; None when a seed names it."""
    number = number_provenance(corpus, act)
    if number is None or number.certainty is Certainty.SOURCE:
        return None
    if number.certainty is Certainty.METADATA:
        return f"numéro {number.caveat}"
    return "numéro non écrit dans les sources"


def act_label(corpus: Corpus, act: Act) -> str:
    """The act's label, followed by its number's caveat when the number is not in a seed:
    « avenant n° 13 du 18 mars 2009 (numéro d'après les métadonnées Légifrance) »."""
    caveat = number_caveat(corpus, act)
    return f"{act.label} ({caveat})" if caveat else act.label


def _mentions(root: str, name: str) -> dict[str, list[tuple[int, str | None]]]:
    """Every « avenant n° N [du <date>] » of a seed: N → [(line, date as written)]."""
    return seed_index(root).mentions.get(name, {})


def _first(root: str, words: str) -> int:
    """seed.find(words) for words beginning with « arrêté du », without a scan of the seed."""
    assert words.startswith(ARRETE_DU)
    if len(words) > WORDS:
        return seed_text(root).find(words)
    return next((at for at, _, kept in seed_index(root).arretes if kept.startswith(words)), -1)


def _first_line(root: str, words: str) -> int | None:
    """The line of the seed's first `words` (beginning with « arrêté du »), None if absent."""
    assert words.startswith(ARRETE_DU) and len(words) <= WORDS
    return next(
        (line for _, line, kept in seed_index(root).arretes if kept.startswith(words)), None
    )


def jo_provenance(corpus: Corpus, arrete: Arrete) -> Provenance | None:
    """The provenance of an arrêté's JO date; None when the JO date is unknown."""
    if arrete.jo is None:
        return None
    return _jo_provenance(corpus.root, arrete)


@cache
def _jo_provenance(root: str, arrete: Arrete) -> Provenance:
    assert arrete.jo is not None
    for words in (
        f"Journal officiel du {format_french(arrete.jo)}",
        f"JO du {format_french(arrete.jo)}",
    ):
        line = _first_line(root, f"arrêté du {format_french(arrete.date)} ({words}")
        if line is not None:
            return Provenance(Certainty.SOURCE, f"004 l.{line}")
    jos = metadata(root).get(arrete.date.isoformat(), [])
    decision = arrete.decisions[0] if arrete.decisions else None
    if jos == [arrete.jo.isoformat()]:
        return Provenance(Certainty.METADATA, METADATA)
    if arrete.jo.isoformat() in jos:
        return Provenance(
            Certainty.INFERRED,
            f"{METADATA} : plusieurs dates de JO pour les arrêtés du même jour",
            decision,
        )
    return Provenance(Certainty.INFERRED, "date de publication au JO absente des sources", decision)


def extension_provenance(corpus: Corpus, arrete: Arrete) -> Provenance | None:
    """The provenance of a date computed from the arrêté's JO publication (an extension's day of
    effect): the JO date's own, said « calculée de … » when no seed writes it."""
    jo = jo_provenance(corpus, arrete)
    if jo is None or jo.certainty is Certainty.SOURCE:
        return jo
    return Provenance(
        jo.certainty,
        f"calculée de la publication au JO de l’{arrete.label} ({jo.source})",
        jo.decision,
    )


def rule_provenance(index: VersionIndex, act: Act, rule: EffectRule) -> Provenance:
    """The provenance of the date an effect rule resolved to."""
    if rule.condition is not None:  # the act's own words: « sous réserve de l'agrément … »
        lines = f"004 l.{rule.condition.src}"
        return Provenance(Certainty.APPROXIMATE, lines, rule.decision, rule.condition)
    if rule.approximate:
        return Provenance(
            Certainty.APPROXIMATE, "date d’effet non écrite dans les sources", rule.decision
        )
    if rule.kind is RuleKind.SIGNATURE:
        signed = signed_provenance(act, index.corpus)
        if signed.certainty is Certainty.SOURCE:
            return signed
        return Provenance(signed.certainty, "à la signature, " + signed.source, signed.decision)
    if rule.kind is RuleKind.EXTENSION:
        events = [e for e in index.extensions_of(act.id) if e.effective]
        found = extension_provenance(index.corpus, events[0].arrete) if events else None
        return found or Provenance(Certainty.SOURCE, "règle de l’acte")
    seeds = _seed_sources(act)
    return Provenance(Certainty.SOURCE, seeds[0] if seeds else "texte de l’acte")


def rule_of(index: VersionIndex, version: Version) -> tuple[Act, EffectRule] | None:
    """The act and effect rule that gave the version its first day."""
    acts = index.corpus.acts
    written = [(acts[op.act], op.effect) for op in version.ops] or [(acts[version.act], None)]
    found: list[tuple[Act, EffectRule]] = []
    for act, key in written:
        rule = act.effects.get(key) or act.effects.get(None)
        if rule is not None:
            found.append((act, rule))
    for act, rule in found:  # the rule that gave the version's first day
        if resolve_rule(rule, act, index.timeline.extensions)[0] == version.since:
            return act, rule
    return found[0] if found else None


def since_provenance(index: VersionIndex, version: Version) -> Provenance | None:
    """The provenance of the version's first day; None when no rule is found for it.

    A date computed from a JO date the seed lacks is still `source` when a Légifrance nota on
    the article writes it: « L'entrée en vigueur des dispositions de l'article 15.3 est fixée au
    28 décembre 2015 » (004 l.3235)."""
    found = rule_of(index, version)
    prov = rule_provenance(index, *found) if found else None
    if prov is not None and prov.certainty is not Certainty.SOURCE:
        written = _nota_writing(index, version.article, version.since)
        if written is not None:
            return Provenance(Certainty.SOURCE, written)
    return prov


def _nota_writing(index: VersionIndex, article: str, day: date) -> str | None:
    """« 004 l.3235 » when a nota on `article` gives `day` as a date of entry into force."""
    words = format_french(day)
    for nota in index.notas_on.get(article, ()):
        if "en vigueur" in nota.text and words in nota.text:
            return f"004 l.{nota.src}"
    return None


def date_caveat(prov: Provenance | None) -> str:
    """« (date approximative, D-005) » or an empty string for a sourced date."""
    caveat = prov.caveat if prov else None
    return f" ({caveat})" if caveat else ""


def approximate_facts(index: VersionIndex, version: Version) -> tuple[tuple[date, Provenance], ...]:
    """The dates shown with the version that are not plainly sourced (first day, signature)."""
    out: list[tuple[date, Provenance]] = []
    prov = since_provenance(index, version)
    if prov and prov.caveat:
        out.append((version.since, prov))
    return tuple(out)
