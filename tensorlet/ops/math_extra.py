"""More elementwise math: atan2, the inverse trigonometric and hyperbolic functions, and the
composites divide_no_nan and count_nonzero.

Each gradient is the chain rule written with public ops; for complex inputs it uses the
conjugate of the derivative, as TF does.
"""

from __future__ import annotations

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.registry import ELEMENTWISE, def_op
from . import array as array_ops
from . import math as math_ops
from . import math_cast, math_compare, math_unary
from . import reduce as reduce_ops
from ._rules import broadcast_binary, same_as_input

__all__ = ["atan2", "asin", "acos", "atan", "asinh", "acosh", "atanh", "divide_no_nan",
           "count_nonzero"]


def _mul(a, b):
    return math_ops.multiply(a, b)


def _conj(x):
    return math_cast.conj(x)


def _one_minus_square(x):
    return math_ops.subtract(1, math_unary.square(x))


# --- atan2 ---------------------------------------------------------------------------------

def _atan2_grad(g, z, y, x):
    """d/dy = x / (x² + y²), d/dx = -y / (x² + y²)."""
    scaled = math_ops.divide(g, math_ops.add(math_unary.square(x), math_unary.square(y)))
    return (unbroadcast_mod.unbroadcast(_mul(scaled, x), y),
            unbroadcast_mod.unbroadcast(_mul(scaled, math_ops.negative(y)), x))


ATAN2 = def_op("atan2", tf_name="Atan2", kernel=np.arctan2, infer=broadcast_binary("atan2"),
               grad=_atan2_grad, traits=ELEMENTWISE, dtype_group=(0, 1),
               allowed=dtypes.FLOATS, expr="arctan2", quiet=True)


# --- inverse trigonometric and hyperbolic functions ------------------------------------------

def _asin_grad(g, y, x):
    return (_mul(g, _conj(math_unary.rsqrt(_one_minus_square(x)))),)


def _acos_grad(g, y, x):
    return (_mul(g, math_ops.negative(_conj(math_unary.rsqrt(_one_minus_square(x))))),)


def _atan_grad(g, y, x):
    return (math_ops.divide(g, _conj(math_ops.add(1, math_unary.square(x)))),)


def _asinh_grad(g, y, x):
    return (_mul(g, _conj(math_unary.rsqrt(math_ops.add(math_unary.square(x), 1)))),)


def _acosh_grad(g, y, x):
    # NOTE: sqrt(x - 1) * sqrt(x + 1) is sinh(acosh(x)) on the principal branch, also for
    # complex x, where sqrt(x² - 1) is not.
    root = _mul(math_unary.sqrt(math_ops.subtract(x, 1)), math_unary.sqrt(math_ops.add(x, 1)))
    return (math_ops.divide(g, _conj(root)),)


def _atanh_grad(g, y, x):
    return (math_ops.divide(g, _conj(_one_minus_square(x))),)


def _unary(name, kernel, grad, expr):
    return def_op(name, kernel=kernel, infer=same_as_input, grad=grad, traits=ELEMENTWISE,
                  dtype_group=(0,), allowed=dtypes.INEXACT, expr=expr, quiet=True)


ASIN = _unary("asin", np.arcsin, _asin_grad, "arcsin")
ACOS = _unary("acos", np.arccos, _acos_grad, "arccos")
ATAN = _unary("atan", np.arctan, _atan_grad, "arctan")
ASINH = _unary("asinh", np.arcsinh, _asinh_grad, "arcsinh")
ACOSH = _unary("acosh", np.arccosh, _acosh_grad, "arccosh")
ATANH = _unary("atanh", np.arctanh, _atanh_grad, "arctanh")


def atan2(y, x, name=None):
    """Returns the angle of the point `(x, y)` in `[-pi, pi]`, elementwise (`arctan(y / x)`
    with the quadrant from the signs of both).

    Args:
        y: a floating tensor.
        x: a tensor of `y`'s dtype; the two broadcast together.
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for other dtypes, mixed dtypes or shapes that do not broadcast.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.atan2(tf.constant([1., -1.]), tf.constant([0., -1.])).numpy()
        array([ 1.5707964, -2.3561945], dtype=float32)
    """
    return execute(ATAN2, (y, x), name=name)


def asin(x, name=None):
    """Returns the inverse sine elementwise (NaN outside `[-1, 1]` for real `x`).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.asin(tf.constant([0., 1.])).numpy()
        array([0.       , 1.5707964], dtype=float32)
    """
    return execute(ASIN, (x,), name=name)


