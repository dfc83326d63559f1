"""Reductions: reduce_sum, reduce_mean, reduce_max, reduce_min, reduce_any, reduce_all.

The other reductions live beside this module: `reduce_scan` (cumsum, cumprod, reduce_prod),
`reduce_arg` (argmax, argmin) and `reduce_stats` (reduce_logsumexp, reduce_variance,
reduce_std); their names are reachable as `reduce.<name>` too.

Determinism (FEATURES C9): every reduction runs in one fixed order, whatever the thread count.
float16 and float32 inputs are accumulated in float64 (NumPy's pairwise summation over a
C-contiguous copy, in fixed-size blocks) and the result is rounded once to the input dtype;
float64 and complex inputs use the same order in their own dtype. reduce_prod, cumsum, cumprod
and reduce_logsumexp follow the same rule. NumPy's reductions run on one thread, so results are
bit-identical across runs, `OMP_NUM_THREADS` settings and machines with the same NumPy, and do
not depend on the memory layout of the input. A float32 sum is within 1 ulp of the correctly
rounded sum (`math.fsum`). `reduce_max` and `reduce_min` are exact.

Deliberate difference from TF: because of the float64 accumulator, a float16 sum or mean whose
partial sums leave float16's range still gives the correctly rounded result, where TF gives inf
or nan. Integer means accumulate in (u)int64 and truncate toward zero, exactly as TF does.
"""

from __future__ import annotations

import functools

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, REDUCE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import math as math_ops
from ._rules import fail, reduce_shape
from ._split import forward_to

__all__ = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_any", "reduce_all"]

ACCUMULATE_IN_FLOAT64 = frozenset({np.dtype(np.float16), np.dtype(np.float32)})
_F64 = np.dtype(np.float64)
_BOOL = frozenset({dtypes.bool})


# --- axis handling shared by the reduction modules ----------------------------------------

def axes_attr(axis):
    """Turns the user's axis (None, int, list, ndarray or tensor) into a hashable attribute."""
    if axis is None or type(axis) is int:
        return axis
    value = getattr(axis, "_value", None)
    if value is not None:
        if value.dtype.kind not in "iu":
            raise InvalidArgumentError(
                f"Value for attr 'Tidx' of {value.dtype.name} is not in the list of allowed "
                f"values: int32, int64\nthe axis tensor must be int32 or int64, got {axis!r}")
        axis = value
    if isinstance(axis, np.ndarray):
        axis = axis.tolist()
    if isinstance(axis, (list, tuple)):
        return tuple(_as_int(a, axis) for a in axis)
    return _as_int(axis, axis)


def _as_int(a, axis) -> int:
    if isinstance(a, (bool, np.bool_)) or not isinstance(a, (int, np.integer)):
        raise TypeError(f"Cannot convert {axis!r} to EagerTensor of dtype int32: axis must be "
                        "an integer or a list of integers")
    return int(a)


@functools.lru_cache(maxsize=1024)
def reduction_axes(axis, rank: int) -> tuple:
    """`axis` (None, an int or a tuple) as a sorted tuple of axes in [0, rank).

    Raises:
        ValueError: for an axis out of range or a repeated axis (TF's messages).
    """
    if axis is None:
        return tuple(range(rank))
    axes = (axis,) if isinstance(axis, int) else axis
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"Invalid reduction dimension ({a} for input with {rank} "
                             f"dimension(s); expected an axis in [{-rank}, {rank})")
        if a % rank in out:
            raise ValueError(f"Invalid reduction arguments: Axes contains duplicate dimension: "
                             f"{a % rank}")
        out.append(a % rank)
    return tuple(sorted(out))


def checked_axes(op: str, x: TensorSpec, axis) -> tuple:
    """`reduction_axes` for a shape rule: errors name the op and the input."""
    if x.shape.rank is None:
        raise fail(op, "the input rank must be known", x)
    try:
        return reduction_axes(axis, x.shape.rank)
    except ValueError as e:
        raise fail(op, str(e), x) from None


def reduce_infer(op: str):
    """The shape rule of a reduction: the reduced shape, the input's dtype."""

    def infer(x: TensorSpec, axis=None, keepdims=False) -> TensorSpec:
        axes = checked_axes(op, x, axis)
        return TensorSpec(reduce_shape(x.shape, axes, keepdims), x.dtype)

    return infer


def kept_shape(x, axes: tuple) -> list:
    """The shape of `x` reduced over `axes` with keepdims=True."""
    return [1 if i in axes else d for i, d in enumerate(x.shape.as_list())]


def keep_dims(t, x, axes: tuple, keepdims: bool):
    """Reshapes a reduction's output (or its gradient) `t` to the keepdims=True shape."""
    if keepdims:
        return t
    if x.shape.is_fully_defined():
        return array_ops.reshape(t, kept_shape(x, axes))
    # NOTE: traced with unknown dims (a None batch): insert the reduced axes one by one.
    for a in sorted(axes):
        t = array_ops.expand_dims(t, a)
    return t


