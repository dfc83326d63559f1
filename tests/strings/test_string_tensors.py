"""String tensors (A3.4): dtype string holding UTF-8 bytes, atomic strings, TF's repr,
comparisons and concatenation with `+`; every expected value was checked on TF 2.21."""

import numpy as np
import pytest

import tensorlet as tf


def test_bytes_and_str_constants_A3_4():
    b = tf.constant(b"hello world")
    assert b.dtype is tf.string and b.shape == ()
    cafe = tf.constant("café")
    assert cafe.numpy() == b"caf\xc3\xa9"
    assert tf.constant("hello").shape == ()
    assert tf.constant(["a", "bc"]).shape == (2,)


def test_repr_and_str_like_tf_A3_4():
    assert repr(tf.constant("café")) == \
        r"<tf.Tensor: shape=(), dtype=string, numpy=b'caf\xc3\xa9'>"
    assert repr(tf.constant(["héllo", "咖啡"])) == (
        r"<tf.Tensor: shape=(2,), dtype=string, numpy=array([b'h\xc3\xa9llo', "
        r"b'\xe5\x92\x96\xe5\x95\xa1'], dtype=object)>")
    assert str(tf.constant("é")) == r"tf.Tensor(b'\xc3\xa9', shape=(), dtype=string)"


def test_code_points_of_cafe_A3_5():
    u = tf.constant([ord(c) for c in "café"])
    assert u.dtype is tf.int32
    np.testing.assert_array_equal(u, [99, 97, 102, 233])


def test_comparisons_and_concatenation():
    a = tf.constant(["a", "b"])
    np.testing.assert_array_equal(a == "a", [True, False])
    np.testing.assert_array_equal(a != tf.constant(["a", "c"]), [False, True])
    np.testing.assert_array_equal(tf.equal(a, "b"), [False, True])
    assert (a + "!").numpy().tolist() == [b"a!", b"b!"]
    assert ("!" + a).numpy().tolist() == [b"!a", b"!b"]
    assert tf.add(a, a).numpy().tolist() == [b"aa", b"bb"]


def test_ordering_and_mixing_with_numbers_raise_like_tf():
    a = tf.constant(["a", "b"])
    with pytest.raises(tf.errors.InvalidArgumentError, match="not in the list of allowed"):
        tf.less(a, "b")
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        tf.equal(a, 1)
