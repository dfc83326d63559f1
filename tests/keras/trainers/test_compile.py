"""`Model.compile`: arguments, defaults and what it exposes (B4, A13.7, A13.8, A4.1–A4.3)."""

import numpy as np
import pytest

import tensorlet as tf

from ..chapter_models import HuberLoss, create_huber, housing_like, huber_fn, regressor


def test_b4_defaults_before_and_after_compile():
    model = regressor()
    assert model.compiled is False
    assert model.optimizer is None and model.loss is None
    assert model.metrics == [] and model.metrics_names == []
    model.compile(loss="mse")
    assert type(model.optimizer).__name__ == "RMSprop"  # compile's default optimizer
    assert model.loss == "mse"
    assert model.metrics_names == ["loss"]


def test_a13_8_run_eagerly_and_jit_compile_default_to_false():
    model = regressor()
    assert model.run_eagerly is False and model.jit_compile is False
    model.compile(loss="mse")
    assert model.run_eagerly is False and model.jit_compile is False  # "auto" -> False
    model.compile(loss="mse", run_eagerly=True, jit_compile=True)
    assert model.run_eagerly is True and model.jit_compile is True
    model.run_eagerly = False
    assert model.run_eagerly is False


@pytest.mark.parametrize("name, cls", [("sgd", "SGD"), ("adam", "Adam"), ("nadam", "Nadam"),
                                       ("rmsprop", "RMSprop")])
def test_b4_optimizer_by_name(name, cls):
    model = regressor()
    model.compile(optimizer=name, loss="mse")
    assert type(model.optimizer).__name__ == cls


def test_b4_optimizer_object_is_kept():
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)
    model = regressor()
    model.compile(optimizer=optimizer, loss="mse")
    assert model.optimizer is optimizer


@pytest.mark.parametrize("loss", [huber_fn, create_huber(2.0), HuberLoss(2.0), "huber",
                                  tf.keras.losses.Huber(2.0), tf.keras.losses.mean_squared_error])
def test_a4_1_to_a4_3_loss_forms_are_kept_and_train(loss):
    x, y = housing_like(64)
    model = regressor()
    model.compile(loss=loss, optimizer="sgd")
    assert model.loss is loss
    history = model.fit(x, y, epochs=3, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < losses[0]


def test_b4_metrics_names_follow_keras_3():
    x, y = housing_like(32)
    model = regressor()
    model.compile(loss="mse", metrics=["mae", create_huber(2.0)])
    assert model.metrics_names == ["loss", "compile_metrics"]
    model.fit(x, y, verbose=0)
    inner = [m.name for m in model.metrics[1].metrics]
    assert inner == ["mae", "huber_fn"]


@pytest.mark.parametrize("units, labels, loss, expected", [
    (1, np.array([[0], [1]] * 4), "binary_crossentropy", "BinaryAccuracy"),
    (3, np.array([0, 1, 2, 1] * 2), "sparse_categorical_crossentropy",
     "SparseCategoricalAccuracy"),
    (3, np.array([[0], [1], [2], [1]] * 2), "sparse_categorical_crossentropy",
     "SparseCategoricalAccuracy"),
    (3, np.eye(3)[[0, 1, 2, 1] * 2], "categorical_crossentropy", "CategoricalAccuracy"),
    (3, np.eye(3)[[0, 1, 2, 1] * 2], "mse", "CategoricalAccuracy"),
])
def test_b3_accuracy_resolves_like_keras(units, labels, loss, expected):
    x = np.random.default_rng(0).normal(size=(8, 4)).astype(np.float32)
    model = tf.keras.Sequential([tf.keras.Input((4,)),
                                 tf.keras.layers.Dense(units, activation="softmax")])
    model.compile(loss=loss, metrics=["accuracy", "acc"])
    history = model.fit(x, labels, verbose=0)
    metrics = model.metrics[1].metrics
    assert [type(m).__name__ for m in metrics] == [expected, expected]
    assert sorted(history.history) == ["acc", "accuracy", "loss"]


def test_b4_compile_rejects_unknown_arguments():
    with pytest.raises(TypeError, match="Invalid keyword argument"):
        regressor().compile(loss="mse", bogus=1)


def test_b4_keras2_compile_arguments_are_accepted():
    model = regressor()
    model.compile(loss="mse", experimental_steps_per_execution=4, sample_weight_mode=None)
    assert model.steps_per_execution == 4


@pytest.mark.parametrize("method, args", [("fit", (np.ones((2, 8)), np.ones((2, 1)))),
                                          ("evaluate", (np.ones((2, 8)), np.ones((2, 1)))),
                                          ("train_on_batch", (np.ones((2, 8)), np.ones((2, 1))))])
def test_b4_training_needs_compile(method, args):
    with pytest.raises(ValueError, match="You must call `compile\\(\\)`"):
        getattr(regressor(), method)(*args)


def test_b4_predict_needs_no_compile():
    assert regressor().predict(np.ones((3, 8)), verbose=0).shape == (3, 1)


def test_b4_no_loss_at_all_is_an_error():
    model = regressor()
    model.compile(optimizer="sgd")
    with pytest.raises(ValueError, match="No loss to compute"):
        model.fit(np.ones((2, 8)), np.ones((2, 1)), verbose=0)


def test_a5_compile_config_round_trip():
    model = regressor()
    model.compile(loss="mse", optimizer=tf.keras.optimizers.Adam(0.01), metrics=["mae"],
                  loss_weights=None, steps_per_execution=2)
    config = model.get_compile_config()
    assert config["loss"] == "mse" and config["metrics"] == ["mae"]
    assert config["steps_per_execution"] == 2 and config["jit_compile"] is False
    from tensorlet.keras.saving import serialization

    saved = serialization.serialize_keras_object(config)
    other = regressor()
    other.compile_from_config(saved)
    assert type(other.optimizer).__name__ == "Adam"
    assert float(other.optimizer.learning_rate.numpy()) == pytest.approx(0.01)
    assert other.loss == "mse" and other.steps_per_execution == 2


def test_a5_uncompiled_model_has_no_compile_config():
    assert regressor().get_compile_config() is None


def test_a7_2_streaming_metric_object_accumulates_over_the_epoch():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(64, 4)).astype(np.float32)
    y = (rng.random((64, 1)) > 0.5).astype(np.float32)
    model = tf.keras.Sequential([tf.keras.Input((4,)),
                                 tf.keras.layers.Dense(1, activation="sigmoid")])
    precision = tf.keras.metrics.Precision(name="precision")
    model.compile(loss="binary_crossentropy", optimizer=tf.keras.optimizers.SGD(0.0),
                  metrics=[precision])
    logs = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    assert precision in model.metrics[1].metrics
    expected = tf.keras.metrics.Precision()
    expected.update_state(y, model.predict(x, verbose=0))
    assert logs["precision"] == pytest.approx(float(expected.result()))  # not a batch mean
