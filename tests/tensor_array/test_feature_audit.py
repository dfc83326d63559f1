"""Audit of issue #7 item 4 (A3.2): a TensorArray as the accumulator of an AutoGraph
`for i in tf.range(n)` loop whose length is a function argument, with gradients taken outside
and inside the function, and through a recurrent loop on a Variable. Expected values were
measured on TF 2.21 with the same code."""

import numpy as np

import tensorlet as tf

WEIGHTS = tf.constant([1., 10., 100.])


@tf.function
def running_squares(x, n):
    ta = tf.TensorArray(tf.float32, size=n)
    acc = tf.constant(0.)
    for i in tf.range(n):
        acc = acc + tf.gather(x, i) * tf.gather(x, i)
        ta = ta.write(i, acc)
    return ta.stack()


def test_a3_2_autograph_loop_of_argument_length_accumulates_with_gradients():
    x = tf.constant([1., 2., 3.])
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = running_squares(x, tf.constant(3))
        y = tf.reduce_sum(out * WEIGHTS)
    assert out.numpy().tolist() == [1., 5., 14.]
    assert tape.gradient(y, x).numpy().tolist() == [222., 440., 600.]  # TF 2.21
    assert running_squares(tf.constant([2., 1.]), tf.constant(2)).numpy().tolist() == [4., 5.]


def test_a3_2_gradient_taken_inside_the_function_through_the_autograph_loop():
    @tf.function
    def grad(x, n):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(running_squares(x, n) * WEIGHTS)
        return tape.gradient(y, x)

    assert grad(tf.constant([1., 2., 3.]), tf.constant(3)).numpy().tolist() == [222., 440., 600.]


def test_a3_2_recurrent_loop_gradient_reaches_a_variable():
    w = tf.Variable([[0.5, -1.], [2., 0.25]])

    @tf.function
    def rnn(xs):
        n = tf.shape(xs)[0]
        ta = tf.TensorArray(tf.float32, size=n)
        h = tf.zeros([2])
        for i in tf.range(n):
            h = tf.tanh(tf.reshape(tf.matmul(tf.reshape(h, [1, 2]), w), [2]) + tf.gather(xs, i))
            ta = ta.write(i, h)
        return ta.stack()

    @tf.function
    def loss_and_grad(xs):
        with tf.GradientTape() as tape:
            out = rnn(xs)
            loss = tf.reduce_sum(out * out)
        return loss, tape.gradient(loss, w)

    xs = tf.constant([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]])
    expected = [[0.054192226, -0.25333410], [0.20219806, -0.053035907]]  # TF 2.21
    loss, g = loss_and_grad(xs)
    np.testing.assert_allclose(loss.numpy(), 0.6458826, rtol=1e-5)
    np.testing.assert_allclose(g.numpy(), expected, rtol=1e-4, atol=1e-6)
    with tf.GradientTape() as tape:
        out = rnn(xs)
        loss = tf.reduce_sum(out * out)
    np.testing.assert_allclose(tape.gradient(loss, w).numpy(), expected, rtol=1e-4, atol=1e-6)


def test_a3_2_gradient_through_a_dynamic_size_array_in_an_autograph_loop():
    @tf.function
    def grow(x, n):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        for i in tf.range(n):
            ta = ta.write(i, tf.gather(x, i) * tf.gather(x, i))
        return ta.stack()

    x = tf.constant([1., 2., 3.])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(grow(x, tf.constant(3)) * WEIGHTS)
    assert tape.gradient(y, x).numpy().tolist() == [2., 40., 600.]  # TF 2.21


def test_a3_2_gradient_to_a_variable_through_a_dynamic_size_array_in_a_loop():
    v = tf.Variable([0.5, -1.0, 2.0])

    @tf.function
    def recur(n):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        h = tf.constant(1.0)
        for i in tf.range(n):
            h = tf.tanh(h * tf.gather(v, i))
            ta = ta.write(i, h * h)
        return ta.stack()

    with tf.GradientTape() as tape:
        y = tf.reduce_sum(recur(tf.constant(3)) * WEIGHTS)
    np.testing.assert_allclose(y.numpy(), 50.81476593017578, rtol=1e-5)  # TF 2.21
    np.testing.assert_allclose(tape.gradient(y, v).numpy(),
                               [97.84162139892578, -57.06468200683594, 30.906917572021484],
                               rtol=1e-5)  # TF 2.21


def test_a3_2_autograph_loop_writing_x_indexed_by_the_loop_tensor():
    @tf.function
    def copy(x):
        ta = tf.TensorArray(tf.float32, size=3)
        for i in tf.range(3):
            ta = ta.write(i, x[i] * 2.)
        return ta.stack()

    assert copy(tf.constant([1., 2., 3.])).numpy().tolist() == [2., 4., 6.]
