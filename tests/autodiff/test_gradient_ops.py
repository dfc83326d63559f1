"""stop_gradient, numerics at the edges of float32, custom_gradient (A11.8-A11.11)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ops.gradient_ops import custom_gradient, stop_gradient


@pytest.fixture
def ws():
    return tf.Variable(5.), tf.Variable(3.)


def test_a11_8_stop_gradient_keeps_the_value_and_blocks_the_gradient(ws):
    w1, w2 = ws

    def f(w1, w2):
        return 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)

    with tf.GradientTape() as tape:
        z = f(w1, w2)
    assert float(z) == 105.0
    grads = tape.gradient(z, [w1, w2])
    assert float(grads[0]) == 30.0 and grads[1] is None


def test_stop_gradient_accepts_python_values_and_keeps_dtype_and_shape():
    out = stop_gradient([1, 2])
    assert out.dtype == tf.int32 and out.shape == (2,)
    assert float(stop_gradient(3.0)) == 3.0


def test_a11_9_a_tiny_variable_underflows_to_zero_and_sqrt_has_an_infinite_gradient():
    x = tf.Variable(1e-50)
    assert x.numpy() == 0.0 and x.dtype == tf.float32
    with tf.GradientTape() as tape:
        z = tf.sqrt(x)
    assert tape.gradient(z, [x])[0].numpy() == np.inf


def naive_softplus(z):
    return tf.math.log(tf.exp(z) + 1.0)


def stable_softplus(z):
    return tf.math.log(1 + tf.exp(-tf.abs(z))) + tf.maximum(0., z)


@custom_gradient
def my_softplus(z):
    def my_softplus_gradients(grads):
        return grads * (1 - 1 / (1 + tf.exp(z)))

    result = tf.math.log(1 + tf.exp(-tf.abs(z))) + tf.maximum(0., z)
    return result, my_softplus_gradients


def test_a11_9_naive_softplus_overflows_and_the_stable_form_does_not():
    assert naive_softplus(tf.constant(100.)).numpy() == np.inf
    assert stable_softplus(tf.constant(100.)).numpy() == 100.0


def test_a11_9_naive_gradient_at_1000_is_nan_and_the_stable_one_is_1():
    x = tf.Variable([1000.])
    with tf.GradientTape(persistent=True) as tape:
        naive = naive_softplus(x)
        stable = stable_softplus(x)
    assert np.isnan(tape.gradient(naive, [x])[0].numpy()).all()
    np.testing.assert_array_equal(tape.gradient(stable, [x])[0].numpy(), [1.0])


def test_a11_10_custom_gradient_softplus_gives_1000_and_gradient_1():
    x = tf.Variable([1000.])
    with tf.GradientTape() as tape:
        z = my_softplus(x)
    np.testing.assert_array_equal(z.numpy(), [1000.])
    np.testing.assert_array_equal(tape.gradient(z, [x])[0].numpy(), [1.0])
    assert my_softplus.__name__ == "my_softplus"


def test_a11_10_grad_fn_receives_the_upstream_gradient():
    seen = []

    @custom_gradient
    def double(x):
        def grad(upstream):
            seen.append(float(upstream))
            return upstream * 2.

        return x * 2., grad

    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = double(x) * 5.
    assert float(tape.gradient(y, x)) == 10.0
    assert seen == [5.0]


def test_a11_10_variables_captured_inside_use_the_variables_keyword():
    v = tf.Variable(2.0)
    received = []

    @custom_gradient
    def scale(x):
        y = x * v

        def grad(upstream, variables=None):
            received.append(variables)
            return upstream * v, [upstream * x * 10]

        return y, grad

    a = tf.constant(3.)
    with tf.GradientTape() as tape:
        tape.watch(a)
        y = scale(a)
    ga, gv = tape.gradient(y, [a, v])
    assert (float(ga), float(gv)) == (2.0, 30.0)
    assert len(received) == 1 and received[0] == [v] and received[0][0] is v


def test_a11_10_grad_fn_without_variables_keyword_raises_type_error_even_without_tape():
    v = tf.Variable(2.0)

    @custom_gradient
    def bad(x):
        return x * v, lambda upstream: upstream * v

    with pytest.raises(TypeError, match="@tf.custom_gradient grad_fn must accept keyword "
                       "argument 'variables', since function uses variables"):
        bad(tf.constant(1.))


def test_custom_gradient_with_two_inputs_and_a_wrong_count():
    @custom_gradient
    def two(x, y):
        return x * y, lambda g: (g * 2, g * 3)

    @custom_gradient
    def wrong(x, y):
        return x * y, lambda g: g

    a, b = tf.constant(3.), tf.constant(4.)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, b])
        r = two(a, b)
        bad = wrong(a, b)
    assert [float(g) for g in tape.gradient(r, [a, b])] == [2.0, 3.0]
    with pytest.raises(ValueError, match="custom_gradient function expected to return 2 "
                       "gradients, but returned 1 instead."):
        tape.gradient(bad, [a, b])


def test_custom_gradient_with_two_outputs_gets_zeros_for_an_unused_one():
    upstreams = []

    @custom_gradient
    def pair(x):
        def grad(g1, g2):
            upstreams.append((float(g1), float(g2)))
            return g1 + 10 * g2

        return (x * 2, x * 3), grad

    a = tf.constant(3.)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a)
        r1, r2 = pair(a)
    assert float(tape.gradient(r1, a)) == 1.0
    assert float(tape.gradient([r1, r2], a)) == 11.0
    assert upstreams == [(1.0, 0.0), (1.0, 1.0)]


def test_custom_gradient_second_order_differentiates_grad_fn():
    a = tf.constant(3.)
    with tf.GradientTape() as t2:
        t2.watch(a)
        with tf.GradientTape() as t1:
            t1.watch(a)
            y = my_softplus(a)
        g = t1.gradient(y, a)
    sigmoid = 1 / (1 + np.exp(-3.0))
    np.testing.assert_allclose(float(g), sigmoid, rtol=1e-6)
    np.testing.assert_allclose(float(t2.gradient(g, a)), sigmoid * (1 - sigmoid), rtol=1e-5)


def test_custom_gradient_keyword_arguments_and_none_gradients():
    @custom_gradient
    def scaled(x, k=2.0):
        return x * k, lambda g: g * k

    @custom_gradient
    def blocked(x):
        return x * 2., lambda g: None

    a = tf.constant(3.)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a)
        y = scaled(a, k=5.0)
        z = blocked(a)
    assert float(tape.gradient(y, a)) == 5.0
    assert tape.gradient(z, a) is None
    assert float(scaled(3.0)) == 6.0


def _function():
    return tf.function


def test_a11_11_gradient_through_a_tf_function():
    v = tf.Variable(2.)
    with tf.GradientTape() as tape:
        y = _function()(lambda a: a ** 3)(v)
    assert float(tape.gradient(y, v)) == 12.0


def test_custom_gradient_with_a_tape_inside_a_traced_function():
    @custom_gradient
    def noisy(x):
        return x * 2., lambda g: g * 100.

    w = tf.Variable(3.)

    @_function()
    def step():
        with tf.GradientTape() as tape:
            y = noisy(w) + stop_gradient(w)
        return tape.gradient(y, w)

    assert float(step()) == 100.0
    assert float(step()) == 100.0
