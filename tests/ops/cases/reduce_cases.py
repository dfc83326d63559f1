"""Case rows for tensorlet/ops/reduce.py."""

import numpy as np

from tensorlet.testing.op_check import Case, In

CASES = [
    Case("reduce_sum-all", "reduce_sum", lambda tf, x: tf.reduce_sum(x), (In((3, 4)),),
         lambda x: np.sum(x, dtype=np.float64).astype(np.float32)),
    Case("reduce_sum-axis-keepdims", "reduce_sum",
         lambda tf, x: tf.reduce_sum(x, axis=-1, keepdims=True), (In((3, 4)),),
         lambda x: np.sum(x, axis=-1, keepdims=True)),
    Case("reduce_sum-i32-axis0", "reduce_sum", lambda tf, x: tf.reduce_sum(x, axis=0),
         (In((3, 4), "int32", (-9, 9)),), lambda x: np.sum(x, axis=0, dtype=np.int32)),
]
