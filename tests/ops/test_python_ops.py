"""tf.print's TF text, and the errors of print, py_function and numpy_function."""

import io

import numpy as np
import pytest

import tensorlet as tf


def _printed(*inputs, **kwargs) -> str:
    stream = io.StringIO()
    tf.print(*inputs, output_stream=stream, **kwargs)
    return stream.getvalue()


def test_print_formats_values_as_tf_2_21_does():
    # Each expected line is what TF 2.21 prints for the same call.
    assert _printed(tf.constant([1., 2.5]), "hello", 3, tf.range(10)) == \
        "[1 2.5] hello 3 [0 1 2 ... 7 8 9]\n"
    assert _printed(tf.constant([[1, 2], [3, 4]])) == "[[1 2]\n [3 4]]\n"
    assert _printed(tf.constant(b"x"), tf.constant(["a", "b"]), tf.constant(True),
                    tf.constant(2.0), sep="|", end="!\n") == '"x"|["a" "b"]|1|2!\n'
    assert _printed(tf.range(10), summarize=-1) == "[0 1 2 3 4 5 6 7 8 9]\n"
    assert _printed(tf.constant([1e-5, 123456.7, 0.1])) == "[1e-05 123456.703 0.1]\n"


def test_print_formats_nested_structures_as_tf_2_21_does():
    # Each expected line is what TF 2.21 prints for the same call.
    x = tf.constant([1, 2, 3])
    assert _printed([x, 1], {"a": x}, (x, "b")) == "[[1 2 3], 1] {'a': [1 2 3]} ([1 2 3], 'b')\n"
    assert _printed(x.shape) == "TensorShape([3])\n"
    assert _printed({"b": 2.5, "a": [x]}) == "{'a': [[1 2 3]], 'b': 2.5}\n"
    assert _printed(["s", 1.5, True]) == "['s', 1.5, True]\n"
    traced = io.StringIO()
    tf.function(lambda t: tf.print([t, 1], {"a": t}, output_stream=traced))(x)
    assert traced.getvalue() == "[[1 2 3], 1] {'a': [1 2 3]}\n"


def test_print_and_py_function_run_on_every_call_of_a_traced_function():
    calls, stream = [], io.StringIO()

    @tf.function
    def f(x):
        tf.print("x is", x, output_stream=stream)
        return tf.py_function(lambda a: (calls.append(1), a * 2)[1], [x], tf.float32)

    assert f(tf.constant(1.0)).numpy() == 2.0
    assert f(tf.constant(3.0)).numpy() == 6.0
    assert stream.getvalue() == "x is 1\nx is 3\n" and len(calls) == 2


def test_print_rejects_an_output_stream_it_cannot_write_to():
    with pytest.raises(ValueError, match="output_stream"):
        tf.print("x", output_stream=42)


def test_py_function_needs_a_callable():
    with pytest.raises(TypeError, match="callable"):
        tf.py_function(3, [tf.constant(1.0)], tf.float32)


def test_py_function_checks_the_number_of_results_against_tout():
    with pytest.raises(tf.errors.InvalidArgumentError, match="py_function: the function "
                                                              "returned 1 values"):
        tf.py_function(lambda a: a, [tf.constant(1.0)], [tf.float32, tf.float32])


def test_numpy_function_results_take_the_tout_dtype_strictly():
    with pytest.raises(tf.errors.InvalidArgumentError, match="is double, but expects int32"):
        tf.numpy_function(lambda a: a.astype(np.float64), [tf.constant([1, 2])], tf.int32)
