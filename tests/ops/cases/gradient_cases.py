"""Case rows for tensorlet/ops/gradient_ops.py."""

from tensorlet.testing.op_check import Case, In


def _blocked_grad(tf, x):
    """d(sum(x * stop_gradient(x)))/dx: only the unstopped factor contributes (= x)."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * tf.stop_gradient(x))
    return tape.gradient(y, x)

CASES = [
    Case("stop_gradient-f32", "stop_gradient", lambda tf, x: tf.stop_gradient(x), (In((2, 3)),),
         lambda x: x),
    Case("stop_gradient-i32", "stop_gradient", lambda tf, x: tf.stop_gradient(x),
         (In((4,), "int32", (-5, 5)),), lambda x: x),
    Case("stop_gradient-grad", "stop_gradient", _blocked_grad, (In((3,)),), lambda x: x,
         grad=False),
]
