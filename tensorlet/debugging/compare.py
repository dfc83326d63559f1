"""Value assertions: `assert_equal`, `assert_less`..., `assert_positive`..., `assert_near`,
`check_numerics` and `Assert`, with TF's `InvalidArgumentError` messages."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError
from ..framework._runtime import run_check, tracing

__all__ = ["assert_equal", "assert_none_equal", "assert_less", "assert_less_equal",
           "assert_greater", "assert_greater_equal", "assert_positive", "assert_negative",
           "assert_non_negative", "assert_non_positive", "assert_near", "check_numerics",
           "assert_all_finite", "Assert"]


def _fail(message: str):
    raise InvalidArgumentError(None, None, message)


def _cname(dtype) -> str:
    """The C++ type name TF's messages use (`float`, `double`, `int32`)."""
    return {"float32": "float", "float64": "double", "float16": "half"}.get(dtype.name,
                                                                          dtype.name)


def _pair(x, y) -> tuple:
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype != y.dtype:
        _fail(f"cannot compute Equal as input #1(zero-based) was expected to be a "
              f"{_cname(x.dtype)} tensor but is a {_cname(y.dtype)} tensor")
    return x, y


def _dims(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _compare_message(x, y, holds, symbol: str, message, summarize: int) -> str:
    text = (f"{message}\n" if message else "") + f"Condition x {symbol} y did not hold."
    if x.shape == y.shape:
        where = np.argwhere(~holds)[:summarize]
        text += (f"\nIndices of first {len(where)} different values:\n{where}"
                 f"\nCorresponding x values:\n{x[tuple(where.T)]}"
                 f"\nCorresponding y values:\n{y[tuple(where.T)]}")
    fx, fy = x.ravel()[:summarize], y.ravel()[:summarize]
    return text + (f"\nFirst {fx.size} elements of x:\n{fx}"
                   f"\nFirst {fy.size} elements of y:\n{fy}")


def _binary(x, y, compare, symbol: str, message, summarize) -> None:
    x, y = _pair(x, y)
    summarize = 3 if summarize is None else int(summarize)

    def check(a, b):
        try:
            shape = np.broadcast_shapes(a.shape, b.shape)
        except ValueError:
            _fail(f"Incompatible shapes: {_dims(a.shape)} vs. {_dims(b.shape)}")
        holds = np.broadcast_to(compare(a, b), shape)
        if not holds.all():
            _fail(_compare_message(a, b, holds, symbol, message, summarize))

    check.__name__ = f"assert_{symbol}"
    run_check(check, [x, y])


def assert_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x == y` elementwise (with broadcasting).

    Args:
        x, y: tensors (or values) of one dtype.
        message: text put before the error message.
        summarize: how many entries the message shows (3 by default).
        name: ignored.

    Returns:
        None.

    Raises:
        InvalidArgumentError: when the condition does not hold (eagerly, or when the
            `tf.function` containing it runs).

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.assert_equal(tf.constant([1, 2]), [1, 2]) is None
        True
    """
    _binary(x, y, np.equal, "==", message, summarize)


def assert_none_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x != y` elementwise (see `assert_equal`)."""
    _binary(x, y, np.not_equal, "!=", message, summarize)


def assert_less(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x < y` elementwise (see `assert_equal`)."""
    _binary(x, y, np.less, "<", message, summarize)


def assert_less_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x <= y` elementwise (see `assert_equal`)."""
    _binary(x, y, np.less_equal, "<=", message, summarize)


def assert_greater(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x > y` elementwise (see `assert_equal`)."""
    _binary(x, y, np.greater, ">", message, summarize)


def assert_greater_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x >= y` elementwise (see `assert_equal`)."""
    _binary(x, y, np.greater_equal, ">=", message, summarize)


def _sign(x, compare, symbol: str, message, summarize, sep: str = "\n") -> None:
    x = convert_to_tensor(x)
    summarize = 3 if summarize is None else int(summarize)

    def check(a):
        if not np.all(compare(a, 0)):
            items = [str(v.item()) for v in a.ravel()[:summarize]]
            if a.size > summarize:
                items.append("...")
            shape = tuple(a.shape)
            _fail((f"{message}.  " if message else "") +
                  f"\nCondition x {symbol} 0 did not hold element-wise:{sep}x (shape={shape} "
                  f"dtype={x.dtype.name}) = \n{items}")

    run_check(check, [x])


def assert_positive(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is > 0.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.assert_positive(tf.constant([1.0, 2.0])) is None
        True
    """
    _sign(x, np.greater, ">", message, summarize)


def assert_negative(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is < 0."""
    _sign(x, np.less, "<", message, summarize)


def assert_non_negative(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is >= 0."""
    _sign(x, np.greater_equal, ">=", message, summarize)


def assert_non_positive(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is <= 0."""
    _sign(x, np.less_equal, "<=", message, summarize, sep="")


def _data_text(a: np.ndarray, summarize: int) -> str:
    return ", ".join(str(v.item()) for v in a.ravel()[:summarize])


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `|x - y| <= atol + rtol * |y|` elementwise.

    `rtol` and `atol` default to 10 times the machine epsilon of the dtype.

    Raises:
        ValueError: for integer tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.0000001])) is None
        True
    """
    x, y = _pair(x, y)
    np_dtype = np.dtype(x.dtype.as_numpy_dtype)
    if not np.issubdtype(np_dtype, np.inexact):
        raise ValueError(f"data type {np_dtype.type} not inexact")
    eps = 10 * np.finfo(np_dtype).eps
    rtol = eps if rtol is None else rtol
    atol = eps if atol is None else atol
    summarize = 3 if summarize is None else int(summarize)
    tol_text = (f"rtol = {convert_to_tensor(rtol, dtype=x.dtype)!s}, "
                f"atol = {convert_to_tensor(atol, dtype=x.dtype)!s}")

    def check(a, b):
        if not np.all(np.abs(a - b) <= atol + rtol * np.abs(b)):
            prefix = f"{message}.  " if message else ""
            _fail(f"Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized "
                  f"data: {prefix.encode()!r}\n"
                  f"{('x and y not equal to tolerance ' + tol_text).encode()!r}\n"
                  f"{f'x (shape={a.shape} dtype={x.dtype.name}) = '.encode()!r}\n"
                  f"{_data_text(a, summarize)}\n"
                  f"{f'y (shape={b.shape} dtype={x.dtype.name}) = '.encode()!r}\n"
                  f"{_data_text(b, summarize)}")

    run_check(check, [x, y])


def check_numerics(tensor, message, name=None):
    """Returns `tensor`, raising `InvalidArgumentError` if it holds a NaN or an infinity.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.check_numerics(tf.constant([1.0, 2.0]), "bad").numpy()
        array([1., 2.], dtype=float32)
    """
    tensor = convert_to_tensor(tensor)
    if tensor.dtype not in (dtypes.float16, dtypes.float32, dtypes.float64):
        _fail(f"Value for attr 'T' of {tensor.dtype.name} is not in the list of allowed values: "
              f"bfloat16, half, float, double [Op:CheckNumerics]")

    def check(a):
        kinds = [k for k, bad in (("Inf", np.isinf(a).any()), ("NaN", np.isnan(a).any())) if bad]
        if kinds:
            _fail(f"{message} : Tensor had {' and '.join(kinds)} values [Op:CheckNumerics]")

    run_check(check, [tensor])
    if not tracing():
        return tensor
    from ..ops import array_shape

    return array_shape.identity(tensor)


def assert_all_finite(t, msg, name=None, x=None, message=None):
    """`check_numerics` under its other name."""
    return check_numerics(t if x is None else x, msg if message is None else message)


def _describe(item, summarize: int) -> str:
    if isinstance(item, str):
        return repr(item.encode())
    return _data_text(np.asarray(getattr(item, "_value", item)), summarize)


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TF's public name
    """Raises `InvalidArgumentError` printing `data` when `condition` is False.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.Assert(tf.constant(True), ["ok"]) is None
        True
    """
    summarize = 3 if summarize is None else int(summarize)
    shown = repr(condition) if not hasattr(condition, "dtype") else None
    condition = convert_to_tensor(condition, dtype=dtypes.bool)
    tensors = [d for d in data if not isinstance(d, str)]

    def check(flag, *values):
        if not bool(flag):
            it = iter(values)
            parts = [repr(d.encode()) if isinstance(d, str) else _describe(next(it), summarize)
                     for d in data]
            cond = shown or f"tf.Tensor({bool(flag)}, shape=(), dtype=bool)"
            _fail(f"Expected '{cond}' to be true. Summarized data: " + "\n".join(parts))

    run_check(check, [condition, *[convert_to_tensor(t) for t in tensors]])
