"""Case rows for tensorlet/ops/linalg_solve.py, linalg_decomp.py and linalg_structure.py.

Matrices that are inverted or factored are built inside the call (`x @ x^T + n I`, or a
diagonally dominant `x + n I`), so finite-difference gradients stay well conditioned.
"""

import numpy as np

from tensorlet.testing.op_check import Case, In

UNIT = (-1.0, 1.0)
F64 = "float64"
C128 = "complex128"


def _spd(tf, x):
    n = x.shape[-1]
    return tf.matmul(x, x, adjoint_b=True) + n * tf.eye(n, dtype=x.dtype)


def _np_spd(x):
    n = x.shape[-1]
    return x @ np.conj(np.swapaxes(x, -1, -2)) + n * np.eye(n, dtype=x.dtype)


def _dominant(tf, x, shift=4.0):
    return x + shift * tf.eye(x.shape[-1], dtype=x.dtype)


def _np_dominant(x, shift=4.0):
    return x + shift * np.eye(x.shape[-1], dtype=x.dtype)


def _np_tri_solve(a, b, lower=True, adjoint=False):
    t = np.tril(a) if lower else np.triu(a)
    if adjoint:
        t = np.conj(np.swapaxes(t, -1, -2))
    return np.linalg.solve(t, np.broadcast_to(b, np.broadcast_shapes(a.shape[:-2],
                                                                     b.shape[:-2]) + b.shape[-2:]))


def _svd_parts(tf, x, full_matrices=False):
    """Sign-free outputs: s, the reconstruction u diag(s) v^H, |u| and |v| on the first
    min(M, N) columns (the others of a full `u` or `v` are any basis), and the shapes."""
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices)
    k = s.shape[-1]
    u_k, v_k = u[..., :k], v[..., :k]
    scaled = u_k * tf.expand_dims(s, -2)
    return [s, tf.matmul(scaled, v_k, adjoint_b=True), tf.abs(u_k), tf.abs(v_k), tf.shape(u),
            tf.shape(v)]


def _np_svd_parts(x, full_matrices=False):
    u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
    k = s.shape[-1]
    v = vh.swapaxes(-1, -2)
    shapes = [np.array(m.shape, dtype=np.int32) for m in (u, v)]
    return [s, x, np.abs(u[..., :k]), np.abs(v[..., :k]), *shapes]


SOLVE_CASES = [
    Case("inv-spd-batch", "matrix_inverse", lambda tf, x: tf.linalg.inv(_spd(tf, x)),
         (In((2, 3, 3)),), lambda x: np.linalg.inv(_np_spd(x)), rtol=1e-4, atol=1e-5),
    Case("inv-adjoint-f64", "matrix_inverse",
         lambda tf, x: tf.linalg.inv(_dominant(tf, x), adjoint=True), (In((3, 3), F64, UNIT),),
         lambda x: np.linalg.inv(_np_dominant(x).T)),
    Case("inv-c128", "matrix_inverse", lambda tf, x: tf.linalg.inv(_dominant(tf, x)),
         (In((3, 3), C128, UNIT),), lambda x: np.linalg.inv(_np_dominant(x)), grad=False),
    Case("solve-batch", "matrix_solve", lambda tf, a, b: tf.linalg.solve(_dominant(tf, a), b),
         (In((2, 3, 3), "float32", UNIT), In((2, 3, 2))),
         lambda a, b: np.linalg.solve(_np_dominant(a), b), rtol=1e-4, atol=1e-5),
    Case("solve-adjoint-f64", "matrix_solve",
         lambda tf, a, b: tf.linalg.solve(_dominant(tf, a), b, adjoint=True),
         (In((3, 3), F64, UNIT), In((3, 1), F64)),
         lambda a, b: np.linalg.solve(_np_dominant(a).T, b)),
    Case("solve-c128", "matrix_solve", lambda tf, a, b: tf.linalg.solve(_dominant(tf, a), b),
         (In((2, 2), C128, UNIT), In((2, 2), C128)),
         lambda a, b: np.linalg.solve(_np_dominant(a), b), grad=False),
    Case("triangular_solve-lower-broadcast", "matrix_triangular_solve",
         lambda tf, a, b: tf.linalg.triangular_solve(_dominant(tf, a), b),
         (In((3, 3), "float32", UNIT), In((2, 3, 2))),
         lambda a, b: _np_tri_solve(_np_dominant(a), b), rtol=1e-4, atol=1e-5),
    Case("triangular_solve-upper-adjoint-f64", "matrix_triangular_solve",
         lambda tf, a, b: tf.linalg.triangular_solve(_dominant(tf, a), b, lower=False,
                                                     adjoint=True),
         (In((2, 3, 3), F64, UNIT), In((1, 3, 2), F64)),
         lambda a, b: _np_tri_solve(_np_dominant(a), b, lower=False, adjoint=True)),
]

