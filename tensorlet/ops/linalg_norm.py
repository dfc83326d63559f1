"""Norms (`tf.norm`) and the symmetric eigendecomposition (`eigh`) behind the spectral norm.

Every norm is a composition of public ops, so it gets gradients of any order. The matrix 2-norm
is the square root of the largest eigenvalue of the smaller Gram matrix (`x^T x` or `x x^T`);
`eigh`'s gradient is written in tensorlet ops on its outputs, so it differentiates again.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import constant
from ..core.dispatch import execute
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import linalg_einsum
from . import math as math_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__ = ["norm", "eigh"]

_MATRIX_ORDS = ("euclidean", "fro", 1, 2, np.inf)
_MATRIX_ORDS_TEXT = "['euclidean', 'fro', 1, 2, inf]"


# --- eigh ------------------------------------------------------------------------------------

def _eigh_kernel(x):
    if x.dtype == np.float16:
        w, v = np.linalg.eigh(x.astype(np.float32))
        return w.astype(np.float16), v.astype(np.float16)
    return np.linalg.eigh(x)


def _eigh_infer(x: TensorSpec):
    dims = x.shape.as_list()
    if len(dims) < 2 or (None not in dims[-2:] and dims[-1] != dims[-2]):
        raise fail("eigh", f"Input matrix must be square, of rank >= 2; got shape {dims}", x)
    return TensorSpec(dims[:-1], x.dtype), TensorSpec(dims, x.dtype)


def _eigh_grad(gs, ys, x):
    """The standard rule: V (diag(gw) + F * (V^T gV)) V^T with F_ij = 1 / (w_j - w_i).

    The kernel reads only the lower triangle (LAPACK), so the gradient is put there too: the
    symmetrised matrix below the diagonal, the plain one on it.
    """
    (gw, gv), (w, v) = gs, ys
    dims = x.shape.as_list()
    batch, n = dims[:-2], dims[-1]
    np_dtype = x.dtype.as_numpy_dtype
    eye = constant(np.eye(n, dtype=np_dtype))
    gaps = math_ops.subtract(array_ops.reshape(w, batch + [1, n]),
                             array_ops.reshape(w, batch + [n, 1]))
    f = math_ops.divide(constant(1 - np.eye(n, dtype=np_dtype)), math_ops.add(gaps, eye))
    inner = math_ops.add(math_ops.multiply(array_ops.reshape(gw, batch + [1, n]), eye),
                         math_ops.multiply(f, _matmul(v, gv, transpose_a=True)))
    ga = _matmul(_matmul(v, inner), v, transpose_b=True)
    sym = math_ops.add(ga, _swap_last(ga))
    lower = constant(np.tril(np.ones((n, n), dtype=np_dtype), -1))
    return (math_ops.add(math_ops.multiply(sym, lower), math_ops.multiply(ga, eye)),)


def _matmul(a, b, **flags):
    from . import linalg

    return linalg.matmul(a, b, **flags)


def _swap_last(x):
    labels = linalg_einsum.LETTERS[:x.shape.rank]
    swapped = labels[:-2] + labels[-1] + labels[-2]
    return execute(linalg_einsum.EINSUM, (x,), {"equation": f"{labels}->{swapped}"})


EIGH = def_op(
    "eigh", tf_name="SelfAdjointEigV2", kernel=_eigh_kernel, infer=_eigh_infer,
    grad=_eigh_grad, traits=OPAQUE, dtype_group=(0,), allowed=dtypes.FLOATS, num_outputs=2,
)


def eigh(tensor, name=None):
    """Eigenvalues (ascending) and eigenvectors of symmetric matrices (lower triangle read).

    Args:
        tensor: a float tensor of shape `[..., n, n]`.
        name: ignored in eager mode.

    Returns:
        A pair `(e, v)`: `e` of shape `[..., n]`, `v` of shape `[..., n, n]` with the
        eigenvectors as columns.

    Raises:
        InvalidArgumentError: for a non-square or non-float input.

    Example:
        >>> import tensorlet as tf
        >>> e, v = tf.linalg.eigh(tf.constant([[2., 1.], [1., 2.]]))
        >>> e.numpy()
        array([1., 3.], dtype=float32)
    """
    return execute(EIGH, (tensor,), name=name)


# --- norm ------------------------------------------------------------------------------------

def _norm_axes(axis, rank: int):
    """None, or a tuple of 1 (vector norm) or 2 (matrix norm) non-negative axes."""
    if isinstance(axis, (list, tuple)) and len(axis) == 1:
        axis = axis[0]
    if axis is None:
        return None
    if isinstance(axis, (int, np.integer)) and not isinstance(axis, bool):
        return (int(axis),)
    if isinstance(axis, (list, tuple)) and len(axis) == 2 and axis[0] != axis[1] and \
            all(isinstance(a, (int, np.integer)) for a in axis):
        return tuple(int(a) % rank if -rank <= a < rank else int(a) for a in axis)
    raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got "
                     f"{axis}")


def _check_ord(ord, is_matrix: bool) -> None:
    if is_matrix:
        if isinstance(ord, bool) or ord not in _MATRIX_ORDS:
            raise ValueError(f"'ord' must be a supported matrix norm in {_MATRIX_ORDS_TEXT}, "
                             f"got {ord}")
        return
    is_number = isinstance(ord, (int, float, np.number)) and not isinstance(ord, bool)
    if ord != "euclidean" and not (is_number and ord > 0):
        raise ValueError(f"'ord' must be a supported vector norm, got {ord}")


def _euclidean(x, axis, keepdims: bool):
    other = math_ops.conj(x) if x.dtype.is_complex else x
    squares = reduce_ops.reduce_sum(math_ops.multiply(x, other), axis=axis, keepdims=keepdims)
    return math_ops.sqrt(squares)


def _vector_norm(x, ord, axis, keepdims: bool):
    if ord in ("euclidean", 2):
        return _euclidean(x, axis, keepdims)
    if ord == 1:
        return reduce_ops.reduce_sum(math_ops.abs(x), axis=axis, keepdims=keepdims)
    if ord == np.inf:
        return reduce_ops.reduce_max(math_ops.abs(x), axis=axis, keepdims=keepdims)
    powers = math_ops.pow(math_ops.abs(x), float(ord))
    total = reduce_ops.reduce_sum(powers, axis=axis, keepdims=keepdims)
    return math_ops.pow(total, 1.0 / float(ord))


def _spectral_norm(x, rows: int, cols: int, keepdims: bool):
    """The largest singular value: sqrt of the top eigenvalue of the smaller Gram matrix."""
    dims = x.shape.as_list()
    if not (0 <= rows < len(dims) and 0 <= cols < len(dims)):
        raise fail("norm", f"axis {[rows, cols]} is out of range for a tensor of rank "
                           f"{len(dims)}", TensorSpec(x.shape, x.dtype))
    labels = linalg_einsum.LETTERS[:len(dims)]
    tied = linalg_einsum.LETTERS[len(dims)]
    kept = cols if dims[cols] <= dims[rows] else rows
    batch = "".join(c for i, c in enumerate(labels) if i not in (rows, cols))
    other = labels.replace(labels[kept], tied)
    equation = f"{labels},{other}->{batch}{labels[kept]}{tied}"
    gram = execute(linalg_einsum.EINSUM, (x, x), {"equation": equation})
    values, _ = eigh(gram)
    top = math_ops.sqrt(values[..., -1])
    if not keepdims:
        return top
    return array_ops.reshape(top, [1 if i in (rows, cols) else d for i, d in enumerate(dims)])


def _matrix_norm(x, ord, axes: tuple, keepdims: bool):
    rows, cols = axes
    if ord in ("euclidean", "fro"):
        return _euclidean(x, list(axes), keepdims)
    if ord == 2:
        return _spectral_norm(x, rows, cols, keepdims)
    summed, maxed = (rows, cols) if ord == 1 else (cols, rows)
    sums = reduce_ops.reduce_sum(math_ops.abs(x), axis=summed, keepdims=True)
    return reduce_ops.reduce_max(sums, axis=[summed, maxed], keepdims=keepdims)


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """The vector or matrix norm of `tensor`.

    Args:
        tensor: a float (or complex) tensor.
        ord: for vectors `'euclidean'` (= 2), 1, `np.inf` or any p > 0; for matrices
            (`axis` a pair) `'euclidean'`/`'fro'` (Frobenius), 1 (max column sum), `np.inf`
            (max row sum) or 2 (largest singular value).
        axis: None (the whole tensor as one vector), an int (vectors along it) or a pair of
            ints (matrices over those axes).
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype.

    Raises:
        ValueError: for an unsupported `ord` or `axis`.

    Example:
        >>> import numpy as np, tensorlet as tf
        >>> tf.norm(tf.constant([3., 4.])).numpy()
        np.float32(5.0)
        >>> tf.norm(tf.constant([[1., -2.], [3., 4.]]), ord=np.inf, axis=[0, 1]).numpy()
        np.float32(7.0)
    """
    x = linalg_einsum.as_tensor(tensor)
    axes = _norm_axes(axis, x.shape.rank)
    is_matrix = axes is not None and len(axes) == 2
    _check_ord(ord, is_matrix)
    keepdims = bool(keepdims)
    if is_matrix:
        return _matrix_norm(x, ord, axes, keepdims)
    return _vector_norm(x, ord, None if axes is None else axes[0], keepdims)
