"""The object graph of a checkpoint: every variable reachable from its root, keyed by path.

A key is the path of attribute names (list indices, sorted dict keys) from the root to the
variable, followed by TF's `/.ATTRIBUTES/VARIABLE_VALUE`: `"model/_layers/0/_variables/1/..."`.
Children are visited in sorted order and each variable is keyed once (where first met), so an
equivalent, freshly built program finds the same keys. Keras layers are keyed by sub-layer and
weight order, optimizers by the order of their variables (as TF does for Keras 3 optimizers);
both are "buildable": variables they create later can still receive restored values.
"""

from __future__ import annotations

import sys

from ..core.variable import Variable

__all__ = ["SUFFIX", "walk", "is_trackable"]

SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"


def _class(module: str, name: str):
    """`module.name` if that module is already imported (else no object can be one)."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name, None) if loaded is not None else None


def _kind(obj) -> str | None:
    if isinstance(obj, Variable):
        return "variable"
    if getattr(obj, "_tensorlet_checkpoint", False):
        return "checkpoint"
    if isinstance(obj, (list, tuple, dict)):
        return "container"
    for module, name, kind in (
            ("tensorlet.keras.layers.layer_state", "LayerState", "layer"),
            ("tensorlet.keras.optimizers.optimizer_state", "OptimizerState", "optimizer"),
            ("tensorlet.module", "Module", "module")):
        cls = _class(module, name)
        if cls is not None and isinstance(obj, cls):
            return kind
    return None


def is_trackable(obj) -> bool:
    """Whether a checkpoint can track `obj` (variables, layers, optimizers, modules...)."""
    return _kind(obj) is not None


def _children(obj, kind: str) -> list:
    """`(name, child)` pairs of a non-variable object, in a stable order."""
    if kind == "checkpoint":
        return sorted(obj._checkpoint_children().items())
    if kind == "container":
        if isinstance(obj, dict):
            return [(str(k), obj[k]) for k in sorted(obj, key=lambda k: (type(k).__name__, k))]
        return [(str(i), item) for i, item in enumerate(obj)]
    if kind == "layer":
        return [("_variables", list(obj._owned_variables())), ("_layers", list(obj._layers))]
    if kind == "optimizer":
        return _optimizer_children(obj)
    ignored = getattr(obj, "_TF_MODULE_IGNORED_PROPERTIES", frozenset())
    return [(name, value) for name, value in sorted(vars(obj).items())
            if name not in ignored and name != "_name_scope"]


def _optimizer_children(optimizer) -> list:
    iterations = optimizer._iterations
    rate = getattr(optimizer, "_learning_rate", None)
    children = [("_iterations", iterations)]
    if isinstance(rate, Variable):
        children.append(("_learning_rate", rate))
    others = {str(i): v for i, v in enumerate(optimizer._variables)
              if v is not iterations and v is not rate}
    children.append(("_variables", others))
    children.append(("_trainable_variables", list(optimizer._trainable_variables)))
    return children


def walk(root) -> tuple[dict, list]:
    """`({key: variable}, [(buildable object, path)])` of everything reachable from `root`.

    Example:
        >>> import tensorlet as tf
        >>> variables, _ = walk({"w": tf.Variable(1.0), "b": [tf.Variable(2.0)]})
        >>> sorted(variables)
        ['b/0/.ATTRIBUTES/VARIABLE_VALUE', 'w/.ATTRIBUTES/VARIABLE_VALUE']
    """
    variables: dict = {}
    buildables: list = []
    seen: set = set()
    _visit(root, "", variables, buildables, seen)
    return variables, buildables


def _visit(obj, path: str, variables: dict, buildables: list, seen: set) -> None:
    kind = _kind(obj)
    if kind is None or id(obj) in seen:
        return
    if kind != "container":  # containers may be temporary lists: their ids can be reused
        seen.add(id(obj))
    if kind == "variable":
        variables[path + SUFFIX] = obj
        return
    if kind in ("layer", "optimizer"):
        buildables.append((obj, path))
    for name, child in _children(obj, kind):
        _visit(child, f"{path}/{name}" if path else name, variables, buildables, seen)
