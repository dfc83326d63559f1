"""Case rows for tensorlet/ops/io_parse.py (`ParseExampleV2`: tf.io.parse_example and
tf.io.parse_single_example). The serialized Examples are literal bytes (as TF's protobuf writes
them), so the same calls run on TensorFlow."""

import numpy as np

from tensorlet.testing.op_check import Case

# Example{name: bytes ["Alice"], id: int64 [123, -1], score: float [1.5, -2.0]}
ALICE = (b'\nA\n\x15\n\x02id\x12\x0f\x1a\r\n\x0b{\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01'
         b'\n\x11\n\x04name\x12\t\n\x07\n\x05Alice\n\x15\n\x05score\x12\x0c\x12\n\n\x08'
         b'\x00\x00\xc0?\x00\x00\x00\xc0')
# Example{id: int64 [7, 8]}
BOB = b'\n\x0e\n\x0c\n\x02id\x12\x06\x1a\x04\n\x02\x07\x08'


def _single(tf):
    out = tf.io.parse_single_example(ALICE, {
        "name": tf.io.FixedLenFeature([], tf.string),
        "id": tf.io.FixedLenFeature([2], tf.int64),
        "score": tf.io.VarLenFeature(tf.float32)})
    return [out["name"], out["id"], out["score"].indices, out["score"].values,
            out["score"].dense_shape]


def _batch(tf):
    out = tf.io.parse_example([ALICE, BOB], {
        "id": tf.io.FixedLenFeature([2], tf.int64),
        "name": tf.io.FixedLenFeature([], tf.string, default_value="?"),
        "score": tf.io.VarLenFeature(tf.float32)})
    return [out["id"], out["name"], out["score"].indices, out["score"].values,
            out["score"].dense_shape]


CASES = [
    Case("parse_example-single-B10", "parse_example", _single, (),
         lambda: [np.array(b"Alice", object), np.array([123, -1], np.int64),
                  np.array([[0], [1]], np.int64), np.array([1.5, -2.0], np.float32),
                  np.array([2], np.int64)], grad=False),
    Case("parse_example-batch-defaults-B10", "parse_example", _batch, (),
         lambda: [np.array([[123, -1], [7, 8]], np.int64), np.array([b"Alice", b"?"], object),
                  np.array([[0, 0], [0, 1]], np.int64), np.array([1.5, -2.0], np.float32),
                  np.array([2, 2], np.int64)], grad=False),
]
