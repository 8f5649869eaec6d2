"""Compare drafted and curated operations by their effect: the alinéas each target article ends with.

Two ways of writing one change (a replace-alinea, or the word operations that give the
same alinéa) have the same effect. Each act's operations, drafted or curated, are replayed
in order on the wording in force on the eve, article by article; the effect of an article
is what changed from the eve to the result: the eve alinéas removed or rewritten and the
alinéas written (`changes`). Matching those changes gives effect-level precision and recall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from consolidator.draft.links import alinea_key
from consolidator.draft.view import ConventionView
from consolidator.model import (
    DeleteAlinea,
    DeleteWords,
    InsertAlinea,
    InsertArticle,
    InsertSection,
    InsertWords,
    Operation,
    OpKind,
    Para,
    RenumberArticle,
    RenumberSection,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
)
from consolidator.normalize import words_pattern

Change = tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One operation, drafted or curated, reduced to what its replay needs."""

    kind: OpKind
    subject: str
    paras: tuple[str, ...] = ()
    position: str | None = None
    alinea: int | None = None
    occurrence: str = "1"
    old: str | None = None
    new: str | None = None
    after: str | None = None
    before: str | None = None
    num: str | None = None
    title: str | None = None


def step_of(op: Operation) -> Step:
    """The step of an operation, drafted or curated."""
    step = Step(op.kind, op.subject)
    match op:
        case InsertArticle():
            return replace(step, paras=_texts(op.paragraphs), num=op.num, title=op.title)
        case ReplaceArticle():
            return replace(step, paras=_texts(op.paragraphs), num=op.num, title=op.title)
        case InsertSection():
            return replace(step, num=op.num, title=op.title)
        case RenumberArticle() | RenumberSection():
            return replace(step, num=op.to_num, title=op.title)
        case InsertAlinea():
            where = str(op.position) if op.position is not None else "end"
            return replace(step, paras=_texts(op.paragraphs), position=where, alinea=op.position)
        case ReplaceAlinea() | DeleteAlinea():
            paras = _texts(op.paragraphs) if isinstance(op, ReplaceAlinea) else ()
            return replace(step, paras=paras, position=str(op.alinea), alinea=op.alinea)
        case ReplaceWords() | InsertWords() | DeleteWords():
            return _words_step(step, op)
    return step


def _texts(paragraphs: tuple[Para, ...]) -> tuple[str, ...]:
    return tuple(p.text for p in paragraphs)


def _words_step(step: Step, op: ReplaceWords | InsertWords | DeleteWords) -> Step:
    step = replace(step, alinea=op.alinea, occurrence=str(op.occurrence))
    if isinstance(op, InsertWords):
        if op.before:
            return replace(step, new=op.new, before=op.anchor)
        return replace(step, new=op.new, after=op.anchor)
    return replace(step, old=op.old, new=op.new if isinstance(op, ReplaceWords) else None)


@dataclass
class Article:
    """An article during the replay of one act."""

    paras: list[str]
    num: str | None = None
    title: str | None = None
    repealed: bool = False
    failed: list[str] = field(default_factory=list)
    eve_num: str | None = None
    eve_title: str | None = None


def _words(art: Article, s: Step) -> None:
    needle = s.old if s.kind is not OpKind.INSERT_WORDS else (s.after or s.before)
    scope = [s.alinea - 1] if s.alinea else list(range(len(art.paras)))
    if not needle or any(not 0 <= i < len(art.paras) for i in scope):
        raise ValueError("no such alinéa")
    pattern = words_pattern(needle)
    found = [(i, m) for i in scope for m in pattern.finditer(art.paras[i])]
    wanted = len(found) if s.occurrence == "all" else int(s.occurrence)
    if not found or wanted > len(found):
        raise ValueError(f"{needle!r} not found")
    for i, m in reversed(found if s.occurrence == "all" else [found[wanted - 1]]):
        text = art.paras[i]
        if s.kind is OpKind.REPLACE_WORDS:
            text = text[: m.start()] + (s.new or "") + text[m.end() :]
        elif s.kind is OpKind.DELETE_WORDS:
            text = text[: m.start()] + text[m.end() :]
        elif s.after:
            text = text[: m.end()] + " " + (s.new or "") + text[m.end() :]
        else:
            text = text[: m.start()] + (s.new or "") + " " + text[m.start() :]
        art.paras[i] = " ".join(text.split()).replace(" ,", ",").replace(" .", ".")


