"""`Softmax` and `ELU` layers."""

from __future__ import annotations

from ... import activations
from ..base_layer import Layer

__all__ = ["Softmax", "ELU"]


class Softmax(Layer):
    """Applies softmax along `axis` (default -1).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Softmax()(tf.constant([[0., 0.]])).numpy()
        array([[0.5, 0.5]], dtype=float32)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def call(self, inputs):
        return activations.softmax(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


class ELU(Layer):
    """Exponential linear unit layer: `x` if `x > 0` else `alpha * (exp(x) - 1)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.ELU()(tf.constant([0., 1.])).numpy()
        array([0., 1.], dtype=float32)
    """

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True

    def call(self, inputs):
        return activations.elu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "alpha": self.alpha}
