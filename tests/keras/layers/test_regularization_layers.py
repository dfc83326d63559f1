"""Dropout, AlphaDropout, GaussianNoise (B2, A8.6): the training flag, rates, seeds."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import layers
from tensorlet.testing.layer_check import run_layer_test


@pytest.mark.parametrize("cls,kwargs", [
    (layers.Dropout, {"rate": 0.5}), (layers.Dropout, {"rate": 0.3, "noise_shape": (None, 1),
                                                        "seed": 3}),
    (layers.AlphaDropout, {"rate": 0.2}), (layers.GaussianNoise, {"stddev": 0.5}),
    (layers.GaussianDropout, {"rate": 0.2}),
])
def test_noise_layers_pass_the_layer_test(cls, kwargs):
    run_layer_test(cls, kwargs, input_shape=(4, 3), expected_output_shape=(4, 3),
                   expected_num_trainable_weights=0, expected_num_non_trainable_weights=0)


def test_dropout_is_identity_at_inference_and_drops_in_training():
    x = tf.ones((200, 50))
    layer = layers.Dropout(0.4, seed=1)
    np.testing.assert_array_equal(layer(x).numpy(), x.numpy())
    np.testing.assert_array_equal(layer(x, training=False).numpy(), x.numpy())
    y = layer(x, training=True).numpy()
    np.testing.assert_allclose(np.unique(y), [0.0, 1 / 0.6], rtol=1e-6)
    assert abs((y == 0).mean() - 0.4) < 0.02


def test_dropout_rate_edges_and_validation():
    x = tf.ones((2, 2))
    np.testing.assert_array_equal(layers.Dropout(1.0)(x, training=True).numpy(), 0.0)
    np.testing.assert_array_equal(layers.Dropout(0.0)(x, training=True).numpy(), 1.0)
    for rate in (-0.1, 1.5):
        with pytest.raises(ValueError, match="Expected a float value between 0 and 1"):
            layers.Dropout(rate)


def test_dropout_noise_shape_drops_whole_columns():
    y = layers.Dropout(0.5, noise_shape=(1, None), seed=2)(tf.ones((6, 40)), training=True)
    y = y.numpy()
    assert (y == y[0]).all()  # one mask shared by every row
    assert 0 < (y[0] == 0).sum() < 40


def test_dropout_seed_with_global_seed_is_reproducible():
    x = tf.ones((4, 8))
    tf.random.set_seed(3)
    a = layers.Dropout(0.5, seed=9)(x, training=True)
    tf.random.set_seed(3)
    b = layers.Dropout(0.5, seed=9)(x, training=True)
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_mc_dropout_training_flag_reaches_nested_layers():
    model = tf.keras.Sequential([layers.Dense(20, kernel_initializer="ones"),
                                 layers.Dropout(0.5)])
    x = np.ones((1, 3), np.float32)
    a, b = model(x).numpy(), model(x).numpy()
    np.testing.assert_array_equal(a, b)
    samples = np.stack([model(x, training=True).numpy() for _ in range(5)])
    assert (samples == 0).any() and not (samples == samples[0]).all()


class MyGaussianNoise(tf.keras.layers.Layer):  # the chapter's layer (A8.6)
    def __init__(self, stddev, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev

    def call(self, X, training=False):
        if training:
            noise = tf.random.normal(tf.shape(X), stddev=self.stddev)
            return X + noise
        else:
            return X


@pytest.mark.parametrize("cls", [MyGaussianNoise, layers.GaussianNoise])
def test_gaussian_noise_matches_the_chapters_layer_a8_6(cls):
    x = tf.zeros((400, 50))
    layer = cls(0.1)
    np.testing.assert_array_equal(layer(x, training=False).numpy(), 0.0)
    np.testing.assert_array_equal(layer(x).numpy(), 0.0)
    y = layer(x, training=True).numpy()
    assert abs(y.std() - 0.1) < 0.005 and abs(y.mean()) < 0.005


def test_gaussian_noise_accepts_keras2_large_stddev_but_not_negative():
    assert layers.GaussianNoise(2.0).stddev == 2.0
    with pytest.raises(ValueError, match="stddev"):
        layers.GaussianNoise(-1.0)


def test_alpha_dropout_keeps_selu_mean_and_variance():
    tf.random.set_seed(0)
    x = tf.random.normal((2000, 100))
    y = layers.AlphaDropout(0.2, seed=4)(x, training=True).numpy()
    assert abs(y.mean()) < 0.02 and abs(y.var() - 1) < 0.03
    dropped = np.round(y[x.numpy() != 0], 4)
    assert (np.abs(y - x.numpy()) > 1e-6).any()
    assert dropped.size
    np.testing.assert_array_equal(layers.AlphaDropout(0.2)(x).numpy(), x.numpy())


def test_alpha_dropout_value_of_dropped_units_matches_keras():
    # Keras 3.15: AlphaDropout(0.5) on ones gives 1.6655989 (kept) or -0.7791938 (dropped).
    y = layers.AlphaDropout(0.5, seed=1)(tf.ones((8, 8)), training=True).numpy()
    np.testing.assert_allclose(np.unique(y), [-0.7791938, 1.6655989], rtol=1e-6)


def test_noise_layer_configs_match_keras3():
    assert layers.Dropout(0.5).get_config()["noise_shape"] is None
    config = layers.Dropout(0.5, seed=3).get_config()
    assert (config["rate"], config["seed"]) == (0.5, 3)
    assert layers.GaussianNoise(0.1).get_config()["stddev"] == 0.1
