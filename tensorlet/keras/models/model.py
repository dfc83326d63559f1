"""`tf.keras.Model`: a layer with training, saving and inspection methods.

`Model(inputs, outputs)` makes a Functional model; subclassing `Model` makes a custom model
whose sub-layers are tracked like a layer's. Training (`compile`/`fit`/`evaluate`/`predict`)
comes from the trainer mixin of `keras.trainers` when that package is present.
"""

from __future__ import annotations

import importlib
import inspect

from ..layers.base_layer import Layer, input_shapes
from . import summary_utils

__all__ = ["Model"]


def _trainer_base():
    """The training mixin (`keras/trainers/trainer.py`, issue #6), or None until it exists."""
    try:
        module = importlib.import_module("tensorlet.keras.trainers.trainer")
    except ImportError:
        return None
    return module.Trainer


_TRAINER = _trainer_base()


def _is_functional_call(cls, args: tuple, kwargs: dict) -> bool:
    """Whether `cls(*args, **kwargs)` gives Keras tensors as `inputs` and `outputs` to a
    Model subclass that is not Functional yet."""
    if cls is Model or not cls._becomes_functional:
        return False
    inputs = args[0] if args else kwargs.get("inputs")
    outputs = args[1] if len(args) > 1 else kwargs.get("outputs")
    from ..layers.keras_tensor import any_keras_tensor

    return any_keras_tensor(inputs) or any_keras_tensor(outputs)


def _revivable_as_functional(cls) -> bool:
    """Whether `cls(inputs=..., outputs=..., name=...)` makes a Functional model of `cls`."""
    if cls is Model or getattr(cls, "_is_functional", False):
        return True
    init = cls.__init__
    if init is Model.__init__:
        return True
    params = inspect.signature(init).parameters
    if {"inputs", "outputs"} <= set(params):
        return True
    kinds = {p.kind for p in params.values()}
    return {inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD} <= kinds


