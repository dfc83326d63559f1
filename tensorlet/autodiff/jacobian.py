"""`GradientTape.jacobian` and `batch_jacobian`: one backward pass per target element.

Each row is the gradient of the target seeded with a one-hot upstream gradient; the rows are
stacked with tensorlet ops, so a Jacobian taken under an outer tape is differentiable again.
"""

from __future__ import annotations

import numpy as np

from ..core.tensor import wrap
from ..ops import array as array_ops
from ..ops import array_join as join_ops
from . import backprop

__all__ = ["jacobian", "batch_jacobian"]


def _zeros(shape: list, like) -> object:
    return wrap(np.zeros(shape, like.dtype.as_numpy_dtype))


def jacobian(tape, target, sources: list, zero: bool) -> list:
    """`result[k]` has shape `target.shape + sources[k].shape` (None when unconnected)."""
    t_dims = target.shape.as_list()
    n = int(np.prod(t_dims, dtype=np.int64))
    reach = backprop.depends_on(tape, sources)
    rows: list = [[] for _ in sources]
    dtype = target.dtype.as_numpy_dtype
    connected = id(target) in reach[0]
    for i in range(n if connected else 0):
        seed = np.zeros(n, dtype)
        seed[i] = 1
        grads = backprop.backward(tape, [target], [wrap(seed.reshape(t_dims))], sources, reach)
        for row, g in zip(rows, grads):
            row.append(g)
    out = []
    for source, row in zip(sources, rows):
        shape = t_dims + source.shape.as_list()
        if all(g is None for g in row):
            out.append(_zeros(shape, source) if zero or (connected and n == 0) else None)
            continue
        row = [array_ops.zeros_like(source) if g is None else g for g in row]
        out.append(array_ops.reshape(join_ops.stack(row), shape))
    return out


def batch_jacobian(tape, target, source):
    """`result[b] = jacobian(target[b], source[b])`, for rows that do not mix across `b`."""
    t_dims, s_dims = target.shape.as_list(), source.shape.as_list()
    for dims in (t_dims, s_dims):
        if len(dims) < 2:
            raise ValueError(f"Shape {tuple(dims)} must have rank at least 2")
    if t_dims[0] != s_dims[0]:
        raise ValueError(f"Need first dimension of target shape ({tuple(t_dims)}) and source "
                         f"shape ({tuple(s_dims)}) to match.")
    batch, m = t_dims[0], int(np.prod(t_dims[1:], dtype=np.int64))
    shape = [batch] + t_dims[1:] + s_dims[1:]
    reach = backprop.depends_on(tape, [source])
    if id(target) not in reach[0] or m == 0 or batch == 0:
        # NOTE: TF gives zeros (not None) for an unconnected source here.
        return _zeros(shape, source)
    columns = []
    dtype = target.dtype.as_numpy_dtype
    for j in range(m):
        seed = np.zeros((batch, m), dtype)
        seed[:, j] = 1
        (g,) = backprop.backward(tape, [target], [wrap(seed.reshape(t_dims))], [source], reach)
        columns.append(array_ops.zeros_like(source) if g is None else g)
    return array_ops.reshape(join_ops.stack(columns, axis=1), shape)