def _alinea(art: Article, s: Step) -> None:
    if s.kind is OpKind.INSERT_ALINEA:
        at = len(art.paras) if s.position in (None, "end") else int(s.position) - 1
        if not 0 <= at <= len(art.paras):
            raise ValueError(f"no alinéa {s.position}")
        art.paras[at:at] = s.paras
        return
    at = (s.alinea or 0) - 1
    if not 0 <= at < len(art.paras):
        raise ValueError(f"no alinéa {s.alinea}")
    art.paras[at : at + 1] = s.paras if s.kind is OpKind.REPLACE_ALINEA else ()


_ALINEA_KINDS = {OpKind.INSERT_ALINEA, OpKind.REPLACE_ALINEA, OpKind.DELETE_ALINEA}
_WORD_KINDS = {OpKind.INSERT_WORDS, OpKind.REPLACE_WORDS, OpKind.DELETE_WORDS}


def apply_step(art: Article, s: Step) -> None:
    """Apply `s` to `art`; an operation that cannot apply is recorded in `art.failed`."""
    try:
        if s.kind in (OpKind.REPLACE_ARTICLE, OpKind.INSERT_ARTICLE):
            art.paras, art.repealed = list(s.paras), False
            art.title = s.title or art.title
            art.num = (s.num if s.kind is OpKind.INSERT_ARTICLE else None) or art.num
        elif s.kind is OpKind.REPEAL_ARTICLE:
            art.repealed = True
        elif s.kind in (OpKind.RENUMBER_ARTICLE, OpKind.MOVE_ARTICLE):
            art.num = s.num or art.num
        elif s.kind in _ALINEA_KINDS:
            _alinea(art, s)
        elif s.kind in _WORD_KINDS:
            _words(art, s)
    except ValueError as exc:
        art.failed.append(f"{s.kind}: {exc}")


def changes(eve: list[str], art: Article) -> Counter[Change]:
    """What changed from `eve` to `art`: eve alinéas removed or rewritten, alinéas written."""
    old = [alinea_key(t) for t in eve]
    new = [] if art.repealed else [alinea_key(t) for t in art.paras]
    out: Counter[Change] = Counter()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            out.update(("-", str(i), old[i]) for i in range(i1, i2))
            out.update(("+", t) for t in new[j1:j2])
    if art.repealed:
        out[("repealed",)] += 1
    if art.num != art.eve_num:
        out[("num", art.num or "")] += 1
    if alinea_key(art.title or "") != alinea_key(art.eve_title or ""):
        out[("title", alinea_key(art.title or ""))] += 1
    out.update(("failed", f) for f in art.failed)
    return out


def replay_steps(view: ConventionView, steps: Iterable[Step]) -> dict[str, Counter[Change]]:
    """Changes per subject article of `steps` applied in order to the wording of `view`."""
    arts: dict[str, Article] = {}
    eves: dict[str, list[str]] = {}
    alias: dict[str, str] = {}  # an inserted article is known by its number, not its new id
    for s in steps:
        if s.kind is OpKind.INSERT_ARTICLE:
            alias[s.subject] = f"new article {s.num}"
        s = replace(s, subject=alias.get(s.subject, s.subject))
        if s.subject not in arts:
            version = view.version(s.subject)
            eves[s.subject] = list(version.paragraphs) if version else []
            num, title = (version.num, version.title) if version else (None, None)
            arts[s.subject] = Article(
                list(eves[s.subject]), num, title, eve_num=num, eve_title=title
            )
        apply_step(arts[s.subject], s)
    return {k: changes(eves[k], arts[k]) for k in sorted(arts)}


@dataclass(frozen=True)
class EffectScore:
    """Effect-level comparison of one act: changes curated, drafted, matched; articles exact."""

    curated: int
    drafted: int
    matched: int
    articles: int
    exact: int
    missed: tuple[tuple[str, Change], ...] = ()
    extra: tuple[tuple[str, Change], ...] = ()


def compare_effects(
    view: ConventionView, curated: Iterable[Step], drafted: Iterable[Step]
) -> EffectScore:
    """Match the changes of the curated and the drafted operations, article by article."""
    cur, drf = replay_steps(view, curated), replay_steps(view, drafted)
    matched = exact = 0
    missed: list[tuple[str, Change]] = []
    extra: list[tuple[str, Change]] = []
    subjects = sorted(set(cur) | set(drf))
    for k in subjects:
        c, d = cur.get(k, Counter()), drf.get(k, Counter())
        matched += sum((c & d).values())
        exact += c == d
        missed += [(k, x) for x in sorted((c - d).elements())]
        extra += [(k, x) for x in sorted((d - c).elements())]
    return EffectScore(
        sum(sum(c.values()) for c in cur.values()),
        sum(sum(d.values()) for d in drf.values()),
        matched,
        len(subjects),
        exact,
        tuple(missed),
        tuple(extra),
    )
