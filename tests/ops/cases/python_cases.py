"""Case rows for tensorlet/ops/python_ops.py: print, py_function, numpy_function."""

import numpy as np

from tensorlet.testing.op_check import Case, In


def _print_then_return(tf, x):
    tf.print("x:", x, output_stream="file:///dev/null")
    return tf.identity(x)


CASES = [
    Case("print-to-a-file", "print", _print_then_return, (In((2, 3)),), lambda x: x,
         grad=False),
    Case("py_function-doubles", "py_function",
         lambda tf, x: tf.py_function(lambda a: a * 2, [x], tf.float32), (In((2, 3)),),
         lambda x: x * 2, grad=False),
    Case("numpy_function-sorts", "py_function",
         lambda tf, x: tf.numpy_function(np.sort, [x], tf.float32), (In((5,)),), np.sort,
         grad=False),
]
