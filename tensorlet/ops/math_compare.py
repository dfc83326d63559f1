"""Comparisons, logical and bitwise ops, and `where` (indices of true values, or selection).

Comparisons and logical ops have no gradient and return bool tensors.
"""

from __future__ import annotations

import numpy as np

from ..autodiff.unbroadcast import unbroadcast
from ..core import dtypes, overrides
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import ELEMENTWISE, NONDIFF, OPAQUE, Traits, def_op
from ..core.shape import broadcast_static_shape
from ..core.spec import TensorSpec
from . import array as array_ops
from ._rules import broadcast_binary, broadcast_to_bool, fail, same_as_input

__all__ = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
           "logical_and", "logical_or", "logical_xor", "logical_not", "where", "bitwise_and",
           "bitwise_or", "bitwise_xor", "invert"]

_COMMUTATIVE = Traits(fusion="elementwise", commutative=True)
_BOOL = frozenset({dtypes.bool})
_BOOL_SCALAR = TensorSpec([], dtypes.bool)


def _equality_kernel(ufunc):
    def kernel(x, y, incompatible_shape_error=True):
        try:
            return ufunc(x, y)
        except ValueError:
            if incompatible_shape_error:
                raise
            return np.asarray(ufunc is np.not_equal)

    return kernel


def _equality_infer(name: str):
    strict = broadcast_to_bool(name)

    def infer(x: TensorSpec, y: TensorSpec, incompatible_shape_error=True) -> TensorSpec:
        try:
            return strict(x, y)
        except InvalidArgumentError:
            if incompatible_shape_error:
                raise
            return _BOOL_SCALAR

    return infer


def _equality(name, tf_name, ufunc):
    return def_op(name, tf_name=tf_name, kernel=_equality_kernel(ufunc),
                  infer=_equality_infer(name), grad=NONDIFF, traits=_COMMUTATIVE,
                  attrs={"incompatible_shape_error": True}, dtype_group=(0, 1),
                  allowed=dtypes.ALL_TYPES, expr=ufunc.__name__)


def _binary(name, tf_name, ufunc, allowed, infer, traits=ELEMENTWISE):
    return def_op(name, tf_name=tf_name, kernel=ufunc, infer=infer(name), grad=NONDIFF,
                  traits=traits, dtype_group=(0, 1), allowed=allowed, expr=ufunc.__name__)


EQUAL = _equality("equal", "Equal", np.equal)
NOT_EQUAL = _equality("not_equal", "NotEqual", np.not_equal)
LESS = _binary("less", "Less", np.less, dtypes.REALS, broadcast_to_bool)
LESS_EQUAL = _binary("less_equal", "LessEqual", np.less_equal, dtypes.REALS, broadcast_to_bool)
GREATER = _binary("greater", "Greater", np.greater, dtypes.REALS, broadcast_to_bool)
GREATER_EQUAL = _binary("greater_equal", "GreaterEqual", np.greater_equal, dtypes.REALS,
                        broadcast_to_bool)
LOGICAL_AND = _binary("logical_and", "LogicalAnd", np.logical_and, _BOOL, broadcast_to_bool,
                      _COMMUTATIVE)
LOGICAL_OR = _binary("logical_or", "LogicalOr", np.logical_or, _BOOL, broadcast_to_bool,
                     _COMMUTATIVE)
# NOTE: TF writes logical_xor with and/or/not; one primitive is faster and its errors name it.
LOGICAL_XOR = _binary("logical_xor", "LogicalXor", np.logical_xor, _BOOL, broadcast_to_bool,
                      _COMMUTATIVE)
BITWISE_AND = _binary("bitwise_and", "BitwiseAnd", np.bitwise_and, dtypes.INTEGERS,
                      broadcast_binary, _COMMUTATIVE)
BITWISE_OR = _binary("bitwise_or", "BitwiseOr", np.bitwise_or, dtypes.INTEGERS,
                     broadcast_binary, _COMMUTATIVE)
BITWISE_XOR = _binary("bitwise_xor", "BitwiseXor", np.bitwise_xor, dtypes.INTEGERS,
                      broadcast_binary, _COMMUTATIVE)
