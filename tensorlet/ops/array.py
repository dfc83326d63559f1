"""Array ops: reshape, broadcast_to, indexing (`t[...]`, strided_slice, slice), zeros/ones_like."""

from __future__ import annotations

import builtins

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.indexing import normalize_key
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ..core.tensor import Tensor
from ._rules import fail
from ._split import forward_to

__all__ = ["reshape", "broadcast_to", "strided_slice_key", "strided_slice", "slice", "zeros_like",
           "ones_like"]


def shape_attr(shape) -> tuple:
    """A user's shape (list, tuple, TensorShape, ndarray or tensor) as a tuple of ints."""
    if type(shape) is list or type(shape) is tuple:
        out = tuple(shape)
        if all(type(d) is int for d in out):  # the common case, kept fast
            return out
    value = getattr(shape, "_value", None)
    if value is not None:
        shape = value.tolist()
    elif isinstance(shape, Tensor):  # traced: its static value, or TypeError (static_value.py)
        shape = convert.to_array(shape).tolist()
    elif isinstance(shape, np.ndarray):
        shape = shape.tolist()
    elif isinstance(shape, TensorShape):
        if not shape.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {shape} to a "
                             f"Tensor; use tf.shape(x) for the dims known at run time.")
        shape = shape.as_list()
    if isinstance(shape, (int, np.integer)):
        shape = [shape]
    if any(d is None for d in shape):
        raise TypeError(f"Failed to convert elements of {list(shape)} to Tensor: None is not a "
                        f"dim (an unknown `x.shape[i]`); use tf.shape(x)[i], known at run time.")
    return tuple(int(d) for d in shape)


def static_shape_arg(shape) -> bool:
    """False for a traced shape known only at run time (array_dynamic.py takes those)."""
    if type(shape) is list or type(shape) is tuple:
        if all(type(d) is int for d in shape):
            return True
    elif not isinstance(shape, Tensor):
        return True
    from . import array_dynamic

    return not array_dynamic.is_run_time(shape)


# --- reshape -------------------------------------------------------------------------------

def _reshape_infer(x: TensorSpec, shape=()) -> TensorSpec:
    unknown = [i for i, d in enumerate(shape) if d == -1]
    if len(unknown) > 1:
        raise fail("reshape", f"Only one input size may be -1, not both {unknown[0]} and "
                   f"{unknown[1]}, in shape {list(shape)}", x)
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
    if not static_shape_arg(shape):
        from . import array_dynamic

        return array_dynamic.reshape(tensor, shape)
    return execute(RESHAPE, (tensor,), {"shape": shape_attr(shape)}, name=name)


# --- broadcast_to --------------------------------------------------------------------------

def _broadcast_to_infer(x: TensorSpec, shape=()) -> TensorSpec:
    dims = x.shape.as_list()
    if len(dims) > len(shape):
        raise fail("broadcast_to", f"cannot broadcast a tensor of rank {len(dims)} to shape "
                   f"{list(shape)}", x)
    for have, want in zip(reversed(dims), reversed(shape)):
        if have is not None and have != 1 and have != want:
            raise fail("broadcast_to", f"Incompatible shapes: [{','.join(map(str, dims))}] vs. "
                       f"[{','.join(map(str, shape))}]", x)
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
    if not static_shape_arg(shape):
        from . import array_dynamic

        return array_dynamic.broadcast_to(input, shape)
    return execute(BROADCAST_TO, (input,), {"shape": shape_attr(shape)}, name=name)


# --- indexing ------------------------------------------------------------------------------
# NOTE: a key attr is a tuple of ints, None (newaxis), Ellipsis and (start, stop, step) tuples
# for slices: slice objects are not hashable before Python 3.12.
_SLICE = builtins.slice  # `slice` below is tf.slice


def _encode_key(key: tuple) -> tuple:
    return tuple([(k.start, k.stop, k.step) if type(k) is _SLICE else k for k in key])


