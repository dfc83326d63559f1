"""Array ops: reshape, broadcast_to and indexing (strided slices)."""

from __future__ import annotations

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import dtypes
from ..core.dispatch import execute
from ..core.indexing import normalize_key
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ._rules import fail

__all__ = ["reshape", "broadcast_to", "strided_slice_key", "zeros_like", "ones_like"]


def shape_attr(shape) -> tuple:
    """A user's shape (list, tuple, TensorShape, ndarray or tensor) as a tuple of ints."""
    value = getattr(shape, "_value", None)
    if value is not None:
        shape = value.tolist()
    elif isinstance(shape, np.ndarray):
        shape = shape.tolist()
    elif isinstance(shape, TensorShape):
        shape = shape.as_list()
    if isinstance(shape, (int, np.integer)):
        shape = [shape]
    return tuple(-1 if d is None else int(d) for d in shape)


# --- reshape -------------------------------------------------------------------------------

def _reshape_infer(x: TensorSpec, shape=()) -> TensorSpec:
    if list(shape).count(-1) > 1:
        raise fail("reshape", f"only one input size may be -1, not both, in shape {list(shape)}")
    known = [d for d in shape if d != -1]
    if any(d < -1 for d in shape):
        raise fail("reshape", f"size {min(shape)} must be non-negative, in shape {list(shape)}")
    n = x.shape.num_elements()
    if n is None:
        return TensorSpec([None if d == -1 else d for d in shape], x.dtype)
    prod = int(np.prod(known)) if known else 1
    if -1 in shape:
        if prod == 0 or n % prod:
            raise fail("reshape", f"Input to reshape is a tensor with {n} values, but the "
                       f"requested shape requires a multiple of {prod}", x)
        return TensorSpec([n // prod if d == -1 else d for d in shape], x.dtype)
    if prod != n:
        raise fail("reshape", f"Input to reshape is a tensor with {n} values, but the "
                   f"requested shape has {prod}", x)
    return TensorSpec(shape, x.dtype)


RESHAPE = def_op(
    "reshape", kernel=lambda x, shape=(): np.reshape(x, shape), infer=_reshape_infer,
    grad=lambda g, y, x, shape=(): (reshape(g, x.shape.as_list()),),
    traits=OPAQUE, attrs={"shape": ()},
)


def reshape(tensor, shape, name=None):
    """Returns `tensor` with a new shape holding the same elements; one dim may be -1.

    Example:
        >>> import tensorlet as tf
        >>> tf.reshape(tf.range(6), [2, -1]).shape
        TensorShape([2, 3])
    """
    return execute(RESHAPE, (tensor,), {"shape": shape_attr(shape)}, name=name)


# --- broadcast_to --------------------------------------------------------------------------

def _broadcast_to_infer(x: TensorSpec, shape=()) -> TensorSpec:
    dims = x.shape.as_list()
    if len(dims) > len(shape):
        raise fail("broadcast_to", f"cannot broadcast a tensor of rank {len(dims)} to shape "
                   f"{list(shape)}", x)
    for have, want in zip(reversed(dims), reversed(shape)):
        if have is not None and have != 1 and have != want:
            raise fail("broadcast_to", f"Incompatible shapes: {dims} vs. {list(shape)}", x)
    return TensorSpec(shape, x.dtype)


BROADCAST_TO = def_op(
    "broadcast_to", tf_name="BroadcastTo", kernel=lambda x, shape=(): np.broadcast_to(x, shape),
    infer=_broadcast_to_infer,
    grad=lambda g, y, x, shape=(): (unbroadcast_mod.unbroadcast(g, x),),
    traits=OPAQUE, attrs={"shape": ()},
)


def broadcast_to(input, shape, name=None):
    """Broadcasts `input` to `shape` with NumPy's rule.

    Example:
        >>> import tensorlet as tf
        >>> tf.broadcast_to(tf.constant([1, 2]), [2, 2]).numpy()
        array([[1, 2],
               [1, 2]], dtype=int32)
    """
    return execute(BROADCAST_TO, (input,), {"shape": shape_attr(shape)}, name=name)


# --- indexing ------------------------------------------------------------------------------

def _slice_shape(dims: list, key: tuple) -> list:
    """The shape `x[key]` has, worked out from the key alone (dims may be None)."""
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if n_real > len(dims):
        raise fail("strided_slice", f"Index out of range using input dim {len(dims)}; input "
                   f"has only {len(dims)} dims")
    if Ellipsis in key:
        i = key.index(Ellipsis)
        key = key[:i] + (slice(None),) * (len(dims) - n_real) + key[i + 1:]
    else:
        key = key + (slice(None),) * (len(dims) - n_real)
    out, axis = [], 0
    for k in key:
        if k is None:
            out.append(1)
            continue
        d = dims[axis]
        if isinstance(k, slice):
            out.append(None if d is None else len(range(*k.indices(d))))
        elif d is not None and not -d <= k < d:
            raise fail("strided_slice", f"slice index {k} of dimension {axis} out of bounds.")
        axis += 1
    return out


def _slice_infer(x: TensorSpec, key=()) -> TensorSpec:
    return TensorSpec(_slice_shape(x.shape.as_list(), key), x.dtype)


def _slice_grad_kernel(g, x, key=()):
    out = np.zeros(x.shape, dtype=g.dtype)
    out[key] = g
    return out


STRIDED_SLICE = def_op(
    "strided_slice", tf_name="StridedSlice", kernel=lambda x, key=(): x[key], infer=_slice_infer,
    grad=lambda g, y, x, key=(): (execute(STRIDED_SLICE_GRAD, (g, x), {"key": key}),),
    traits=OPAQUE, attrs={"key": ()},
)
STRIDED_SLICE_GRAD = def_op(
    "strided_slice_grad", tf_name="StridedSliceGrad", kernel=_slice_grad_kernel,
    infer=lambda g, x, key=(): TensorSpec(x.shape, g.dtype),
    grad=lambda gg, y, g, x, key=(): (execute(STRIDED_SLICE, (gg,), {"key": key}), None),
    traits=OPAQUE, attrs={"key": ()},
)


def strided_slice_key(tensor, key):
    """`tensor[key]` for ints, slices, `...` and `tf.newaxis` (the Tensor `[]` operator).

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
        >>> t[:, 1:].numpy()
        array([[2., 3.],
               [5., 6.]], dtype=float32)
    """
    return execute(STRIDED_SLICE, (tensor,), {"key": normalize_key(key)})


# --- zeros_like / ones_like ----------------------------------------------------------------

def _like_kernel(fill):
    def kernel(x, dtype=None):
        return np.full(x.shape, fill, dtype=x.dtype if dtype is None else dtype._np)

    return kernel


def _like_infer(x: TensorSpec, dtype=None) -> TensorSpec:
    return TensorSpec(x.shape, x.dtype if dtype is None else dtype)


ZEROS_LIKE = def_op("zeros_like", tf_name="ZerosLike", kernel=_like_kernel(0), infer=_like_infer,
                    grad=NONDIFF, attrs={"dtype": None})
ONES_LIKE = def_op("ones_like", tf_name="OnesLike", kernel=_like_kernel(1), infer=_like_infer,
                   grad=NONDIFF, attrs={"dtype": None})


def _dtype_attr(dtype):
    return None if dtype is None else dtypes.as_dtype(dtype)


def zeros_like(input, dtype=None, name=None):
    """A tensor of zeros with the shape (and by default the dtype) of `input`.

    Example:
        >>> import tensorlet as tf
        >>> tf.zeros_like(tf.constant([1., 2.])).numpy()
        array([0., 0.], dtype=float32)
    """
    return execute(ZEROS_LIKE, (input,), {"dtype": _dtype_attr(dtype)}, name=name)


def ones_like(input, dtype=None, name=None):
    """A tensor of ones with the shape (and by default the dtype) of `input`.

    Example:
        >>> import tensorlet as tf
        >>> tf.ones_like(tf.constant([1, 2])).numpy()
        array([1, 1], dtype=int32)
    """
    return execute(ONES_LIKE, (input,), {"dtype": _dtype_attr(dtype)}, name=name)