def broadcast_like(g, x):
    """`g` broadcast to the shape of `x` (static when known, else by multiplying with ones)."""
    if x.shape.is_fully_defined():
        return array_ops.broadcast_to(g, x.shape.as_list())
    return math_ops.multiply(g, array_ops.ones_like(x, dtype=g.dtype))


def contiguous(x: np.ndarray) -> np.ndarray:
    """A C-ordered `x` (so the summation order does not depend on the memory layout)."""
    return x if x.flags.c_contiguous else np.ascontiguousarray(x)


def _attrs(axis, keepdims) -> dict:
    return {"axis": axes_attr(axis), "keepdims": bool(keepdims)}


_REDUCE_ATTRS = {"axis": None, "keepdims": False}


# --- reduce_sum and reduce_mean -------------------------------------------------------------

def _sum_kernel(x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.ndim)
    if not axes:  # nothing to reduce: the input itself, -0.0 included (as TF)
        return np.array(x)
    if x.dtype in ACCUMULATE_IN_FLOAT64:
        total = np.add.reduce(contiguous(x), axis=axes, dtype=_F64, keepdims=keepdims)
        return total.astype(x.dtype)
    return np.add.reduce(x, axis=axes, dtype=x.dtype, keepdims=keepdims)


def _sum_grad(g, y, x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.shape.rank)
    return (broadcast_like(keep_dims(g, x, axes, keepdims), x),)


def _count(shape: tuple, axes: tuple) -> int:
    n = 1
    for a in axes:
        n *= shape[a]
    return n


def _truncating_divide(total, count: int):
    """Integer division rounding toward zero (C and TF), and 0 for an empty reduction."""
    if count == 0:
        return np.zeros_like(total)
    q = total // count
    if total.dtype.kind == "i":
        q = q + ((q * count != total) & (total < 0))
    return q


def _mean_kernel(x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.ndim)
    if not axes:
        return np.array(x)
    count = _count(x.shape, axes)
    kind = x.dtype.kind
    if kind in "iu":
        total = np.add.reduce(x, axis=axes, dtype=np.int64 if kind == "i" else np.uint64,
                              keepdims=keepdims)
        return np.asarray(_truncating_divide(total, count)).astype(x.dtype)
    acc = _F64 if x.dtype in ACCUMULATE_IN_FLOAT64 else x.dtype
    total = np.add.reduce(contiguous(x), axis=axes, dtype=acc, keepdims=keepdims)
    return (total / acc.type(count)).astype(x.dtype)


def _mean_grad(g, y, x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.shape.rank)
    g = keep_dims(g, x, axes, keepdims)
    if x.shape.is_fully_defined():
        g = math_ops.divide(g, float(_count(tuple(x.shape.as_list()), axes)))
    else:
        count = math_ops.divide(math_ops.cast(array_ops.size(x), g.dtype),
                                math_ops.cast(array_ops.size(y), g.dtype))
        g = math_ops.divide(g, count)
    return (broadcast_like(g, x),)


REDUCE_SUM = def_op(
    "reduce_sum", tf_name="Sum", kernel=_sum_kernel, infer=reduce_infer("reduce_sum"),
    grad=_sum_grad, traits=REDUCE, attrs=_REDUCE_ATTRS, dtype_group=(0,),
    allowed=dtypes.NUMERIC, quiet=True, fresh=True,
)
REDUCE_MEAN = def_op(
    "reduce_mean", tf_name="Mean", kernel=_mean_kernel, infer=reduce_infer("reduce_mean"),
    grad=_mean_grad, traits=REDUCE, attrs=_REDUCE_ATTRS, dtype_group=(0,),
    allowed=dtypes.NUMERIC, quiet=True, fresh=True,
)


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """Sums the elements along `axis` (all axes when None), in a deterministic order.

    Args:
        input_tensor: a numeric tensor.
        axis: None, an int, a list of ints or an integer tensor; negative values count from
            the end.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype (integer sums wrap around like TF's).

    Raises:
        InvalidArgumentError: for an axis out of range, a repeated axis, or a bool or string
            input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_sum(tf.constant([[1, 2], [3, 4]]), axis=0).numpy()
        array([4, 6], dtype=int32)
    """
    return execute(REDUCE_SUM, (input_tensor,), _attrs(axis, keepdims), name=name)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """The mean of the elements along `axis`; integer tensors give a truncated integer mean.

    Args:
        input_tensor: a numeric tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype (NaN for an empty float reduction, 0 for an integer one).

    Raises:
        InvalidArgumentError: for a bad axis, or a bool or string input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_mean(tf.constant([1, 2])).numpy()
        np.int32(1)
        >>> tf.reduce_mean(tf.constant([[1., 2.], [3., 4.]]), axis=1).numpy()
        array([1.5, 3.5], dtype=float32)
    """
    return execute(REDUCE_MEAN, (input_tensor,), _attrs(axis, keepdims), name=name)