DECOMP_CASES = [
    Case("det-batch", "matrix_determinant", lambda tf, x: tf.linalg.det(_dominant(tf, x, 3.0)),
         (In((2, 3, 3), "float32", UNIT),), lambda x: np.linalg.det(_np_dominant(x, 3.0)),
         rtol=1e-4),
    Case("det-c128", "matrix_determinant", lambda tf, x: tf.linalg.det(x), (In((3, 3), C128),),
         np.linalg.det, grad=False),
    Case("slogdet-negative-f64", "log_matrix_determinant",
         lambda tf, x: list(tf.linalg.slogdet(_dominant(tf, x, -3.0))),
         (In((3, 3), F64, UNIT),), lambda x: list(np.linalg.slogdet(_np_dominant(x, -3.0)))),
    Case("slogdet-batch", "log_matrix_determinant", lambda tf, x: list(tf.linalg.slogdet(x)),
         (In((2, 2, 2), "float32", "nonzero"),), lambda x: list(np.linalg.slogdet(x)),
         rtol=1e-4, atol=1e-5, grad=False),
    Case("logdet-spd", "cholesky", lambda tf, x: tf.linalg.logdet(_spd(tf, x)),
         (In((2, 3, 3)),), lambda x: np.linalg.slogdet(_np_spd(x))[1], rtol=1e-4),
    Case("logdet-c128-hermitian", "cholesky", lambda tf, x: tf.linalg.logdet(_spd(tf, x)),
         (In((3, 3), C128),), lambda x: np.linalg.slogdet(_np_spd(x))[1], grad=False),
    Case("cholesky-spd-batch", "cholesky", lambda tf, x: tf.linalg.cholesky(_spd(tf, x)),
         (In((2, 3, 3)),), lambda x: np.linalg.cholesky(_np_spd(x)), rtol=1e-4, atol=1e-5),
    Case("cholesky-f64", "cholesky", lambda tf, x: tf.linalg.cholesky(_spd(tf, x)),
         (In((4, 4), F64),), lambda x: np.linalg.cholesky(_np_spd(x))),
    Case("cholesky-c128", "cholesky", lambda tf, x: tf.linalg.cholesky(_spd(tf, x)),
         (In((3, 3), C128),), lambda x: np.linalg.cholesky(_np_spd(x)), grad=False),
    Case("qr-reduced-tall", "qr", lambda tf, x: list(tf.linalg.qr(x)), (In((4, 3)),),
         lambda x: list(np.linalg.qr(x)), rtol=1e-4, atol=1e-5, grad=False),
    Case("qr-full-batch-f64", "qr", lambda tf, x: list(tf.linalg.qr(x, full_matrices=True)),
         (In((2, 3, 2), F64),), lambda x: list(np.linalg.qr(x, mode="complete")), grad=False),
    Case("qr-wide", "qr", lambda tf, x: list(tf.linalg.qr(x)), (In((2, 3)),),
         lambda x: list(np.linalg.qr(x)), rtol=1e-4, atol=1e-5, grad=False),
    Case("svd-values-only", "svd", lambda tf, x: tf.linalg.svd(x, compute_uv=False),
         (In((2, 4, 3)),), lambda x: np.linalg.svd(x, compute_uv=False), rtol=1e-4,
         grad=False),
    Case("svd-reconstruct", "svd", _svd_parts, (In((4, 3), F64),), _np_svd_parts, grad=False),
    Case("svd-full-matrices", "svd", lambda tf, x: _svd_parts(tf, x, full_matrices=True),
         (In((2, 4), F64),), lambda x: _np_svd_parts(x, full_matrices=True), grad=False),
    Case("svd-c128-values", "svd", lambda tf, x: tf.linalg.svd(x, compute_uv=False),
         (In((3, 2), C128),), lambda x: np.linalg.svd(x, compute_uv=False), grad=False),
]


def _np_diag_part(x, k):
    return np.diagonal(x, offset=k, axis1=-2, axis2=-1)


