"""Segment reductions: segment_sum/mean/max/min (sorted ids, output length `ids[-1] + 1`) and
unsorted_segment_sum/mean/max/min (any ids, `num_segments` rows, negative ids dropped).

unsorted_segment_sum is the registry op of tensorlet/ops/array_index.py (gather's gradient);
unsorted_segment_mean is a composite of it. The max/min gradients split `g` equally between
the elements that tie for a segment's extreme, as TF's do.
"""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import array_index, array_shape, math_cast, math_compare
from . import math as math_ops
from ._rules import fail

__all__ = ["segment_sum", "segment_mean", "segment_max", "segment_min", "unsorted_segment_sum",
           "unsorted_segment_mean", "unsorted_segment_max", "unsorted_segment_min"]

_SUMMABLE = dtypes.NUMERIC
_ORDERED = dtypes.REALS
_IDS = frozenset({dtypes.int32, dtypes.int64})


def _check_ids_dtype(op: str, ids: TensorSpec, allowed=_IDS) -> None:
    if ids.dtype not in allowed:
        names = ", ".join(sorted(d.name for d in allowed))
        raise fail(op, f"Value for attr 'Tindices' of {ids.dtype.name} is not in the list of "
                   f"allowed values: {names}", ids)


def _extreme(dtype: np.dtype, largest: bool):
    info = np.finfo(dtype) if dtype.kind == "f" else np.iinfo(dtype)
    return info.max if largest else info.min


def _reduce_into(op: str, out, data, ids, how: str):
    """Adds (or maxes/mins) the rows of `data` into `out` at `ids` (negative ids dropped)."""
    keep = ids >= 0
    if not keep.all():
        data, ids = data[keep], ids[keep]
    ufunc = {"sum": np.add, "max": np.maximum, "min": np.minimum}[how]
    ufunc.at(out, ids, data)
    return out


# --- sorted segments -------------------------------------------------------------------------

def _sorted_count(op: str, data, ids) -> int:
    """The number of segments; raises TF's error for ids that are not sorted or in range."""
    if ids.dtype.kind not in "iu" or ids.ndim != 1 or data.ndim == 0 or \
            ids.shape[0] != data.shape[0]:
        raise ValueError(f"{op}: bad segment ids")
    n = int(ids[-1]) + 1 if ids.size else 0
    if ids.size and ids[0] < 0:
        raise InvalidArgumentError(f"{op}: Segment id {int(ids[0])} out of range [0, {n}), "
                                   "possibly because 'segment_ids' input is not sorted.")
    if ids.size > 1 and (ids[1:] < ids[:-1]).any():
        raise InvalidArgumentError(f"{op}: segment ids are not increasing")
    return n


def _sorted_kernel(how: str, op: str):
    def kernel(data, ids):
        n = _sorted_count(op, data, ids)
        out = np.zeros((n,) + data.shape[1:], data.dtype)
        if how in ("sum", "mean"):
            _reduce_into(op, out, data, ids, "sum")
        else:
            out[...] = _extreme(data.dtype, how == "min")
            _reduce_into(op, out, data, ids, how)
            out[np.bincount(ids, minlength=n) == 0] = 0  # empty segments are 0 in TF
        if how == "mean":
            counts = np.maximum(np.bincount(ids, minlength=n), 1)
            counts = counts.reshape((n,) + (1,) * (data.ndim - 1)).astype(out.dtype)
            out = np.trunc(out / counts).astype(out.dtype) if out.dtype.kind in "iu" else \
                (out / counts).astype(out.dtype)
        return out

    return kernel


def _sorted_infer(op: str):
    def infer(data: TensorSpec, ids: TensorSpec) -> TensorSpec:
        _check_ids_dtype(op, ids)
        if ids.shape.rank is not None and ids.shape.rank != 1:
            raise fail(op, "segment_ids should be a vector.", ids)
        if data.shape.rank == 0:
            raise fail(op, "input must be at least rank 1", data)
        if data.shape.rank is None:
            return TensorSpec(None, data.dtype)
        lead, n = data.shape.as_list()[0], ids.shape.as_list()[0] if ids.shape.rank else None
        if lead is not None and n is not None and lead != n:
            raise fail(op, "segment_ids should be the same size as dimension 0 of input.",
                       data, ids)
        return TensorSpec([None] + data.shape.as_list()[1:], data.dtype)

    return infer


def _extreme_grad(g, y, data, ids, gather, count_selected):
    """TF's max/min gradient: `g` split equally between the elements equal to the result."""
    selected = math_compare.equal(data, gather(y, ids))
    num_selected = count_selected(math_cast.cast(selected, g.dtype))
    gathered_g = gather(math_ops.divide(g, num_selected), ids)
    return (math_compare.where(selected, gathered_g, array_ops.zeros_like(data)), None)


