"""`ReLU` and `LeakyReLU` layers."""

from __future__ import annotations

from ... import activations
from ..base_layer import Layer

__all__ = ["ReLU", "LeakyReLU"]


class ReLU(Layer):
    """Rectified linear unit layer: `activations.relu(x, negative_slope, max_value,
    threshold)`.

    Args:
        max_value: an optional ceiling (>= 0).
        negative_slope: the slope below the threshold (>= 0).
        threshold: where the unit switches on.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.ReLU(max_value=6.)(tf.constant([-1., 3., 9.])).numpy()
        array([0., 3., 6.], dtype=float32)
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError("max_value of a ReLU layer cannot be a negative value. Received: "
                             f"max_value={max_value}")
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError("negative_slope of a ReLU layer cannot be a negative value. "
                             f"Received: negative_slope={negative_slope}")
        if threshold is None or threshold < 0.0:
            raise ValueError("threshold of a ReLU layer cannot be a negative value. Received: "
                             f"threshold={threshold}")
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True

    def call(self, inputs):
        return activations.relu(inputs, negative_slope=self.negative_slope,
                                max_value=self.max_value, threshold=self.threshold)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}


class LeakyReLU(Layer):
    """Leaky ReLU layer: `x` if `x >= 0` else `negative_slope * x` (default 0.3).

    The Keras-2 spelling `LeakyReLU(alpha=0.2)` is accepted too.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.LeakyReLU(alpha=0.5)(tf.constant([-2., 2.])).numpy()
        array([-1.,  2.], dtype=float32)
    """

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError("The negative_slope value of a Leaky ReLU layer cannot be None or "
                             f"negative value. Expected a float. Received: "
                             f"negative_slope={negative_slope}")
        self.negative_slope = negative_slope
        self.supports_masking = True

    @property
    def alpha(self):
        """The Keras-2 name of `negative_slope`."""
        return self.negative_slope

    def call(self, inputs):
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "negative_slope": self.negative_slope}
