"""Case rows for tensorlet/ops/array_dynamic.py: shapes computed when a traced function runs.

Each row traces its call with an unknown first dim (`input_signature`), so the shape is a run-time
tensor, in TF as in tensorlet.
"""

import numpy as np

from tensorlet.testing.op_check import Case, In


def _traced(tf, fn, x, dims=(None, 3)):
    return tf.function(fn, input_signature=[tf.TensorSpec(list(dims), x.dtype)])(x)


_W = np.arange(6.0).reshape(2, 3)


def _sum_to_grad(tf, x):
    """d(sum(w * broadcast_to(x[:1], shape(x))**2))/dx (runs sum_to), inside the traced call."""
    def grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.broadcast_to(x[:1], tf.shape(x)) ** 2 * tf.constant(_W, x.dtype)
        return tape.gradient(y, x)
    return _traced(tf, grad, x)


def _middle_rows_squared_grad(tf, x):
    """d(sum(x[1:n-1] ** 2))/dx with run-time bounds (runs slice_axis_dynamic_grad)."""
    def grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x[1:tf.shape(x)[0] - 1] ** 2)
        return tape.gradient(y, x)
    return _traced(tf, grad, x)


def _gather_squared_grad(tf, x):
    """d(sum(gather(x, [1, 3, 1]) ** 2))/dx with an unknown first dim (runs
    unsorted_segment_sum_dynamic)."""
    def grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(tf.gather(x, tf.constant([1, 3, 1])) ** 2)
        return tf.convert_to_tensor(tape.gradient(y, x))  # TF's IndexedSlices, made dense
    return _traced(tf, grad, x)


def _gathered_rows(x):
    out = np.zeros_like(x)
    out[1], out[3] = 4 * x[1], 2 * x[3]
    return out


def _middle_rows(x):
    out = np.zeros_like(x)
    out[1:-1] = 2 * x[1:-1]
    return out


CASES = [
    Case("slice_axis_dynamic-rows", "slice_axis_dynamic",
         lambda tf, x: _traced(tf, lambda x: x[1:tf.shape(x)[0] - 1], x), (In((4, 3)),),
         lambda x: x[1:-1]),
    Case("slice_axis_dynamic-reversed-columns", "slice_axis_dynamic",
         lambda tf, x: _traced(tf, lambda x: x[:, tf.shape(x)[0] - 3::-1], x), (In((4, 3)),),
         lambda x: x[:, 1::-1]),
    Case("slice_axis_dynamic-index-from-the-end", "slice_axis_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.concat(
             [x[:, tf.shape(x)[0] - 6], x[tf.shape(x)[0] - 1] ** 2], 0), x),
         (In((4, 3)),), lambda x: np.concatenate([x[:, 1], x[3] ** 2])),
    Case("unsorted_segment_sum_dynamic-gather-gradient", "unsorted_segment_sum_dynamic",
         _gather_squared_grad, (In((4, 3)),), _gathered_rows),
    Case("slice_axis_dynamic_grad-middle-rows", "slice_axis_dynamic_grad",
         _middle_rows_squared_grad, (In((4, 3)),), _middle_rows),
    Case("fill_dynamic-rows", "fill_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.fill([tf.shape(x)[0], 2], tf.reduce_sum(x)), x),
         (In((2, 3)),), lambda x: np.full((2, 2), x.sum())),
    Case("fill_dynamic-zeros-of-shape", "fill_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.zeros(tf.shape(x), x.dtype) + x, x), (In((2, 3)),),
         lambda x: x),
    Case("reshape_dynamic-rows", "reshape_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.reshape(x, [tf.shape(x)[0] * 3, -1]), x),
         (In((2, 3)),), lambda x: x.reshape(6, 1)),
    Case("broadcast_to_dynamic-rows", "broadcast_to_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.broadcast_to(x[:1], tf.shape(x)), x),
         (In((2, 3)),), lambda x: np.broadcast_to(x[:1], x.shape)),
    Case("sum_to-broadcast-gradient", "sum_to", _sum_to_grad, (In((2, 3)),),
         lambda x: np.concatenate([2 * x[:1] * _W.sum(axis=0), np.zeros((1, 3))])),
    Case("range_dynamic-int", "range_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.range(tf.shape(x)[0]), x), (In((2, 3)),),
         lambda x: np.arange(2, dtype=np.int32), grad=False),
    Case("range_dynamic-float", "range_dynamic",
         lambda tf, x: _traced(tf, lambda x: tf.range(
             0.5, tf.cast(tf.shape(x)[0], tf.float32), 0.25), x),
         (In((2, 3)),), lambda x: np.arange(0.5, 2.0, 0.25, dtype=np.float32), grad=False),
]
