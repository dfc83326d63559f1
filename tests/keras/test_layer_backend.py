"""`tf.keras.backend` (A0.10) and the lazy `tf.keras` namespace."""

import numpy as np
import pytest

import tensorlet as tf


def test_floatx_epsilon_and_set_floatx():
    K = tf.keras.backend
    assert K.floatx() == "float32" and K.epsilon() == 1e-7
    K.set_floatx("float64")
    try:
        layer = tf.keras.layers.Dense(1)
        layer(np.ones((1, 2)))
        assert layer.kernel.dtype == tf.float64
    finally:
        K.set_floatx("float32")
    with pytest.raises(ValueError, match="Unknown `floatx`"):
        K.set_floatx("int32")


def test_clear_session_resets_names():
    tf.keras.backend.clear_session()
    assert tf.keras.layers.Dense(1).name == "dense"
    assert tf.keras.layers.Dense(1).name == "dense_1"
    tf.keras.backend.clear_session()
    assert tf.keras.layers.Dense(1).name == "dense"


def test_backend_math_aliases():
    K = tf.keras.backend
    x = tf.constant([1.0, 4.0])
    np.testing.assert_allclose(K.square(x), [1.0, 16.0])
    np.testing.assert_allclose(K.sqrt(x), [1.0, 2.0])
    np.testing.assert_allclose(K.mean(x), 2.5)
    np.testing.assert_allclose(K.exp(tf.constant(0.0)), 1.0)
    assert K.int_shape(tf.zeros((2, 3))) == (2, 3)


def test_keras_namespace_exports():
    keras = tf.keras
    from tensorlet import keras as keras2

    assert keras is keras2
    assert keras.Model is keras.models.Model and keras.Sequential is keras.models.Sequential
    assert keras.Input is keras.layers.Input
    with pytest.raises(AttributeError):
        keras.not_a_thing  # noqa: B018


def test_keras_tensor_operators_build_functional_models():
    x = tf.keras.Input(shape=(3,))
    y = tf.keras.Input(shape=(3,))
    z = (x + 1.0) * y - x[:, 0:1] / 2.0
    model = tf.keras.Model([x, y], [z, -x])
    out, neg = model([np.ones((2, 3)), np.full((2, 3), 2.0)])
    np.testing.assert_allclose(out, np.full((2, 3), 3.5))
    np.testing.assert_allclose(neg, -np.ones((2, 3)))
    again = tf.keras.models.model_from_json(model.to_json())
    np.testing.assert_allclose(again([np.ones((2, 3)), np.full((2, 3), 2.0)])[0], out)


def test_layers_namespace_exports_every_family_name():
    import importlib
    import pkgutil

    import tensorlet.keras.layers as layers

    for info in pkgutil.iter_modules(layers.__path__):
        if info.ispkg:
            family = importlib.import_module(f"tensorlet.keras.layers.{info.name}")
            for name in getattr(family, "__all__", ()):
                assert getattr(layers, name) is getattr(family, name)
                assert name in layers.__all__
    assert {"Layer", "InputLayer", "Input"} <= set(layers.__all__)
