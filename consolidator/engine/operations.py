"""Apply one amendment operation to the working tree, checking its guard first."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from consolidator.errors import OperationError
from consolidator.model import (
    Act,
    ArticleDef,
    Evidence,
    Fragment,
    Operation,
    OpKind,
    Para,
    SectionDef,
)
from consolidator.normalize import normalize_text, words_pattern


@dataclass
class ArticleState:
    """An article while replay runs (mutable, internal to replay)."""

    id: str
    text_id: str
    num: str | None
    title: str | None
    parent: str
    fragments: tuple[Fragment, ...]
    act: str
    ops: tuple[str, ...]
    lineage: int = 0
    alive: bool = True
    evidence: tuple[Evidence, ...] = ()  # wording not in the sources


@dataclass
class SectionState:
    """A section, or a text's root (kind "text"), while replay runs."""

    id: str
    text_id: str
    num: str | None
    title: str
    parent: str | None
    children: list[str] = field(default_factory=list)
    kind: str = "section"
    alive: bool = True


class ArticleTable(dict[str, ArticleState]):
    """Articles by stable id, indexed by text as they are added (however they are added), so
    that replay's scans of one text (collisions, lapses) stay linear in the corpus's size."""

    def __init__(self) -> None:
        super().__init__()
        self.by_text: dict[str, dict[str, None]] = {}

    def __setitem__(self, key: str, art: ArticleState) -> None:
        old = self.get(key)
        if old is not None:
            self.by_text[old.text_id].pop(key, None)
        super().__setitem__(key, art)
        self.by_text.setdefault(art.text_id, {})[key] = None

    def of_text(self, text_id: str) -> list[ArticleState]:
        return [self[a] for a in self.by_text.get(text_id, ())]


@dataclass
class WorkTree:
    """Everything replay has built so far: texts, sections and articles by stable id."""

    articles: ArticleTable = field(default_factory=ArticleTable)
    sections: dict[str, SectionState] = field(default_factory=dict)

    def add_article(self, art: ArticleState) -> None:
        self.articles[art.id] = art

    def articles_of(self, text_id: str) -> list[ArticleState]:
        """The articles of one text (an article's text never changes once created)."""
        return self.articles.of_text(text_id)


def _fail(op: Operation, message: str, hint: str | None = None) -> OperationError:
    return OperationError(
        message,
        file=op.location.file,
        line=op.location.line,
        act=op.act,
        target=op.subject,
        hint=hint,
    )


def _fragments(act: str, key: str, paragraphs: tuple[Para, ...]) -> tuple[Fragment, ...]:
    return tuple(
        Fragment(f"{act}/{key}/{i + 1}", p.text, act, cells=p.cells)
        for i, p in enumerate(paragraphs)
    )


def add_body(tree: WorkTree, act: Act) -> set[str]:
    """Create the sections and articles of an act's own body (its text as signed)."""
    root = SectionState(act.id, act.id, None, act.title, None, kind="text")
    tree.sections[act.id] = root
    return _add_items(tree, act, root, act.body)


def _add_items(
    tree: WorkTree, act: Act, parent: SectionState, items: tuple[SectionDef | ArticleDef, ...]
) -> set[str]:
    changed: set[str] = set()
    for item in items:
        parent.children.append(item.id)
        if isinstance(item, SectionDef):
            section = SectionState(item.id, act.id, item.num, item.title, parent.id)
            tree.sections[item.id] = section
            changed |= _add_items(tree, act, section, item.children)
        else:
            tree.add_article(
                ArticleState(
                    item.id,
                    act.id,
                    item.num,
                    item.title,
                    parent.id,
                    _fragments(act.id, item.id, item.paragraphs),
                    act.id,
                    (f"{act.id}#body",),
                    evidence=item.evidence,
                )
            )
            changed.add(item.id)
    return changed


def _article(tree: WorkTree, op: Operation) -> ArticleState:
    art = tree.articles.get(op.target or "")
    if art is None:
        raise _fail(op, f"target article {op.target!r} does not exist (yet) on this date")
    if not art.alive:
        raise _fail(op, f"target article {op.target!r} has been repealed")
    return art


def _section(tree: WorkTree, ident: str | None, op: Operation) -> SectionState:
    sec = tree.sections.get(ident or "")
    if sec is None or not sec.alive:
        raise _fail(op, f"section {ident!r} does not exist on this date")
    return sec


def _check_contains(op: Operation, haystack: str, what: str) -> None:
    expected = normalize_text(op.expect or "")
    if expected and expected not in normalize_text(haystack):
        raise _fail(
            op,
            f"guard failed: {what} does not contain the expected text {op.expect!r}",
            hint=f"the {what} reads: {haystack[:160]!r}",
        )


