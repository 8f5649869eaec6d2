"""Apply one amendment operation to the working tree, checking its guard first."""

from __future__ import annotations

from dataclasses import replace

from consolidator.engine.tree import (  # ArticleState, WorkTree: re-exported
    ArticleState,
    SectionState,
    WorkTree,
    fragments,
)
from consolidator.errors import OperationError
from consolidator.model import (
    DeleteAlinea,
    DeleteWords,
    InsertAlinea,
    InsertArticle,
    InsertSection,
    InsertWords,
    MoveArticle,
    MoveSection,
    Op,
    Operation,
    Placement,
    RenumberArticle,
    RenumberSection,
    RepealArticle,
    RepealSection,
    ReplaceAlinea,
    ReplaceArticle,
    ReplaceWords,
    Where,
)
from consolidator.normalize import normalize_text, words_pattern


def _fail(op: Op, message: str, hint: str | None = None) -> OperationError:
    return OperationError(
        message,
        file=op.location.file,
        line=op.location.line,
        act=op.act,
        target=op.subject,
        hint=hint,
    )


def _article(tree: WorkTree, op: Operation, target: str) -> ArticleState:
    art = tree.articles.get(target)
    if art is None:
        raise _fail(op, f"target article {target!r} does not exist (yet) on this date")
    if not art.alive:
        raise _fail(op, f"target article {target!r} has been repealed")
    return art


def _section(tree: WorkTree, ident: str, op: Operation) -> SectionState:
    sec = tree.sections.get(ident)
    if sec is None or not sec.alive:
        raise _fail(op, f"section {ident!r} does not exist on this date")
    return sec


def _check_contains(op: Operation, expect: str, haystack: str, what: str) -> None:
    expected = normalize_text(expect)
    if expected and expected not in normalize_text(haystack):
        raise _fail(
            op,
            f"guard failed: {what} does not contain the expected text {expect!r}",
            hint=f"the {what} reads: {haystack[:160]!r}",
        )


def _place(children: list[str], ident: str, place: Placement, op: Operation) -> None:
    if place.where in (Where.AFTER, Where.BEFORE):
        if place.anchor not in children:
            raise _fail(op, f"anchor {place.anchor!r} is not in the parent")
        at = children.index(place.anchor) + (place.where is Where.AFTER)
        children.insert(at, ident)
    elif place.where is Where.FIRST:
        children.insert(0, ident)
    else:
        children.append(ident)


def _stamp(art: ArticleState, op: Operation) -> None:
    """Record that `op` wrote the article's next version (ops of one act accumulate)."""
    same_act = art.act == op.act and bool(art.ops)  # () : the act's body wrote it
    art.ops = (*art.ops, op) if same_act else (op,)
    art.act = op.act


def _insert_article(tree: WorkTree, op: InsertArticle) -> set[str]:
    if op.id in tree.articles:
        raise _fail(op, f"article {op.id!r} already exists")
    parent = _section(tree, op.parent, op)
    for other in tree.articles_of(parent.text_id):
        if other.alive and op.num and other.num == op.num:
            raise _fail(
                op,
                f"collision: article number {op.num} is already borne by {other.id!r}",
                hint="renumber or repeal the other article first (in an earlier operation)",
            )
    _place(parent.children, op.id, op.place, op)
    tree.add_article(
        ArticleState(
            op.id,
            parent.text_id,
            op.num,
            op.title,
            parent.id,
            fragments(op.act, f"{op.index}", op.paragraphs),
            op.act,
            (op,),
            evidence=op.evidence,
        )
    )
    return {op.id}


def _known_text(art: ArticleState) -> str:
    """What a guard reads: the wording, or for an article whose wording the sources lack, its
    title and the evidence of its existence (a guard then names the article, not its words)."""
    if art.evidence:
        return "\n".join([art.title or "", *(e.text for e in art.evidence)])
    return "\n".join(f.text for f in art.fragments)


def _replace_article(tree: WorkTree, op: ReplaceArticle) -> set[str]:
    art = _article(tree, op, op.target)
    _check_contains(op, op.expect, _known_text(art), f"article {art.num or art.id}")
    art.evidence = op.evidence
    art.fragments = fragments(op.act, f"{op.index}", op.paragraphs)
    art.lineage += 1
    art.num = op.num or art.num
    art.title = op.title or art.title
    art.act, art.ops = op.act, (op,)
    return {art.id}


