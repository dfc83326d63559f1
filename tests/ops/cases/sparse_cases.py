"""Case rows for the sparse family (tensorlet/ops/sparse_ops.py, sparse_plans.py and
sparse_sets.py), reached through `tf.sparse`, `tf.sets` and SparseTensor operators (A3.1, A3.6).

Each call builds its SparseTensors from fixed indices, so the generated inputs are the values
(and dense operands); the calls return dense tensors or the values of the result.
"""

import numpy as np

import tensorlet.sparse  # noqa: F401 - binds tf.sparse likewise
from tensorlet.testing.op_check import Case, In

IDX = [[0, 0], [0, 2], [1, 1], [2, 0]]  # row-major order
SHAPE = [3, 3]
UNORDERED = [[2, 0], [0, 2], [1, 1], [0, 0]]
V4 = In((4,))


def _sp(tf, values, indices=IDX, shape=SHAPE):
    return tf.sparse.SparseTensor(indices, values, shape)


def _dense(values, indices=IDX, shape=SHAPE, default=0):
    out = np.full(shape, default, dtype=values.dtype)
    for (r, c), v in zip(indices, values):
        out[r, c] = v
    return out


def _order(indices):
    return sorted(range(len(indices)), key=lambda i: indices[i])


def _set_rows(a, b, op):
    """NumPy reference of a dense-to-dense set op, laid out densely (padding 0)."""
    rows = [sorted(op(set(x.tolist()), set(y.tolist()))) for x, y in zip(a, b)]
    width = max((len(r) for r in rows), default=0)
    out = np.zeros((len(rows), width), a.dtype)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


TO_DENSE_CASES = [
    Case("sparse-to_dense-f32", "sparse_to_dense", lambda tf, v: tf.sparse.to_dense(_sp(tf, v)),
         (V4,), _dense),
    Case("sparse-to_dense-default-value", "sparse_to_dense",
         lambda tf, v, d: tf.sparse.to_dense(_sp(tf, v), default_value=d[0]),
         (V4, In((1,))), lambda v, d: _dense(v, default=d[0])),
    Case("sparse-to_dense-i32", "sparse_to_dense", lambda tf, v: tf.sparse.to_dense(_sp(tf, v)),
         (In((4,), "int32", (-9, 9)),), _dense),
    Case("sparse-to_dense-3d-f64", "sparse_to_dense",
         lambda tf, v: tf.sparse.to_dense(_sp(tf, v, [[0, 1, 2], [1, 0, 0]], [2, 2, 3])),
         (In((2,), "float64"),),
         lambda v: np.array([[[0, 0, 0], [0, 0, v[0]]], [[v[1], 0, 0], [0, 0, 0]]])),
    Case("sparse-reorder-values", "sparse_reorder_permutation",
         lambda tf, v: tf.sparse.reorder(_sp(tf, v, UNORDERED)).values, (V4,),
         lambda v: v[_order(UNORDERED)]),
    Case("sparse-transpose", "sparse_reorder_permutation",
         lambda tf, v: tf.sparse.to_dense(tf.sparse.transpose(_sp(tf, v))), (V4,),
         lambda v: _dense(v).T),
    Case("sparse-from_dense", "sparse_to_dense",
         lambda tf, x: tf.sparse.to_dense(tf.sparse.from_dense(tf.nn.relu(x))), (In((2, 3)),),
         lambda x: np.maximum(x, 0)),
]

MATMUL_CASES = [
    Case("sparse-matmul", "sparse_tensor_dense_matmul",
         lambda tf, v, b: tf.sparse.sparse_dense_matmul(_sp(tf, v), b), (V4, In((3, 2))),
         lambda v, b: _dense(v) @ b),
    Case("sparse-matmul-adjoint-a", "sparse_tensor_dense_matmul",
         lambda tf, v, b: tf.sparse.sparse_dense_matmul(_sp(tf, v), b, adjoint_a=True),
         (V4, In((3, 2))), lambda v, b: _dense(v).T @ b),
    Case("sparse-matmul-adjoint-b", "sparse_tensor_dense_matmul",
         lambda tf, v, b: tf.sparse.sparse_dense_matmul(_sp(tf, v), b, adjoint_b=True),
         (V4, In((4, 3))), lambda v, b: _dense(v) @ b.T),
    Case("sparse-matmul-adjoint-both-f64", "sparse_tensor_dense_matmul",
         lambda tf, v, b: tf.sparse.sparse_dense_matmul(_sp(tf, v), b, adjoint_a=True,
                                                        adjoint_b=True),
         (In((4,), "float64"), In((2, 3), "float64")), lambda v, b: _dense(v).T @ b.T),
    Case("sparse-matmul-dense-left", "sparse_tensor_dense_matmul",
         lambda tf, a, v: tf.sparse.sparse_dense_matmul(a, _sp(tf, v)), (In((2, 3)), V4),
         lambda a, v: a @ _dense(v)),
    Case("sparse-matmul-i32", "sparse_tensor_dense_matmul",
         lambda tf, v, b: tf.sparse.sparse_dense_matmul(_sp(tf, v), b),
         (In((4,), "int32", (-5, 5)), In((3, 2), "int32", (-5, 5))),
         lambda v, b: _dense(v) @ b),
]

