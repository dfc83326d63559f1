"""The chapter harness itself: it must fail on a wrong output, a missing chapter, an unexpected
exception or warning, and a chapter that no longer matches its glue."""

from __future__ import annotations

import re
import sys

import pytest

import tensorlet as tf

from . import notebook as nbk
from . import runner
from .glue_models import progress_pattern
from .test_chapter_verbatim import chapter_path_or_fail

MINI = '''# A chapter

```py
>>> import tensorflow as tf
>>> tf.constant([[1., 2.], [3., 4.]])
<tf.Tensor: id=7, shape=(2, 2), dtype=float32, numpy=
array([[1., 2.],
 [3., 4.]], dtype=float32)>
>>> tf.constant(2.) + tf.constant(40)
[...] InvalidArgumentError: [...] expected to be a float tensor [...]
```

```bash
pip install tensorflow
```

```py
w = tf.Variable(3.)
with tf.GradientTape() as tape:
    z = w ** 2
g = tape.gradient(z, w)  # returns tensor 6.0
```

```py
>>> tf.constant(1) + 1
<tf.Tensor: shape=(), dtype=int32, numpy=3>
```

```py
after_failure = 1
```
'''


def _run(tmp_path, text, steps=()):
    path = tmp_path / "mini.md"
    path.write_text(text, encoding="utf-8")
    notebook = nbk.Notebook(path)
    return notebook, runner.run_chapter(notebook, list(steps), {})


def test_a_missing_chapter_fails_with_a_clear_message(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError, match="shared/seed.*beside the checkout"):
        nbk.locate("ch12-custom-models-and-training.md", tmp_path / "absent")
    monkeypatch.setattr(nbk, "SEED_DIR", tmp_path / "absent")
    with pytest.raises(pytest.fail.Exception, match="is missing"):
        chapter_path_or_fail()


def test_blocks_sessions_and_comments_are_parsed(tmp_path):
    blocks = nbk.extract_blocks(MINI)
    assert [b.line for b in blocks] == [4, 18, 25, 30]  # the bash fence is prose
    statements = nbk.session_statements(blocks[0])
    assert [s.line for s in statements] == [4, 5, 9]
    assert statements[1].expected.startswith("<tf.Tensor: id=7")
    script = nbk.script_statements(blocks[1])
    assert [s.line for s in script] == [18, 19, 21]
    assert script[2].claims == ["returns tensor 6.0"]
    with pytest.raises(ValueError, match="unclosed"):
        nbk.extract_blocks("```py\nx = 1\n")


def test_a_run_checks_outputs_and_continues_after_a_failing_block(tmp_path):
    notebook, results = _run(tmp_path, MINI)
    assert [r.status for r in results] == ["ran", "ran", "failed", "ran"]
    assert "numpy=3" in results[2].message and "numpy=2" in results[2].message
    assert len(results[0].checked) == 2 and results[1].checked == [
        "line 21: 'g = tape.gradient(z, w)  # returns tensor 6.0' returns 6.0"]
    assert notebook.ns["after_failure"] == 1 and notebook.ns["tf"] is tf


def test_wrong_value_comment_and_missing_exception_fail(tmp_path):
    text = "```py\nx = 2 * 3  # returns tensor 6.0\n```\n```py\n>>> 1 + 1\nValueError: no\n```\n"
    _, results = _run(tmp_path, text)
    assert [r.status for r in results] == ["failed", "failed"]
    assert "expected a tensor 6.0, got 6" in results[0].message
    assert "nothing was raised" in results[1].message


def test_warnings_fail_a_block_but_deprecation_warnings_do_not(tmp_path):
    text = ('```py\nimport warnings\nwarnings.warn("old", DeprecationWarning)\n```\n'
            '```py\nimport logging\nlogging.getLogger("tensorlet").warning("fell back")\n```\n')
    _, results = _run(tmp_path, text)
    assert [r.status for r in results] == ["ran", "failed"]
    assert "fell back" in results[1].message