class Model(*((_TRAINER, Layer) if _TRAINER is not None else (Layer,))):
    """A model: a `Layer` with `layers`, `get_layer`, `summary`, `save` and the trainer API.

    Example:
        >>> import tensorlet as tf
        >>> class Tiny(tf.keras.Model):
        ...     def __init__(self, **kwargs):
        ...         super().__init__(**kwargs)
        ...         self.hidden = tf.keras.layers.Layer(name="hidden1")
        ...     def call(self, x):
        ...         return self.hidden(x) * 2.0
        >>> model = Tiny()
        >>> model(tf.constant([1.])).numpy(), model.get_layer(index=0).name
        (array([2.], dtype=float32), 'hidden1')
    """

    # NOTE: whether `cls(inputs, outputs)` makes a Functional model of a subclass (False for
    # Sequential, whose layers may hold an Input, and for classes that are Functional already).
    _becomes_functional = True

    def __new__(cls, *args, **kwargs):
        # NOTE: as Keras 3, `Model(inputs, outputs)` is a Functional model, and so is
        # `MyModel(inputs, outputs)` for a subclass: an instance of `MyModel` mixed with
        # Functional (`functional.functional_class`), so `MyModel.train_step` still applies.
        if cls is Model and (len(args) >= 2 or "inputs" in kwargs or "outputs" in kwargs):
            from .functional import Functional

            return Layer.__new__(Functional, *args, **kwargs)
        if _is_functional_call(cls, args, kwargs):
            from .functional import functional_class

            return Layer.__new__(functional_class(cls), *args, **kwargs)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs) -> None:
        if _is_functional_call(type(self), args, kwargs):
            # NOTE: a subclass whose own `__init__` builds the graph and then calls
            # `super().__init__(inputs, outputs)`: it becomes Functional here.
            from .functional import Functional, functional_class

            object.__setattr__(self, "__class__", functional_class(type(self)))
            Functional.__init__(self, *args, **kwargs)
            return
        Layer.__init__(self, *args, **kwargs)
        if _TRAINER is not None:
            _TRAINER.__init__(self)

    @classmethod
    def from_config(cls, config: dict, custom_objects=None):
        """Recreates a model; a Functional config gives a Functional model (of `cls` when `cls`
        is a subclass whose `__init__` passes `inputs` and `outputs` on, as Keras 3).

        Example:
            >>> import tensorlet as tf
            >>> inputs = tf.keras.Input(shape=(3,))
            >>> model = tf.keras.Model(inputs, tf.keras.layers.Dense(2)(inputs))
            >>> type(tf.keras.Model.from_config(model.get_config())).__name__
            'Functional'
        """
        if {"layers", "input_layers", "output_layers"} <= set(config) and \
                _revivable_as_functional(cls):
            from .functional import Functional

            target = Functional if cls is Model else cls
            return Functional.from_config.__func__(target, config,
                                                   custom_objects=custom_objects)
        return super().from_config(config)

    # --- building ---------------------------------------------------------------------------

    def _build_from_inputs(self, inputs) -> None:
        """The first call builds sub-layers as they run; `build()` runs only if overridden."""
        if type(self).build is not Model.build:
            return Layer._build_from_inputs(self, inputs)
        object.__setattr__(self, "_build_input_shape", input_shapes(inputs))
        object.__setattr__(self, "built", True)

    def build(self, input_shape) -> None:
        """Builds the model's weights for inputs of `input_shape` by tracing `call`.

        Example:
            >>> import tensorlet as tf
            >>> class M(tf.keras.Model):
            ...     def __init__(self):
            ...         super().__init__()
            ...         self.d = tf.keras.layers.Dense(2)
            ...     def call(self, x):
            ...         return self.d(x)
            >>> m = M(); m.build((None, 3)); len(m.weights)
            2
        """
        from ..layers.keras_tensor import trace_output_specs

        object.__setattr__(self, "built", True)
        object.__setattr__(self, "_build_input_shape", input_shape)
        if input_shape is not None:
            trace_output_specs(self, input_shape)

    # --- inspection -------------------------------------------------------------------------

    @property
    def layers(self) -> list:
        """The model's direct sub-layers, in the order they were assigned."""
        return self._layers

    def get_layer(self, name=None, index=None):
        """A sub-layer by `name` or by `index` (0 is the first layer).

        Example:
            >>> import tensorlet as tf
            >>> model = tf.keras.Sequential([tf.keras.layers.Dense(2, name="hidden1")])
            >>> model.get_layer("hidden1").name
            'hidden1'
        """
        layers = self.layers
        if index is not None and name is not None:
            raise ValueError(f"Provide only a layer name or a layer index. Received: "
                             f"index={index}, name={name}.")
        if index is not None:
            if len(layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model "
                                 f"only has {len(layers)} layers.")
            return layers[index]
        if name is not None:
            for layer in layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: "
                             f"{[layer.name for layer in layers]}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None) -> None:
        """Prints a table of the layers, their output shapes and parameter counts.

        Example:
            >>> import tensorlet as tf
            >>> model = tf.keras.Sequential([tf.keras.Input(shape=(3,)),
            ...                              tf.keras.layers.Dense(2, name="d")])
            >>> model.summary(print_fn=lambda line: None)
        """
        text = summary_utils.summary_text(self, line_length, show_trainable)
        (print_fn or print)(text)

    # --- saving -----------------------------------------------------------------------------

    def save(self, filepath, overwrite=True, zipped=None, **kwargs) -> None:
        """Saves the architecture, weights and optimizer state (`keras.saving.save_model`)."""
        from ..saving import saving_lib

        saving_lib.save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def export(self, filepath, format="tf_saved_model", verbose=True, input_signature=None,
               **kwargs) -> None:
        """Exports the model for inference; `tf.saved_model.load` reads it (endpoint `serve`).

        The export is a graph of registry ops, constants and variable values: loading it needs
        neither this model's source code nor Keras, and never executes code from the files.
        """
        from ... import saved_model

        saved_model.export_keras(self, filepath, format=format, verbose=verbose,
                                 input_signature=input_signature, **kwargs)

    def save_weights(self, filepath, overwrite=True, **kwargs) -> None:
        """Saves the weights to `filepath`, whatever its name (D8)."""
        from ..saving import weights_io

        weights_io.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs) -> None:
        """Loads weights saved by `save_weights` (or a saved model's weights)."""
        from ..saving import weights_io

        weights_io.load_weights(self, filepath, skip_mismatch=skip_mismatch)

    def to_json(self, **kwargs) -> str:
        """The model's architecture as a JSON string (`model_from_json` reads it back).

        Example:
            >>> import tensorlet as tf
            >>> model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
            >>> '"class_name": "Sequential"' in model.to_json()
            True
        """
        from . import json_utils

        return json_utils.to_json(self, **kwargs)
