"""Automatic tracking: the sub-layers, variables and metrics a layer holds in its attributes.

Assigning a layer, a variable or a metric to an attribute (directly, or inside a list, tuple or
dict, A9.1) records the attribute's name. The collections are read from those attributes each
time they are asked for, so a list that grows after assignment (`self.blocks.append(...)`) is
seen too. Order is assignment order; an object held twice is listed once.
"""

from __future__ import annotations

import tensorlet as tf

__all__ = ["is_trackable_value", "is_metric", "flatten_attr", "collect"]

_CONTAINERS = (list, tuple, dict)


def is_metric(value) -> bool:
    """A streaming metric (duck-typed, so this module does not import keras.metrics)."""
    return (hasattr(value, "update_state") and hasattr(value, "result")
            and hasattr(value, "reset_state"))


def is_trackable_value(value) -> bool:
    """Whether an attribute value may hold layers, variables or metrics."""
    from .base_layer import Layer

    return (isinstance(value, (Layer, tf.Variable) + _CONTAINERS) or is_metric(value))


def flatten_attr(value, out: list, depth: int = 0) -> None:
    """Appends the layers, variables and metrics found in `value` (containers are walked)."""
    from .base_layer import Layer

    if isinstance(value, (Layer, tf.Variable)):
        out.append(value)
    elif isinstance(value, dict):
        if depth < 8:
            for item in value.values():
                flatten_attr(item, out, depth + 1)
    elif isinstance(value, (list, tuple)):
        if depth < 8:
            for item in value:
                flatten_attr(item, out, depth + 1)
    elif is_metric(value):
        out.append(value)


def collect(layer) -> list:
    """Every tracked object of `layer`'s attributes, deduplicated, in assignment order."""
    found: list = []
    namespace = layer.__dict__
    for name in layer._tracked_attrs:
        value = namespace.get(name)
        if value is not None:
            flatten_attr(value, found)
    seen: set = set()
    unique = []
    for obj in found:
        if id(obj) not in seen and obj is not layer:
            seen.add(id(obj))
            unique.append(obj)
    return unique
