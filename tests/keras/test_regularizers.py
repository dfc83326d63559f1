"""Keras regularizers (A6.2, A6.3, B8): values, configs, subclasses without super().__init__."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import regularizers, saving

W = tf.constant([[1.0, -2.0], [3.0, 0.5]])


def test_values_match_keras():
    # Keras 3.15: l1(0.01) -> 0.065, l2(0.01) -> 0.1425, l1_l2(0.01, 0.02) -> 0.35.
    np.testing.assert_allclose(float(regularizers.l1(0.01)(W)), 0.065, rtol=1e-6)
    np.testing.assert_allclose(float(regularizers.l2(0.01)(W)), 0.1425, rtol=1e-6)
    np.testing.assert_allclose(float(regularizers.l1_l2(0.01, 0.02)(W)), 0.35, rtol=1e-6)
    assert float(regularizers.L1L2()(W)) == 0.0
    assert regularizers.L1(0.01)(W).dtype == tf.float32


def test_defaults_and_aliases_match_keras():
    assert regularizers.l1 is regularizers.L1 and regularizers.l1_l2 is regularizers.L1L2
    assert regularizers.L1().get_config() == {"l1": 0.01}
    assert regularizers.L2().get_config() == {"l2": 0.01}
    assert regularizers.L1L2().get_config() == {"l1": 0.0, "l2": 0.0}
    assert type(regularizers.get("l2")) is regularizers.L2
    assert type(regularizers.get("l1_l2")) is regularizers.L1L2
    assert regularizers.get(None) is None


def test_negative_factor_is_rejected():
    with pytest.raises(ValueError, match="l2"):
        regularizers.L2(-1.0)


def test_gradient_of_l2_penalty():
    w = tf.Variable([1.0, -2.0])
    with tf.GradientTape() as tape:
        penalty = regularizers.l2(0.5)(w)
    np.testing.assert_allclose(tape.gradient(penalty, w).numpy(), [1.0, -2.0])


def test_builtin_round_trip():
    config = regularizers.serialize(regularizers.L1L2(l1=0.1, l2=0.2))
    assert config["class_name"] == "L1L2"
    restored = regularizers.deserialize(config)
    assert (restored.l1, restored.l2) == (0.1, 0.2)
    assert regularizers.get({"class_name": "L2", "config": {"l2": 0.5}}).l2 == 0.5


class MyL1Regularizer(regularizers.Regularizer):
    def __init__(self, factor):  # the chapter's class: no super().__init__() (A6.3)
        self.factor = factor

    def __call__(self, weights):
        return tf.reduce_sum(tf.abs(self.factor * weights))

    def get_config(self):
        return {"factor": self.factor}


def test_subclass_without_super_init_round_trips_with_custom_objects():
    reg = MyL1Regularizer(0.01)
    np.testing.assert_allclose(float(reg(W)), 0.065, rtol=1e-6)
    config = regularizers.serialize(reg)
    assert config["class_name"] == "MyL1Regularizer"
    restored = regularizers.deserialize(config, custom_objects={"MyL1Regularizer":
                                                                MyL1Regularizer})
    assert isinstance(restored, MyL1Regularizer) and restored.factor == 0.01
    with pytest.raises(TypeError, match="MyL1Regularizer"):
        regularizers.deserialize(config)


def test_base_get_config_raises_not_implemented():
    with pytest.raises(NotImplementedError, match="get_config"):
        regularizers.Regularizer().get_config()


def my_l1_regularizer(weights):
    return tf.reduce_sum(tf.abs(0.01 * weights))


def test_function_regularizer_is_returned_as_is_and_saves_by_name():
    assert regularizers.get(my_l1_regularizer) is my_l1_regularizer
    config = regularizers.serialize(my_l1_regularizer)
    assert config["config"] == "my_l1_regularizer"
    with saving.custom_object_scope({"my_l1_regularizer": my_l1_regularizer}):
        assert regularizers.deserialize(config) is my_l1_regularizer


def test_unknown_identifier():
    with pytest.raises(ValueError, match="Could not interpret regularizer identifier: nope"):
        regularizers.get("nope")
