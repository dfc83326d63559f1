"""Index reductions: argmax and argmin (no gradient)."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, REDUCE, def_op
from ..core.spec import TensorSpec
from ._rules import fail, reduce_shape
from .reduce import axes_attr

__all__ = ["argmax", "argmin"]

_INDEX_TYPES = frozenset({dtypes.int16, dtypes.uint16, dtypes.int32, dtypes.int64})


def _arg_axis(axis: int, shape: list) -> int:
    rank = len(shape)
    if not -rank <= axis < rank:
        raise ValueError(f"Expected dimension in the range [{-rank}, {rank}), but got {axis}")
    axis %= rank
    if shape[axis] == 0:
        raise ValueError(f"Reduction axis {axis} is empty in shape {shape}")
    return axis


def _arg_kernel(pick, is_max: bool):
    def kernel(x, axis=0, output_type=dtypes.int64):
        a = _arg_axis(axis, list(x.shape))
        if x.dtype.kind == "f":
            # NOTE: TF never picks NaN, nor a value at or beyond the dtype's finite limit unless
            # nothing else is there (then index 0): map those values to the losing infinity.
            info = np.finfo(x.dtype)
            losers = ~(x > info.min) if is_max else ~(x < info.max)
            if losers.any():
                x = np.where(losers, -np.inf if is_max else np.inf, x)
        return np.asarray(pick(x, axis=a)).astype(output_type._np)

    return kernel


def _arg_infer(op: str):
    def infer(x: TensorSpec, axis=0, output_type=dtypes.int64) -> TensorSpec:
        dims = x.shape.as_list()
        if x.shape.rank is None:
            raise fail(op, "the input rank must be known", x)
        try:
            a = _arg_axis(axis, [1 if d is None else d for d in dims])
        except ValueError as e:
            raise fail(op, str(e), x) from None
        return TensorSpec(reduce_shape(x.shape, (a,), False), output_type)

    return infer


_ARG_ATTRS = {"axis": 0, "output_type": dtypes.int64}
_ARG_ALLOWED = dtypes.REALS | {dtypes.bool}


def _arg_op(name, tf_name, pick, is_max: bool):
    return def_op(
        name, tf_name=tf_name, kernel=_arg_kernel(pick, is_max), infer=_arg_infer(name),
        grad=NONDIFF, traits=REDUCE, attrs=_ARG_ATTRS, dtype_group=(0,), allowed=_ARG_ALLOWED,
    )


ARGMAX = _arg_op("argmax", "ArgMax", np.argmax, True)
ARGMIN = _arg_op("argmin", "ArgMin", np.argmin, False)


def _arg_attrs(op: str, axis, output_type) -> dict:
    axis = 0 if axis is None else axes_attr(axis)
    if not isinstance(axis, int):
        raise TypeError("axis must be int or Tensor with integer datatype")
    output_type = dtypes.as_dtype(output_type)
    if output_type not in _INDEX_TYPES:
        raise InvalidArgumentError(
            f"Value for attr 'output_type' of {output_type.name} is not in the list of allowed "
            f"values: int16, uint16, int32, int64 [Op:{op}]")
    return {"axis": axis, "output_type": output_type}


def argmax(input, axis=None, output_type=dtypes.int64, name=None):
    """The index of the largest value along `axis` (the first one among ties).

    NaN values are never picked (as in TF); a slice holding only NaN gives index 0.

    Args:
        input: a real or bool tensor.
        axis: the axis to reduce (an int or a scalar integer tensor); None means 0, as in TF.
        output_type: int64 (default), int32, int16 or uint16.
        name: ignored in eager mode.

    Returns:
        A tensor of `output_type` with the input's shape minus `axis`.

    Raises:
        InvalidArgumentError: for an axis out of range, an empty axis, or a complex or string
            input.
        TypeError: when `axis` is a list.

    Example:
        >>> import tensorlet as tf
        >>> tf.argmax(tf.constant([[1., 3.], [4., 2.]])).numpy()
        array([1, 0])
        >>> tf.argmax(tf.constant([[1., 3.], [4., 2.]]), axis=1, output_type=tf.int32).numpy()
        array([1, 0], dtype=int32)
    """
    return execute(ARGMAX, (input,), _arg_attrs("ArgMax", axis, output_type), name=name)


def argmin(input, axis=None, output_type=dtypes.int64, name=None):
    """The index of the smallest value along `axis` (the first one among ties).

    NaN values are never picked (as in TF); a slice holding only NaN gives index 0.

    Args:
        input: a real or bool tensor.
        axis: the axis to reduce (an int or a scalar integer tensor); None means 0, as in TF.
        output_type: int64 (default), int32, int16 or uint16.
        name: ignored in eager mode.

    Returns:
        A tensor of `output_type` with the input's shape minus `axis`.

    Raises:
        InvalidArgumentError: for an axis out of range, an empty axis, or a complex or string
            input.
        TypeError: when `axis` is a list.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.argmin(tf.constant([3, 1, 1])).numpy()
        np.int64(1)
    """
    return execute(ARGMIN, (input,), _arg_attrs("ArgMin", axis, output_type), name=name)
