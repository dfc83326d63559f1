"""Converting Python values, NumPy arrays, tensors and variables into arrays of a DType.

The rules are TF's, measured on TF 2.21:
- Python data: a float is float32, an int is int32 (int64 when it does not fit), a bool is bool,
  a str or bytes is a string (UTF-8), a complex is complex128. In a list the first leaf decides
  what may follow: after an int or a float, ints, floats and bools (float32, or the first leaf's
  NumPy float type); after a complex, any number; after a bool or a string, only its own kind.
- An ndarray or NumPy scalar keeps its dtype; a requested dtype casts it (as TF does).
- A requested dtype takes Python data only when no value is lost in kind: floats never become
  ints (`tf.constant(1.0, tf.int32)` is a TypeError), ints wrap into narrower int types.
- A tensor never changes dtype: a different requested dtype is an error.
- A list holding tensors is stacked; its other items take the tensors' dtype.
"""

from __future__ import annotations

import numpy as np

from . import dtypes
from .context import state
from .errors import InvalidArgumentError
from .shape import TensorShape
from .tensor import EagerTensor, Tensor, wrap

__all__ = ["to_array", "convert_to_tensor", "constant", "is_tensor_like"]

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_FLOAT32_MAX = float(np.finfo(np.float32).max)
_OBJECT = np.dtype(object)
_OUT_OF_RANGE_INT = "Can't convert Python sequence with out-of-range integer to Tensor."
_OUT_OF_RANGE_FLOAT = ("Can't convert Python sequence with a value out of range for a "
                       "double-precision float.")
_MIXED = "Can't convert Python sequence with mixed types to Tensor."
_RAGGED = "Can't convert non-rectangular Python sequence to Tensor."

# The kind of each Python or NumPy leaf type: b(ool) i(nt) f(loat) d(ouble) c(omplex) s(tring).
_KINDS = {
    bool: "b", np.bool_: "b", int: "i", float: "f", np.float16: "f", np.float32: "f",
    np.float64: "d", complex: "c", np.complex64: "c", np.complex128: "c",
    str: "s", bytes: "s", np.str_: "s", np.bytes_: "s",
}
# The leaf kinds that Python data may have to be converted to a requested dtype, by dtype kind.
_ACCEPTS = {
    "b": frozenset("b"), "i": frozenset("bi"), "u": frozenset("bi"), "f": frozenset("bifd"),
    "c": frozenset("ifdc"), "S": frozenset("s"),
}
# The Python scalars that convert to each int or float dtype without wrapping or overflow.
_RANGES = {d: (d.min.item(), d.max.item()) if d.is_floating else (d.min, d.max)
           for d in dtypes.REALS}
_NUMPY_ITEM = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}


def is_tensor_like(value) -> bool:
    """True for tensors and variables (anything that holds a `_value` array or is symbolic).

    Public as `tf.is_tensor`.

    Example:
        >>> import tensorlet as tf
        >>> tf.is_tensor(tf.constant(1.)), tf.is_tensor(tf.Variable(1.)), tf.is_tensor(1.)
        (True, True, False)
    """
    return isinstance(value, Tensor) or hasattr(value, "_value")


def _unsupported(value) -> ValueError:
    return ValueError(f"Attempt to convert a value ({value!r}) with an unsupported type "
                      f"({type(value)}) to a Tensor.")


def _to_bytes(arr: np.ndarray) -> np.ndarray:
    """A string array (unicode, bytes or object) as an object array of UTF-8 `bytes`."""
    out = np.empty(arr.shape, dtype=object)
    flat = out.reshape(-1)
    for i, s in enumerate(arr.reshape(-1)):
        if isinstance(s, str):
            flat[i] = s.encode("utf-8")
        elif isinstance(s, bytes):
            flat[i] = bytes(s)
        else:
            raise ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported object "
                             f"type {type(s).__name__}).")
    return out


# --- Python data -------------------------------------------------------------------------------

