"""The act graph as plain data, and its order: networkx orders it, unless this very graph was
ordered before.

`build_timeline` records the graph's nodes (signatures, acts, arrêtés and their JO publication,
each with its kind and date) and its edges (what waits for what). networkx finds its cycles and
orders it: `lexicographical_topological_sort`, by date then name, a total order, so the order of
an acyclic graph is a function of its nodes and edges alone. When the caller allows it
(`remember`: an index opened through the cache, never `validate` nor `--no-cache`), that order
is read from the cache folder by the hash of the graph's content and of the package's code
(engine/cache.py's `stored`). A replay after a change of wording, which leaves the graph as it
was, then does not import networkx (a quarter of a second). A graph with a cycle is never
stored: its cycles are worked out, and reported, each time.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # networkx costs 0.25-0.5 s to import: only when a graph is ordered
    import networkx as nx

Cycle = tuple[list[str], set[str]]
"""One cycle (its nodes, in order) and the strongly connected component it lies in."""


class ActGraph:
    """Nodes (name -> attributes) and edges (from, to, why), in the order they were added: the
    calls of a networkx `DiGraph` that `build_timeline` makes, kept without networkx."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[tuple[str, str, str]] = []

    def add_node(self, node: str, **attrs: Any) -> None:
        self.nodes.setdefault(node, {}).update(attrs)

    def add_edge(self, source: str, target: str, why: str) -> None:
        self.nodes.setdefault(source, {})
        self.nodes.setdefault(target, {})
        self.edges.append((source, target, why))

    def networkx(self) -> nx.DiGraph:
        """The same graph as a networkx `DiGraph`: nodes and edges added in the same order."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.nodes.items())
        for source, target, why in self.edges:
            graph.add_edge(source, target, why=why)
        return graph

    def content(self, acts: Collection[str]) -> bytes:
        """Everything the order depends on: the nodes, their attributes, the edges, the acts."""
        nodes = [(n, sorted(attrs.items())) for n, attrs in self.nodes.items()]
        return repr((nodes, self.edges, sorted(acts))).encode("utf-8")


def ordered(
    graph: ActGraph, acts: Collection[str], remember: bool
) -> tuple[dict[str, int], list[Cycle]]:
    """Each act's rank in the graph's order, and one cycle per strongly connected component that
    has one (none: the order is read from the cache folder when `remember` and stored before)."""
    if not remember:
        return _worked_out(graph, acts)
    from consolidator.engine import cache

    key = cache.files_key("order", {"graph": graph.content(acts)})
    return cache.stored("order", key, lambda: _worked_out(graph, acts), keep=lambda v: not v[1])


def _worked_out(graph: ActGraph, acts: Collection[str]) -> tuple[dict[str, int], list[Cycle]]:
    nx_graph = graph.networkx()
    return _ranks(nx_graph, acts), _one_cycle_per_component(nx_graph)


def _one_cycle_per_component(graph: nx.DiGraph) -> list[Cycle]:
    """One cycle for each strongly connected component that has one (listing every simple cycle
    is exponential: 12 mutually dependent acts have millions)."""
    import networkx as nx

    cycles = []
    for component in nx.strongly_connected_components(graph):
        if len(component) == 1 and not graph.has_edge(*(2 * [next(iter(component))])):
            continue  # a node on no cycle (almost all): no subgraph view made for it
        sub = graph.subgraph(component)
        edges = nx.find_cycle(sub, source=min(component))
        cycles.append(([u for u, _v in edges], component))
    return sorted(cycles, key=lambda c: c[0])


def _ranks(graph: nx.DiGraph, acts: Collection[str]) -> dict[str, int]:
    import networkx as nx

    try:
        order = list(
            nx.lexicographical_topological_sort(
                graph, key=lambda n: (str(graph.nodes[n].get("date")), n)
            )
        )
    except nx.NetworkXUnfeasible:
        order = sorted(graph.nodes, key=lambda n: (str(graph.nodes[n].get("date")), n))
    return {node: i for i, node in enumerate(order) if node in acts}
