"""The one helper the passes share: replacing values while walking the graph in order."""

from __future__ import annotations

__all__ = ["Rewriter"]


class Rewriter:
    """Collects value replacements and applies them to later nodes and to the outputs.

    Passes walk `graph.nodes` in program order; a replacement always points to a value defined
    earlier, so one walk resolves chains of replacements.
    """

    def __init__(self, graph) -> None:
        self.graph = graph
        self.subst: dict = {}
        self.changed = False

    def resolve(self, node) -> None:
        """Rewrites the node's inputs through the replacements made so far."""
        subst = self.subst
        if subst:
            node.inputs = [subst.get(id(v), v) for v in node.inputs]

    def replace(self, old, new) -> None:
        self.subst[id(old)] = new
        self.changed = True

    def finish(self, nodes: list) -> bool:
        """Installs the new node list and rewrites the graph's outputs."""
        self.graph.nodes = nodes
        self.graph.outputs = [self.subst.get(id(v), v) for v in self.graph.outputs]
        return self.changed
