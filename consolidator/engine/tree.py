"""The working tree replay builds: texts, sections and articles by stable id (mutable, internal)."""

from __future__ import annotations

from dataclasses import dataclass, field

from consolidator.model import Act, ArticleDef, Evidence, Fragment, Operation, Para, SectionDef


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
    ops: tuple[Operation, ...]  # what wrote the current wording; (): the act's body
    lineage: int = 0
    alive: bool = True
    evidence: tuple[Evidence, ...] = ()  # wording not in the sources


@dataclass
class SectionState:
    """A section, or a text's root (is_text), while replay runs."""

    id: str
    text_id: str
    num: str | None
    title: str
    parent: str | None
    children: list[str] = field(default_factory=list)
    is_text: bool = False  # the root of a text (its articles and sections hang below it)
    alive: bool = True


class ArticleTable(dict[str, "ArticleState"]):
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
        """The articles of one text (replay's scans stay linear in the corpus's size)."""
        return self.articles.of_text(text_id)


def fragments(act: str, key: str, paragraphs: tuple[Para, ...]) -> tuple[Fragment, ...]:
    return tuple(
        Fragment(f"{act}/{key}/{i + 1}", p.text, act, cells=p.cells)
        for i, p in enumerate(paragraphs)
    )


def add_body(tree: WorkTree, act: Act) -> set[str]:
    """Create the sections and articles of an act's own body (its text as signed)."""
    root = SectionState(act.id, act.id, None, act.title, None, is_text=True)
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
                    fragments(act.id, item.id, item.paragraphs),
                    act.id,
                    (),
                    evidence=item.evidence,
                )
            )
            changed.add(item.id)
    return changed
