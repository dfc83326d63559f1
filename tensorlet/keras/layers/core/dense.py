"""`Dense`: `activation(inputs @ kernel + bias)`."""

from __future__ import annotations

import tensorlet as tf

from ... import activations, constraints, initializers, regularizers
from ..base_layer import Layer

__all__ = ["Dense"]

# Keras 3 configs carry these; tensorlet implements none of them, so only None is accepted.
_UNSUPPORTED_KERAS3_ARGS = ("lora_rank", "lora_alpha", "quantization_config")


def pop_unsupported(kwargs: dict, owner: str) -> None:
    """Drops Keras 3's LoRA/quantization arguments when they are None; refuses them otherwise."""
    for key in _UNSUPPORTED_KERAS3_ARGS:
        if kwargs.pop(key, None) is not None:
            raise NotImplementedError(f"{owner}: `{key}` is not supported by tensorlet")


class Dense(Layer):
    """A densely connected layer: `activation(inputs @ kernel + bias)`.

    The kernel has shape `(input_dim, units)`; inputs of rank > 2 are multiplied on their last
    axis. The weights are named `kernel` and `bias`.

    Args:
        units: the output dimension (a positive int).
        activation: an activation name, function or None (linear).
        use_bias: whether to add a bias.
        kernel_initializer: default "glorot_uniform".
        bias_initializer: default "zeros".
        kernel_regularizer, bias_regularizer: their penalties go to `layer.losses`.
        activity_regularizer: a penalty on the output.
        kernel_constraint, bias_constraint: applied by the optimizer after each step.
        **kwargs: the base Layer's arguments (name, dtype, input_shape...).

    Example:
        >>> import tensorlet as tf
        >>> layer = tf.keras.layers.Dense(3, activation="relu")
        >>> layer(tf.ones((2, 4))).shape, [w.name for w in layer.weights]
        (TensorShape([2, 3]), ['kernel', 'bias'])
    """

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        pop_unsupported(kwargs, "Dense")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if isinstance(units, bool) or not isinstance(units, int) or units <= 0:
            raise ValueError("Received an invalid value for `units`, expected a positive "
                             f"integer. Received: units={units}")
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        input_dim = tf.TensorShape(input_shape)[-1]
        if input_dim is None:
            raise ValueError(f"Dense '{self.name}': the last dimension of the inputs must be "
                             f"known; got input shape {tuple(tf.TensorShape(input_shape))}")
        self.kernel = self.add_weight(
            name="kernel", shape=(input_dim, self.units), initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        super().build(input_shape)

    def call(self, inputs):
        if inputs.dtype.is_integer or inputs.dtype.is_bool:
            # NOTE: Keras 3 promotes integer inputs in matmul; tensorlet's ops never cast, so
            # the layer casts them to its own dtype (ids for Embedding are not affected).
            inputs = tf.cast(inputs, self.kernel.dtype)
        x = tf.matmul(inputs, self.kernel)
        if self.bias is not None:
            x = x + self.bias
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        """`input_shape` with its last dimension replaced by `units` (A8.4).

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.layers.Dense(3).compute_output_shape((None, 5))
            (None, 3)
        """
        return tuple(tf.TensorShape(input_shape).as_list()[:-1]) + (self.units,)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }
