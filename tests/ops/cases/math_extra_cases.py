"""Case rows for tensorlet/ops/math_extra.py (atan2, inverse trigonometric and hyperbolic
functions) and tensorlet/ops/math_segment.py (segment reductions)."""

import numpy as np

from tensorlet.testing.op_check import Case, In

F = In((2, 3))
ROW = In((3,))
UNIT = In((2, 3), "float32", "unit")
ABOVE_ONE = In((2, 3), "float32", (1.2, 3.0))
C64 = In((3,), "complex64", (-0.8, 0.8))
ROWS = In((5, 2))
SORTED = np.array([0, 0, 2, 2, 3], np.int32)
SORTED_I64 = np.array([1, 1, 1, 2, 4], np.int64)
UNSORTED = np.array([2, 0, -1, 2, 1], np.int32)  # covers 0..2; 3 stays empty


def _segment(data, ids, n, reduce, empty):
    out = np.full((n,) + data.shape[ids.ndim:], empty, data.dtype)
    flat_ids, flat = ids.reshape(-1), data.reshape((-1,) + data.shape[ids.ndim:])
    for i in range(n):
        rows = flat[flat_ids == i]
        if len(rows):
            out[i] = reduce(rows, axis=0)
    return out


def _sorted(reduce):
    return lambda data, ids: _segment(data, ids, int(ids[-1]) + 1, reduce, 0)


def _quiet(ref):
    """A NumPy reference for inputs outside the domain (NaN/inf results, as TF's)."""
    def run(*xs):
        with np.errstate(all="ignore"):
            return ref(*xs)

    return run


def _unsorted(reduce, n, empty):
    return lambda data, ids: _segment(data, ids, n, reduce, empty)


_F32_MAX = np.finfo(np.float32).max

ELEMENTWISE = [
    Case("atan2-f32", "atan2", lambda tf, y, x: tf.math.atan2(y, x), (F, In((2, 3), "float32",
         "nonzero")), np.arctan2),
    Case("atan2-broadcast-f64", "atan2", lambda tf, y, x: tf.math.atan2(y, x),
         (In((2, 3), "float64"), In((3,), "float64", (0.5, 2.0))), np.arctan2),
    Case("atan2-quadrants-and-zeros", "atan2", lambda tf, y, x: tf.math.atan2(y, x),
         (np.array([1., -1., 0., 0., -1.], np.float32), np.array([0., -1., 0., -1., 1.],
                                                                 np.float32)),
         np.arctan2, grad=False),
    Case("asin-f32", "asin", lambda tf, x: tf.math.asin(x), (UNIT,), np.arcsin),
    Case("asin-outside-is-nan", "asin", lambda tf, x: tf.asin(x),
         (np.array([-2., 1., 2.], np.float32),), _quiet(np.arcsin), grad=False),
    Case("asin-c64", "asin", lambda tf, x: tf.math.asin(x), (C64,), _quiet(np.arcsin), grad=False),
    Case("acos-f32", "acos", lambda tf, x: tf.math.acos(x), (UNIT,), np.arccos),
    Case("acos-f64", "acos", lambda tf, x: tf.acos(x), (In((4,), "float64", "unit"),),
         np.arccos),
    Case("atan-f32", "atan", lambda tf, x: tf.math.atan(x), (In((2, 3), "float32", (-4, 4)),),
         np.arctan),
    Case("atan-c64", "atan", lambda tf, x: tf.atan(x), (C64,), np.arctan, grad=False),
    Case("asinh-f32", "asinh", lambda tf, x: tf.math.asinh(x), (In((2, 3), "float32", (-4, 4)),),
         np.arcsinh),
    Case("acosh-f32", "acosh", lambda tf, x: tf.math.acosh(x), (ABOVE_ONE,), np.arccosh),
    Case("acosh-below-one-is-nan", "acosh", lambda tf, x: tf.acosh(x),
         (np.array([0.5, 1., 2.], np.float32),), _quiet(np.arccosh), grad=False),
    Case("atanh-f32", "atanh", lambda tf, x: tf.math.atanh(x), (UNIT,), np.arctanh),
    Case("atanh-at-one-is-inf", "atanh", lambda tf, x: tf.atanh(x),
         (np.array([-1., 1., 0.5], np.float32),), _quiet(np.arctanh), grad=False),
    Case("atanh-c128", "atanh", lambda tf, x: tf.math.atanh(x),
         (In((3,), "complex128", (-0.8, 0.8)),), _quiet(np.arctanh), grad=False),
]

