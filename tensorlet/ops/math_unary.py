"""Elementwise unary math: abs, sign, square, roots, exponentials, trigonometry, sigmoid, erf,
rounding and the float class tests (is_nan, ...).

Each gradient is the chain rule written with public ops; for complex inputs it uses the
conjugate of the derivative, as TF does.
"""

from __future__ import annotations

import math

import numpy as np

from ..core import dtypes, overrides
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.registry import ELEMENTWISE, NONDIFF, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import math as math_ops
from ._rules import same_as_input, to_dtype

__all__ = ["abs", "sign", "square", "sqrt", "rsqrt", "reciprocal", "log1p", "expm1", "sin",
           "cos", "tan", "tanh", "sigmoid", "erf", "round", "floor", "ceil", "is_nan",
           "is_finite", "is_inf"]

_SIGNED = dtypes.FLOATS | dtypes.SIGNED_INTEGERS | dtypes.COMPLEX
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _conj(x):
    return math_ops._conj(x)


def _mul(a, b):
    return math_ops.multiply(a, b)


def _sigmoid_kernel(x):
    if x.dtype.kind == "c":
        return 1 / (1 + np.exp(-x))
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def _erf_kernel(x):
    """erf through `math.erf` (correctly rounded in float64), so no SciPy is needed."""
    flat = x.astype(np.float64).ravel().tolist()
    out = np.fromiter(map(math.erf, flat), np.float64, len(flat))
    return out.reshape(x.shape).astype(x.dtype, copy=False)


def _abs_infer(x: TensorSpec) -> TensorSpec:
    return TensorSpec(x.shape, x.dtype.real_dtype)


def _abs_grad(g, y, x):
    if x.dtype.is_complex:
        from . import math_cast

        g = math_cast.cast(g, x.dtype)
    return (_mul(g, sign(x)),)


def _erf_grad(g, y, x):
    return (_mul(g, _mul(_TWO_OVER_SQRT_PI, math_ops.exp(math_ops.negative(square(x))))),)



def _unary(name, kernel, grad, allowed, expr, tf_name=None, infer=same_as_input, quiet=True):
    return def_op(name, tf_name=tf_name, kernel=kernel, infer=infer, grad=grad,
                  traits=ELEMENTWISE, dtype_group=(0,), allowed=allowed, expr=expr, quiet=quiet)


ABS = _unary("abs", np.abs, _abs_grad, _SIGNED, "absolute", infer=_abs_infer, quiet=False)
SIGN = _unary("sign", np.sign, lambda g, y, x: (array_ops.zeros_like(x),), _SIGNED, "sign",
              quiet=False)
SQUARE = _unary("square", np.square, lambda g, y, x: (_mul(g, _mul(2, _conj(x))),),
                dtypes.NUMERIC, "square")
SQRT = _unary("sqrt", np.sqrt, lambda g, y, x: (math_ops.divide(_mul(g, 0.5), _conj(y)),),
              dtypes.INEXACT, "sqrt")
RSQRT = _unary("rsqrt", lambda x: 1 / np.sqrt(x),
               lambda g, y, x: (_mul(g, _mul(-0.5, _conj(_mul(y, square(y))))),),
               dtypes.INEXACT, "rsqrt")
RECIPROCAL = _unary("reciprocal", np.reciprocal,
                    lambda g, y, x: (_mul(g, math_ops.negative(_conj(square(y)))),),
                    dtypes.INEXACT, "reciprocal", tf_name="Reciprocal")
LOG1P = _unary("log1p", np.log1p,
               lambda g, y, x: (math_ops.divide(g, _conj(math_ops.add(x, 1))),),
               dtypes.INEXACT, "log1p")
EXPM1 = _unary("expm1", np.expm1, lambda g, y, x: (_mul(g, _conj(math_ops.add(y, 1))),),
               dtypes.INEXACT, "expm1")
SIN = _unary("sin", np.sin, lambda g, y, x: (_mul(g, _conj(cos(x))),), dtypes.INEXACT, "sin")
COS = _unary("cos", np.cos, lambda g, y, x: (_mul(g, math_ops.negative(_conj(sin(x)))),),
             dtypes.INEXACT, "cos")
