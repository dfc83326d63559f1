"""Audit of issue #7 item 1 (A3.1): gradients through `tf.sparse.sparse_dense_matmul` with the
sparse values and the dense side held in Variables, second order, and the dense-times-sparse
form. Every expected value was measured on TF 2.21 with the same code."""

import numpy as np

import tensorlet as tf

SparseTensor = tf.sparse.SparseTensor


def test_a3_1_matmul_gradients_reach_variables_and_differentiate_twice():
    values = tf.Variable([1., 2., 3.])
    dense = tf.Variable(np.ones((3, 2), np.float32))
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            s = SparseTensor([[0, 0], [0, 2], [1, 1]], values, [2, 3])
            y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(s, dense) ** 2)
        g_values = inner.gradient(y, values)
    assert g_values.numpy().tolist() == [12., 12., 12.]  # TF 2.21
    assert outer.gradient(g_values, dense).numpy().tolist() == [[10., 10.], [12., 12.],
                                                                [14., 14.]]


def test_a3_1_dense_times_sparse_gradients_for_both_operands():
    a = tf.constant([[1., 2.], [3., 4.]])
    v = tf.constant([5., -1.])
    with tf.GradientTape() as tape:
        tape.watch([a, v])
        s = SparseTensor([[0, 1], [1, 0]], v, [2, 2])
        y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(a, s, adjoint_b=True)
                          * tf.constant([[1., 2.], [3., 4.]]))
    g_a, g_v = tape.gradient(y, [a, v])
    assert g_a.numpy().tolist() == [[-2., 5.], [-4., 15.]]  # TF 2.21
    assert g_v.numpy().tolist() == [14., 14.]
