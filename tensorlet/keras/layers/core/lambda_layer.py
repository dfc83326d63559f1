"""`Lambda`: wraps a function as a layer.

Saving: a named function is saved by name (it loads through `custom_objects` or the registry);
a Python `lambda` is saved as its source text flagged unsafe, which loads only with
`safe_mode=False` (A5.9, C8). No bytecode is ever written or read.
"""

from __future__ import annotations

import inspect

import tensorlet as tf

from ...saving import serialization
from ..base_layer import Layer

__all__ = ["Lambda"]


class Lambda(Layer):
    """Applies `function(inputs, **arguments)` (e.g. `Lambda(lambda x: tf.exp(x))`).

    Args:
        function: the callable. It may take `mask=` and `training=` arguments.
        output_shape: the output shape without the batch dimension, or a function of the
            input shape (default: found from the function's shape rules).
        mask: an optional output mask, or a function `(inputs, mask) -> mask`.
        arguments: optional keyword arguments passed to `function`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Lambda(lambda x: tf.exp(x))(tf.constant([0.])).numpy()
        array([1.], dtype=float32)
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(f"Lambda: `function` must be callable; got {function!r}")
        self.function = function
        self.arguments = dict(arguments or {})
        self._output_shape = output_shape
        self.mask = mask
        self.supports_masking = mask is not None
        self._fn_args = _parameter_names(function)

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if "mask" in self._fn_args:
            kwargs["mask"] = mask
        if "training" in self._fn_args:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        """The `mask` argument (called when it is a function)."""
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            return super().compute_output_shape(input_shape)
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        dims = tf.TensorShape(input_shape).as_list()
        batch = dims[0] if dims else None
        return (batch,) + tuple(self._output_shape)

    def get_config(self) -> dict:
        config = {**super().get_config(),
                  "function": serialization.serialize_keras_object(self.function),
                  "arguments": serialization.serialize_keras_object(self.arguments)}
        if self._output_shape is not None:
            config["output_shape"] = serialization.serialize_keras_object(self._output_shape)
        if self.mask is not None:
            config["mask"] = serialization.serialize_keras_object(self.mask)
        return config

    @classmethod
    def from_config(cls, config: dict, custom_objects=None, safe_mode=None):
        """Rebuilds the layer; a saved Python lambda needs `safe_mode=False` (A5.9).

        Raises:
            ValueError: for a lambda in safe mode.
            TypeError: for a function that cannot be found.
        """
        config = _from_keras2(dict(config))
        safe = True if safe_mode is None else bool(safe_mode)
        for key in ("function", "output_shape", "mask"):
            if isinstance(config.get(key), dict):
                config[key] = serialization.deserialize_keras_object(
                    config[key], custom_objects=custom_objects, safe_mode=safe)
        if isinstance(config.get("output_shape"), list):
            config["output_shape"] = tuple(config["output_shape"])
        function = config.get("function")
        if not callable(function):
            raise TypeError(f"Lambda.from_config: cannot find the function {function!r}; pass "
                            "it in `custom_objects` or register it with "
                            "`@keras.saving.register_keras_serializable()`")
        return super().from_config(config)


def _from_keras2(config: dict) -> dict:
    """Keras 2 saved `function` as a name plus `function_type`, or as lambda bytecode."""
    kind = config.pop("function_type", None)
    config.pop("module", None)
    config.pop("output_shape_type", None)
    config.pop("output_shape_module", None)
    if kind == "lambda":
        raise ValueError("This Lambda layer was saved by Keras 2 as Python bytecode, which "
                         "tensorlet never loads, even with safe_mode=False. Rebuild the layer "
                         "with a named function.")
    if isinstance(config.get("function"), str):
        config["function"] = {"class_name": "function", "config": config["function"]}
    return config


def _parameter_names(fn) -> frozenset:
    try:
        return frozenset(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return frozenset()