B_IDX = [[0, 0], [1, 2], [2, 0]]
ARITHMETIC_CASES = [
    Case("sparse-add-sparse", "sparse_segment_values",
         lambda tf, v, w: tf.sparse.to_dense(tf.sparse.add(_sp(tf, v), _sp(tf, w, B_IDX))),
         (V4, In((3,))), lambda v, w: _dense(v) + _dense(w, B_IDX)),
    Case("sparse-add-plan-indices", "sparse_add_plan",
         lambda tf, v, w: tf.sparse.add(_sp(tf, v), _sp(tf, w, B_IDX)).indices, (V4, In((3,))),
         lambda v, w: np.array(sorted(set(map(tuple, IDX + B_IDX))), np.int64), grad=False),
    Case("sparse-add-dense", "sparse_tensor_dense_add",
         lambda tf, v, d: tf.sparse.add(_sp(tf, v), d), (V4, In((3, 3))),
         lambda v, d: _dense(v) + d),
    Case("sparse-reduce_sum-axis1", "sparse_reduce_plan",
         lambda tf, v: tf.sparse.reduce_sum(_sp(tf, v), axis=1), (V4,),
         lambda v: _dense(v).sum(axis=1)),
    Case("sparse-reduce_sum-all", "sparse_reduce_plan",
         lambda tf, v: tf.sparse.reduce_sum(_sp(tf, v)), (V4,), lambda v: _dense(v).sum()),
    Case("sparse-reduce_sum-keepdims", "sparse_segment_values",
         lambda tf, v: tf.sparse.reduce_sum(_sp(tf, v), axis=[0], keepdims=True), (V4,),
         lambda v: _dense(v).sum(axis=0, keepdims=True)),
    Case("sparse-reduce_sum-output-is-sparse", "sparse_reduce_plan",
         lambda tf, v: tf.sparse.reduce_sum(_sp(tf, v), axis=1, output_is_sparse=True).values,
         (V4,), lambda v: _dense(v).sum(axis=1), grad=False),
    Case("sparse-times-dense-broadcast", "sparse_dense_cwise_index",
         lambda tf, v, d: (_sp(tf, v) * d).values, (V4, In((3,))),
         lambda v, d: v * d[[c for _, c in IDX]]),
    Case("sparse-divide-dense", "sparse_dense_cwise_index",
         lambda tf, v, d: (_sp(tf, v) / d).values, (V4, In((3, 1), domain="positive")),
         lambda v, d: v / d[[r for r, _ in IDX], 0]),
]

MANIPULATION_CASES = [
    Case("sparse-concat-axis1", "sparse_concat_plan",
         lambda tf, v, w: tf.sparse.to_dense(tf.sparse.concat(1, [_sp(tf, v),
                                                                  _sp(tf, w, B_IDX)])),
         (V4, In((3,))), lambda v, w: np.concatenate([_dense(v), _dense(w, B_IDX)], axis=1),
         grad=False),
    Case("sparse-concat-axis0-values", "sparse_concat_plan",
         lambda tf, v, w: tf.sparse.concat(0, [_sp(tf, v), _sp(tf, w, B_IDX)]).values,
         (V4, In((3,))), lambda v, w: np.concatenate([v, w]), grad=False),
    Case("sparse-slice", "sparse_slice_plan",
         lambda tf, v: tf.sparse.to_dense(tf.sparse.slice(_sp(tf, v), [0, 1], [2, 5])), (V4,),
         lambda v: _dense(v)[0:2, 1:]),
]

DENSE_SETS = (In((2, 4), "int32", (0, 6)), In((2, 3), "int32", (0, 6)))
SETS_CASES = [
    Case("sets-union-dense", "dense_to_dense_set_operation",
         lambda tf, a, b: tf.sparse.to_dense(tf.sets.union(a, b)), DENSE_SETS,
         lambda a, b: _set_rows(a, b, set.union)),
    Case("sets-intersection-dense-i64", "dense_to_dense_set_operation",
         lambda tf, a, b: tf.sparse.to_dense(tf.sets.intersection(a, b)),
         (In((3, 5), "int64", (0, 4)), In((3, 2), "int64", (0, 4))),
         lambda a, b: _set_rows(a, b, set.intersection)),
    Case("sets-difference-dense", "dense_to_dense_set_operation",
         lambda tf, a, b: tf.sparse.to_dense(tf.sets.difference(a, b)), DENSE_SETS,
         lambda a, b: _set_rows(a, b, set.difference)),
    Case("sets-difference-dense-sparse", "dense_to_sparse_set_operation",
         lambda tf, a, v: tf.sparse.to_dense(tf.sets.difference(a, _sp(tf, v))),
         (In((3, 2), "int32", (0, 3)), In((4,), "int32", (1, 3)))),
    Case("sets-union-sparse-sparse", "sparse_to_sparse_set_operation",
         lambda tf, v, w: tf.sparse.to_dense(tf.sets.union(_sp(tf, v), _sp(tf, w, B_IDX))),
         (In((4,), "int32", (0, 3)), In((3,), "int32", (0, 3)))),
    Case("sets-size", "set_size",
         lambda tf, v: tf.sets.size(_sp(tf, v)), (In((4,), "int32", (0, 2)),),
         lambda v: np.array([len(set(v[:2].tolist())), 1, 1], np.int32)),
]

CASES = [*TO_DENSE_CASES, *MATMUL_CASES, *ARITHMETIC_CASES, *MANIPULATION_CASES, *SETS_CASES]
