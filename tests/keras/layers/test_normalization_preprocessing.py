"""The Normalization preprocessing layer (B2, B11): adapt, given statistics, invert."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import layers
from tensorlet.testing.layer_check import run_layer_test

X = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 1.0]], dtype=np.float32)


def test_given_statistics_pass_the_layer_test():
    run_layer_test(layers.Normalization, {"mean": 1.0, "variance": 4.0}, input_shape=(4, 3),
                   expected_output_shape=(4, 3), expected_num_trainable_weights=0,
                   expected_num_non_trainable_weights=0)


def test_unadapted_layer_passes_the_layer_test():
    run_layer_test(layers.Normalization, {}, input_shape=(4, 3), expected_output_shape=(4, 3),
                   expected_num_trainable_weights=0, expected_num_non_trainable_weights=3)


def test_adapt_on_array_matches_keras():
    norm = layers.Normalization()
    norm.adapt(X)
    np.testing.assert_allclose(norm(X).numpy(), [[-1.2247448, -0.46291006], [0.0, 1.3887302],
                                                 [1.2247448, -0.9258201]], rtol=1e-5)
    assert [(w.name, w.trainable) for w in norm.weights] == [
        ("mean", False), ("variance", False), ("count", False)]
    np.testing.assert_allclose(norm.mean.numpy(), [[3.0, 3.0]])
    np.testing.assert_allclose(norm.variance.numpy(), [[2.6666667, 4.6666665]], rtol=1e-6)
    assert int(norm.count.numpy()) == 3


def test_adapt_with_axis_none_uses_one_scalar():
    norm = layers.Normalization(axis=None)
    norm.adapt(X)
    np.testing.assert_allclose(norm(X).numpy()[0], [-1.0444659, -0.52223295], rtol=1e-5)
    assert [tuple(w.shape) for w in norm.weights] == [(), (), ()]


def test_adapt_on_batches_equals_adapt_on_the_whole_array():
    data = np.random.default_rng(0).normal(5.0, 3.0, size=(101, 4)).astype(np.float32)
    whole = layers.Normalization()
    whole.adapt(data)
    batched = layers.Normalization()
    batched.adapt(data[i:i + 16] for i in range(0, 101, 16))
    np.testing.assert_allclose(batched.mean.numpy(), whole.mean.numpy(), rtol=1e-5)
    np.testing.assert_allclose(batched.variance.numpy(), whole.variance.numpy(), rtol=1e-4)
    np.testing.assert_allclose(whole.variance.numpy()[0], data.var(axis=0), rtol=1e-4)


def test_adapt_on_a_tf_data_dataset():
    data = tf.data
    norm = layers.Normalization()
    norm.adapt(data.Dataset.from_tensor_slices(X).batch(2))
    np.testing.assert_allclose(norm.mean.numpy(), [[3.0, 3.0]], rtol=1e-6)


def test_adapt_keeps_per_feature_axis_of_3d_inputs():
    data = np.random.default_rng(1).random((4, 3, 2)).astype(np.float32)
    norm = layers.Normalization(axis=1)
    norm.adapt(data)
    assert [tuple(w.shape) for w in norm.weights][:2] == [(3,), (3,)]
    assert tuple(norm.mean.shape) == (1, 3, 1)
    y = norm(data).numpy()
    np.testing.assert_allclose(y.mean(axis=(0, 2)), 0.0, atol=1e-5)


def test_readapt_replaces_the_statistics():
    norm = layers.Normalization()
    norm.adapt(X)
    norm.adapt(np.ones((2, 2), np.float32))
    np.testing.assert_allclose(norm.mean.numpy(), [[1.0, 1.0]])
    np.testing.assert_allclose(norm(np.ones((1, 2))).numpy(), [[0.0, 0.0]])


def test_given_statistics_and_invert_match_keras():
    norm = layers.Normalization(mean=2.0, variance=4.0)
    np.testing.assert_allclose(norm(X).numpy(), [[-0.5, 0.0], [0.5, 2.0], [1.5, -0.5]])
    assert norm.weights == []
    inverse = layers.Normalization(mean=2.0, variance=4.0, invert=True)
    np.testing.assert_allclose(inverse(X).numpy(), [[4.0, 6.0], [8.0, 14.0], [12.0, 4.0]])
    per_feature = layers.Normalization(mean=[1.0, 2.0], variance=[1.0, 4.0])
    np.testing.assert_allclose(per_feature(np.ones((1, 2))).numpy(), [[0.0, -0.5]])
    assert per_feature.get_config()["mean"] == [1.0, 2.0]


def test_config_and_errors_match_keras():
    config = layers.Normalization().get_config()
    assert (config["axis"], config["invert"], config["mean"], config["variance"]) == (
        (-1,), False, None, None)
    with pytest.raises(ValueError, match="both `mean` and `variance` must be set"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="fixed"):
        layers.Normalization(mean=1.0, variance=1.0).adapt(X)


def test_adapted_model_round_trips_its_statistics():
    norm = layers.Normalization()
    norm.adapt(X)
    inputs = tf.keras.Input(shape=(2,))
    model = tf.keras.Model(inputs, norm(inputs))
    clone = tf.keras.models.clone_model(model) if hasattr(tf.keras.models, "clone_model") \
        else None
    if clone is not None:
        clone.set_weights(model.get_weights())
        np.testing.assert_allclose(clone(X).numpy(), model(X).numpy(), rtol=1e-6)
