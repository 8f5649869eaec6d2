"""Checks whose failure leaves the answers standing but needs a curator: warnings.

`validate` lists them; `validate --strict` fails on them. Today: an approximate date with no
decision id saying why, and a decision id missing from the register (DECISIONS.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from consolidator.errors import Diagnostic, Severity
from consolidator.model import Corpus

REGISTER = "DECISIONS.md"
_HEADING = re.compile(r"^#+\s*(D-\d+)\b", re.MULTILINE)


def _warning(message: str, file: str | None, line: int | None, **kw: str | None) -> Diagnostic:
    return Diagnostic(message, file, line, severity=Severity.WARNING, **kw)  # type: ignore[arg-type]


def _decisions(corpus: Corpus) -> Iterator[tuple[str | None, bool, str, int | None, str]]:
    """(decision id, approximate?, file, line, act) of every element that may cite a decision."""
    for act in corpus.acts.values():
        for rule in act.effects.values():
            yield rule.decision, rule.approximate, act.location.file, act.location.line, act.id
        for op in act.ops:
            yield op.decision, False, op.location.file, op.location.line, act.id
    for grid in corpus.grids:
        yield grid.decision, grid.approximate, grid.file or "", grid.line, grid.act


def check_warnings(corpus: Corpus) -> list[Diagnostic]:
    """Every warning of the corpus, in file order."""
    register = Path(corpus.root) / REGISTER
    known = (
        set(_HEADING.findall(register.read_text(encoding="utf-8"))) if register.is_file() else None
    )
    out: list[Diagnostic] = []
    for decision, approximate, file, line, act in _decisions(corpus):
        if approximate and decision is None:
            out.append(
                _warning(
                    "approximate date with no decision id",
                    file,
                    line,
                    act=act,
                    hint=f'record why in {REGISTER} and add decision="D-..."',
                )
            )
        if decision is not None and known is not None and decision not in known:
            out.append(
                _warning(
                    f"decision {decision} is not in {REGISTER}",
                    file,
                    line,
                    act=act,
                    hint=f"add a « ## {decision} » entry to {REGISTER}, or fix the id",
                )
            )
    return out
