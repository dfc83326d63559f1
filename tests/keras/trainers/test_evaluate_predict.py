"""`evaluate`, `predict` and the `*_on_batch` methods (B4, A9.2)."""

import numpy as np
import pytest

import tensorlet as tf

from ..chapter_models import housing_like, regressor


def _constant_model(outputs=1):
    """Predicts 0 for every input; its weights never move (SGD(0))."""
    model = tf.keras.Sequential([tf.keras.Input((2,)),
                                 tf.keras.layers.Dense(outputs, kernel_initializer="zeros")])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0), metrics=["mae"])
    return model


def test_b4_evaluate_returns_list_in_metrics_order_or_dict():
    model = _constant_model()
    x, y = np.ones((6, 2)), np.full((6, 1), 2.0)
    assert model.evaluate(x, y, verbose=0) == [4.0, 2.0]
    assert model.evaluate(x, y, verbose=0, return_dict=True) == {"loss": 4.0, "mae": 2.0}


def test_b4_evaluate_returns_a_float_when_there_is_only_the_loss():
    model = tf.keras.Sequential([tf.keras.Input((2,)),
                                 tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(loss="mse")
    score = model.evaluate(np.ones((5, 2)), np.full((5, 1), 3.0), verbose=0)
    assert isinstance(score, float) and score == 9.0


def test_b4_evaluate_sample_weight_and_partial_batches():
    model = _constant_model()
    x = np.ones((10, 2))
    y = np.arange(10, dtype=np.float32).reshape(10, 1)
    logs = model.evaluate(x, y, batch_size=4, sample_weight=np.arange(10.0), verbose=0,
                          return_dict=True)
    assert logs["loss"] == pytest.approx(202.5)
    assert logs["mae"] == pytest.approx(np.mean(np.arange(10.0)))  # not weighted


def test_b4_evaluate_steps_limits_the_batches():
    model = _constant_model()
    y = np.concatenate([np.zeros((4, 1)), np.full((4, 1), 10.0)])
    assert model.evaluate(np.ones((8, 2)), y, batch_size=4, steps=1, verbose=0)[0] == 0.0


def test_b4_weighted_metrics_use_sample_weights():
    model = tf.keras.Sequential([tf.keras.Input((2,)),
                                 tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(loss="mse", metrics=["mae"], weighted_metrics=["mae"])
    logs = model.evaluate(np.ones((2, 2)), np.array([[1.0], [3.0]]),
                          sample_weight=np.array([1.0, 0.0]), verbose=0, return_dict=True)
    assert logs == {"loss": 0.5, "mae": 2.0, "weighted_mae": 1.0}


def test_a9_2_predict_returns_numpy_arrays_of_all_samples():
    x, _ = housing_like(70)
    model = regressor()
    out = model.predict(x, batch_size=32, verbose=0)
    assert isinstance(out, np.ndarray) and out.shape == (70, 1)
    np.testing.assert_allclose(out, model(x).numpy(), rtol=1e-6, atol=1e-6)


def test_b4_predict_multi_output_list_and_dict():
    inputs = tf.keras.Input((3,))
    a = tf.keras.layers.Dense(1, name="a")(inputs)
    b = tf.keras.layers.Dense(2, name="b")(inputs)
    as_list = tf.keras.Model(inputs, [a, b]).predict(np.ones((5, 3)), batch_size=2, verbose=0)
    assert isinstance(as_list, list) and [o.shape for o in as_list] == [(5, 1), (5, 2)]
    as_dict = tf.keras.Model(inputs, {"a": a, "b": b}).predict(np.ones((5, 3)), verbose=0)
    assert sorted(as_dict) == ["a", "b"] and as_dict["b"].shape == (5, 2)


def test_a8_6_predict_and_evaluate_run_with_training_false():
    calls = []

    class Flag(tf.keras.layers.Layer):
        def call(self, x, training=None):
            calls.append(training)
            return x

    model = tf.keras.Sequential([tf.keras.Input((1,)), Flag(), tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    calls.clear()  # building the model called the layer symbolically
    model.fit(np.ones((2, 1)), np.ones((2, 1)), verbose=0)
    assert set(calls) == {True}
    calls.clear()
    model.evaluate(np.ones((2, 1)), np.ones((2, 1)), verbose=0)
    model.predict(np.ones((2, 1)), verbose=0)
    assert set(calls) == {False}


def test_b4_train_test_predict_on_batch():
    model = _constant_model()
    x, y = np.ones((4, 2)), np.full((4, 1), 2.0)
    assert model.test_on_batch(x, y) == [4.0, 2.0]
    assert model.test_on_batch(x, y, return_dict=True) == {"loss": 4.0, "mae": 2.0}
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.1), metrics=["mae"])
    first = model.train_on_batch(x, y)
    second = model.train_on_batch(x, y, return_dict=True)
    assert first[0] == 4.0 and second["loss"] < 4.0  # metrics are reset between batches
    out = model.predict_on_batch(x)
    assert isinstance(out, np.ndarray) and out.shape == (4, 1)


def test_b4_train_on_batch_with_class_weight():
    model = _constant_model()
    loss = model.train_on_batch(np.ones((2, 2)), np.array([0, 1]), class_weight={0: 0.0, 1: 2.0})
    assert loss[0] == pytest.approx(1.0)  # (0*0 + 2*1) / 2


def test_c2_predict_many_sizes_keeps_a_bounded_number_of_traces():
    model = _constant_model()
    for n in range(1, 45):
        model.predict(np.ones((n, 2)), batch_size=64, verbose=0)
    function = model.predict_function.functions[1]
    assert len(function._cache) <= function.experimental_cache_limit


def test_b4_keras2_pipeline_hints_are_accepted_and_unknown_arguments_rejected():
    model = _constant_model()
    x, y = np.ones((4, 2)), np.ones((4, 1))
    model.fit(x, y, workers=4, use_multiprocessing=True, max_queue_size=10, verbose=0)
    model.evaluate(x, y, workers=2, verbose=0)
    model.predict(x, max_queue_size=2, verbose=0)
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        model.fit(x, y, epoch=3, verbose=0)
