"""`tf.keras.Sequential`: a plain stack of single-input, single-output layers."""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from ..layers.base_layer import Layer
from ..layers.input_layer import InputLayer
from ..layers.keras_tensor import KerasTensor
from .model import Model

__all__ = ["Sequential"]


class Sequential(Model):
    """A model whose layers run one after the other.

    It is built lazily on its first call (no `Input` needed, B1), or at once when it starts
    with `tf.keras.Input(...)` or a layer given `input_shape=`.

    Args:
        layers: the initial list of layers.
        name: the model's name.

    Example:
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Dense(1)])
        >>> model.built, model(tf.ones((2, 4))).shape, model.built
        (False, TensorShape([2, 1]), True)
    """

    _becomes_functional = False

    def __init__(self, layers=None, trainable=True, name=None, **kwargs) -> None:
        name = name or backend.unique_object_name("sequential")
        Model.__init__(self, trainable=trainable, name=name, **kwargs)
        # NOTE: each layer casts its own inputs; an int input must reach an Embedding as is.
        object.__setattr__(self, "_autocast", False)
        object.__setattr__(self, "_input_layer", None)
        object.__setattr__(self, "_output_tensor", None)
        self._sequential_layers = []
        for layer in layers or ():
            self.add(layer, rebuild=False)
        if self._input_layer is not None:
            self._build_graph()

    @property
    def layers(self) -> list:
        return list(self._sequential_layers)

    def add(self, layer, rebuild: bool = True) -> None:
        """Appends a layer (or sets the input, for `tf.keras.Input(...)` / an `InputLayer`).

        Example:
            >>> import tensorlet as tf
            >>> model = tf.keras.Sequential()
            >>> model.add(tf.keras.layers.Dense(2, input_shape=(3,)))
            >>> model.built
            True
        """
        if isinstance(layer, KerasTensor) and isinstance(layer._keras_history[0].layer,
                                                         InputLayer):
            layer = layer._keras_history[0].layer
        if isinstance(layer, InputLayer):
            if self._input_layer is not None or self._sequential_layers:
                raise ValueError(f"Sequential model '{self.name}': an InputLayer can only be "
                                 f"the first layer of the model.")
            object.__setattr__(self, "_input_layer", layer)
            return
        if not isinstance(layer, Layer):
            raise ValueError(f"Only instances of `keras.Layer` can be added to a Sequential "
                             f"model. Received: {layer} (of type {type(layer)})")
        if not self._sequential_layers and self._input_layer is None \
                and layer._batch_input_shape is not None:
            object.__setattr__(self, "_input_layer", InputLayer(
                batch_shape=layer._batch_input_shape, dtype=layer._input_dtype))
        self._sequential_layers.append(layer)
        if rebuild and self._input_layer is not None:
            self._build_graph()

    def pop(self, rebuild: bool = True):
        """Removes and returns the last layer."""
        if not self._sequential_layers:
            raise TypeError("There are no layers in the model.")
        layer = self._sequential_layers.pop()
        if rebuild and self._input_layer is not None:
            self._build_graph()
        return layer

    def build(self, input_shape=None) -> None:
        """Builds every layer for inputs of `input_shape` (batch dimension included)."""
        if input_shape is None:
            if self._input_layer is None:
                raise ValueError("You must provide an `input_shape` argument.")
        else:
            shape = input_shape
            if isinstance(shape, tf.TensorShape):
                shape = shape.as_list()
            object.__setattr__(self, "_input_layer", InputLayer(batch_shape=tuple(shape)))
        self._build_graph()

    def _build_from_inputs(self, inputs) -> None:
        if isinstance(inputs, (list, tuple, dict)):
            raise ValueError(f"Sequential model '{self.name}' takes a single input tensor; "
                             f"received a {type(inputs).__name__}. Use the Functional API "
                             f"for layers with several inputs.")
        self.build(inputs.shape)

    def _build_graph(self) -> None:
        """Calls each layer on the input's Keras tensor: builds them, checks single outputs."""
        x = self._input_layer.output
        for layer in self._sequential_layers:
            x = _symbolic_step(self, layer, x)
        object.__setattr__(self, "_output_tensor", x)
        object.__setattr__(self, "_build_input_shape", self._input_layer.batch_shape)
        object.__setattr__(self, "built", True)

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self._sequential_layers:
            x = layer(x)
        return x

    # --- structure --------------------------------------------------------------------------

    @property
    def inputs(self) -> list:
        """`[input Keras tensor]` once the model is built (AttributeError before, as Keras 3).

        Example:
            >>> import tensorlet as tf
            >>> model = tf.keras.Sequential([tf.keras.Input(shape=(4,)),
            ...                              tf.keras.layers.Dense(3, name="h")])
            >>> features = tf.keras.Model(model.inputs, model.get_layer("h").output)
            >>> features(tf.ones((1, 4))).shape
            TensorShape([1, 3])
        """
        if self._input_layer is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined inputs yet.")
        return [self._input_layer.output]

    @property
    def outputs(self) -> list:
        """`[output Keras tensor]` once the model is built (AttributeError before)."""
        if self._output_tensor is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined outputs yet.")
        return [self._output_tensor]

    def __getattr__(self, name: str):
        # NOTE: a property raising AttributeError lands here: keep its message.
        if name in ("inputs", "outputs"):
            raise AttributeError(f"Sequential model '{self.name}' has no defined {name} yet.")
        return Model.__getattr__(self, name)

    @property
    def input_shape(self):
        if self._input_layer is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined input shape "
                                 f"yet.")
        return self._input_layer.batch_shape

    @property
    def output_shape(self):
        if self._output_tensor is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined output "
                                 f"shape yet.")
        return tuple(self._output_tensor.shape.as_list())

    def compute_output_shape(self, input_shape):
        if self._output_tensor is not None and tuple(input_shape) == \
                tuple(self._input_layer.batch_shape):
            return self._output_tensor.shape
        return Model.compute_output_shape(self, input_shape)

    # --- config -----------------------------------------------------------------------------

    def get_config(self) -> dict:
        from ..saving import serialization

        layers = [] if self._input_layer is None else [
            serialization.serialize_keras_object(self._input_layer)]
        for layer in self._sequential_layers:
            entry = serialization.serialize_keras_object(layer)
            if self._input_layer is not None:
                entry.pop("build_config", None)
            layers.append(entry)
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype,
                  "layers": layers}
        if self._input_layer is None and self._build_input_shape is not None:
            config["build_input_shape"] = list(self._build_input_shape)
        return config

    @classmethod
    def from_config(cls, config: dict, custom_objects=None):
        from ..saving import serialization

        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for entry in config.get("layers", []):
            layer = serialization.deserialize_keras_object(entry, custom_objects=custom_objects)
            model.add(layer, rebuild=False)
        if model._input_layer is not None:
            model._build_graph()
        elif config.get("build_input_shape") is not None:
            model.build(tuple(config["build_input_shape"]))
        return model

    def get_build_config(self) -> dict | None:
        if not self.built or self._input_layer is None:
            return None
        return {"input_shape": list(self._input_layer.batch_shape)}

    def build_from_config(self, config) -> None:
        if config and not self.built:
            self.build(tuple(config["input_shape"]))


def _symbolic_step(model, layer, x):
    try:
        y = layer(x)
    except Exception as error:
        message = (
            f"Layer '{layer.name}' ({type(layer).__name__}) failed in Sequential model "
            f"'{model.name}' on an input of shape {tuple(x.shape.as_list())}. Sequential "
            f"models only accept layers with one input tensor and one output tensor; use the "
            f"Functional API (`tf.keras.Model(inputs, outputs)`) for layers with several "
            f"inputs or outputs. Error: {error}")
        try:
            wrapped = type(error)(message)
        except Exception:
            wrapped = ValueError(message)
        raise wrapped from error
    if not isinstance(y, KerasTensor):
        raise ValueError(
            f"All layers in a Sequential model should have a single output tensor. For "
            f"multi-output layers, use the functional API. Layer '{layer.name}' returned "
            f"{type(y).__name__} in model '{model.name}'.")
    return y