def _decode_key(key: tuple) -> tuple:
    return tuple([_SLICE(*k) if type(k) is tuple else k for k in key])


def _expand_ellipsis(key: tuple, rank: int, x: TensorSpec) -> tuple:
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if n_real and rank == 0:
        raise fail("strided_slice", "Attempting to slice scalar input.", x)
    if n_real > rank:
        raise fail("strided_slice", f"Index out of range using input dim {rank}; input has "
                   f"only {rank} dims", x)
    if Ellipsis in key:
        i = key.index(Ellipsis)
        return key[:i] + ((None, None, None),) * (rank - n_real) + key[i + 1:]
    return key + ((None, None, None),) * (rank - n_real)


def _slice_shape(x: TensorSpec, key: tuple) -> list:
    """The shape `x[key]` has, worked out from the encoded key alone (dims may be None)."""
    dims = x.shape.as_list()
    out, axis = [], 0
    for k in _expand_ellipsis(key, len(dims), x):
        if k is None:
            out.append(1)
            continue
        d = dims[axis]
        if type(k) is tuple:
            if k[2] == 0:
                raise fail("strided_slice", f"strides[{axis}] must be non-zero", x)
            out.append(None if d is None else len(range(*_SLICE(*k).indices(d))))
        elif d is not None and not -d <= k < d:
            shown = k + d if k < 0 else k
            raise fail("strided_slice", f"slice index {shown} of dimension {axis} out of bounds.",
                       x)
        axis += 1
    return out


def _slice_infer(x: TensorSpec, key=()) -> TensorSpec:
    return TensorSpec(_slice_shape(x, key), x.dtype)


def _slice_grad_kernel(g, x, key=()):
    out = np.zeros(x.shape, dtype=g.dtype)
    out[_decode_key(key)] = g
    return out


STRIDED_SLICE = def_op(
    "strided_slice", tf_name="StridedSlice", kernel=lambda x, key=(): x[_decode_key(key)],
    infer=_slice_infer,
    grad=lambda g, y, x, key=(): (execute(STRIDED_SLICE_GRAD, (g, x), {"key": key}),),
    traits=OPAQUE, attrs={"key": ()},
)
STRIDED_SLICE_GRAD = def_op(
    "strided_slice_grad", tf_name="StridedSliceGrad", kernel=_slice_grad_kernel,
    infer=lambda g, x, key=(): TensorSpec(x.shape, g.dtype),
    grad=lambda gg, y, g, x, key=(): (execute(STRIDED_SLICE, (gg,), {"key": key}), None),
    traits=OPAQUE, attrs={"key": ()},
)


def _is_bool_key(key) -> bool:
    dtype = getattr(key, "dtype", None)
    return isinstance(key, (bool, np.bool_)) or (dtype is not None and dtype == dtypes.bool)


def strided_slice_key(tensor, key):
    """`tensor[key]` for ints, slices, `...`, `tf.newaxis`, scalar int tensors and bool masks.

    A list key is read as a tuple (TF's rule: `t[[0, 1]]` is `t[0, 1]`); a bool tensor key is
    a `tf.boolean_mask`.

    Raises:
        TypeError: for float, nested-list and non-scalar int tensor indices.
        InvalidArgumentError: for indices out of range.

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
        >>> t[:, 1:].numpy()
        array([[2., 3.],
               [5., 6.]], dtype=float32)
    """
    if _is_bool_key(key):
        from . import array_mask

        return array_mask.boolean_mask(tensor, key)
    parts = key if isinstance(key, tuple) else (key,)
    if any(_is_symbolic_index(k) or _run_time_slice(k) for k in parts):
        return _traced_index(tensor, parts)
    return execute(STRIDED_SLICE, (tensor,), {"key": _encode_key(normalize_key(key))})


def _is_symbolic_index(k) -> bool:
    """A scalar integer tensor whose value is unknown while tracing (`x[i]` in a loop)."""
    return (isinstance(k, Tensor) and not hasattr(k, "_value") and k.shape.rank == 0
            and k.dtype.is_integer)


