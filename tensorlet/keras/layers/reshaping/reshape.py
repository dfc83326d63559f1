"""`Reshape`: reshapes each sample to `target_shape`."""

from __future__ import annotations

import math

import tensorlet as tf

from ..base_layer import Layer

__all__ = ["Reshape"]


class Reshape(Layer):
    """Reshapes `(batch, ...)` to `(batch, *target_shape)`; one entry may be -1.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Reshape((-1, 2))(tf.ones((5, 3, 2))).shape
        TensorShape([5, 3, 2])
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        target_shape = tuple(int(d) for d in target_shape)
        if sum(d == -1 for d in target_shape) > 1 or any(d < -1 or d == 0 for d in target_shape):
            raise ValueError("Reshape: `target_shape` must hold positive dims and at most one "
                             f"-1. Received: target_shape={target_shape}")
        self.target_shape = target_shape

    def _resolved(self, sample_shape) -> tuple:
        """`target_shape` with its -1 filled in (left as None when the size is unknown)."""
        if -1 not in self.target_shape:
            known = self.target_shape
        elif None in sample_shape:
            known = tuple(None if d == -1 else d for d in self.target_shape)
        else:
            rest = math.prod(d for d in self.target_shape if d != -1)
            known = tuple(math.prod(sample_shape) // rest if d == -1 else d
                          for d in self.target_shape)
        if None not in sample_shape and None not in known:
            if math.prod(sample_shape) != math.prod(known):
                raise ValueError("The total size of the tensor must be unchanged. Received: "
                                 f"input_shape={tuple(sample_shape)}, "
                                 f"target_shape={self.target_shape}")
        return known

    def call(self, inputs):
        x = tf.convert_to_tensor(inputs)
        target = self._resolved(x.shape.as_list()[1:])
        if None not in target:
            return tf.reshape(x, (-1, *target))
        batch = x.shape[0]
        if batch is not None:
            return tf.reshape(x, (batch, *self.target_shape))
        return tf.reshape(x, tf.concat([tf.shape(x)[:1], self.target_shape], axis=0))

    def compute_output_shape(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        return (dims[0], *self._resolved(dims[1:]))

    def get_config(self) -> dict:
        return {**super().get_config(), "target_shape": self.target_shape}
