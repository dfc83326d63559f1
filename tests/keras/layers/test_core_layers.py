"""Activation, Lambda and Embedding layers (B2, A8.1, A5.9)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import layers, saving
from tensorlet.testing.layer_check import run_layer_test


@pytest.mark.parametrize("activation", ["relu", "softmax", "exponential", "swish"])
def test_activation_layer_passes_the_layer_test(activation):
    run_layer_test(layers.Activation, {"activation": activation}, input_shape=(2, 4),
                   expected_output_shape=(2, 4), expected_num_trainable_weights=0)


def test_activation_tf_exp_equals_exponential_a8_1():
    x = tf.constant([[-1.0, 0.0, 2.0]])
    a = layers.Activation(tf.exp)(x)
    b = layers.Activation("exponential")(x)
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert layers.Activation(tf.exp).get_config()["activation"] == "exponential"
    c = layers.Dense(2, activation=tf.exp, kernel_initializer="ones")(x)
    d = layers.Dense(2, activation="exponential", kernel_initializer="ones")(x)
    np.testing.assert_array_equal(c.numpy(), d.numpy())


def test_lambda_with_a_named_function_passes_the_layer_test():
    run_layer_test(layers.Lambda, {"function": tf.exp}, input_shape=(2, 3),
                   expected_output_shape=(2, 3), expected_num_trainable_weights=0)


def test_lambda_in_sequential_functional_and_subclassed_models_a8_1():
    x = np.array([[0.0, 1.0]], dtype=np.float32)
    exponential_layer = layers.Lambda(lambda x: tf.exp(x))
    expected = np.exp(x)
    seq = tf.keras.Sequential([exponential_layer])
    np.testing.assert_allclose(seq(x).numpy(), expected, rtol=1e-6)
    inputs = tf.keras.Input(shape=(2,))
    functional = tf.keras.Model(inputs, layers.Lambda(lambda x: tf.exp(x))(inputs))
    np.testing.assert_allclose(functional(x).numpy(), expected, rtol=1e-6)

    class Sub(tf.keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.exp = layers.Lambda(lambda x: tf.exp(x))

        def call(self, x):
            return self.exp(x)

    np.testing.assert_allclose(Sub()(x).numpy(), expected, rtol=1e-6)


def test_lambda_passes_arguments_mask_and_training():
    seen = {}

    def fn(x, scale, training=None):
        seen["training"] = training
        return x * scale

    layer = layers.Lambda(fn, arguments={"scale": 3.0})
    np.testing.assert_array_equal(layer(tf.constant([1.0]), training=True).numpy(), [3.0])
    assert seen["training"] is True
    assert layers.Lambda(tf.exp, output_shape=(7,)).compute_output_shape((None, 3)) == (None, 7)


def test_lambda_python_lambda_is_refused_in_safe_mode_a5_9():
    layer = layers.Lambda(lambda x: x * 2.0)
    config = layer.get_config()
    function = config["function"]
    assert function["class_name"] == "__lambda__"
    assert function["config"]["unsafe"] is True and "x * 2.0" in function["config"]["source"]
    with pytest.raises(ValueError, match="safe_mode"):
        layers.Lambda.from_config(config)
    clone = layers.Lambda.from_config(config, safe_mode=False)
    np.testing.assert_array_equal(clone(tf.constant([2.0])).numpy(), [4.0])


def test_lambda_keras2_bytecode_config_is_refused_even_unsafe():
    config = {"name": "l", "function": ("4wEAAAAA", None, None), "function_type": "lambda",
              "module": "__main__", "arguments": {}}
    with pytest.raises(ValueError, match="bytecode"):
        layers.Lambda.from_config(config, safe_mode=False)


def scale_by_two(x):
    return 2.0 * x


def test_lambda_named_function_loads_through_custom_objects():
    config = layers.Lambda(scale_by_two).get_config()
    with pytest.raises(TypeError, match="scale_by_two"):
        layers.Lambda.from_config(config)
    clone = layers.Lambda.from_config(config, custom_objects={"scale_by_two": scale_by_two})
    assert clone.function is scale_by_two
    keras2 = {"name": "l", "function": "scale_by_two", "function_type": "function",
              "module": "__main__", "arguments": {}}
    with saving.custom_object_scope({"scale_by_two": scale_by_two}):
        assert layers.Lambda.from_config(keras2).function is scale_by_two


def test_embedding_passes_the_layer_test():
    run_layer_test(layers.Embedding, {"input_dim": 10, "output_dim": 3}, input_shape=(2, 4),
                   input_dtype="int32", expected_output_shape=(2, 4, 3),
                   expected_output_dtype="float32", expected_num_trainable_weights=1)


def test_embedding_looks_up_rows_and_masks_zero():
    table = np.arange(12, dtype=np.float32).reshape(4, 3)
    layer = layers.Embedding(4, 3, weights=[table], mask_zero=True)
    ids = np.array([[0, 3], [2, 2]], dtype=np.int64)
    np.testing.assert_array_equal(layer(ids).numpy(), table[ids])
    assert layer.weights[0].name == "embeddings"
    np.testing.assert_array_equal(layer.compute_mask(ids).numpy(), [[False, True], [True, True]])
    assert layer.compute_output_shape((None, 2)) == (None, 2, 3)
    np.testing.assert_array_equal(layer(np.array([[1.0]])).numpy()[0, 0], table[1])


def test_embedding_defaults_match_keras3():
    config = layers.Embedding(10, 4).get_config()
    assert config["embeddings_initializer"]["class_name"] == "RandomUniform"
    assert config["embeddings_initializer"]["config"] == {"seed": None, "minval": -0.05,
                                                          "maxval": 0.05}
    assert config["mask_zero"] is False and config["input_dim"] == 10
    with pytest.raises(ValueError, match="positive"):
        layers.Embedding(0, 4)


def test_embedding_gradient_trains_only_used_rows():
    layer = layers.Embedding(5, 2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(tf.constant([[1, 1, 3]])))
    grad = np.asarray(tf.convert_to_tensor(tape.gradient(loss, layer.embeddings)))
    np.testing.assert_array_equal(grad[:, 0], [0, 2, 0, 1, 0])
