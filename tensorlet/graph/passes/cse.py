"""Common-subexpression elimination: two pure ops with the same op, inputs and attributes are one.

Commutative ops match with their two inputs swapped. Equal small constants are merged too.
Other non-pure ops (random draws) are never merged: their values differ. Two reads of one
variable are merged only when no stateful op runs between them (an assignment, or anything that
might assign).
"""

from __future__ import annotations

from .rewrite import Rewriter

__all__ = ["eliminate_common_subexpressions"]

_MAX_CONST_BYTES = 1024


def _const_key(node):
    array = node.value
    if array.nbytes > _MAX_CONST_BYTES:
        return None
    content = tuple(array.reshape(-1).tolist()) if array.dtype.kind == "O" else array.tobytes()
    return "const", array.dtype.str, array.shape, content


def _op_key(node):
    op = node.op
    if not op.traits.pure or op.traits.stateful:
        return None
    ids = tuple(id(v) for v in node.inputs)
    if op.traits.commutative and len(ids) == 2:
        ids = tuple(sorted(ids))
    attrs = tuple((k, type(v), v) for k, v in sorted(node.attrs.items()))
    return op.name, ids, attrs


def _is_read(node) -> bool:
    return node.kind == "op" and len(node.inputs) == 1 and node.inputs[0].is_resource and \
        len(node.outputs) == 1 and not node.op.traits.stateful


def _key(node):
    if node.kind == "const":
        return _const_key(node)
    if _is_read(node):
        return "read", node.op.name, id(node.inputs[0])
    if node.kind == "op":
        return _op_key(node)
    return None


def eliminate_common_subexpressions(graph) -> bool:
    rw = Rewriter(graph)
    seen: dict = {}
    nodes = []
    for node in graph.nodes:
        rw.resolve(node)
        if node.kind == "op" and node.op.traits.stateful:
            seen = {k: n for k, n in seen.items() if k[0] != "read"}
        key = _key(node)
        if key is not None:
            try:
                first = seen.setdefault(key, node)
            except TypeError:  # an unhashable attribute: leave the node alone
                first = node
            if first is not node:
                for old, new in zip(node.outputs, first.outputs):
                    rw.replace(old, new)
                continue
        nodes.append(node)
    return rw.finish(nodes)
