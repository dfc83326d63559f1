"""Converting Python values, NumPy arrays, tensors and variables into arrays of a DType.

The rules are TF's: a Python float is float32, a Python int is int32 (int64 when it does not
fit), an ndarray keeps its dtype. A *dtype hint* (the dtype of the other operand of `t + 10`) is
used when the value can take it, and ignored otherwise, so the op then reports a dtype mismatch.
"""

from __future__ import annotations

import numpy as np

from . import dtypes
from .tensor import EagerTensor, Tensor, wrap

__all__ = ["to_array", "convert_to_tensor", "constant", "is_tensor_like"]

_INT32 = np.iinfo(np.int32)
_NP_OBJECT = np.dtype(object)


def is_tensor_like(value) -> bool:
    """True for tensors and variables (anything that holds a `_value` array or is symbolic)."""
    return isinstance(value, Tensor) or hasattr(value, "_value")


def _strings_to_object(arr: np.ndarray) -> np.ndarray:
    out = np.empty(arr.shape, dtype=object)
    flat = out.reshape(-1)
    for i, s in enumerate(arr.reshape(-1)):
        flat[i] = s.encode("utf-8") if isinstance(s, str) else bytes(s)
    return out


def _check_strings(arr: np.ndarray, value) -> np.ndarray:
    for s in arr.reshape(-1):
        if not isinstance(s, bytes):
            if isinstance(s, str):
                return _strings_to_object(arr)
            raise TypeError(f"Failed to convert elements of {value!r} to Tensor. Consider "
                            "casting elements to a supported type.")
    return arr


def _contains_array(value) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_contains_array(v) for v in value)
    return isinstance(value, (np.ndarray, np.generic)) or is_tensor_like(value)


def _from_python(value) -> np.ndarray:
    """Infers TF's dtype for Python data: float32, int32/int64, bool, complex128, string."""
    try:
        arr = np.array(value)
    except (ValueError, OverflowError) as e:
        raise ValueError(f"Can't convert non-rectangular Python sequence to Tensor: {e}") from None
    kind = arr.dtype.kind
    if kind in "US":
        return _strings_to_object(arr)
    if kind == "O":
        return _check_strings(arr, value)
    if arr.dtype == np.float64 and not _contains_array(value):
        return arr.astype(np.float32)
    if arr.dtype == np.int64 and not _contains_array(value):
        if arr.size == 0 or (arr.min() >= _INT32.min and arr.max() <= _INT32.max):
            return arr.astype(np.int32)
    if kind not in "biufc":
        raise TypeError(f"Cannot convert {value!r} to a Tensor of a supported dtype.")
    return arr


def _cast_python(value, dtype: dtypes.DType) -> np.ndarray:
    """Converts Python data to `dtype`, or raises TypeError if a value cannot be represented."""
    if dtype is dtypes.string:
        arr = _from_python(value)
        if arr.dtype != _NP_OBJECT:
            raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype string")
        return arr
    arr = np.array(value)
    kind = arr.dtype.kind
    target = dtype._np
    ok = (
        (kind == "b" and target.kind == "b")
        or (kind in "iu" and target.kind in "iufc")
        or (kind == "f" and target.kind in "fc")
        or (kind == "c" and target.kind == "c")
        or (kind == "f" and target.kind in "iu" and np.all(np.mod(arr, 1) == 0))
    )
    if ok and kind in "iu" and target.kind in "iu":
        info = np.iinfo(target)
        ok = arr.size == 0 or (arr.min() >= info.min and arr.max() <= info.max)
    if not ok:
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype.name}")
    return arr.astype(target)


def _compatible_kind(src: np.dtype, dst: np.dtype) -> bool:
    return src.kind == dst.kind or (src.kind in "iu" and dst.kind in "iufc") or (
        src.kind == "f" and dst.kind == "c")


def to_array(value, dtype=None, dtype_hint=None) -> np.ndarray:
    """Returns `value` as an ndarray of the requested dtype, or of the inferred one.

    Args:
        value: a tensor, variable, ndarray, NumPy scalar or Python (nested) data.
        dtype: the required DType (a tensor of another dtype raises ValueError).
        dtype_hint: a preferred DType, used only where the value can take it.
    """
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    v = getattr(value, "_value", None)
    if v is not None and isinstance(v, np.ndarray):
        if dtype is not None and v.dtype != dtype._np:
            have = dtypes.from_numpy(v.dtype)
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {have.name}: {value!r}")
        return v
    if isinstance(value, Tensor):
        raise TypeError(f"Cannot use a symbolic tensor as a concrete value: {value!r}")
    if isinstance(value, (np.ndarray, np.generic)):
        arr = np.asarray(value)
        if arr.dtype.kind in "US":
            arr = _strings_to_object(arr)
        target = dtype or (dtypes.as_dtype(dtype_hint) if dtype_hint is not None else None)
        if target is not None and arr.dtype != target._np:
            if dtype is not None or _compatible_kind(arr.dtype, target._np):
                return arr.astype(target._np)
        dtypes.from_numpy(arr.dtype)
        return arr
    if dtype is not None:
        return _cast_python(value, dtype)
    if dtype_hint is not None:
        try:
            return _cast_python(value, dtypes.as_dtype(dtype_hint))
        except TypeError:
            pass
    return _from_python(value)


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None) -> Tensor:
    """Converts a Python value, ndarray, tensor or variable to a Tensor.

    Args:
        value: the value to convert.
        dtype: the required dtype; a tensor of another dtype raises ValueError.
        dtype_hint: a preferred dtype, used only when the value can take it.
        name: ignored in eager mode.

    Returns:
        A Tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.convert_to_tensor([1, 2]).dtype, tf.convert_to_tensor(1.5).dtype
        (tf.int32, tf.float32)
    """
    if type(value) is EagerTensor and dtype is None:
        return value
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
        TypeError: when the value cannot be represented in `dtype`.

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
    v = getattr(value, "_value", None)
    arr = v.astype(dtypes.as_dtype(dtype)._np) if v is not None and dtype is not None else \
        to_array(value, dtype)
    if shape is not None:
        dims = tuple(int(d) for d in shape)
        if arr.size == 1 and int(np.prod(dims)) != 1:
            arr = np.full(dims, arr.reshape(()), dtype=arr.dtype)
        elif arr.size == int(np.prod(dims)):
            arr = arr.reshape(dims)
        else:
            raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor "
                            f"{value!r} (converted from {value!r}) has {arr.size} elements, but "
                            f"got `shape` {list(dims)} with {int(np.prod(dims))} elements).")
    return wrap(arr)