TAN = _unary("tan", np.tan,
             lambda g, y, x: (math_ops.divide(g, _conj(square(cos(x)))),), dtypes.INEXACT,
             "tan")
TANH = _unary("tanh", np.tanh,
              lambda g, y, x: (_mul(g, math_ops.subtract(1, _conj(square(y)))),),
              dtypes.INEXACT, "tanh")
SIGMOID = _unary("sigmoid", _sigmoid_kernel,
                 lambda g, y, x: (_mul(g, _conj(_mul(y, math_ops.subtract(1, y)))),),
                 dtypes.INEXACT, "sigmoid")
ERF = _unary("erf", _erf_kernel, _erf_grad, dtypes.FLOATS, "erf", quiet=False)
ROUND = _unary("round", np.rint, NONDIFF, dtypes.FLOATS, "rint", quiet=False)
FLOOR = _unary("floor", np.floor, NONDIFF, dtypes.FLOATS, "floor", quiet=False)
CEIL = _unary("ceil", np.ceil, NONDIFF, dtypes.FLOATS, "ceil", quiet=False)
IS_NAN = _unary("is_nan", np.isnan, NONDIFF, dtypes.FLOATS, "isnan", tf_name="IsNan",
                infer=to_dtype(dtypes.bool), quiet=False)
IS_FINITE = _unary("is_finite", np.isfinite, NONDIFF, dtypes.FLOATS, "isfinite",
                   infer=to_dtype(dtypes.bool), quiet=False)
IS_INF = _unary("is_inf", np.isinf, NONDIFF, dtypes.FLOATS, "isinf",
                infer=to_dtype(dtypes.bool), quiet=False)


def abs(x, name=None):
    """Returns `|x|` elementwise; for complex tensors the magnitude, as a real tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.abs(tf.constant([-2, 3])).numpy()
        array([2, 3], dtype=int32)
    """
    try:
        return execute(ABS, (x,), name=name)
    except ValueError:
        return overrides.retry("abs", x, name=name)


def sign(x, name=None):
    """Returns -1, 0 or 1 by the sign of `x` (NaN stays NaN; `x / |x|` for complex).

    Example:
        >>> import tensorlet as tf
        >>> tf.sign(tf.constant([-2., 0., 3.])).numpy()
        array([-1.,  0.,  1.], dtype=float32)
    """
    try:
        return execute(SIGN, (x,), name=name)
    except ValueError:
        return overrides.retry("sign", x, name=name)


def square(x, name=None):
    """Returns `x * x` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.square(tf.constant([2, 3])).numpy()
        array([4, 9], dtype=int32)
    """
    try:
        return execute(SQUARE, (x,), name=name)
    except ValueError:
        return overrides.retry("square", x, name=name)


def sqrt(x, name=None):
    """Returns the square root elementwise (NaN below 0); floating or complex only.

    Example:
        >>> import tensorlet as tf
        >>> tf.sqrt(tf.constant([4., 9.])).numpy()
        array([2., 3.], dtype=float32)
    """
    try:
        return execute(SQRT, (x,), name=name)
    except ValueError:
        return overrides.retry("sqrt", x, name=name)


def rsqrt(x, name=None):
    """Returns `1 / sqrt(x)` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.rsqrt(tf.constant([4.])).numpy()
        array([0.5], dtype=float32)
    """
    try:
        return execute(RSQRT, (x,), name=name)
    except ValueError:
        return overrides.retry("rsqrt", x, name=name)


def reciprocal(x, name=None):
    """Returns `1 / x` elementwise (inf at 0).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.reciprocal(tf.constant([2., 0.])).numpy()
        array([0.5, inf], dtype=float32)
    """
    try:
        return execute(RECIPROCAL, (x,), name=name)
    except ValueError:
        return overrides.retry("reciprocal", x, name=name)


def log1p(x, name=None):
    """Returns `log(1 + x)` elementwise, accurate for small `x`.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.log1p(tf.constant([0.])).numpy()
        array([0.], dtype=float32)
    """
    try:
        return execute(LOG1P, (x,), name=name)
    except ValueError:
        return overrides.retry("log1p", x, name=name)


