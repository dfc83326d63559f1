"""Constant folding: a pure op whose inputs are all constants is replaced by its result.

The op's own kernel computes the result, once, at optimisation time (A0.5: `1 + 2` becomes
`Const 3`). Ops whose result depends only on their input's shape and dtype (`zeros_like`,
`ones_like`, `shape`, `size`, `rank`) fold as soon as that shape is fully known, which turns the
seeds of traced gradients into constants. Stateful and non-pure ops (random, variable reads,
assignments) are never folded, and neither is a result larger than `MAX_ELEMENTS` or one whose
kernel fails (the error then surfaces at run time, as it would eagerly).
"""

from __future__ import annotations

import numpy as np

from ..ir import Node
from .rewrite import Rewriter

__all__ = ["fold_constants", "MAX_ELEMENTS"]

MAX_ELEMENTS = 1 << 20
SHAPE_ONLY = frozenset({"zeros_like", "ones_like", "shape", "size", "rank"})


def _known(value) -> bool:
    shape = value.spec.shape
    return shape.rank is not None and shape.is_fully_defined() and not value.is_resource


def _foldable(node) -> bool:
    traits = node.op.traits
    if not traits.pure or traits.stateful:
        return False
    if node.op.name in SHAPE_ONLY and all(_known(v) for v in node.inputs):
        return True
    return all(v.node.kind == "const" for v in node.inputs)


def _input_array(value) -> np.ndarray:
    """The constant's array, or a stand-in of the right shape for a shape-only op."""
    if value.node.kind == "const":
        return value.node.value
    return np.zeros(value.spec.shape.as_list(), value.dtype._np)


def _evaluate(node) -> list | None:
    """The node's outputs as arrays, or None when it should not be folded."""
    try:
        with np.errstate(all="ignore"):
            out = node.op.kernel(*[_input_array(v) for v in node.inputs], **node.attrs)
    except Exception:  # noqa: BLE001 - the op fails at run time instead, with its own error
        return None
    outs = [out] if node.op.num_outputs == 1 else list(out)
    arrays = [np.asarray(o) for o in outs]
    if len(arrays) != len(node.outputs):
        return None
    for array, value in zip(arrays, node.outputs):
        if array.size > MAX_ELEMENTS or array.dtype != value.dtype._np:
            return None
    return arrays


def fold_constants(graph) -> bool:
    """Folds every foldable op, in one walk (folded results feed later folds)."""
    rw = Rewriter(graph)
    nodes = []
    for node in graph.nodes:
        rw.resolve(node)
        arrays = _evaluate(node) if node.kind == "op" and _foldable(node) else None
        if arrays is None:
            nodes.append(node)
            continue
        for i, (array, value) in enumerate(zip(arrays, node.outputs)):
            name = node.name if i == 0 else graph.unique_name(f"{node.name}_{i}")
            const = Node(graph, "const", None, name, [], {}, value=array, where=node.where)
            const.outputs = [type(value)(value.spec, const, 0)]
            nodes.append(const)
            rw.replace(value, const.outputs[0])
    return rw.finish(nodes)
