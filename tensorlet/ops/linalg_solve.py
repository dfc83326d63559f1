"""Linear systems: `inv`, `solve` and `triangular_solve`.

Each gradient is written with these same ops and `matmul`, so it can be differentiated again:
for `X = A^-1 B`, `dB = A^-H g` and `dA = -dB X^H`.
"""

from __future__ import annotations

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError, NotFoundError
from ..core.registry import OPAQUE, def_op
from ..core.shape import broadcast_static_shape
from ..core.spec import TensorSpec
from . import linalg_structure
from . import math as math_ops
from ._rules import fail

__all__ = ["inv", "solve", "triangular_solve"]

_SOLVE_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64,
                dtypes.complex128)


def _matmul(a, b, **flags):
    from . import linalg

    return linalg.matmul(a, b, **flags)


def square_dims(op: str, tf_name: str, x: TensorSpec) -> list:
    """The dims of a (batch of) square matrices; TF's errors for rank < 2 or non-square."""
    dims = x.shape.as_list()
    if len(dims) < 2:
        raise fail(op, f"Input tensor 0 must have rank >= 2, got {len(dims)} [Op:{tf_name}]", x)
    if None not in dims[-2:] and dims[-1] != dims[-2]:
        raise fail(op, f"Input matrix must be square. [Op:{tf_name}]", x)
    return dims


def reject_half(x, tf_name: str) -> None:
    """TF declares float16 for these ops but has no CPU kernel for it."""
    if x.dtype == np.float16:
        raise NotFoundError(f"Could not find device for node: {tf_name}[T=DT_HALF]: TF has no "
                            f"CPU kernel for float16 [Op:{tf_name}]")


def spec_of(x) -> TensorSpec:
    """The spec of a kernel's array input (kernels re-check shapes when debug checks are off)."""
    return TensorSpec(x.shape, dtypes.as_dtype(x.dtype))


# --- inv -------------------------------------------------------------------------------------

def _inv_kernel(x, adjoint=False):
    square_dims("inv", "MatrixInverse", spec_of(x))
    if adjoint:
        x = np.conj(np.swapaxes(x, -1, -2))
    work = x.astype(np.float32) if x.dtype == np.float16 else x
    try:
        y = np.linalg.inv(work)
    except np.linalg.LinAlgError:
        y = None
    # NOTE: TF checks the LU pivots, so NaN input is "not invertible" too.
    if y is None or not np.isfinite(y).all():
        raise InvalidArgumentError(f"inv: Input is not invertible (got {spec_of(x).short()}) "
                                   "[Op:MatrixInverse]")
    return y.astype(x.dtype, copy=False)


def _inv_infer(x: TensorSpec, adjoint=False):
    return TensorSpec(square_dims("inv", "MatrixInverse", x), x.dtype)


def _inv_grad(g, y, x, adjoint=False):
    """y = A^-1: dA = -y^H g y^H; y = A^-H: dA = -y g^H y."""
    if adjoint:
        return (math_ops.negative(_matmul(_matmul(y, g, adjoint_b=True), y)),)
    return (math_ops.negative(_matmul(_matmul(y, g, adjoint_a=True), y, adjoint_b=True)),)


MATRIX_INVERSE = def_op(
    "matrix_inverse", tf_name="MatrixInverse", kernel=_inv_kernel, infer=_inv_infer,
    grad=_inv_grad, traits=OPAQUE, attrs={"adjoint": False}, dtype_group=(0,),
    allowed=_SOLVE_TYPES, quiet=True,
)


# --- solve -----------------------------------------------------------------------------------