def _sorted_extreme_grad(g, y, data, ids):
    return _extreme_grad(g, y, data, ids, array_index.gather, lambda sel: segment_sum(sel, ids))


def _segment_mean_grad(g, y, data, ids):
    counts = segment_sum(array_ops.ones_like(ids, dtype=g.dtype), ids)
    counts = array_index.gather(counts, ids)
    counts = array_ops.reshape(counts, [-1] + [1] * (data.shape.rank - 1))
    return (math_ops.divide(array_index.gather(g, ids), counts), None)


def _sorted_op(name: str, how: str, grad, allowed):
    return def_op(name, kernel=_sorted_kernel(how, name), infer=_sorted_infer(name), grad=grad,
                  traits=OPAQUE, dtype_group=(0,), allowed=allowed, fresh=True, quiet=True)


SEGMENT_SUM = _sorted_op("segment_sum", "sum",
                         lambda g, y, data, ids: (array_index.gather(g, ids), None), _SUMMABLE)
SEGMENT_MEAN = _sorted_op("segment_mean", "mean", _segment_mean_grad, _SUMMABLE)
SEGMENT_MAX = _sorted_op("segment_max", "max", _sorted_extreme_grad, _ORDERED)
SEGMENT_MIN = _sorted_op("segment_min", "min", _sorted_extreme_grad, _ORDERED)


# --- unsorted segments -----------------------------------------------------------------------

def _unsorted_kernel(how: str, op: str):
    def kernel(data, ids, num_segments=0):
        if ids.dtype.kind not in "iu" or data.shape[:ids.ndim] != ids.shape:
            raise ValueError(f"{op}: bad segment ids")
        too_big = ids >= num_segments
        if too_big.any():
            flat = int(np.argmax(too_big.reshape(-1)))
            raise InvalidArgumentError(f"{op}: segment_ids[{flat}] = {int(ids.reshape(-1)[flat])}"
                                       f" is out of range [0, {num_segments})")
        out = np.full((num_segments,) + data.shape[ids.ndim:], _extreme(data.dtype, how == "min"),
                      data.dtype)
        return _reduce_into(op, out, data.reshape((-1,) + out.shape[1:]), ids.reshape(-1), how)

    return kernel


def _unsorted_infer(op: str):
    def infer(data: TensorSpec, ids: TensorSpec, num_segments=0) -> TensorSpec:
        _check_ids_dtype(op, ids)
        if data.shape.rank is None or ids.shape.rank is None:
            return TensorSpec(None, data.dtype)
        if not ids.shape.is_compatible_with(data.shape.as_list()[:ids.shape.rank]):
            raise fail(op, f"data.shape = {data.shape.as_list()} does not start with "
                       f"segment_ids.shape = {ids.shape.as_list()}", data, ids)
        return TensorSpec([num_segments] + data.shape.as_list()[ids.shape.rank:], data.dtype)

    return infer


def _unsorted_extreme_grad(g, y, data, ids, num_segments=0):
    return _extreme_grad(g, y, data, ids, array_index.gather_dropping_negatives,
                         lambda sel: unsorted_segment_sum(sel, ids, num_segments))


def _unsorted_op(name: str, how: str):
    return def_op(name, kernel=_unsorted_kernel(how, name), infer=_unsorted_infer(name),
                  grad=_unsorted_extreme_grad, traits=OPAQUE, attrs={"num_segments": 0},
                  dtype_group=(0,), allowed=_ORDERED, fresh=True)


UNSORTED_SEGMENT_MAX = _unsorted_op("unsorted_segment_max", "max")
UNSORTED_SEGMENT_MIN = _unsorted_op("unsorted_segment_min", "min")


def _num_segments(num_segments) -> int:
    """`num_segments` (a Python int or an int32/int64 scalar tensor) as a non-negative int."""
    if isinstance(num_segments, float):
        raise TypeError(f"Cannot convert {num_segments!r} to EagerTensor of dtype int32")
    dtype = getattr(num_segments, "dtype", None)
    if dtype is not None and dtype not in _IDS:
        raise InvalidArgumentError(f"Value for attr 'Tnumsegments' of {dtype.name} is not in "
                                   "the list of allowed values: int32, int64")
    n = array_shape.int_attr(num_segments)
    if n < 0:
        raise InvalidArgumentError(f"Input num_segments == {n} must not be negative.")
    return n


def _check_data(op: str, data) -> None:
    if data.dtype not in _SUMMABLE:
        raise InvalidArgumentError(f"{op}: Value for attr 'T' of {data.dtype.name} is not in "
                                   "the list of allowed values: the numeric dtypes")


# --- public functions ------------------------------------------------------------------------

