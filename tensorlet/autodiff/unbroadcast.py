"""The one place where a gradient of a broadcast input is summed back to the input's shape."""

from __future__ import annotations

from ..ops import array as array_ops
from ..ops import reduce as reduce_ops

__all__ = ["unbroadcast"]


def unbroadcast(g, x):
    """Sums `g` over the axes along which `x` was broadcast, and reshapes it to `x`'s shape.

    Written in tensorlet ops, so the result can itself be differentiated or traced.
    """
    g_shape, x_shape = g.shape, x.shape
    if g_shape == x_shape:
        return g
    g_dims, x_dims = g_shape.as_list(), x_shape.as_list()
    lead = len(g_dims) - len(x_dims)
    axes = list(range(lead))
    axes += [lead + i for i, d in enumerate(x_dims) if d == 1 and g_dims[lead + i] != 1]
    if axes:
        g = reduce_ops.reduce_sum(g, axis=axes, keepdims=False)
    return array_ops.reshape(g, x_dims)