def acos(x, name=None):
    """Returns the inverse cosine elementwise (NaN outside `[-1, 1]` for real `x`).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.acos(tf.constant([1., -1.])).numpy()
        array([0.       , 3.1415927], dtype=float32)
    """
    return execute(ACOS, (x,), name=name)


def atan(x, name=None):
    """Returns the inverse tangent elementwise, in `(-pi/2, pi/2)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.atan(tf.constant([0., 1.])).numpy()
        array([0.       , 0.7853982], dtype=float32)
    """
    return execute(ATAN, (x,), name=name)


def asinh(x, name=None):
    """Returns the inverse hyperbolic sine elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.asinh(tf.constant([0., 1.])).numpy()
        array([0.       , 0.8813736], dtype=float32)
    """
    return execute(ASINH, (x,), name=name)


def acosh(x, name=None):
    """Returns the inverse hyperbolic cosine elementwise (NaN below 1 for real `x`).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.acosh(tf.constant([1., 2.])).numpy()
        array([0.      , 1.316958], dtype=float32)
    """
    return execute(ACOSH, (x,), name=name)


def atanh(x, name=None):
    """Returns the inverse hyperbolic tangent elementwise (±inf at ±1, NaN beyond).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.atanh(tf.constant([0., 0.5, 1.])).numpy()
        array([0.        , 0.54930615,        inf], dtype=float32)
    """
    return execute(ATANH, (x,), name=name)


# --- composites ------------------------------------------------------------------------------

_DIV_NO_NAN_DTYPES = dtypes.NUMERIC


def divide_no_nan(x, y, name=None):
    """Returns `x / y`, or 0 wherever `y` is 0 (even when `x` is inf or NaN).

    Integers divide as `truediv` does (int32 and int64 give float64, smaller ones float32).
    The gradient is 0 wherever `y` is 0.

    Args:
        x: a numeric tensor.
        y: a tensor of `x`'s dtype (Python numbers are converted to it); the two broadcast.
        name: ignored in eager mode.

    Raises:
        TypeError: when `x` and `y` have different dtypes, or for bool or string tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.divide_no_nan(tf.constant([3., 1.]), tf.constant([2., 0.])).numpy()
        array([1.5, 0. ], dtype=float32)
    """
    x = convert.convert_to_tensor(x)
    if not convert.is_tensor_like(y):
        try:
            y = convert.convert_to_tensor(y, dtype=x.dtype)
        except (TypeError, ValueError):
            y = convert.convert_to_tensor(y)
    if x.dtype != y.dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x.dtype!r} != "
                        f"{y.dtype!r}.")
    if x.dtype not in _DIV_NO_NAN_DTYPES:
        raise TypeError(f"Invalid dtype {x.dtype!r} in tf.math.divide_no_nan. Expected one of "
                        f"{sorted(d.name for d in _DIV_NO_NAN_DTYPES)}.")
    zero = math_compare.equal(y, array_ops.zeros_like(y))
    # NOTE: dividing by a safe 1 where y is 0 keeps inf/NaN out of the values and gradients.
    safe_y = math_compare.where(zero, array_ops.ones_like(y), y)
    quotient = math_ops.truediv(x, safe_y)
    return math_compare.where(zero, array_ops.zeros_like(quotient), quotient, name=name)


def count_nonzero(input, axis=None, keepdims=None, dtype=dtypes.int64, name=None):  # noqa: A002
    """Counts the non-zero elements of `input` along `axis` (all axes by default).

    NaN counts as non-zero; for strings the empty string counts as zero.

    Args:
        input: a numeric, bool or string tensor.
        axis: None, an int or a list of ints.
        keepdims: keep the reduced axes with length 1.
        dtype: the dtype of the result (int64 by default).
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for an axis outside the input's rank.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.count_nonzero(tf.constant([[0., 1.], [2., 3.]]), axis=1).numpy()
        array([1, 2])
    """
    x = convert.convert_to_tensor(input)
    zero = array_ops.zeros_like(x) if x.dtype != dtypes.string else ""
    nonzero = math_cast.cast(math_compare.not_equal(x, zero), dtypes.int64)
    count = reduce_ops.reduce_sum(nonzero, axis=axis, keepdims=bool(keepdims))
    return math_cast.cast(count, dtype, name=name)
