"""Joining and splitting: concat, stack, unstack and split."""

from __future__ import annotations

import numpy as np

from ..core import convert, overrides
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array_shape
from ._rules import fail

__all__ = ["concat", "stack", "unstack", "split"]


def convert_list(values) -> list:
    """Converts Python values among `values` to the dtype of the first tensor among them."""
    values = list(values)
    hint = next((v.dtype for v in values if convert.is_tensor_like(v)), None)
    return [v if convert.is_tensor_like(v)
            else convert.convert_to_tensor(v, dtype_hint=hint) for v in values]


def _check_one_dtype(tf_name: str, specs) -> None:
    first = specs[0].dtype
    for i, s in enumerate(specs):
        if s.dtype is not first:
            raise InvalidArgumentError(
                f"cannot compute {tf_name} as input #{i}(zero-based) was expected to be a "
                f"{first.kernel_name} tensor but is a {s.dtype.kernel_name} tensor "
                f"[Op:{tf_name}]\n{tf_name}: input #0 is {first.name} and input #{i} is "
                f"{s.dtype.name}; convert one of them, e.g. tf.cast(x, tf.{first.name})")


def _same_dtype(arrays) -> bool:
    first = arrays[0].dtype
    return all(a.dtype == first for a in arrays)


def _dims_text(dims) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"


# --- concat --------------------------------------------------------------------------------

def _concat_infer(*specs, axis=0) -> TensorSpec:
    _check_one_dtype("ConcatV2", specs)
    first = specs[0].shape.as_list()
    rank = len(first)
    if rank == 0:
        raise fail("concat", "ConcatOp : Can't concatenate scalars (use tf.stack instead)",
                   *specs)
    if not -rank <= axis < rank:
        raise fail("concat", f"ConcatOp : Expected concatenating dimensions in the range "
                   f"[{-rank}, {rank}), but got {axis}", *specs)
    a = axis % rank
    out = list(first)
    for i, s in enumerate(specs[1:], 1):
        dims = s.shape.as_list()
        if len(dims) != rank:
            raise fail("concat", f"ConcatOp : Ranks of all input tensors should match: shape[0] "
                       f"= {_dims_text(first)} vs. shape[{i}] = {_dims_text(dims)}", *specs)
        for j, (d0, d) in enumerate(zip(first, dims)):
            if j != a and d0 is not None and d is not None and d0 != d:
                raise fail("concat", f"ConcatOp : Dimension {j} in both shapes must be equal: "
                           f"shape[0] = {_dims_text(first)} vs. shape[{i}] = "
                           f"{_dims_text(dims)}", *specs)
        out[a] = None if out[a] is None or dims[a] is None else out[a] + dims[a]
    return TensorSpec(out, specs[0].dtype)


def _concat_kernel(*xs, axis=0):
    if not _same_dtype(xs) or xs[0].ndim == 0 or any(x.ndim != xs[0].ndim for x in xs):
        raise ValueError("concat: bad inputs")
    return np.concatenate(xs, axis=axis)


def _concat_grad(g, y, *xs, axis=0):
    sizes = [x.shape[axis] for x in xs]
    return tuple(split(g, sizes, axis=axis))


CONCAT = def_op(
    "concat", tf_name="ConcatV2", kernel=_concat_kernel, infer=_concat_infer,
    grad=_concat_grad, traits=OPAQUE, attrs={"axis": 0},
)


def concat(values, axis, name="concat"):
    """Joins tensors of one rank and dtype along an existing `axis`.

    Raises:
        InvalidArgumentError: for mixed dtypes or ranks, other dims that differ, or a bad axis.

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1, 2], [3, 4]])
        >>> tf.concat([t, t], axis=1).numpy()
        array([[1, 2, 1, 2],
               [3, 4, 3, 4]], dtype=int32)
    """
    if convert.is_tensor_like(values):
        return array_shape.identity(values, name=name)
    try:
        values = convert_list(values)
    except ValueError:
        return overrides.retry("concat", values, axis, name=name)
    if not values:
        raise InvalidArgumentError("concat: needs at least one tensor, got an empty list "
                                   "[Op:ConcatV2]")
    axis = array_shape.int_attr(axis)
    if len(values) == 1:
        rank = values[0].shape.rank
        if rank is not None and not -max(rank, 1) <= axis < max(rank, 1):
            raise InvalidArgumentError(f"concat: ConcatOp : Expected concatenating dimensions in "
                                       f"the range [{-rank}, {rank}), but got {axis}")
        return array_shape.identity(values[0], name=name)
    return execute(CONCAT, values, {"axis": axis}, name=name)