def _place(children: list[str], ident: str, op: Operation) -> None:
    if op.after:
        if op.after not in children:
            raise _fail(op, f"anchor {op.after!r} is not in the parent")
        children.insert(children.index(op.after) + 1, ident)
    elif op.before:
        if op.before not in children:
            raise _fail(op, f"anchor {op.before!r} is not in the parent")
        children.insert(children.index(op.before), ident)
    elif op.position == "first":
        children.insert(0, ident)
    else:
        children.append(ident)


def _stamp(art: ArticleState, op: Operation) -> None:
    """Record that `op` wrote the article's next version (ops of one act accumulate)."""
    same_act = art.act == op.act and not art.ops[-1].endswith("#body")
    art.ops = (*art.ops, op.uid) if same_act else (op.uid,)
    art.act = op.act


def _insert_article(tree: WorkTree, op: Operation, day: date) -> set[str]:
    assert op.new_id
    if op.new_id in tree.articles:
        raise _fail(op, f"article {op.new_id!r} already exists")
    parent = _section(tree, op.parent, op)
    for other in tree.articles_of(parent.text_id):
        if other.alive and op.num and other.num == op.num:
            raise _fail(
                op,
                f"collision: article number {op.num} is already borne by {other.id!r}",
                hint="renumber or repeal the other article first (in an earlier operation)",
            )
    _place(parent.children, op.new_id, op)
    tree.add_article(
        ArticleState(
            op.new_id,
            parent.text_id,
            op.num,
            op.title,
            parent.id,
            _fragments(op.act, f"{op.index}", op.paragraphs),
            op.act,
            (op.uid,),
            evidence=op.evidence,
        )
    )
    return {op.new_id}


def _known_text(art: ArticleState) -> str:
    """What a guard reads: the wording, or for an article whose wording the sources lack, its
    title and the evidence of its existence (a guard then names the article, not its words)."""
    if art.evidence:
        return "\n".join([art.title or "", *(e.text for e in art.evidence)])
    return "\n".join(f.text for f in art.fragments)


def _replace_article(tree: WorkTree, op: Operation, day: date) -> set[str]:
    art = _article(tree, op)
    _check_contains(op, _known_text(art), f"article {art.num or art.id}")
    art.evidence = op.evidence
    art.fragments = _fragments(op.act, f"{op.index}", op.paragraphs)
    art.lineage += 1
    art.num = op.num or art.num
    art.title = op.title or art.title
    art.act, art.ops = op.act, (op.uid,)
    return {art.id}


def _repeal_article(tree: WorkTree, op: Operation, day: date) -> set[str]:
    art = _article(tree, op)
    _check_contains(op, _known_text(art), f"article {art.num or art.id}")
    art.alive = False
    art.act, art.ops = op.act, (op.uid,)
    return {art.id}


def _renumber_article(tree: WorkTree, op: Operation, day: date) -> set[str]:
    art = _article(tree, op)
    if normalize_text(art.num or "") != normalize_text(op.expect_num or ""):
        raise _fail(
            op, f"guard failed: article {art.id!r} is numbered {art.num!r}, not {op.expect_num!r}"
        )
    for other in tree.articles_of(art.text_id):
        if other.alive and other.id != art.id and other.num == op.num:
            raise _fail(
                op,
                f"collision: number {op.num} is already borne by {other.id!r}",
                hint="renumber the other article first, or order the operations",
            )
    art.num = op.num
    art.title = op.title or art.title
    _stamp(art, op)
    return {art.id}


def _move_article(tree: WorkTree, op: Operation, day: date) -> set[str]:
    art = _article(tree, op)
    if art.parent != op.from_parent:
        raise _fail(
            op, f"guard failed: article {art.id!r} is in {art.parent!r}, not {op.from_parent!r}"
        )
    old = _section(tree, art.parent, op)
    new = _section(tree, op.parent, op)
    old.children.remove(art.id)
    _place(new.children, art.id, op)
    art.parent = new.id
    _stamp(art, op)
    return {art.id}


def _fragment_index(
    art: ArticleState, op: Operation, position: int, allow_end: bool = False
) -> int:
    size = len(art.fragments)
    limit = size + 1 if allow_end else size
    if not 1 <= position <= limit:
        raise _fail(
            op,
            f"alinéa {position} does not exist: article {art.num or art.id} has {size} alinéa(s)",
        )
    return position - 1


def _alinea_op(tree: WorkTree, op: Operation, day: date) -> set[str]:
    art = _article(tree, op)
    frags = list(art.fragments)
    new = _fragments(op.act, f"{op.index}", op.paragraphs)
    if op.kind is OpKind.INSERT_ALINEA:
        index = (
            len(frags)
            if op.position == "end"
            else _fragment_index(art, op, int(op.position or 0), True)
        )
        frags[index:index] = new
    else:
        index = _fragment_index(art, op, op.alinea or 0)
        _check_contains(op, frags[index].text, f"alinéa {op.alinea} of article {art.num or art.id}")
        frags[index : index + 1] = new if op.kind is OpKind.REPLACE_ALINEA else ()
    art.fragments = tuple(frags)
    _stamp(art, op)
    return {art.id}