def _solve_infer(a: TensorSpec, b: TensorSpec, adjoint=False):
    da, db = a.shape.as_list(), b.shape.as_list()
    if len(da) != len(db):
        raise fail("solve", "All input tensors must have the same rank. [Op:MatrixSolve]", a, b)
    if len(da) < 2:
        raise fail("solve", "Input tensors must have rank >= 2 [Op:MatrixSolve]", a, b)
    if any(p is not None and q is not None and p != q for p, q in zip(da[:-2], db[:-2])):
        raise fail("solve", "All input tensors must have the same outer dimensions. "
                            "[Op:MatrixSolve]", a, b)
    if None not in da[-2:] and da[-1] != da[-2]:
        raise fail("solve", "First input (lhs) must be a square matrix. [Op:MatrixSolve]", a, b)
    if da[-1] is not None and db[-2] is not None and da[-1] != db[-2]:
        raise fail("solve", "Input matrix and rhs are incompatible. [Op:MatrixSolve]", a, b)
    batch = [p if p is not None else q for p, q in zip(da[:-2], db[:-2])]
    rows = next((d for d in (db[-2], da[-1], da[-2]) if d is not None), None)
    return TensorSpec(batch + [rows, db[-1]], b.dtype)


def _solve_kernel(a, b, adjoint=False):
    reject_half(a, "MatrixSolve")
    _solve_infer(spec_of(a), spec_of(b))
    if adjoint:
        a = np.conj(np.swapaxes(a, -1, -2))
    try:
        x = np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        x = None
    if x is None or not np.isfinite(x).all() and np.isfinite(b).all():
        raise InvalidArgumentError(f"solve: Input matrix is not invertible (got "
                                   f"{spec_of(a).short()}) [Op:MatrixSolve]")
    return x.astype(b.dtype, copy=False)


def _solve_grad(g, x, a, b, adjoint=False):
    gb = execute(MATRIX_SOLVE, (a, g), {"adjoint": not adjoint})
    if adjoint:
        return math_ops.negative(_matmul(x, gb, adjoint_b=True)), gb
    return math_ops.negative(_matmul(gb, x, adjoint_b=True)), gb


MATRIX_SOLVE = def_op(
    "matrix_solve", tf_name="MatrixSolve", kernel=_solve_kernel, infer=_solve_infer,
    grad=_solve_grad, traits=OPAQUE, attrs={"adjoint": False}, dtype_group=(0, 1),
    allowed=_SOLVE_TYPES, quiet=True,
)


# --- triangular_solve ------------------------------------------------------------------------

def _tri_infer(a: TensorSpec, b: TensorSpec, lower=True, adjoint=False):
    da, db = a.shape.as_list(), b.shape.as_list()
    op = "triangular_solve"
    if len(da) < 2 or len(db) < 2:
        raise fail(op, "In[0] and In[1] must have rank >= 2 [Op:MatrixTriangularSolve]", a, b)
    if None not in da[-2:] and da[-1] != da[-2]:
        raise fail(op, f"In[0] matrices in the last dimensions must be square ({da[-1]} =/= "
                       f"{da[-2]}) [Op:MatrixTriangularSolve]", a, b)
    if da[-1] is not None and db[-2] is not None and da[-1] != db[-2]:
        raise fail(op, f"In[0] mismatch In[1] shape: {da[-1]} vs. {db[-2]}: {da} {db} "
                       f"[Op:MatrixTriangularSolve]", a, b)
    try:
        batch = broadcast_static_shape(TensorSpec(da[:-2]).shape, TensorSpec(db[:-2]).shape)
    except ValueError:
        raise fail(op, f"Incompatible batch dimensions: {da[:-2]} vs. {db[:-2]} "
                       f"[Op:MatrixTriangularSolve]", a, b) from None
    return TensorSpec(batch.as_list() + db[-2:], b.dtype)


def _substitute(t, b, lower: bool):
    """Forward (lower) or back substitution; a zero pivot gives inf/nan as in TF."""
    n = t.shape[-1]
    x = np.zeros(b.shape, dtype=np.result_type(t, b))
    order = range(n) if lower else range(n - 1, -1, -1)
    for i in order:
        done = slice(0, i) if lower else slice(i + 1, n)
        partial = np.matmul(t[..., i:i + 1, done], x[..., done, :])
        x[..., i, :] = (b[..., i, :] - partial[..., 0, :]) / t[..., i, i:i + 1]
    return x


def _tri_kernel(a, b, lower=True, adjoint=False):
    reject_half(a, "MatrixTriangularSolve")
    spec = _tri_infer(spec_of(a), spec_of(b))
    batch = tuple(spec.shape.as_list()[:-2])
    a = np.broadcast_to(a, batch + a.shape[-2:])
    b = np.broadcast_to(b, batch + b.shape[-2:])
    t = np.tril(a) if lower else np.triu(a)
    if adjoint:
        t, lower = np.conj(np.swapaxes(t, -1, -2)), not lower
    return _substitute(t, b, lower).astype(b.dtype, copy=False)