def segment_sum(data, segment_ids, name=None):
    """Sums the rows of `data` by sorted `segment_ids`: `output[i] = sum(data[j] for ids[j] ==
    i)`; the output has `segment_ids[-1] + 1` rows and rows with no id are 0.

    Args:
        data: a numeric tensor of rank >= 1.
        segment_ids: a sorted 1-D int32/int64 tensor with one id per row of `data`.
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for ids that are not sorted, negative, of the wrong length, rank
            or dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.segment_sum(tf.constant([1., 2., 3.]), tf.constant([0, 0, 2])).numpy()
        array([3., 0., 3.], dtype=float32)
    """
    return execute(SEGMENT_SUM, (data, segment_ids), name=name)


def segment_mean(data, segment_ids, name=None):
    """Averages the rows of `data` by sorted `segment_ids` (rows with no id are 0; integer
    means round toward zero). See `segment_sum` for the arguments and errors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.segment_mean(tf.constant([1., 2., 3.]), tf.constant([0, 0, 1])).numpy()
        array([1.5, 3. ], dtype=float32)
    """
    return execute(SEGMENT_MEAN, (data, segment_ids), name=name)


def segment_max(data, segment_ids, name=None):
    """The largest row of `data` per sorted segment id (rows with no id are 0); real dtypes
    only. See `segment_sum` for the arguments and errors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.segment_max(tf.constant([1., 5., 3.]), tf.constant([0, 0, 1])).numpy()
        array([5., 3.], dtype=float32)
    """
    return execute(SEGMENT_MAX, (data, segment_ids), name=name)


def segment_min(data, segment_ids, name=None):
    """The smallest row of `data` per sorted segment id (rows with no id are 0); real dtypes
    only. See `segment_sum` for the arguments and errors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.segment_min(tf.constant([1., 5., 3.]), tf.constant([0, 0, 1])).numpy()
        array([1., 3.], dtype=float32)
    """
    return execute(SEGMENT_MIN, (data, segment_ids), name=name)


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """Sums the slices of `data` by `segment_ids` into `num_segments` rows; negative ids are
    dropped and rows with no id are 0.

    Args:
        data: a numeric tensor.
        segment_ids: an int16/int32/int64 tensor whose shape is a prefix of `data.shape`.
        num_segments: the number of rows of the output (an int or an integer scalar tensor).
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for an id >= num_segments, a negative num_segments, or ids whose
            shape is not a prefix of `data.shape`.
        TypeError: for a float num_segments.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.unsorted_segment_sum(tf.constant([1, 2, 3]), tf.constant([2, 0, 2]), 3).numpy()
        array([2, 0, 4], dtype=int32)
    """
    n = _num_segments(num_segments)
    data = convert.convert_to_tensor(data)
    _check_data("unsorted_segment_sum", data)
    ids = convert.convert_to_tensor(segment_ids)
    return execute(array_index.SEGMENT_SUM, (data, ids), {"num_segments": n}, name=name)


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """Averages the slices of `data` by `segment_ids` into `num_segments` rows (`sum / max(count,
    1)`, so rows with no id are 0 and integers divide as `truediv`). See
    `unsorted_segment_sum` for the arguments and errors.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.constant([1., 2., 4.])
        >>> tf.math.unsorted_segment_mean(x, tf.constant([1, 1, 0]), 3).numpy()
        array([4. , 1.5, 0. ], dtype=float32)
    """
    if isinstance(num_segments, float):
        raise InvalidArgumentError("Value for attr 'Tnumsegments' of float is not in the list "
                                   "of allowed values: int32, int64")
    data = convert.convert_to_tensor(data)
    ids = convert.convert_to_tensor(segment_ids)
    total = unsorted_segment_sum(data, ids, num_segments)
    count = unsorted_segment_sum(array_ops.ones_like(ids, dtype=data.dtype), ids, num_segments)
    for _ in range(data.shape.rank - ids.shape.rank):
        count = array_shape.expand_dims(count, -1)
    count = math_ops.maximum(count, array_ops.ones_like(count))
    return math_ops.truediv(total, count, name=name)


def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    """The largest slice of `data` per id among `num_segments` rows; negative ids are dropped
    and rows with no id hold the dtype's lowest value. See `unsorted_segment_sum` for the
    arguments and errors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.unsorted_segment_max(tf.constant([1, 5, 3]), tf.constant([1, 1, 0]), 2).numpy()
        array([3, 5], dtype=int32)
    """
    return execute(UNSORTED_SEGMENT_MAX, (data, segment_ids),
                   {"num_segments": _num_segments(num_segments)}, name=name)


def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    """The smallest slice of `data` per id among `num_segments` rows; negative ids are dropped
    and rows with no id hold the dtype's largest value. See `unsorted_segment_sum` for the
    arguments and errors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.unsorted_segment_min(tf.constant([1, 5, 3]), tf.constant([1, 1, 0]), 2).numpy()
        array([3, 1], dtype=int32)
    """
    return execute(UNSORTED_SEGMENT_MIN, (data, segment_ids),
                   {"num_segments": _num_segments(num_segments)}, name=name)
