"""String ops with dense results trace into `tf.function` graphs; ragged results (split,
unicode_decode) are eager-only and say so."""

import numpy as np
import pytest

import tensorlet as tf


@tf.function
def _dense_string_ops(x):
    return (tf.strings.length(x, unit="UTF8_CHAR"), tf.strings.upper(x),
            tf.strings.join([x, "z"], separator="-"), tf.strings.regex_replace(x, "a", "b"),
            tf.strings.reduce_join(x, separator=","), tf.strings.format("{}", x),
            tf.strings.to_hash_bucket_fast(x, 10), tf.strings.substr(x, 0, 1))


def test_dense_string_ops_run_inside_tf_function():
    length, upper, joined, replaced, reduced, text, buckets, first = _dense_string_ops(
        tf.constant(["abc", "é"]))
    np.testing.assert_array_equal(length, [3, 1])
    assert upper.numpy().tolist() == [b"ABC", "é".encode()]
    assert joined.numpy().tolist() == [b"abc-z", "é-z".encode()]
    assert replaced.numpy().tolist() == [b"bbc", "é".encode()]
    assert reduced.numpy() == "abc,é".encode()
    assert text.numpy() == '["abc" "é"]'.encode()
    np.testing.assert_array_equal(buckets, tf.strings.to_hash_bucket_fast(["abc", "é"], 10))
    assert first.numpy().tolist() == [b"a", b"\xc3"]


def test_to_number_and_as_string_inside_tf_function():
    @tf.function
    def parse(x):
        return tf.strings.as_string(tf.strings.to_number(x) * 2.0, shortest=True)

    assert parse(tf.constant(["1.5", "-2"])).numpy().tolist() == [b"3", b"-4"]


def test_ragged_results_are_eager_only():
    @tf.function
    def split(x):
        return tf.strings.split(x)

    with pytest.raises(NotImplementedError, match="eager mode only"):
        split(tf.constant(["a b"]))