def _words_op(tree: WorkTree, op: Operation, day: date) -> set[str]:
    art = _article(tree, op)
    frags = list(art.fragments)
    scope = [op.alinea - 1] if op.alinea else list(range(len(frags)))
    if op.alinea:
        _fragment_index(art, op, op.alinea)
    needle = op.old if op.kind is not OpKind.INSERT_WORDS else (op.anchor_after or op.anchor_before)
    assert needle
    pattern = words_pattern(needle)
    found = [(i, m) for i in scope for m in pattern.finditer(frags[i].text)]
    wanted = len(found) if op.occurrence == "all" else int(op.occurrence)
    if not found or wanted > len(found):
        raise _fail(
            op,
            f"guard failed: {needle!r} occurs {len(found)} time(s) in article "
            f"{art.num or art.id}{f' alinéa {op.alinea}' if op.alinea else ''}, "
            f"operation needs occurrence {op.occurrence}",
        )
    chosen = found if op.occurrence == "all" else [found[wanted - 1]]
    for i, match in reversed(chosen):
        text = frags[i].text
        if op.kind is OpKind.REPLACE_WORDS:
            text = text[: match.start()] + (op.new or "") + text[match.end() :]
        elif op.kind is OpKind.DELETE_WORDS:
            text = text[: match.start()] + text[match.end() :]
        elif op.anchor_after:
            text = text[: match.end()] + " " + (op.new or "") + text[match.end() :]
        else:
            text = text[: match.start()] + (op.new or "") + " " + text[match.start() :]
        text = " ".join(text.split()).replace(" ,", ",").replace(" .", ".")
        frags[i] = replace(frags[i], text=text, amended_by=(*frags[i].amended_by, op.act))
    art.fragments = tuple(frags)
    _stamp(art, op)
    return {art.id}


def _insert_section(tree: WorkTree, op: Operation, day: date) -> set[str]:
    assert op.new_id
    if op.new_id in tree.sections:
        raise _fail(op, f"section {op.new_id!r} already exists")
    parent = _section(tree, op.parent, op)
    _place(parent.children, op.new_id, op)
    tree.sections[op.new_id] = SectionState(
        op.new_id, parent.text_id, op.num, op.title or "", parent.id
    )
    return set()


def _section_op(tree: WorkTree, op: Operation, day: date) -> set[str]:
    sec = _section(tree, op.target, op)
    changed: set[str] = set()
    if op.kind is OpKind.REPEAL_SECTION:
        if normalize_text(sec.title) != normalize_text(op.expect or ""):
            raise _fail(
                op, f"guard failed: section {sec.id!r} is titled {sec.title!r}, not {op.expect!r}"
            )
        sec.alive = False
        for child in sec.children:
            art = tree.articles.get(child)
            if art and art.alive:
                art.alive = False
                art.act, art.ops = op.act, (op.uid,)
                changed.add(art.id)
    elif op.kind is OpKind.RENUMBER_SECTION:
        if normalize_text(sec.num or "") != normalize_text(op.expect_num or ""):
            raise _fail(
                op,
                f"guard failed: section {sec.id!r} is numbered {sec.num!r}, not {op.expect_num!r}",
            )
        sec.num, sec.title = op.num, op.title or sec.title
    else:
        if sec.parent != op.from_parent:
            raise _fail(
                op, f"guard failed: section {sec.id!r} is in {sec.parent!r}, not {op.from_parent!r}"
            )
        _section(tree, sec.parent, op).children.remove(sec.id)
        _place(_section(tree, op.parent, op).children, sec.id, op)
        sec.parent = op.parent
    return changed


APPLY = {
    OpKind.INSERT_ARTICLE: _insert_article,
    OpKind.REPLACE_ARTICLE: _replace_article,
    OpKind.REPEAL_ARTICLE: _repeal_article,
    OpKind.RENUMBER_ARTICLE: _renumber_article,
    OpKind.MOVE_ARTICLE: _move_article,
    OpKind.INSERT_SECTION: _insert_section,
    OpKind.REPEAL_SECTION: _section_op,
    OpKind.RENUMBER_SECTION: _section_op,
    OpKind.MOVE_SECTION: _section_op,
    OpKind.INSERT_ALINEA: _alinea_op,
    OpKind.REPLACE_ALINEA: _alinea_op,
    OpKind.DELETE_ALINEA: _alinea_op,
    OpKind.REPLACE_WORDS: _words_op,
    OpKind.INSERT_WORDS: _words_op,
    OpKind.DELETE_WORDS: _words_op,
}


def apply_operation(tree: WorkTree, op: Operation, day: date) -> set[str]:
    """Apply `op` (taking effect on `day`) to `tree`; return the ids of the articles it changed."""
    return APPLY[op.kind](tree, op, day)
