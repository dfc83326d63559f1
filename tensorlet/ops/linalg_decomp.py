"""Determinants and decompositions: `det`, `slogdet`, `logdet`, `cholesky`, `qr` and `svd`.

The gradients of `det`, `slogdet` and `cholesky` are written with `inv`, `triangular_solve`,
`band_part` and `matmul`, so they differentiate again; `logdet` is a composition of
`cholesky`. `qr` and `svd` give TF's forward values but have no gradient (NONDIFF).
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import constant
from ..core.dispatch import execute
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import linalg_solve, linalg_structure
from . import math as math_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__ = ["det", "slogdet", "logdet", "cholesky", "qr", "svd"]

_DECOMP_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64,
                 dtypes.complex128)
_REAL_OF = {np.dtype(np.complex64): np.float32, np.dtype(np.complex128): np.float64}

_square_dims = linalg_solve.square_dims
_spec_of = linalg_solve.spec_of


def _matmul(a, b, **flags):
    from . import linalg

    return linalg.matmul(a, b, **flags)


def _as_matrix_scale(s):
    """A `[...]` tensor as `[..., 1, 1]`, to scale a batch of matrices."""
    return array_ops.expand_dims(array_ops.expand_dims(s, -1), -1)


# --- det and slogdet -------------------------------------------------------------------------

def _det_kernel(x):
    linalg_solve.reject_half(x, "MatrixDeterminant")
    _square_dims("det", "MatrixDeterminant", _spec_of(x))
    return np.asarray(np.linalg.det(x), dtype=x.dtype)


def _det_infer(x: TensorSpec):
    return TensorSpec(_square_dims("det", "MatrixDeterminant", x)[:-2], x.dtype)


def _det_grad(g, y, x):
    """d det(A) = det(A) tr(A^-1 dA): the gradient is g conj(det) A^-H."""
    scale = math_ops.multiply(g, math_ops.conj(y) if y.dtype.is_complex else y)
    inverse = execute(linalg_solve.MATRIX_INVERSE, (x,), {"adjoint": True})
    return (math_ops.multiply(_as_matrix_scale(scale), inverse),)


MATRIX_DETERMINANT = def_op(
    "matrix_determinant", tf_name="MatrixDeterminant", kernel=_det_kernel, infer=_det_infer,
    grad=_det_grad, traits=OPAQUE, dtype_group=(0,), allowed=_DECOMP_TYPES, quiet=True,
)


def _slogdet_kernel(x):
    linalg_solve.reject_half(x, "LogMatrixDeterminant")
    _square_dims("slogdet", "LogMatrixDeterminant", _spec_of(x))
    sign, logabs = np.linalg.slogdet(x)
    return np.asarray(sign, dtype=x.dtype), np.asarray(logabs, dtype=x.dtype)


def _slogdet_infer(x: TensorSpec):
    batch = _square_dims("slogdet", "LogMatrixDeterminant", x)[:-2]
    return TensorSpec(batch, x.dtype), TensorSpec(batch, x.dtype)


def _slogdet_grad(gs, ys, x):
    """d log|det A| = tr(A^-1 dA): the gradient is g A^-H (the sign has none)."""
    inverse = execute(linalg_solve.MATRIX_INVERSE, (x,), {"adjoint": True})
    return (math_ops.multiply(_as_matrix_scale(gs[1]), inverse),)


LOG_MATRIX_DETERMINANT = def_op(
    "log_matrix_determinant", tf_name="LogMatrixDeterminant", kernel=_slogdet_kernel,
    infer=_slogdet_infer, grad=_slogdet_grad, traits=OPAQUE, dtype_group=(0,),
    allowed=_DECOMP_TYPES, num_outputs=2, quiet=True,
)


# --- cholesky --------------------------------------------------------------------------------

def _cholesky_kernel(x):
    linalg_solve.reject_half(x, "Cholesky")
    _square_dims("cholesky", "Cholesky", _spec_of(x))
    # NOTE: only the lower triangle is read; a matrix that is not positive definite gives
    # NaN (TF 2.21 raises no error), so each matrix is factored on its own.
    lower = np.tril(x)
    full = lower + np.conj(np.swapaxes(np.tril(x, -1), -1, -2))
    flat = full.reshape((-1,) + x.shape[-2:])
    out = np.empty_like(flat)
    for i, matrix in enumerate(flat):
        try:
            out[i] = np.linalg.cholesky(matrix)
        except np.linalg.LinAlgError:
            out[i] = np.tril(np.full(matrix.shape, np.nan, dtype=x.dtype))
    return out.reshape(x.shape)


def _cholesky_infer(x: TensorSpec):
    return TensorSpec(_square_dims("cholesky", "Cholesky", x), x.dtype)


def _cholesky_grad(g, l, x):
    """A = L L^H: gA = L^-H Phi(L^H gL) L^-1, symmetrised (TF's convention), where Phi keeps
    the lower triangle and halves the diagonal."""
    n = x.shape.as_list()[-1]
    half_diag = np.tril(np.ones((n, n)), -1) + 0.5 * np.eye(n)
    phi = math_ops.multiply(_matmul(l, g, adjoint_a=True),
                            constant(half_diag.astype(x.dtype.as_numpy_dtype)))
    left = linalg_solve.triangular_solve(l, phi, adjoint=True)
    ga = linalg_solve.triangular_solve(l, _adjoint(left), adjoint=True)
    return (math_ops.multiply(math_ops.add(ga, _adjoint(ga)),
                              constant(np.asarray(0.5, x.dtype.as_numpy_dtype))),)


def _adjoint(x):
    from . import linalg

    return linalg.matrix_transpose(x, conjugate=x.dtype.is_complex)


CHOLESKY = def_op(
    "cholesky", tf_name="Cholesky", kernel=_cholesky_kernel, infer=_cholesky_infer,
    grad=_cholesky_grad, traits=OPAQUE, dtype_group=(0,), allowed=_DECOMP_TYPES, quiet=True,
)


# --- qr and svd ------------------------------------------------------------------------------

def _at_least_matrix(op: str, tf_name: str, x: TensorSpec) -> list:
    dims = x.shape.as_list()
    if len(dims) < 2:
        raise fail(op, f"Input tensor 0 must have rank >= 2, got {len(dims)} [Op:{tf_name}]", x)
    return dims


def _qr_infer(x: TensorSpec, full_matrices=False):
    dims = _at_least_matrix("qr", "Qr", x)
    m, n = dims[-2:]
    k = m if full_matrices or m is None or n is None else min(m, n)
    return TensorSpec(dims[:-2] + [m, k], x.dtype), TensorSpec(dims[:-2] + [k, n], x.dtype)


def _qr_kernel(x, full_matrices=False):
    _qr_infer(_spec_of(x))
    work = x.astype(np.float32) if x.dtype == np.float16 else x
    q, r = np.linalg.qr(work, mode="complete" if full_matrices else "reduced")
    return q.astype(x.dtype, copy=False), r.astype(x.dtype, copy=False)


QR = def_op(
    "qr", tf_name="Qr", kernel=_qr_kernel, infer=_qr_infer, grad=NONDIFF, traits=OPAQUE,
    attrs={"full_matrices": False}, dtype_group=(0,), allowed=_DECOMP_TYPES,
    num_outputs=2,
)


def _svd_infer(x: TensorSpec, full_matrices=False, compute_uv=True):
    dims = _at_least_matrix("svd", "Svd", x)
    batch, (m, n) = dims[:-2], dims[-2:]
    k = None if m is None or n is None else min(m, n)
    real = dtypes.as_dtype(x.dtype.real_dtype) if x.dtype.is_complex else x.dtype
    s = TensorSpec(batch + [k], real)
    if not compute_uv:
        return s, TensorSpec([0], x.dtype), TensorSpec([0], x.dtype)
    ku, kv = (m, n) if full_matrices else (k, k)
    return s, TensorSpec(batch + [m, ku], x.dtype), TensorSpec(batch + [n, kv], x.dtype)


def _svd_kernel(x, full_matrices=False, compute_uv=True):
    linalg_solve.reject_half(x, "Svd")
    specs = _svd_infer(_spec_of(x), full_matrices, compute_uv)
    real = _REAL_OF.get(x.dtype, x.dtype)
    if x.size == 0:
        return tuple(np.zeros(s.shape.as_list(), dtype=s.dtype.as_numpy_dtype) for s in specs)
    if not compute_uv:
        s = np.linalg.svd(x, compute_uv=False).astype(real, copy=False)
        return s, np.zeros([0], x.dtype), np.zeros([0], x.dtype)
    u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
    v = np.conj(np.swapaxes(vh, -1, -2))
    return s.astype(real, copy=False), u.astype(x.dtype), v.astype(x.dtype)


SVD = def_op(
    "svd", tf_name="Svd", kernel=_svd_kernel, infer=_svd_infer, grad=NONDIFF, traits=OPAQUE,
    attrs={"full_matrices": False, "compute_uv": True}, dtype_group=(0,), allowed=_DECOMP_TYPES,
    num_outputs=3,
)


# --- public functions ------------------------------------------------------------------------

def det(input, name=None):
    """The determinant of each square matrix in `input` (`[..., M, M]` -> `[...]`).

    Args:
        input: a float32/64 or complex tensor `[..., M, M]`.
        name: ignored in eager mode.

    Returns:
        A tensor of shape `input.shape[:-2]` and `input`'s dtype (0 for a singular matrix).

    Raises:
        InvalidArgumentError: for a non-square input or an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.det(tf.constant([[1., 2.], [3., 4.]])).numpy()
        np.float32(-2.0)
    """
    return execute(MATRIX_DETERMINANT, (input,), name=name)


def slogdet(input, name=None):
    """The sign and the log of the absolute value of each determinant.

    Args:
        input: a float32/64 or complex tensor `[..., M, M]`.
        name: ignored in eager mode.

    Returns:
        A pair `(sign, log_abs_determinant)`, both of shape `input.shape[:-2]` and `input`'s
        dtype; a singular matrix gives `(0, -inf)`.

    Raises:
        InvalidArgumentError: for a non-square input or an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> sign, log_abs = tf.linalg.slogdet(tf.constant([[1., 2.], [3., 4.]]))
        >>> sign.numpy(), log_abs.numpy().round(4)
        (np.float32(-1.0), np.float32(0.6931))
    """
    return execute(LOG_MATRIX_DETERMINANT, (input,), name=name)


def logdet(matrix, name=None):
    """The log determinant of Hermitian positive definite matrices, through `cholesky`.

    Args:
        matrix: a float32/64 or complex tensor `[..., M, M]` (lower triangle read).
        name: ignored in eager mode.

    Returns:
        A real tensor of shape `matrix.shape[:-2]` (float64 for complex128); NaN where the
        matrix is not positive definite.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.logdet(tf.constant([[4., 0.], [0., 1.]])).numpy().round(4)
        np.float32(1.3863)
    """
    diagonal = linalg_structure.diag_part(cholesky(matrix))
    if diagonal.dtype.is_complex:
        diagonal = math_ops.real(diagonal)
    total = reduce_ops.reduce_sum(math_ops.log(diagonal), axis=-1)
    return math_ops.multiply(total, constant(np.asarray(2, total.dtype.as_numpy_dtype)),
                             name=name)


def cholesky(input, name=None):
    """The lower-triangular Cholesky factor `L` of each matrix (`input = L @ L^H`).

    Only the lower triangle of `input` is read. A matrix that is not positive definite gives
    NaN values (TF 2.21 raises no error).

    Args:
        input: a float32/64 or complex tensor `[..., M, M]`.
        name: ignored in eager mode.

    Returns:
        A tensor of `input`'s shape and dtype, zero above the diagonal.

    Raises:
        InvalidArgumentError: for a non-square input or an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.cholesky(tf.constant([[4., 2.], [2., 5.]])).numpy()
        array([[2., 0.],
               [1., 2.]], dtype=float32)
    """
    return execute(CHOLESKY, (input,), name=name)


def qr(input, full_matrices=False, name=None):
    """The QR decomposition `input = q @ r` of each matrix (LAPACK's signs, as TF).

    Not differentiable in tensorlet (no gradient rule).

    Args:
        input: a float16/32/64 or complex tensor `[..., M, N]`.
        full_matrices: `q` is `[..., M, M]` and `r` `[..., M, N]`; else (the default) `q` is
            `[..., M, P]` and `r` `[..., P, N]` with `P = min(M, N)`.
        name: ignored in eager mode.

    Returns:
        A pair `(q, r)`: `q` with orthonormal columns, `r` upper triangular.

    Raises:
        InvalidArgumentError: for an input of rank < 2 or an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> q, r = tf.linalg.qr(tf.constant([[3., 1.], [4., 2.]]))
        >>> r.numpy().round(2)
        array([[-5. , -2.2],
               [ 0. ,  0.4]], dtype=float32)
    """
    q, r = execute(QR, (input,), {"full_matrices": bool(full_matrices)}, name=name)
    return q, r


def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """The singular value decomposition `tensor = u @ diag(s) @ adjoint(v)`.

    Not differentiable in tensorlet (no gradient rule). The signs of singular vectors may
    differ from TF's (each pair `u[:, i]`, `v[:, i]` is unique only up to a common sign).

    Args:
        tensor: a float32/64 or complex tensor `[..., M, N]`.
        full_matrices: return square `u` (`[..., M, M]`) and `v` (`[..., N, N]`); else they
            are `[..., M, P]` and `[..., N, P]` with `P = min(M, N)`.
        compute_uv: return `(s, u, v)`; else only `s`.
        name: ignored in eager mode.

    Returns:
        `(s, u, v)` (TF's order; `v`, not its adjoint), or `s` alone: the singular values in
        descending order, real even for complex input.

    Raises:
        InvalidArgumentError: for an input of rank < 2 or an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.svd(tf.constant([[3., 0.], [0., -4.]]), compute_uv=False).numpy()
        array([4., 3.], dtype=float32)
    """
    attrs = {"full_matrices": bool(full_matrices), "compute_uv": bool(compute_uv)}
    s, u, v = execute(SVD, (tensor,), attrs, name=name)
    return (s, u, v) if compute_uv else s
