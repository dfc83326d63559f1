"""Linear algebra: matmul (with transpose flags and broadcast batch dims), tensordot and
matrix_transpose.

`einsum` lives in `linalg_einsum` and `norm` in `linalg_norm`; their names are reachable as
`linalg.<name>` too.
"""

from __future__ import annotations

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import dtypes
from ..core.dispatch import execute, fast_binary
from ..core.errors import InvalidArgumentError, NotFoundError
from ..core.registry import OPAQUE, def_op
from ..core.shape import broadcast_static_shape
from ..core.spec import TensorSpec
from . import array as array_ops
from . import linalg_einsum
from . import math as math_ops

__all__ = ["matmul", "tensordot", "matrix_transpose"]

# NOTE: TF's MatMul accepts unsigned types but has no CPU kernel for them (NotFoundError).
_MATMUL_TYPES = dtypes.FLOATS | dtypes.COMPLEX | (dtypes.INTEGERS - {dtypes.int8, dtypes.int16})


def _reject(a, b):
    if a.dtype.kind == "u":
        raise NotFoundError(f"Could not find device for node: MatMul[T={a.dtype.name}]: TF has "
                            "no MatMul kernel for unsigned integers [Op:MatMul]")
    # NOTE: np.matmul would accept vectors; the shape rule gives TF's error instead.
    raise ValueError("matmul needs inputs of rank >= 2")


def _matmul_kernel(a, b, transpose_a=False, transpose_b=False):
    if a.ndim < 2 or b.ndim < 2 or a.dtype.kind == "u":
        _reject(a, b)
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    if a.ndim == 2 and b.ndim == 2:
        # NOTE: ndarray.dot is the same BLAS product as np.matmul for matrices, without the
        # ufunc machinery (0.4 µs instead of 1 µs on small ones).
        return a.dot(b)
    return np.matmul(a, b)


def _matmul_out(a, b, out, transpose_a=False, transpose_b=False):
    """The product written into `out` (plans only: shapes and dtypes were checked when traced)."""
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    if a.ndim == 2 and b.ndim == 2:
        return a.dot(b, out=out)
    return np.matmul(a, b, out=out)


def _matmul_infer(a: TensorSpec, b: TensorSpec, transpose_a=False, transpose_b=False):
    da, db = a.shape.as_list(), b.shape.as_list()
    if len(da) < 2 or len(db) < 2:
        which = 0 if len(da) < 2 else 1
        raise InvalidArgumentError(
            f"In[{which}] ndims must be >= 2 [Op:MatMul]\nmatmul: both inputs must have rank "
            f">= 2 (a: {a.short()}, b: {b.short()}); use tf.tensordot or tf.reshape for vectors")
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
            f"In[0] and In[1] must have compatible batch dimensions: {da} vs. {db} "
            f"[Op:BatchMatMulV2]\nmatmul: batch dimensions {da[:-2]} and {db[:-2]} do not "
            f"broadcast (a: {a.short()}, b: {b.short()})") from None
    return TensorSpec(batch + [m, n], a.dtype)


def _matmul_grad(g, y, a, b, transpose_a=False, transpose_b=False):
    """TF's rule, with the conjugated inputs for complex dtypes (transposes become adjoints)."""
    a, b = linalg_einsum.conj_if_complex(a), linalg_einsum.conj_if_complex(b)
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
    allowed=_MATMUL_TYPES, out_kernel=_matmul_out,
)


def _with_output_type(a, b, output_type):
    """TF's `output_type`: the inputs' dtype, or int32 products of int8/uint8 matrices."""
    a, b = linalg_einsum.as_tensor(a), linalg_einsum.as_tensor(b)
    if output_type is a.dtype:
        return a, b
    bytes_ = (dtypes.int8, dtypes.uint8)
    if output_type is dtypes.int32 and a.dtype in bytes_ and b.dtype in bytes_:
        return math_ops.cast(a, dtypes.int32), math_ops.cast(b, dtypes.int32)
    raise NotFoundError(f"Could not find device for node: MatMul with inputs {a.dtype.name} "
                        f"and {b.dtype.name} and output_type {output_type.name} [Op:MatMul]")


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False,
           name=None):
    """Multiplies matrices `a @ b`; leading (batch) dimensions broadcast.

    Args:
        a, b: tensors of rank >= 2 and one dtype (float, complex, int32 or int64).
        transpose_a, transpose_b: transpose the last two axes first.
        adjoint_a, adjoint_b: conjugate-transpose (the same as transposing for real dtypes).
        a_is_sparse, b_is_sparse, grad_a, grad_b: performance hints; accepted and ignored.
        output_type: None (the inputs' dtype), or int32 for int8 inputs.
        name: ignored in eager mode.

    Returns:
        A tensor of shape `batch + [m, n]` and the inputs' dtype.

    Raises:
        InvalidArgumentError: for inputs of rank < 2, inner dimensions that differ, batch
            dimensions that do not broadcast, or mixed or unsupported dtypes.
        ValueError: when both `transpose_a` and `adjoint_a` (or both for `b`) are set.

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
        >>> tf.matmul(t, t, transpose_b=True).numpy()
        array([[14., 32.],
               [32., 77.]], dtype=float32)
    """
    if not (transpose_a or transpose_b or adjoint_a or adjoint_b) and output_type is None:
        return _plain_matmul(a, b, name=name)
    if adjoint_a or adjoint_b:
        for side, flags in (("a", (transpose_a, adjoint_a)), ("b", (transpose_b, adjoint_b))):
            if all(flags):
                raise ValueError(f"Only one of `transpose_{side}` and `adjoint_{side}` can be "
                                 f"True. Received `transpose_{side}`=True, `adjoint_{side}`=True.")
        if adjoint_a:
            a = linalg_einsum.conj_if_complex(linalg_einsum.as_tensor(a))
        if adjoint_b:
            b = linalg_einsum.conj_if_complex(linalg_einsum.as_tensor(b))
    if output_type is not None:
        a, b = _with_output_type(a, b, dtypes.as_dtype(output_type))
    attrs = {"transpose_a": bool(transpose_a or adjoint_a),
             "transpose_b": bool(transpose_b or adjoint_b)}
    return execute(MATMUL, (a, b), attrs, name=name)


