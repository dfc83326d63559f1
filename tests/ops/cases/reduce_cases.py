"""Case rows for tensorlet/ops/reduce*.py (reductions, scans, argmax/argmin)."""

import numpy as np

from tensorlet.testing.op_check import Case, In

M = In((3, 4))
T3 = In((2, 3, 4))
I32 = In((3, 4), "int32", (-9, 9))
B = In((3, 4), "bool")


def _sum64(x, axis=None, keepdims=False):
    return np.sum(x, axis=axis, dtype=np.float64, keepdims=keepdims).astype(x.dtype)


def _trunc_mean(x, axis=None):
    total = np.sum(x, axis=axis, dtype=np.int64)
    return np.trunc(total / (x.size // np.size(total))).astype(x.dtype)


def _tape_grad(tf, f, x):
    """The gradient of sum(f(x)), computed inside the call (for inputs with ties or zeros)."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(f(x))
    return tape.gradient(y, x)


def _exclusive(x, axis, ufunc, identity):
    out = ufunc.accumulate(x, axis=axis)
    head = np.full_like(np.take(out, [0], axis=axis), identity)
    return np.concatenate([head, np.delete(out, -1, axis=axis)], axis=axis)


def _logsumexp(x, axis=None, keepdims=False):
    top = np.max(x, axis=axis, keepdims=True)
    out = np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True)) + top
    return out if keepdims else np.squeeze(out, axis=axis)


TIES = np.array([[1., 3., 3., 2.], [2., 2., 2., 0.]], np.float32)
NANS = np.array([[np.nan, 1., 2.], [3., np.nan, 2.], [np.nan, np.nan, np.nan]], np.float32)
ZEROS = np.array([[1., 0., 3.], [0., 0., 2.], [2., 4., 0.5]], np.float32)

SUM_CASES = [
    Case("reduce_sum-all", "reduce_sum", lambda tf, x: tf.reduce_sum(x), (M,), _sum64),
    Case("reduce_sum-axis-keepdims", "reduce_sum",
         lambda tf, x: tf.reduce_sum(x, axis=-1, keepdims=True), (M,),
         lambda x: np.sum(x, axis=-1, keepdims=True)),
    Case("reduce_sum-i32-axis0", "reduce_sum", lambda tf, x: tf.reduce_sum(x, axis=0), (I32,),
         lambda x: np.sum(x, axis=0, dtype=np.int32)),
    Case("reduce_sum-axes-list-neg", "reduce_sum", lambda tf, x: tf.reduce_sum(x, axis=[0, -1]),
         (T3,), lambda x: np.sum(x, axis=(0, 2))),
    Case("reduce_sum-axis-tensor", "reduce_sum",
         lambda tf, x: tf.reduce_sum(x, axis=tf.constant([1])), (T3,),
         lambda x: np.sum(x, axis=1)),
    Case("reduce_sum-empty-axes", "reduce_sum", lambda tf, x: tf.reduce_sum(x, axis=[]), (M,),
         lambda x: x),
    Case("reduce_sum-f64-keepdims-all", "reduce_sum",
         lambda tf, x: tf.reduce_sum(x, keepdims=True), (In((2, 3), "float64"),),
         lambda x: np.sum(x, keepdims=True)),
    Case("reduce_sum-f16", "reduce_sum", lambda tf, x: tf.reduce_sum(x, axis=1),
         (In((3, 5), "float16"),), lambda x: _sum64(x, axis=1), rtol=1e-3, atol=1e-3),
    Case("reduce_sum-int8-wraps", "reduce_sum", lambda tf, x: tf.reduce_sum(x),
         (In((4,), "int8", (100, 120)),), lambda x: np.sum(x, dtype=np.int8)),
    Case("reduce_sum-c64", "reduce_sum", lambda tf, x: tf.reduce_sum(x, axis=0),
         (In((3, 2), "complex64"),), lambda x: np.sum(x, axis=0), grad=False),
]

MEAN_CASES = [
    Case("reduce_mean-all", "reduce_mean", lambda tf, x: tf.reduce_mean(x), (M,),
         lambda x: np.mean(x, dtype=np.float64).astype(np.float32)),
    Case("reduce_mean-axis-keepdims", "reduce_mean",
         lambda tf, x: tf.reduce_mean(x, axis=[1, 2], keepdims=True), (T3,),
         lambda x: np.mean(x, axis=(1, 2), keepdims=True)),
    Case("reduce_mean-i32-truncates", "reduce_mean", lambda tf, x: tf.reduce_mean(x, axis=1),
         (I32,), lambda x: _trunc_mean(x, axis=1)),
    Case("reduce_mean-i32-literal", "reduce_mean", lambda tf, x: tf.reduce_mean(x),
         (np.array([1, 2], np.int32),), lambda x: np.int32(1)),
    Case("reduce_mean-i32-negative-literal", "reduce_mean", lambda tf, x: tf.reduce_mean(x),
         (np.array([-1, -2], np.int32),), lambda x: np.int32(-1)),
    Case("reduce_mean-int8-no-overflow", "reduce_mean", lambda tf, x: tf.reduce_mean(x),
         (In((4,), "int8", (100, 120)),), lambda x: _trunc_mean(x)),
    Case("reduce_mean-uint8", "reduce_mean", lambda tf, x: tf.reduce_mean(x, axis=0),
         (In((3, 2), "uint8", (150, 255)),), lambda x: _trunc_mean(x, axis=0)),
    Case("reduce_mean-f64", "reduce_mean", lambda tf, x: tf.reduce_mean(x, axis=0),
         (In((4, 2), "float64"),), lambda x: np.mean(x, axis=0)),
    Case("reduce_variance-axis0", "reduce_mean",
         lambda tf, x: tf.math.reduce_variance(x, axis=0), (M,), lambda x: np.var(x, axis=0)),
    Case("reduce_variance-keepdims-f64", "reduce_mean",
         lambda tf, x: tf.math.reduce_variance(x, axis=[0, 2], keepdims=True),
         (In((2, 3, 4), "float64"),), lambda x: np.var(x, axis=(0, 2), keepdims=True)),
    Case("reduce_std-all", "reduce_mean", lambda tf, x: tf.math.reduce_std(x), (M,),
         lambda x: np.std(x.astype(np.float64)).astype(np.float32)),
    Case("reduce_std-axis1", "reduce_mean", lambda tf, x: tf.math.reduce_std(x, axis=1),
         (T3,), lambda x: np.std(x, axis=1)),
]

EXTREMUM_CASES = [
    Case("reduce_max-all", "reduce_max", lambda tf, x: tf.reduce_max(x), (M,), np.max),
    Case("reduce_max-axis1", "reduce_max", lambda tf, x: tf.reduce_max(x, axis=1), (M,),
         lambda x: np.max(x, axis=1)),
    Case("reduce_max-axes-keepdims", "reduce_max",
         lambda tf, x: tf.reduce_max(x, axis=[0, 2], keepdims=True), (T3,),
         lambda x: np.max(x, axis=(0, 2), keepdims=True)),
    Case("reduce_max-i32", "reduce_max", lambda tf, x: tf.reduce_max(x, axis=0), (I32,),
         lambda x: np.max(x, axis=0)),
    Case("reduce_max-tie-grad-is-shared", "reduce_max",
         lambda tf, x: _tape_grad(tf, lambda t: tf.reduce_max(t, axis=1) * [1., 3.], x),
         (TIES,), lambda x: np.array([[0, .5, .5, 0], [1, 1, 1, 0]], np.float32), grad=False),
    Case("reduce_max-nan-propagates", "reduce_max", lambda tf, x: tf.reduce_max(x, axis=1),
         (NANS,), lambda x: np.max(x, axis=1), grad=False),
    Case("reduce_min-all", "reduce_min", lambda tf, x: tf.reduce_min(x), (M,), np.min),
    Case("reduce_min-axis-neg-keepdims", "reduce_min",
         lambda tf, x: tf.reduce_min(x, axis=-2, keepdims=True), (T3,),
         lambda x: np.min(x, axis=-2, keepdims=True)),
    Case("reduce_min-i32", "reduce_min", lambda tf, x: tf.reduce_min(x, axis=1), (I32,),
         lambda x: np.min(x, axis=1)),
    Case("reduce_min-tie-grad-is-shared", "reduce_min",
         lambda tf, x: _tape_grad(tf, lambda t: tf.reduce_min(t), x), (TIES,),
         lambda x: np.array([[0, 0, 0, 0], [0, 0, 0, 1]], np.float32), grad=False),
]

LOGIC_CASES = [
    Case("reduce_any-all", "reduce_any", lambda tf, x: tf.reduce_any(x), (B,), np.any,
         grad=False),
    Case("reduce_any-axis1-keepdims", "reduce_any",
         lambda tf, x: tf.reduce_any(x, axis=1, keepdims=True), (B,),
         lambda x: np.any(x, axis=1, keepdims=True), grad=False),
    Case("reduce_all-axis0", "reduce_all", lambda tf, x: tf.reduce_all(x, axis=0), (B,),
         lambda x: np.all(x, axis=0), grad=False),
    Case("reduce_all-axes-list", "reduce_all", lambda tf, x: tf.reduce_all(x, axis=[0, 1]),
         (In((2, 2, 3), "bool"),), lambda x: np.all(x, axis=(0, 1)), grad=False),
]

STATS_CASES = [
    Case("reduce_logsumexp-all", "reduce_logsumexp", lambda tf, x: tf.reduce_logsumexp(x),
         (M,), _logsumexp),
    Case("reduce_logsumexp-axis-keepdims", "reduce_logsumexp",
         lambda tf, x: tf.reduce_logsumexp(x, axis=-1, keepdims=True), (T3,),
         lambda x: _logsumexp(x, axis=-1, keepdims=True)),
    Case("reduce_logsumexp-large-values", "reduce_logsumexp",
         lambda tf, x: tf.math.reduce_logsumexp(x, axis=0), (In((3, 2), "float32", (500, 900)),),
         lambda x: _logsumexp(x.astype(np.float64), axis=0).astype(np.float32)),
    Case("reduce_logsumexp-f64-axes", "reduce_logsumexp",
         lambda tf, x: tf.reduce_logsumexp(x, axis=[0, 2]), (In((2, 3, 2), "float64"),),
         lambda x: _logsumexp(x, axis=(0, 2))),
]

ARG_CASES = [
    Case("argmax-default-axis0", "argmax", lambda tf, x: tf.argmax(x), (M,),
         lambda x: np.argmax(x, axis=0), grad=False),
    Case("argmax-axis1-int32", "argmax",
         lambda tf, x: tf.argmax(x, axis=1, output_type=tf.int32), (T3,),
         lambda x: np.argmax(x, axis=1).astype(np.int32), grad=False),
    Case("argmax-i32-ties-first", "argmax", lambda tf, x: tf.math.argmax(x, axis=-1),
         (In((4, 5), "int32", (0, 2)),), lambda x: np.argmax(x, axis=-1), grad=False),
    Case("argmax-bool", "argmax", lambda tf, x: tf.argmax(x, axis=1), (B,),
         lambda x: np.argmax(x, axis=1), grad=False),
    Case("argmax-nan-is-skipped", "argmax", lambda tf, x: tf.argmax(x, axis=1), (NANS,),
         lambda x: np.array([2, 0, 0]), grad=False),
    Case("argmin-default-axis0", "argmin", lambda tf, x: tf.argmin(x), (M,),
         lambda x: np.argmin(x, axis=0), grad=False),
    Case("argmin-axis-tensor", "argmin", lambda tf, x: tf.math.argmin(x, axis=tf.constant(2)),
         (T3,), lambda x: np.argmin(x, axis=2), grad=False),
    Case("argmin-nan-is-skipped", "argmin", lambda tf, x: tf.argmin(x, axis=0), (NANS,),
         lambda x: np.array([1, 0, 0]), grad=False),
]

SCAN_CASES = [
    Case("cumsum-default", "cumsum", lambda tf, x: tf.cumsum(x), (M,),
         lambda x: np.cumsum(x, axis=0)),
    Case("cumsum-axis1-exclusive", "cumsum", lambda tf, x: tf.cumsum(x, axis=1, exclusive=True),
         (M,), lambda x: _exclusive(x, 1, np.add, 0)),
    Case("cumsum-reverse", "cumsum", lambda tf, x: tf.math.cumsum(x, axis=-1, reverse=True),
         (T3,), lambda x: np.flip(np.cumsum(np.flip(x, -1), axis=-1), -1)),
    Case("cumsum-exclusive-reverse", "cumsum",
         lambda tf, x: tf.cumsum(x, exclusive=True, reverse=True), (In((5,)),),
         lambda x: np.flip(_exclusive(np.flip(x), 0, np.add, 0))),
    Case("cumsum-i32", "cumsum", lambda tf, x: tf.cumsum(x, axis=1), (I32,),
         lambda x: np.cumsum(x, axis=1, dtype=np.int32)),
    Case("cumprod-axis1", "cumprod", lambda tf, x: tf.math.cumprod(x, axis=1),
         (In((2, 4), "float32", "positive"),), lambda x: np.cumprod(x, axis=1)),
    Case("cumprod-exclusive-reverse", "cumprod",
         lambda tf, x: tf.math.cumprod(x, exclusive=True, reverse=True),
         (In((4, 2), "float32", "nonzero"),),
         lambda x: np.flip(_exclusive(np.flip(x, 0), 0, np.multiply, 1), 0)),
    Case("reduce_prod-all", "reduce_prod", lambda tf, x: tf.reduce_prod(x),
         (In((2, 3), "float32", "nonzero"),), np.prod),
    Case("reduce_prod-axis1-keepdims", "reduce_prod",
         lambda tf, x: tf.reduce_prod(x, axis=1, keepdims=True),
         (In((3, 4), "float32", "nonzero"),), lambda x: np.prod(x, axis=1, keepdims=True)),
    Case("reduce_prod-axes-0-2", "reduce_prod", lambda tf, x: tf.reduce_prod(x, axis=[0, 2]),
         (In((2, 3, 2), "float32", "nonzero"),), lambda x: np.prod(x, axis=(0, 2))),
    Case("reduce_prod-i32", "reduce_prod", lambda tf, x: tf.reduce_prod(x, axis=0),
         (In((3, 4), "int32", (-4, 4)),), lambda x: np.prod(x, axis=0, dtype=np.int32)),
    Case("reduce_prod-c128-grad-conjugates-the-others", "reduce_prod",
         lambda tf, x: _tape_grad(tf, tf.reduce_prod, x), (In((3,), "complex128"),),
         lambda x: np.conj([x[1] * x[2], x[0] * x[2], x[0] * x[1]]), grad=False),
    Case("cumprod-c128-grad-as-tf", "cumprod",
         lambda tf, x: _tape_grad(tf, tf.math.cumprod, x), (In((3,), "complex128"),),
         lambda x: np.array([1 + x[1] + x[1] * x[2], x[0] + x[0] * x[2], x[0] * x[1]]),
         grad=False),
    Case("reduce_prod-grad-with-zeros", "reduce_prod",
         lambda tf, x: _tape_grad(tf, lambda t: tf.reduce_prod(t, axis=1), x), (ZEROS,),
         lambda x: np.array([[0, 3, 0], [0, 0, 0], [2, 1, 8]], np.float32), grad=False),
]

CASES = [*SUM_CASES, *MEAN_CASES, *EXTREMUM_CASES, *LOGIC_CASES, *STATS_CASES, *ARG_CASES,
         *SCAN_CASES]
