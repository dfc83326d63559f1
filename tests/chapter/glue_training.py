"""Checks after chapter 12's autodiff, custom-loop and tf.function blocks (A11-A13).

Each hook takes the chapter's namespace and the run's private `state` (see glue_models.py).
"""

from __future__ import annotations

import re

import numpy as np

import tensorlet as tf

# ---- automatic differentiation (A11) --------------------------------------------------------


def jacobians_and_hessians(ns, state):  # A11.5-A11.7, A11.11 (the prose after this block)
    f, w1, w2 = ns["f"], ns["w1"], ns["w2"]
    with tf.GradientTape(persistent=True) as tape:
        z1, z2, z3 = f(w1, w2 + 2.0), f(w1, w2 + 5.0), f(w1, w2 + 7.0)
        stacked = tf.stack([z1, z2, z3])
    assert [float(g) for g in tape.gradient([z1, z2, z3], [w1, w2])] == [136.0, 30.0]
    jacobians = tape.jacobian(stacked, [w1, w2])
    assert [np.asarray(j).tolist() for j in jacobians] == [[40.0, 46.0, 50.0], [10.0] * 3]
    del tape
    with tf.GradientTape(persistent=True) as hessian_tape:
        with tf.GradientTape() as jacobian_tape:
            z = f(w1, w2)
        jacobians = jacobian_tape.gradient(z, [w1, w2])
    hessians = [hessian_tape.gradient(jacobian, [w1, w2]) for jacobian in jacobians]
    del hessian_tape
    assert [[None if h is None else float(h) for h in row] for row in hessians] == [
        [6.0, 2.0], [2.0, None]]
    with tf.GradientTape() as tape:
        with tape.stop_recording():
            z = f(w1, w2)
    assert tape.gradient(z, [w1, w2]) == [None, None]
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = tf.function(lambda a: a ** 3)(v)
    assert float(tape.gradient(y, v)) == 12.0


def stable_softplus_values(ns, state):  # A11.9
    my_softplus = ns["my_softplus"]
    assert float(my_softplus(tf.constant(100.0))) == 100.0
    assert np.isinf(float(tf.math.log(1.0 + tf.exp(tf.constant(100.0)))))  # the naive form
    z = tf.Variable(1000.0)
    with tf.GradientTape() as tape:
        naive = tf.math.log(1.0 + tf.exp(z))
    assert np.isnan(float(tape.gradient(naive, z)))


def custom_gradient_values(ns, state):  # A11.10
    x = tf.Variable([1000.0])
    with tf.GradientTape() as tape:
        z = ns["my_softplus"](x)
    np.testing.assert_array_equal(z, [1000.0])
    np.testing.assert_array_equal(tape.gradient(z, [x])[0], [1.0])


# ---- custom training loop (A12) ------------------------------------------------------------

def uncompiled_model_builds_lazily(ns, state):  # A12.1
    model = ns["model"]
    assert not model.built
    model(ns["X_train_scaled"][:2])
    assert model.built
    assert len(model.losses) == 2 and all(loss.shape == () for loss in model.losses)


def custom_loop_output(ns, state):  # A12.2-A12.5: the status bar and the epoch loop
    out, n_epochs, n_steps = state["stdout"][state["block"].index], ns["n_epochs"], ns["n_steps"]
    assert n_steps == 362  # len(X_train) // 32, as with the book's data
    assert re.findall(r"Epoch (\d+)/(\d+)\n", out) == [
        (str(e), str(n_epochs)) for e in range(1, n_epochs + 1)], out[:500]
    assert out.count("\r") == n_epochs * n_steps
    ends = re.findall(rf"\r{n_steps}/{n_steps} - mean_loss: (\d+\.\d{{4}}) - "
                      rf"mean_absolute_error: (\d+\.\d{{4}})\n", out)
    assert len(ends) == n_epochs, out[-500:]
    assert float(ends[-1][0]) < float(ends[0][0]), ends  # the mean loss went down
    assert all(float(m.result()) == 0.0 for m in [ns["mean_loss"]] + ns["metrics"])
    assert ns["optimizer"].iterations.numpy() == n_epochs * n_steps
    assert len(ns["model"].losses) == 2


