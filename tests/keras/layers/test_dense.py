"""Dense (B2, A6.1, A6.3, A8.4): shapes, weights, initializers, regularizers, constraints."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import initializers, layers, saving
from tensorlet.testing.layer_check import run_layer_test


@pytest.mark.parametrize("kwargs,input_shape,output_shape", [
    ({"units": 3}, (2, 4), (2, 3)),
    ({"units": 2, "activation": "relu"}, (2, 3, 4), (2, 3, 2)),
    ({"units": 2, "use_bias": False, "kernel_initializer": "he_normal"}, (3, 5), (3, 2)),
    ({"units": 2, "kernel_regularizer": "l2", "bias_regularizer": "l1",
      "kernel_constraint": "max_norm"}, (3, 5), (3, 2)),
])
def test_dense_passes_the_layer_test(kwargs, input_shape, output_shape):
    n_weights = 1 if kwargs.get("use_bias") is False else 2
    n_losses = sum(1 for k in ("kernel_regularizer", "bias_regularizer") if k in kwargs)
    run_layer_test(layers.Dense, kwargs, input_shape=input_shape,
                   expected_output_shape=output_shape, expected_output_dtype="float32",
                   expected_num_trainable_weights=n_weights,
                   expected_num_non_trainable_weights=0, expected_num_losses=n_losses)


def test_dense_computes_activation_of_affine_map():
    layer = layers.Dense(2, activation="relu", kernel_initializer="ones",
                         bias_initializer=initializers.Constant(-3.0))
    y = layer(tf.constant([[1.0, 2.0], [2.0, 3.0]]))
    np.testing.assert_array_equal(y.numpy(), [[0.0, 0.0], [2.0, 2.0]])
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert layer.kernel.shape == (2, 2) and layer.bias.shape == (2,)


def test_compute_output_shape_a8_4():
    assert layers.Dense(3).compute_output_shape((None, 5)) == (None, 3)
    assert layers.Dense(3).compute_output_shape((None, 7, 5)) == (None, 7, 3)


@pytest.mark.parametrize("units", [0, -1, 2.5, "3"])
def test_invalid_units_raise_like_keras(units):
    with pytest.raises(ValueError, match="expected a positive integer"):
        layers.Dense(units)


def test_default_config_matches_keras3():
    config = layers.Dense(3, name="d").get_config()
    assert config["units"] == 3 and config["activation"] == "linear"
    assert config["use_bias"] is True
    assert config["kernel_initializer"]["class_name"] == "GlorotUniform"
    assert config["kernel_initializer"]["config"] == {"seed": None, "input_axes": None,
                                                      "output_axes": None}
    assert config["bias_initializer"]["class_name"] == "Zeros"
    for key in ("kernel_regularizer", "bias_regularizer", "kernel_constraint",
                "bias_constraint"):
        assert config[key] is None


def test_keras3_quantization_arguments_are_accepted_when_none():
    assert layers.Dense(2, lora_rank=None, quantization_config=None).units == 2
    with pytest.raises(NotImplementedError, match="lora_rank"):
        layers.Dense(2, lora_rank=4)


def test_seeded_initializer_gives_identical_kernels():
    a = layers.Dense(4, kernel_initializer=initializers.GlorotUniform(seed=5))
    b = layers.Dense(4, kernel_initializer=initializers.GlorotUniform(seed=5))
    a.build((None, 3))
    b.build((None, 3))
    np.testing.assert_array_equal(a.kernel.numpy(), b.kernel.numpy())


def test_tf_random_set_seed_makes_default_init_reproducible():
    tf.random.set_seed(11)
    a = layers.Dense(4)
    a.build((None, 3))
    tf.random.set_seed(11)
    b = layers.Dense(4)
    b.build((None, 3))
    np.testing.assert_array_equal(a.kernel.numpy(), b.kernel.numpy())


# The chapter's four custom functions (A6.1).
CALLS = []


def my_softplus(z):
    return tf.math.log(1.0 + tf.exp(z))


def my_glorot_initializer(shape, dtype=tf.float32):
    CALLS.append((tuple(shape), dtype))
    stddev = tf.sqrt(2.0 / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def my_l1_regularizer(weights):
    return tf.reduce_sum(tf.abs(0.01 * weights))


def my_positive_weights(weights):
    return tf.where(weights < 0.0, tf.zeros_like(weights), weights)


def _book_layer():
    return layers.Dense(1, activation=my_softplus, kernel_initializer=my_glorot_initializer,
                        kernel_regularizer=my_l1_regularizer,
                        kernel_constraint=my_positive_weights)


def test_custom_functions_a6_1():
    CALLS.clear()
    layer = _book_layer()
    x = tf.constant([[1.0, -2.0, 0.5]])
    y = layer(x)
    assert CALLS == [((3, 1), tf.float32)]  # called once, with (shape, dtype=float32)
    expected = np.log1p(np.exp(x.numpy() @ layer.kernel.numpy()))
    np.testing.assert_allclose(y.numpy(), expected, rtol=1e-5)
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(layer.losses[0]),
                               0.01 * np.abs(layer.kernel.numpy()).sum(), rtol=1e-5)
    assert layer.kernel.constraint is my_positive_weights
    layer.kernel.assign([[-1.0], [2.0], [-3.0]])
    layer.kernel.assign(layer.kernel.constraint(layer.kernel))  # the chapter's loop
    assert float(tf.reduce_min(layer.kernel)) >= 0.0


def test_custom_functions_round_trip_through_config_a6_6():
    layer = _book_layer()
    config = saving.serialize_keras_object(layer)
    objects = {f.__name__: f for f in (my_softplus, my_glorot_initializer, my_l1_regularizer,
                                       my_positive_weights)}
    with pytest.raises(TypeError, match="my_softplus"):
        saving.deserialize_keras_object(config)
    clone = saving.deserialize_keras_object(config, custom_objects=objects)
    assert clone.activation is my_softplus
    assert clone.kernel_initializer is my_glorot_initializer
    assert clone.kernel_regularizer is my_l1_regularizer
    assert clone.kernel_constraint is my_positive_weights


def test_layer_can_serve_as_activation_a6_3():
    layer = layers.Dense(2, activation=layers.ReLU(max_value=1.0), kernel_initializer="ones")
    np.testing.assert_array_equal(layer(tf.constant([[2.0, -3.0]])).numpy(), [[0.0, 0.0]])
    np.testing.assert_array_equal(layer(tf.constant([[0.25, 0.5]])).numpy(), [[0.75, 0.75]])
    clone = layers.Dense.from_config(layer.get_config())
    assert isinstance(clone.activation, layers.ReLU) and clone.activation.max_value == 1.0


def test_autocasts_float64_inputs_to_float32():
    y = layers.Dense(2)(np.ones((3, 4), dtype=np.float64))
    assert y.dtype == tf.float32


def test_unknown_last_dimension_is_a_clear_error():
    with pytest.raises(ValueError, match="last dimension"):
        layers.Dense(2).build((None, None))


def test_regularizer_and_constraint_in_an_optimizer_loop_a6_1():
    model = tf.keras.Sequential([layers.Dense(4, activation="relu"), _book_layer()])
    x = np.random.default_rng(0).standard_normal((32, 3)).astype(np.float32)
    y = np.ones((32, 1), np.float32)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(5):
        with tf.GradientTape() as tape:
            main = tf.reduce_mean(tf.square(y - model(x, training=True)))
            assert len(model.losses) == 1  # one scalar per regularized weight
            loss = tf.add_n([main] + model.losses)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        assert float(tf.reduce_min(model.layers[-1].kernel)) >= 0.0


def test_model_with_custom_functions_saves_and_loads_a6_6(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), _book_layer()])
    x = np.random.default_rng(1).standard_normal((4, 3)).astype(np.float32)
    path = str(tmp_path / "my_model_with_many_custom_parts")
    model.save(path)
    objects = {f.__name__: f for f in (my_softplus, my_glorot_initializer, my_l1_regularizer,
                                       my_positive_weights)}
    with pytest.raises(TypeError, match="my_"):
        tf.keras.models.load_model(path)
    loaded = tf.keras.models.load_model(path, custom_objects=objects)
    np.testing.assert_array_equal(loaded(x).numpy(), model(x).numpy())
    dense = loaded.layers[-1]
    assert dense.kernel_regularizer is my_l1_regularizer
    assert dense.kernel.constraint is my_positive_weights


class MyL1Regularizer(tf.keras.regularizers.Regularizer):
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, weights):
        return tf.reduce_sum(tf.abs(self.factor * weights))

    def get_config(self):
        return {"factor": self.factor}


def test_regularizer_subclass_survives_save_and_load_a6_3(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)),
                                 layers.Dense(2, kernel_regularizer=MyL1Regularizer(0.01))])
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = tf.keras.models.load_model(path, custom_objects={"MyL1Regularizer":
                                                              MyL1Regularizer})
    assert loaded.layers[-1].kernel_regularizer.factor == 0.01
    np.testing.assert_allclose(float(loaded.losses[0]), float(model.losses[0]), rtol=1e-6)


def test_dense_accepts_integer_inputs_in_calls_and_fit_like_keras_3():
    layer = tf.keras.layers.Dense(2)
    assert layer(tf.constant([[1, 2]])).dtype is tf.float32
    model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    history = model.fit(np.array([[1, 2], [3, 4]]), np.array([1, 2]), verbose=0)
    assert np.isfinite(history.history["loss"][0])
