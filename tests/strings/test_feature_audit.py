"""Audit of issue #7 item 3 (A3.5): byte and character lengths of the book's four words side by
side, and the dtypes of the decoded RaggedTensor; values measured on TF 2.21."""

import numpy as np

import tensorlet as tf
from tensorlet.ragged.ragged_tensor import RaggedTensor

WORDS = tf.constant(["Café", "Coffee", "caffè", "咖啡"])


def test_a3_5_lengths_of_the_words_in_bytes_and_in_characters():
    in_bytes = tf.strings.length(WORDS)
    assert in_bytes.dtype is tf.int32
    np.testing.assert_array_equal(in_bytes, [5, 6, 6, 6])
    np.testing.assert_array_equal(tf.strings.length(WORDS, unit="BYTE"), [5, 6, 6, 6])
    np.testing.assert_array_equal(tf.strings.length(WORDS, unit="UTF8_CHAR"), [4, 6, 5, 2])


def test_a3_5_decoded_words_are_a_ragged_int32_tensor_with_int64_splits():
    r = tf.strings.unicode_decode(WORDS, "UTF-8")
    assert isinstance(r, RaggedTensor)
    assert r.dtype is tf.int32 and r.row_splits.dtype is tf.int64
    assert r.shape.as_list() == [4, None]
    np.testing.assert_array_equal(r.row_lengths(), tf.strings.length(WORDS, unit="UTF8_CHAR"))
