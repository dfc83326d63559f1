"""Saving real Keras models: A5.1, A5.3–A5.7, A5.9, A6.3, A6.6, A8.2, A9.5, C8."""

import json
import os

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras.saving import file_format

from ..chapter_models import (
    HuberLoss,
    MyDense,
    ResidualBlock,
    ResidualRegressor,
    create_huber,
    huber_fn,
)

RNG = np.random.default_rng(42)
X = RNG.normal(size=(6, 8)).astype(np.float32)


def _regressor():
    return tf.keras.Sequential([
        tf.keras.layers.Dense(30, activation="relu", kernel_initializer="he_normal"),
        tf.keras.layers.Dense(1),
    ])


def _predict(model, x=X):
    return np.asarray(model(x).numpy())


@pytest.mark.parametrize("name", ["my_model_with_a_custom_loss", "m.keras", "m.h5"])
def test_a5_1_a5_6_predict_is_bit_identical_after_save_and_load(tmp_path, name):
    model = _regressor()
    expected = _predict(model)
    model.save(tmp_path / name)
    assert (tmp_path / name).is_dir() == (name == "my_model_with_a_custom_loss")
    loaded = tf.keras.models.load_model(tmp_path / name)
    assert isinstance(loaded, tf.keras.Sequential)
    assert _predict(loaded).tobytes() == expected.tobytes()
    assert [w.name for w in loaded.weights] == [w.name for w in model.weights]


def test_a5_1_loss_is_restored_by_name(tmp_path):
    model = _regressor()
    model.compile(loss=huber_fn, optimizer="nadam")
    expected = _predict(model)  # builds the model, so its weights are saved
    model.save(tmp_path / "my_model_with_a_custom_loss")
    loaded = tf.keras.models.load_model(
        tmp_path / "my_model_with_a_custom_loss", custom_objects={"huber_fn": huber_fn}
    )
    assert loaded.loss is huber_fn
    np.testing.assert_array_equal(_predict(loaded), expected)


def test_a5_2_missing_custom_loss_names_it(tmp_path):
    model = _regressor()
    model.compile(loss=huber_fn, optimizer="sgd")
    model.save(tmp_path / "m")
    with pytest.raises(TypeError, match="Could not locate function 'huber_fn'"):
        tf.keras.models.load_model(tmp_path / "m")


def test_a5_3_closure_loss_saves_only_its_name(tmp_path):
    model = _regressor()
    model.compile(loss=create_huber(2.0), optimizer="sgd")
    model.save(tmp_path / "my_model_with_a_custom_loss_threshold_2")
    text = file_format.ModelFile(tmp_path / "my_model_with_a_custom_loss_threshold_2").read(
        "config")
    assert '"huber_fn"' in text.decode()
    replacement = create_huber(2.0)
    loaded = tf.keras.models.load_model(
        tmp_path / "my_model_with_a_custom_loss_threshold_2",
        custom_objects={"huber_fn": replacement},
    )
    assert loaded.loss is replacement


def test_a5_4_registered_layer_loads_without_custom_objects(tmp_path):
    @tf.keras.utils.register_keras_serializable(package="E2E")
    class Scale(tf.keras.layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, inputs):
            return inputs * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    model = tf.keras.Sequential([tf.keras.layers.Dense(3), Scale(3.0)])
    expected = _predict(model)
    model.save(tmp_path / "m.keras")
    loaded = tf.keras.models.load_model(tmp_path / "m.keras")
    assert type(loaded.layers[-1]) is Scale and loaded.layers[-1].factor == 3.0
    np.testing.assert_array_equal(_predict(loaded), expected)


def test_a5_5_loss_subclass_config_goes_through_from_config():
    config = tf.keras.saving.serialize_keras_object(HuberLoss(2.0))
    restored = tf.keras.saving.deserialize_keras_object(
        json.loads(json.dumps(config)), custom_objects={"HuberLoss": HuberLoss}
    )
    assert type(restored) is HuberLoss and restored.threshold == 2.0


def test_a5_5_loaded_model_loss_keeps_its_threshold(tmp_path):
    model = _regressor()
    model.compile(loss=HuberLoss(2.0), optimizer="nadam")
    model.save(tmp_path / "my_model_with_a_custom_loss_class")
    loaded = tf.keras.models.load_model(
        tmp_path / "my_model_with_a_custom_loss_class", custom_objects={"HuberLoss": HuberLoss}
    )
    assert loaded.loss.threshold == 2.0


