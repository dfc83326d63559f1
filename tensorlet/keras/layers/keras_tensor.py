"""Keras tensors: the symbolic tensors of the Functional API, built on the graph tracer.

`tf.keras.Input(shape)` returns a `KerasTensor`, a `SymbolicTensor` (the type traced functions
see) that also remembers which layer call produced it. Calling a layer on Keras tensors traces
the layer's `call` into a small graph of its own, through tensorlet's `GraphBuilder`: the output
specs come from the ops' shape rules, never from running the layer on dummy data. Each call is
recorded as a `LayerNode` (layer, arguments, outputs); a Functional model replays those nodes on
real tensors.
"""

from __future__ import annotations

import itertools

import tensorlet as tf
from tensorlet.graph.builder import GraphBuilder, building, suspended
from tensorlet.graph.ir import Graph
from tensorlet.graph.symbolic import SymbolicTensor

from . import call_context

__all__ = ["KerasTensor", "LayerNode", "any_keras_tensor", "symbolic_call",
           "trace_output_specs", "make_input_tensor"]

_names = itertools.count(0)


class KerasTensor(SymbolicTensor):
    """A symbolic tensor of the Functional API: a shape, a dtype and the layer call behind it.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.keras.Input(shape=(3,), name="x")
        >>> x.shape, x.dtype, x.name
        (TensorShape([None, 3]), tf.float32, 'x')
    """

    __slots__ = ("_keras_history", "_keras_name")

    @property
    def name(self) -> str:
        return self._keras_name

    def __repr__(self) -> str:
        return (f"<KerasTensor shape={tuple(self.shape.as_list())}, dtype={self.dtype.name}, "
                f"name={self._keras_name}>")

    __str__ = __repr__

    def _static_value(self):
        return None  # a placeholder of the Functional API never holds a value

    def _concrete_value_error(self) -> ValueError:
        """Keras 3's error for a Keras tensor given to a TF op outside a layer."""
        return ValueError(
            f"A KerasTensor cannot be used as input to a TensorFlow function. A KerasTensor is "
            f"a symbolic placeholder for a shape and dtype, used when constructing Keras "
            f"Functional models or Keras Functions. You can only use it as input to a Keras "
            f"layer or a Keras operation (from the namespaces `keras.layers` and "
            f"`keras.operations`). You are likely doing something like:\n\n```\n"
            f"x = Input(...)\n...\ntf_fn(x)  # Invalid.\n```\n\nWhat you should do "
            f"instead is wrap `tf_fn` in a layer:\n\n```\nclass MyLayer(Layer):\n"
            f"    def call(self, x):\n        return tf_fn(x)\n\nx = MyLayer()(x)\n```\n"
            f"(got {self!r})")


class LayerNode:
    """One call of `layer` on Keras tensors: its arguments and outputs (nested as given)."""

    __slots__ = ("layer", "arguments", "outputs", "flat_inputs", "flat_outputs",
                 "output_positions")

    def __init__(self, layer, arguments, outputs) -> None:
        self.layer = layer
        self.arguments = arguments
        self.outputs = outputs
        self.flat_inputs = [x for x in tf.nest.flatten(arguments) if isinstance(x, KerasTensor)]
        flat = tf.nest.flatten(outputs)
        self.output_positions = [i for i, x in enumerate(flat) if isinstance(x, KerasTensor)]
        self.flat_outputs = [flat[i] for i in self.output_positions]

    @property
    def parent_nodes(self) -> list:
        return [x._keras_history[0] for x in self.flat_inputs]


def any_keras_tensor(structure) -> bool:
    """Whether a (nested) argument holds a Keras tensor; fast for a single eager tensor."""
    if isinstance(structure, KerasTensor):
        return True
    if isinstance(structure, (list, tuple, dict)):
        return any(isinstance(x, KerasTensor) for x in tf.nest.flatten(structure))
    return False


def _keras_tensor(spec, name: str | None = None) -> KerasTensor:
    graph = Graph("keras")
    node = graph.add_node("input", None, name or "keras_tensor", [], {}, [spec],
                          value_class=KerasTensor)
    tensor = node.outputs[0]
    tensor._keras_name = name or f"keras_tensor_{next(_names)}"
    tensor._keras_history = None
    return tensor


def make_input_tensor(layer, shape, dtype, name: str) -> KerasTensor:
    """The output tensor of an `InputLayer`, with its history."""
    tensor = _keras_tensor(tf.TensorSpec(shape, dtype), name)
    node = LayerNode(layer, (), tensor)
    tensor._keras_history = (node, 0)
    layer._inbound_nodes.append(node)
    return tensor


def _shapes(flat_keras) -> list:
    return [x.shape for x in flat_keras]


def symbolic_call(layer, inputs, args: tuple, kwargs: dict):
    """`layer(inputs, *args, **kwargs)` on Keras tensors: output Keras tensors and a node."""
    arguments = (inputs, args, kwargs)
    if not layer.built:
        with suspended():
            layer._build_with_shape(tf.nest.map_structure(
                lambda x: x.shape if isinstance(x, KerasTensor) else x, inputs))
    if layer._dynamic:
        shapes = layer.compute_output_shape(tf.nest.map_structure(_spec_shape, inputs))
        outputs = _outputs_from_shapes(shapes, layer.compute_dtype)
    else:
        outputs = _trace_call(layer, arguments)
    node = LayerNode(layer, arguments, outputs)
    for index, tensor in enumerate(node.flat_outputs):
        tensor._keras_history = (node, index)
    layer._inbound_nodes.append(node)
    return outputs


def _spec_shape(x):
    return x.shape if isinstance(x, KerasTensor) else x


def _outputs_from_shapes(shapes, dtype):
    if isinstance(shapes, (list, tuple)) and all(
            d is None or isinstance(d, int) for d in shapes):
        shapes = tf.TensorShape(shapes)
    return tf.nest.map_structure(
        lambda s: _keras_tensor(tf.TensorSpec(s, dtype)), shapes)


def _trace_call(layer, arguments):
    """Traces the call into a fresh graph; returns fresh Keras tensors for its results."""
    builder = GraphBuilder(Graph(f"{layer.name}_call"), allow_variable_creation=True)
    counter = itertools.count()

    def placeholder(x):
        if isinstance(x, KerasTensor):
            return builder.placeholder(x.spec, f"input_{next(counter)}")
        return x

    inputs, args, kwargs = tf.nest.map_structure(placeholder, arguments)
    with building(builder):
        call_context.enter(call_context.CallContext(None, True, layer, 0))
        try:
            outputs = layer(inputs, *args, **kwargs)
        finally:
            call_context.leave()
    return tf.nest.map_structure(_to_keras, outputs)


def _to_keras(x):
    if isinstance(x, (tf.Tensor, tf.Variable)):
        return _keras_tensor(tf.TensorSpec(x.shape, x.dtype))
    return x


def trace_output_specs(layer, input_shapes):
    """The output `TensorSpec`s of `layer` for inputs of `input_shapes` (in the layer dtype)."""
    if isinstance(input_shapes, (list, tuple)) and all(
            d is None or isinstance(d, int) for d in input_shapes):
        input_shapes = tf.TensorShape(input_shapes)
    inputs = tf.nest.map_structure(
        lambda s: _keras_tensor(tf.TensorSpec(s, layer.compute_dtype)), input_shapes)
    if not layer.built:
        with suspended():
            layer._build_with_shape(input_shapes)
    outputs = _trace_call(layer, (inputs, (), {}))
    return tf.nest.map_structure(
        lambda x: x.spec if isinstance(x, KerasTensor) else x, outputs)
