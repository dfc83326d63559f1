"""`GaussianNoise` and `GaussianDropout`: training-time noise (the built-in versions of the
chapter's `MyGaussianNoise`, A8.6)."""

from __future__ import annotations

import math

import tensorlet as tf

from ..base_layer import Layer
from .dropout import check_rate

__all__ = ["GaussianNoise", "GaussianDropout"]


class GaussianNoise(Layer):
    """Adds N(0, stddev²) noise during training; at inference returns the inputs unchanged.

    Args:
        stddev: the noise's standard deviation.
        seed: an int for a reproducible sequence of noise.

    Example:
        >>> import tensorlet as tf
        >>> layer = tf.keras.layers.GaussianNoise(0.1)
        >>> bool(tf.reduce_all(layer(tf.ones((2, 2)), training=False) == 1.))
        True
    """

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        # NOTE: Keras 3 also refuses stddev > 1; Keras 2 did not, and neither does tensorlet.
        if not stddev >= 0:
            raise ValueError("Invalid value received for argument `stddev`. Expected a "
                             f"non-negative float. Received: stddev={stddev}")
        self.stddev = stddev
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=False):
        if not training or self.stddev == 0:
            return inputs
        x = tf.convert_to_tensor(inputs)
        noise = tf.random.normal(tf.shape(x), stddev=self.stddev, dtype=x.dtype, seed=self.seed)
        return x + noise

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}


class GaussianDropout(Layer):
    """Multiplies the inputs by N(1, rate / (1 - rate)) noise during training.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.GaussianDropout(0.2)(tf.ones((1, 2))).numpy()
        array([[1., 1.]], dtype=float32)
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(rate, "GaussianDropout")
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        x = tf.convert_to_tensor(inputs)
        stddev = math.sqrt(self.rate / (1.0 - self.rate))
        noise = tf.random.normal(tf.shape(x), mean=1.0, stddev=stddev, dtype=x.dtype,
                                 seed=self.seed)
        return x * noise

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
