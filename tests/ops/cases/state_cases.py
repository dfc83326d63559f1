"""Case rows for tensorlet/ops/state_ops.py: the variable ops tf.function graphs use."""

import numpy as np

from tensorlet.testing.op_check import Case, In


def _read(tf, x):
    v = tf.Variable(x)
    return tf.function(lambda: v * 2.0)()


def _update(tf, x, how):
    v = tf.Variable(tf.ones_like(x))
    tf.function(lambda: getattr(v, how)(x))()
    return v.read_value()


def _sgd_step(tf, x, g):
    """A plain SGD update in a function: the fusion pass turns it into one op."""
    v = tf.Variable(x)
    tf.function(lambda delta: v.assign_sub(delta * 0.25))(g)
    return v.read_value()


CASES = [
    Case("resource_apply_gradient_descent-sgd-step", "resource_apply_gradient_descent",
         _sgd_step, (In((2, 3)), In((2, 3))), lambda x, g: x - np.float32(0.25) * g,
         grad=False),
    Case("read_variable-in-function", "read_variable", _read, (In((2, 3)),),
         lambda x: x * 2, grad=False),
    Case("assign_variable-in-function", "assign_variable",
         lambda tf, x: _update(tf, x, "assign"), (In((2, 3)),), lambda x: x, grad=False),
    Case("assign_add_variable-in-function", "assign_add_variable",
         lambda tf, x: _update(tf, x, "assign_add"), (In((3,)),), lambda x: x + 1,
         grad=False),
    Case("assign_sub_variable-in-function", "assign_sub_variable",
         lambda tf, x: _update(tf, x, "assign_sub"), (In((3,)),), lambda x: 1 - x,
         grad=False),
]
