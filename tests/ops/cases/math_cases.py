"""Case rows for tensorlet/ops/math.py."""

import numpy as np

from tensorlet.testing.op_check import Case, In

F = In((2, 3))
ROW = In((3,))

CASES = [
    Case("add-f32", "add", lambda tf, x, y: tf.add(x, y), (F, F), np.add),
    Case("add-broadcast", "add", lambda tf, x, y: x + y, (F, ROW), np.add),
    Case("add-i32", "add", lambda tf, x, y: tf.add(x, y),
         (In((4,), "int32", (-5, 5)), In((4,), "int32", (-5, 5))), np.add),
    Case("subtract-f32", "subtract", lambda tf, x, y: tf.subtract(x, y), (F, ROW), np.subtract),
    Case("multiply-f32", "multiply", lambda tf, x, y: x * y, (F, ROW), np.multiply),
    Case("divide-f32", "divide", lambda tf, x, y: tf.divide(x, y), (F, In((3,), "float32",
         "nonzero")), np.divide),
    Case("negative-f32", "negative", lambda tf, x: -x, (F,), np.negative),
    Case("exp-f32", "exp", lambda tf, x: tf.exp(x), (F,), np.exp),
    Case("log-f32", "log", lambda tf, x: tf.math.log(x), (In((2, 3), "float32", "positive"),),
         np.log),
    Case("equal-i32", "equal", lambda tf, x, y: tf.equal(x, y),
         (In((6,), "int32", (0, 2)), In((6,), "int32", (0, 2))), np.equal),
]
