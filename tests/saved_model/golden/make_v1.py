"""Writes the format-version-1 golden model (run once, by tensorlet 0.1.0; never regenerate).

    python3 tests/saved_model/golden/make_v1.py

Every format version ever written must keep loading (C7): `test_golden.py` loads the files
this wrote and compares with the outputs recorded next to them.
"""

import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))

import tensorlet as tf  # noqa: E402
import tensorlet.saved_model  # noqa: E402, F401

HERE = os.path.dirname(os.path.abspath(__file__))


class Golden:
    def __init__(self):
        self.scale = tf.Variable([[0.5, -1.0], [2.0, 0.25]], name="scale")
        self.count = tf.Variable(0, name="count")

    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def __call__(self, x):
        y = tf.matmul(x, self.scale)
        if tf.reduce_max(y) > 1.0:
            y = tf.nn.softmax(y)
        else:
            y = tf.tanh(y)
        i = tf.constant(0)
        while tf.reduce_sum(y) < 10.0 and i < 5:
            y = y * 1.5
            i += 1
        self.count.assign_add(1)
        return {"y": y[..., :1], "n": tf.shape(x)[0]}

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def words(self, s):
        joined = tf.strings.join([s, tf.constant(b"!\x00")])
        return tf.strings.length(joined), joined


def main():
    target = os.path.join(HERE, "v1")
    shutil.rmtree(target, ignore_errors=True)
    golden = Golden()
    x = np.array([[1.0, 2.0], [-0.5, 0.25], [3.0, -1.0]], np.float32)
    s = np.array([b"a", b"\xc3\xa9t\xc3\xa9", b""], dtype=object)
    tf.saved_model.save(golden, target, signatures={"serving_default": golden.__call__,
                                                    "words": golden.words})
    out, (lengths, joined) = golden(x), golden.words(s)
    np.savez(os.path.join(HERE, "v1_expected.npz"), x=x, y=out["y"].numpy(),
             n=out["n"].numpy(), lengths=lengths.numpy(),
             joined=np.frombuffer(b"".join(joined.numpy().tolist()), np.uint8))


if __name__ == "__main__":
    main()
