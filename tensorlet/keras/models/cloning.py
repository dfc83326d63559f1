"""`tf.keras.models.clone_model`: the same architecture with fresh weights (A5.8)."""

from __future__ import annotations

__all__ = ["clone_model"]


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """A new model with `model`'s architecture and newly initialized weights.

    Each layer is recreated from its config (`clone_function(layer)` may replace that), so no
    weight is shared with the original; copy them with `set_weights(model.get_weights())`.

    Args:
        model: a Sequential or Functional model.
        input_tensors: optional new `tf.keras.Input` tensor(s) for a Functional clone.
        clone_function: `layer -> new layer` (default: `layer.__class__.from_config`).

    Returns:
        The new model, built when the original was.

    Example:
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(2)])
        >>> clone = tf.keras.models.clone_model(model)
        >>> len(clone.weights), clone.weights[0] is model.weights[0]
        (2, False)
    """
    from .functional import Functional
    from .sequential import Sequential

    clone_function = clone_function or _clone_layer
    if isinstance(model, Sequential):
        return _clone_sequential(model, input_tensors, clone_function)
    if isinstance(model, Functional):
        return _clone_functional(model, input_tensors, clone_function)
    raise ValueError(f"Arguments clone_function and input_tensors are only supported for "
                     f"Sequential models or Functional models. Received model of type "
                     f"'{type(model).__name__}'; clone a subclassed model with "
                     f"`type(model).from_config(model.get_config())`.")


def _clone_layer(layer):
    from ..saving import serialization

    # NOTE: the config comes from a live object of this process, not from a file, so a
    # Lambda's Python function may be reused (as Keras does).
    with serialization.safe_mode_scope(False):
        return layer.__class__.from_config(layer.get_config())


def _clone_sequential(model, input_tensors, clone_function):
    from ..layers.input_layer import InputLayer
    from .sequential import Sequential

    clone = Sequential(name=model.name, trainable=model.trainable)
    if input_tensors is not None:
        clone.add(input_tensors[0] if isinstance(input_tensors, (list, tuple))
                  else input_tensors)
    elif model._input_layer is not None:
        clone.add(InputLayer(batch_shape=model._input_layer.batch_shape,
                             dtype=model._input_layer.dtype,
                             name=model._input_layer.name))
    for layer in model.layers:
        clone.add(clone_function(layer), rebuild=False)
    if clone._input_layer is not None:
        clone._build_graph()
    elif model.built and model._build_input_shape is not None:
        clone.build(model._build_input_shape)
    return clone


def _clone_functional(model, input_tensors, clone_function):
    import tensorlet as tf

    from ..layers.input_layer import Input
    from ..layers.keras_tensor import KerasTensor
    from .functional import Functional

    if input_tensors is None:
        new_inputs = [Input(batch_shape=tuple(t.shape.as_list()), dtype=t.dtype,
                            name=t._keras_history[0].layer.name) for t in model._flat_inputs]
    else:
        new_inputs = list(tf.nest.flatten(input_tensors))
    values = {id(old): new for old, new in zip(model._flat_inputs, new_inputs)}
    clones = {}

    def lookup(x):
        return values[id(x)] if isinstance(x, KerasTensor) else x

    for node in model._nodes:
        layer = clones.get(id(node.layer))
        if layer is None:
            layer = clones[id(node.layer)] = clone_function(node.layer)
        inputs, args, kwargs = tf.nest.map_structure(lookup, node.arguments)
        flat = tf.nest.flatten(layer(inputs, *args, **kwargs))
        for tensor, index in zip(node.flat_outputs, node.output_positions):
            values[id(tensor)] = flat[index]
    inputs = tf.nest.pack_sequence_as(model._inputs_struct, new_inputs)
    outputs = tf.nest.map_structure(lookup, model._outputs_struct)
    return Functional(inputs=inputs, outputs=outputs, name=model.name,
                      trainable=model.trainable)
