"""Dtype conversions: cast, and the complex parts conj, real and imag.

Float to integer casts follow what TF's CPU kernels give: truncation toward zero, and the x86
conversion results (the most negative integer, ...) for NaN, infinities and values out of range,
computed here explicitly so that NumPy never warns.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes, overrides
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import UnimplementedError
from ..core.registry import ELEMENTWISE, def_op
from ..core.spec import TensorSpec
from ._rules import same_as_input

__all__ = ["cast", "conj", "real", "imag"]

_I32 = np.dtype(np.int32)
_I64 = np.dtype(np.int64)
_U32 = np.dtype(np.uint32)
_U64 = np.dtype(np.uint64)
_SMALL_INTS = frozenset(np.dtype(t) for t in (np.int8, np.int16, np.uint8, np.uint16))


def _in_range(t: np.ndarray, low: float, high: float) -> np.ndarray:
    """`low <= t < high`, False for NaN."""
    return (t >= low) & (t < high)


def _float_to_int(x: np.ndarray, target: np.dtype) -> np.ndarray:
    """Truncates toward zero; NaN, infinities and out-of-range values as TF's CPU kernels."""
    if (target == _I32 or target == _I64) and x.size:
        info = np.iinfo(target)
        # NOTE: the common case (labels cast back to integers): every value in range, where
        # NumPy's own cast already truncates toward zero; NaN fails both comparisons.
        if x.min() >= info.min and x.max() < -float(info.min):
            return x.astype(target)
    t = np.trunc(x.astype(np.float64))
    if target in _SMALL_INTS:
        return _float_to_int(x, _I32).astype(target)
    if target == _I32 or target == _I64:
        info = np.iinfo(target)
        ok = _in_range(t, info.min, -float(info.min))
        return np.where(ok, t, info.min).astype(target)
    if target == _U32:
        ok = _in_range(t, -2.0**31, 2.0**32)
        wrapped = np.where(ok, t, 0).astype(np.int64).astype(target)
        return np.where(ok | ~np.isfinite(t), wrapped, np.uint32(2**31))
    ok = _in_range(t, -2.0**63, 2.0**64)
    positive = np.where(ok & (t >= 0), t, 0).astype(target)
    negative = np.where(ok & (t < 0), t, 0).astype(np.int64).astype(target)
    return np.where(ok, np.where(t >= 0, positive, negative), np.uint64(2**63))


def _cast_kernel(x: np.ndarray, dtype: dtypes.DType) -> np.ndarray:
    target = dtype._np
    if x.dtype.kind == "O" or target.kind == "O":
        raise TypeError("string casts are not supported")
    if x.dtype.kind == "c" and target.kind != "c":
        x = x.real
    if target.kind == "b":
        return x != 0
    if x.dtype.kind == "f" and target.kind in "iu":
        return _float_to_int(x, target)
    return x.astype(target)


def _cast_infer(x: TensorSpec, dtype: dtypes.DType) -> TensorSpec:
    if (x.dtype is dtypes.string) != (dtype is dtypes.string):
        raise UnimplementedError(
            None, None,
            f"Cast {x.dtype.kernel_name} to {dtype.kernel_name} is not supported [Op:Cast]\n"
            f"cast: got a {x.short()} tensor; strings convert with tf.strings.to_number or "
            f"tf.strings.as_string")
    return TensorSpec(x.shape, dtype)


def _cast_grad(g, y, x, dtype):
    if x.dtype in dtypes.INEXACT and dtype in dtypes.INEXACT:
        return (cast(g, x.dtype),)
    return (None,)


CAST = def_op(
    "cast", kernel=_cast_kernel, infer=_cast_infer, grad=_cast_grad, traits=ELEMENTWISE,
    attrs={"dtype": None}, expr="astype", quiet=True,
)


def cast(x, dtype, name=None):
    """Casts `x` to `dtype`; returns `x` itself when it already has that dtype.

    Floats cast to integers truncate toward zero; complex numbers cast to real types keep their
    real part; casting to bool gives `x != 0`.

    Args:
        x: a tensor, variable, ndarray or Python value.
        dtype: the target dtype (a DType, a name or a NumPy type).
        name: ignored in eager mode.

    Returns:
        A tensor of dtype `dtype` with the shape of `x`.

    Raises:
        UnimplementedError: when casting strings to or from other types.

    Example:
        >>> import tensorlet as tf
        >>> tf.cast(tf.constant([-1.7, 2.5]), tf.int32).numpy()
        array([-1,  2], dtype=int32)
    """
    base = dtypes.as_dtype(dtype)
    if not is_tensor_like(x):
        try:
            x = convert_to_tensor(x)
        except ValueError:
            return overrides.retry("cast", x, dtype, name=name)
    if x.dtype is base:
        return x
    return execute(CAST, (x,), {"dtype": base}, name=name)


def _conj_grad(g, y, x):
    return (conj(g),)


CONJ = def_op(
    "conj", kernel=np.conj, infer=same_as_input, grad=_conj_grad, traits=ELEMENTWISE,
    dtype_group=(0,), allowed=dtypes.NUMERIC, expr="conj",
)


def _part_infer(x: TensorSpec) -> TensorSpec:
    return TensorSpec(x.shape, x.dtype.real_dtype)


def _real_grad(g, y, x):
    if x.dtype.is_complex:
        return (_complex(g, _zeros(g)),)
    return (g,)


def _imag_grad(g, y, x):
    if not x.dtype.is_complex:
        return (_zeros(g),)
    return (_complex(_zeros(g), g),)


def _zeros(g):
    from . import array as array_ops

    return array_ops.zeros_like(g)


def _complex(re, im):
    """`re + i im` from two real tensors, written with cast so it can be differentiated."""
    from . import math as math_ops

    target = dtypes.complex64 if re.dtype is dtypes.float32 else dtypes.complex128
    i = convert_to_tensor(np.asarray(1j, target._np))
    return math_ops.add(cast(re, target), math_ops.multiply(cast(im, target), i))


REAL = def_op(
    "real", kernel=lambda x: np.real(x).copy(), infer=_part_infer, grad=_real_grad,
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.NUMERIC, expr="real",
)
IMAG = def_op(
    "imag", kernel=lambda x: np.imag(x).copy(), infer=_part_infer, grad=_imag_grad,
    traits=ELEMENTWISE, dtype_group=(0,), allowed=dtypes.NUMERIC, expr="imag",
)


def conj(x, name=None):
    """Returns the complex conjugate of `x`; real tensors are returned unchanged.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.conj(tf.constant([1 + 2j])).numpy()
        array([1.-2.j])
    """
    x = x if is_tensor_like(x) else convert_to_tensor(x)
    if x.dtype is dtypes.string:
        raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype!r}.")
    if not x.dtype.is_complex:
        return x
    return execute(CONJ, (x,), name=name)


def real(input, name=None):
    """Returns the real part of a complex tensor; real tensors are returned unchanged.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.real(tf.constant([1 + 2j])).numpy()
        array([1.])
    """
    x = convert_to_tensor(input)
    if not x.dtype.is_complex:
        if not x.dtype.is_numeric:
            raise TypeError(f"input must be a numeric tensor, but got tensor with dtype "
                            f"{x.dtype}")
        return x
    return execute(REAL, (x,), name=name)


def imag(input, name=None):
    """Returns the imaginary part of a complex tensor; zeros for real tensors.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.imag(tf.constant([1 + 2j])).numpy()
        array([2.])
    """
    return execute(IMAG, (input,), name=name)
