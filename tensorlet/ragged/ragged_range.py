"""`tf.ragged.range`: a RaggedTensor of ranges, one row per (start, limit, delta)."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from ..core.tensor import wrap
from . import factories

__all__ = ["range"]


def _range_inputs(starts, limits, deltas, dtype) -> list:
    args = [starts, limits, deltas]
    first = next((a.dtype for a in args if hasattr(a, "_value")), None)
    hint = dtype or first
    if hint is None:
        kinds = [convert.to_array(a).dtype for a in args]
        hint = dtypes._BY_NP[np.result_type(*kinds)] if any(k.kind == "f" for k in kinds) else \
            None
    arrays = [convert.to_array(a, hint) if hint is not None else convert.to_array(a)
              for a in args]
    if len({a.dtype for a in arrays}) > 1:
        names = ", ".join(dtypes._BY_NP[a.dtype].name for a in arrays)
        raise TypeError(f"tf.ragged.range: starts, limits and deltas must have one dtype, got "
                        f"{names}")
    return arrays


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
