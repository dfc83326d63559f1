"""Shape ops: transpose, expand_dims, squeeze, identity, and shape/size/rank as tensors."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes, overrides
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from ..core.tensor import Tensor
from . import array as array_ops
from ._rules import fail

__all__ = ["transpose", "expand_dims", "squeeze", "identity", "shape", "size", "rank"]


def int_attr(value) -> int:
    """An axis given as a Python int, a NumPy integer or a scalar tensor, as an int."""
    if type(value) is int:
        return value
    arr = convert.to_array(value) if isinstance(value, Tensor) else np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "iu":
        raise TypeError(f"expected an integer scalar, got {value!r}")
    return int(arr.reshape(()))


def ints_attr(value) -> tuple:
    """An int, a list of ints or an int tensor, as a tuple of ints."""
    if type(value) is list or type(value) is tuple:
        out = tuple(value)
        if all(type(a) is int for a in out):  # the common case, kept fast
            return out
        if not any(isinstance(a, (list, tuple, np.ndarray)) for a in out):
            return tuple(int(a) for a in out)  # traced dims: their static values, or TypeError
    elif type(value) is int:
        return (value,)
    return tuple(int(a) for a in convert.to_array(value).reshape(-1))


# --- transpose -----------------------------------------------------------------------------

def _check_perm(perm: tuple, rank: int, x: TensorSpec) -> None:
    if len(perm) != rank:
        raise fail("transpose", f"transpose expects a vector of size {rank}. But input(1) is a "
                   f"vector of size {len(perm)}", x)
    for p in perm:
        if not 0 <= p < rank:
            raise fail("transpose", f"{p} is out of range [0 .. {rank})", x)
    for i in range(rank):
        if i not in perm:
            raise fail("transpose", f"{i} is missing from {{{','.join(map(str, perm))}}}.", x)


def _transpose_infer(x: TensorSpec, perm=()) -> TensorSpec:
    dims = x.shape.as_list()
    _check_perm(perm, len(dims), x)
    return TensorSpec([dims[p] for p in perm], x.dtype)


def _transpose_kernel(x, perm=()):
    if len(perm) != x.ndim or sorted(perm) != list(range(x.ndim)):
        raise ValueError("bad perm")
    return np.transpose(x, perm)


TRANSPOSE = def_op(
    "transpose", kernel=_transpose_kernel, infer=_transpose_infer,
    grad=lambda g, y, x, perm=(): (transpose(g, [int(i) for i in np.argsort(perm)]),),
    traits=OPAQUE, attrs={"perm": ()},
)


def transpose(a, perm=None, conjugate=False, name="transpose"):
    """Permutes the axes of `a`: output axis `i` is input axis `perm[i]`.

    Args:
        a: a tensor.
        perm: a permutation of `range(rank)`; None reverses the axes.
        conjugate: also conjugate complex values (a Hermitian transpose).
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: when `perm` is not a permutation of the axes.

    Example:
        >>> import tensorlet as tf
        >>> tf.transpose(tf.constant([[1, 2, 3], [4, 5, 6]])).numpy()
        array([[1, 4],
               [2, 5],
               [3, 6]], dtype=int32)
    """
    if perm is None:
        rank = a.shape.rank if convert.is_tensor_like(a) else np.ndim(a)
        perm = tuple(range(rank - 1, -1, -1))
    y = execute(TRANSPOSE, (a,), {"perm": ints_attr(perm)}, name=name)
    if conjugate and y.dtype.is_complex:
        from . import math as math_ops

        y = math_ops.conj(y)
    return y


# --- expand_dims / squeeze -----------------------------------------------------------------

def _expand_dims_infer(x: TensorSpec, axis=0) -> TensorSpec:
    dims = x.shape.as_list()
    if not -len(dims) - 1 <= axis <= len(dims):
        raise fail("expand_dims", f"Tried to expand dim index {axis} for tensor with "
                   f"{len(dims)} dimensions.", x)
    a = axis % (len(dims) + 1)
    return TensorSpec(dims[:a] + [1] + dims[a:], x.dtype)


EXPAND_DIMS = def_op(
    "expand_dims", tf_name="ExpandDims", kernel=lambda x, axis=0: np.expand_dims(x, axis),
    infer=_expand_dims_infer, grad=lambda g, y, x, axis=0: (squeeze(g, [axis]),),
    traits=OPAQUE, attrs={"axis": 0},
)


def expand_dims(input, axis, name=None):
    """Inserts a length-1 axis at index `axis` (counted from the end when negative).

    Example:
        >>> import tensorlet as tf
        >>> tf.expand_dims(tf.constant([1, 2]), -1).shape
        TensorShape([2, 1])
    """
    axes = ints_attr(axis)
    if len(axes) != 1:
        raise InvalidArgumentError("expand_dims: 'dim' must be a tensor with a single value, "
                                   f"got {axis!r} [Op:ExpandDims]")
    return execute(EXPAND_DIMS, (input,), {"axis": axes[0]}, name=name)


def _squeeze_axes(dims: list, axis: tuple, x: TensorSpec | None = None) -> tuple:
    """The axes to remove, or raises TF's error; `()` means every length-1 axis."""
    rank = len(dims)
    if not axis:
        return tuple(i for i, d in enumerate(dims) if d == 1)
    out = set()
    for a in axis:
        if not -rank <= a < rank:
            raise fail("squeeze", f"Tried to squeeze dim index {a} for tensor with {rank} "
                       "dimensions.", *([x] if x else []))
        a %= rank
        if dims[a] is not None and dims[a] != 1:
            raise fail("squeeze", f"Can not squeeze dim[{a}], expected a dimension of 1, got "
                       f"{dims[a]}", *([x] if x else []))
        out.add(a)
    return tuple(sorted(out))


