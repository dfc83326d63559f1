"""Flatten, Reshape and the merge layers (B2)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import layers
from tensorlet.testing.layer_check import run_layer_test


@pytest.mark.parametrize("input_shape,output_shape", [((2, 3, 4), (2, 12)), ((3,), (3, 1)),
                                                      ((2, 1, 2, 2), (2, 4))])
def test_flatten_passes_the_layer_test(input_shape, output_shape):
    run_layer_test(layers.Flatten, {}, input_shape=input_shape,
                   expected_output_shape=output_shape, expected_num_trainable_weights=0)


def test_flatten_channels_first_moves_channels_last():
    x = np.arange(8, dtype=np.float32).reshape(1, 2, 2, 2)
    y = layers.Flatten(data_format="channels_first")(x).numpy()
    np.testing.assert_array_equal(y[0], np.transpose(x, (0, 2, 3, 1)).reshape(-1))
    assert layers.Flatten().compute_output_shape((None, 3, 4)) == (None, 12)
    with pytest.raises(ValueError, match="data_format"):
        layers.Flatten(data_format="nchw")


@pytest.mark.parametrize("target,input_shape,output_shape", [
    ((4, 3), (2, 3, 4), (2, 4, 3)), ((-1, 2), (2, 3, 4), (2, 6, 2)), ((12,), (2, 3, 4), (2, 12)),
])
def test_reshape_passes_the_layer_test(target, input_shape, output_shape):
    run_layer_test(layers.Reshape, {"target_shape": target}, input_shape=input_shape,
                   expected_output_shape=output_shape, expected_num_trainable_weights=0)


def test_reshape_shapes_and_errors_match_keras():
    assert layers.Reshape((-1, 2)).compute_output_shape((None, 3, 2)) == (None, 3, 2)
    assert layers.Reshape((-1, 2)).compute_output_shape((None, None, 2)) == (None, None, 2)
    with pytest.raises(ValueError, match="total size of the tensor must be unchanged"):
        layers.Reshape((4, 2))(tf.ones((2, 3, 2)))
    with pytest.raises(ValueError, match="at most one"):
        layers.Reshape((-1, -1))
    assert layers.Reshape((2, 3)).get_config()["target_shape"] == (2, 3)


@pytest.mark.parametrize("cls,expected", [
    (layers.Add, 5.0), (layers.Multiply, 6.0), (layers.Subtract, -1.0), (layers.Average, 2.5),
    (layers.Maximum, 3.0), (layers.Minimum, 2.0),
])
def test_merge_layers_pass_the_layer_test_and_compute_their_op(cls, expected):
    run_layer_test(cls, {}, input_shape=[(2, 3), (2, 3)], expected_output_shape=(2, 3),
                   expected_num_trainable_weights=0)
    y = cls()([tf.fill((1, 2), 2.0), tf.fill((1, 2), 3.0)])
    np.testing.assert_array_equal(y.numpy(), np.full((1, 2), expected))


def test_add_and_multiply_take_many_inputs_and_broadcast():
    xs = [tf.fill((2, 3), float(i)) for i in (1, 2, 3)]
    np.testing.assert_array_equal(layers.Add()(xs).numpy(), np.full((2, 3), 6.0))
    np.testing.assert_array_equal(layers.Multiply()(xs).numpy(), np.full((2, 3), 6.0))
    y = layers.Add()([tf.ones((2, 3)), tf.ones((2, 1))])
    assert y.shape == (2, 3)
    assert layers.add(xs).shape == (2, 3) and layers.multiply(xs[:2]).shape == (2, 3)


def test_merge_errors_match_keras():
    with pytest.raises(ValueError, match="should be called on a list of inputs"):
        layers.Add()(tf.ones((2, 3)))
    with pytest.raises(ValueError, match="incompatible shapes"):
        layers.Add()([tf.ones((2, 3)), tf.ones((2, 4))])
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        layers.Subtract()([tf.ones((1, 2))] * 3)


def test_concatenate_passes_the_layer_test():
    run_layer_test(layers.Concatenate, {}, input_shape=[(2, 3), (2, 4)],
                   expected_output_shape=(2, 7), expected_num_trainable_weights=0)
    run_layer_test(layers.Concatenate, {"axis": 1}, input_shape=[(2, 3, 2), (2, 1, 2)],
                   expected_output_shape=(2, 4, 2))


def test_concatenate_shapes_and_errors():
    layer = layers.Concatenate()
    assert layer.compute_output_shape([(None, 3), (None, 4)]) == (None, 7)
    with pytest.raises(ValueError, match="matching shapes except for the concatenation axis"):
        layers.Concatenate()([tf.ones((2, 3)), tf.ones((3, 4))])
    assert layers.concatenate([tf.ones((1, 2)), tf.ones((1, 1))], axis=-1).shape == (1, 3)
    assert layers.Concatenate(axis=1).get_config()["axis"] == 1


def test_concatenate_in_a_wide_and_deep_functional_model():
    input_wide = tf.keras.Input(shape=[5])
    input_deep = tf.keras.Input(shape=[6])
    hidden = layers.Dense(30, activation="relu")(input_deep)
    concat = layers.concatenate([input_wide, hidden])
    model = tf.keras.Model(inputs=[input_wide, input_deep], outputs=layers.Dense(1)(concat))
    y = model([np.ones((4, 5), np.float32), np.ones((4, 6), np.float32)])
    assert y.shape == (4, 1)
