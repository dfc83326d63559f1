"""The public names of issue #7 items 2 and 3, as tensorlet/__init__ exposes them:
`tf.RaggedTensor`, and the lazy subpackages `tf.ragged` and `tf.strings` (C4: importing
tensorlet does not load them)."""

import subprocess
import sys
import textwrap


def test_ragged_and_strings_are_lazy_and_ragged_tensor_is_top_level():
    script = textwrap.dedent("""
        import sys
        import tensorlet as tf
        assert "tensorlet.ragged" not in sys.modules and "tensorlet.strings" not in sys.modules
        from tensorlet.ragged.ragged_tensor import RaggedTensor
        assert tf.RaggedTensor is RaggedTensor
        r = tf.RaggedTensor.from_row_lengths([1, 2, 3], [2, 1])
        assert tf.concat([r, r], axis=1).to_list() == [[1, 2, 1, 2], [3, 3]]
        assert tf.ragged.constant([[1], []]).to_list() == [[1], []]
        assert tf.strings.length("café").numpy() == 5
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