def _repeal_article(tree: WorkTree, op: RepealArticle) -> set[str]:
    art = _article(tree, op, op.target)
    _check_contains(op, op.expect, _known_text(art), f"article {art.num or art.id}")
    art.alive = False
    art.act, art.ops = op.act, (op,)
    return {art.id}


def _renumber_article(tree: WorkTree, op: RenumberArticle) -> set[str]:
    art = _article(tree, op, op.target)
    if normalize_text(art.num or "") != normalize_text(op.from_num):
        raise _fail(
            op, f"guard failed: article {art.id!r} is numbered {art.num!r}, not {op.from_num!r}"
        )
    for other in tree.articles_of(art.text_id):
        if other.alive and other.id != art.id and other.num == op.to_num:
            raise _fail(
                op,
                f"collision: number {op.to_num} is already borne by {other.id!r}",
                hint="renumber the other article first, or order the operations",
            )
    art.num = op.to_num
    art.title = op.title or art.title
    _stamp(art, op)
    return {art.id}


def _move_article(tree: WorkTree, op: MoveArticle) -> set[str]:
    art = _article(tree, op, op.target)
    if art.parent != op.from_parent:
        raise _fail(
            op, f"guard failed: article {art.id!r} is in {art.parent!r}, not {op.from_parent!r}"
        )
    old = _section(tree, art.parent, op)
    new = _section(tree, op.parent, op)
    old.children.remove(art.id)
    _place(new.children, art.id, op.place, op)
    art.parent = new.id
    _stamp(art, op)
    return {art.id}


# Légifrance's retyping of a consolidated block (colons, spaces, « L.912-1 » for « L. 912-1 »),
# encoded as operations of the act that produced the block so that the text equals Légifrance's
# (D-103, D-311): the words are unchanged, so the alinéa keeps the act that wrote it and that
# act's extension; the retyping act is not its author (lawyer L-54).
RETYPING = frozenset({"D-103", "D-311"})


def retyping(op: Operation) -> bool:
    """Whether `op` only retypes words another act wrote (D-103, D-311)."""
    return op.decision in RETYPING


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


def _alinea_op(tree: WorkTree, op: InsertAlinea | ReplaceAlinea | DeleteAlinea) -> set[str]:
    art = _article(tree, op, op.target)
    frags = list(art.fragments)
    if isinstance(op, InsertAlinea):
        new = fragments(op.act, f"{op.index}", op.paragraphs)
        at = len(frags) if op.position is None else _fragment_index(art, op, op.position, True)
        frags[at:at] = new
    else:
        at = _fragment_index(art, op, op.alinea)
        what = f"alinéa {op.alinea} of article {art.num or art.id}"
        _check_contains(op, op.expect, frags[at].text, what)
        replaced = op.paragraphs if isinstance(op, ReplaceAlinea) else ()
        new = fragments(op.act, f"{op.index}", replaced)
        if retyping(op) and len(new) == 1:  # same words, same alinéa: its act stays (L-54)
            new = (replace(frags[at], text=new[0].text, cells=new[0].cells),)
        frags[at : at + 1] = new
    art.fragments = tuple(frags)
    _stamp(art, op)
    return {art.id}


def _edit(text: str, start: int, end: int, op: ReplaceWords | InsertWords | DeleteWords) -> str:
    """`text` with the words matched at [start, end) replaced, deleted or given a neighbour."""
    if isinstance(op, ReplaceWords):
        text = text[:start] + op.new + text[end:]
    elif isinstance(op, DeleteWords):
        text = text[:start] + text[end:]
    elif op.before:
        text = text[:start] + op.new + " " + text[start:]
    else:
        text = text[:end] + " " + op.new + text[end:]
    return " ".join(text.split()).replace(" ,", ",").replace(" .", ".")


