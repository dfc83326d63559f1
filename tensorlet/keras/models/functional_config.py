"""The config of a Functional model: its layers and the calls that connect them (Keras 3 format).

Each layer entry holds the layer's serialized config and its `inbound_nodes`: the arguments of
each call, where a Keras tensor is written as `{"class_name": "__keras_tensor__", "config":
{"shape", "dtype", "keras_history": [layer name, node index, tensor index]}}`. Node indexes
count the calls of a layer inside this model only.
"""

from __future__ import annotations

import tensorlet as tf

from ..layers.keras_tensor import KerasTensor

__all__ = ["get_config", "rebuild"]

_TENSOR = "__keras_tensor__"


def _node_ids(model) -> dict:
    """id(node) -> its index among the calls of its layer within `model`."""
    counts: dict = {}
    index = {}
    for tensor in model._flat_inputs:
        node = tensor._keras_history[0]
        index[id(node)] = 0
    for node in model._nodes:
        n = counts.get(id(node.layer), 0)
        index[id(node)] = n
        counts[id(node.layer)] = n + 1
    return index


def get_config(model) -> dict:
    """`model.get_config()` of a Functional model."""
    from ..saving import serialization

    node_ids = _node_ids(model)

    def history(tensor):
        node, tensor_index = tensor._keras_history
        return [node.layer.name, node_ids[id(node)], tensor_index]

    def encode(x):
        if isinstance(x, KerasTensor):
            return {"class_name": _TENSOR, "config": {
                "shape": list(x.shape.as_list()), "dtype": x.dtype.name,
                "keras_history": history(x)}}
        return serialization.serialize_keras_object(x)

    layers = []
    for layer in model._functional_layers:
        entry = serialization.serialize_keras_object(layer)
        entry.pop("build_config", None)
        entry["name"] = layer.name
        entry["inbound_nodes"] = [
            {"args": [_map(encode, node.arguments[0])] + [_map(encode, a)
                                                          for a in node.arguments[1]],
             "kwargs": {k: _map(encode, v) for k, v in node.arguments[2].items()}}
            for node in model._nodes if node.layer is layer]
        layers.append(entry)
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": _map(history, model._inputs_struct),
            "output_layers": _map(history, model._outputs_struct)}


def _map(fn, structure):
    if isinstance(structure, KerasTensor):
        return fn(structure)
    if isinstance(structure, dict):
        return {k: _map(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return [_map(fn, v) for v in structure]
    return fn(structure)


def rebuild(config: dict, custom_objects=None):
    """Recreates the layers and replays their calls; returns (inputs, outputs, name)."""
    from ..saving import serialization

    created, outputs_of, pending = {}, {}, []
    for entry in config["layers"]:
        layer_config = {k: v for k, v in entry.items() if k not in ("inbound_nodes", "name")}
        layer = serialization.deserialize_keras_object(layer_config,
                                                       custom_objects=custom_objects)
        created[entry["name"]] = layer
        outputs_of[entry["name"]] = []
        if hasattr(layer, "output") and not entry.get("inbound_nodes"):
            outputs_of[entry["name"]].append([layer.output])
        pending.extend((entry["name"], node) for node in entry.get("inbound_nodes", []))

    def decode(x):
        if isinstance(x, dict) and x.get("class_name") == _TENSOR:
            name, node_index, tensor_index = x["config"]["keras_history"]
            return outputs_of[name][node_index][tensor_index]
        if isinstance(x, dict):
            return {k: decode(v) for k, v in x.items()}
        if isinstance(x, list):
            return [decode(v) for v in x]
        return x

    while pending:
        remaining = []
        for name, node in pending:
            try:
                args = [decode(a) for a in node["args"]]
                kwargs = {k: decode(v) for k, v in node["kwargs"].items()}
            except (KeyError, IndexError):
                remaining.append((name, node))
                continue
            result = created[name](*args, **kwargs)
            outputs_of[name].append([t for t in tf.nest.flatten(result)
                                     if isinstance(t, KerasTensor)])
        if len(remaining) == len(pending):
            raise ValueError(f"Cannot rebuild the Functional model '{config.get('name')}': "
                             f"the calls of {[n for n, _ in remaining]} refer to missing "
                             f"layers or tensors.")
        pending = remaining

    def find(h):
        return outputs_of[h[0]][h[1]][h[2]]

    return (_unhistory(config["input_layers"], find), _unhistory(config["output_layers"], find),
            config.get("name"))


def _is_history(x) -> bool:
    return (len(x) == 3 and isinstance(x[0], str) and isinstance(x[1], int)
            and isinstance(x[2], int))


def _unhistory(structure, find):
    if isinstance(structure, dict):
        return {k: _unhistory(v, find) for k, v in structure.items()}
    if isinstance(structure, list) and _is_history(structure):
        return find(structure)
    return [_unhistory(v, find) for v in structure]
