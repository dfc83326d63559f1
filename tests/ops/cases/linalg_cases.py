"""Case rows for tensorlet/ops/linalg*.py (matmul, einsum, tensordot, norm, eigh)."""

import numpy as np

from tensorlet.testing.op_check import Case, In

I32 = "int32"


def _top_singular(x, axes=(-2, -1)):
    moved = np.moveaxis(x.astype(np.float64), axes, (-2, -1))
    return np.linalg.svd(moved, compute_uv=False)[..., 0].astype(x.dtype)


def _tape_grads(tf, f, *xs):
    """Gradients of sum(real(f(xs))) computed inside the call (TF's complex convention)."""
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        y = tf.reduce_sum(f(*xs))
    return tape.gradient(y, list(xs))


C23, C32 = In((2, 3), "complex128"), In((3, 2), "complex128")


def _product_grads(a, b):
    """d sum(a @ b): conj(b) row sums broadcast for a, conj(a) column sums for b."""
    ga = np.broadcast_to(np.conj(b).sum(axis=1), a.shape)
    gb = np.broadcast_to(np.conj(a).sum(axis=0)[:, None], b.shape)
    return [ga, gb]


MATMUL_CASES = [
    Case("matmul-2d", "matmul", lambda tf, a, b: tf.matmul(a, b), (In((2, 3)), In((3, 4))),
         np.matmul),
    Case("matmul-operator", "matmul", lambda tf, a, b: a @ b, (In((2, 3)), In((3, 2))),
         np.matmul),
    Case("matmul-transpose-both", "matmul",
         lambda tf, a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True),
         (In((3, 2)), In((4, 3))), lambda a, b: a.T @ b.T),
    Case("matmul-transpose-a", "matmul", lambda tf, a, b: tf.matmul(a, b, transpose_a=True),
         (In((3, 2)), In((3, 4))), lambda a, b: a.T @ b),
    Case("matmul-adjoint-b", "matmul", lambda tf, a, b: tf.linalg.matmul(a, b, adjoint_b=True),
         (In((2, 3)), In((4, 3))), lambda a, b: a @ b.T),
    Case("matmul-batch-broadcast", "matmul", lambda tf, a, b: tf.matmul(a, b),
         (In((2, 1, 2, 3)), In((4, 3, 2))), np.matmul),
    Case("matmul-batch-f64", "matmul", lambda tf, a, b: tf.matmul(a, b),
         (In((3, 2, 4), "float64"), In((3, 4, 2), "float64")), np.matmul),
    Case("matmul-i32", "matmul", lambda tf, a, b: tf.matmul(a, b),
         (In((2, 3), I32, (-5, 5)), In((3, 2), I32, (-5, 5))), np.matmul),
    Case("matmul-int8-output-int32", "matmul",
         lambda tf, a, b: tf.matmul(a, b, output_type=tf.int32),
         (In((2, 3), "int8", (-9, 9)), In((3, 2), "int8", (-9, 9))),
         lambda a, b: a.astype(np.int32) @ b.astype(np.int32)),
    Case("matmul-c128-grads-conjugate", "matmul",
         lambda tf, a, b: _tape_grads(tf, tf.matmul, a, b), (C23, C32), _product_grads,
         grad=False),
    Case("matmul-c128-adjoint-a", "matmul",
         lambda tf, a, b: tf.matmul(a, b, adjoint_a=True), (C32, C32),
         lambda a, b: np.conj(a).T @ b, grad=False),
    Case("matmul-i64-transpose-b", "matmul", lambda tf, a, b: tf.matmul(a, b, transpose_b=True),
         (In((2, 3), "int64", (-5, 5)), In((4, 3), "int64", (-5, 5))), lambda a, b: a @ b.T),
]

