"""Subclassed models (A9.2–A9.5) and the training flag inside them (A8.6, A12.8)."""

import numpy as np
import pytest

import tensorlet as tf

from .chapter_models import ResidualRegressor


class Recorder(tf.keras.layers.Layer):
    """Records the `training` value each call receives."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = []

    def call(self, x, training=None):
        self.seen.append(training)
        return x


class Wrapper(tf.keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = Recorder()

    def call(self, x):
        return self.inner(x)


def test_a9_2_residual_regressor_shares_block1_and_has_12_trainable_variables():
    model = ResidualRegressor(1)
    y = model(np.random.default_rng(0).random((5, 8)))
    assert y.shape == (5, 1)
    assert len(model.trainable_variables) == 12


def test_a9_3_model_is_a_layer_and_usable_as_one():
    assert issubclass(tf.keras.Model, tf.keras.layers.Layer)
    inner = ResidualRegressor(2)
    outer = tf.keras.Sequential([inner, tf.keras.layers.Dense(1)])
    assert outer(np.ones((3, 4))).shape == (3, 1)
    assert len(outer.trainable_variables) == 14


def test_a9_4_get_layer_by_name_and_index():
    model = ResidualRegressor(1)
    assert model.get_layer(index=0) is model.hidden1
    assert model.get_layer(name=model.block2.name) is model.block2
    with pytest.raises(ValueError, match="No such layer: nope"):
        model.get_layer("nope")
    with pytest.raises(ValueError, match="index 9"):
        model.get_layer(index=9)


def test_a9_5_save_and_load_weights_into_fresh_instance(tmp_path):
    X = np.random.default_rng(1).random((4, 8))
    model = ResidualRegressor(1)
    expected = model(X).numpy()
    path = str(tmp_path / "my_weights")
    model.save_weights(path)
    fresh = ResidualRegressor(1)
    fresh(X)
    fresh.load_weights(path)
    np.testing.assert_allclose(fresh(X).numpy(), expected, rtol=1e-6)


def test_a8_6_training_flag_propagates_into_nested_models():
    model = Wrapper()
    model(tf.ones(2), training=True)
    model(tf.ones(2), training=False)
    model(tf.ones(2))
    assert model.inner.seen == [True, False, None]


def test_explicit_inner_training_overrides_outer():
    class Forced(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.inner = Recorder()

        def call(self, x, training=None):
            return self.inner(x, training=False)

    model = Forced()
    model(tf.ones(2), training=True)
    assert model.inner.seen == [False]


def test_a12_8_training_reaches_dropout_inside_custom_model():

    class WithDropout(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.drop = tf.keras.layers.Dropout(0.5)

        def call(self, x):
            return self.drop(x)

    model = WithDropout()
    x = tf.ones((20, 20))
    np.testing.assert_array_equal(model(x), x)
    assert not np.array_equal(model(x, training=True).numpy(), x.numpy())


def test_explicit_build_creates_weights_of_subclassed_model():
    model = ResidualRegressor(1)
    model.build((None, 8))
    assert model.built and len(model.weights) == 12


def test_call_default_training_used_when_nothing_given():
    class DefaultTrue(tf.keras.layers.Layer):
        def call(self, x, training=True):
            return x * (2.0 if training else 1.0)

    assert float(DefaultTrue()(tf.constant(1.0))) == 2.0
    assert float(DefaultTrue()(tf.constant(1.0), training=False)) == 1.0


def test_a8_1_lambda_layer_in_sequential_functional_and_subclassed_models():
    x = np.array([[0.0, 1.0]], np.float32)
    expected = np.exp(x)
    sequential = tf.keras.Sequential([tf.keras.layers.Lambda(lambda t: tf.exp(t))])
    np.testing.assert_allclose(sequential(x), expected, rtol=1e-6)
    inputs = tf.keras.Input(shape=[2])
    functional = tf.keras.Model(inputs, tf.keras.layers.Lambda(lambda t: tf.exp(t))(inputs))
    np.testing.assert_allclose(functional(x), expected, rtol=1e-6)

    class WithLambda(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.exp = tf.keras.layers.Lambda(lambda t: tf.exp(t))

        def call(self, t):
            return self.exp(t)

    np.testing.assert_allclose(WithLambda()(x), expected, rtol=1e-6)
    for activation in (tf.exp, "exponential"):
        dense = tf.keras.layers.Dense(2, activation=activation, kernel_initializer="ones")
        np.testing.assert_allclose(dense(x), np.exp(x @ np.ones((2, 2))), rtol=1e-6)