@pytest.mark.parametrize("name", ["my_weights", "w.ckpt", "model.weights.h5"])
def test_a5_6_d8_weights_with_any_name_give_identical_predictions(tmp_path, name):
    model = _regressor()
    expected = _predict(model)
    model.save_weights(tmp_path / name)
    other = _regressor()
    other(X)
    assert not np.array_equal(_predict(other), expected)
    other.load_weights(tmp_path / name)
    np.testing.assert_array_equal(_predict(other), expected)


class ConfigurableBlock(ResidualBlock):
    def __init__(self, n_layers, n_neurons, **kwargs):
        super().__init__(n_layers, n_neurons, **kwargs)
        self.n_layers, self.n_neurons = n_layers, n_neurons

    def get_config(self):
        return {**super().get_config(), "n_layers": self.n_layers, "n_neurons": self.n_neurons}


class ConfigurableRegressor(ResidualRegressor):
    def __init__(self, output_dim, **kwargs):
        super().__init__(output_dim, **kwargs)
        self.output_dim = output_dim
        self.block1 = ConfigurableBlock(2, 30)
        self.block2 = ConfigurableBlock(2, 30)

    def get_config(self):
        return {**super().get_config(), "output_dim": self.output_dim}


def test_a5_7_subclassed_model_without_get_config_cannot_be_saved(tmp_path):
    model = ResidualRegressor(1)
    model(X)
    with pytest.raises(NotImplementedError) as info:
        model.save(tmp_path / "m.keras")
    assert "ResidualRegressor" in str(info.value)
    assert "get_config()" in str(info.value)
    assert not (tmp_path / "m.keras").exists()


def _round_trip_configurable(tmp_path, build):
    model = ConfigurableRegressor(1)
    if build:
        model.build((None, 8))
    expected = _predict(model)
    model.save(tmp_path / "m.keras")
    loaded = tf.keras.models.load_model(
        tmp_path / "m.keras",
        custom_objects={"ConfigurableRegressor": ConfigurableRegressor,
                        "ConfigurableBlock": ConfigurableBlock},
    )
    assert type(loaded) is ConfigurableRegressor
    np.testing.assert_array_equal(_predict(loaded), expected)


def test_a5_7_with_get_config_the_round_trip_works_after_build(tmp_path):
    _round_trip_configurable(tmp_path, build=True)


def test_a5_7_with_get_config_the_round_trip_works_after_a_call(tmp_path):
    _round_trip_configurable(tmp_path, build=False)


def test_a9_5_load_weights_into_a_fresh_called_instance(tmp_path):
    model = ResidualRegressor(1)
    expected = _predict(model)
    model.save_weights(tmp_path / "my_weights")
    fresh = ResidualRegressor(1)
    assert not np.array_equal(_predict(fresh), expected)
    fresh.load_weights(tmp_path / "my_weights")
    np.testing.assert_array_equal(_predict(fresh), expected)


def test_a9_5_load_weights_into_a_fresh_unbuilt_instance(tmp_path):
    model = ResidualRegressor(1)
    expected = _predict(model)
    model.save_weights(tmp_path / "my_weights")
    fresh = ResidualRegressor(1)
    fresh.load_weights(tmp_path / "my_weights")
    np.testing.assert_array_equal(_predict(fresh), expected)


def test_a5_9_d9_lambda_layer_needs_safe_mode_false(tmp_path):
    model = tf.keras.Sequential([tf.keras.layers.Dense(2),
                                 tf.keras.layers.Lambda(lambda x: tf.exp(x))])
    expected = _predict(model)
    model.save(tmp_path / "m.keras")
    with pytest.raises(ValueError, match="safe_mode"):
        tf.keras.models.load_model(tmp_path / "m.keras")
    loaded = tf.keras.models.load_model(tmp_path / "m.keras", safe_mode=False)
    np.testing.assert_array_equal(_predict(loaded), expected)


def my_exp(x):
    return tf.exp(x)


def test_a5_9_named_function_in_lambda_loads_via_custom_objects_or_registry(tmp_path):
    model = tf.keras.Sequential([tf.keras.layers.Dense(2), tf.keras.layers.Lambda(my_exp)])
    expected = _predict(model)
    model.save(tmp_path / "m")
    with pytest.raises(TypeError, match="my_exp"):
        tf.keras.models.load_model(tmp_path / "m")
    loaded = tf.keras.models.load_model(tmp_path / "m", custom_objects={"my_exp": my_exp})
    np.testing.assert_array_equal(_predict(loaded), expected)

    @tf.keras.utils.register_keras_serializable(package="E2E")
    def registered_exp(x):
        return tf.exp(x)

    model = tf.keras.Sequential([tf.keras.layers.Dense(2),
                                 tf.keras.layers.Lambda(registered_exp)])
    expected = _predict(model)
    model.save(tmp_path / "r")
    np.testing.assert_array_equal(_predict(tf.keras.models.load_model(tmp_path / "r")), expected)