EINSUM_CASES = [
    Case("einsum-matmul", "einsum", lambda tf, a, b: tf.einsum("ij,jk->ik", a, b),
         (In((2, 3)), In((3, 4))), np.matmul),
    Case("einsum-implicit-output", "einsum", lambda tf, a, b: tf.einsum("ij,jk", a, b),
         (In((2, 3)), In((3, 4))), np.matmul),
    Case("einsum-batch-matmul", "einsum", lambda tf, a, b: tf.einsum("bij,bjk->bik", a, b),
         (In((2, 2, 3)), In((2, 3, 2))), np.matmul),
    Case("einsum-trace", "einsum", lambda tf, x: tf.einsum("ii", x), (In((3, 3)),), np.trace),
    Case("einsum-diagonal", "einsum", lambda tf, x: tf.einsum("ii->i", x), (In((3, 3)),),
         np.diagonal),
    Case("einsum-transpose", "einsum", lambda tf, x: tf.einsum("ijk->kij", x),
         (In((2, 3, 4)),), lambda x: np.transpose(x, (2, 0, 1))),
    Case("einsum-sum-axis", "einsum", lambda tf, x: tf.einsum("ij->j", x), (In((3, 4)),),
         lambda x: np.sum(x, axis=0)),
    Case("einsum-outer", "einsum", lambda tf, a, b: tf.einsum("i,j->ij", a, b),
         (In((3,)), In((4,))), np.outer),
    Case("einsum-three-inputs", "einsum",
         lambda tf, a, b, c: tf.einsum("ij,jk,kl->il", a, b, c),
         (In((2, 3)), In((3, 4)), In((4, 2))), lambda a, b, c: a @ b @ c),
    Case("einsum-ellipsis-broadcast", "einsum",
         lambda tf, a, b: tf.einsum("...ij,...jk->...ik", a, b),
         (In((2, 1, 2, 3)), In((4, 3, 2))), np.matmul),
    Case("einsum-bilinear-spaces", "einsum",
         lambda tf, a, w, b: tf.einsum("bi, ij, bj -> b", a, w, b),
         (In((3, 2)), In((2, 4)), In((3, 4))), lambda a, w, b: np.sum((a @ w) * b, axis=1)),
    Case("einsum-c128-grads-conjugate", "einsum",
         lambda tf, a, b: _tape_grads(tf, lambda x, y: tf.einsum("ij,jk->ik", x, y), a, b),
         (C23, C32), _product_grads, grad=False),
    Case("einsum-i32", "einsum", lambda tf, a, b: tf.einsum("ij,kj->ik", a, b),
         (In((2, 3), I32, (-5, 5)), In((4, 3), I32, (-5, 5))), lambda a, b: a @ b.T),
    Case("tensordot-int-axes", "einsum", lambda tf, a, b: tf.tensordot(a, b, 1),
         (In((2, 3)), In((3, 4))), np.matmul),
    Case("tensordot-zero-axes-outer", "einsum", lambda tf, a, b: tf.tensordot(a, b, 0),
         (In((2,)), In((3,))), np.outer),
    Case("tensordot-axis-lists", "einsum",
         lambda tf, a, b: tf.tensordot(a, b, [[1, 2], [1, 0]]), (In((2, 3, 4)), In((4, 3, 5))),
         lambda a, b: np.tensordot(a, b, ([1, 2], [1, 0]))),
    Case("tensordot-negative-axes", "einsum", lambda tf, a, b: tf.tensordot(a, b, [[-1], [0]]),
         (In((2, 3)), In((3, 2, 2))), lambda a, b: np.tensordot(a, b, ([1], [0]))),
    Case("tensordot-i32", "einsum", lambda tf, a, b: tf.tensordot(a, b, [0, 1]),
         (In((3, 2), I32, (-5, 5)), In((2, 3), I32, (-5, 5))), lambda a, b: a.T @ b.T),
]

NORM_CASES = [
    Case("norm-euclidean-all", "reduce_sum", lambda tf, x: tf.norm(x), (In((2, 3)),),
         lambda x: np.linalg.norm(x.astype(np.float64)).astype(np.float32)),
    Case("norm-euclidean-axis1-keepdims", "reduce_sum",
         lambda tf, x: tf.norm(x, axis=1, keepdims=True), (In((3, 4)),),
         lambda x: np.linalg.norm(x, axis=1, keepdims=True)),
    Case("norm-ord1-axis0", "reduce_sum", lambda tf, x: tf.norm(x, ord=1, axis=0),
         (In((3, 4), "float32", "nonzero"),), lambda x: np.linalg.norm(x, 1, axis=0)),
    Case("norm-ord2-vector", "reduce_sum", lambda tf, x: tf.linalg.norm(x, ord=2, axis=-1),
         (In((2, 3, 4)),), lambda x: np.linalg.norm(x, 2, axis=-1)),
    Case("norm-ord-inf-vector", "reduce_max", lambda tf, x: tf.norm(x, ord=np.inf, axis=1),
         (In((3, 4)),), lambda x: np.linalg.norm(x, np.inf, axis=1)),
    Case("norm-ord3-vector", "reduce_sum", lambda tf, x: tf.norm(x, ord=3),
         (In((5,), "float32", "nonzero"),), lambda x: np.linalg.norm(x, 3), rtol=1e-4),
    Case("norm-fro-matrix", "reduce_sum", lambda tf, x: tf.norm(x, ord="fro", axis=[0, 1]),
         (In((3, 4)),), lambda x: np.linalg.norm(x, "fro")),
    Case("norm-matrix-ord1", "reduce_max", lambda tf, x: tf.norm(x, ord=1, axis=[-2, -1]),
         (In((2, 3, 4), "float32", "nonzero"),), lambda x: np.linalg.norm(x, 1, axis=(-2, -1))),
    Case("norm-matrix-ord-inf-keepdims", "reduce_max",
         lambda tf, x: tf.norm(x, ord=np.inf, axis=(0, 2), keepdims=True),
         (In((3, 2, 4), "float32", "nonzero"),),
         lambda x: np.linalg.norm(x, np.inf, axis=(0, 2), keepdims=True)),
    Case("norm-matrix-ord2-spectral", "eigh", lambda tf, x: tf.norm(x, ord=2, axis=[0, 1]),
         (In((3, 4)),), _top_singular, rtol=1e-4),
    Case("norm-matrix-ord2-batch-tall", "eigh",
         lambda tf, x: tf.norm(x, ord=2, axis=[1, 2], keepdims=True), (In((2, 4, 3)),),
         lambda x: _top_singular(x, (1, 2))[:, None, None], rtol=1e-4),
    Case("matrix_transpose-2d", "transpose", lambda tf, x: tf.linalg.matrix_transpose(x),
         (In((2, 3)),), lambda x: x.T),
    Case("matrix_transpose-batch-i32", "transpose",
         lambda tf, x: tf.linalg.matrix_transpose(x), (In((2, 3, 4), I32, (-5, 5)),),
         lambda x: np.swapaxes(x, -1, -2)),
]

CASES = [*MATMUL_CASES, *EINSUM_CASES, *NORM_CASES]