def _leaf_types(seq, out: set) -> None:
    """Adds the types of the leaves of a nested list/tuple (ndarray leaves by their dtype)."""
    types = set(map(type, seq))
    if list in types or tuple in types or np.ndarray in types:
        for x in seq:
            if isinstance(x, (list, tuple)):
                _leaf_types(x, out)
            elif isinstance(x, np.ndarray):
                out.add(x.dtype.type)
            else:
                out.add(type(x))
    else:
        out |= types


def _kind(t: type) -> str | None:
    """The kind of a leaf type, "t" for tensors and variables, None for unsupported types."""
    kind = _KINDS.get(t)
    if kind is None:
        if issubclass(t, np.integer):
            return "i"
        if issubclass(t, np.floating):
            return "d" if np.dtype(t).itemsize >= 8 else "f"
        if getattr(t, "_tensor_like", False):
            return "t"
    return kind


def _kinds(value) -> set:
    """The leaf kinds of Python data; unsupported leaves raise TF's ValueError."""
    if not isinstance(value, (list, tuple)):
        kind = _kind(type(value))
        if kind is None:
            raise _unsupported(value)
        return {kind}
    types: set = set()
    _leaf_types(value, types)
    kinds = {_kind(t) for t in types}
    if None in kinds:
        first = _first_leaf(value)
        raise _unsupported(first) if _kind(type(first)) is None else ValueError(_MIXED)
    return kinds


def _rectangular(value, dtype=None) -> np.ndarray:
    try:
        return np.array(value, dtype=dtype)
    except (ValueError, TypeError):
        raise ValueError(_RAGGED) from None


def _narrow_int(arr: np.ndarray) -> np.ndarray:
    """Python ints: int32 when every value fits, else int64; beyond int64 is an error."""
    if arr.dtype.kind != "i":
        raise ValueError(_OUT_OF_RANGE_INT)
    if arr.size == 0 or (arr.min() >= _INT32_MIN and arr.max() <= _INT32_MAX):
        return arr.astype(np.int32)
    return arr


def _as_float32(arr: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        out = arr.astype(np.float32)
    if np.isinf(out).any() and (np.isinf(out) & np.isfinite(arr)).any():
        raise ValueError(_OUT_OF_RANGE_FLOAT)
    return out


# The leaf kinds a list may hold after its first leaf's kind (TF's inference is ordered:
# `[1, True]` is int32 but `[True, 1]` is an error; `[1j, 1]` is complex but `[1, 1j]` is not).
_FOLLOWERS = {
    "b": frozenset("b"), "i": frozenset("bifd"), "f": frozenset("bifd"), "d": frozenset("bifd"),
    "c": frozenset("bifdc"), "s": frozenset("s"),
}


def _first_leaf(value):
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return value


def _infer_sequence(value) -> np.ndarray:
    """TF's dtype for a (nested) list or tuple; a list holding tensors is stacked."""
    kinds = _kinds(value)
    if "t" in kinds:
        return _pack(value, None)
    if not kinds:
        return _rectangular(value).astype(np.float32)
    first = _first_leaf(value)
    first = first.dtype.type if isinstance(first, np.ndarray) else type(first)
    if not kinds <= _FOLLOWERS[_kind(first)]:
        raise ValueError(_MIXED)
    if "s" in kinds:
        return _to_bytes(_rectangular(value, object))
    arr = _rectangular(value)
    if "c" in kinds:
        return arr.astype(np.complex128)
    if kinds & {"f", "d"}:
        if first in (np.float64, np.float16):
            return arr.astype(first)
        return _as_float32(arr)
    return _narrow_int(arr) if "i" in kinds else arr


def _infer_python(value) -> np.ndarray:
    """TF's dtype for Python data: float32, int32/int64, bool, complex128 or string."""
    t = type(value)
    if t is float:
        if -_FLOAT32_MAX <= value <= _FLOAT32_MAX:
            return np.array(value, dtype=np.float32)
        return _as_float32(np.array(value))
    if t is int:
        if _INT32_MIN <= value <= _INT32_MAX:
            return np.array(value, dtype=np.int32)
        if _INT64_MIN <= value <= _INT64_MAX:
            return np.array(value, dtype=np.int64)
        raise ValueError(_OUT_OF_RANGE_INT)
    if t is bool or t is complex:
        return np.array(value)
    if t is str or t is bytes:
        return _to_bytes(np.array(value, dtype=object))
    if isinstance(value, (list, tuple)):
        return _infer_sequence(value)
    if isinstance(value, range):
        return _infer_sequence(list(value))
    if isinstance(value, TensorShape):
        return _shape_array(value)
    raise _unsupported(value)


def _shape_array(shape) -> np.ndarray:
    """A fully known TensorShape as an int32 vector (int64 when a dim needs it)."""
    if not shape.is_fully_defined():
        raise ValueError(f"Cannot convert a partially known TensorShape {shape} to a Tensor.")
    return _narrow_int(np.array(shape.as_list(), dtype=np.int64))


def _python_as(value, dtype: dtypes.DType) -> np.ndarray:
    """Python data as `dtype`; TypeError when a value's kind cannot take it (1.5 as int32)."""
    t = type(value)
    if (t is float and dtype._kind == "f") or (t is int and dtype._kind in "iuf"):
        low, high = _RANGES[dtype]
        if low <= value <= high:
            return np.array(value, dtype=dtype._np)
    kinds = _kinds(value)
    if "t" in kinds:
        return _pack(value, dtype)
    if not kinds <= _ACCEPTS.get(dtype._kind, frozenset()):
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype.kernel_name}")
    if dtype is dtypes.string:
        return _to_bytes(_rectangular(value, object))
    arr = _rectangular(value)
    if kinds and kinds <= {"b", "i"} and arr.dtype.kind not in "biu":
        raise ValueError(_OUT_OF_RANGE_INT)
    with np.errstate(all="ignore"):
        return arr.astype(dtype._np)


