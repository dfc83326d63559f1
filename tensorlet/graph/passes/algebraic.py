"""Algebraic simplification: rewrites that leave every value bit-for-bit the same.

- `x * 1`, `1 * x`, `x / 1`, `x + 0`, `0 + x`, `x - 0` become `x` (when the constant does not
  broadcast `x` to a larger shape or change its dtype);
- `transpose(transpose(x, p), q)` becomes `x` (or one transpose with the composed permutation);
- `cast(x, dtype)` to x's own dtype, `reshape` / `broadcast_to` to x's own fully known shape,
  `identity(x)` and `negative(negative(x))` become `x`;
- `reduce_max` / `min` / `prod` / `any` / `all` over axes of length 1 become `x` or a `reshape`
  of it (the max of one element is that element; a sum or mean is not folded this way, since
  it turns -0.0 into 0.0); a `reduce_sum` / `reduce_mean` over no axes at all (of a scalar, as
  Keras's metrics write) becomes `x`.

Ops are matched by their registry names; other ops are left alone.
"""

from __future__ import annotations

import numpy as np

from ...core.registry import REGISTRY
from .rewrite import Rewriter

__all__ = ["simplify"]

# op name -> (neutral constant, which operands may hold it)
_NEUTRAL = {"multiply": (1, (0, 1)), "add": (0, (0, 1)), "divide": (1, (1,)),
            "subtract": (0, (1,))}
_SAME_SHAPE_OPS = frozenset({"reshape", "broadcast_to"})
_REDUCTIONS = frozenset({"reduce_max", "reduce_min", "reduce_prod", "reduce_any", "reduce_all"})
_SUMS = frozenset({"reduce_sum", "reduce_mean"})
_REWRITTEN = object()  # the node was changed in place and stays


def _is_const(value, scalar) -> bool:
    node = value.node
    if node.kind != "const" or node.value.dtype.kind not in "biufc" or node.value.size == 0:
        return False
    return bool(np.all(node.value == scalar))


def _same_type(a, b) -> bool:
    sa, sb = a.spec.shape, b.spec.shape
    return a.dtype is b.dtype and sa.rank is not None and sb.rank is not None and \
        sa.as_list() == sb.as_list()


def _fully_known_same(a, b) -> bool:
    return _same_type(a, b) and a.spec.shape.is_fully_defined()


def _binary(node):
    scalar, positions = _NEUTRAL[node.op.name]
    out = node.outputs[0]
    for i in positions:
        other = node.inputs[1 - i]
        if _is_const(node.inputs[i], scalar) and _same_type(out, other):
            return other
    return None


def _transpose(node):
    inner = node.inputs[0].node
    if inner.kind != "op" or inner.op is not node.op:
        return None
    p, q = inner.attrs.get("perm"), node.attrs.get("perm")
    if not p or not q or len(p) != len(q):
        return None
    composed = tuple(p[j] for j in q)
    x = inner.inputs[0]
    if composed == tuple(range(len(composed))):
        return x
    node.inputs = [x]
    node.attrs = {**node.attrs, "perm": composed}
    return _REWRITTEN


def _single_element_reduction(node):
    x, out = node.inputs[0], node.outputs[0]
    if not (x.spec.shape.is_fully_defined() and out.spec.shape.is_fully_defined()):
        return None
    if x.dtype is not out.dtype or x.shape.num_elements() != out.shape.num_elements():
        return None
    if x.shape.as_list() == out.shape.as_list():
        return x
    reshape = REGISTRY.get("reshape")
    if reshape is None:
        return None
    node.op, node.inputs, node.attrs = reshape, [x], {"shape": tuple(out.shape.as_list())}
    return _REWRITTEN


def _reduces_nothing(node) -> bool:
    """A sum or mean over an empty set of axes (a scalar's, or `axis=()`): the input itself."""
    x, out = node.inputs[0], node.outputs[0]
    axis = node.attrs.get("axis")
    empty = axis == () or (axis is None and x.spec.shape.rank == 0)
    return empty and x.dtype is out.dtype and _same_type(x, out)


def _replacement(node):
    """The existing value that `node`'s output equals, `_REWRITTEN`, or None."""
    name = node.op.name
    if len(node.outputs) != 1 or not node.inputs:
        return None
    x, out = node.inputs[0], node.outputs[0]
    if name in _NEUTRAL and len(node.inputs) == 2:
        return _binary(node)
    if name == "transpose":
        return _transpose(node)
    if name == "cast":
        return x if x.dtype is out.dtype else None
    if name in _SAME_SHAPE_OPS:
        return x if _fully_known_same(x, out) else None
    if name == "identity":
        return x
    if name in _REDUCTIONS and len(node.inputs) == 1:
        return _single_element_reduction(node)
    if name in _SUMS and _reduces_nothing(node):
        return x
    if name == "negative" and x.node.kind == "op" and x.node.op is node.op:
        return x.node.inputs[0]
    return None


def simplify(graph) -> bool:
    rw = Rewriter(graph)
    nodes = []
    for node in graph.nodes:
        rw.resolve(node)
        new = _replacement(node) if node.kind == "op" else None
        if new is None or new is _REWRITTEN:
            rw.changed = rw.changed or new is _REWRITTEN
            nodes.append(node)
            continue
        rw.replace(node.outputs[0], new)
    return rw.finish(nodes)
