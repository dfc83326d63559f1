"""Functional models: `Model(inputs, outputs)` over a graph of layer calls.

The graph is the `LayerNode`s recorded when layers were called on Keras tensors. Calling the
model on real tensors replays those calls in topological order.
"""

from __future__ import annotations

import tensorlet as tf

from ..layers import call_context
from ..layers.input_layer import InputLayer
from ..layers.keras_tensor import KerasTensor
from . import functional_config
from .model import Model

__all__ = ["Functional", "functional_class"]


class Functional(Model):
    """A model defined by its input and output Keras tensors (Wide & Deep style).

    Args:
        inputs: a Keras tensor from `tf.keras.Input`, or a list/dict of them.
        outputs: the Keras tensor(s) computed from the inputs, as a tensor, list or dict.
        name: the model's name.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.keras.Input(shape=(2,))
        >>> y = tf.keras.layers.Lambda(lambda t: t * 2.0)(x)
        >>> model = tf.keras.Model(inputs=x, outputs=y)
        >>> model(tf.constant([[1., 2.]])).numpy()
        array([[2., 4.]], dtype=float32)
    """

    _is_functional = True
    _becomes_functional = False

    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs) -> None:
        Model.__init__(self, name=name or _default_name(type(self)), trainable=trainable,
                       **kwargs)
        set_ = object.__setattr__
        set_(self, "_autocast", False)
        set_(self, "_inputs_struct", _normalize(inputs))
        set_(self, "_outputs_struct", _normalize(outputs))
        flat_inputs = tf.nest.flatten(self._inputs_struct)
        flat_outputs = tf.nest.flatten(self._outputs_struct)
        for tensor in flat_inputs + flat_outputs:
            if not isinstance(tensor, KerasTensor):
                raise ValueError(f"All `inputs` and `outputs` values of a Functional model "
                                 f"must be KerasTensors (from `tf.keras.Input` and layer "
                                 f"calls). Received: {tensor!r}")
        set_(self, "_flat_inputs", flat_inputs)
        set_(self, "_flat_outputs", flat_outputs)
        set_(self, "_nodes", _topological_nodes(flat_inputs, flat_outputs))
        self._functional_layers = _ordered_layers(flat_inputs, self._nodes)
        set_(self, "built", True)

    # --- structure --------------------------------------------------------------------------

    @property
    def inputs(self) -> list:
        return list(self._flat_inputs)

    @property
    def outputs(self) -> list:
        return list(self._flat_outputs)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_names(self) -> list:
        return [t._keras_history[0].layer.name for t in self._flat_inputs]

    @property
    def output_names(self) -> list:
        return [t._keras_history[0].layer.name for t in self._flat_outputs]

    @property
    def input_shape(self):
        shapes = [tuple(t.shape.as_list()) for t in self._flat_inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = [tuple(t.shape.as_list()) for t in self._flat_outputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def layers(self) -> list:
        return list(self._functional_layers)

    # --- running ----------------------------------------------------------------------------

    def call(self, inputs, training=None, mask=None):
        values = {}
        for tensor, x in zip(self._flat_inputs, self._match_inputs(inputs)):
            values[id(tensor)] = _convert_input(x, tensor)

        def lookup(x):
            return values[id(x)] if isinstance(x, KerasTensor) else x

        for node in self._nodes:
            inputs_, args, kwargs = tf.nest.map_structure(lookup, node.arguments)
            outputs = node.layer(inputs_, *args, **kwargs)
            flat = tf.nest.flatten(outputs)
            for tensor, index in zip(node.flat_outputs, node.output_positions):
                values[id(tensor)] = flat[index]
        outputs = tf.nest.map_structure(lookup, self._outputs_struct)
        context = call_context.current()
        if context is not None and context.symbolic:
            return outputs
        # NOTE: as Keras 3, a call on values unwraps a one-element list of outputs
        # (`Model(inputs, [output])(x)` is a tensor), a call on Keras tensors does not.
        if isinstance(outputs, (list, tuple)) and len(outputs) == 1:
            return outputs[0]
        return outputs

    def _match_inputs(self, inputs) -> list:
        """The call's inputs, one per model input, in `self._flat_inputs` order."""
        expected = len(self._flat_inputs)
        if isinstance(inputs, dict):
            names = self.input_names
            missing = [n for n in names if n not in inputs]
            if missing:
                raise ValueError(f"Missing data for input(s) {missing} of model "
                                 f"'{self.name}'. Expected keys: {names}; received: "
                                 f"{sorted(inputs)}")
            return [inputs[n] for n in names]
        if isinstance(self._inputs_struct, dict) and isinstance(inputs, (list, tuple)):
            flat = list(inputs)
        elif expected == 1 and not (isinstance(inputs, (list, tuple)) and len(inputs) == 1):
            flat = [inputs]
        else:
            flat = tf.nest.flatten(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        if len(flat) != expected:
            raise ValueError(f"Model '{self.name}' expects {expected} input(s), but it "
                             f"received {len(flat)} input tensors.")
        return flat

    def compute_output_shape(self, input_shape):
        return tf.nest.map_structure(lambda t: t.shape, self._outputs_struct)

    # --- config -----------------------------------------------------------------------------

    def get_config(self) -> dict:
        return functional_config.get_config(self)

    @classmethod
    def from_config(cls, config: dict, custom_objects=None):
        inputs, outputs, name = functional_config.rebuild(config, custom_objects)
        return cls(inputs=inputs, outputs=outputs, name=name,
                   trainable=config.get("trainable", True))

    def get_build_config(self) -> None:
        return None


_FUNCTIONAL_CLASSES: dict = {}


def functional_class(cls) -> type:
    """`cls` (a `Model` subclass) mixed with `Functional`, for `cls(inputs, outputs)`.

    The class keeps `cls`'s name and module, and `cls`'s methods (`train_step`...) come
    first; it is saved under `cls`'s name.

    Example:
        >>> import tensorlet as tf
        >>> class MyModel(tf.keras.Model):
        ...     pass
        >>> inputs = tf.keras.Input(shape=(2,))
        >>> model = MyModel(inputs, tf.keras.layers.Dense(1)(inputs))
        >>> type(model) is functional_class(MyModel), isinstance(model, MyModel)
        (True, True)
    """
    derived = _FUNCTIONAL_CLASSES.get(cls)
    if derived is None:
        derived = type(cls.__name__, (cls, Functional), {
            "__module__": cls.__module__, "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__, "_functional_origin": cls})
        _FUNCTIONAL_CLASSES[cls] = derived
    return derived


def _default_name(cls) -> str:
    """`functional`, or the subclass's name in snake case (`custom_model`), made unique."""
    from .. import backend

    return backend.unique_object_name(backend.to_snake_case(cls.__name__))


def _normalize(structure):
    if isinstance(structure, tuple):
        return list(structure)
    return structure


def _convert_input(x, tensor: KerasTensor):
    dtype = tensor.dtype
    if isinstance(x, (tf.Tensor, tf.Variable)):
        if x.dtype != dtype and x.dtype.is_floating and dtype.is_floating:
            return tf.cast(x, dtype)
        return x
    if dtype.is_floating and hasattr(x, "dtype") and getattr(x.dtype, "kind", "") in "fiub":
        return tf.convert_to_tensor(x, dtype=dtype)
    return tf.convert_to_tensor(x)


def _topological_nodes(flat_inputs, flat_outputs) -> list:
    """The layer calls between the inputs and the outputs, each after its parents.

    Raises:
        ValueError: when an output depends on an Input that is not among `inputs`.
    """
    input_ids = {id(t) for t in flat_inputs}
    order, state = [], {}

    def visit(tensor):
        if id(tensor) in input_ids:
            return
        history = tensor._keras_history
        if history is None:
            raise ValueError(f"Graph disconnected: {tensor!r} was not produced by a layer.")
        node = history[0]
        if isinstance(node.layer, InputLayer):
            raise ValueError(
                f"Graph disconnected: cannot find parent for {tensor!r}: the input "
                f"'{node.layer.name}' is not among the model's inputs "
                f"{[t.name for t in flat_inputs]}.")
        if state.get(id(node)) == "done":
            return
        state[id(node)] = "visiting"
        for parent in node.flat_inputs:
            visit(parent)
        state[id(node)] = "done"
        order.append(node)

    for tensor in flat_outputs:
        visit(tensor)
    return order


def _ordered_layers(flat_inputs, nodes) -> list:
    layers, seen = [], set()
    for layer in [t._keras_history[0].layer for t in flat_inputs] + [n.layer for n in nodes]:
        if id(layer) not in seen:
            seen.add(id(layer))
            layers.append(layer)
    return layers
