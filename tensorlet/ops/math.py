"""Elementwise math: arithmetic, exponentials, comparisons, logical ops and casts."""

from __future__ import annotations

import numpy as np

from ..autodiff.unbroadcast import unbroadcast
from ..core import dtypes
from ..core.dispatch import execute
from ..core.registry import ELEMENTWISE, NONDIFF, Traits, def_op
from ._rules import broadcast_binary, broadcast_to_bool, same_as_input

__all__ = ["add", "subtract", "multiply", "divide", "negative", "exp", "log", "equal"]

_NUMERIC_AND_STRING = dtypes.NUMERIC | {dtypes.string}
_COMMUTATIVE = Traits(fusion="elementwise", commutative=True)

ADD = def_op(
    "add", tf_name="AddV2", kernel=np.add, infer=broadcast_binary("add"),
    grad=lambda g, y, a, b: (unbroadcast(g, a), unbroadcast(g, b)),
    traits=_COMMUTATIVE, dtype_group=(0, 1), allowed=_NUMERIC_AND_STRING, expr="add",
)
SUBTRACT = def_op(
    "subtract", tf_name="Sub", kernel=np.subtract, infer=broadcast_binary("subtract"),
    grad=lambda g, y, a, b: (unbroadcast(g, a), unbroadcast(negative(g), b)),
    traits=ELEMENTWISE, dtype_group=(0, 1), allowed=dtypes.NUMERIC, expr="subtract",
)
MULTIPLY = def_op(
    "multiply", tf_name="Mul", kernel=np.multiply, infer=broadcast_binary("multiply"),
    grad=lambda g, y, a, b: (unbroadcast(multiply(g, b), a), unbroadcast(multiply(g, a), b)),
    traits=_COMMUTATIVE, dtype_group=(0, 1), allowed=dtypes.NUMERIC, expr="multiply",
)
DIVIDE = def_op(
    "divide", tf_name="RealDiv", kernel=np.true_divide, infer=broadcast_binary("divide"),
    grad=lambda g, y, a, b: (unbroadcast(divide(g, b), a),
                             unbroadcast(negative(multiply(g, divide(y, b))), b)),
    traits=ELEMENTWISE, dtype_group=(0, 1), allowed=dtypes.INEXACT, expr="true_divide",
    quiet=True,
)
NEGATIVE = def_op(
    "negative", tf_name="Neg", kernel=np.negative, infer=same_as_input,
    grad=lambda g, y, x: (negative(g),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.NUMERIC, expr="negative",
)
EXP = def_op(
    "exp", kernel=np.exp, infer=same_as_input, grad=lambda g, y, x: (multiply(g, y),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.INEXACT, expr="exp", quiet=True,
)
LOG = def_op(
    "log", kernel=np.log, infer=same_as_input, grad=lambda g, y, x: (divide(g, x),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.INEXACT, expr="log", quiet=True,
)
EQUAL = def_op(
    "equal", kernel=np.equal, infer=broadcast_to_bool("equal"), grad=NONDIFF,
    traits=_COMMUTATIVE, dtype_group=(0, 1), allowed=dtypes.ALL_TYPES, expr="equal",
)


def add(x, y, name=None):
    """Returns `x + y` elementwise, with broadcasting; both must have one dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.add(tf.constant([1., 2.]), 10).numpy()
        array([11., 12.], dtype=float32)
    """
    return execute(ADD, (x, y), name=name)


def subtract(x, y, name=None):
    """Returns `x - y` elementwise, with broadcasting.

    Example:
        >>> import tensorlet as tf
        >>> tf.subtract(tf.constant([3, 4]), 1).numpy()
        array([2, 3], dtype=int32)
    """
    return execute(SUBTRACT, (x, y), name=name)


def multiply(x, y, name=None):
    """Returns `x * y` elementwise, with broadcasting.

    Example:
        >>> import tensorlet as tf
        >>> tf.multiply(tf.constant([1., 2.]), 3.).numpy()
        array([3., 6.], dtype=float32)
    """
    return execute(MULTIPLY, (x, y), name=name)


def divide(x, y, name=None):
    """Returns `x / y` elementwise for floating (or complex) tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.divide(tf.constant([1., 3.]), 2.).numpy()
        array([0.5, 1.5], dtype=float32)
    """
    return execute(DIVIDE, (x, y), name=name)


def negative(x, name=None):
    """Returns `-x` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.negative(tf.constant([1, -2])).numpy()
        array([-1,  2], dtype=int32)
    """
    return execute(NEGATIVE, (x,), name=name)


def exp(x, name=None):
    """Returns `e ** x` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.exp(tf.constant(0.)).numpy()
        np.float32(1.0)
    """
    return execute(EXP, (x,), name=name)


def log(x, name=None):
    """Returns the natural logarithm elementwise (`-inf` at 0, `nan` below, as TF).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.log(tf.constant(1.)).numpy()
        np.float32(0.0)
    """
    return execute(LOG, (x,), name=name)


def equal(x, y, name=None):
    """Returns the truth value of `x == y` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.equal(tf.constant([1, 2]), 2).numpy()
        array([False,  True])
    """
    return execute(EQUAL, (x, y), name=name)
