"""Creation ops: fill, zeros, ones, range, linspace, eye and one_hot."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from ..core.tensor import Tensor
from . import array as array_ops
from . import math as math_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__ = ["fill", "zeros", "ones", "range", "linspace", "eye", "one_hot"]

# --- fill / zeros / ones -------------------------------------------------------------------

def _fill_infer(value: TensorSpec, dims=()) -> TensorSpec:
    if value.shape.rank != 0:
        raise fail("fill", f"value must represent a scalar, got shape {value.shape.as_list()}",
                   value)
    for d in dims:
        if d < 0:
            raise fail("fill", f"Dimension {d} must be >= 0")
    return TensorSpec(dims, value.dtype)


def _fill_kernel(value, dims=()):
    if value.ndim != 0 or min(dims, default=0) < 0:
        raise ValueError("bad fill")
    return np.full(dims, value, dtype=value.dtype)


FILL = def_op(
    "fill", kernel=_fill_kernel, infer=_fill_infer,
    grad=lambda g, y, value, dims=(): (reduce_ops.reduce_sum(g),),
    traits=OPAQUE, attrs={"dims": ()},
)


def fill(dims, value, name=None):
    """A tensor of shape `dims` holding `value` everywhere, with `value`'s dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.fill([2, 2], 3).numpy()
        array([[3, 3],
               [3, 3]], dtype=int32)
    """
    if not array_ops.static_shape_arg(dims):
        from . import array_dynamic

        return array_dynamic.fill(dims, convert.convert_to_tensor(value))
    return execute(FILL, (value,), {"dims": array_ops.shape_attr(dims)}, name=name)


def _filled(shape, dtype, one: bool):
    dtype = dtypes.as_dtype(dtype)
    if dtype is dtypes.string and one:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype string")
    if dtype is dtypes.string:
        value = np.array(b"", dtype=object)
    else:
        value = np.ones((), dtype._np) if one else np.zeros((), dtype._np)
    if not array_ops.static_shape_arg(shape):
        from . import array_dynamic

        return array_dynamic.fill(shape, convert.convert_to_tensor(value))
    return execute(FILL, (convert.convert_to_tensor(value),),
                   {"dims": array_ops.shape_attr(shape)})


def zeros(shape, dtype=dtypes.float32, name=None, layout=None):
    """A tensor of zeros of the given shape and dtype (float32 by default).

    Example:
        >>> import tensorlet as tf
        >>> tf.zeros([2, 3]).shape, tf.zeros([2], tf.int32).dtype
        (TensorShape([2, 3]), tf.int32)
    """
    return _filled(shape, dtype, one=False)


def ones(shape, dtype=dtypes.float32, name=None, layout=None):
    """A tensor of ones of the given shape and dtype (float32 by default).

    Example:
        >>> import tensorlet as tf
        >>> tf.ones([2]).numpy()
        array([1., 1.], dtype=float32)
    """
    return _filled(shape, dtype, one=True)


# --- range ---------------------------------------------------------------------------------

_RANGE_ORDER = (dtypes.int32, dtypes.int64, dtypes.float16, dtypes.float32, dtypes.float64)


def _range_count(start, limit, delta) -> int:
    if delta == 0:
        raise InvalidArgumentError(f"range: Requires delta != 0: {delta} [Op:Range]")
    if delta > 0 and start > limit:
        raise InvalidArgumentError(
            f"range: Requires start <= limit when delta > 0: {start}/{limit} [Op:Range]")
    if delta < 0 and start < limit:
        raise InvalidArgumentError(
            f"range: Requires start >= limit when delta < 0: {start}/{limit} [Op:Range]")
    return int(np.ceil(abs((limit - start) / delta)))


def _range_kernel(start=0, limit=0, delta=1, dtype=dtypes.int32):
    n = _range_count(start, limit, delta)
    t = dtype._np.type
    # NOTE: start + i * delta computed in the output dtype: TF's exact float values.
    return t(start) + np.arange(n, dtype=dtype._np) * t(delta)


def _range_infer(start=0, limit=0, delta=1, dtype=dtypes.int32) -> TensorSpec:
    return TensorSpec([_range_count(start, limit, delta)], dtype)


RANGE = def_op(
    "range", kernel=_range_kernel, infer=_range_infer, grad=NONDIFF,
    attrs={"start": 0, "limit": 0, "delta": 1, "dtype": dtypes.int32},
)


def _scalar_and_dtype(value) -> tuple:
    if type(value) is int and -2**31 <= value < 2**31:
        return value, dtypes.int32
    if type(value) is float:
        return value, dtypes.float32
    arr = convert.to_array(value)
    if arr.ndim != 0:
        raise InvalidArgumentError(f"range: the bounds must be scalars, got shape "
                                   f"{list(arr.shape)} [Op:Range]")
    return arr[()].item(), dtypes.from_numpy(arr.dtype)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """The numbers `start, start + delta, ...` below `limit` (above it when `delta < 0`).

    With one argument it counts from 0. The dtype is the widest of the arguments' (ints give
    int32, floats float32), unless `dtype` is given.

    Raises:
        InvalidArgumentError: for `delta == 0` or a `delta` that moves away from `limit`.

    Example:
        >>> import tensorlet as tf
        >>> tf.range(5).numpy()
        array([0, 1, 2, 3, 4], dtype=int32)
        >>> tf.range(0., 1., 0.25).numpy()
        array([0.  , 0.25, 0.5 , 0.75], dtype=float32)
    """
    if limit is None:
        start, limit = 0, start
    from . import array_dynamic

    if any(array_dynamic.is_run_time(v) for v in (start, limit, delta)):
        return array_dynamic.range_(start, limit, delta, _run_time_range_dtype(
            (start, limit, delta), dtype))
    values, kinds = zip(*(_scalar_and_dtype(v) for v in (start, limit, delta)))
    if dtype is not None:
        out = dtypes.as_dtype(dtype)
        for v in values:
            convert.to_array(v, out)
    else:
        for k in kinds:
            if k not in _RANGE_ORDER:
                raise TypeError(f"range: the arguments must be int32, int64 or floating, got "
                                f"{k.name}")
        out = max(kinds, key=_RANGE_ORDER.index)
    attrs = {"start": values[0], "limit": values[1], "delta": values[2], "dtype": out}
    return execute(RANGE, (), attrs, name=name)


def _run_time_range_dtype(bounds, dtype):
    """range's dtype rule when some bound is a traced tensor (its dtype counts as its kind)."""
    if dtype is not None:
        return dtypes.as_dtype(dtype)
    kinds = [b.dtype if isinstance(b, Tensor) else _scalar_and_dtype(b)[1] for b in bounds]
    if any(k not in _RANGE_ORDER for k in kinds):
        raise TypeError("range: the arguments must be int32, int64 or floating")
    return max(kinds, key=_RANGE_ORDER.index)


