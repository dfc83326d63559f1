"""`PReLU`: a leaky ReLU whose negative slopes are learned."""

from __future__ import annotations

import tensorlet as tf

from ... import constraints, initializers, regularizers
from ..base_layer import Layer

__all__ = ["PReLU"]


class PReLU(Layer):
    """Parametric ReLU: `x` if `x >= 0` else `alpha * x`, with a trainable `alpha`.

    `alpha` has the input's shape without the batch axis; `shared_axes` lists axes along
    which one slope is shared (e.g. `[1, 2]` for one slope per conv channel).

    Args:
        alpha_initializer: default "Zeros" (starts as a plain ReLU).
        alpha_regularizer, alpha_constraint: as for Dense.
        shared_axes: an int or a list of axes (1-based, as input axes).

    Example:
        >>> import tensorlet as tf
        >>> layer = tf.keras.layers.PReLU(alpha_initializer=tf.keras.initializers.Constant(.1))
        >>> layer(tf.constant([[-2., 2.]])).numpy()
        array([[-0.2,  2. ]], dtype=float32)
    """

    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None or isinstance(shared_axes, list | tuple):
            self.shared_axes = None if shared_axes is None else list(shared_axes)
        else:
            self.shared_axes = [shared_axes]
        self.supports_masking = True

    def build(self, input_shape):
        param_shape = list(tf.TensorShape(input_shape).as_list()[1:])
        for axis in self.shared_axes or ():
            param_shape[axis - 1] = 1
        if None in param_shape:
            raise ValueError(f"PReLU: the non-batch dims of input shape {tuple(input_shape)} "
                             "must be known (or listed in `shared_axes`)")
        self.alpha = self.add_weight(
            name="alpha", shape=tuple(param_shape), initializer=self.alpha_initializer,
            regularizer=self.alpha_regularizer, constraint=self.alpha_constraint)
        super().build(input_shape)

    def call(self, inputs):
        x = tf.convert_to_tensor(inputs)
        return tf.nn.relu(x) - self.alpha * tf.nn.relu(-x)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(),
                "alpha_initializer": initializers.serialize(self.alpha_initializer),
                "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
                "alpha_constraint": constraints.serialize(self.alpha_constraint),
                "shared_axes": self.shared_axes}
