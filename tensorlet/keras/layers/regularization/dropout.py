"""`Dropout`: zeroes a random fraction `rate` of the inputs during training."""

from __future__ import annotations

import tensorlet as tf

from ..base_layer import Layer

__all__ = ["Dropout"]


def check_rate(rate, owner: str) -> float:
    """`rate` as a float in [0, 1] (Keras's ValueError otherwise)."""
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ValueError("Invalid value received for argument `rate`. Expected a float value "
                         f"between 0 and 1. Received: rate={rate} ({owner})")
    return float(rate)


def noise_shape_of(x, noise_shape):
    """The shape of the random mask: `noise_shape` with None filled from `x`'s shape."""
    if noise_shape is None:
        static = x.shape.as_list()
        return tuple(static) if None not in static else tf.shape(x)
    static = x.shape.as_list()
    dims = [static[i] if d is None else d for i, d in enumerate(noise_shape)]
    if None not in dims:
        return tuple(dims)
    dynamic = tf.shape(x)
    return tf.stack([dynamic[i] if d is None else d for i, d in enumerate(dims)])


class Dropout(Layer):
    """During training, zeroes each input with probability `rate` and scales the rest by
    `1 / (1 - rate)`; at inference returns the inputs unchanged.

    Args:
        rate: the fraction to drop, in [0, 1].
        noise_shape: the mask's shape (None entries follow the inputs), e.g. `(batch, 1,
            features)` to drop the same features at every time step.
        seed: an int for a reproducible sequence of masks.

    Example:
        >>> import tensorlet as tf
        >>> layer = tf.keras.layers.Dropout(0.5, seed=1)
        >>> layer(tf.ones((2, 2))).numpy()  # training=False by default
        array([[1., 1.],
               [1., 1.]], dtype=float32)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(rate, type(self).__name__)
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        x = tf.convert_to_tensor(inputs)
        if self.rate == 1:
            return tf.zeros_like(x)
        shape = noise_shape_of(x, self.noise_shape)
        keep = tf.random.uniform(shape, dtype=x.dtype, seed=self.seed) >= self.rate
        scale = tf.cast(1.0 / (1.0 - self.rate), x.dtype)
        return tf.where(keep, x * scale, tf.zeros_like(x))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