# --- reduce_max and reduce_min ---------------------------------------------------------------

def _extremum_kernel(ufunc, is_max: bool):
    def kernel(x, axis=None, keepdims=False):
        axes = reduction_axes(axis, x.ndim)
        if x.size:
            return ufunc.reduce(x, axis=axes, keepdims=keepdims)
        # NOTE: an empty reduction gives the identity, as TF: -inf / the lowest integer for max.
        if x.dtype.kind == "f":
            initial = -np.inf if is_max else np.inf
        else:
            info = np.iinfo(x.dtype)
            initial = info.min if is_max else info.max
        return ufunc.reduce(x, axis=axes, keepdims=keepdims, initial=initial)

    return kernel


def _extremum_grad(g, y, x, axis=None, keepdims=False):
    """TF's rule: the gradient is shared equally among the elements equal to the extremum."""
    axes = reduction_axes(axis, x.shape.rank)
    hits = math_ops.cast(math_ops.equal(x, keep_dims(y, x, axes, keepdims)), g.dtype)
    share = math_ops.divide(hits, reduce_sum(hits, axis=axes, keepdims=True))
    return (math_ops.multiply(share, keep_dims(g, x, axes, keepdims)),)


REDUCE_MAX = def_op(
    "reduce_max", tf_name="Max", kernel=_extremum_kernel(np.maximum, True),
    infer=reduce_infer("reduce_max"), grad=_extremum_grad, traits=REDUCE, attrs=_REDUCE_ATTRS,
    dtype_group=(0,), allowed=dtypes.REALS, quiet=True,
)
REDUCE_MIN = def_op(
    "reduce_min", tf_name="Min", kernel=_extremum_kernel(np.minimum, False),
    infer=reduce_infer("reduce_min"), grad=_extremum_grad, traits=REDUCE, attrs=_REDUCE_ATTRS,
    dtype_group=(0,), allowed=dtypes.REALS, quiet=True,
)


def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    """The maximum along `axis` (exact; NaN propagates). Its gradient is shared among ties.

    Args:
        input_tensor: a real (float or integer) tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype; -inf (or the lowest integer) for an empty reduction.

    Raises:
        InvalidArgumentError: for a bad axis, or a bool, complex or string input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_max(tf.constant([[1., 5.], [3., 4.]]), axis=0).numpy()
        array([3., 5.], dtype=float32)
    """
    return execute(REDUCE_MAX, (input_tensor,), _attrs(axis, keepdims), name=name)


def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    """The minimum along `axis` (exact; NaN propagates). Its gradient is shared among ties.

    Args:
        input_tensor: a real (float or integer) tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype; inf (or the highest integer) for an empty reduction.

    Raises:
        InvalidArgumentError: for a bad axis, or a bool, complex or string input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_min(tf.constant([[1, 5], [3, 4]]), axis=1, keepdims=True).numpy()
        array([[1],
               [3]], dtype=int32)
    """
    return execute(REDUCE_MIN, (input_tensor,), _attrs(axis, keepdims), name=name)


# --- reduce_any and reduce_all ---------------------------------------------------------------

def _logical_op(name, tf_name, ufunc):
    def kernel(x, axis=None, keepdims=False):
        return ufunc.reduce(x, axis=reduction_axes(axis, x.ndim), keepdims=keepdims)

    return def_op(
        name, tf_name=tf_name, kernel=kernel, infer=reduce_infer(name), grad=NONDIFF,
        traits=REDUCE, attrs=_REDUCE_ATTRS, dtype_group=(0,), allowed=_BOOL,
    )


REDUCE_ANY = _logical_op("reduce_any", "Any", np.logical_or)
REDUCE_ALL = _logical_op("reduce_all", "All", np.logical_and)


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """The logical OR of a bool tensor along `axis` (False for an empty reduction).

    Args:
        input_tensor: a bool tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for a bad axis or a non-bool input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_any(tf.constant([[True, False], [False, False]]), axis=1).numpy()
        array([ True, False])
    """
    return execute(REDUCE_ANY, (input_tensor,), _attrs(axis, keepdims), name=name)


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """The logical AND of a bool tensor along `axis` (True for an empty reduction).

    Args:
        input_tensor: a bool tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for a bad axis or a non-bool input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_all(tf.constant([[True, False], [True, True]]), axis=1).numpy()
        array([False,  True])
    """
    return execute(REDUCE_ALL, (input_tensor,), _attrs(axis, keepdims), name=name)


# NOTE: imported last, so each split module finds this one complete whichever loads first; the
# import also puts their ops in the registry whenever `reduce` is loaded.
from . import reduce_arg, reduce_scan, reduce_stats  # noqa: E402

_SPLIT_MODULES = (reduce_scan, reduce_arg, reduce_stats)

__getattr__ = forward_to(__name__, globals(), _SPLIT_MODULES)
