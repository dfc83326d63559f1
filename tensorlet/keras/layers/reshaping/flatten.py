"""`Flatten`: collapses every axis but the batch axis."""

from __future__ import annotations

import math

import tensorlet as tf

from ..base_layer import Layer

__all__ = ["Flatten"]


class Flatten(Layer):
    """Reshapes `(batch, d1, d2, ...)` to `(batch, d1 * d2 * ...)`; `(batch,)` becomes
    `(batch, 1)`.

    Args:
        data_format: "channels_last" (default) or "channels_first" (the channel axis is moved
            last first, so the order matches a channels-last model).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Flatten()(tf.ones((2, 3, 4))).shape
        TensorShape([2, 12])
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        data_format = data_format or "channels_last"
        if data_format not in ("channels_last", "channels_first"):
            raise ValueError("The `data_format` argument must be one of \"channels_first\", "
                             f"\"channels_last\". Received: {data_format}")
        self.data_format = data_format

    def call(self, inputs):
        x = tf.convert_to_tensor(inputs)
        rank = x.shape.rank
        if self.data_format == "channels_first" and rank is not None and rank > 2:
            x = tf.transpose(x, [0, *range(2, rank), 1])
        dims = x.shape.as_list()[1:]
        if all(d is not None for d in dims):
            return tf.reshape(x, (-1, math.prod(dims)))
        return tf.reshape(x, tf.stack([tf.shape(x)[0], -1]))

    def compute_output_shape(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        rest = dims[1:]
        size = math.prod(rest) if None not in rest else None
        return (dims[0], size)

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}
