"""Case rows for tensorlet/ops/tensor_array_ops.py (FEATURES A3.2).

These ops hold a TensorArray inside `tf.function`, so every call traces one. The `mask_rows` and
`put` rows compute a gradient inside the function: those ops only run in backward passes.
Gather indices are distinct: TF 2.21's graph-mode gradient of a gather with repeated indices
keeps one of the repeats (tensorlet sums them, as eager TF does; tests/tensor_array checks it).
"""

import numpy as np

from tensorlet.testing.op_check import Case, In


def _traced(fn):
    """`call(tf, *xs)` running `fn(tf, *xs)` inside a `tf.function`."""
    return lambda tf, *xs: tf.function(lambda *a: fn(tf, *a))(*xs)


def _grad_inside(fn):
    """`call(tf, x, *rest)`: d sum(fn(...)**2) / dx, taken by a tape inside `tf.function`."""

    def body(tf, x, *rest):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(tf, x, *rest)
            total = tf.reduce_sum(y * y)
        return tape.gradient(total, x)

    return _traced(body)


def _ta(tf, x, size=3, **kwargs):
    return tf.TensorArray(x.dtype, size=size, **kwargs)


def _rows(x, index, fill):
    out = np.zeros((fill, *x.shape), x.dtype)
    out[index] = x
    return out


def _write_two(tf, x):
    return _ta(tf, x).write(0, x).write(2, x * 2.0).stack()


def _write_grown(tf, x):
    return _ta(tf, x, size=1, dynamic_size=True).write(3, x).stack()


def _read_twice(tf, x):
    ta = _ta(tf, x).unstack(x)
    return ta.read(1) * ta.read(2)


def _scatter(tf, x):
    return _ta(tf, x, size=4).scatter([3, 1], x).stack()


def _mask_ref(x, y):
    g = 2 * x
    g[1] = 0
    return g


def _put_gather_ref(x):
    g = 2 * x
    g[1] = 0
    return g


CASES = [
    Case("tensor_array_reserve-known-element-shape", "tensor_array_reserve",
         _traced(lambda tf, n: tf.TensorArray(tf.float32, size=n, element_shape=[3]).stack()),
         (In((), "int32", (2, 2)),), lambda n: np.zeros((2, 3), np.float32), grad=False),
    Case("tensor_array_write-two-rows", "tensor_array_write", _traced(_write_two),
         (In((2,)),), lambda x: np.stack([x, np.zeros_like(x), 2 * x])),
    Case("tensor_array_write-dynamic-size-grows", "tensor_array_write", _traced(_write_grown),
         (In((2, 2)),), lambda x: _rows(x, 3, 4)),
    Case("tensor_array_read-two-elements", "tensor_array_read", _traced(_read_twice),
         (In((3, 2)),), lambda x: x[1] * x[2]),
    Case("tensor_array_gather-reordered", "tensor_array_gather",
         _traced(lambda tf, x: _ta(tf, x).unstack(x).gather([2, 0])),
         (In((3, 2)),), lambda x: x[[2, 0]]),
    Case("tensor_array_stack-unstacked", "tensor_array_stack",
         _traced(lambda tf, x: _ta(tf, x).unstack(x).stack() * 3.0),
         (In((3, 2)),), lambda x: x * 3),
    Case("tensor_array_concat-matrices", "tensor_array_concat",
         _traced(lambda tf, x: _ta(tf, x).unstack(x).concat()),
         (In((3, 2, 2)),), lambda x: x.reshape(6, 2)),
    Case("tensor_array_scatter-two-rows", "tensor_array_scatter", _traced(_scatter),
         (In((2, 3)),), lambda x: np.stack([np.zeros(3), x[1], np.zeros(3), x[0]])),
    Case("tensor_array_unstack-gather", "tensor_array_unstack",
         _traced(lambda tf, x: _ta(tf, x, size=0, dynamic_size=True).unstack(x).gather([1])),
         (In((2, 3)),), lambda x: x[1:]),
    Case("tensor_array_split-equal-lengths", "tensor_array_split",
         _traced(lambda tf, x: _ta(tf, x, size=2).split(x, [2, 2]).stack()),
         (In((4, 3)),), lambda x: x.reshape(2, 2, 3)),
    Case("tensor_array_restore-split", "tensor_array_restore",
         _grad_inside(lambda tf, x: _ta(tf, x, size=2).split(x, [2, 2]).stack()),
         (In((4, 3)),), lambda x: 2 * x),
    Case("tensor_array_mask_rows-overwritten-row", "tensor_array_mask_rows",
         _grad_inside(lambda tf, x, y: _ta(tf, x).unstack(x).write(1, y).stack()),
         (In((3, 2)), In((2,))), _mask_ref),
    Case("tensor_array_put-gather", "tensor_array_put",
         _grad_inside(lambda tf, x: _ta(tf, x).unstack(x).gather([2, 0])),
         (In((3, 2)),), _put_gather_ref),
    Case("tensor_array_put-read", "tensor_array_put",
         _grad_inside(lambda tf, x: _ta(tf, x).unstack(x).read(1)),
         (In((3, 2)),), lambda x: _rows(2 * x[1], 1, 3)),
    Case("tensor_array_put-stack", "tensor_array_put",
         _grad_inside(lambda tf, x: _ta(tf, x).write(0, x[0]).write(1, x[1]).write(2, x[2])
                      .stack()),
         (In((3, 2)),), lambda x: 2 * x),
    Case("tensor_array_put-concat", "tensor_array_put",
         _grad_inside(lambda tf, x: _ta(tf, x).unstack(x).concat()),
         (In((3, 2, 2)),), lambda x: 2 * x),
]