# --- linspace ------------------------------------------------------------------------------

def _lin_weights(num: int, dtype) -> np.ndarray:
    """t_i = i / (num - 1): the weight of `stop` in element i."""
    return np.arange(num, dtype=dtype) / dtype.type(max(num - 1, 1))


def _linspace_kernel(start, stop, num=0, axis=0):
    if num < 0:
        raise ValueError("negative num")
    a, b = np.expand_dims(start, axis), np.expand_dims(stop, axis)
    shape = [1] * a.ndim
    shape[axis % a.ndim] = num
    steps = np.arange(num, dtype=start.dtype).reshape(shape)
    delta = (b - a) / start.dtype.type(max(num - 1, 1))
    out = a + delta * steps
    if num > 1:
        last = [slice(None)] * a.ndim
        last[axis % a.ndim] = slice(num - 1, num)
        out[tuple(last)] = b
    return np.ascontiguousarray(out, dtype=start.dtype)


def _linspace_infer(start: TensorSpec, stop: TensorSpec, num=0, axis=0) -> TensorSpec:
    if num < 0:
        raise fail("linspace", f"Requires num >= 0: {num}", start, stop)
    if start.shape.rank != stop.shape.rank:
        raise fail("linspace", "start and stop must have one shape", start, stop)
    dims = start.shape.as_list()
    if not -len(dims) - 1 <= axis <= len(dims):
        raise fail("linspace", f"axis {axis} is out of range for rank {len(dims) + 1}", start)
    a = axis % (len(dims) + 1)
    return TensorSpec(dims[:a] + [num] + dims[a:], start.dtype)


