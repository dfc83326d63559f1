"""Case rows for tensorlet/ops/random.py and random_stateless.py.

No TF fixtures (`tf=False`): TF's random streams differ from tensorlet's Philox streams. The
rows check that each op runs and agrees with its shape rule; where the values are known in
advance (bounds, a single possible class, a permutation), the reference says so.
tests/ops/test_random.py checks seeding and the distributions.
"""

import numpy as np

from tensorlet.testing.op_check import Case, In

SURE = np.array([[-1e9, 0.0, -1e9], [0.0, -1e9, -1e9]], np.float32)


def _random_row(case_id, op, call, inputs=(), ref=None):
    return Case(case_id, op, call, inputs, ref, grad=False, tf=False)


def _run_time_shape(tf, draw, x):
    """`draw(tf.shape(x))` in a function traced with an unknown first dim."""
    spec = tf.TensorSpec([None] + list(x.shape[1:]), x.dtype)
    return tf.function(lambda x: draw(tf.shape(x)), input_signature=[spec])(x)


CASES = [
    _random_row("random_uniform_run_time_shape-f32", "random_uniform_run_time_shape",
                lambda tf, x: _run_time_shape(tf, lambda s: tf.random.uniform(s, 2.0, 2.0), x),
                (In((3, 2)),), ref=lambda x: np.full((3, 2), 2.0, np.float32)),
    _random_row("random_uniform_int_run_time_shape-i32", "random_uniform_int_run_time_shape",
                lambda tf, x: _run_time_shape(
                    tf, lambda s: tf.random.uniform(s, 5, 6, dtype=tf.int32), x),
                (In((3, 2)),), ref=lambda x: np.full((3, 2), 5, np.int32)),
    _random_row("random_standard_normal_run_time_shape-f32",
                "random_standard_normal_run_time_shape",
                lambda tf, x: _run_time_shape(tf, lambda s: tf.random.normal(s, 1.0, 0.0), x),
                (In((4, 2)),), ref=lambda x: np.ones((4, 2), np.float32)),
    _random_row("truncated_normal_run_time_shape-bounds", "truncated_normal_run_time_shape",
                lambda tf, x: tf.reduce_all(abs(_run_time_shape(
                    tf, lambda s: tf.random.truncated_normal(s), x)) <= 2.0),
                (In((50, 2)),), ref=lambda x: np.bool_(True)),
    _random_row("random_uniform-f32", "random_uniform",
                lambda tf: tf.random.uniform([2, 3], seed=1)),
    _random_row("random_uniform-f16-in-range", "random_uniform",
                lambda tf: tf.reduce_all(tf.random.uniform([50], dtype=tf.float16) < 1.0),
                ref=lambda: np.bool_(True)),
    _random_row("random_uniform_int-i64", "random_uniform_int",
                lambda tf: tf.random.uniform([4, 2], minval=5, maxval=6, dtype=tf.int64),
                ref=lambda: np.full((4, 2), 5, np.int64)),
    _random_row("random_standard_normal-f64", "random_standard_normal",
                lambda tf: tf.random.normal([3], mean=2.0, stddev=0.5, dtype=tf.float64, seed=4)),
    _random_row("truncated_normal-f32", "truncated_normal",
                lambda tf: tf.random.truncated_normal([2, 2], seed=5)),
    _random_row("multinomial-certain-classes", "multinomial",
                lambda tf, x: tf.random.categorical(x, 4), (SURE,),
                ref=lambda x: np.array([[1] * 4, [0] * 4], np.int64)),
    _random_row("random_shuffle-keeps-column-sums", "random_shuffle",
                lambda tf, x: tf.reduce_sum(tf.random.shuffle(x), axis=0),
                (In((5, 2), "int32", (0, 1000)),), ref=lambda x: x.sum(axis=0, dtype=np.int32)),
    _random_row("stateless_random_uniform-f64", "stateless_random_uniform",
                lambda tf: tf.random.stateless_uniform([3], seed=[1, 2], dtype=tf.float64)),
    _random_row("stateless_random_uniform_int-i32", "stateless_random_uniform_int",
                lambda tf: tf.random.stateless_uniform([3], seed=[1, 2], minval=-2, maxval=-1,
                                                       dtype=tf.int32),
                ref=lambda: np.full(3, -2, np.int32)),
    _random_row("stateless_random_uniform_full_int-u64", "stateless_random_uniform_full_int",
                lambda tf: tf.random.stateless_uniform([2, 2], seed=[3, 4], minval=None,
                                                       maxval=None, dtype=tf.uint64)),
    _random_row("stateless_random_normal-f16", "stateless_random_normal",
                lambda tf: tf.random.stateless_normal([4], seed=[5, 6], dtype=tf.float16)),
    _random_row("stateless_truncated_normal-f32", "stateless_truncated_normal",
                lambda tf: tf.random.stateless_truncated_normal([2, 3], seed=[7, 8])),
    _random_row("stateless_multinomial-certain-classes", "stateless_multinomial",
                lambda tf, x: tf.random.stateless_categorical(x, 3, seed=[1, 1], dtype=tf.int32),
                (SURE,), ref=lambda x: np.array([[1] * 3, [0] * 3], np.int32)),
]