LOGICAL_NOT = def_op(
    "logical_not", tf_name="LogicalNot", kernel=np.logical_not, infer=same_as_input,
    grad=NONDIFF, traits=ELEMENTWISE, dtype_group=(0,), allowed=_BOOL, expr="logical_not",
)
INVERT = def_op(
    "invert", tf_name="Invert", kernel=np.invert, infer=same_as_input, grad=NONDIFF,
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.INTEGERS, expr="invert",
)


def _where_kernel(x):
    if x.ndim == 0:
        raise InvalidArgumentError(None, None, "WhereOp : Unhandled input dimensions: 0 "
                                   "[Op:Where]\nwhere: the condition must have rank >= 1")
    return np.argwhere(x).astype(np.int64, copy=False)


def _where_infer(x: TensorSpec) -> TensorSpec:
    rank = x.shape.rank
    if rank == 0:
        raise fail("where", "WhereOp : Unhandled input dimensions: 0 [Op:Where]", x)
    return TensorSpec([None, rank], dtypes.int64)


WHERE_INDICES = def_op(
    "where_indices", tf_name="Where", kernel=_where_kernel, infer=_where_infer, grad=NONDIFF,
    traits=OPAQUE, dtype_group=(0,), allowed=dtypes.NUMERIC | _BOOL,
)


def _select_kernel(condition, x, y):
    if condition.dtype != np.bool_:
        raise TypeError("select: the condition must be bool")
    return np.where(condition, x, y)


def _select_infer(c: TensorSpec, x: TensorSpec, y: TensorSpec) -> TensorSpec:
    if c.dtype is not dtypes.bool:
        raise InvalidArgumentError(
            None, None,
            f"cannot compute SelectV2 as input #0(zero-based) was expected to be a bool tensor "
            f"but is a {c.dtype.kernel_name} tensor [Op:SelectV2]\nwhere: the condition is "
            f"{c.short()}; compare first (e.g. x > 0) or use tf.cast(condition, tf.bool)")
    try:
        shape = broadcast_static_shape(c.shape, broadcast_static_shape(x.shape, y.shape))
    except ValueError:
        raise fail("where", f"condition {c.shape.as_list()}, then {x.shape.as_list()}, and "
                   f"else {y.shape.as_list()} must be broadcastable [Op:SelectV2]",
                   c, x, y) from None
    return TensorSpec(shape, x.dtype)


def _select_grad(g, z, condition, x, y):
    zeros = array_ops.zeros_like(g)
    return (None, unbroadcast(where(condition, g, zeros), x),
            unbroadcast(where(condition, zeros, g), y))


SELECT = def_op(
    "where", tf_name="SelectV2", kernel=_select_kernel, infer=_select_infer,
    grad=_select_grad, traits=Traits(fusion="elementwise"), dtype_group=(1, 2),
    allowed=dtypes.ALL_TYPES, expr="where",
)


def equal(x, y, name=None):
    """Returns the truth value of `x == y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.equal(tf.constant([1, 2]), 2).numpy()
        array([False,  True])
    """
    try:
        return execute(EQUAL, (x, y), name=name)
    except ValueError:
        return overrides.retry("equal", x, y, name=name)


def not_equal(x, y, name=None):
    """Returns the truth value of `x != y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.not_equal(tf.constant([1, 2]), 2).numpy()
        array([ True, False])
    """
    try:
        return execute(NOT_EQUAL, (x, y), name=name)
    except ValueError:
        return overrides.retry("not_equal", x, y, name=name)


def less(x, y, name=None):
    """Returns the truth value of `x < y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.less(tf.constant([1, 2]), 2).numpy()
        array([ True, False])
    """
    try:
        return execute(LESS, (x, y), name=name)
    except ValueError:
        return overrides.retry("less", x, y, name=name)


def less_equal(x, y, name=None):
    """Returns the truth value of `x <= y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.less_equal(tf.constant([1, 3]), 2).numpy()
        array([ True, False])
    """
    try:
        return execute(LESS_EQUAL, (x, y), name=name)
    except ValueError:
        return overrides.retry("less_equal", x, y, name=name)


def greater(x, y, name=None):
    """Returns the truth value of `x > y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.greater(tf.constant([1, 3]), 2).numpy()
        array([False,  True])
    """
    try:
        return execute(GREATER, (x, y), name=name)
    except ValueError:
        return overrides.retry("greater", x, y, name=name)


