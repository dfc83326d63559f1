"""Resolves the names of tensorlet's own Keras classes and functions, from a fixed allowlist.

A saved config names a built-in object by `class_name` (and a `module` hint such as
"keras.layers" or "keras.src.layers.core.dense"). The hint only picks which allowlisted
namespace is searched first; it is never imported. Only public names that are classes or
functions defined inside tensorlet are returned, so no config can reach `os`, `builtins`,
`tensorlet.keras.saving` or `keras.config`.
"""

from __future__ import annotations

import inspect

import tensorlet as tf

# Namespaces (attribute paths under tensorlet.keras) that hold classes a config may name.
_CLASS_NAMESPACES = {
    "layers": "layers",
    "models": "models",
    "losses": "losses",
    "metrics": "metrics",
    "optimizers": "optimizers",
    "schedules": "optimizers.schedules",
    "initializers": "initializers",
    "regularizers": "regularizers",
    "constraints": "constraints",
    "activations": "activations",
}
# Where a function saved by name (`{"class_name": "function", "config": "relu"}`) is looked up.
_FUNCTION_NAMESPACES = ("activations", "losses", "metrics")
# Pure tensor functions (`activation=tf.exp`) may be saved by name too.
_TENSOR_FUNCTION_NAMESPACES = ("math", "nn")


def _namespace(path: str):
    # NOTE: the subpackages load lazily; one still under construction must not break the rest.
    try:
        module = getattr(tf, "keras", None)
        for part in path.split("."):
            module = getattr(module, part, None)
    except ImportError:
        return None
    return module


def _public(module, name: str):
    if module is None or not name.isidentifier() or name.startswith("_"):
        return None
    exported = getattr(module, "__all__", None)
    if exported is not None and name not in exported:
        return None
    obj = getattr(module, name, None)
    if not (inspect.isclass(obj) or inspect.isfunction(obj) or inspect.isbuiltin(obj)):
        return None
    if not getattr(obj, "__module__", "").startswith("tensorlet."):
        return None
    return obj


def _hinted_keys(module_hint) -> list:
    if not isinstance(module_hint, str):
        return []
    parts = module_hint.split(".")
    return [part for part in reversed(parts) if part in _CLASS_NAMESPACES][:1]


def find_class(class_name: str, module_hint=None):
    """Returns the built-in Keras class `class_name` (the hinted namespace first), or None.

    A hint naming a user module (`__main__`, `my_project.losses`) finds no built-in class: a
    user's `Constant` must never be rebuilt as `initializers.Constant`.
    """
    if isinstance(module_hint, str) and not module_hint.startswith(("keras", "tensorlet")):
        return None
    keys = _hinted_keys(module_hint) + list(_CLASS_NAMESPACES)
    for key in keys:
        obj = _public(_namespace(_CLASS_NAMESPACES[key]), class_name)
        if inspect.isclass(obj):
            return obj
    return None


def find_function(name: str):
    """Returns the built-in Keras (or tensor) function `name`, or None."""
    for key in _FUNCTION_NAMESPACES:
        obj = _public(_namespace(key), name)
        if obj is not None and not inspect.isclass(obj):
            return obj
    for key in _TENSOR_FUNCTION_NAMESPACES:
        obj = _public(getattr(tf, key, None), name)
        if obj is not None and not inspect.isclass(obj):
            return obj
    return None


def public_module(cls) -> str | None:
    """The Keras-3-style module hint saved for `cls` ("keras.layers"), or its own module."""
    module = getattr(cls, "__module__", None) or ""
    if module.startswith("tensorlet.keras."):
        parts = module.split(".")[2:]
        for key in reversed(parts):
            if key in _CLASS_NAMESPACES:
                return "keras." + _CLASS_NAMESPACES[key]
        return "keras"
    return module or None
