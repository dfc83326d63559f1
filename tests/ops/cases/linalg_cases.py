"""Case rows for tensorlet/ops/linalg.py."""

import numpy as np

from tensorlet.testing.op_check import Case, In

CASES = [
    Case("matmul-2d", "matmul", lambda tf, a, b: tf.matmul(a, b), (In((2, 3)), In((3, 4))),
         np.matmul),
    Case("matmul-operator", "matmul", lambda tf, a, b: a @ b, (In((2, 3)), In((3, 2))),
         np.matmul),
    Case("matmul-transpose-both", "matmul",
         lambda tf, a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True),
         (In((3, 2)), In((4, 3))), lambda a, b: a.T @ b.T),
    Case("matmul-batch-broadcast", "matmul", lambda tf, a, b: tf.matmul(a, b),
         (In((2, 1, 2, 3)), In((4, 3, 2))), np.matmul),
]