def greater_equal(x, y, name=None):
    """Returns the truth value of `x >= y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.greater_equal(tf.constant([1, 2]), 2).numpy()
        array([False,  True])
    """
    try:
        return execute(GREATER_EQUAL, (x, y), name=name)
    except ValueError:
        return overrides.retry("greater_equal", x, y, name=name)


def logical_and(x, y, name=None):
    """Returns `x AND y` elementwise for bool tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.logical_and(tf.constant([True, True]), tf.constant([True, False])).numpy()
        array([ True, False])
    """
    try:
        return execute(LOGICAL_AND, (x, y), name=name)
    except ValueError:
        return overrides.retry("logical_and", x, y, name=name)


def logical_or(x, y, name=None):
    """Returns `x OR y` elementwise for bool tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.logical_or(tf.constant([True, False]), tf.constant([False, False])).numpy()
        array([ True, False])
    """
    try:
        return execute(LOGICAL_OR, (x, y), name=name)
    except ValueError:
        return overrides.retry("logical_or", x, y, name=name)


def logical_xor(x, y, name="LogicalXor"):
    """Returns `x XOR y` elementwise for bool tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.logical_xor(tf.constant([True, False]), tf.constant([True, True])).numpy()
        array([False,  True])
    """
    return execute(LOGICAL_XOR, (x, y), name=name)


def logical_not(x, name=None):
    """Returns `NOT x` elementwise for a bool tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.logical_not(tf.constant([True, False])).numpy()
        array([False,  True])
    """
    try:
        return execute(LOGICAL_NOT, (x,), name=name)
    except ValueError:
        return overrides.retry("logical_not", x, name=name)


def bitwise_and(x, y, name=None):
    """Returns the bitwise AND of two integer tensors (`x & y` on integers).

    Example:
        >>> import tensorlet as tf
        >>> (tf.constant([1, 2]) & tf.constant([1, 3])).numpy()
        array([1, 2], dtype=int32)
    """
    return execute(BITWISE_AND, (x, y), name=name)


def bitwise_or(x, y, name=None):
    """Returns the bitwise OR of two integer tensors (`x | y` on integers).

    Example:
        >>> import tensorlet as tf
        >>> (tf.constant([1, 2]) | tf.constant([1, 3])).numpy()
        array([1, 3], dtype=int32)
    """
    return execute(BITWISE_OR, (x, y), name=name)


def bitwise_xor(x, y, name=None):
    """Returns the bitwise XOR of two integer tensors (`x ^ y` on integers).

    Example:
        >>> import tensorlet as tf
        >>> (tf.constant([1, 2]) ^ tf.constant([1, 3])).numpy()
        array([0, 1], dtype=int32)
    """
    return execute(BITWISE_XOR, (x, y), name=name)


def invert(x, name=None):
    """Flips every bit of an integer tensor (`~x` on integers).

    Example:
        >>> import tensorlet as tf
        >>> (~tf.constant([1, 2])).numpy()
        array([-2, -3], dtype=int32)
    """
    return execute(INVERT, (x,), name=name)


def where(condition, x=None, y=None, name=None):
    """Selects from `x` or `y` by `condition`; with `condition` only, returns its true indices.

    Args:
        condition: a bool tensor (any numeric tensor when `x` and `y` are None: non-zero
            values count as true).
        x, y: tensors of one dtype; the three arguments broadcast together.
        name: ignored in eager mode.

    Returns:
        With `x` and `y`, the selected values; without them, an int64 tensor of shape
        `[number of true elements, rank of condition]`.

    Raises:
        ValueError: when only one of `x` and `y` is given.
        InvalidArgumentError: when `condition` is not bool, or the shapes do not broadcast.

    Example:
        >>> import tensorlet as tf
        >>> tf.where(tf.constant([True, False]), 1., 2.).numpy()
        array([1., 2.], dtype=float32)
        >>> tf.where(tf.constant([0, 3, 5])).numpy()
        array([[1],
               [2]])
    """
    if x is None and y is None:
        return execute(WHERE_INDICES, (condition,), name=name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return execute(SELECT, (condition, x, y), name=name)