# --- stack / unstack -----------------------------------------------------------------------

def _stack_infer(*specs, axis=0) -> TensorSpec:
    _check_one_dtype("Pack", specs)
    first = specs[0].shape
    for i, s in enumerate(specs[1:], 1):
        if not s.shape.is_compatible_with(first):
            raise fail("stack", f"Shapes of all inputs must match: values[0].shape = "
                       f"{_dims_text(first.as_list())} != values[{i}].shape = "
                       f"{_dims_text(s.shape.as_list())}", *specs)
    dims = first.as_list()
    a = axis % (len(dims) + 1)
    return TensorSpec(dims[:a] + [len(specs)] + dims[a:], specs[0].dtype)


def _stack_kernel(*xs, axis=0):
    if not _same_dtype(xs) or any(x.shape != xs[0].shape for x in xs):
        raise ValueError("stack: bad inputs")
    return np.stack(xs, axis=axis)


STACK = def_op(
    "stack", tf_name="Pack", kernel=_stack_kernel, infer=_stack_infer,
    grad=lambda g, y, *xs, axis=0: tuple(unstack(g, axis=axis)), traits=OPAQUE,
    attrs={"axis": 0},
)


def _check_axis(axis: int, rank: int) -> int:
    """Python-side axis check that raises TF's ValueError; returns the non-negative axis."""
    if not -rank <= axis < rank:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-rank}, {rank})")
    return axis % rank


def stack(values, axis=0, name="stack"):
    """Stacks tensors of one shape and dtype along a new `axis`.

    Raises:
        ValueError: when `axis` is out of range.
        InvalidArgumentError: for mixed shapes or dtypes.

    Example:
        >>> import tensorlet as tf
        >>> tf.stack([tf.constant([1, 2]), tf.constant([3, 4])], axis=1).numpy()
        array([[1, 3],
               [2, 4]], dtype=int32)
    """
    if convert.is_tensor_like(values):
        return array_shape.identity(values, name=name)
    values = convert_list(values)
    if not values:
        return convert.convert_to_tensor(np.zeros((0,), np.float32))
    rank = values[0].shape.rank
    axis = _check_axis(array_shape.int_attr(axis), rank + 1)
    return execute(STACK, values, {"axis": axis}, name=name)


def _unstack_infer(x: TensorSpec, num=0, axis=0) -> list:
    dims = x.shape.as_list()
    if dims[axis] is not None and dims[axis] != num:
        raise fail("unstack", f"Input shape axis {axis} must equal {num}, got shape "
                   f"{_dims_text(dims)}", x)
    return [TensorSpec(dims[:axis] + dims[axis + 1:], x.dtype)] * num


def _unstack_kernel(x, num=0, axis=0):
    if x.shape[axis] != num:
        raise ValueError("unstack: bad num")
    return tuple(np.moveaxis(x, axis, 0))


def _multi(g) -> list:
    """The output gradients of a multi-output op as a list (the tape passes one output bare)."""
    return list(g) if isinstance(g, (list, tuple)) else [g]


UNSTACK = def_op(
    "unstack", tf_name="Unpack", kernel=_unstack_kernel, infer=_unstack_infer,
    grad=lambda g, y, x, num=0, axis=0: (stack(_multi(g), axis=axis),), traits=OPAQUE,
    attrs={"num": 0, "axis": 0}, num_outputs=-1,
)


