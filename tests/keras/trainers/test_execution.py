"""How steps run: tf.function by default, eager on request, traces kept few (A13.7, A13.8, D6,
C1, C2)."""

import numpy as np
import pytest

import tensorlet as tf

from ..chapter_models import housing_like, regressor


def _recording_loss(modes):
    def recording_mse(y_true, y_pred):
        modes.append(tf.executing_eagerly())
        return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)

    return recording_mse


def test_a13_8_custom_loss_sees_graph_mode_inside_fit():
    modes = []
    x, y = housing_like(96)
    model = regressor()
    model.compile(loss=_recording_loss(modes), optimizer="sgd")
    model.fit(x, y, epochs=2, verbose=0)
    model.evaluate(x, y, verbose=0)
    assert modes and set(modes) == {False}
    assert len(modes) <= 4  # traced, not called per batch


def test_a13_8_run_eagerly_true_runs_the_loss_eagerly_each_batch():
    modes = []
    x, y = housing_like(96)
    model = regressor()
    model.compile(loss=_recording_loss(modes), optimizer="sgd", run_eagerly=True)
    model.fit(x, y, epochs=2, verbose=0)
    assert modes == [True] * 6


def test_a13_8_setting_run_eagerly_after_compile_switches_mode():
    modes = []
    x, y = housing_like(32)
    model = regressor()
    model.compile(loss=_recording_loss(modes), optimizer="sgd")
    model.run_eagerly = True
    model.fit(x, y, verbose=0)
    assert modes == [True]


@pytest.mark.parametrize("with_input", [True, False])
def test_d6_a_dynamic_layer_makes_fit_eager(with_input):
    modes = []

    class PythonBranch(tf.keras.layers.Layer):
        def call(self, x):
            modes.append(tf.executing_eagerly())
            if float(tf.reduce_max(x)) > 1e9:  # needs a concrete value: eager only
                return x * 0.0
            return x

        def compute_output_shape(self, input_shape):
            return input_shape  # Keras 2: dynamic layers declare their output shape

    layers = [PythonBranch(dynamic=True), tf.keras.layers.Dense(1)]
    model = tf.keras.Sequential(([tf.keras.Input((8,))] if with_input else []) + layers)
    assert model.dynamic
    model.compile(loss="mse", optimizer="sgd")
    x, y = housing_like(64)
    modes.clear()
    history = model.fit(x, y, epochs=2, verbose=0)
    model.evaluate(x, y, verbose=0)
    assert len(history.history["loss"]) == 2
    assert modes and set(modes) == {True}


def test_d6_a_dynamic_subclassed_model_trains_eagerly():
    modes = []

    class Dynamic(tf.keras.Model):
        def __init__(self):
            super().__init__(dynamic=True)
            self.dense = tf.keras.layers.Dense(1)

        def call(self, x):
            modes.append(tf.executing_eagerly())
            return self.dense(x)

    model = Dynamic()
    model.compile(loss="mse", optimizer="sgd")
    x, y = housing_like(32)
    model.fit(x, y, verbose=0)
    assert modes and set(modes) == {True}


def test_a13_21_run_functions_eagerly_applies_to_fit():
    modes = []
    x, y = housing_like(32)
    model = regressor()
    model.compile(loss=_recording_loss(modes), optimizer="sgd")
    model.fit(x, y, verbose=0)  # traced first: the switch must still win afterwards
    modes.clear()
    tf.config.run_functions_eagerly(True)
    try:
        model.fit(x, y, verbose=0)
    finally:
        tf.config.run_functions_eagerly(False)
    assert modes == [True]


def test_a13_7_jit_compile_gives_identical_results():
    x, y = housing_like(96)
    results = []
    for jit in (False, True):
        tf.keras.utils.set_random_seed(11)
        model = regressor()
        model.compile(loss="mse", optimizer="adam", jit_compile=jit)
        model.fit(x, y, epochs=2, verbose=0)
        results.append(model.get_weights())
    for a, b in zip(*results):
        np.testing.assert_array_equal(a, b)


def test_a13_8_traced_and_eager_fit_agree():
    x, y = housing_like(96)
    results = []
    for eager in (False, True):
        tf.keras.utils.set_random_seed(5)
        model = regressor()
        model.compile(loss="mse", optimizer="sgd", run_eagerly=eager)
        results.append(model.fit(x, y, epochs=2, shuffle=False, verbose=0).history["loss"])
    np.testing.assert_allclose(results[0], results[1], rtol=1e-5)


def test_c1_one_trace_per_input_signature_across_epochs_and_fits():
    x, y = housing_like(100)  # 3 full batches of 32 and a last batch of 4
    model = regressor()
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x, y, epochs=2, verbose=0)
    traced = model._train_function_without_logs.tracing_count()
    model.fit(x, y, epochs=3, verbose=0)
    model.fit(x[:68], y[:68], epochs=2, verbose=0)  # 68 = 2 * 32 + 4: the same two shapes
    assert model._train_function_without_logs.tracing_count() == traced
    assert traced <= 3  # full batch (traced again once after creating variables) + last batch


def test_c1_evaluate_and_predict_are_traced_once_per_shape():
    x, y = housing_like(64)
    model = regressor()
    model.compile(loss="mse", optimizer="sgd")
    for _ in range(5):
        model.evaluate(x, y, verbose=0)
        model.predict(x, verbose=0)
    assert model._test_function_without_logs.tracing_count() == 1
    assert model.predict_function.tracing_count() == 1


def test_b4_steps_per_execution_groups_batch_hooks():
    seen = []

    class Spy(tf.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(batch)

    x, y = housing_like(10)
    model = regressor()
    model.compile(loss="mse", optimizer="sgd", steps_per_execution=2)
    model.fit(x, y, batch_size=2, callbacks=[Spy()], verbose=0)
    assert seen == [1, 3, 4]
    assert model.optimizer.iterations.numpy() == 5


def test_b4_compile_again_resets_the_step_functions():
    x, y = housing_like(32)
    model = regressor()
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x, y, verbose=0)
    first = model._train_function_without_logs
    model.compile(loss="mae", optimizer="sgd")
    model.fit(x, y, verbose=0)
    assert model._train_function_without_logs is not first


@pytest.mark.parametrize("run_eagerly", [False, True])
def test_a6_1_constraint_applied_after_every_step(run_eagerly):
    steps = []

    class Record(tf.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            steps.append(float(tf.reduce_min(self.model.layers[0].kernel)))

    model = tf.keras.Sequential([
        tf.keras.Input((8,)),
        tf.keras.layers.Dense(4, kernel_constraint=tf.keras.constraints.NonNeg()),
        tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.5), run_eagerly=run_eagerly)
    x, y = housing_like(64)
    model.fit(x, y, batch_size=16, callbacks=[Record()], verbose=0)
    assert len(steps) == 4 and min(steps) >= 0.0
