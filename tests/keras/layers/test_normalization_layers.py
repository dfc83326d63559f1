"""BatchNormalization and LayerNormalization (B2, B8, A14.1), values from Keras 3.15."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import layers
from tensorlet.testing.layer_check import run_layer_test

X = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 1.0]], dtype=np.float32)


@pytest.mark.parametrize("kwargs,input_shape", [
    ({}, (4, 3)), ({"axis": 1}, (4, 3, 2)), ({"center": False, "scale": False}, (4, 3)),
    ({"gamma_regularizer": "l2", "beta_constraint": "non_neg"}, (4, 3)),
])
def test_batch_normalization_passes_the_layer_test(kwargs, input_shape):
    n_trainable = 0 if kwargs.get("scale") is False else 2
    run_layer_test(layers.BatchNormalization, kwargs, input_shape=input_shape,
                   expected_output_shape=input_shape,
                   expected_num_trainable_weights=n_trainable,
                   expected_num_non_trainable_weights=2)


def test_batch_normalization_training_step_matches_keras():
    bn = layers.BatchNormalization()
    y = bn(X, training=True)
    np.testing.assert_allclose(y.numpy(), [[-1.2245152, -0.46286047], [0.0, 1.3885814],
                                           [1.2245154, -0.92572093]], rtol=1e-5, atol=1e-6)
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [w.name for w in bn.non_trainable_weights] == ["moving_mean", "moving_variance"]
    np.testing.assert_allclose(bn.moving_mean.numpy(), [0.03, 0.03], rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.numpy(), [1.0166667, 1.0366666], rtol=1e-6)
    np.testing.assert_allclose(bn(X).numpy(), [[0.9615435, 1.9339147], [2.9441075, 5.860645],
                                               [4.9266715, 0.95223206]], rtol=1e-5)


def test_frozen_batch_normalization_runs_in_inference_mode():
    bn = layers.BatchNormalization()
    bn.build((None, 2))
    bn.trainable = False
    y = bn(X, training=True)
    np.testing.assert_allclose(y.numpy()[0], [0.9995004, 1.9990008], rtol=1e-6)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), [0.0, 0.0])
    assert bn.trainable_weights == [] and len(bn.non_trainable_weights) == 4


def test_training_flag_reaches_batch_normalization_in_a_model():
    bn = layers.BatchNormalization(momentum=0.5)
    model = tf.keras.Sequential([layers.Dense(2, kernel_initializer="ones"), bn])
    model(X)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), [0.0, 0.0])
    model(X, training=True)
    np.testing.assert_allclose(bn.moving_mean.numpy(), [3.0, 3.0], rtol=1e-6)


def test_batch_normalization_moving_stats_update_inside_tf_function():
    bn = layers.BatchNormalization()
    step = tf.function(lambda x: bn(x, training=True))
    step(tf.constant(X))
    step(tf.constant(X))
    np.testing.assert_allclose(bn.moving_mean.numpy(), [3 * (1 - 0.99**2)] * 2, rtol=1e-5)


def test_batch_normalization_defaults_and_keras2_arguments():
    config = layers.BatchNormalization().get_config()
    assert (config["axis"], config["momentum"], config["epsilon"]) == (-1, 0.99, 0.001)
    assert config["center"] and config["scale"]
    assert config["moving_variance_initializer"]["class_name"] == "Ones"
    assert layers.BatchNormalization(fused=True).momentum == 0.99
    with pytest.raises(NotImplementedError, match="renorm"):
        layers.BatchNormalization(renorm=True)
    with pytest.raises(ValueError, match="out of range"):
        layers.BatchNormalization(axis=3).build((None, 2))


@pytest.mark.parametrize("kwargs,input_shape,n_weights", [
    ({}, (4, 3), 2), ({"axis": [1, 2]}, (2, 3, 4), 2), ({"axis": 1}, (2, 3, 4), 2),
    ({"center": False}, (4, 3), 1),
])
def test_layer_normalization_passes_the_layer_test(kwargs, input_shape, n_weights):
    run_layer_test(layers.LayerNormalization, kwargs, input_shape=input_shape,
                   expected_output_shape=input_shape, expected_num_trainable_weights=n_weights,
                   expected_num_non_trainable_weights=0)


def test_layer_normalization_matches_keras():
    ln = layers.LayerNormalization()
    np.testing.assert_allclose(ln(X).numpy(), [[-0.998006, 0.9980061], [-0.9997779, 0.9997778],
                                               [0.99987507, -0.99987507]], rtol=1e-5)
    assert [w.name for w in ln.weights] == ["gamma", "beta"]
    ln = layers.LayerNormalization(axis=[1, 2])
    ln(np.ones((2, 3, 4), np.float32))
    assert [tuple(w.shape) for w in ln.weights] == [(3, 4), (3, 4)]
    config = layers.LayerNormalization().get_config()
    assert (config["axis"], config["epsilon"], config["rms_scaling"]) == (-1, 0.001, False)


def test_layer_normalization_axis_1_normalizes_over_that_axis_only():
    x = np.random.default_rng(0).standard_normal((2, 3, 4)).astype(np.float32)
    y = layers.LayerNormalization(axis=1, epsilon=0.0)(x).numpy()
    np.testing.assert_allclose(y.mean(axis=1), 0.0, atol=1e-5)
    np.testing.assert_allclose(y.var(axis=1), 1.0, atol=1e-4)


class LayerNormalization(tf.keras.layers.Layer):  # the chapter's exercise 12 (A14.1)
    def __init__(self, eps=0.001, **kwargs):
        super().__init__(**kwargs)
        self.eps = eps

    def build(self, batch_input_shape):
        self.alpha = self.add_weight(
            name="alpha", shape=batch_input_shape[-1:], initializer="ones")
        self.beta = self.add_weight(
            name="beta", shape=batch_input_shape[-1:], initializer="zeros")
        super().build(batch_input_shape)

    def call(self, X):
        mean, variance = tf.nn.moments(X, axes=-1, keepdims=True)
        return self.alpha * (X - mean) / (tf.sqrt(variance) + self.eps) + self.beta

    def get_config(self):
        base_config = super().get_config()
        return {**base_config, "eps": self.eps}


class SqrtVarLayerNormalization(LayerNormalization):
    def call(self, X):
        mean, variance = tf.nn.moments(X, axes=-1, keepdims=True)
        return self.alpha * (X - mean) / tf.sqrt(variance + self.eps) + self.beta


# Measured on TF 2.21 / Keras 3.15 with the same data: 3.78e-4 (standardized), 3.70e-3
# (uniform), ~5e-8 with sqrt(var + eps).
@pytest.mark.parametrize("kind,low,high", [("normal", 2e-4, 6e-4), ("uniform", 2e-3, 6e-3)])
def test_exercise_12_custom_layer_normalization_a14_1(kind, low, high):
    rng = np.random.default_rng(42)
    normal = rng.standard_normal((1000, 8)).astype(np.float32)
    uniform = rng.random((1000, 8)).astype(np.float32)
    X = normal if kind == "normal" else uniform
    custom = LayerNormalization()
    builtin = tf.keras.layers.LayerNormalization()
    y_custom, y_builtin = custom(X), builtin(X)
    assert [w.name for w in custom.weights] == ["alpha", "beta"]
    assert custom.weights[0].dtype == tf.float32 and custom.weights[0].shape == (8,)
    mae = float(tf.reduce_mean(tf.abs(y_builtin - y_custom)))
    assert low < mae < high
    exact = float(tf.reduce_mean(tf.abs(y_builtin - SqrtVarLayerNormalization()(X))))
    assert exact < 1e-6