def _linspace_grad(g, y, start, stop, num=0, axis=0):
    t = _lin_weights(num, start.dtype._np)
    shape = [1] * y.shape.rank
    shape[axis % y.shape.rank] = num
    w_stop = convert.convert_to_tensor(t.reshape(shape))
    w_start = convert.convert_to_tensor((1 - t).reshape(shape))
    return (reduce_ops.reduce_sum(math_ops.multiply(g, w_start), axis=axis),
            reduce_ops.reduce_sum(math_ops.multiply(g, w_stop), axis=axis))


LINSPACE = def_op(
    "linspace", tf_name="LinSpace", kernel=_linspace_kernel, infer=_linspace_infer,
    grad=_linspace_grad, traits=OPAQUE, attrs={"num": 0, "axis": 0}, dtype_group=(0, 1),
    allowed=dtypes.FLOATS,
)


def _as_tensor(x, dtype=None):
    """`x` itself when it is a tensor or variable (of `dtype`, if given), else converted."""
    if not convert.is_tensor_like(x):
        return convert.convert_to_tensor(x, dtype)
    if dtype is not None and x.dtype is not dtype:
        raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                         f"{x.dtype.name}: {x!r}")
    return x


def linspace(start, stop, num, name=None, axis=0):
    """`num` evenly spaced values from `start` to `stop`, both included.

    `start` and `stop` may be tensors of one shape: the values then run along `axis`. `stop`
    takes `start`'s dtype; integer bounds give float64, as in TF.

    Example:
        >>> import tensorlet as tf
        >>> tf.linspace(0., 1., 5).numpy()
        array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)
    """
    from .array_shape import int_attr

    start = _as_tensor(start)
    stop = _as_tensor(stop, start.dtype)
    if start.dtype.is_integer:
        start, stop = math_ops.cast(start, dtypes.float64), math_ops.cast(stop, dtypes.float64)
    return execute(LINSPACE, (start, stop), {"num": int_attr(num), "axis": int_attr(axis)},
                   name=name)


# --- eye -----------------------------------------------------------------------------------

def _eye_kernel(num_rows=0, num_columns=0, batch_shape=(), dtype=dtypes.float32):
    m = np.eye(num_rows, num_columns, dtype=dtype._np)
    return np.ascontiguousarray(np.broadcast_to(m, batch_shape + m.shape))


EYE = def_op(
    "eye", kernel=_eye_kernel, grad=NONDIFF,
    infer=lambda num_rows=0, num_columns=0, batch_shape=(), dtype=dtypes.float32: TensorSpec(
        batch_shape + (num_rows, num_columns), dtype),
    attrs={"num_rows": 0, "num_columns": 0, "batch_shape": (), "dtype": dtypes.float32},
)


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """An identity matrix (ones on the main diagonal), optionally repeated over `batch_shape`.

    Example:
        >>> import tensorlet as tf
        >>> tf.eye(2, 3, dtype=tf.int32).numpy()
        array([[1, 0, 0],
               [0, 1, 0]], dtype=int32)
    """
    from .array_shape import int_attr

    rows = int_attr(num_rows)
    cols = rows if num_columns is None else int_attr(num_columns)
    if rows < 0 or cols < 0:
        raise InvalidArgumentError(f"eye: num_rows and num_columns must be non-negative, got "
                                   f"{rows} and {cols}")
    batch = () if batch_shape is None else array_ops.shape_attr(batch_shape)
    attrs = {"num_rows": rows, "num_columns": cols, "batch_shape": batch,
             "dtype": dtypes.as_dtype(dtype)}
    return execute(EYE, (), attrs, name=name)


