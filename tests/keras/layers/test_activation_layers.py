"""ReLU, LeakyReLU, PReLU, Softmax, ELU layers (B2), defaults from Keras 3.15."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import initializers, layers
from tensorlet.testing.layer_check import run_layer_test


@pytest.mark.parametrize("cls,kwargs,n_weights", [
    (layers.ReLU, {}, 0), (layers.ReLU, {"max_value": 6.0, "negative_slope": 0.1}, 0),
    (layers.LeakyReLU, {}, 0), (layers.LeakyReLU, {"alpha": 0.1}, 0),
    (layers.PReLU, {}, 1), (layers.PReLU, {"shared_axes": [1]}, 1),
    (layers.Softmax, {}, 0), (layers.ELU, {"alpha": 0.5}, 0),
])
def test_activation_layers_pass_the_layer_test(cls, kwargs, n_weights):
    run_layer_test(cls, kwargs, input_shape=(2, 3, 4), expected_output_shape=(2, 3, 4),
                   expected_num_trainable_weights=n_weights)


def test_relu_layer_values_and_validation():
    x = tf.constant([-3.0, -1.0, 0.0, 1.0, 3.0])
    y = layers.ReLU(max_value=2.0, negative_slope=0.1, threshold=0.5)(x)
    np.testing.assert_allclose(y.numpy(), [-0.35, -0.15, -0.05, 1.0, 2.0], rtol=1e-6)
    with pytest.raises(ValueError, match="max_value of a ReLU layer cannot be a negative"):
        layers.ReLU(max_value=-1)
    with pytest.raises(ValueError, match="negative_slope"):
        layers.ReLU(negative_slope=-0.1)
    assert layers.ReLU().get_config()["negative_slope"] == 0.0
    assert layers.ReLU().name.startswith("re_lu")


def test_leaky_relu_accepts_both_spellings():
    x = tf.constant([-2.0, 2.0])
    assert layers.LeakyReLU().negative_slope == 0.3  # Keras 3 default
    np.testing.assert_allclose(layers.LeakyReLU(alpha=0.5)(x).numpy(), [-1.0, 2.0])
    np.testing.assert_allclose(layers.LeakyReLU(negative_slope=0.5)(x).numpy(), [-1.0, 2.0])
    layer = layers.LeakyReLU(alpha=0.2)
    assert layer.alpha == 0.2 and layer.get_config()["negative_slope"] == 0.2
    assert "alpha" not in layer.get_config()


def test_prelu_weights_and_learning():
    layer = layers.PReLU()
    layer.build((None, 3, 4))
    assert [tuple(w.shape) for w in layer.weights] == [(3, 4)]
    assert layer.weights[0].name == "alpha"
    shared = layers.PReLU(shared_axes=[1])
    shared.build((None, 3, 4))
    assert [tuple(w.shape) for w in shared.weights] == [(1, 4)]
    layer = layers.PReLU(alpha_initializer=initializers.Constant(0.25))
    x = tf.constant([[-4.0, 2.0]])
    np.testing.assert_allclose(layer(x).numpy(), [[-1.0, 2.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(layer(x))
    np.testing.assert_allclose(tape.gradient(y, layer.alpha).numpy(), [-4.0, 0.0])
    assert layers.PReLU().get_config()["alpha_initializer"]["class_name"] == "Zeros"