def _run_time_slice(k) -> bool:
    if type(k) is not builtins.slice or all(
            b is None or type(b) is int for b in (k.start, k.stop, k.step)):
        return False
    from . import array_dynamic

    return array_dynamic.has_run_time_bound(k)


def _traced_index(tensor, parts: tuple):
    """`tensor[parts]` with traced scalar indices or slice bounds: those become run-time
    slices of their axis (array_dynamic.py), the other parts static strided slices."""
    from . import array_dynamic, array_shape

    rank = tensor.shape.rank
    n_real = sum(1 for k in parts if k is not None and k is not Ellipsis)
    axis, out = 0, tensor
    for k in parts:
        if k is Ellipsis:
            axis += rank - n_real
        elif k is None:
            out = array_shape.expand_dims(out, axis)
            axis += 1
        elif _is_symbolic_index(k):
            out = array_dynamic.index_axis(out, k, axis)
        elif _run_time_slice(k):
            out = array_dynamic.slice_axis(out, k, axis)
            axis += 1
        else:
            out = strided_slice_key(out, (builtins.slice(None),) * axis + (k,))
            axis += isinstance(k, builtins.slice)
    return out


def _mask_bits(mask: int, n: int) -> list:
    return [bool(int(mask) >> i & 1) for i in range(n)]


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """Extracts a strided slice, TF's low-level form of `input_[begin:end:strides]`.

    Bit `i` of a mask applies to entry `i` of `begin`/`end`/`strides`: `begin_mask`/`end_mask`
    ignore that bound, `ellipsis_mask` makes the entry `...`, `new_axis_mask` makes it
    `tf.newaxis` and `shrink_axis_mask` makes it the single index `begin[i]`.

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1, 2, 3], [4, 5, 6]])
        >>> tf.strided_slice(t, [0, 0], [2, 3], [1, 2]).numpy()
        array([[1, 3],
               [4, 6]], dtype=int32)
    """
    begin, end = shape_attr(begin), shape_attr(end)
    strides = (1,) * len(begin) if strides is None else shape_attr(strides)
    if not len(begin) == len(end) == len(strides):
        raise InvalidArgumentError(f"strided_slice: begin, end and strides must have one length,"
                                   f" got {list(begin)}, {list(end)} and {list(strides)}")
    n = len(begin)
    masks = [_mask_bits(m, n) for m in (begin_mask, end_mask, ellipsis_mask, new_axis_mask,
                                        shrink_axis_mask)]
    key = []
    for i in range(n):
        b_off, e_off, is_ellipsis, is_new, is_shrink = (m[i] for m in masks)
        if is_ellipsis:
            key.append(Ellipsis)
        elif is_new:
            key.append(None)
        elif is_shrink:
            key.append(begin[i])
        else:
            key.append(_SLICE(None if b_off else begin[i], None if e_off else end[i], strides[i]))
    return execute(STRIDED_SLICE, (input_,), {"key": _encode_key(normalize_key(tuple(key)))},
                   name=name)


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's public name
    """Extracts the block of `size` starting at `begin`; a size of -1 takes the rest of a dim.

    Raises:
        InvalidArgumentError: when `begin`/`size` do not match the rank or leave the input.

    Example:
        >>> import tensorlet as tf
        >>> tf.slice(tf.constant([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, -1]).numpy()
        array([[2, 3],
               [5, 6]], dtype=int32)
    """
    if not convert.is_tensor_like(input_):
        input_ = convert.convert_to_tensor(input_)
    if not (static_shape_arg(begin) and static_shape_arg(size)):
        return _run_time_slice_block(input_, begin, size)
    begin, size = shape_attr(begin), shape_attr(size)
    dims = input_.shape.as_list()
    if not len(begin) == len(size) == len(dims):
        raise InvalidArgumentError(
            f"Expected begin and size arguments to be 1-D tensors of size {len(dims)}, but got "
            f"shapes [{len(begin)}] and [{len(size)}] instead. [Op:Slice]")
    key = []
    for i, (b, s, d) in enumerate(zip(begin, size, dims)):
        if d is not None and not 0 <= b <= d:
            raise InvalidArgumentError(f"Expected begin[{i}] in [0, {d}], but got {b} [Op:Slice]")
        if s == -1:
            key.append((b, None, None))
            continue
        if d is not None and not 0 <= s <= d - b:
            raise InvalidArgumentError(f"Expected size[{i}] in [0, {d - b}], but got {s} "
                                       f"[Op:Slice]")
        key.append((b, b + s, None))
    return execute(STRIDED_SLICE, (input_,), {"key": tuple(key)}, name=name)