SEGMENTS = [
    Case("segment_sum-f32", "segment_sum", lambda tf, x, i: tf.math.segment_sum(x, i),
         (ROWS, SORTED), _sorted(np.sum)),
    Case("segment_sum-i32-int64-ids", "segment_sum", lambda tf, x, i: tf.math.segment_sum(x, i),
         (In((5,), "int32", (-9, 9)), SORTED_I64), _sorted(np.sum)),
    Case("segment_mean-f32", "segment_mean", lambda tf, x, i: tf.math.segment_mean(x, i),
         (ROWS, SORTED), _sorted(np.mean)),
    Case("segment_mean-i32-rounds-toward-zero", "segment_mean",
         lambda tf, x, i: tf.math.segment_mean(x, i),
         (np.array([-3, 0, 5, 2, 7], np.int32), SORTED),
         lambda x, i: np.array([-1, 0, 3, 7], np.int32)),
    Case("segment_max-f32", "segment_max", lambda tf, x, i: tf.math.segment_max(x, i),
         (ROWS, SORTED), _sorted(np.max)),
    Case("segment_max-f64-int64-ids", "segment_max", lambda tf, x, i: tf.math.segment_max(x, i),
         (In((5, 3), "float64"), SORTED_I64), _sorted(np.max)),
    Case("segment_min-f32", "segment_min", lambda tf, x, i: tf.math.segment_min(x, i),
         (ROWS, SORTED), _sorted(np.min)),
    Case("segment_min-i32", "segment_min", lambda tf, x, i: tf.math.segment_min(x, i),
         (In((5,), "int32", (-9, 9)), SORTED), _sorted(np.min)),
    Case("unsorted_segment_max-f32-drops-negative-ids", "unsorted_segment_max",
         lambda tf, x, i: tf.math.unsorted_segment_max(x, i, 3), (ROWS, UNSORTED),
         _unsorted(np.max, 3, -_F32_MAX)),
    Case("unsorted_segment_max-2d-ids", "unsorted_segment_max",
         lambda tf, x, i: tf.math.unsorted_segment_max(x, i, 3),
         (In((2, 3, 2)), np.array([[0, 2, 0], [2, 2, 1]], np.int32)),
         _unsorted(np.max, 3, -_F32_MAX)),
    Case("unsorted_segment_max-i32-empty-is-lowest", "unsorted_segment_max",
         lambda tf, x, i: tf.math.unsorted_segment_max(x, i, 4),
         (In((5,), "int32", (-9, 9)), UNSORTED),
         _unsorted(np.max, 4, np.iinfo(np.int32).min)),
    Case("unsorted_segment_min-f32-drops-negative-ids", "unsorted_segment_min",
         lambda tf, x, i: tf.math.unsorted_segment_min(x, i, 3), (ROWS, UNSORTED),
         _unsorted(np.min, 3, _F32_MAX)),
    Case("unsorted_segment_min-f64-int64-ids", "unsorted_segment_min",
         lambda tf, x, i: tf.math.unsorted_segment_min(x, i, 2),
         (In((5, 2), "float64"), np.array([1, 0, 1, 1, 0], np.int64)),
         _unsorted(np.min, 2, np.finfo(np.float64).max)),
    Case("unsorted_segment_min-u8-empty-is-largest", "unsorted_segment_min",
         lambda tf, x, i: tf.math.unsorted_segment_min(x, i, 4),
         (In((5,), "uint8", (0, 9)), UNSORTED), _unsorted(np.min, 4, 255)),
]

CASES = ELEMENTWISE + SEGMENTS
