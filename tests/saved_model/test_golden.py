"""C7: every format version ever written keeps loading: the checked-in v1 golden model.

`golden/v1` was written once by `golden/make_v1.py` (tensorlet 0.1.0, format version 1): a
module-like object with variables, AutoGraph control flow (cond, while), a variable update,
strided slicing and a string function with a NUL byte. Never regenerate it: a change that
breaks this test breaks users' saved models.
"""

import os

import numpy as np

import tensorlet as tf

HERE = os.path.dirname(os.path.abspath(__file__))


def test_the_version_1_golden_model_loads_and_gives_its_recorded_outputs():
    loaded = tf.saved_model.load(os.path.join(HERE, "golden", "v1"))
    with np.load(os.path.join(HERE, "golden", "v1_expected.npz")) as expected:
        out = loaded(expected["x"])
        np.testing.assert_array_equal(out["y"].numpy(), expected["y"])
        assert out["n"].numpy() == expected["n"]
        lengths, joined = loaded.words(np.array([b"a", "été".encode(), b""], dtype=object))
        np.testing.assert_array_equal(lengths.numpy(), expected["lengths"])
        raw = np.frombuffer(b"".join(joined.numpy().tolist()), np.uint8)
        np.testing.assert_array_equal(raw, expected["joined"])
    assert joined.numpy()[0] == b"a!\x00"
    assert loaded.count.numpy() == 1
    assert [v.name for v in loaded.variables] == ["scale:0", "count:0"]
    signature = loaded.signatures["serving_default"]
    assert sorted(signature.structured_outputs) == ["n", "y"]
    words = loaded.signatures["words"](s=np.array([b"x"], dtype=object))
    assert words["output_1"].numpy().tolist() == [b"x!\x00"]
