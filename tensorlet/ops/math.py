"""Elementwise arithmetic: add, subtract, multiply, the divisions, pow, maximum, add_n, ...

The other elementwise ops live in split modules by concern (`math_unary`, `math_compare`,
`math_cast`); every public op of theirs is reachable as `math_ops.<name>` too, so other families
can keep writing `from . import math as math_ops`.
"""

from __future__ import annotations

import numpy as np

from ..autodiff.rule_context import needs_grad
from ..autodiff.unbroadcast import unbroadcast
from ..core import dispatch, dtypes, overrides
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import ELEMENTWISE, NONDIFF, Traits, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from ._rules import broadcast_binary, fail, same_as_input
from ._split import forward_to

__all__ = ["add", "subtract", "multiply", "divide", "truediv", "realdiv", "floordiv", "floormod",
           "mod", "pow", "negative", "exp", "log", "maximum", "minimum", "squared_difference",
           "clip_by_value", "add_n"]

_NUMERIC_AND_STRING = dtypes.NUMERIC | {dtypes.string}
_SIGNED = dtypes.FLOATS | dtypes.SIGNED_INTEGERS | dtypes.COMPLEX
_COMMUTATIVE = Traits(fusion="elementwise", commutative=True)
_I64, _F64, _U64 = dtypes.int64, dtypes.float64, dtypes.uint64
# truediv casts integers to a float wide enough for them, as TF does
_TRUEDIV_FLOAT = {d: dtypes.float32 for d in (dtypes.int8, dtypes.int16, dtypes.uint8,
                                               dtypes.uint16)}
_TRUEDIV_FLOAT.update({d: dtypes.float64 for d in (dtypes.int32, dtypes.int64, dtypes.uint32,
                                                    dtypes.uint64)})


def _conj(x):
    """`conj(x)` for complex tensors, `x` itself otherwise (gradients of complex ops use it)."""
    if x.dtype.is_complex:
        from . import math_cast

        return math_cast.conj(x)
    return x


def _integer_error(op: str, tf_name: str, text: str, *arrays) -> InvalidArgumentError:
    shapes = ", ".join(dispatch.specs_text([a]) for a in arrays)
    return InvalidArgumentError(None, None, f"{text} [Op:{tf_name}]\n{op}: {text.lower()} "
                                f"(got {shapes})")


def _check_divisor(op: str, tf_name: str, x: np.ndarray, y: np.ndarray) -> None:
    if y.dtype.kind in "iu" and not y.all():
        raise _integer_error(op, tf_name, "Integer division by zero", x, y)


def _floordiv_kernel(x, y):
    _check_divisor("floordiv", "FloorDiv", x, y)
    return np.floor_divide(x, y)


def _floormod_kernel(x, y):
    _check_divisor("floormod", "FloorMod", x, y)
    return np.mod(x, y)


def _pow_kernel(x, y):
    if y.dtype.kind == "i" and (y < 0).any():
        raise _integer_error("pow", "Pow", "Integers to negative integer powers are not allowed",
                             x, y)
    return np.power(x, y)


def _binary_grads(gx, gy, x, y) -> tuple:
    return (None if gx is None else unbroadcast(gx, x),
            None if gy is None else unbroadcast(gy, y))


def _divide_grad(g, z, x, y):
    yc = _conj(y)
    gx = divide(g, yc) if needs_grad(0) else None
    gy = negative(multiply(g, divide(_conj(z), yc))) if needs_grad(1) else None
    return _binary_grads(gx, gy, x, y)


def _floormod_grad(g, z, x, y):
    return _binary_grads(g, multiply(g, negative(floordiv(x, y))), x, y)


def _pow_grad(g, z, x, y):
    from . import math_compare

    gx = multiply(g, _conj(multiply(y, pow(x, subtract(y, 1))))) if needs_grad(0) else None
    if not needs_grad(1):
        return _binary_grads(gx, None, x, y)
    if x.dtype.is_complex:
        log_x = log(x)
    else:
        positive = math_compare.greater(x, 0)
        safe_x = math_compare.where(positive, x, array_ops.ones_like(x))
        log_x = math_compare.where(positive, log(safe_x), array_ops.zeros_like(x))
    gy = multiply(g, _conj(multiply(z, log_x)))
    return _binary_grads(gx, gy, x, y)


