"""Case rows for tensorlet/ops/io_ops.py and dataset_ops.py (`tf.io`, and `tf.data` inside
`tf.function`; B10)."""

from pathlib import Path

import numpy as np

from tensorlet.testing.op_check import Case, In

SAMPLE = Path(__file__).resolve().parents[2] / "io" / "sample.csv"


def _strings(*items):
    return np.array([s.encode() for s in items], dtype=object)


def _reduce_in_function(tf, x):
    ds = tf.data.Dataset.from_tensor_slices(x)
    total = tf.function(lambda: ds.reduce(tf.zeros([3], x.dtype), lambda s, row: s + row))
    return total()


def _next_in_function(tf, x):
    it = iter(tf.data.Dataset.from_tensor_slices(x))
    step = tf.function(lambda: next(it))
    return [step(), step()]


CASES = [
    Case("decode_csv-columns-B10", "decode_csv",
         lambda tf: tf.io.decode_csv(["1,2.5,x", "3,,y"], record_defaults=[0, 0.0, "d"]), (),
         lambda: [np.array([1, 3], np.int32), np.array([2.5, 0.], np.float32),
                  _strings("x", "y")], grad=False),
    Case("decode_csv-quotes-select-B10", "decode_csv",
         lambda tf: tf.io.decode_csv('"a,b",7,9', record_defaults=["", 0], select_cols=[0, 2]),
         (), lambda: [np.array(b"a,b", object), np.array(9, np.int32)], grad=False),
    Case("read_file-B10", "read_file", lambda tf: tf.io.read_file(str(SAMPLE)), (),
         lambda: np.array(SAMPLE.read_bytes(), object), grad=False),
    Case("dataset_for-reduce-in-function-B10", "dataset_for", _reduce_in_function,
         (In((5, 3)),), lambda x: x.sum(0), grad=False),
    Case("iterator_get_next-in-function-B10", "iterator_get_next", _next_in_function,
         (In((4, 2)),), lambda x: [x[0], x[1]], grad=False),
]