def test_steps_must_match_exactly_one_block(tmp_path):
    with pytest.raises(ValueError, match="has the chapter changed"):
        _run(tmp_path, MINI, [runner.Step("tf.constant")])
    skip = runner.Step("after_failure", not_code="not Python")
    _, results = _run(tmp_path, MINI, [skip])
    assert results[-1].status == "not code"
    rewrite = runner.Step("after_failure", rewrites=(("nope", "x", "why"),))
    _, results = _run(tmp_path, MINI, [rewrite])
    assert results[-1].status == "failed" and "is not in the block" in results[-1].message


def test_book_spacing_and_elisions_are_tolerated_but_values_are_not():
    book = "<tf.Tensor: shape=(3,), dtype=float64, numpy=array([4., 16., 25.])>"
    printed = "<tf.Tensor: shape=(3,), dtype=float64, numpy=array([ 4., 16., 25.])>\n"
    assert nbk.check_output(book, printed, None) is None
    assert nbk.check_output(book, printed.replace("25.", "26."), None) is not None
    elided = "[<tf.Variable 'tp:0' [...], numpy=array([4.], dtype=float32)>]"
    good = "[<tf.Variable 'tp:0' shape=(1,) dtype=float32, numpy=array([4.], dtype=float32)>]"
    assert nbk.check_output(elided, good, None) is None
    assert nbk.check_output(elided, good.replace("'tp:0'", "'fp:0'"), None) is not None
    function = "<tensorflow.python.eager.def_function.Function at 0x7fbfe0c54d50>"
    assert nbk.check_output(function, "", tf.function(abs)) is None
    assert nbk.check_output(function, "", abs) is not None
    assert nbk.check_output("", "something printed\n", None) is not None


def test_claims_and_exceptions_are_parsed():
    assert nbk.parse_claim("returns [tensor 30., None]") == ("returns", [30.0, None])
    assert nbk.parse_claim("raises a RuntimeError!") == ("raises", "RuntimeError")
    assert nbk.parse_claim("v now equals [[1., 2.]]") == ("equals", "v", [[1.0, 2.0]])
    assert nbk.parse_claim("handles base args (e.g., dtype)") is None
    expected = nbk.expected_exception("[...] TypeError: 'X' object does not support it")
    assert expected == ("TypeError", "'X' object does not support it")
    assert nbk.check_exception(expected, TypeError("'X' object does not support it. Use")) is None
    assert nbk.check_exception(expected, ValueError("'X' object does not support it")) is not None
    assert nbk.check_returns([36.0, None], [tf.constant(36.0), None]) is None
    assert nbk.check_returns([36.0, None], [tf.constant(35.0), None]) is not None


def test_tensorflow_and_keras_imports_resolve_to_tensorlet_in_the_chapter_only(tmp_path):
    text = ("```py\nimport tensorflow as tf\nfrom tensorflow import keras\nimport keras as k\n"
            "import keras.layers\nfrom keras.layers import Dense\n```\n")
    notebook, results = _run(tmp_path, text)
    assert results[0].status == "ran", results[0].message
    ns = notebook.ns
    assert ns["tf"] is tf and ns["keras"] is tf.keras and ns["k"] is tf.keras
    assert ns["Dense"] is tf.keras.layers.Dense
    assert "tensorflow" not in sys.modules or sys.modules["tensorflow"] is not tf


def test_progress_pattern_needs_the_books_metrics_only():
    book = ("Epoch 1/5\n363/363 [========] - 1s 820us/step - loss: 0.7640 - "
            "reconstruction_error: 1.2728\n[...]")
    good = ("Epoch 1/5\n363/363 [==============================] - 0s 658us/step - loss: 0.5803 - "
            "reconstruction_error: 1.3163\nEpoch 2/5\n")
    assert re.match(progress_pattern(book), good)
    extra = good.replace("loss: 0.5803 - ", "loss: 0.5803 - model_metric: 2.0307 - ")
    assert not re.match(progress_pattern(book), extra)