def _tri_grad(g, x, a, b, lower=True, adjoint=False):
    gb = execute(MATRIX_TRIANGULAR_SOLVE, (a, g), {"lower": lower, "adjoint": not adjoint})
    if adjoint:
        ga = math_ops.negative(_matmul(x, gb, adjoint_b=True))
    else:
        ga = math_ops.negative(_matmul(gb, x, adjoint_b=True))
    ga = linalg_structure.band_part(ga, -1, 0) if lower else linalg_structure.band_part(ga, 0, -1)
    return unbroadcast_mod.unbroadcast(ga, a), unbroadcast_mod.unbroadcast(gb, b)


MATRIX_TRIANGULAR_SOLVE = def_op(
    "matrix_triangular_solve", tf_name="MatrixTriangularSolve", kernel=_tri_kernel,
    infer=_tri_infer, grad=_tri_grad, traits=OPAQUE, attrs={"lower": True, "adjoint": False},
    dtype_group=(0, 1), allowed=_SOLVE_TYPES, quiet=True,
)


# --- public functions ------------------------------------------------------------------------

def inv(input, adjoint=False, name=None):
    """The inverse of each square matrix in `input` (`[..., M, M]`).

    Args:
        input: a float16/32/64 or complex tensor `[..., M, M]`.
        adjoint: invert the conjugate transpose instead.
        name: ignored in eager mode.

    Returns:
        A tensor of `input`'s shape and dtype.

    Raises:
        InvalidArgumentError: for a non-square or singular matrix, or an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.inv(tf.constant([[2., 0.], [0., 4.]])).numpy()
        array([[0.5 , 0.  ],
               [0.  , 0.25]], dtype=float32)
    """
    return execute(MATRIX_INVERSE, (input,), {"adjoint": bool(adjoint)}, name=name)


def solve(matrix, rhs, adjoint=False, name=None):
    """Solves `matrix @ X = rhs` for `X` (batch dimensions must be equal, not broadcast).

    Args:
        matrix: a float32/64 or complex tensor `[..., M, M]`.
        rhs: a tensor `[..., M, K]` of the same dtype and batch dimensions.
        adjoint: solve with the conjugate transpose of `matrix`.
        name: ignored in eager mode.

    Returns:
        A tensor `[..., M, K]`.

    Raises:
        InvalidArgumentError: for mismatched shapes or dtypes, or a singular matrix.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.solve(tf.constant([[2., 0.], [0., 4.]]), tf.constant([[1.], [1.]])).numpy()
        array([[0.5 ],
               [0.25]], dtype=float32)
    """
    return execute(MATRIX_SOLVE, (matrix, rhs), {"adjoint": bool(adjoint)}, name=name)


def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """Solves `T @ X = rhs` for the lower (or upper) triangle `T` of `matrix`.

    The other triangle of `matrix` is never read; batch dimensions broadcast. A zero on the
    diagonal gives inf/nan (no error), as in TF.

    Args:
        matrix: a float32/64 or complex tensor `[..., M, M]`.
        rhs: a tensor `[..., M, K]` of the same dtype.
        lower: use the lower triangle (else the upper one).
        adjoint: solve with the conjugate transpose of the triangle.
        name: ignored in eager mode.

    Returns:
        A tensor `[..., M, K]` (broadcast batch dimensions).

    Raises:
        InvalidArgumentError: for mismatched shapes or dtypes.

    Example:
        >>> import tensorlet as tf
        >>> a = tf.constant([[2., 100.], [1., 4.]])
        >>> tf.linalg.triangular_solve(a, tf.constant([[1.], [1.]])).numpy()
        array([[0.5  ],
               [0.125]], dtype=float32)
    """
    attrs = {"lower": bool(lower), "adjoint": bool(adjoint)}
    return execute(MATRIX_TRIANGULAR_SOLVE, (matrix, rhs), attrs, name=name)