def _run_time_slice_block(x, begin, size):
    """tf.slice with `begin`/`size` known only at run time: one run-time slice per axis (a size
    of -1 still takes the rest of the axis)."""
    from . import array_dynamic, array_shape
    from . import math as math_ops

    rank = x.shape.rank
    begin = array_dynamic.shape_tensor(begin)
    size = array_dynamic.shape_tensor(size)
    if begin.shape.as_list() != [rank] or size.shape.as_list() != [rank]:
        raise InvalidArgumentError(
            f"Expected begin and size arguments to be 1-D tensors of size {rank}, but got "
            f"shapes {begin.shape.as_list()} and {size.shape.as_list()} instead. [Op:Slice]")
    out = x
    for axis in range(rank):
        b, n = begin[axis], size[axis]
        dim = array_shape.shape(out, out_type=n.dtype)[axis]
        stop = math_ops.where(math_ops.equal(n, -1), dim, math_ops.add(b, n))
        out = array_dynamic.slice_axis(out, builtins.slice(b, stop), axis)
    return out


# --- zeros_like / ones_like ----------------------------------------------------------------

def _like_kernel(fill):
    def kernel(x, dtype=None):
        out = x.dtype if dtype is None else dtype._np
        if out.kind == "O":  # strings: zeros are b"", ones do not exist (as in TF)
            if fill:
                raise TypeError("ones_like: no string ones")
            return np.full(x.shape, b"", dtype=object)
        return np.full(x.shape, fill, dtype=out)

    return kernel


def _like_infer(x: TensorSpec, dtype=None) -> TensorSpec:
    return TensorSpec(x.shape, x.dtype if dtype is None else dtype)


def _ones_like_infer(x: TensorSpec, dtype=None) -> TensorSpec:
    spec = _like_infer(x, dtype)
    if spec.dtype is dtypes.string:
        raise fail("ones_like", "Value for attr 'T' of string is not in the list of allowed "
                   "values: ones_like takes numeric and bool tensors", x)
    return spec


ZEROS_LIKE = def_op("zeros_like", tf_name="ZerosLike", kernel=_like_kernel(0), infer=_like_infer,
                    grad=NONDIFF, attrs={"dtype": None})
ONES_LIKE = def_op("ones_like", tf_name="OnesLike", kernel=_like_kernel(1),
                   infer=_ones_like_infer, grad=NONDIFF, attrs={"dtype": None})


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
    dtype = _dtype_attr(dtype)
    if dtype is dtypes.string:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype string")
    return execute(ONES_LIKE, (input,), {"dtype": dtype}, name=name)


# NOTE: imported last, so each split module finds this one complete whichever loads first; the
# import also puts their ops in the registry whenever `array` is loaded.
from . import (  # noqa: E402
    array_arrange,
    array_create,
    array_index,
    array_join,
    array_mask,
    array_shape,
    array_sort,
)

_SPLIT_MODULES = (array_arrange, array_create, array_index, array_join, array_mask, array_shape,
                  array_sort)
__getattr__ = forward_to(__name__, globals(), _SPLIT_MODULES)