# --- one_hot -------------------------------------------------------------------------------

_ONE_HOT_INDICES = frozenset({np.dtype(np.uint8), np.dtype(np.int8), np.dtype(np.int32),
                              np.dtype(np.int64)})


def _one_hot_infer(indices: TensorSpec, on: TensorSpec, off: TensorSpec, depth=0, axis=-1):
    if indices.dtype._np not in _ONE_HOT_INDICES:
        raise fail("one_hot", f"Value for attr 'TI' of {indices.dtype.kernel_name} is not in the "
                   "list of allowed values: uint8, int8, int32, int64", indices)
    if depth < 0:
        raise fail("one_hot", f"depth must be non-negative, got: {depth}")
    dims = indices.shape.as_list()
    if axis != -1 and not 0 <= axis <= len(dims):
        raise fail("one_hot", f"Expected axis to be -1 or between [0, {len(dims) + 1}).  But "
                   f"received: {axis}", indices)
    if on.shape.rank != 0 or off.shape.rank != 0:
        raise fail("one_hot", "on_value and off_value must be scalars", on, off)
    a = len(dims) if axis == -1 else axis
    return TensorSpec(dims[:a] + [depth] + dims[a:], on.dtype)


def _one_hot_kernel(indices, on, off, depth=0, axis=-1):
    if indices.dtype not in _ONE_HOT_INDICES or depth < 0 or on.ndim or off.ndim:
        raise ValueError("bad one_hot input")
    a = indices.ndim if axis == -1 else axis
    if not 0 <= a <= indices.ndim:
        raise ValueError("bad axis")
    shape = [1] * (indices.ndim + 1)
    shape[a] = depth
    spread = list(indices.shape)
    spread.insert(a, 1)
    hot = indices.reshape(spread) == np.arange(depth).reshape(shape)
    return np.where(hot, on, off)


ONE_HOT = def_op(
    "one_hot", tf_name="OneHot", kernel=_one_hot_kernel, infer=_one_hot_infer, grad=NONDIFF,
    attrs={"depth": 0, "axis": -1}, dtype_group=(1, 2),
)


def _on_off(on_value, off_value, dtype):
    """TF's rule: the dtype comes from on/off values, else `dtype`, else float32."""
    given = [(n, v) for n, v in (("on_value", on_value), ("off_value", off_value)) if v is not None]
    found = [(n, convert.convert_to_tensor(v, dtype_hint=dtype).dtype) for n, v in given]
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
        for name, d in found:
            if d is not dtype:
                raise TypeError(f"dtype {d} of {name} does not match dtype parameter {dtype}")
    elif len(found) == 2 and found[0][1] is not found[1][1]:
        raise TypeError(f"dtype {found[0][1]} of on_value does not match dtype "
                        f"{found[1][1]} of off_value")
    out = dtype or (found[0][1] if found else dtypes.float32)
    on = convert.convert_to_tensor(1 if on_value is None else on_value, out)
    off = convert.convert_to_tensor(0 if off_value is None else off_value, out)
    return on, off


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """One-hot encodes `indices`: `on_value` where the new axis equals the index, else
    `off_value`. Out-of-range indices give an all-`off_value` row.

    Args:
        indices: an integer tensor.
        depth: the length of the new axis.
        on_value, off_value: scalars (1 and 0 by default).
        axis: where the new axis goes (-1: last).
        dtype: the output dtype (float32 by default; on/off values' dtype if they are given).

    Example:
        >>> import tensorlet as tf
        >>> tf.one_hot([0, 2], 3).numpy()
        array([[1., 0., 0.],
               [0., 0., 1.]], dtype=float32)
    """
    from .array_shape import int_attr

    on, off = _on_off(on_value, off_value, dtype)
    attrs = {"depth": int_attr(depth), "axis": -1 if axis is None else int_attr(axis)}
    return execute(ONE_HOT, (indices, on, off), attrs, name=name)