def unstack(value, num=None, axis=0, name="unstack"):
    """Splits `value` along `axis` into a list of tensors of one less rank.

    Raises:
        ValueError: when `axis` is out of range, or `num` is None and the dim is unknown.
        InvalidArgumentError: when `num` differs from the length of `axis`.

    Example:
        >>> import tensorlet as tf
        >>> [t.numpy().tolist() for t in tf.unstack(tf.constant([[1, 2], [3, 4]]), axis=1)]
        [[1, 3], [2, 4]]
    """
    if not convert.is_tensor_like(value):
        value = convert.convert_to_tensor(value)
    dims = value.shape.as_list()
    axis = _check_axis(array_shape.int_attr(axis), len(dims))
    if num is None:
        num = dims[axis]
        if num is None:
            raise ValueError(f"Cannot infer argument `num` from shape {value.shape}")
    return list(execute(UNSTACK, (value,), {"num": int(num), "axis": axis}, name=name))


# --- split ---------------------------------------------------------------------------------

def _split_sizes(dim, splits, axis: int, rank: int, *specs) -> list:
    """The size of each piece (None where unknown), or raises TF's error."""
    if not -rank <= axis < rank:
        raise fail("split", f"-input rank(-{rank}) <= split_dim < input rank ({rank}), but got "
                   f"{axis}", *specs)
    if isinstance(splits, int):
        if splits < 1:
            raise fail("split", f"Value for attr 'num_split' of {splits} must be at least "
                       "minimum 1", *specs)
        if dim is not None and dim % splits:
            raise fail("split", f"Number of ways to split should evenly divide the split "
                       f"dimension, but got split_dim {axis} (size = {dim}) and num_split "
                       f"{splits}", *specs)
        return [None if dim is None else dim // splits] * splits
    if list(splits).count(-1) > 1:
        raise fail("split", "There can only be one -1 in the input.", *specs)
    known = sum(s for s in splits if s != -1)
    if dim is not None and (known > dim or (-1 not in splits and known != dim)):
        raise fail("split", "Determined shape must either match input shape along split_dim "
                   "exactly if fully specified, or be less than the size of the input along "
                   f"split_dim if not fully specified.  Got: {known}", *specs)
    rest = None if dim is None else dim - known
    return [rest if s == -1 else s for s in splits]


def _split_infer(x: TensorSpec, splits=1, axis=0) -> list:
    dims = x.shape.as_list()
    sizes = _split_sizes(dims[axis] if -len(dims) <= axis < len(dims) else None, splits, axis,
                         len(dims), x)
    a = axis % len(dims)
    return [TensorSpec(dims[:a] + [s] + dims[a + 1:], x.dtype) for s in sizes]


def _split_kernel(x, splits=1, axis=0):
    try:
        sizes = _split_sizes(x.shape[axis], splits, axis, x.ndim)
    except InvalidArgumentError:
        raise ValueError("split: bad sizes") from None  # the shape rule names the problem
    return tuple(np.split(x, np.cumsum(sizes[:-1]), axis=axis))


SPLIT = def_op(
    "split", tf_name="SplitV", kernel=_split_kernel, infer=_split_infer,
    grad=lambda g, y, x, splits=1, axis=0: (concat(_multi(g), axis),), traits=OPAQUE,
    attrs={"splits": 1, "axis": 0}, num_outputs=-1,
)


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Splits `value` along `axis` into equal pieces (an int) or pieces of given sizes (a list,
    where one size may be -1 for the rest).

    Raises:
        InvalidArgumentError: when the pieces do not fit the dimension.

    Example:
        >>> import tensorlet as tf
        >>> [t.numpy().tolist() for t in tf.split(tf.range(5), [2, -1])]
        [[0, 1], [2, 3, 4]]
    """
    v = getattr(num_or_size_splits, "_value", num_or_size_splits)
    if np.ndim(v) == 0:
        splits = array_shape.int_attr(v)
    else:
        splits = array_shape.ints_attr(v)
    attrs = {"splits": splits, "axis": array_shape.int_attr(axis)}
    return list(execute(SPLIT, (value,), attrs, name=name))