def _pack(value, dtype) -> np.ndarray:
    """Stacks a list holding tensors; other items take the first tensor's dtype (TF's Pack)."""
    if dtype is None:
        first = next(x for x in _flat(value) if is_tensor_like(x))
        return _stack(value, first.dtype, cast=False)
    return _stack(value, dtype, cast=True)


def _flat(value):
    for x in value:
        if isinstance(x, (list, tuple)):
            yield from _flat(x)
        else:
            yield x


def _stack(value, dtype: dtypes.DType, cast: bool, index: int = 0) -> np.ndarray:
    if not isinstance(value, (list, tuple)):
        if not is_tensor_like(value) or not isinstance(getattr(value, "_value", None), np.ndarray):
            return to_array(value, dtype)
        return value._value.astype(dtype._np) if cast else _same(value, dtype, index)
    parts = [_stack(x, dtype, cast, i) for i, x in enumerate(value)]
    if not parts:
        return np.zeros((0,), dtype._np)
    for i, p in enumerate(parts[1:], 1):
        if p.shape != parts[0].shape:
            raise InvalidArgumentError(
                None, None, f"Shapes of all inputs must match: values[0].shape = "
                f"{list(parts[0].shape)} != values[{i}].shape = {list(p.shape)} [Op:Pack]")
    return np.stack(parts)


def _same(x, dtype: dtypes.DType, index: int) -> np.ndarray:
    if x.dtype is not dtype:
        raise InvalidArgumentError(
            None, None, f"cannot compute Pack as input #{index}(zero-based) was expected to be a "
            f"{dtype.kernel_name} tensor but is a {x.dtype.kernel_name} tensor [Op:Pack]\n"
            f"tf.stack / list conversion: the list mixes {dtype.name} and {x.dtype.name} "
            f"tensors; convert one of them, e.g. tf.cast(x, tf.{dtype.name})")
    return x._value


# --- NumPy data --------------------------------------------------------------------------------

