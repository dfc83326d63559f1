"""`run_layer_test` passes good layers and catches broken ones (each check can fail)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.testing.layer_check import make_input_data, run_layer_test


class Scale(tf.keras.layers.Layer):
    def __init__(self, factor=1.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=[input_shape[-1]], initializer="ones")

    def call(self, x):
        return x * self.w * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


def test_good_layer_passes_every_check():
    run_layer_test(Scale, {"factor": 2.0}, input_shape=(3, 4), expected_output_shape=(3, 4),
                   expected_output_dtype="float32", expected_num_trainable_weights=1,
                   expected_num_non_trainable_weights=0, expected_num_losses=0,
                   custom_objects={"Scale": Scale})


def test_explicit_input_data_and_expected_values():
    data = np.ones((2, 2), np.float32)
    run_layer_test(Scale, {"factor": 3.0}, input_data=data, expected_output=data * 3.0,
                   custom_objects={"Scale": Scale})


def test_wrong_expected_shape_fails():
    with pytest.raises(AssertionError, match="output shape"):
        run_layer_test(Scale, {}, input_shape=(3, 4), expected_output_shape=(3, 5),
                       custom_objects={"Scale": Scale})


def test_wrong_weight_count_fails():
    with pytest.raises(AssertionError, match="trainable weights"):
        run_layer_test(Scale, {}, input_shape=(3, 4), expected_num_trainable_weights=2,
                       custom_objects={"Scale": Scale})


def test_output_of_another_float_dtype_fails_by_default():
    class Upcast(Scale):
        def call(self, x):
            return tf.cast(x * self.w, tf.float64)

    with pytest.raises(AssertionError, match="compute dtype float32"):
        run_layer_test(Upcast, {}, input_shape=(2, 3), run_save_check=False,
                       custom_objects={"Upcast": Upcast})


def test_config_that_loses_an_argument_fails():
    class Forgetful(Scale):
        def get_config(self):
            config = super().get_config()
            config["factor"] = 1.0
            return config

    with pytest.raises(AssertionError, match="config round trip"):
        run_layer_test(Forgetful, {"factor": 2.0}, input_shape=(2, 3),
                       run_save_check=False, custom_objects={"Forgetful": Forgetful})


def test_layer_whose_gradient_goes_uphill_fails_training_check():
    class Uphill(Scale):
        def call(self, x):
            return x * tf.stop_gradient(self.w) + 0.0 * self.w

    with pytest.raises(AssertionError, match="did not lower the loss"):
        run_layer_test(Uphill, {}, input_shape=(2, 3), run_save_check=False,
                       custom_objects={"Uphill": Uphill})


def test_make_input_data_dtypes_and_lists():
    assert make_input_data((2, 3), "int32").dtype == np.int32
    data = make_input_data([(2, 3), (2, 4)])
    assert [d.shape for d in data] == [(2, 3), (2, 4)]
