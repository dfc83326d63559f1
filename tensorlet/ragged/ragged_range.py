"""`tf.ragged.range`: a RaggedTensor of ranges, one row per (start, limit, delta)."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from ..core.tensor import wrap
from . import factories

__all__ = ["range"]


_ORDER = (dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64)


def _range_inputs(starts, limits, deltas, dtype) -> list:
    """The three arguments in one dtype: `dtype`, else the widest of their inferred dtypes."""
    args = [starts, limits, deltas]
    if dtype is None:
        inferred = [dtypes._BY_NP[convert.to_array(a).dtype] for a in args]
        if any(d not in _ORDER for d in inferred):
            raise TypeError(f"tf.ragged.range: starts, limits and deltas must be int32, int64, "
                            f"float32 or float64; got {', '.join(d.name for d in inferred)}")
        dtype = max(inferred, key=_ORDER.index)
    return [convert.to_array(a, dtype) for a in args]


def range(starts, limits=None, deltas=1, dtype=None, name=None,  # noqa: A001 - TF's name
          row_splits_dtype=dtypes.int64):
    """Row `i` is `range(starts[i], limits[i], deltas[i])`; scalars broadcast.

    Raises:
        InvalidArgumentError: when a delta is 0.

    Example:
        >>> import tensorlet as tf
        >>> tf.ragged.range([3, 0, 2])
        <tf.RaggedTensor [[0, 1, 2], [], [0, 1]]>
    """
    if limits is None:
        starts, limits = 0, starts
    dtype = None if dtype is None else dtypes.as_dtype(dtype)
    s, lim, d = _range_inputs(starts, limits, deltas, dtype)
    if max(s.ndim, lim.ndim, d.ndim) > 1:
        raise ValueError("tf.ragged.range: starts, limits and deltas must be scalars or vectors")
    s, lim, d = np.broadcast_arrays(np.atleast_1d(s), np.atleast_1d(lim), np.atleast_1d(d))
    if (d == 0).any():
        raise InvalidArgumentError("Requires delta != 0 [Op:RaggedRange]")
    with np.errstate(all="ignore"):
        sizes = np.maximum(np.ceil((lim.astype(np.float64) - s) / d), 0).astype(np.int64)
    values = [s[i] + np.arange(n, dtype=np.int64).astype(s.dtype) * d[i]
              for i, n in enumerate(sizes.tolist())]
    flat = np.concatenate(values).astype(s.dtype) if values else np.zeros(0, s.dtype)
    splits = np.concatenate([[0], np.cumsum(sizes)]).astype(dtypes.as_dtype(row_splits_dtype)._np)
    return factories.make(wrap(flat), splits)