def _numpy_array(value) -> np.ndarray:
    """An ndarray or NumPy scalar as a new array of a dtype tensorlet supports."""
    arr = np.array(value)
    if arr.dtype in dtypes._BY_NP and arr.dtype != _OBJECT:
        return arr
    if arr.dtype.kind in "USO":
        return _to_bytes(arr)
    name = {"g": "LONGDOUBLE", "G": "CLONGDOUBLE"}.get(arr.dtype.char) or \
        {"M": "DATETIME", "m": "TIMEDELTA", "V": "VOID"}.get(arr.dtype.kind, arr.dtype.name.upper())
    raise ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported numpy type: "
                     f"NPY_{name}).")


def _numpy_as(value, dtype: dtypes.DType) -> np.ndarray:
    """An ndarray cast to `dtype`, as TF does (complex to real keeps the real part)."""
    arr = np.asarray(value)
    if dtype is dtypes.string:
        if arr.dtype.kind not in "USO":
            raise ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported object "
                             f"type {_NUMPY_ITEM.get(arr.dtype.kind, arr.dtype.name)}).")
        return _to_bytes(arr)
    if arr.dtype.kind == "O":
        arr = _to_bytes(arr).astype(str)
    elif arr.dtype.kind == "c" and dtype._kind != "c":
        arr = arr.real
    with np.errstate(all="ignore"):
        return arr.astype(dtype._np)


def holds_traced(value) -> bool:
    """Whether a (nested) list or tuple holds a traced tensor (one without a value)."""
    for item in value:
        if isinstance(item, (list, tuple)):
            if holds_traced(item):
                return True
        elif isinstance(item, Tensor) and not hasattr(item, "_value"):
            return True
    return False


def _is_variable(value) -> bool:
    # NOTE: by duck type, as core.variable imports this module
    return hasattr(value, "assign_sub") and not isinstance(value, Tensor)


# --- the entry points --------------------------------------------------------------------------

def to_array(value, dtype=None, dtype_hint=None) -> np.ndarray:
    """Returns `value` as an ndarray of the requested dtype, or of the inferred one.

    The array is never one the caller can still write to: NumPy inputs are copied.

    Args:
        value: a tensor, variable, ndarray, NumPy scalar or Python (nested) data.
        dtype: the required DType: a tensor of another dtype raises ValueError, Python data
            that cannot take it raises TypeError, NumPy data is cast.
        dtype_hint: a preferred DType, used only where the value can take it.
    """
    v = getattr(value, "_value", None)
    if isinstance(v, np.ndarray):
        if state.builder is not None and _is_variable(value):
            raise TypeError(
                f"Cannot use the value of the variable '{value.name}' as a concrete value (a "
                f"shape, a bound, an index) while a function is traced: it is read when the "
                f"function runs, and may change between calls. Compute it outside the "
                f"function and pass it in, or use tensor ops on it.")
        if dtype is not None and v.dtype != dtypes.as_dtype(dtype)._np:
            raise ValueError(f"Tensor conversion requested dtype {dtypes.as_dtype(dtype).name} "
                             f"for Tensor with dtype {dtypes._BY_NP[v.dtype].name}: {value!r}")
        return v
    if isinstance(value, Tensor):
        # NOTE: a traced tensor whose value constants and known shapes fix (graph/static_value)
        static = getattr(value, "_static_value", None)
        v = static() if static is not None else None
        if v is None:
            concrete_value_error = getattr(value, "_concrete_value_error", None)
            if concrete_value_error is not None:
                raise concrete_value_error()
            raise TypeError(f"Cannot use a symbolic tensor as a concrete value: {value!r}: "
                            f"its value depends on the call's inputs (their data, or a dim "
                            f"unknown when traced)")
        return to_array(v, dtype, dtype_hint) if dtype is not None else v
    if dtype is None and dtype_hint is not None:
        try:
            return to_array(value, dtype_hint)
        except (TypeError, ValueError):
            pass
    numpy_data = isinstance(value, (np.ndarray, np.generic))
    if dtype is None:
        return _numpy_array(value) if numpy_data else _infer_python(value)
    dtype = dtypes.as_dtype(dtype)
    return _numpy_as(value, dtype) if numpy_data else _python_as(value, dtype)


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None) -> Tensor:
    """Converts a Python value, ndarray, tensor or variable to a Tensor.

    Args:
        value: the value to convert.
        dtype: the required dtype; a tensor of another dtype raises ValueError.
        dtype_hint: a preferred dtype, used only when the value can take it.
        name: ignored in eager mode.

    Returns:
        A Tensor.

    Raises:
        TypeError: when Python data cannot take `dtype` (`1.5` as int32).
        ValueError: for a tensor of another dtype, or data of no tensor type.

    Example:
        >>> import tensorlet as tf
        >>> tf.convert_to_tensor([1, 2]).dtype, tf.convert_to_tensor(1.5).dtype
        (tf.int32, tf.float32)
    """
    if type(value) is EagerTensor and dtype is None:
        return value
    if state.builder is not None and isinstance(value, (list, tuple)) and holds_traced(value):
        # TF's auto-packing: `tf.convert_to_tensor([i, i + 1])` inside a traced function
        packed = state.builder.pack(value, dtypes.as_dtype(dtype) if dtype is not None else
                                    dtype_hint)
        if dtype is not None and packed.dtype is not dtypes.as_dtype(dtype):
            raise ValueError(f"Tensor conversion requested dtype {dtypes.as_dtype(dtype).name} "
                             f"for Tensor with dtype {packed.dtype.name}: {value!r}")
        return packed
    if isinstance(value, Tensor) and not isinstance(value, EagerTensor):
        if dtype is not None and value.dtype is not dtypes.as_dtype(dtype):
            raise ValueError(f"Tensor conversion requested dtype {dtypes.as_dtype(dtype).name} "
                             f"for Tensor with dtype {value.dtype.name}: {value!r}")
        return value
    return wrap(to_array(value, dtype, dtype_hint))


