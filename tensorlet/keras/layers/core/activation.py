"""`Activation`: applies an activation function to its input."""

from __future__ import annotations

from ... import activations
from ..base_layer import Layer

__all__ = ["Activation"]


class Activation(Layer):
    """Applies `activation` (a name such as "relu", or a function) to its input.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Activation("relu")(tf.constant([-1., 2.])).numpy()
        array([0., 2.], dtype=float32)
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": activations.serialize(self.activation)}
