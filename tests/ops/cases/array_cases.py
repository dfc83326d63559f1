"""Case rows for tensorlet/ops/array.py."""

import numpy as np

from tensorlet.testing.op_check import Case, In

CASES = [
    Case("reshape-infer-dim", "reshape", lambda tf, x: tf.reshape(x, [3, -1]), (In((2, 3, 2)),),
         lambda x: x.reshape(3, -1)),
    Case("broadcast_to-row", "broadcast_to", lambda tf, x: tf.broadcast_to(x, [2, 3]),
         (In((3,)),), lambda x: np.broadcast_to(x, (2, 3))),
    Case("strided_slice-mixed", "strided_slice", lambda tf, x: x[1:, ::-2, tf.newaxis, 0],
         (In((3, 4, 2)),), lambda x: x[1:, ::-2, None, 0]),
    Case("strided_slice_grad-via-slice", "strided_slice_grad",
         lambda tf, x: _slice_grad(tf, x), (In((3, 4)),), lambda x: _slice_grad_ref(x)),
    Case("zeros_like-f32", "zeros_like", lambda tf, x: tf.zeros_like(x), (In((2, 2)),),
         np.zeros_like, grad=False),
    Case("ones_like-i32", "ones_like", lambda tf, x: tf.ones_like(x), (In((2,), "int32"),),
         np.ones_like, grad=False),
]


def _slice_grad(tf, x):
    """The gradient of sum(x[1:, ::2] * 3) is 3 at the sliced places and 0 elsewhere."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x[1:, ::2] * 3.0)
    return tape.gradient(y, x)


def _slice_grad_ref(x):
    g = np.zeros_like(x)
    g[1:, ::2] = 3.0
    return g