def expm1(x, name=None):
    """Returns `exp(x) - 1` elementwise, accurate for small `x`.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.expm1(tf.constant([0.])).numpy()
        array([0.], dtype=float32)
    """
    try:
        return execute(EXPM1, (x,), name=name)
    except ValueError:
        return overrides.retry("expm1", x, name=name)


def sin(x, name=None):
    """Returns the sine elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.sin(tf.constant([0.])).numpy()
        array([0.], dtype=float32)
    """
    try:
        return execute(SIN, (x,), name=name)
    except ValueError:
        return overrides.retry("sin", x, name=name)


def cos(x, name=None):
    """Returns the cosine elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.cos(tf.constant([0.])).numpy()
        array([1.], dtype=float32)
    """
    try:
        return execute(COS, (x,), name=name)
    except ValueError:
        return overrides.retry("cos", x, name=name)


def tan(x, name=None):
    """Returns the tangent elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.tan(tf.constant([0.])).numpy()
        array([0.], dtype=float32)
    """
    try:
        return execute(TAN, (x,), name=name)
    except ValueError:
        return overrides.retry("tan", x, name=name)


def tanh(x, name=None):
    """Returns the hyperbolic tangent elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.tanh(tf.constant([0.])).numpy()
        array([0.], dtype=float32)
    """
    try:
        return execute(TANH, (x,), name=name)
    except ValueError:
        return overrides.retry("tanh", x, name=name)


def sigmoid(x, name=None):
    """Returns `1 / (1 + exp(-x))` elementwise, without overflow for large `|x|`.

    Example:
        >>> import tensorlet as tf
        >>> tf.sigmoid(tf.constant([0., -1000.])).numpy()
        array([0.5, 0. ], dtype=float32)
    """
    try:
        return execute(SIGMOID, (x,), name=name)
    except ValueError:
        return overrides.retry("sigmoid", x, name=name)


def erf(x, name=None):
    """Returns the Gauss error function elementwise (floating dtypes).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.erf(tf.constant([0., 10.])).numpy()
        array([0., 1.], dtype=float32)
    """
    return execute(ERF, (x,), name=name)


def round(x, name=None):
    """Rounds half to even ("banker's rounding"); integer tensors are returned unchanged.

    Example:
        >>> import tensorlet as tf
        >>> tf.round(tf.constant([0.5, 1.5, 2.5, -0.5])).numpy()
        array([ 0.,  2.,  2., -0.], dtype=float32)
    """
    try:
        x = x if is_tensor_like(x) else convert_to_tensor(x)
    except ValueError:
        return overrides.retry("round", x, name=name)
    if x.dtype.is_integer:
        return x
    return execute(ROUND, (x,), name=name)


def floor(x, name=None):
    """Returns the largest integer not greater than `x`, elementwise (floating dtypes).

    Example:
        >>> import tensorlet as tf
        >>> tf.floor(tf.constant([-1.5, 1.5])).numpy()
        array([-2.,  1.], dtype=float32)
    """
    try:
        return execute(FLOOR, (x,), name=name)
    except ValueError:
        return overrides.retry("floor", x, name=name)


def ceil(x, name=None):
    """Returns the smallest integer not less than `x`, elementwise (floating dtypes).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.ceil(tf.constant([-1.5, 1.5])).numpy()
        array([-1.,  2.], dtype=float32)
    """
    try:
        return execute(CEIL, (x,), name=name)
    except ValueError:
        return overrides.retry("ceil", x, name=name)


def is_nan(x, name=None):
    """Returns where `x` is NaN, as a bool tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.is_nan(tf.constant([1., float("nan")])).numpy()
        array([False,  True])
    """
    return execute(IS_NAN, (x,), name=name)


def is_finite(x, name=None):
    """Returns where `x` is neither infinite nor NaN, as a bool tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.is_finite(tf.constant([1., float("inf")])).numpy()
        array([ True, False])
    """
    return execute(IS_FINITE, (x,), name=name)


def is_inf(x, name=None):
    """Returns where `x` is positive or negative infinity, as a bool tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.is_inf(tf.constant([1., float("-inf")])).numpy()
        array([False,  True])
    """
    return execute(IS_INF, (x,), name=name)