def my_softplus(z):
    return tf.math.log(1.0 + tf.exp(z))


def my_glorot_initializer(shape, dtype=tf.float32):
    stddev = np.sqrt(2.0 / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def my_l1_regularizer(weights):
    return tf.reduce_sum(tf.abs(0.01 * weights))


def my_positive_weights(weights):
    return tf.where(weights < 0.0, tf.zeros_like(weights), weights)


FOUR = {"my_softplus": my_softplus, "my_glorot_initializer": my_glorot_initializer,
        "my_l1_regularizer": my_l1_regularizer, "my_positive_weights": my_positive_weights}


def test_a6_6_function_valued_args_load_with_all_four_custom_objects(tmp_path):
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(1, activation=my_softplus,
                              kernel_initializer=my_glorot_initializer,
                              kernel_regularizer=my_l1_regularizer,
                              kernel_constraint=my_positive_weights),
    ])
    expected = _predict(model)
    model.save(tmp_path / "my_model_with_many_custom_parts")
    for missing in FOUR:
        partial = {k: v for k, v in FOUR.items() if k != missing}
        # NOTE: TF raises TypeError; an activations.get wrapper may re-raise it as ValueError.
        with pytest.raises((TypeError, ValueError), match=missing):
            tf.keras.models.load_model(tmp_path / "my_model_with_many_custom_parts",
                                       custom_objects=partial)
    loaded = tf.keras.models.load_model(tmp_path / "my_model_with_many_custom_parts",
                                        custom_objects=FOUR)
    layer = loaded.layers[-1]
    assert layer.activation is my_softplus
    assert layer.kernel_regularizer is my_l1_regularizer
    assert layer.kernel_constraint is my_positive_weights
    np.testing.assert_array_equal(_predict(loaded), expected)


class MyL1Regularizer(tf.keras.regularizers.Regularizer):
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, weights):
        return tf.reduce_sum(tf.abs(self.factor * weights))

    def get_config(self):
        return {"factor": self.factor}


def test_a6_3_regularizer_subclass_factor_survives_save_and_load(tmp_path):
    model = tf.keras.Sequential(
        [tf.keras.layers.Dense(1, kernel_regularizer=MyL1Regularizer(0.01))])
    model(X)
    model.save(tmp_path / "m.keras")
    loaded = tf.keras.models.load_model(tmp_path / "m.keras",
                                        custom_objects={"MyL1Regularizer": MyL1Regularizer})
    regularizer = loaded.layers[-1].kernel_regularizer
    assert type(regularizer) is MyL1Regularizer and regularizer.factor == 0.01


def test_a8_2_custom_dense_in_sequential_round_trip(tmp_path):
    model = tf.keras.Sequential([MyDense(30, "relu"), MyDense(1)])
    expected = _predict(model)
    model.save(tmp_path / "my_dense_model")
    loaded = tf.keras.models.load_model(tmp_path / "my_dense_model",
                                        custom_objects={"MyDense": MyDense})
    np.testing.assert_array_equal(_predict(loaded), expected)


def test_functional_model_round_trip(tmp_path):
    inputs = tf.keras.Input(shape=(8,))
    hidden = tf.keras.layers.Dense(4, activation="relu")(inputs)
    concat = tf.keras.layers.Concatenate()([inputs, hidden])
    model = tf.keras.Model(inputs=[inputs], outputs=tf.keras.layers.Dense(1)(concat))
    expected = _predict(model)
    model.save(tmp_path / "wide_and_deep.keras")
    loaded = tf.keras.models.load_model(tmp_path / "wide_and_deep.keras")
    np.testing.assert_array_equal(_predict(loaded), expected)


def test_c8_layer_config_naming_os_system_has_no_side_effect(tmp_path):
    sentinel = tmp_path / "pwned"
    model = _regressor()
    model(X)
    path = tmp_path / "m"
    model.save(path)
    manifest = json.loads((path / "manifest.json").read_text())
    config_path = path / manifest["files"]["config"]["path"]
    config = json.loads(config_path.read_text())
    dense = config["model"]["config"]["layers"][-1]["config"]
    dense["activation"] = {"module": "os", "class_name": "function", "config": "system"}
    dense["kernel_initializer"] = {"module": "os", "class_name": "system",
                                   "config": {"command": f"touch {sentinel}"}}
    data = json.dumps(config).encode()
    config_path.write_bytes(data)
    import hashlib

    manifest["files"]["config"].update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises((TypeError, ValueError)):
        tf.keras.models.load_model(path)
    assert not sentinel.exists()
    assert not os.path.exists("pwned")
