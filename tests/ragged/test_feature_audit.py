"""Audit of issue #7 item 2 (A3.3): the book's `r.to_tensor()` of the four decoded words, every
entry of the (4, 6) result, and indexing that tensor; values measured on TF 2.21."""

import numpy as np

import tensorlet as tf

WORDS = ["Café", "Coffee", "caffè", "咖啡"]


def test_a3_3_to_tensor_zero_pads_the_decoded_words_to_4_by_6():
    r = tf.strings.unicode_decode(tf.constant(WORDS), "UTF8")
    dense = r.to_tensor()
    assert isinstance(dense, tf.Tensor) and dense.dtype is tf.int32
    assert dense.shape == (4, 6)
    assert dense.numpy().tolist() == [[67, 97, 102, 233, 0, 0],
                                      [67, 111, 102, 102, 101, 101],
                                      [99, 97, 102, 102, 232, 0],
                                      [21654, 21857, 0, 0, 0, 0]]


def test_a3_3_reprs_of_a_row_and_of_a_row_slice_of_the_words():
    r = tf.strings.unicode_decode(tf.constant(WORDS), "UTF8")
    assert repr(r[1]) == ("<tf.Tensor: shape=(6,), dtype=int32, numpy=array([ 67, 111, 102, 102,"
                          " 101, 101], dtype=int32)>")
    assert repr(r[1:3]) == ("<tf.RaggedTensor [[67, 111, 102, 102, 101, 101], "
                            "[99, 97, 102, 102, 232]]>")
    np.testing.assert_array_equal(r.row_lengths(), [4, 6, 5, 2])


def test_repr_of_a_ragged_tensor_with_traced_values_is_tfs_graph_form():
    # regression: repr read `._value` of the symbolic values and raised AttributeError
    seen = []

    @tf.function
    def f(x):
        r = tf.RaggedTensor.from_row_lengths(x, [2, 1])
        seen.extend([repr(r), str(r), repr(tf.RaggedTensor.from_row_lengths(r, [1, 1]))])
        return r.values

    np.testing.assert_array_equal(f(tf.constant([1, 2, 3])), [1, 2, 3])
    inner = ('tf.RaggedTensor(values=Tensor("x:0", shape=(3,), dtype=int32), '
             'row_splits=tf.Tensor([0 2 3], shape=(3,), dtype=int64))')
    assert seen[0] == seen[1] == inner
    assert seen[2] == (f"tf.RaggedTensor(values={inner}, "
                       "row_splits=tf.Tensor([0 1 2], shape=(3,), dtype=int64))")
