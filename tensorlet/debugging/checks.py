"""Static assertions: `assert_rank`..., `assert_shapes`, `assert_type`, `assert_integer`, and
`is_numeric_tensor`. Known ranks and sizes are checked at once (also while tracing, raising
`ValueError` as TF does); unknown ones are checked when the function runs."""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.errors import InvalidArgumentError
from ..core.shape import TensorShape
from ..core.variable import Variable
from ..framework._runtime import run_check

__all__ = ["assert_rank", "assert_rank_at_least", "assert_rank_in", "assert_scalar",
           "assert_shapes", "assert_type", "assert_integer", "is_numeric_tensor"]


def _prefix(message) -> str:
    return f"{message}.  " if message else ""


def _shape_text(shape: TensorShape) -> str:
    return str(tuple(shape.as_list())) if shape.rank is not None else "<unknown>"


def _rank_check(x, ok, wanted: str, message) -> None:
    """Checks `ok(rank)`: at once when the rank is static, else when the program runs."""
    x = convert_to_tensor(x)

    def fail(rank, shape):
        return f"{_prefix(message)}Tensor  must have {wanted}.  Received rank {rank}, shape {shape}"

    rank = x.shape.rank
    if rank is not None:
        if not ok(rank):
            raise ValueError(fail(rank, _shape_text(x.shape)))
        return

    def check(a):
        if not ok(a.ndim):
            raise InvalidArgumentError(None, None, fail(a.ndim, tuple(a.shape)))

    run_check(check, [x])


def _int(value) -> int:
    return int(getattr(value, "_value", value))


def assert_rank(x, rank, message=None, name=None):
    """Raises `ValueError` unless `x` has rank `rank`.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.assert_rank(tf.zeros([2, 3]), 2) is None
        True
    """
    rank = _int(rank)
    _rank_check(x, lambda r: r == rank, f"rank {rank}", message)


def assert_rank_at_least(x, rank, message=None, name=None):
    """Raises `ValueError` unless `x` has rank `rank` or more."""
    rank = _int(rank)
    _rank_check(x, lambda r: r >= rank, f"rank at least {rank}", message)


def assert_rank_in(x, ranks, message=None, name=None):
    """Raises `ValueError` unless the rank of `x` is one of `ranks`."""
    ranks = tuple(_int(r) for r in ranks)
    _rank_check(x, lambda r: r in ranks, f"rank in {ranks}", message)


def assert_scalar(tensor, message=None, name=None):
    """Raises `ValueError` unless `tensor` is a scalar; returns it."""
    tensor = convert_to_tensor(tensor)
    if tensor.shape.rank not in (None, 0):
        raise ValueError(f"{_prefix(message)}Expected scalar shape, saw shape: "
                         f"{_shape_text(tensor.shape)}.")
    return tensor


def assert_type(tensor, tf_type, message=None, name=None):
    """Raises `TypeError` unless `tensor` has dtype `tf_type`.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.assert_type(tf.constant(1.0), tf.float32) is None
        True
    """
    tf_type = dtypes.as_dtype(tf_type)
    dtype = tensor.dtype if hasattr(tensor, "dtype") else convert_to_tensor(tensor).dtype
    if dtype != tf_type:
        raise TypeError(f"{_prefix(message)}tensor must be of type {tf_type!r}; got {dtype!r}")


def assert_integer(x, message=None, name=None):
    """Raises `TypeError` unless `x` has an integer dtype."""
    x = convert_to_tensor(x)
    if not x.dtype.is_integer:
        raise TypeError(f"{_prefix(message)}Expected \"x\" to be integer type.  Found: tensor of "
                        f"dtype <dtype: '{x.dtype.name}'>")


def is_numeric_tensor(tensor) -> bool:
    """True for a tensor (not a variable) of a numeric dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.is_numeric_tensor(tf.constant(1)), tf.debugging.is_numeric_tensor(1)
        (True, False)
    """
    if isinstance(tensor, Variable) or not is_tensor_like(tensor):
        return False
    return tensor.dtype not in (dtypes.bool, dtypes.string)


# --- assert_shapes ----------------------------------------------------------------------------

def _describe(x) -> str:
    return f"shape={_shape_text(x.shape)} dtype={x.dtype.name}"


def _items(shapes) -> list:
    pairs = shapes.items() if isinstance(shapes, dict) else shapes
    return [(convert_to_tensor(x.deref() if hasattr(x, "deref") else x), tuple(spec))
            for x, spec in pairs]


def _spec_rank(x, spec: tuple, message) -> tuple:
    """The spec aligned to the tensor's dims; checks the rank first."""
    if spec and (spec[0] is Ellipsis or spec[0] == "..."):
        tail = spec[1:]
        _rank_check(x, lambda r: r >= len(tail), f"rank at least {len(tail)}", message)
        rank = x.shape.rank
        return (None,) * (rank - len(tail)) + tail if rank is not None else None
    if len(spec) <= 1:
        _rank_check(x, lambda r: r in (0, 1), "rank in (0, 1)", message)
        return spec or (1,)
    _rank_check(x, lambda r: r == len(spec), f"rank {len(spec)}", message)
    return spec


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """Checks the shapes of several tensors against specs of sizes and shared symbols.

    Args:
        shapes: `(tensor, spec)` pairs (or a dict); a spec lists ints, symbol strings (equal
            symbols need equal sizes), None or `"."` for any size, and may start with `...`.
        message: text put before the error message.

    Raises:
        ValueError: when a known rank or size does not match.

    Example:
        >>> import tensorlet as tf
        >>> tf.debugging.assert_shapes([(tf.zeros([2, 3]), ("N", "Q")),
        ...                             (tf.zeros([2]), ("N",))]) is None
        True
    """
    sizes: dict = {}
    for x, spec in _items(shapes):
        aligned = _spec_rank(x, spec, message)
        if aligned is None or x.shape.rank is None:
            continue
        dims = x.shape.as_list() or [1]
        for i, (want, got) in enumerate(zip(aligned, dims)):
            if want is None or want == "." or got is None:
                continue
            if isinstance(want, str):
                if want not in sizes:
                    sizes[want] = (got, f"Specified by tensor {_describe(x)} dimension {i}")
                    continue
                size, source = sizes[want]
            else:
                size, source = int(want), "Specified explicitly"
            if got != size:
                raise ValueError(f"{_prefix(message)}{source}.  Tensor {_describe(x)} dimension "
                                 f"{i} must have size {size}.  Received size {got}, shape "
                                 f"{_shape_text(x.shape)}")
