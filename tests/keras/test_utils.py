"""tf.keras.utils: registration aliases (A5.4), set_random_seed, to_categorical, normalize."""

import random

import numpy as np
import pytest

import tensorlet as tf
from tensorlet import keras


def test_a5_4_utils_and_saving_share_the_registration_api():
    for name in ("register_keras_serializable", "get_custom_objects", "custom_object_scope",
                 "CustomObjectScope", "get_registered_object", "get_registered_name",
                 "serialize_keras_object", "deserialize_keras_object"):
        assert getattr(tf.keras.utils, name) is getattr(keras.saving, name)


def test_set_random_seed_seeds_tensorlet_numpy_and_python():
    def draw():
        return (tf.random.uniform([3]).numpy(), np.random.rand(3), random.random())

    tf.keras.utils.set_random_seed(7)
    first = draw()
    tf.keras.utils.set_random_seed(7)
    second = draw()
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert first[2] == second[2]
    tf.keras.utils.set_random_seed(8)
    assert not np.array_equal(draw()[1], first[1])


@pytest.mark.parametrize("seed", [1.5, "3", None, True])
def test_set_random_seed_rejects_non_integers(seed):
    with pytest.raises(ValueError, match="integer"):
        tf.keras.utils.set_random_seed(seed)


def test_to_categorical_matches_keras():
    got = tf.keras.utils.to_categorical([0, 2, 1])
    np.testing.assert_array_equal(got, [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    assert got.dtype == np.float64
    column = tf.keras.utils.to_categorical(np.array([[1], [2]]), 4)
    np.testing.assert_array_equal(column, [[0, 1, 0, 0], [0, 0, 1, 0]])
    grid = tf.keras.utils.to_categorical(tf.constant([[0, 1], [1, 0]]), num_classes=2)
    assert grid.shape == (2, 2, 2)


def test_to_categorical_out_of_range_label():
    with pytest.raises(IndexError, match="label 3 is out of range for num_classes=2"):
        tf.keras.utils.to_categorical([3], 2)


def test_normalize_unit_l2_rows_and_zero_rows():
    got = tf.keras.utils.normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(got, [[0.6, 0.8], [0.0, 0.0]])
    np.testing.assert_allclose(tf.keras.utils.normalize([[1.0, 3.0]], order=1), [[0.25, 0.75]])
