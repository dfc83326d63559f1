"""Fusion of op patterns into one op that computes the same bits with less memory traffic.

- `assign_sub(var, delta * alpha)` with a scalar `alpha` (a plain SGD step, as Keras writes it)
  becomes TF's `ResourceApplyGradientDescent(var, alpha, delta)`, which updates the variable
  block by block without a full-size `delta * alpha` (each element is still rounded the same
  way: one product, one difference).
"""

from __future__ import annotations

from ...core.registry import REGISTRY

__all__ = ["fuse_updates"]


def _consumer_counts(graph) -> dict:
    counts: dict = {}
    for node in graph.nodes:
        for v in node.inputs:
            counts[id(v)] = counts.get(id(v), 0) + 1
    for v in graph.outputs:
        counts[id(v)] = counts.get(id(v), 0) + 1
    return counts


def _scaled(update):
    """`(alpha, delta)` when `update` is `delta * alpha` with a scalar `alpha` and a `delta` of
    the update's own known shape and dtype; None otherwise."""
    node = update.node
    if node.kind != "op" or node.op.name != "multiply":
        return None
    shape = update.spec.shape
    if shape.rank is None or not shape.is_fully_defined():
        return None
    for alpha, delta in (node.inputs, reversed(node.inputs)):
        if alpha.spec.shape.rank == 0 and delta.dtype is update.dtype and \
                delta.spec.shape.as_list() == shape.as_list():
            return alpha, delta
    return None


def fuse_updates(graph) -> bool:
    apply = REGISTRY.get("resource_apply_gradient_descent")
    if apply is None:
        return False
    counts = _consumer_counts(graph)
    changed = False
    for node in graph.nodes:
        if node.kind != "op" or node.op.name != "assign_sub_variable":
            continue
        resource, update = node.inputs
        scaled = _scaled(update) if counts.get(id(update)) == 1 else None
        if scaled is not None:
            node.op, node.inputs = apply, [resource, *scaled]
            changed = True
    return changed
