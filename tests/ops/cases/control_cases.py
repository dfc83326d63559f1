"""Case rows for tensorlet/ops/control.py and control_while.py: graph control flow.

The calls use only TF's public API: Python control flow on tensors inside `tf.function`, which
AutoGraph turns into `cond` / `while_loop` nodes (the op runs when the traced function runs
under the recorder's tape). Gradient rows check the branch / loop gradients, first and second
order, against finite differences.
"""

import numpy as np

import tensorlet.autograph  # noqa: F401 - installs AutoGraph (tf.function converts control flow)
from tensorlet.testing.op_check import Case, In


def _branch(tf, x):
    @tf.function
    def f(x):
        if tf.reduce_sum(x) > 0:
            y = x * x
        else:
            y = -x
        return y

    return f(x)


def _branch_side_effect(tf, x):
    v = tf.Variable(tf.zeros_like(x))

    @tf.function
    def f(x):
        if tf.reduce_sum(x) > 0:
            v.assign(x * 2)
        else:
            v.assign(-x)
        return v.read_value()

    return f(x)


def _loop(tf, x):
    @tf.function
    def f(x):
        i = tf.constant(0)
        while i < 3:
            x = tf.sin(x) * 1.5
            i += 1
        return x

    return f(x)


def _loop_side_effect(tf, x):
    v = tf.Variable(tf.zeros_like(x))

    @tf.function
    def f(x):
        for _ in tf.range(3):
            v.assign_add(x)
        return v.read_value()

    return f(x)


def _power(x, tf):
    y = x
    for _ in tf.range(3):
        y = y * x
    return y


def _loop_gradient(tf, x, order=1):
    f = tf.function(lambda x: _power(x, tf))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    return g if order == 1 else outer.gradient(g, x)


def _grow(x, tf):
    """A loop variable that grows by one element per iteration (its stack is padded)."""
    def body(i, acc):
        return i + 1, tf.concat([acc * x[i], tf.reshape(x[i] * x[i], [1])], 0)

    _, acc = tf.while_loop(lambda i, acc: i < 3, body, [tf.constant(0), tf.zeros([0], x.dtype)],
                           shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])])
    return tf.reduce_sum(acc * tf.constant([1., 10., 100.], x.dtype))


def _grow_gradient(tf, x, order=1):
    f = tf.function(lambda x: _grow(x, tf))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    return g if order == 1 else outer.gradient(g, x)


def _np_grow_gradient(x):
    a, b, c = x
    return np.array([2 * a * b * c, a * a * c + 20 * b * c, a * a * b + 10 * b * b + 200 * c])


def _np_grow_hessian_rows(x):
    a, b, c = x
    return np.array([2 * (b * c + a * c + a * b), 2 * a * c + 20 * c + a * a + 20 * b,
                     2 * a * b + a * a + 20 * b + 200])


def _np_loop(x):
    for _ in range(3):
        x = np.sin(x) * 1.5
    return x


CASES = [
    Case("cond-tensor-if", "cond", _branch, (In((3,)),),
         lambda x: x * x if x.sum() > 0 else -x),
    Case("stateful_cond-assign-in-branch", "stateful_cond", _branch_side_effect, (In((3,)),),
         lambda x: 2 * x if x.sum() > 0 else -x, grad=False),
    Case("while_loop-tensor-while", "while_loop", _loop, (In((2, 2)),), _np_loop),
    Case("stateful_while_loop-assign-in-loop", "stateful_while_loop", _loop_side_effect,
         (In((3,)),), lambda x: 3 * x, grad=False),
    Case("while_loop_history-loop-gradient", "while_loop_history", _loop_gradient,
         (In((3,), domain=(0.5, 2.0)),), lambda x: 4 * x ** 3),
    Case("while_loop_history_row-loop-gradient", "while_loop_history_row", _loop_gradient,
         (In((3,), domain=(0.5, 2.0)),), lambda x: 4 * x ** 3),
    Case("while_loop_history_row_grad-second-order", "while_loop_history_row_grad",
         lambda tf, x: _loop_gradient(tf, x, order=2), (In((3,), domain=(0.5, 2.0)),),
         lambda x: 12 * x ** 2),
    Case("while_loop_history_cut_row-growing-loop-variable", "while_loop_history_cut_row",
         _grow_gradient, (In((3,), domain=(0.5, 2.0)),), _np_grow_gradient),
    Case("while_loop_history_uncut_row-second-order", "while_loop_history_uncut_row",
         lambda tf, x: _grow_gradient(tf, x, order=2), (In((3,), domain=(0.5, 2.0)),),
         _np_grow_hessian_rows),
]
