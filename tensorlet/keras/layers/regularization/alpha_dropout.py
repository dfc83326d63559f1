"""`AlphaDropout`: dropout that keeps the mean and variance of SELU activations."""

from __future__ import annotations

import tensorlet as tf

from ..base_layer import Layer
from .dropout import check_rate, noise_shape_of

__all__ = ["AlphaDropout"]

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """During training, sets a fraction `rate` of inputs to SELU's negative saturation value
    and applies the affine correction that keeps mean 0 and variance 1 (self-normalizing
    networks); at inference returns the inputs unchanged.

    Example:
        >>> import tensorlet as tf
        >>> y = tf.keras.layers.AlphaDropout(0.5, seed=1)(tf.ones((1, 4)), training=True)
        >>> sorted(set(y.numpy().round(4).ravel().tolist())) <= [-0.7792, 1.6656]
        True
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(rate, type(self).__name__)
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        x = tf.convert_to_tensor(inputs)
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        shape = noise_shape_of(x, self.noise_shape)
        keep = tf.random.uniform(shape, dtype=x.dtype, seed=self.seed) >= self.rate
        keep = tf.cast(keep, x.dtype)
        a = ((1 - self.rate) * (1 + self.rate * alpha_p**2)) ** -0.5
        b = -a * alpha_p * self.rate
        dropped = x * keep + tf.cast(alpha_p, x.dtype) * (1 - keep)
        return tf.cast(a, x.dtype) * dropped + tf.cast(b, x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