def _matmul_no_flags(a, b, name=None):
    return execute(MATMUL, (a, b), _NO_FLAGS, name=name)


_NO_FLAGS = {"transpose_a": False, "transpose_b": False}
# `a @ b` and `tf.matmul(a, b)`: eager calls on two tensors of one dtype skip the generic path.
_plain_matmul = fast_binary(MATMUL, _matmul_no_flags)


# --- tensordot -------------------------------------------------------------------------------

def _axis_list(axes, rank: int) -> list:
    value = getattr(axes, "_value", None)
    axes = value.tolist() if value is not None else axes
    axes = [axes] if isinstance(axes, (int, np.integer)) else list(axes)
    return [int(a) % rank if rank else int(a) for a in axes]


def _contraction_axes(axes, ra: int, rb: int) -> tuple:
    """TF's `axes`: an int N (last N of a with first N of b) or a pair of axis lists."""
    value = getattr(axes, "_value", None)
    if value is not None and value.ndim == 0:
        axes = int(value)
    if isinstance(axes, (int, np.integer)):
        n = int(axes)
        if n < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {n}.")
        if n > ra or n > rb:
            raise ValueError(f"`axes` must not be larger than the number of dimensions of "
                             f"tensor. Received {n}, vs tensor dimensions {min(ra, rb)}.")
        return list(range(ra - n, ra)), list(range(n))
    pair = axes.tolist() if isinstance(axes, np.ndarray) else list(axes)
    if len(pair) != 2:
        raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
    a_axes, b_axes = _axis_list(pair[0], ra), _axis_list(pair[1], rb)
    if len(a_axes) != len(b_axes):
        raise ValueError(f"Different number of contraction axes `a` and `b`, {len(a_axes)} != "
                         f"{len(b_axes)}.")
    if len(set(a_axes)) != len(a_axes) or len(set(b_axes)) != len(b_axes):
        raise ValueError(f"tensordot: repeated contraction axes in {axes}")
    return a_axes, b_axes


def tensordot(a, b, axes, name=None):
    """Contracts `a` and `b` over the given axes (a generalised matrix product).

    Args:
        a, b: tensors of one dtype.
        axes: an int N (sum over the last N axes of `a` and the first N of `b`), or a pair
            `[a_axes, b_axes]` of equally long axis lists (or ints).
        name: ignored in eager mode.

    Returns:
        A tensor with the free axes of `a` followed by the free axes of `b`.

    Raises:
        ValueError: for a bad `axes`.
        InvalidArgumentError: when contracted dimensions differ, or dtypes differ.

    Example:
        >>> import tensorlet as tf
        >>> tf.tensordot(tf.ones([2, 3]), tf.ones([3, 4]), axes=1).shape
        TensorShape([2, 4])
        >>> tf.tensordot(tf.constant([1, 2]), tf.constant([3, 4]), axes=[[0], [0]]).numpy()
        np.int32(11)
    """
    a, b = linalg_einsum.as_tensor(a), linalg_einsum.as_tensor(b)
    ra, rb = a.shape.rank, b.shape.rank
    a_axes, b_axes = _contraction_axes(axes, ra, rb)
    sa = linalg_einsum.LETTERS[:ra]
    sb = list(linalg_einsum.LETTERS[ra:ra + rb])
    for i, j in zip(a_axes, b_axes):
        sb[j] = sa[i]
    out = [sa[i] for i in range(ra) if i not in a_axes]
    out += [sb[j] for j in range(rb) if j not in b_axes]
    equation = f"{sa},{''.join(sb)}->{''.join(out)}"
    return execute(linalg_einsum.EINSUM, (a, b), {"equation": equation}, name=name)


# --- matrix_transpose ------------------------------------------------------------------------

def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """Swaps the last two axes of a (batch of) matrices; `conjugate` also conjugates.

    Args:
        a: a tensor of rank >= 2 (any dtype).
        name: ignored in eager mode.
        conjugate: conjugate complex values too (the adjoint).

    Returns:
        A tensor of shape `[..., n, m]` for an input of shape `[..., m, n]`.

    Raises:
        ValueError: for an input of rank < 2.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.matrix_transpose(tf.constant([[1, 2, 3]])).numpy()
        array([[1],
               [2],
               [3]], dtype=int32)
    """
    a = linalg_einsum.as_tensor(a)
    rank = a.shape.rank
    if rank < 2:
        raise ValueError(f"Argument `a` should be a (batch) matrix with rank >= 2.  Received "
                         f"`a` = {np.asarray(a)} with shape: {tuple(a.shape.as_list())}")
    perm = list(range(rank - 2)) + [rank - 1, rank - 2]
    return array_ops.transpose(a, perm, conjugate=conjugate)


# NOTE: imported last, so the split modules find this one complete whichever loads first; the
# import also puts their ops in the registry whenever `linalg` is loaded.
from . import linalg_norm  # noqa: E402

_SPLIT_MODULES = (linalg_einsum, linalg_norm)


def __getattr__(name):
    """Public ops of the split linalg modules are reachable as `linalg.<name>` too."""
    for module in _SPLIT_MODULES:
        if name in module.__all__:
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
