"""A TensorArray as a loop accumulator inside tf.function (A3.2): the composite protocol
(`_type_spec`, `_to_components`, `_from_components`) that carries it through `tf.while_loop`,
and AutoGraph `for`/`while` loops on tensors."""

import numpy as np

import tensorlet as tf

X = [[1., 2.], [3., 4.], [5., 6.]]



def _carried(ta, n, step):
    """`for i in range(n): ta = step(i, ta)` as a tf.while_loop over the array's components."""
    spec = ta._type_spec

    def body(i, *components):
        out = step(i, spec._from_components(list(components)))
        return [i + 1, *spec._to_components(out)]

    out = tf.while_loop(lambda i, *c: i < n, body, [tf.constant(0), *spec._to_components(ta)])
    return spec._from_components(out[1:])


def test_a3_2_while_loop_carries_a_fixed_size_array_with_gradients():
    @tf.function
    def squares(x):
        ta = tf.TensorArray(tf.float32, size=3)
        ta = _carried(ta, tf.shape(x)[0], lambda i, t: t.write(i, tf.gather(x, i) ** 2))
        assert ta.element_shape == tf.TensorShape([2])  # learned inside the loop body
        return ta.stack()

    x = tf.constant(X)
    np.testing.assert_allclose(squares(x).numpy(), np.square(X))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(squares(x))
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), 2 * np.array(X))


def test_a3_2_while_loop_grows_a_dynamic_array():
    @tf.function
    def doubled(x):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        ta = _carried(ta, tf.shape(x)[0], lambda i, t: t.write(i, tf.gather(x, i) * 2.))
        return ta.stack(), ta.size()

    stacked, size = doubled(tf.constant(X))
    np.testing.assert_allclose(stacked.numpy(), 2 * np.array(X))
    assert size.numpy() == 3


def test_a3_2_gradient_taken_inside_the_function_through_the_loop():
    @tf.function
    def grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            ta = _carried(tf.TensorArray(tf.float32, size=3), 3,
                          lambda i, t: t.write(i, tf.gather(x, i) * tf.gather(x, i)))
            y = tf.reduce_sum(ta.stack() * [[1.], [2.], [3.]])
        return tape.gradient(y, x)

    np.testing.assert_allclose(grad(tf.constant(X)).numpy(),
                               2 * np.array(X) * [[1.], [2.], [3.]])


def test_a3_2_element_shape_unknown_until_runtime_initializes_on_first_write():
    @tf.function(input_signature=[tf.TensorSpec([None, None], tf.float32)])
    def rows(x):
        n = tf.shape(x)[0]
        ta = _carried(tf.TensorArray(tf.float32, size=n), n,
                      lambda i, t: t.write(i, tf.gather(x, i) + 1.))
        return ta.stack()

    np.testing.assert_allclose(rows(tf.constant(X)).numpy(), np.array(X) + 1)


def test_a3_2_autograph_for_over_tf_range_accumulates():
    @tf.function
    def doubled(x):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        for i in tf.range(tf.shape(x)[0]):
            ta = ta.write(i, tf.gather(x, i) * 2.)
        return ta.stack()

    np.testing.assert_allclose(doubled(tf.constant(X)).numpy(), 2 * np.array(X))


def test_a3_2_autograph_loop_gradient_through_a_fixed_size_array():
    @tf.function
    def squares(x):
        ta = tf.TensorArray(tf.float32, size=3)
        for i in tf.range(3):
            ta = ta.write(i, tf.gather(x, i) ** 2)
        return ta.stack()

    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(squares(x))
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), 2 * np.array(X))


def test_a3_2_tf_while_loop_takes_a_tensor_array_loop_variable():
    @tf.function
    def copy(x):
        ta = tf.TensorArray(tf.float32, size=3)
        _, ta = tf.while_loop(lambda i, t: i < 3,
                              lambda i, t: (i + 1, t.write(i, tf.gather(x, i))), (0, ta))
        return ta.stack()

    np.testing.assert_allclose(copy(tf.constant(X)).numpy(), X)


def test_a3_2_autograph_if_on_a_tensor_writes_in_either_branch():
    @tf.function
    def pick(x, flag):
        ta = tf.TensorArray(tf.float32, size=2)
        if flag > 0:
            ta = ta.write(0, x)
        else:
            ta = ta.write(1, x * 3.)
        return ta.stack()

    x = tf.constant([1., 2.])
    np.testing.assert_allclose(pick(x, tf.constant(1)).numpy(), [[1., 2.], [0., 0.]])
    np.testing.assert_allclose(pick(x, tf.constant(-1)).numpy(), [[0., 0.], [3., 6.]])


def test_a3_2_eager_python_loop_accumulator():
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    for i in range(4):
        ta = ta.write(i, float(i) ** 2)
    np.testing.assert_allclose(ta.stack().numpy(), [0., 1., 4., 9.])


def test_a3_2_eager_while_loop_returns_the_tensor_array():
    ta = tf.TensorArray(tf.float32, size=3)
    _, ta = tf.while_loop(lambda i, t: i < 3, lambda i, t: (i + 1, t.write(i, float(i))),
                          (0, ta))
    np.testing.assert_allclose(ta.stack().numpy(), [0., 1., 2.])