STRUCTURE_CASES = [
    Case("diag-batch", "matrix_diag", lambda tf, d: tf.linalg.diag(d), (In((2, 3)),),
         lambda d: d[..., :, None] * np.eye(3, dtype=d.dtype)),
    Case("diag-k1-num-cols-padding", "matrix_diag",
         lambda tf, d: tf.linalg.diag(d, k=1, num_cols=4, padding_value=7.0), (In((2,)),),
         lambda d: np.array([[7, d[0], 7, 7], [7, 7, d[1], 7]], dtype=d.dtype)),
    Case("diag-k-range", "matrix_diag", lambda tf, d: tf.linalg.diag(d, k=(-1, 0)),
         (In((2, 3), F64),),
         lambda d: np.diag(d[0]) + np.diag(d[1, :2], -1)),
    Case("diag-int-k-negative", "matrix_diag",
         lambda tf, d: tf.linalg.diag(d, k=-1, num_rows=4), (In((2,), "int32", (-5, 5)),),
         lambda d: np.pad(np.diag(d, -1)[:, :2], ((0, 1), (0, 0)))),
    Case("diag_part-k1", "matrix_diag_part", lambda tf, x: tf.linalg.diag_part(x, k=1),
         (In((2, 3, 4)),), lambda x: _np_diag_part(x, 1)),
    Case("diag_part-k-range-padding", "matrix_diag_part",
         lambda tf, x: tf.linalg.diag_part(x, k=(-1, 1), padding_value=9.0), (In((3, 4)),),
         lambda x: np.stack([_np_diag_part(x, 1), _np_diag_part(x, 0),
                             np.append(_np_diag_part(x, -1), 9.0).astype(x.dtype)])),
    Case("diag_part-k-range-left-right", "matrix_diag_part",
         lambda tf, x: tf.linalg.diag_part(x, k=(-2, 1), align="LEFT_RIGHT"), (In((4, 3)),),
         lambda x: np.stack([np.append(_np_diag_part(x, 1), 0), _np_diag_part(x, 0),
                             _np_diag_part(x, -1),
                             np.insert(_np_diag_part(x, -2), 0, 0)]).astype(x.dtype)),
    Case("trace-batch", "matrix_diag_part", lambda tf, x: tf.linalg.trace(x), (In((2, 3, 4)),),
         lambda x: np.trace(x, axis1=-2, axis2=-1)),
    Case("trace-int", "matrix_diag_part", lambda tf, x: tf.linalg.trace(x),
         (In((3, 3), "int32", (-5, 5)),), np.trace),
    Case("set_diag-batch", "matrix_set_diag", lambda tf, x, d: tf.linalg.set_diag(x, d),
         (In((2, 3, 2)), In((2, 2))),
         lambda x, d: np.where(np.eye(3, 2, dtype=bool), d[:, None, :], x)),
    Case("set_diag-k-range", "matrix_set_diag",
         lambda tf, x, d: tf.linalg.set_diag(x, d, k=(0, 1)), (In((3, 3)), In((2, 3))),
         lambda x, d: np.where(np.eye(3, k=1, dtype=bool), np.diag(d[0, 1:], 1),
                               np.where(np.eye(3, dtype=bool), np.diag(d[1]), x))),
    Case("band_part-lower-1", "matrix_band_part", lambda tf, x: tf.linalg.band_part(x, 1, 0),
         (In((4, 4)),), lambda x: np.tril(x) - np.tril(x, -2)),
    Case("band_part-batch-upper-1", "matrix_band_part",
         lambda tf, x: tf.linalg.band_part(x, -1, 1), (In((2, 3, 4)),),
         lambda x: np.tril(x, 1)),
    Case("band_part-int", "matrix_band_part", lambda tf, x: tf.linalg.band_part(x, 0, 0),
         (In((3, 4), "int32", (-5, 5)),), lambda x: x * np.eye(3, 4, dtype=x.dtype)),
    Case("matvec-broadcast", "matmul", lambda tf, a, b: tf.linalg.matvec(a, b),
         (In((2, 3)), In((4, 3))), lambda a, b: b @ a.T),
    Case("matvec-transpose-a", "matmul",
         lambda tf, a, b: tf.linalg.matvec(a, b, transpose_a=True),
         (In((2, 3, 2)), In((2, 3))), lambda a, b: np.einsum("bij,bi->bj", a, b)),
]

CASES = [*SOLVE_CASES, *DECOMP_CASES, *STRUCTURE_CASES]
