"""Automatic tracking: the sub-layers, variables and metrics a layer holds in its attributes.

Assigning a layer, a variable or a metric to an attribute (directly, or inside a list, tuple or
dict, A9.1) records the attribute's name. Lists and dicts assigned to a layer are wrapped in
`TrackedList` / `TrackedDict`, so that a later `self.blocks.append(layer)` is seen too. Every
change that can alter what a layer tracks bumps one global version number, which lets layers
cache their flattened sub-layers and weights between changes. Order is assignment order; an
object held twice is listed once.
"""

from __future__ import annotations

import tensorlet as tf

__all__ = ["is_trackable_value", "is_metric", "flatten_attr", "collect", "wrap", "bump",
           "version", "TrackedList", "TrackedDict"]

_state = {"version": 0, "layer_class": None}


def version() -> int:
    """The tracking version: it changes whenever any layer's tracked structure may change."""
    return _state["version"]


def bump() -> None:
    _state["version"] += 1


def _layer_class():
    cls = _state["layer_class"]
    if cls is None:
        from .base_layer import Layer

        cls = _state["layer_class"] = Layer
    return cls


def _bumping(base: type, name: str):
    method = getattr(base, name)

    def wrapper(self, *args, **kwargs):
        bump()
        return method(self, *args, **kwargs)

    wrapper.__name__ = name
    return wrapper


class TrackedList(list):
    """A list held by a layer: changing it invalidates the layer's tracking caches."""

    for _name in ("append", "extend", "insert", "pop", "remove", "clear", "__setitem__",
                  "__delitem__", "__iadd__", "sort", "reverse"):
        locals()[_name] = _bumping(list, _name)
    del _name


class TrackedDict(dict):
    """A dict held by a layer: changing it invalidates the layer's tracking caches."""

    for _name in ("__setitem__", "__delitem__", "pop", "popitem", "clear", "update",
                  "setdefault"):
        locals()[_name] = _bumping(dict, _name)
    del _name


def wrap(value):
    """Plain lists and dicts become tracked containers (their items too)."""
    if type(value) is list:
        return TrackedList(wrap(v) for v in value)
    if type(value) is dict:
        return TrackedDict((k, wrap(v)) for k, v in value.items())
    return value


def is_metric(value) -> bool:
    """A streaming metric (duck-typed, so this module does not import keras.metrics)."""
    return (hasattr(value, "update_state") and hasattr(value, "result")
            and hasattr(value, "reset_state"))


def is_trackable_value(value) -> bool:
    """Whether an attribute value may hold layers, variables or metrics."""
    return (isinstance(value, (_layer_class(), tf.Variable, list, tuple, dict))
            or is_metric(value))


def flatten_attr(value, out: list, depth: int = 0) -> None:
    """Appends the layers, variables and metrics found in `value` (containers are walked)."""
    if isinstance(value, (_layer_class(), tf.Variable)):
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
