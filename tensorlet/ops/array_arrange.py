"""Rearranging ops: tile, repeat, pad, reverse and roll."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import array_index, array_shape
from . import math as math_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__ = ["tile", "repeat", "pad", "reverse", "roll"]


# --- tile ----------------------------------------------------------------------------------

def _tile_check(rank: int, multiples: tuple, *specs) -> None:
    if len(multiples) != rank:
        raise fail("tile", f"Expected multiples argument to be a vector of length {rank} but got "
                   f"length {len(multiples)}", *specs)
    for i, m in enumerate(multiples):
        if m < 0:
            raise fail("tile", f"Expected multiples[{i}] >= 0, but got {m}", *specs)


def _tile_infer(x: TensorSpec, multiples=()) -> TensorSpec:
    dims = x.shape.as_list()
    _tile_check(len(dims), multiples, x)
    return TensorSpec([None if d is None else d * m for d, m in zip(dims, multiples)], x.dtype)


def _tile_kernel(x, multiples=()):
    if len(multiples) != x.ndim or min(multiples, default=0) < 0:
        raise ValueError("tile: bad multiples")
    return np.tile(x, multiples)


def _tile_grad(g, y, x, multiples=()):
    dims = x.shape.as_list()
    if all(m == 1 for m in multiples):
        return (g,)
    interleaved = [v for m, d in zip(multiples, dims) for v in (m, d)]
    g = array_ops.reshape(g, interleaved)
    g = reduce_ops.reduce_sum(g, axis=list(range(0, 2 * len(dims), 2)))
    return (array_ops.reshape(g, dims),)


TILE = def_op("tile", kernel=_tile_kernel, infer=_tile_infer, grad=_tile_grad, traits=OPAQUE,
              attrs={"multiples": ()})


def tile(input, multiples, name=None):
    """Repeats `input` `multiples[i]` times along each axis `i`.

    Raises:
        InvalidArgumentError: when `multiples` does not have one non-negative entry per axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.tile(tf.constant([[1, 2]]), [2, 2]).numpy()
        array([[1, 2, 1, 2],
               [1, 2, 1, 2]], dtype=int32)
    """
    from . import array as array_ops

    if not array_ops.static_shape_arg(multiples):
        from . import array_dynamic

        return array_dynamic.tile(input, multiples)
    return execute(TILE, (input,), {"multiples": array_shape.ints_attr(multiples)}, name=name)


# --- repeat --------------------------------------------------------------------------------

def repeat(input, repeats, axis=None, name=None):
    """Repeats each element (or each slice along `axis`) `repeats` times.

    Args:
        input: a tensor; flattened first when `axis` is None.
        repeats: an int, or one int per element along `axis`.
        axis: the axis to repeat along.

    Example:
        >>> import tensorlet as tf
        >>> tf.repeat(tf.constant([[1, 2], [3, 4]]), [1, 2], axis=0).numpy()
        array([[1, 2],
               [3, 4],
               [3, 4]], dtype=int32)
    """
    if not convert.is_tensor_like(input):
        input = convert.convert_to_tensor(input)
    if axis is None:
        input, axis = array_ops.reshape(input, [-1]), 0
    axis = array_shape.int_attr(axis)
    rank = input.shape.rank
    if rank is not None:
        bound = max(rank, 1)
        if not -bound <= axis < bound:
            raise ValueError(f"axis={axis} out of bounds: expected {-bound}<=axis<{bound}")
        if rank == 0:
            input, axis = array_ops.reshape(input, [1]), 0
    n = input.shape[axis]
    reps = np.asarray(getattr(repeats, "_value", repeats)).reshape(-1)
    if reps.size == 1:
        reps = np.repeat(reps, n)
    if reps.size != n:
        raise ValueError(f"Dimensions {n} and {reps.size} are not compatible")
    if (reps < 0).any():
        raise InvalidArgumentError(f"repeat: repeats must be non-negative, got {reps.tolist()}")
    indices = np.repeat(np.arange(n, dtype=np.int32), reps)
    return array_index.gather(input, convert.convert_to_tensor(indices), axis=axis, name=name)


# --- pad -----------------------------------------------------------------------------------

_MODES = ("CONSTANT", "REFLECT", "SYMMETRIC")


def _pad_check(dims: list, paddings: tuple, mode: str, *specs) -> None:
    if len(paddings) != len(dims) or any(len(p) != 2 for p in paddings):
        got = ",".join(map(str, [len(paddings), len(paddings[0]) if paddings else 0]))
        raise fail("pad", f"The first dimension of paddings must be the rank of inputs[{got}] "
                   f"[{','.join(map(str, dims))}]", *specs)
    for a, b in paddings:
        if a < 0 or b < 0:
            raise fail("pad", f"Paddings must be non-negative: {a} {b}", *specs)
    for d, (a, b) in zip(dims, paddings):
        if d is None or mode == "CONSTANT":
            continue
        if mode == "REFLECT" and max(a, b) >= d:
            raise fail("pad", f"paddings must be less than the dimension size: {a}, {b} not less "
                       f"than {d}", *specs)
        if mode == "SYMMETRIC" and max(a, b) > d:
            raise fail("pad", f"paddings must be no greater than the dimension size: {a}, {b} "
                       f"greater than {d}", *specs)


def _pad_infer(x: TensorSpec, value: TensorSpec, paddings=(), mode="CONSTANT") -> TensorSpec:
    dims = x.shape.as_list()
    _pad_check(dims, paddings, mode, x)
    if value.shape.rank != 0:
        raise fail("pad", "constant_values must be a scalar", value)
    return TensorSpec([None if d is None else d + a + b for d, (a, b) in zip(dims, paddings)],
                      x.dtype)


def _pad_kernel(x, value, paddings=(), mode="CONSTANT"):
    try:
        _pad_check(list(x.shape), paddings, mode)
    except InvalidArgumentError:
        raise ValueError("pad: bad paddings") from None  # the shape rule names the problem
    if mode == "CONSTANT":
        return np.pad(x, paddings, mode="constant", constant_values=value)
    return np.pad(x, paddings, mode=mode.lower())


def _mirror_grad(g, dims: list, paddings: tuple, mode: str):
    """Adds each reflected border of `g` back onto the elements it copies, axis by axis."""
    off = 1 if mode == "REFLECT" else 0
    for axis, ((a, b), n) in enumerate(zip(paddings, dims)):
        if a == 0 and b == 0:
            continue
        begin = [0] * len(dims)
        size = [-1] * len(dims)
        begin[axis], size[axis] = a, n
        total = array_ops.slice(g, begin, size)
        for start, length, before in ((0, a, off), (a + n, b, n - off - b)):
            if length == 0:
                continue
            begin[axis], size[axis] = start, length
            part = reverse(array_ops.slice(g, begin, size), [axis])
            pads = [[0, 0] for _ in dims]
            pads[axis] = [before, n - before - length]
            total = math_ops.add(total, pad(part, pads))
        g = total
    return g


def _pad_grad(g, y, x, value, paddings=(), mode="CONSTANT"):
    dims = x.shape.as_list()
    if mode != "CONSTANT":
        return (_mirror_grad(g, dims, paddings, mode), None)
    return (array_ops.slice(g, [a for a, _ in paddings], dims), None)


PAD = def_op(
    "pad", tf_name="PadV2", kernel=_pad_kernel, infer=_pad_infer, grad=_pad_grad,
    traits=OPAQUE, attrs={"paddings": (), "mode": "CONSTANT"}, dtype_group=(0, 1),
)


def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """Pads `tensor`: `paddings[i] = [before, after]` for each axis `i`.

    Args:
        tensor: the tensor to pad.
        paddings: an `[rank, 2]` list (or int tensor) of non-negative counts.
        mode: "CONSTANT" (fill with `constant_values`), "REFLECT" (mirror, edge not repeated)
            or "SYMMETRIC" (mirror, edge repeated); case-insensitive.
        constant_values: the fill value in CONSTANT mode, of the tensor's dtype.

    Raises:
        ValueError: for an unknown mode.
        InvalidArgumentError: for paddings of the wrong shape, negative or too large.

    Example:
        >>> import tensorlet as tf
        >>> tf.pad(tf.constant([[1, 2]]), [[1, 0], [0, 1]]).numpy()
        array([[0, 0, 0],
               [1, 2, 0]], dtype=int32)
    """
    mode_up = str(mode).upper()
    if mode_up not in _MODES:
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", '
                         f'or "SYMMETRIC". Received `mode` = {mode}')
    if not convert.is_tensor_like(tensor):
        tensor = convert.convert_to_tensor(tensor)
    rows = np.asarray(getattr(paddings, "_value", paddings))
    pads = tuple(tuple(int(v) for v in row) for row in rows.reshape(rows.shape[0], -1)) \
        if rows.ndim else ((int(rows),),)
    if type(constant_values) is int and constant_values == 0 and \
            tensor.dtype in (dtypes.bool, dtypes.string):
        # NOTE: as in TF, the default 0 means the dtype's zero: False, or b"" for strings.
        constant_values = False if tensor.dtype is dtypes.bool else b""
    value = constant_values if convert.is_tensor_like(constant_values) else \
        convert.convert_to_tensor(constant_values, tensor.dtype)
    return execute(PAD, (tensor, value), {"paddings": pads, "mode": mode_up}, name=name)


# --- reverse -------------------------------------------------------------------------------

def _reverse_check(rank: int, axis: tuple, *specs) -> None:
    seen = set()
    for i, a in enumerate(axis):
        if not -rank <= a < rank:
            raise fail("reverse", f"'axis'[{i}] = {a} is out of valid range [0, {rank - 1}",
                       *specs)
        if a % rank in seen:
            raise fail("reverse", f"axis {a % rank} specified more than once.", *specs)
        seen.add(a % rank)


def _reverse_infer(x: TensorSpec, axis=()) -> TensorSpec:
    _reverse_check(x.shape.rank, axis, x)
    return TensorSpec(x.shape, x.dtype)


def _reverse_kernel(x, axis=()):
    if len({a % max(x.ndim, 1) for a in axis}) != len(axis) or \
            any(not -x.ndim <= a < x.ndim for a in axis):
        raise ValueError("reverse: bad axis")
    return np.flip(x, axis) if axis else x


REVERSE = def_op(
    "reverse", tf_name="ReverseV2", kernel=_reverse_kernel, infer=_reverse_infer,
    grad=lambda g, y, x, axis=(): (reverse(g, list(axis)),), traits=OPAQUE, attrs={"axis": ()},
)


def reverse(tensor, axis, name=None):
    """Reverses the order of elements along each axis in the 1-D list `axis`.

    Raises:
        InvalidArgumentError: for a scalar `axis`, an axis out of range or listed twice.

    Example:
        >>> import tensorlet as tf
        >>> tf.reverse(tf.constant([[1, 2, 3]]), [1]).numpy()
        array([[3, 2, 1]], dtype=int32)
    """
    if np.ndim(getattr(axis, "_value", axis)) != 1:
        raise InvalidArgumentError(f"reverse: 'dims' must be 1-dimension, not "
                                   f"{np.ndim(getattr(axis, '_value', axis))} [Op:ReverseV2]")
    return execute(REVERSE, (tensor,), {"axis": array_shape.ints_attr(axis)}, name=name)


# --- roll ----------------------------------------------------------------------------------

def _roll_check(rank: int, shift: tuple, axis: tuple, *specs) -> None:
    if len(shift) != len(axis):
        raise fail("roll", "shift and axis must have the same size", *specs)
    for a in axis:
        if not -rank <= a < rank:
            raise fail("roll", f"axis {a} is out of range", *specs)


def _roll_infer(x: TensorSpec, shift=(), axis=()) -> TensorSpec:
    _roll_check(x.shape.rank, shift, axis, x)
    return TensorSpec(x.shape, x.dtype)


def _roll_kernel(x, shift=(), axis=()):
    if len(shift) != len(axis) or any(not -x.ndim <= a < x.ndim for a in axis):
        raise ValueError("roll: bad shift or axis")
    return np.roll(x, shift, axis) if axis else x


ROLL = def_op(
    "roll", kernel=_roll_kernel, infer=_roll_infer,
    grad=lambda g, y, x, shift=(), axis=(): (roll(g, [-s for s in shift], list(axis)),),
    traits=OPAQUE, attrs={"shift": (), "axis": ()},
)


def roll(input, shift, axis, name=None):
    """Rolls elements along `axis` by `shift` places (ints or matching lists); elements that
    leave one end come back at the other.

    Example:
        >>> import tensorlet as tf
        >>> tf.roll(tf.constant([1, 2, 3, 4]), 1, 0).numpy()
        array([4, 1, 2, 3], dtype=int32)
    """
    attrs = {"shift": array_shape.ints_attr(shift), "axis": array_shape.ints_attr(axis)}
    return execute(ROLL, (input,), attrs, name=name)
