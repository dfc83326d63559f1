"""Case rows for the array family: tensorlet/ops/array.py and tensorlet/ops/array_*.py."""

import numpy as np

from tensorlet.testing.op_check import Case, In

M = In((2, 3))
T3 = In((2, 3, 4))


def i32(*values):
    return np.array(values, dtype=np.int32)


def _grad_of(op_call, index=0):
    """A call that returns d(sum(op(x) * 3))/dx: exercises an op's gradient-only partner."""

    def call(tf, x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(op_call(tf, x) * 3.0)
        return tf.convert_to_tensor(tape.gradient(y, x))

    return call


def _gather_grad_ref(x):
    g = np.zeros_like(x)
    np.add.at(g, [2, 0, 2], 3.0)
    return g


def _mask_grad_ref(x):
    g = np.zeros_like(x)
    g[[0, 2]] = 3.0
    return g


def _slice_grad_ref(x):
    g = np.zeros_like(x)
    g[1:, ::2] = 3.0
    return g


def _batch_gather_ref(x, idx):
    return np.take_along_axis(x, idx, axis=1)


def _unique_ref(x):
    _, first, inverse = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return [x[np.sort(first)], rank[inverse].astype(np.int32)]


def _one_hot_ref(idx, depth, on=1.0, off=0.0, dtype=np.float32):
    return np.where(idx[..., None] == np.arange(depth), on, off).astype(dtype)


def _scatter_ref(shape, idx, upd):
    out = np.zeros(shape, upd.dtype)
    np.add.at(out, tuple(np.moveaxis(idx, -1, 0)), upd)
    return out


def _tensor_update_ref(t, idx, upd):
    out = t.copy()
    out[tuple(np.moveaxis(idx, -1, 0))] = upd
    return out


SHAPE_CASES = [
    Case("reshape-infer-dim", "reshape", lambda tf, x: tf.reshape(x, [3, -1]), (In((2, 3, 2)),),
         lambda x: x.reshape(3, -1)),
    Case("reshape-from-tensor-shape", "reshape",
         lambda tf, x: tf.reshape(x, tf.constant([3, 2])), (M,), lambda x: x.reshape(3, 2)),
    Case("broadcast_to-row", "broadcast_to", lambda tf, x: tf.broadcast_to(x, [2, 3]),
         (In((3,)),), lambda x: np.broadcast_to(x, (2, 3))),
    Case("transpose-default-reverses", "transpose", lambda tf, x: tf.transpose(x), (T3,),
         lambda x: x.T),
    Case("transpose-perm", "transpose", lambda tf, x: tf.transpose(x, perm=[1, 0, 2]), (T3,),
         lambda x: x.transpose(1, 0, 2)),
    Case("transpose-conjugate-complex", "transpose",
         lambda tf, x: tf.transpose(x, conjugate=True), (In((2, 3), "complex64"),),
         lambda x: np.conj(x.T), grad=False),
    Case("transpose-conjugate-real", "transpose",
         lambda tf, x: tf.transpose(x, conjugate=True), (M,), lambda x: x.T),
    Case("expand_dims-front", "expand_dims", lambda tf, x: tf.expand_dims(x, 0), (M,),
         lambda x: x[None]),
    Case("expand_dims-negative", "expand_dims", lambda tf, x: tf.expand_dims(x, -1), (M,),
         lambda x: x[..., None]),
    Case("squeeze-all", "squeeze", lambda tf, x: tf.squeeze(x), (In((1, 3, 1)),),
         lambda x: x.reshape(3)),
    Case("squeeze-axis-list", "squeeze", lambda tf, x: tf.squeeze(x, [-1]), (In((1, 3, 1)),),
         lambda x: x.reshape(1, 3)),
    Case("identity-f32", "identity", lambda tf, x: tf.identity(x), (M,), lambda x: x),
    Case("shape-int32", "shape", lambda tf, x: tf.shape(x), (T3,),
         lambda x: i32(2, 3, 4), grad=False),
    Case("shape-int64", "shape", lambda tf, x: tf.shape(x, out_type=tf.int64), (M,),
         lambda x: np.array([2, 3], np.int64), grad=False),
    Case("size-int32", "size", lambda tf, x: tf.size(x), (T3,), lambda x: np.int32(24),
         grad=False),
    Case("rank-int32", "rank", lambda tf, x: tf.rank(x), (T3,), lambda x: np.int32(3),
         grad=False),
    Case("zeros_like-f32", "zeros_like", lambda tf, x: tf.zeros_like(x), (In((2, 2)),),
         np.zeros_like, grad=False),
    Case("zeros_like-dtype", "zeros_like", lambda tf, x: tf.zeros_like(x, dtype=tf.int32),
         (M,), lambda x: np.zeros((2, 3), np.int32), grad=False),
    Case("ones_like-i32", "ones_like", lambda tf, x: tf.ones_like(x), (In((2,), "int32"),),
         np.ones_like, grad=False),
]

SLICE_CASES = [
    Case("strided_slice-mixed", "strided_slice", lambda tf, x: x[1:, ::-2, tf.newaxis, 0],
         (In((3, 4, 2)),), lambda x: x[1:, ::-2, None, 0]),
    Case("strided_slice-A1.4-columns", "strided_slice", lambda tf, x: x[:, 1:], (M,),
         lambda x: x[:, 1:]),
    Case("strided_slice-A1.4-ellipsis-newaxis", "strided_slice",
         lambda tf, x: x[..., 1, tf.newaxis], (M,), lambda x: x[..., 1, None]),
    Case("strided_slice-negative-index", "strided_slice", lambda tf, x: x[-1, -2], (M,),
         lambda x: x[-1, -2]),
    Case("strided_slice-negative-step", "strided_slice", lambda tf, x: x[::-1, -2::-2], (T3,),
         lambda x: x[::-1, -2::-2]),
    Case("strided_slice-ellipsis-middle", "strided_slice", lambda tf, x: x[0, ..., 1:3], (T3,),
         lambda x: x[0, ..., 1:3]),
    Case("strided_slice-bounds-clamp", "strided_slice", lambda tf, x: x[1:100, -100:2], (M,),
         lambda x: x[1:100, -100:2]),
    Case("strided_slice-tensor-index", "strided_slice",
         lambda tf, x: x[tf.constant(1), tf.constant(0):], (M,), lambda x: x[1, 0:]),
    Case("strided_slice-int64-tensor-bounds", "strided_slice",
         lambda tf, x: x[1, tf.constant(-2, tf.int64):], (M,), lambda x: x[1, -2:]),
    Case("strided_slice-public-masks", "strided_slice",
         lambda tf, x: tf.strided_slice(x, [1, 0, 1], [0, 3, 4], [1, 2, 2], begin_mask=1,
                                        end_mask=1), (T3,), lambda x: x[:, 0:3:2, 1:4:2]),
    Case("strided_slice-public-shrink-newaxis", "strided_slice",
         lambda tf, x: tf.strided_slice(x, [1, 0, 0], [2, 0, 3], new_axis_mask=2,
                                        shrink_axis_mask=1), (M,), lambda x: x[1, None, 0:3]),
    Case("strided_slice-public-ellipsis", "strided_slice",
         lambda tf, x: tf.strided_slice(x, [0, 1], [0, 2], ellipsis_mask=1), (T3,),
         lambda x: x[..., 1:2]),
    Case("slice-size-minus-one", "strided_slice", lambda tf, x: tf.slice(x, [0, 1], [2, -1]),
         (M,), lambda x: x[0:2, 1:]),
    Case("slice-block", "strided_slice", lambda tf, x: tf.slice(x, [1, 0, 2], [1, 2, 2]),
         (T3,), lambda x: x[1:2, 0:2, 2:4]),
    Case("strided_slice_grad-via-slice", "strided_slice_grad",
         _grad_of(lambda tf, x: x[1:, ::2]), (In((3, 4)),), _slice_grad_ref),
]

CREATE_CASES = [
    Case("fill-scalar-value", "fill", lambda tf, v: tf.fill([2, 3], v[0]), (In((1,)),),
         lambda v: np.full((2, 3), v[0], np.float32)),
    Case("fill-int", "fill", lambda tf: tf.fill([2], 7), (), lambda: i32(7, 7)),
    Case("zeros-default-float32", "fill", lambda tf: tf.zeros([2, 3]), (),
         lambda: np.zeros((2, 3), np.float32)),
    Case("zeros-int32-from-int", "fill", lambda tf: tf.zeros(3, tf.int32), (),
         lambda: np.zeros(3, np.int32)),
    Case("ones-from-shape-tensor", "fill", lambda tf, x: tf.ones(tf.shape(x)), (M,),
         lambda x: np.ones((2, 3), np.float32), grad=False),
    Case("ones-bool", "fill", lambda tf: tf.ones([2], tf.bool), (), lambda: np.ones(2, bool)),
    Case("range-A1.14-int32", "range", lambda tf: tf.range(10), (),
         lambda: np.arange(10, dtype=np.int32)),
    Case("range-float-step", "range", lambda tf: tf.range(0.3, 7.1, 0.1), (),
         lambda: np.float32(0.3) + np.arange(68, dtype=np.float32) * np.float32(0.1)),
    Case("range-negative-delta", "range", lambda tf: tf.range(5, 1, -2), (), lambda: i32(5, 3)),
    Case("range-mixed-int-float", "range", lambda tf: tf.range(1, 4.0), (),
         lambda: np.array([1, 2, 3], np.float32)),
    Case("range-int64-tensor", "range", lambda tf: tf.range(tf.constant(3, tf.int64)), (),
         lambda: np.arange(3, dtype=np.int64)),
    Case("range-dtype", "range", lambda tf: tf.range(2, 5, dtype=tf.float64), (),
         lambda: np.arange(2, 5, dtype=np.float64)),
    Case("range-empty", "range", lambda tf: tf.range(0), (), lambda: np.zeros(0, np.int32)),
    Case("linspace-scalar", "linspace", lambda tf, a, b: tf.linspace(a[0], b[0], 5),
         (In((1,)), In((1,))), lambda a, b: np.linspace(a[0], b[0], 5).astype(np.float32)),
    Case("linspace-int-is-float64", "linspace", lambda tf: tf.linspace(0, 1, 5), (),
         lambda: np.linspace(0, 1, 5)),
    Case("linspace-int64-tensor-is-float64", "linspace",
         lambda tf: tf.linspace(tf.constant(1, tf.int64), 3, 3), (), lambda: np.linspace(1, 3, 3)),
    Case("linspace-stop-takes-start-dtype", "linspace", lambda tf: tf.linspace(0., 1, 3), (),
         lambda: np.linspace(0, 1, 3).astype(np.float32)),
    Case("linspace-batch-axis1", "linspace", lambda tf, a, b: tf.linspace(a, b, 4, axis=1),
         (In((2,)), In((2,))), lambda a, b: np.linspace(a, b, 4, axis=1).astype(np.float32)),
    Case("linspace-one-point", "linspace", lambda tf, a, b: tf.linspace(a[0], b[0], 1),
         (In((1,)), In((1,))), lambda a, b: a.astype(np.float32)),
    Case("eye-rect", "eye", lambda tf: tf.eye(2, 3), (), lambda: np.eye(2, 3, dtype=np.float32)),
    Case("eye-batch-int", "eye", lambda tf: tf.eye(2, batch_shape=[3], dtype=tf.int32), (),
         lambda: np.broadcast_to(np.eye(2, dtype=np.int32), (3, 2, 2))),
    Case("one_hot-default", "one_hot", lambda tf, i: tf.one_hot(i, 3), (i32(0, 2, -1, 3),),
         lambda i: _one_hot_ref(i, 3), grad=False),
    Case("one_hot-on-off-int", "one_hot",
         lambda tf, i: tf.one_hot(i, 3, on_value=5, off_value=-1), (i32(0, 2),),
         lambda i: _one_hot_ref(i, 3, 5, -1, np.int32), grad=False),
    Case("one_hot-axis0", "one_hot", lambda tf, i: tf.one_hot(i, 3, axis=0), (i32(0, 2),),
         lambda i: _one_hot_ref(i, 3).T, grad=False),
    Case("one_hot-dtype-int64-2d", "one_hot", lambda tf, i: tf.one_hot(i, 4, dtype=tf.int64),
         (np.array([[1, 3], [0, 0]], np.int64),),
         lambda i: _one_hot_ref(i, 4, 1, 0, np.int64), grad=False),
]

JOIN_CASES = [
    Case("concat-axis0", "concat", lambda tf, a, b: tf.concat([a, b], 0), (M, In((1, 3))),
         lambda a, b: np.concatenate([a, b], 0)),
    Case("concat-axis-neg-three", "concat", lambda tf, a, b, c: tf.concat([a, b, c], -1),
         (M, In((2, 1)), M), lambda a, b, c: np.concatenate([a, b, c], -1)),
    Case("concat-with-list", "concat", lambda tf, a: tf.concat([a, [[1, 2, 3]]], 0), (M,),
         lambda a: np.concatenate([a, [[1, 2, 3]]], 0).astype(np.float32)),
    Case("concat-single-tensor-is-identity", "identity", lambda tf, a: tf.concat(a, 1), (M,),
         lambda a: a),
    Case("concat-int", "concat", lambda tf, a, b: tf.concat([a, b], 1),
         (In((2, 2), "int32", (0, 9)), In((2, 1), "int32", (0, 9))),
         lambda a, b: np.concatenate([a, b], 1)),
    Case("stack-axis1", "stack", lambda tf, a, b: tf.stack([a, b], axis=1), (M, M),
         lambda a, b: np.stack([a, b], 1)),
    Case("stack-negative-axis", "stack", lambda tf, a, b, c: tf.stack([a, b, c], axis=-1),
         (In((3,)), In((3,)), In((3,))), lambda a, b, c: np.stack([a, b, c], -1)),
    Case("stack-python-lists", "stack", lambda tf: tf.stack([[1, 2], [3, 4]]), (),
         lambda: np.array([[1, 2], [3, 4]], np.int32)),
    Case("unstack-axis0", "unstack", lambda tf, x: tf.unstack(x), (M,), lambda x: list(x)),
    Case("unstack-axis1", "unstack", lambda tf, x: tf.unstack(x, axis=1), (T3,),
         lambda x: list(np.moveaxis(x, 1, 0))),
    Case("unstack-single", "unstack", lambda tf, x: tf.unstack(x, num=1), (In((1, 3)),),
         lambda x: [x[0]]),
    Case("split-equal", "split", lambda tf, x: tf.split(x, 3, axis=1), (M,),
         lambda x: np.split(x, 3, axis=1)),
    Case("split-sizes-minus-one", "split", lambda tf, x: tf.split(x, [1, -1, 1], axis=-1),
         (T3,), lambda x: np.split(x, [1, 3], axis=-1)),
    Case("split-size-tensor", "split", lambda tf, x: tf.split(x, tf.constant([1, 1])), (M,),
         lambda x: np.split(x, 2)),
    Case("split-one", "split", lambda tf, x: tf.split(x, 1), (M,), lambda x: [x]),
]

ARRANGE_CASES = [
    Case("tile-2d", "tile", lambda tf, x: tf.tile(x, [2, 3]), (M,), lambda x: np.tile(x, (2, 3))),
    Case("tile-3d-ones", "tile", lambda tf, x: tf.tile(x, tf.constant([1, 2, 1])), (T3,),
         lambda x: np.tile(x, (1, 2, 1))),
    Case("tile-zero", "tile", lambda tf, x: tf.tile(x, [0, 1]), (M,),
         lambda x: np.zeros((0, 3), np.float32)),
    Case("repeat-flat", "gather", lambda tf, x: tf.repeat(x, 2), (M,),
         lambda x: np.repeat(x, 2)),
    Case("repeat-per-row", "gather", lambda tf, x: tf.repeat(x, [1, 2, 0], axis=1), (M,),
         lambda x: np.repeat(x, [1, 2, 0], axis=1)),
    Case("pad-constant", "pad", lambda tf, x: tf.pad(x, [[1, 0], [0, 2]]), (M,),
         lambda x: np.pad(x, [[1, 0], [0, 2]])),
    Case("pad-constant-values", "pad",
         lambda tf, x: tf.pad(x, [[1, 1], [2, 0]], constant_values=9), (In((2, 2), "int32"),),
         lambda x: np.pad(x, [[1, 1], [2, 0]], constant_values=9)),
    Case("pad-reflect", "pad", lambda tf, x: tf.pad(x, [[1, 1], [2, 2]], "REFLECT"), (M,),
         lambda x: np.pad(x, [[1, 1], [2, 2]], mode="reflect")),
    Case("pad-symmetric", "pad", lambda tf, x: tf.pad(x, [[2, 2], [3, 1]], "SYMMETRIC"), (M,),
         lambda x: np.pad(x, [[2, 2], [3, 1]], mode="symmetric")),
    Case("pad-reflect-lowercase-3d", "pad",
         lambda tf, x: tf.pad(x, [[0, 1], [1, 0], [3, 2]], "reflect"), (T3,),
         lambda x: np.pad(x, [[0, 1], [1, 0], [3, 2]], mode="reflect")),
    Case("reverse-one-axis", "reverse", lambda tf, x: tf.reverse(x, [1]), (M,),
         lambda x: x[:, ::-1]),
    Case("reverse-two-axes", "reverse", lambda tf, x: tf.reverse(x, [-1, 0]), (T3,),
         lambda x: x[::-1, :, ::-1]),
    Case("roll-one-axis", "roll", lambda tf, x: tf.roll(x, 1, 1), (M,),
         lambda x: np.roll(x, 1, 1)),
    Case("roll-multi-axes", "roll", lambda tf, x: tf.roll(x, [1, -3], [0, 2]), (T3,),
         lambda x: np.roll(x, (1, -3), (0, 2))),
    Case("roll-same-axis-twice", "roll", lambda tf, x: tf.roll(x, [1, 1], [1, 1]), (M,),
         lambda x: np.roll(x, 2, 1)),
]

INDEX_CASES = [
    Case("gather-axis0", "gather", lambda tf, x, i: tf.gather(x, i), (In((4, 3)), i32(3, 0, 3)),
         lambda x, i: x[i]),
    Case("gather-2d-indices", "gather", lambda tf, x, i: tf.gather(x, i),
         (In((3, 2)), np.array([[0, 1], [2, 2]], np.int32)), lambda x, i: x[i]),
    Case("gather-axis1", "gather", lambda tf, x, i: tf.gather(x, i, axis=1), (T3, i32(2, 0, 2)),
         lambda x, i: x[:, i]),
    Case("gather-negative-axis", "gather", lambda tf, x, i: tf.gather(x, i, axis=-1),
         (T3, np.array([[3, 0], [1, 1]], np.int64)), lambda x, i: np.take(x, i, axis=-1)),
    Case("gather-scalar-index", "gather", lambda tf, x: tf.gather(x, 1), (M,), lambda x: x[1]),
    Case("gather-batch-dims", "gather",
         lambda tf, x, i: tf.gather(x, i, axis=1, batch_dims=1),
         (In((2, 4)), np.array([[3, 0, 3], [1, 1, 2]], np.int32)), _batch_gather_ref),
    Case("gather-batch-dims-axis2", "gather",
         lambda tf, x, i: tf.gather(x, i, axis=2, batch_dims=1),
         (T3, np.array([[3, 0], [1, 1]], np.int32)),
         lambda x, i: np.stack([x[b][:, i[b]] for b in range(2)])),
    Case("gather-int-params", "gather", lambda tf, x: tf.gather(x, [1, 0]),
         (In((2, 2), "int32"),), lambda x: x[[1, 0]]),
    Case("unsorted_segment_sum-gather-grad", "unsorted_segment_sum",
         _grad_of(lambda tf, x: tf.gather(x, [2, 0, 2])), (In((4, 2)),), _gather_grad_ref),
    Case("unsorted_segment_sum-negative-ids-dropped", "unsorted_segment_sum",
         lambda tf, x: tf.math.unsorted_segment_sum(x * x, tf.constant([2, -1, 0, 2]), 3),
         (In((4, 2)),), lambda x: np.stack([x[2] ** 2, np.zeros(2), x[0] ** 2 + x[3] ** 2])),
    Case("gather_nd-elements", "gather_nd",
         lambda tf, x, i: tf.gather_nd(x, i), (M, np.array([[0, 1], [1, 2], [0, 1]], np.int32)),
         lambda x, i: x[i[:, 0], i[:, 1]]),
    Case("gather_nd-slices", "gather_nd", lambda tf, x, i: tf.gather_nd(x, i),
         (T3, np.array([[[1], [0]]], np.int64)), lambda x, i: x[i[..., 0]]),
    Case("gather_nd-batch-dims", "gather_nd",
         lambda tf, x, i: tf.gather_nd(x, i, batch_dims=1),
         (T3, np.array([[[0, 1]], [[2, 3]]], np.int32)),
         lambda x, i: np.stack([x[0, 0, 1], x[1, 2, 3]])[:, None]),
    Case("scatter_nd-duplicates-sum", "scatter_nd",
         lambda tf, i, u: tf.scatter_nd(i, u, [4]), (np.array([[0], [2], [0]], np.int32),
                                                    In((3,))),
         lambda i, u: _scatter_ref((4,), i, u)),
    Case("scatter_nd-slices", "scatter_nd",
         lambda tf, i, u: tf.scatter_nd(i, u, tf.constant([3, 2], tf.int64)),
         (np.array([[1]], np.int64), In((1, 2))), lambda i, u: _scatter_ref((3, 2), i, u)),
    Case("tensor_scatter_nd_update-elements", "tensor_scatter_nd_update",
         lambda tf, t, i, u: tf.tensor_scatter_nd_update(t, i, u),
         (M, np.array([[0, 1], [1, 0]], np.int32), In((2,))), _tensor_update_ref),
    Case("tensor_scatter_nd_update-row-list", "tensor_scatter_nd_update",
         lambda tf, t: tf.tensor_scatter_nd_update(t, [[1]], [[9, 8, 7]]), (M,),
         lambda t: np.concatenate([t[:1], [[9, 8, 7]]]).astype(np.float32)),
    Case("tensor_scatter_nd_add-duplicates", "tensor_scatter_nd_add",
         lambda tf, t, i, u: tf.tensor_scatter_nd_add(t, i, u),
         (M, np.array([[0, 1], [0, 1], [1, 2]], np.int32), In((3,))),
         lambda t, i, u: t + _scatter_ref((2, 3), i, u)),
    Case("boolean_mask-rows", "boolean_mask",
         lambda tf, x: tf.boolean_mask(x, [True, False, True]), (In((3, 2)),),
         lambda x: x[[0, 2]]),
    Case("boolean_mask-2d-mask", "boolean_mask",
         lambda tf, x, m: tf.boolean_mask(x, m), (M, np.array([[1, 0, 1], [0, 0, 1]], bool)),
         lambda x, m: x[m]),
    Case("boolean_mask-axis1", "boolean_mask",
         lambda tf, x: tf.boolean_mask(x, [True, False, True], axis=1), (T3,),
         lambda x: x[:, [0, 2]]),
    Case("boolean_mask-getitem-bool-tensor", "boolean_mask",
         lambda tf, x: x[tf.constant([False, True])], (M,), lambda x: x[[1]]),
    Case("boolean_mask_grad-via-mask", "boolean_mask_grad",
         _grad_of(lambda tf, x: tf.boolean_mask(x, [True, False, True])), (In((3, 2)),),
         _mask_grad_ref),
]

SORT_CASES = [
    Case("sort-ascending", "gather", lambda tf, x: tf.sort(x), (M,), lambda x: np.sort(x)),
    Case("sort-descending-axis0", "gather",
         lambda tf, x: tf.sort(x, axis=0, direction="DESCENDING"), (T3,),
         lambda x: -np.sort(-x, axis=0)),
    Case("sort-int", "gather", lambda tf, x: tf.sort(x), (In((5,), "int32", (0, 9)),),
         lambda x: np.sort(x)),
    Case("argsort-ascending", "argsort", lambda tf, x: tf.argsort(x), (M,),
         lambda x: np.argsort(x, kind="stable").astype(np.int32), grad=False),
    Case("argsort-descending-ties", "argsort",
         lambda tf, x: tf.argsort(x, direction="DESCENDING"), (i32(1, 2, 2, 1, 2),),
         lambda x: i32(1, 2, 4, 0, 3), grad=False),
    Case("argsort-axis0-stable", "argsort", lambda tf, x: tf.argsort(x, axis=0, stable=True),
         (In((4, 3), "int32", (0, 2)),),
         lambda x: np.argsort(x, axis=0, kind="stable").astype(np.int32), grad=False),
    Case("top_k-vector", "top_k", lambda tf, x: tf.math.top_k(x, 2), (In((5,)),),
         lambda x: [-np.sort(-x)[:2], np.argsort(-x, kind="stable")[:2].astype(np.int32)]),
    Case("top_k-matrix-k3", "top_k", lambda tf, x: tf.math.top_k(x, k=3), (In((2, 4)),),
         lambda x: [-np.sort(-x)[:, :3], np.argsort(-x, kind="stable")[:, :3].astype(np.int32)]),
    Case("top_k-ties-int64-index", "top_k",
         lambda tf, x: tf.math.top_k(x, 3, index_type=tf.int64), (i32(1, 2, 2, 1, 2),),
         lambda x: [i32(2, 2, 2), np.array([1, 2, 4], np.int64)]),
    Case("top_k-nn-namespace", "top_k", lambda tf, x: tf.nn.top_k(x).values, (In((3, 3)),),
         lambda x: x.max(axis=-1, keepdims=True)),
    Case("unique-first-appearance", "unique", lambda tf, x: tf.unique(x),
         (i32(1, 1, 2, 4, 4, 4, 7, 8, 8),), _unique_ref, grad=False),
    Case("unique-unsorted-int64-idx", "unique",
         lambda tf, x: tf.unique(x, out_idx=tf.int64),
         (np.array([3., 1., 3., 2.], np.float32),),
         lambda x: [np.array([3., 1., 2.], np.float32), np.array([0, 1, 0, 2], np.int64)],
         grad=False),
]

CASES = SHAPE_CASES + SLICE_CASES + CREATE_CASES + JOIN_CASES + ARRANGE_CASES + INDEX_CASES + \
    SORT_CASES
