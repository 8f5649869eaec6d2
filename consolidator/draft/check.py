"""Replay a draft act against the corpus and report where its operations fail their guards."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from consolidator.corpus.load import DEFAULT_CORPUS, load_corpus
from consolidator.corpus.xml import parse_xml
from consolidator.engine.replay import replay
from consolidator.errors import CorpusError, Diagnostic


@dataclass(frozen=True)
class CheckResult:
    """Problems of the draft (its own) and of the rest of the corpus once the draft is added."""

    act_id: str
    replaced: str | None  # corpus file the draft stands in for (same act id), if any
    own: tuple[Diagnostic, ...]
    others: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not self.own


def _act_id(path: Path) -> str:
    root = parse_xml(path).getroot()
    ident = root.get("id")
    if root.tag != "act" or not ident:
        raise CorpusError(f"{path} is not an act file (<act id=...>)", file=str(path))
    return ident


def _same_id(acts: Path, ident: str) -> Path | None:
    for path in sorted(acts.glob("*.xml")):
        try:
            if _act_id(path) == ident:
                return path
        except CorpusError:
            continue
    return None


def check_draft(draft: str | Path, corpus: str | Path | None = None) -> CheckResult:
    """Load the corpus with the draft added (standing in for an act of the same id) and replay."""
    draft = Path(draft)
    ident = _act_id(draft)
    base = Path(corpus) if corpus is not None else DEFAULT_CORPUS
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        shutil.copytree(base, root, ignore=shutil.ignore_patterns(".*"))
        twin = _same_id(root / "acts", ident)
        if twin is not None:
            twin.unlink()
        shutil.copy(draft, root / "acts" / f"zz-draft-{draft.name}")
        try:
            loaded = load_corpus(root)
        except CorpusError as exc:
            diags = tuple(exc.diagnostics)
            return CheckResult(ident, twin.name if twin else None, diags, ())
        problems = replay(loaded).problems
    own = tuple(
        d
        for d in problems
        if (d.file or "").startswith("acts/zz-draft-")
        or (d.act == ident and not (d.file or "").startswith("arretes/"))
    )
    others = tuple(d for d in problems if d not in own)
    return CheckResult(ident, twin.name if twin else None, own, others)


def check_report(result: CheckResult) -> str:
    lines = [
        f"check of draft {result.act_id}"
        + (f" (standing in for acts/{result.replaced})" if result.replaced else "")
    ]
    if result.ok:
        lines.append("replay: every operation of the draft applies and every guard holds")
    else:
        lines.append(f"{len(result.own)} problem(s) in the draft:")
        lines += [f"  {d}" for d in result.own]
    if result.others:
        lines.append(
            f"{len(result.others)} problem(s) elsewhere in the corpus once the draft is added "
            "(e.g. an arrêté whose restrictions name alinéas the draft numbers differently):"
        )
        lines += [f"  {d}" for d in result.others]
    return "\n".join(lines)
