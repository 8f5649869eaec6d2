"""Restrictions of the arrêtés tied to what they restrict: alinéas of a version, or an article's
lineage, in the version of the act that the arrêté read (see `bind`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter

from consolidator.engine.timeline import ExtensionEvent, Timeline
from consolidator.errors import Diagnostic
from consolidator.model import Restriction, RestrictionKind, Version
from consolidator.normalize import words_pattern


@dataclass(frozen=True)
class Binding:
    """A restriction of an arrêté tied to what it restricts: fragments, or an article's lineage."""

    restriction: Restriction
    effective: date | None
    fragments: frozenset[str]
    lineage: tuple[str, int] | None
    until: date | None = None  # an answered reservation binds no version from this date on

    def applies_to(self, version: Version, uids: list[str] | None = None) -> bool:
        """Whether it binds `version` (`uids`: the version's `fragment_uids`, when the caller
        asks for several bindings)."""
        if self.until is not None and version.since >= self.until:
            return False
        return self.names(version, uids)

    def names(self, version: Version, uids: list[str] | None = None) -> bool:
        """Whether it names `version`'s lineage or one of its alinéas, whatever its end."""
        if self.lineage is not None:
            return self.lineage == (version.article, version.lineage)
        return not self.fragments.isdisjoint(fragment_uids(version) if uids is None else uids)

    def alineas(self, version: Version, uids: list[str] | None = None) -> list[int]:
        """The positions, in `version`, of the alinéas this binding restricts (all of them when
        it binds the article's lineage)."""
        if self.lineage is not None:
            return list(range(len(version.fragments)))
        if not self.fragments:
            return []
        if uids is None:
            uids = fragment_uids(version)
        found: list[int] = []
        for uid in self.fragments:  # one or two
            at = 0
            while True:
                try:
                    at = uids.index(uid, at)
                except ValueError:
                    break
                found.append(at)
                at += 1
        return sorted(found)


def fragment_uids(version: Version) -> list[str]:
    """The uids of the version's alinéas, in order (searched in C: a table has 254 alinéas)."""
    return list(map(_UID, version.fragments))


_UID = attrgetter("uid")


def bind(
    versions: Mapping[str, tuple[Version, ...]], timeline: Timeline, problems: list[Diagnostic]
) -> tuple[Binding, ...]:
    out: list[Binding] = []
    for act_id, events in timeline.extensions.items():
        for event in events:
            for r in event.extension.restrictions:
                if r.kind is RestrictionKind.SCOPE or r.target is None:
                    continue
                binding = _bind_one(r, event, versions.get(r.target, ()))
                if binding is None:
                    problems.append(
                        Diagnostic(
                            f"{r.kind} of {event.arrete.id} finds nothing to restrict in {r.target!r}"
                            f"{f' (words {r.words!r})' if r.words else ''} among the versions written by {act_id}",
                            event.arrete.location.file,
                            event.arrete.location.line,
                            act=act_id,
                            target=r.target,
                            hint="check the restriction's target, alinéa and words against the act's text",
                        )
                    )
                elif r.answered_by is not None:
                    out.append(_answered(binding, versions.get(r.target, ()), event, problems))
                else:
                    out.append(binding)
    return tuple(out)


def _answered(
    binding: Binding,
    versions: tuple[Version, ...],
    event: ExtensionEvent,
    problems: list[Diagnostic],
) -> Binding:
    """End a reservation with the first version of its target that the answering act wrote."""
    act = binding.restriction.answered_by
    days = [v.since for v in versions if v.act == act]  # a version's ops are all its act's
    if not days:
        problems.append(
            Diagnostic(
                f"reserve of {event.arrete.id} on {binding.restriction.target!r} is answered by "
                f"{act!r}, which changes no version of it",
                event.arrete.location.file,
                event.arrete.location.line,
                target=binding.restriction.target,
                hint="answered-by names the act whose operations on the target answered the reservation",
            )
        )
        return binding
    return replace(binding, until=min(days))


def _bind_one(
    r: Restriction, event: ExtensionEvent, versions: tuple[Version, ...]
) -> Binding | None:
    """Tie a restriction to the text it restricts, in the version of the act the arrêté read.

    That is the act's version in force on the arrêté's date; for a part of the act that enters
    into force later (tied to the extension itself), the act's first version after that date.
    """
    written = [v for v in versions if v.act == r.act or any(f.act == r.act for f in v.fragments)]
    on_date = [v for v in written if v.since <= event.arrete.date]
    later = [v for v in written if v.since > event.arrete.date]
    for version in [*on_date[-1:], *later, *reversed(on_date[:-1])]:
        frags = list(version.fragments)
        if r.alinea is not None:
            frags = frags[r.alinea - 1 : r.alinea]
        if r.words:
            pattern = words_pattern(r.words)
            frags = [f for f in frags if pattern.search(f.text)]
        if r.alinea is None and not r.words:
            return Binding(r, event.effective, frozenset(), (version.article, version.lineage))
        if frags:
            return Binding(r, event.effective, frozenset(f.uid for f in frags), None)
    return None
