"""Cross-file checks that need the whole corpus (all problems at once)."""

from __future__ import annotations

from consolidator.corpus.ids import check_ids
from consolidator.errors import Diagnostic
from consolidator.model import Corpus, Extension, RestrictionKind


def check_references(corpus: Corpus) -> list[Diagnostic]:
    """Cross-file checks that need the whole corpus: effect ids, arrêtés' acts, base act."""
    out: list[Diagnostic] = check_ids(corpus)
    if corpus.convention.base not in corpus.acts:
        out.append(
            Diagnostic(
                f"convention.xml names base act {corpus.convention.base!r}, which does not exist",
                "convention.xml",
            )
        )
    for act in corpus.acts.values():
        for op in act.ops:
            if op.effect is not None and op.effect not in act.effects:
                out.append(
                    Diagnostic(
                        f"operation names effect rule {op.effect!r}, not declared in the act",
                        op.location.file,
                        op.location.line,
                        act=act.id,
                        target=op.subject,
                    )
                )
        for rule in act.effects.values():
            if rule.arrete and rule.arrete not in corpus.arretes:
                out.append(
                    Diagnostic(
                        f"effect rule names unknown arrêté {rule.arrete!r}",
                        act.location.file,
                        act.location.line,
                        act=act.id,
                    )
                )
    return out + _arrete_references(corpus)


def _arrete_references(corpus: Corpus) -> list[Diagnostic]:
    """Each arrêté extends a known act signed by then; a whole-text reservation (no target) only
    on an act known by reference (D-713)."""
    out: list[Diagnostic] = []
    for arrete in corpus.arretes.values():
        for ext in arrete.extends:
            if ext.act not in corpus.acts:
                out.append(
                    Diagnostic(
                        f"arrêté extends unknown act {ext.act!r}",
                        arrete.location.file,
                        arrete.location.line,
                        hint=f"known acts: {', '.join(sorted(corpus.acts)[:8])} ...",
                    )
                )
            elif _whole_text_reserve_on_articles(corpus, ext):
                out.append(
                    Diagnostic(
                        f"reservation without target on {ext.act}, whose articles or operations "
                        "are in the corpus",
                        arrete.location.file,
                        arrete.location.line,
                        act=ext.act,
                        hint="attach it to the article where the source prints it "
                        '(target="…" bears="text"), so that every output shows it (D-710)',
                    )
                )
            elif corpus.acts[ext.act].signed > arrete.date:
                out.append(
                    Diagnostic(
                        f"arrêté of {arrete.date} extends {ext.act}, signed later ({corpus.acts[ext.act].signed})",
                        arrete.location.file,
                        arrete.location.line,
                    )
                )
    return out


def _whole_text_reserve_on_articles(corpus: Corpus, ext: Extension) -> bool:
    """A reservation with no target bears on a text known only by reference (D-713): an act with
    a body or operations would show its articles without it."""
    act = corpus.acts[ext.act]
    untargeted = any(
        r.kind is RestrictionKind.RESERVE and r.target is None for r in ext.restrictions
    )
    return untargeted and bool(act.body or act.ops)
