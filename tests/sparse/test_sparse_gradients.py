"""Gradients through sparse ops (A3.1): with respect to the values and the dense operands,
against central finite differences (first and second order) and against TF 2.21's values."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.testing.grad_check import check_grads

SparseTensor = tf.sparse.SparseTensor
IDX = [[0, 0], [0, 2], [1, 1]]


def sp(values, indices=IDX, shape=(2, 3)):
    return SparseTensor(indices, values, list(shape))


def test_matmul_gradients_equal_tfs_for_values_and_dense_side():
    v = tf.constant([1., 2., 3.])
    b = tf.constant(np.arange(12.).reshape(3, 4), tf.float32)
    w = tf.constant(np.arange(8.).reshape(2, 4) - 3, tf.float32)
    with tf.GradientTape() as tape:
        tape.watch([v, b])
        y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(sp(v), b) * w)
    g_v, g_b = tape.gradient(y, [v, b])
    np.testing.assert_array_equal(g_v.numpy(), [-4., -52., 60.])  # TF 2.21
    np.testing.assert_array_equal(g_b.numpy(), [[-3., -2., -1., 0.], [3., 6., 9., 12.],
                                                [-6., -4., -2., 0.]])


@pytest.mark.parametrize("adjoint_a,adjoint_b", [(False, False), (True, False), (False, True),
                                                 (True, True)])
def test_matmul_gradients_match_finite_differences(adjoint_a, adjoint_b):
    indices = [[0, 0], [0, 2], [1, 1], [2, 0]]
    b_shape = (2, 3) if adjoint_b else (3, 2)

    def f(v, b):
        return tf.sparse.sparse_dense_matmul(sp(v, indices, (3, 3)), b, adjoint_a=adjoint_a,
                                             adjoint_b=adjoint_b)

    rng = np.random.default_rng(0)
    check_grads(tf, f, [rng.standard_normal(4), rng.standard_normal(b_shape)], order=2)


def test_complex_matmul_gradients_use_tfs_conjugation():
    v = tf.constant([1 + 1j, 2 - 1j], tf.complex128)
    b = tf.constant([[1 + 2j], [3 - 1j]], tf.complex128)
    with tf.GradientTape() as tape:
        tape.watch([v, b])
        y = tf.reduce_sum(tf.math.real(tf.sparse.sparse_dense_matmul(
            sp(v, [[0, 0], [1, 1]], (2, 2)), b, adjoint_a=True)))
    g_v, g_b = tape.gradient(y, [v, b])
    # TF 2.21 gives these values for the same call.
    np.testing.assert_allclose(g_v.numpy(), [1 + 2j, 3 - 1j])
    np.testing.assert_allclose(g_b.numpy(), [[1 + 1j], [2 - 1j]])


def test_to_dense_gradient_splits_between_values_and_default_as_tf():
    v, d = tf.constant([1., 2., 3.]), tf.constant(0.5)
    weights = tf.reshape(tf.range(1., 7.), [2, 3])
    with tf.GradientTape() as tape:
        tape.watch([v, d])
        y = tf.reduce_sum(tf.sparse.to_dense(sp(v), default_value=d) * weights)
    g_v, g_d = tape.gradient(y, [v, d])
    assert g_v.numpy().tolist() == [1., 3., 5.] and g_d.numpy() == 12.  # TF 2.21


def _values_gradient(f, v):
    v = tf.constant(v)
    with tf.GradientTape() as tape:
        tape.watch(v)
        out = f(v)
        out = out.values if isinstance(out, SparseTensor) else out
        weights = np.arange(1., out.shape.num_elements() + 1.).reshape(out.shape.as_list())
        y = tf.reduce_sum(out * weights.astype(np.float32))
    return tape.gradient(y, v).numpy().tolist()


@pytest.mark.parametrize("f,expected", [
    (lambda v: tf.sparse.reduce_sum(sp(v), axis=1), [1., 1., 2.]),
    (lambda v: tf.sparse.add(sp(v), sp(v[:2] * 3., [[0, 0], [1, 2]])), [4., 14., 3.]),
    (lambda v: tf.sparse.slice(sp(v), [0, 1], [2, 2]), [0., 1., 2.]),
    (lambda v: tf.sparse.retain(sp(v), [True, False, True]), [1., 0., 2.]),
    (lambda v: tf.sparse.transpose(sp(v)), [1., 3., 2.]),
    (lambda v: tf.sparse.reorder(sp(v, [[1, 1], [0, 0], [0, 2]])), [3., 1., 2.]),
    (lambda v: sp(v) * tf.constant([1., 2., 3.]), [1., 6., 6.]),
    (lambda v: sp(v) / tf.constant([1., 2., 3.]), [1., 2. / 3., 1.5]),
])
def test_values_gradients_equal_tfs(f, expected):
    np.testing.assert_allclose(_values_gradient(f, [1., 2., 3.]), expected, rtol=1e-6)


def test_dense_operand_gradients_equal_tfs():
    v, d = tf.constant([1., 2., 3.]), tf.constant([1., 2., 3.])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(d)
        mul = tf.reduce_sum((sp(v) * d).values * tf.constant([1., 2., 3.]))
        dense = tf.ones([2, 3]) * d
        add = tf.reduce_sum(tf.sparse.add(sp(v), dense) * tf.reshape(tf.range(1., 7.), [2, 3]))
    assert tape.gradient(mul, d).numpy().tolist() == [1., 9., 4.]  # TF 2.21
    assert tape.gradient(add, d).numpy().tolist() == [5., 7., 9.]


@pytest.mark.parametrize("name,f", [
    ("to_dense", lambda v: tf.sparse.to_dense(sp(v))),
    ("reduce_sum-all", lambda v: tf.sparse.reduce_sum(sp(v))),
    ("reduce_sum-keepdims", lambda v: tf.sparse.reduce_sum(sp(v), axis=0, keepdims=True)),
    ("reduce_sum-sparse", lambda v: tf.sparse.reduce_sum(sp(v), axis=1,
                                                         output_is_sparse=True).values),
    ("add-threshold", lambda v: tf.sparse.add(sp(v), sp(v * v, [[0, 0], [1, 2]] + [[1, 0]]),
                                              threshold=0.01).values),
    ("concat", lambda v: tf.sparse.to_dense(tf.sparse.concat(1, [sp(v), sp(v * 2.)]))),
    ("scalar-times", lambda v: (sp(v) * v[0]).values),
    ("divide", lambda v: (sp(v) / (v[:1] + 3.)).values),
])
def test_values_gradients_match_finite_differences(name, f):
    check_grads(tf, f, [np.array([0.7, -1.3, 2.1])], order=2, what=name)


def test_from_dense_gradient_reaches_the_dense_input():
    check_grads(tf, lambda x: tf.sparse.from_dense(x * x).values, [np.array([[0.5, 1.5],
                                                                           [-2., 1.]])],
                order=2)


def test_sparse_matmul_gradient_inside_tf_function():
    @tf.function
    def grads(v, b):
        with tf.GradientTape() as tape:
            tape.watch([v, b])
            s = SparseTensor([[0, 0], [1, 2]], v, [2, 3])
            y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(s, b))
        return tape.gradient(y, [v, b])

    g_v, g_b = grads(tf.constant([1., 2.]), tf.ones([3, 2]))
    assert g_v.numpy().tolist() == [2., 2.]
    assert g_b.numpy().tolist() == [[1., 1.], [0., 0.], [2., 2.]]
