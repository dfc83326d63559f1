"""Linear algebra: matmul (with transpose flags and broadcast batch dims)."""

from __future__ import annotations

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, def_op
from ..core.shape import broadcast_static_shape
from ..core.spec import TensorSpec

__all__ = ["matmul"]


def _matmul_kernel(a, b, transpose_a=False, transpose_b=False):
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    return np.matmul(a, b)


def _matmul_infer(a: TensorSpec, b: TensorSpec, transpose_a=False, transpose_b=False):
    da, db = a.shape.as_list(), b.shape.as_list()
    if len(da) < 2 or len(db) < 2:
        raise InvalidArgumentError(
            f"matmul: both inputs must have rank >= 2 (a: {a.short()}, b: {b.short()}); use "
            f"tf.tensordot or tf.reshape for vectors")
    m, ka = (da[-1], da[-2]) if transpose_a else (da[-2], da[-1])
    kb, n = (db[-1], db[-2]) if transpose_b else (db[-2], db[-1])
    if ka is not None and kb is not None and ka != kb:
        raise InvalidArgumentError(
            f"Matrix size-incompatible: In[0]: {da}, In[1]: {db} [Op:MatMul]\n"
            f"matmul: inner dimensions {ka} and {kb} differ (a: {a.short()}, b: {b.short()})")
    try:
        batch = broadcast_static_shape(da[:-2], db[:-2]).as_list()
    except ValueError:
        raise InvalidArgumentError(
            f"matmul: batch dimensions {da[:-2]} and {db[:-2]} do not broadcast "
            f"(a: {a.short()}, b: {b.short()})") from None
    return TensorSpec(batch + [m, n], a.dtype)


def _matmul_grad(g, y, a, b, transpose_a=False, transpose_b=False):
    if not transpose_a and not transpose_b:
        ga = matmul(g, b, transpose_b=True)
        gb = matmul(a, g, transpose_a=True)
    elif transpose_a and not transpose_b:
        ga = matmul(b, g, transpose_b=True)
        gb = matmul(a, g)
    elif not transpose_a and transpose_b:
        ga = matmul(g, b)
        gb = matmul(g, a, transpose_a=True)
    else:
        ga = matmul(b, g, transpose_a=True, transpose_b=True)
        gb = matmul(g, a, transpose_a=True, transpose_b=True)
    return unbroadcast_mod.unbroadcast(ga, a), unbroadcast_mod.unbroadcast(gb, b)


MATMUL = def_op(
    "matmul", tf_name="MatMul", kernel=_matmul_kernel, infer=_matmul_infer, grad=_matmul_grad,
    traits=OPAQUE, attrs={"transpose_a": False, "transpose_b": False}, dtype_group=(0, 1),
    allowed=dtypes.NUMERIC,
)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, name=None):
    """Multiplies matrices `a @ b`; leading (batch) dimensions broadcast.

    Args:
        a, b: tensors of rank >= 2 and the same dtype.
        transpose_a, transpose_b: transpose the last two axes first.
        adjoint_a, adjoint_b: conjugate-transpose (the same as transposing for real dtypes).

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
        >>> tf.matmul(t, t, transpose_b=True).numpy()
        array([[14., 32.],
               [32., 77.]], dtype=float32)
    """
    if adjoint_a or adjoint_b:
        from . import math as math_ops

        if adjoint_a:
            a = math_ops.conj(a)
        if adjoint_b:
            b = math_ops.conj(b)
    attrs = {"transpose_a": bool(transpose_a or adjoint_a),
             "transpose_b": bool(transpose_b or adjoint_b)}
    return execute(MATMUL, (a, b), attrs, name=name)