def _words_op(tree: WorkTree, op: ReplaceWords | InsertWords | DeleteWords) -> set[str]:
    art = _article(tree, op, op.target)
    frags = list(art.fragments)
    scope = [op.alinea - 1] if op.alinea else list(range(len(frags)))
    if op.alinea:
        _fragment_index(art, op, op.alinea)
    needle = op.anchor if isinstance(op, InsertWords) else op.old
    pattern = words_pattern(needle)
    found = [(i, m) for i in scope for m in pattern.finditer(frags[i].text)]
    wanted = len(found) if op.occurrence == "all" else op.occurrence
    if not found or wanted > len(found):
        raise _fail(
            op,
            f"guard failed: {needle!r} occurs {len(found)} time(s) in article "
            f"{art.num or art.id}{f' alinéa {op.alinea}' if op.alinea else ''}, "
            f"operation needs occurrence {op.occurrence}",
        )
    chosen = found if op.occurrence == "all" else [found[wanted - 1]]
    for i, match in reversed(chosen):
        text = _edit(frags[i].text, match.start(), match.end(), op)
        amended = frags[i].amended_by if retyping(op) else (*frags[i].amended_by, op.act)
        frags[i] = replace(frags[i], text=text, amended_by=amended)
    art.fragments = tuple(frags)
    _stamp(art, op)
    return {art.id}


def _insert_section(tree: WorkTree, op: InsertSection) -> set[str]:
    if op.id in tree.sections:
        raise _fail(op, f"section {op.id!r} already exists")
    parent = _section(tree, op.parent, op)
    _place(parent.children, op.id, op.place, op)
    tree.sections[op.id] = SectionState(op.id, parent.text_id, op.num, op.title, parent.id)
    return set()


def _subtree(tree: WorkTree, sec: SectionState) -> list[SectionState | ArticleState]:
    """A section and everything under it, nested subsections included, in document order."""
    out: list[SectionState | ArticleState] = [sec]
    for child in sec.children:
        if child in tree.sections:
            out += _subtree(tree, tree.sections[child])
        else:
            out.append(tree.articles[child])
    return out


def _repeal_section(tree: WorkTree, op: RepealSection) -> set[str]:
    sec = _section(tree, op.target, op)
    if normalize_text(sec.title) != normalize_text(op.expect_title):
        raise _fail(
            op, f"guard failed: section {sec.id!r} is titled {sec.title!r}, not {op.expect_title!r}"
        )
    changed: set[str] = set()
    for node in _subtree(tree, sec):
        if isinstance(node, SectionState):
            node.alive = False
        elif node.alive:
            node.alive = False
            node.act, node.ops = op.act, (op,)
            changed.add(node.id)
    return changed


def _renumber_section(tree: WorkTree, op: RenumberSection) -> set[str]:
    sec = _section(tree, op.target, op)
    if normalize_text(sec.num or "") != normalize_text(op.from_num):
        raise _fail(
            op, f"guard failed: section {sec.id!r} is numbered {sec.num!r}, not {op.from_num!r}"
        )
    sec.num, sec.title = op.to_num, op.title or sec.title
    return set()


def _move_section(tree: WorkTree, op: MoveSection) -> set[str]:
    sec = _section(tree, op.target, op)
    if sec.parent != op.from_parent:
        raise _fail(
            op, f"guard failed: section {sec.id!r} is in {sec.parent!r}, not {op.from_parent!r}"
        )
    if op.parent in {n.id for n in _subtree(tree, sec)}:
        raise _fail(op, f"section {sec.id!r} cannot be moved into itself ({op.parent!r})")
    _section(tree, sec.parent, op).children.remove(sec.id)
    _place(_section(tree, op.parent, op).children, sec.id, op.place, op)
    sec.parent = op.parent
    return set()


def apply_operation(tree: WorkTree, op: Operation) -> set[str]:
    """Apply `op` to `tree` after checking its guard; return the ids of the articles it changed."""
    match op:
        case InsertArticle():
            return _insert_article(tree, op)
        case ReplaceArticle():
            return _replace_article(tree, op)
        case RepealArticle():
            return _repeal_article(tree, op)
        case RenumberArticle():
            return _renumber_article(tree, op)
        case MoveArticle():
            return _move_article(tree, op)
        case InsertSection():
            return _insert_section(tree, op)
        case RepealSection():
            return _repeal_section(tree, op)
        case RenumberSection():
            return _renumber_section(tree, op)
        case MoveSection():
            return _move_section(tree, op)
        case InsertAlinea() | ReplaceAlinea() | DeleteAlinea():
            return _alinea_op(tree, op)
    return _words_op(tree, op)
