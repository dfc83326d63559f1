"""tf.shape, tf.size, tf.rank and tf.identity accept a SparseTensor, as in TF 2.21 (A3.1)."""

import tensorlet as tf


def _sparse():
    return tf.SparseTensor([[0, 1], [1, 0], [2, 3]], [1., 2., 3.], [3, 4])


def test_shape_size_and_rank_of_a_sparse_tensor_describe_its_dense_form():
    s = _sparse()
    assert tf.shape(s).numpy().tolist() == [3, 4]
    assert int(tf.size(s)) == 12
    assert int(tf.rank(s)) == 2


def test_identity_of_a_sparse_tensor_is_a_sparse_tensor_with_the_same_values():
    out = tf.identity(_sparse())
    assert isinstance(out, tf.SparseTensor)
    assert out.values.numpy().tolist() == [1., 2., 3.]