def constraints_loop_runs(ns, state):  # A12.7: the block again, on a constrained kernel
    layer = tf.keras.layers.Dense(2, kernel_constraint=ns["my_positive_weights"])
    layer(tf.ones((1, 3)))
    layer.kernel.assign(-tf.ones((3, 2)))
    for variable in layer.variables:
        if variable.constraint is not None:
            variable.assign(variable.constraint(variable))
    np.testing.assert_array_equal(layer.kernel, np.zeros((3, 2)))


# ---- tf.function and its rules (A13) ------------------------------------------------------

def tracing_rules(ns, state):  # A13.1-A13.3, A13.7
    tf_cube = ns["tf_cube"]
    count = tf_cube.experimental_get_tracing_count
    tf_cube(tf.constant(10))
    tf_cube(tf.constant(20))
    assert count() == 1
    tf_cube(tf.constant([10, 20]))
    assert count() == 2
    tf_cube(10)
    tf_cube(20)
    assert count() == 4  # one graph per Python value
    jit = tf.function(ns["cube"], jit_compile=True)
    assert float(jit(tf.constant(2.0))) == 8.0


def function_rules(ns, state):  # A13.15, A13.16, A13.18 (the chapter's "TF function rules")
    @tf.function
    def numpy_at_trace(x):
        return np.random.rand()

    a, b = numpy_at_trace(tf.constant(2.0)), numpy_at_trace(tf.constant(3.0))
    assert float(a) == float(b) != float(numpy_at_trace(tf.constant([2.0, 3.0])))
    uniform = tf.function(lambda x: tf.random.uniform([]))
    assert float(uniform(tf.constant(1.0))) != float(uniform(tf.constant(1.0)))
    calls = []

    @tf.function
    def counted(x):
        calls.append(1)
        return x + 1

    for _ in range(3):
        counted(tf.constant(1.0))
    assert len(calls) == 1

    @tf.function
    def new_variable_each_call(x):
        return tf.Variable(1.0) + x

    try:
        new_variable_each_call(tf.constant(1.0))
        new_variable_each_call(tf.constant(2.0))
        new_variable_each_call(tf.constant([2.0]))
    except ValueError as error:
        assert "tf.function" in str(error) and "Variable" in str(error), error
    else:
        raise AssertionError("creating a variable on every call should raise ValueError")
    keras_converts_to_graphs(ns["X_train_scaled"][:64], ns["y_train"][:64])
    code = tf.autograph.to_code(sum_squares.python_function)  # A13.14, the book's figure 12-4
    assert "def tf__sum_squares" in code, code
    assert int(sum_squares(tf.constant(10))) == 285


@tf.function
def sum_squares(n):
    s = 0
    for i in tf.range(n):
        s += i ** 2
    return s


def keras_converts_to_graphs(x, y):  # A13.8: "Keras automatically converts your function"
    seen = []

    def loss(y_true, y_pred):
        seen.append(tf.executing_eagerly())
        return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)

    class Recorder(tf.keras.layers.Layer):
        def call(self, inputs):
            seen.append(tf.executing_eagerly())
            return inputs

    for run_eagerly, dynamic in ((False, False), (True, False), (False, True)):
        model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(8,)),
                                     Recorder(dynamic=dynamic)])
        assert model.run_eagerly is False and model.jit_compile is False
        model.compile(loss=loss, optimizer="sgd", run_eagerly=run_eagerly)
        seen.clear()
        model.fit(x, y, epochs=1, verbose=0)
        eager = run_eagerly or dynamic  # D6: a dynamic layer runs the model eagerly
        assert seen and all(s == eager for s in seen), (run_eagerly, dynamic, seen)