def constant(value, dtype=None, shape=None, name="Const") -> Tensor:
    """Creates a constant tensor from a Python value, ndarray or tensor.

    Args:
        value: the value; a scalar is broadcast when `shape` is given.
        dtype: the element type; Python values are converted to it when they can be.
        shape: an optional shape to reshape (same size) or fill (scalar) the value to.
        name: ignored in eager mode.

    Raises:
        TypeError: when the value cannot be represented in `dtype`, or `shape` does not fit.

    Example:
        >>> import tensorlet as tf
        >>> tf.constant(42)
        <tf.Tensor: shape=(), dtype=int32, numpy=42>
        >>> tf.constant(0., shape=[2])
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """
    if isinstance(value, Tensor) and not isinstance(value, EagerTensor):
        raise TypeError("tf.constant needs a concrete value; got a symbolic tensor. Use "
                        "tf.convert_to_tensor or tf.identity inside a tf.function.")
    held = getattr(value, "_value", None)
    if isinstance(held, np.ndarray) and dtype is not None:
        want = dtypes.as_dtype(dtype)
        if held.dtype != want._np:
            raise TypeError(f"Expected tensor {held} with dtype {want!r}, but got dtype "
                            f"{dtypes._BY_NP[held.dtype]!r}.")
    arr = to_array(value, dtype)
    if shape is not None:
        arr = _fit_shape(arr, value, shape)
    return wrap(arr)


def _fit_shape(arr: np.ndarray, value, shape) -> np.ndarray:
    held = getattr(shape, "_value", None)
    shape = held.tolist() if held is not None else shape
    dims = tuple(int(d) for d in (shape.as_list() if hasattr(shape, "as_list") else shape))
    size = int(np.prod(dims))
    if arr.size == 1 and size != 1:
        return np.full(dims, arr.reshape(()), dtype=arr.dtype)
    if arr.size == size:
        return arr.reshape(dims)
    raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor {arr} "
                    f"(converted from {value!r}) has {arr.size} elements, but got `shape` "
                    f"{dims} with {size} elements).")