def _select_grad(keep_x):
    """maximum/minimum: the gradient goes to x where `keep_x(x, y)` holds, else to y."""

    def grad(g, z, x, y):
        from . import math_compare

        mask = keep_x(x, y)
        zeros = array_ops.zeros_like(g)
        return _binary_grads(math_compare.where(mask, g, zeros),
                             math_compare.where(mask, zeros, g), x, y)

    return grad


def _squared_difference_grad(g, z, x, y):
    gx = multiply(multiply(g, 2), subtract(x, y))
    return _binary_grads(gx, negative(gx), x, y)


def _squared_difference_kernel(x, y):
    d = np.subtract(x, y)
    return d * np.conj(d) if d.dtype.kind == "c" else d * d


def _binary(name, tf_name, kernel, grad, allowed, expr, traits=ELEMENTWISE, quiet=False):
    return def_op(name, tf_name=tf_name, kernel=kernel, infer=broadcast_binary(name), grad=grad,
                  traits=traits, dtype_group=(0, 1), allowed=allowed, expr=expr, quiet=quiet)


ADD = _binary("add", "AddV2", np.add, lambda g, z, x, y: _binary_grads(g, g, x, y),
              _NUMERIC_AND_STRING, "add", _COMMUTATIVE, quiet=True)
SUBTRACT = _binary("subtract", "Sub", np.subtract,
                   lambda g, z, x, y: _binary_grads(g, negative(g) if needs_grad(1) else None,
                                                    x, y), dtypes.NUMERIC,
                   "subtract", quiet=True)
MULTIPLY = _binary("multiply", "Mul", np.multiply,
                   lambda g, z, x, y: _binary_grads(
                       multiply(g, _conj(y)) if needs_grad(0) else None,
                       multiply(_conj(x), g) if needs_grad(1) else None, x, y),
                   dtypes.NUMERIC, "multiply", _COMMUTATIVE, quiet=True)
DIVIDE = _binary("divide", "RealDiv", np.true_divide, _divide_grad, dtypes.INEXACT,
                 "true_divide", quiet=True)
FLOORDIV = _binary("floordiv", "FloorDiv", _floordiv_kernel, NONDIFF, dtypes.REALS,
                   "floor_divide", quiet=True)
FLOORMOD = _binary("floormod", "FloorMod", _floormod_kernel, _floormod_grad, dtypes.REALS,
                   "mod", quiet=True)
POW = _binary("pow", "Pow", _pow_kernel, _pow_grad, _SIGNED, "power", quiet=True)
MAXIMUM = _binary("maximum", "Maximum", np.maximum,
                  _select_grad(lambda x, y: _compare_ops().greater_equal(x, y)), dtypes.REALS,
                  "maximum", _COMMUTATIVE)
MINIMUM = _binary("minimum", "Minimum", np.minimum,
                  _select_grad(lambda x, y: _compare_ops().less_equal(x, y)), dtypes.REALS,
                  "minimum", _COMMUTATIVE)
SQUARED_DIFFERENCE = _binary(
    "squared_difference", "SquaredDifference", _squared_difference_kernel,
    _squared_difference_grad, dtypes.FLOATS | dtypes.COMPLEX | {dtypes.int32, _I64},
    "squared_difference", _COMMUTATIVE, quiet=True)
