"""Keras activations: values against Keras 3.15, get/serialize/deserialize (A6.2, A6.5, B3)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import activations, saving

X = [-3.0, -1.0, 0.0, 1.0, 3.0]
# Measured with Keras 3.15.1 on TF 2.21 (float32).
KERAS_VALUES = {
    "relu": [0.0, 0.0, 0.0, 1.0, 3.0],
    "sigmoid": [0.04742587, 0.26894143, 0.5, 0.7310586, 0.95257413],
    "softplus": [0.04858735, 0.3132617, 0.6931472, 1.3132616, 3.0485873],
    "selu": [-1.6705687, -1.1113307, 0.0, 1.050701, 3.152103],
    "elu": [-0.95021296, -0.63212055, 0.0, 1.0, 3.0],
    "gelu": [-0.0040497, -0.15865526, 0.0, 0.8413447, 2.9959502],
    "silu": [-0.14227763, -0.26894143, 0.0, 0.7310586, 2.8577223],
    "swish": [-0.14227763, -0.26894143, 0.0, 0.7310586, 2.8577223],
    "leaky_relu": [-0.6, -0.2, 0.0, 1.0, 3.0],
    "exponential": [0.04978707, 0.36787945, 1.0, 2.7182817, 20.085537],
    "linear": X,
    "tanh": list(np.tanh(X)),
    "relu6": [0.0, 0.0, 0.0, 1.0, 3.0],
    "hard_sigmoid": [0.0, 0.33333334, 0.5, 0.6666667, 1.0],
    "softsign": [-0.75, -0.5, 0.0, 0.5, 0.75],
    "mish": [-0.14564747, -0.3034015, 0.0, 0.8650984, 2.986535],
}


@pytest.mark.parametrize("name", sorted(KERAS_VALUES))
def test_builtin_activation_values_match_keras(name):
    y = activations.get(name)(tf.constant(X))
    assert y.dtype == tf.float32
    np.testing.assert_allclose(np.asarray(y), KERAS_VALUES[name], rtol=1e-5, atol=1e-6)


def test_softmax_and_log_softmax_use_the_last_axis():
    x = tf.constant([X])
    np.testing.assert_allclose(
        activations.softmax(x).numpy(),
        [[0.00205549, 0.01518815, 0.04128566, 0.11222607, 0.82924473]], rtol=1e-5)
    np.testing.assert_allclose(
        activations.log_softmax(x).numpy(),
        [[-6.18724, -4.18724, -3.1872401, -2.1872401, -0.18724008]], rtol=1e-5)
    np.testing.assert_allclose(activations.softmax(tf.ones((2, 3)), axis=0).numpy(), 0.5)


def test_relu_options_and_keras2_alpha_spelling():
    x = tf.constant(X)
    expected = [-0.35, -0.15, -0.05, 1.0, 2.0]
    got = activations.relu(x, negative_slope=0.1, max_value=2.0, threshold=0.5)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6)
    got = activations.relu(x, alpha=0.1, max_value=2.0, threshold=0.5)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6)
    np.testing.assert_allclose(activations.leaky_relu(x, alpha=0.5).numpy()[:2], [-1.5, -0.5])


def test_relu_keeps_int_dtype_like_keras():
    y = activations.relu(tf.constant([-1, 1, 9]), max_value=6.0)
    assert y.dtype == tf.int32
    assert y.numpy().tolist() == [0, 1, 6]


def test_elu_alpha_and_gelu_approximate():
    np.testing.assert_allclose(activations.elu(tf.constant([-1.0, 1.0]), alpha=0.5).numpy(),
                               [-0.31606027, 1.0], rtol=1e-6)
    np.testing.assert_allclose(activations.gelu(tf.constant(X), approximate=True).numpy(),
                               [-0.00363743, -0.158808, 0.0, 0.841192, 2.9963627], atol=1e-6)


def test_activations_are_differentiable():
    x = tf.Variable([-1.0, 0.5, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(activations.get("selu")(x) + activations.get("softplus")(x))
    g = tape.gradient(y, x)
    assert g is not None and np.all(np.asarray(g) > 0)


def test_get_none_is_linear_and_swish_is_silu():
    assert activations.get(None) is activations.linear
    assert activations.get("swish") is activations.silu
    assert activations.swish is activations.silu
    assert activations.get("relu") is activations.relu
    assert activations.get(tf.nn.softplus) is tf.nn.softplus


def test_get_unknown_name_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="Could not interpret activation function identifier: "
                                         "nope"):
        activations.get("nope")
    with pytest.raises(ValueError, match="activation"):
        activations.get(3)


def test_serialize_builtins_gives_their_names():
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(activations.get("swish")) == "silu"
    assert activations.serialize(tf.nn.softplus) == "softplus"
    assert activations.serialize(tf.exp) == "exponential"  # A8.1: tf.exp ≡ "exponential"


def my_softplus(z):
    return tf.math.log(1.0 + tf.exp(z))


def test_user_function_round_trips_through_custom_objects():
    config = activations.serialize(my_softplus)
    assert config["class_name"] == "function" and config["config"] == "my_softplus"
    assert activations.deserialize(config, custom_objects={"my_softplus": my_softplus}) \
        is my_softplus
    with pytest.raises(TypeError, match="my_softplus"):
        activations.deserialize(config)
    with saving.custom_object_scope({"my_softplus": my_softplus}):
        assert activations.get("my_softplus") is my_softplus


def test_registered_function_loads_by_name():
    @saving.register_keras_serializable(package="ActTest")
    def scaled_tanh(x):
        return 2.0 * tf.tanh(x)

    config = activations.serialize(scaled_tanh)
    assert config["config"] == "ActTest>scaled_tanh"
    assert activations.deserialize(config) is scaled_tanh


def test_every_builtin_name_round_trips():
    for name in activations.__all__:
        if name in ("get", "serialize", "deserialize"):
            continue
        fn = getattr(activations, name)
        assert activations.deserialize(activations.serialize(fn)) is fn
