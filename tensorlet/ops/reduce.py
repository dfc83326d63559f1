"""Reductions: reduce_sum, reduce_mean, reduce_max, ..., argmax, argmin.

Determinism: every float reduction sums in a fixed order, whatever the thread count. float16
and float32 inputs are accumulated in float64 with NumPy's pairwise summation over a C-contiguous
copy, then rounded once to the input dtype; float64 inputs use the same pairwise order in
float64. NumPy's reductions run on one thread, so the result is bit-identical across runs,
machines with the same NumPy, and `OMP_NUM_THREADS` settings.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.registry import REDUCE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from ._rules import normalize_axis, reduce_shape

__all__ = ["reduce_sum"]

_ACCUMULATE_IN_FLOAT64 = frozenset({np.dtype(np.float16), np.dtype(np.float32)})


def _axes_attr(axis):
    """Turns the user's axis (int, list, tensor or None) into a hashable attribute."""
    if axis is None:
        return None
    value = getattr(axis, "_value", None)
    if value is not None:
        axis = value.tolist()
    elif isinstance(axis, np.ndarray):
        axis = axis.tolist()
    if isinstance(axis, (list, tuple)):
        return tuple(int(a) for a in axis)
    return int(axis)


def _reduce_infer(op: str):
    def infer(x: TensorSpec, axis=None, keepdims=False) -> TensorSpec:
        axes = normalize_axis(op, axis, x.shape.rank, x)
        return TensorSpec(reduce_shape(x.shape, axes, keepdims), x.dtype)

    return infer


def _sum_kernel(x, axis=None, keepdims=False):
    axes = normalize_axis("reduce_sum", axis, x.ndim)
    if x.dtype in _ACCUMULATE_IN_FLOAT64:
        total = np.sum(np.ascontiguousarray(x), axis=axes, dtype=np.float64, keepdims=keepdims)
        return total.astype(x.dtype)
    return np.sum(x, axis=axes, keepdims=keepdims, dtype=x.dtype)


def _sum_grad(g, y, x, axis=None, keepdims=False):
    axes = normalize_axis("reduce_sum", axis, x.shape.rank)
    if not keepdims:
        dims = x.shape.as_list()
        g = array_ops.reshape(g, [1 if i in axes else d for i, d in enumerate(dims)])
    return (array_ops.broadcast_to(g, x.shape.as_list()),)


REDUCE_SUM = def_op(
    "reduce_sum", tf_name="Sum", kernel=_sum_kernel, infer=_reduce_infer("reduce_sum"),
    grad=_sum_grad, traits=REDUCE, attrs={"axis": None, "keepdims": False},
    dtype_group=(0,), allowed=dtypes.NUMERIC, quiet=True,
)


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """Sums the elements along `axis` (all axes when None), in a deterministic order.

    Args:
        input_tensor: a numeric tensor.
        axis: None, an int or a list of ints; negative values count from the end.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_sum(tf.constant([[1, 2], [3, 4]]), axis=0).numpy()
        array([4, 6], dtype=int32)
    """
    return execute(REDUCE_SUM, (input_tensor,),
                   {"axis": _axes_attr(axis), "keepdims": bool(keepdims)}, name=name)