NEGATIVE = def_op(
    "negative", tf_name="Neg", kernel=np.negative, infer=same_as_input,
    grad=lambda g, y, x: (negative(g),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_SIGNED, expr="negative",
)
EXP = def_op(
    "exp", kernel=np.exp, infer=same_as_input, grad=lambda g, y, x: (multiply(g, _conj(y)),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.INEXACT, expr="exp", quiet=True,
)
LOG = def_op(
    "log", kernel=np.log, infer=same_as_input, grad=lambda g, y, x: (divide(g, _conj(x)),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.INEXACT, expr="log", quiet=True,
)


def _compare_ops():
    from . import math_compare

    return math_compare


def add(x, y, name=None):
    """Returns `x + y` elementwise, with broadcasting; both must have one dtype.

    Strings are concatenated.

    Example:
        >>> import tensorlet as tf
        >>> tf.add(tf.constant([1., 2.]), 10).numpy()
        array([11., 12.], dtype=float32)
    """
    try:
        return execute(ADD, (x, y), name=name)
    except TypeError:
        # NOTE: TF's add converts a Python operand by dtype *hint* (1.5 stays float32), so a
        # value that cannot take the tensor's dtype gives the InvalidArgumentError of AddV2.
        x, y = _as_pair(x, y)
        return execute(ADD, (x, y), name=name)
    except ValueError:
        return overrides.retry("add", x, y, name=name)


def _radd(x, y):
    """`y + x` for a Python `y`: converted to x's dtype or a TypeError, as TF's `__radd__`."""
    return execute(ADD, (y, x))


def subtract(x, y, name=None):
    """Returns `x - y` elementwise, with broadcasting.

    Example:
        >>> import tensorlet as tf
        >>> tf.subtract(tf.constant([3, 4]), 1).numpy()
        array([2, 3], dtype=int32)
    """
    try:
        return execute(SUBTRACT, (x, y), name=name)
    except ValueError:
        return overrides.retry("subtract", x, y, name=name)


def multiply(x, y, name=None):
    """Returns `x * y` elementwise, with broadcasting.

    Example:
        >>> import tensorlet as tf
        >>> tf.multiply(tf.constant([1., 2.]), 3.).numpy()
        array([3., 6.], dtype=float32)
    """
    try:
        return execute(MULTIPLY, (x, y), name=name)
    except ValueError:
        return overrides.retry("multiply", x, y, name=name)


def _as_pair(x, y) -> tuple:
    """Converts Python values the way TF's binary operators do: toward the other's dtype."""
    if not is_tensor_like(x):
        x = convert_to_tensor(x, dtype_hint=y.dtype if is_tensor_like(y) else None)
    if not is_tensor_like(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype)
    return x, y


def _truediv(x, y, name, op_name):
    x, y = _as_pair(x, y)
    dt = x.dtype
    if y.dtype is not dt:
        raise TypeError(f"`x` and `y` must have the same dtype, got {dt!r} != {y.dtype!r}.\n"
                        f"{op_name}: x is {dt.name} and y is {y.dtype.name}; tensorlet never "
                        f"casts silently: convert one of them, e.g. tf.cast(y, tf.{dt.name})")
    if dt in _TRUEDIV_FLOAT:
        from . import math_cast

        target = _TRUEDIV_FLOAT[dt]
        x, y = math_cast.cast(x, target), math_cast.cast(y, target)
    elif dt not in dtypes.INEXACT:
        raise TypeError(f"Invalid dtype {dt!r} in __truediv__. Expected a numeric dtype.\n"
                        f"{op_name}: got {dt.name} tensors")
    return execute(DIVIDE, (x, y), name=name)


def _fast_divide(x, y):
    """True when `x / y` needs no conversion: two tensors of one floating/complex dtype."""
    dt = getattr(x, "dtype", None)
    return dt in dtypes.INEXACT and getattr(y, "dtype", None) is dt and is_tensor_like(x) and \
        is_tensor_like(y)


def truediv(x, y, name=None):
    """Divides `x / y` elementwise as Python 3 does: integers are cast to floats first.

    int8, int16, uint8 and uint16 become float32; int32, int64, uint32 and uint64 become
    float64, as in TF.

    Raises:
        TypeError: when `x` and `y` have different dtypes.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.truediv(tf.constant([7, -7]), tf.constant([2, 2])).numpy()
        array([ 3.5, -3.5])
    """
    if _fast_divide(x, y):
        return execute(DIVIDE, (x, y), name=name)
    try:
        return _truediv(x, y, name, "truediv")
    except ValueError:
        return overrides.retry("truediv", x, y, name=name)


def divide(x, y, name=None):
    """Computes Python-style division `x / y` (integers are cast to floats, as `truediv`).

    Example:
        >>> import tensorlet as tf
        >>> tf.divide(tf.constant([1., 3.]), 2.).numpy()
        array([0.5, 1.5], dtype=float32)
    """
    if _fast_divide(x, y):
        return execute(DIVIDE, (x, y), name=name)
    try:
        return _truediv(x, y, name, "divide")
    except ValueError:
        return overrides.retry("divide", x, y, name=name)


def realdiv(x, y, name=None):
    """Divides floating or complex tensors `x / y` elementwise (no integer casting).

    Example:
        >>> import tensorlet as tf
        >>> tf.realdiv(tf.constant([1., 3.]), tf.constant([2., 0.])).numpy()
        array([0.5, inf], dtype=float32)
    """
    return execute(DIVIDE, (x, y), name=name)


def floordiv(x, y, name=None):
    """Divides `x // y`, rounding toward negative infinity, as Python does.

    Raises:
        InvalidArgumentError: for an integer division by zero.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.floordiv(tf.constant([7, -7]), 2).numpy()
        array([ 3, -4], dtype=int32)
    """
    return execute(FLOORDIV, (x, y), name=name)


def floormod(x, y, name=None):
    """Returns the remainder of `floordiv`: `x - floordiv(x, y) * y`, with the sign of `y`.

    Raises:
        InvalidArgumentError: for an integer division by zero.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.floormod(tf.constant([7, -7]), 3).numpy()
        array([1, 2], dtype=int32)
    """
    return execute(FLOORMOD, (x, y), name=name)


mod = floormod


def pow(x, y, name=None):
    """Computes `x ** y` elementwise.

    Raises:
        InvalidArgumentError: for integers raised to negative integer powers.

    Example:
        >>> import tensorlet as tf
        >>> tf.pow(tf.constant([2, 3]), 2).numpy()
        array([4, 9], dtype=int32)
    """
    try:
        return execute(POW, (x, y), name=name)
    except ValueError:
        return overrides.retry("pow", x, y, name=name)


def maximum(x, y, name=None):
    """Returns the larger of `x` and `y` elementwise (NaN propagates).

    The gradient goes to `x` where `x >= y`, else to `y`.

    Example:
        >>> import tensorlet as tf
        >>> tf.maximum(tf.constant([1, 5]), tf.constant([3, 2])).numpy()
        array([3, 5], dtype=int32)
    """
    try:
        return execute(MAXIMUM, (x, y), name=name)
    except ValueError:
        return overrides.retry("maximum", x, y, name=name)


def minimum(x, y, name=None):
    """Returns the smaller of `x` and `y` elementwise (NaN propagates).

    The gradient goes to `x` where `x <= y`, else to `y`.

    Example:
        >>> import tensorlet as tf
        >>> tf.minimum(tf.constant([1, 5]), tf.constant([3, 2])).numpy()
        array([1, 2], dtype=int32)
    """
    try:
        return execute(MINIMUM, (x, y), name=name)
    except ValueError:
        return overrides.retry("minimum", x, y, name=name)


def squared_difference(x, y, name=None):
    """Returns `(x - y) * conj(x - y)` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.squared_difference(tf.constant([1, 5]), tf.constant([3, 2])).numpy()
        array([4, 9], dtype=int32)
    """
    return execute(SQUARED_DIFFERENCE, (x, y), name=name)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """Clips `t` to `[clip_value_min, clip_value_max]`: `maximum(minimum(t, max), min)`.

    The gradient passes to `t` where `min <= t <= max` (bounds included), and to a tensor bound
    where `t` lies strictly beyond it.

    Raises:
        ValueError: when the bounds would broadcast `t` to a larger shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.clip_by_value(tf.constant([1., 5., 9.]), 2., 7.).numpy()
        array([2., 5., 7.], dtype=float32)
    """
    t = convert_to_tensor(t) if not is_tensor_like(t) else t
    clipped = maximum(minimum(t, clip_value_max), clip_value_min)
    if not t.shape.is_compatible_with(clipped.shape):
        raise ValueError(f"Shapes {t.shape} and {clipped.shape} are incompatible\n"
                         f"clip_by_value: the bounds must not broadcast t to a larger shape")
    return clipped


def negative(x, name=None):
    """Returns `-x` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.negative(tf.constant([1, -2])).numpy()
        array([-1,  2], dtype=int32)
    """
    try:
        return execute(NEGATIVE, (x,), name=name)
    except ValueError:
        return overrides.retry("negative", x, name=name)


def exp(x, name=None):
    """Returns `e ** x` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.exp(tf.constant(0.)).numpy()
        np.float32(1.0)
    """
    try:
        return execute(EXP, (x,), name=name)
    except ValueError:
        return overrides.retry("exp", x, name=name)


def log(x, name=None):
    """Returns the natural logarithm elementwise (`-inf` at 0, `nan` below, as TF).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.log(tf.constant(1.)).numpy()
        np.float32(0.0)
    """
    try:
        return execute(LOG, (x,), name=name)
    except ValueError:
        return overrides.retry("log", x, name=name)


def _add_n_infer(*xs: TensorSpec) -> TensorSpec:
    first = xs[0]
    for i, x in enumerate(xs):
        if x.dtype is not first.dtype:
            raise dispatch._dtype_mismatch_error(ADD_N, first.dtype, x.dtype, 0, i)
    if len(xs) > 1 and first.dtype not in dtypes.NUMERIC:
        raise dispatch._unsupported_dtype_error(ADD_N, first.dtype)
    for i, x in enumerate(xs):
        if not x.shape.is_compatible_with(first.shape):
            raise fail("add_n", f"Inputs to operation AddN of type AddN must have the same size "
                       f"and shape.  Input 0: {_dims(first)} != input {i}: {_dims(x)} "
                       f"[Op:AddN]", *xs)
    shape = first.shape
    for x in xs[1:]:
        shape = shape.merge_with(x.shape)
    return TensorSpec(shape, first.dtype)


def _dims(spec: TensorSpec) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in spec.shape.as_list()) + "]"


def _add_n_kernel(*xs):
    first = xs[0]
    if any(x.dtype != first.dtype or x.shape != first.shape for x in xs):
        raise ValueError("add_n: inputs differ")
    if len(xs) == 1:
        return first.copy()
    if first.dtype.kind not in "iufc":
        raise TypeError("add_n: not a numeric dtype")
    out = np.add(first, xs[1], out=np.empty_like(first))
    for x in xs[2:]:
        np.add(out, x, out=out)
    return out


ADD_N = def_op(
    "add_n", tf_name="AddN", kernel=_add_n_kernel, infer=_add_n_infer,
    grad=lambda g, y, *xs: (g,) * len(xs), traits=_COMMUTATIVE, allowed=dtypes.NUMERIC,
    expr="add", quiet=True,
)


def add_n(inputs, name=None):
    """Adds a list of tensors of one dtype and one shape elementwise (no broadcasting).

    Args:
        inputs: a non-empty list of tensors (Python values are converted on their own, as TF).
        name: ignored in eager mode.

    Returns:
        A tensor of the inputs' shape and dtype.

    Raises:
        ValueError: when `inputs` is empty.
        InvalidArgumentError: when the dtypes or shapes differ.

    Example:
        >>> import tensorlet as tf
        >>> tf.add_n([tf.constant([1., 2.]), tf.constant([3., 4.]), [5., 6.]]).numpy()
        array([ 9., 12.], dtype=float32)
    """
    inputs = list(inputs)
    if not inputs:
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with "
                         "the same dtype and shape.")
    tensors = [x if is_tensor_like(x) else convert_to_tensor(x) for x in inputs]
    return execute(ADD_N, tensors, name=name)


# `a + b`, `tf.add(a, b)` ...: eager calls on two tensors of one dtype skip the generic path.
add = dispatch.fast_binary(ADD, add)
subtract = dispatch.fast_binary(SUBTRACT, subtract)
multiply = dispatch.fast_binary(MULTIPLY, multiply)
divide = dispatch.fast_binary(DIVIDE, divide)
# NOTE: on float tensors truediv is divide; other dtypes fail the fast path's `allowed` check.
truediv = dispatch.fast_binary(DIVIDE, truediv)
pow = dispatch.fast_binary(POW, pow)


# NOTE: imported last, so each split module finds this one complete whichever loads first; the
# import also puts their ops in the registry whenever `math` is loaded.
from . import math_cast, math_compare, math_unary  # noqa: E402

_SPLIT_MODULES = (math_cast, math_unary, math_compare)

__getattr__ = forward_to(__name__, globals(), _SPLIT_MODULES)
