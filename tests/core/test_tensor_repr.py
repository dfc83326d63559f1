"""Tensor repr and str are TF's, character for character (A1.1, A1.2)."""

import numpy as np

import tensorlet as tf


def test_a1_1_matrix_constant_is_float32_with_tf_exact_repr():
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    assert t.dtype is tf.float32
    assert t.shape == (2, 3)
    assert repr(t) == ("<tf.Tensor: shape=(2, 3), dtype=float32, numpy=\n"
                       "array([[1., 2., 3.],\n"
                       "       [4., 5., 6.]], dtype=float32)>")


def test_a1_1_str_is_tf_tensor_call_form():
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    assert str(t) == ("tf.Tensor(\n[[1. 2. 3.]\n [4. 5. 6.]], shape=(2, 3), dtype=float32)")
    assert str(tf.constant([1.5, 2])) == "tf.Tensor([1.5 2. ], shape=(2,), dtype=float32)"
    assert str(tf.constant(1.5)) == "tf.Tensor(1.5, shape=(), dtype=float32)"


def test_scalar_reprs_show_the_plain_value():
    assert repr(tf.constant(42)) == "<tf.Tensor: shape=(), dtype=int32, numpy=42>"
    assert repr(tf.constant(1.5)) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.5>"
    assert repr(tf.constant(True)) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"
    assert repr(tf.constant(1.5, tf.float64)) == "<tf.Tensor: shape=(), dtype=float64, numpy=1.5>"


def test_string_tensors_show_utf8_bytes():
    assert repr(tf.constant("café")) == \
        "<tf.Tensor: shape=(), dtype=string, numpy=b'caf\\xc3\\xa9'>"
    assert str(tf.constant("café")) == "tf.Tensor(b'caf\\xc3\\xa9', shape=(), dtype=string)"
    assert repr(tf.constant(["a", "b"])) == \
        "<tf.Tensor: shape=(2,), dtype=string, numpy=array([b'a', b'b'], dtype=object)>"


def test_vector_reprs_of_other_dtypes():
    assert repr(tf.constant([True, False])) == \
        "<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>"
    assert repr(tf.constant(np.arange(3))) == \
        "<tf.Tensor: shape=(3,), dtype=int64, numpy=array([0, 1, 2])>"
    assert repr(tf.constant([1.5], tf.float16)) == \
        "<tf.Tensor: shape=(1,), dtype=float16, numpy=array([1.5], dtype=float16)>"


def test_empty_and_large_tensors_use_numpy_summaries():
    assert repr(tf.constant(np.zeros((0, 3), np.float32))) == \
        "<tf.Tensor: shape=(0, 3), dtype=float32, numpy=array([], shape=(0, 3), dtype=float32)>"
    big = repr(tf.constant(np.arange(2000, dtype=np.int32)))
    assert big == ("<tf.Tensor: shape=(2000,), dtype=int32, numpy=\n"
                   "array([   0,    1,    2, ..., 1997, 1998, 1999],\n"
                   "      shape=(2000,), dtype=int32)>")


def test_a1_2_shape_and_dtype_reprs():
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    assert repr(t.shape) == "TensorShape([2, 3])"
    assert str(t.shape) == "(2, 3)"
    assert repr(t.dtype) == "tf.float32"
    assert str(t.dtype) == "<dtype: 'float32'>"
