"""Dead-code elimination: drops the nodes no output depends on (A0.4).

Stateful ops (assignments, random draws, prints) are always kept, with everything they read, in
program order; inputs are kept so the function's signature never changes.
"""

from __future__ import annotations

__all__ = ["eliminate_dead_code"]

_ALWAYS = frozenset({"input", "resource"})


def _keeps_itself(node) -> bool:
    return node.kind in _ALWAYS or (node.kind == "op" and node.op.traits.stateful)


def eliminate_dead_code(graph) -> bool:
    live = {id(v.node) for v in graph.outputs}
    for node in reversed(graph.nodes):
        if id(node) in live or _keeps_itself(node):
            live.add(id(node))
            live.update(id(v.node) for v in node.inputs)
    nodes = [n for n in graph.nodes if id(n) in live]
    changed = len(nodes) != len(graph.nodes)
    graph.nodes = nodes
    return changed
