"""Gradients through tf.function (A11.11) and tapes traced inside one."""

import numpy as np

import tensorlet as tf
from tensorlet.graph.function import function


def test_a11_11_gradient_through_a_function_called_under_a_tape():
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = function(lambda a: a ** 3)(v)
    assert tape.gradient(y, v).numpy() == 12.0


def test_gradient_through_captured_variables_and_watched_tensors():
    w = tf.Variable([1.0, 2.0])
    f = function(lambda x: tf.reduce_sum(x * w * w))
    x = tf.constant([3.0, 4.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(x)
    np.testing.assert_allclose(tape.gradient(y, w).numpy(), [6.0, 16.0])
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [1.0, 4.0])


def test_second_order_gradient_through_a_function():
    v = tf.Variable(2.0)
    f = function(lambda a: a ** 3)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = f(v)
        dy = inner.gradient(y, v)
    assert dy.numpy() == 12.0 and outer.gradient(dy, v).numpy() == 12.0


def test_calls_without_a_tape_stay_on_the_compiled_plan():
    f = function(lambda a: a * 2.0)
    f(tf.constant(1.0))
    with tf.GradientTape():
        pass
    assert f.get_concrete_function(tf.constant(1.0))._plan is not None


def test_a_tape_inside_a_function_is_traced_into_the_graph():
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])

    @function
    def step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.matmul(x, w) ** 2)
        g = tape.gradient(loss, w)
        w.assign_sub(0.01 * g)
        return loss, g

    x = tf.constant([[1.0, 1.0]])
    loss, g = step(x)
    assert loss.numpy() == 52.0
    np.testing.assert_allclose(g.numpy(), [[8.0, 12.0], [8.0, 12.0]])
    np.testing.assert_allclose(w.numpy(), [[0.92, 1.88], [2.92, 3.88]], rtol=1e-6)
    types = {op.type for op in step.get_concrete_function(x).graph.get_operations()}
    assert {"MatMul", "AssignSubVariableOp"} <= types


def test_a_tape_inside_matches_the_same_step_run_eagerly():
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((4, 3)).astype(np.float32))
    w_graph = tf.Variable(rng.standard_normal((3, 2)).astype(np.float32))
    w_eager = tf.Variable(w_graph.numpy())

    def make_step(w):
        def step(x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.nn.relu(tf.matmul(x, w))))
            w.assign_sub(0.1 * tape.gradient(loss, w))
            return loss

        return step

    graph_step, eager_step = function(make_step(w_graph)), make_step(w_eager)
    for _ in range(3):
        assert graph_step(x).numpy() == eager_step(x).numpy()
    np.testing.assert_array_equal(w_graph.numpy(), w_eager.numpy())