def _squeeze_infer(x: TensorSpec, axis=()) -> TensorSpec:
    dims = x.shape.as_list()
    if not axis and None in dims:
        raise fail("squeeze", "squeezing every length-1 axis needs a known shape", x)
    drop = _squeeze_axes(dims, axis, x)
    return TensorSpec([d for i, d in enumerate(dims) if i not in drop], x.dtype)


def _squeeze_kernel(x, axis=()):
    if any(not -x.ndim <= a < x.ndim or x.shape[a] != 1 for a in axis):
        raise ValueError("squeeze: bad axis")
    return np.squeeze(x, _squeeze_axes(list(x.shape), axis))


SQUEEZE = def_op(
    "squeeze", kernel=_squeeze_kernel, infer=_squeeze_infer,
    grad=lambda g, y, x, axis=(): (array_ops.reshape(g, x.shape.as_list()),),
    traits=OPAQUE, attrs={"axis": ()},
)


def squeeze(input, axis=None, name=None):
    """Removes length-1 axes: all of them, or those listed in `axis`.

    Raises:
        InvalidArgumentError: when a listed axis does not have length 1 or is out of range.

    Example:
        >>> import tensorlet as tf
        >>> tf.squeeze(tf.zeros([1, 2, 1])).shape
        TensorShape([2])
    """
    axes = () if axis is None else ints_attr(axis)
    return execute(SQUEEZE, (input,), {"axis": axes}, name=name)


# --- identity ------------------------------------------------------------------------------

IDENTITY = def_op(
    "identity", kernel=lambda x: x, infer=lambda x: TensorSpec(x.shape, x.dtype),
    grad=lambda g, y, x: (g,), traits=OPAQUE,
)


def identity(input, name=None):
    """Returns a tensor with the same value as `input` (gradients pass through unchanged).

    Example:
        >>> import tensorlet as tf
        >>> tf.identity([1, 2]).numpy()
        array([1, 2], dtype=int32)
    """
    try:
        return execute(IDENTITY, (input,), name=name)
    except (TypeError, ValueError):
        return overrides.retry("identity", input, name=name)


# --- shape / size / rank -------------------------------------------------------------------

SHAPE = def_op(
    "shape", kernel=lambda x, out_type=dtypes.int32: np.array(x.shape, dtype=out_type._np),
    infer=lambda x, out_type=dtypes.int32: TensorSpec([x.shape.rank], out_type),
    grad=NONDIFF, attrs={"out_type": dtypes.int32},
)
SIZE = def_op(
    "size", kernel=lambda x, out_type=dtypes.int32: np.array(x.size, dtype=out_type._np),
    infer=lambda x, out_type=dtypes.int32: TensorSpec([], out_type),
    grad=NONDIFF, attrs={"out_type": dtypes.int32},
)
RANK = def_op(
    "rank", kernel=lambda x: np.array(x.ndim, dtype=np.int32),
    infer=lambda x: TensorSpec([], dtypes.int32), grad=NONDIFF,
)


def shape(input, out_type=dtypes.int32, name=None):
    """The shape of `input` as a 1-D tensor of `out_type` (int32 by default).

    Example:
        >>> import tensorlet as tf
        >>> tf.shape(tf.zeros([2, 3])).numpy()
        array([2, 3], dtype=int32)
    """
    try:
        return execute(SHAPE, (input,), {"out_type": dtypes.as_dtype(out_type)}, name=name)
    except (TypeError, ValueError):
        return overrides.retry("shape", input, out_type=out_type, name=name)


def size(input, out_type=dtypes.int32, name=None):
    """The number of elements of `input` as a scalar of `out_type` (int32 by default).

    Example:
        >>> import tensorlet as tf
        >>> tf.size(tf.zeros([2, 3])).numpy()
        np.int32(6)
    """
    try:
        return execute(SIZE, (input,), {"out_type": dtypes.as_dtype(out_type)}, name=name)
    except (TypeError, ValueError):
        return overrides.retry("size", input, out_type=out_type, name=name)


def rank(input, name=None):
    """The number of dimensions of `input` as an int32 scalar.

    Example:
        >>> import tensorlet as tf
        >>> tf.rank(tf.zeros([2, 3])).numpy()
        np.int32(2)
    """
    try:
        return execute(RANK, (input,), name=name)
    except (TypeError, ValueError):
        return overrides.retry("rank", input, name=name)
