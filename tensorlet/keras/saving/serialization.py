"""Keras objects to and from JSON-ready configs (the Keras 3 format, Keras 2 configs accepted).

An object with `get_config` becomes
`{"module": "keras.layers", "class_name": "Dense", "config": {...}, "registered_name": None}`;
a function becomes `{"module": "builtins", "class_name": "function", "config": "relu",
"registered_name": "function"}` (its registered name, `"Custom>huber_fn"`, when registered).
Keras 2's `{"class_name": ..., "config": ...}` and plain strings are read too.

Safety (FEATURES C8): a name resolves ONLY through `custom_objects`, the active custom-object
scopes, the registry, the caller's `module_objects` and an allowlist of tensorlet's own Keras
namespaces (`builtin_objects`). Nothing is imported, unpickled, unmarshalled or evaluated;
the one exception is a saved lambda's source, compiled only after an explicit
`safe_mode=False`.
"""

from __future__ import annotations

import contextlib
import inspect
import threading

import numpy as np

import tensorlet as tf

from . import builtin_objects, unsafe_lambda
from .object_registration import (
    CustomObjectScope,
    current_custom_objects,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
)

__all__ = [
    "CustomObjectScope",
    "custom_object_scope",
    "deserialize_keras_object",
    "enable_unsafe_deserialization",
    "get_custom_objects",
    "get_registered_name",
    "get_registered_object",
    "register_keras_serializable",
    "serialize_keras_object",
]

_state = threading.local()
_global_unsafe = [False]

_MISSING_HINT = (
    "Make sure custom classes and functions are decorated with "
    "`@keras.saving.register_keras_serializable()`. If they are already decorated, make sure "
    "they are all imported so that the decorator is run before trying to load them, or pass "
    "them in `custom_objects`."
)
_SPECIAL_DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                   "uint64", "float16", "float32", "float64", "complex64", "complex128")


def enable_unsafe_deserialization():
    """Turns safe mode off for the whole process (the user's explicit, global opt-in).

    A `load_model(..., safe_mode=True)` still refuses lambdas inside its own scope.

    Example:
        >>> from tensorlet.keras.saving import serialization
        >>> serialization.in_safe_mode()  # the default, until this function is called
        True
    """
    _global_unsafe[0] = True


def in_safe_mode() -> bool:
    """Whether lambdas are refused right now: the innermost `safe_mode` scope decides."""
    scoped = getattr(_state, "safe_mode", None)
    if scoped is not None:
        return scoped
    return not _global_unsafe[0]


@contextlib.contextmanager
def safe_mode_scope(safe_mode: bool):
    """Makes `safe_mode` apply to every nested deserialization (e.g. inside `from_config`)."""
    previous = getattr(_state, "safe_mode", None)
    _state.safe_mode = bool(safe_mode)
    try:
        yield
    finally:
        _state.safe_mode = previous


def serialize_keras_object(obj):
    """Returns a JSON-ready config of `obj` (the Keras 3 format).

    Args:
        obj: None, a Python scalar or string, a list/tuple/dict of serializable values, a
            NumPy value, a tensor, a function, or an object with `get_config()`.

    Returns:
        A value made of dicts, lists, strings, numbers, bools and None.

    Raises:
        TypeError: for an object without `get_config()`.

    Example:
        >>> from tensorlet import keras
        >>> keras.saving.serialize_keras_object(abs)["config"]
        'abs'
    """
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, (list, tuple)):
        return type(obj)(serialize_keras_object(x) for x in obj)
    if isinstance(obj, dict):
        return {key: serialize_keras_object(value) for key, value in obj.items()}
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("latin-1")}}
    if isinstance(obj, np.ndarray):
        return _array_config("__numpy__", obj)
    if isinstance(obj, tf.DType):
        return obj.name
    if isinstance(obj, tf.TensorShape):
        return obj.as_list() if obj.rank is not None else None
    if tf.is_tensor(obj) and not hasattr(obj, "get_config"):
        return _array_config("__tensor__", np.asarray(obj))
    if unsafe_lambda.is_lambda(obj):
        return unsafe_lambda.serialize_lambda(obj)
    if not inspect.isclass(obj) and hasattr(obj, "get_config"):
        return _object_config(obj)
    if callable(obj) and hasattr(obj, "__name__"):
        return {
            "module": "builtins",
            "class_name": "function",
            "config": get_registered_name(obj),
            "registered_name": "function",
        }
    raise TypeError(
        f"Cannot serialize object {obj!r} of type {type(obj)}. To be serializable, a class "
        "must implement the `get_config()` method."
    )


def _array_config(kind: str, array) -> dict:
    return {"class_name": kind, "config": {"value": array.tolist(), "dtype": str(array.dtype)}}


def _object_config(obj) -> dict:
    # NOTE: `MyModel(inputs, outputs)` is of a class mixing MyModel with Functional: it is
    # saved as MyModel (Keras 3), whose `from_config` rebuilds it.
    cls = getattr(type(obj), "_functional_origin", type(obj))
    registered = get_registered_name(cls)
    config = {
        "module": builtin_objects.public_module(cls),
        "class_name": cls.__name__,
        "config": serialize_keras_object(obj.get_config()),
        "registered_name": registered if registered != cls.__name__ else None,
    }
    build = getattr(obj, "get_build_config", None)
    if callable(build) and build() is not None:
        config["build_config"] = serialize_keras_object(build())
    return config


def deserialize_keras_object(
    config,
    module_objects=None,
    custom_objects=None,
    printable_module_name="object",
    safe_mode=True,
):
    """Rebuilds an object from `serialize_keras_object`'s output (or a Keras 2 config).

    Args:
        config: a config dict, a name string, or a plain value.
        module_objects: an optional dict of the caller's built-in objects, by name.
        custom_objects: an optional dict of user classes/functions, by name.
        printable_module_name: what the object is, for error messages ("activation").
        safe_mode: refuse configs holding Python lambdas (an enclosing `load_model` decides).

    Returns:
        The object. Plain values come back as they are.

    Raises:
        TypeError: naming a class or function that cannot be found.
        ValueError: for a lambda in safe mode, or a malformed config.

    Example:
        >>> from tensorlet import keras
        >>> config = keras.saving.serialize_keras_object(abs)
        >>> keras.saving.deserialize_keras_object(config, custom_objects={"abs": abs}) is abs
        True
    """
    scoped = getattr(_state, "safe_mode", None)
    effective = scoped if scoped is not None else (safe_mode and not _global_unsafe[0])
    with safe_mode_scope(effective), CustomObjectScope(custom_objects):
        return _deserialize(config, module_objects or {}, printable_module_name)


def _deserialize(config, module_objects, printable_module_name):
    if config is None or isinstance(config, (bool, int, float)):
        return config
    if isinstance(config, str):
        return _resolve_name(config, module_objects, printable_module_name)
    if isinstance(config, (list, tuple)):
        return type(config)(_deserialize(x, module_objects, printable_module_name) for x in config)
    if not isinstance(config, dict):
        raise ValueError(f"Cannot deserialize {printable_module_name} from {config!r}.")
    if "class_name" not in config:
        return {
            key: _deserialize(value, module_objects, printable_module_name)
            for key, value in config.items()
        }
    class_name = config["class_name"]
    inner = config.get("config")
    special = _deserialize_special(class_name, inner, config)
    if special is not _NOT_SPECIAL:
        return special
    if class_name == "function":
        return _resolve_function(config, module_objects)
    cls = _resolve_class(config, module_objects)
    return _instantiate(cls, inner, config)


_NOT_SPECIAL = object()


def _deserialize_special(class_name, inner, config):
    if class_name == unsafe_lambda.LAMBDA_CLASS_NAME:
        if in_safe_mode():
            raise ValueError(unsafe_lambda.SAFE_MODE_MESSAGE)
        namespace = {"tf": tf, "np": np, "keras": getattr(tf, "keras", None)}
        namespace.update(current_custom_objects())
        return unsafe_lambda.rebuild(inner, namespace)
    if class_name == "__tuple__":
        return tuple(_deserialize(x, {}, "object") for x in _field(inner, "value", config))
    if class_name == "__bytes__":
        return str(_field(inner, "value", config)).encode("latin-1")
    if class_name in ("__numpy__", "__tensor__"):
        dtype = _field(inner, "dtype", config)
        if dtype not in _SPECIAL_DTYPES:
            raise ValueError(f"Cannot deserialize an array of dtype {dtype!r} (config {config}).")
        array = np.asarray(_field(inner, "value", config), dtype=dtype)
        return array if class_name == "__numpy__" else tf.constant(array)
    return _NOT_SPECIAL


def _field(inner, key, config):
    if not isinstance(inner, dict) or key not in inner:
        raise ValueError(f"Malformed config, missing {key!r}: {config}")
    return inner[key]


def _resolve_name(name, module_objects, printable_module_name):
    obj = get_registered_object(name, module_objects=module_objects)
    if obj is not None:
        return obj
    if module_objects:
        raise ValueError(
            f"Unknown {printable_module_name}: '{name}'. Please ensure you are using a "
            "`keras.utils.custom_object_scope` and that this object is included in the scope. "
            f"{_MISSING_HINT}"
        )
    return name


def _missing(kind: str, name, config) -> TypeError:
    return TypeError(
        f"Could not locate {kind} '{name}'. {_MISSING_HINT} Full object config: {config}"
    )


def _resolve_function(config, module_objects):
    name = config.get("config")
    if not isinstance(name, str):
        raise ValueError(f"Malformed function config (the name must be a string): {config}")
    short = name.split(">")[-1]
    for candidate in (name, short):
        obj = get_registered_object(candidate, module_objects=module_objects)
        if obj is not None:
            return obj
    obj = builtin_objects.find_function(short) if ">" not in name else None
    if obj is None:
        raise _missing("function", name, config)
    return obj


def _resolve_class(config, module_objects):
    class_name = config["class_name"]
    registered = config.get("registered_name")
    if not isinstance(class_name, str):
        raise ValueError(f"Malformed config (class_name must be a string): {config}")
    for candidate in (registered, class_name):
        if isinstance(candidate, str):
            obj = get_registered_object(candidate, module_objects=module_objects)
            if obj is not None:
                return obj
    obj = builtin_objects.find_class(class_name, config.get("module"))
    if obj is None:
        raise _missing("class", class_name, config)
    return obj


def _instantiate(cls, inner, config):
    if inner is None:
        inner = {}
    if not inspect.isclass(cls):
        raise TypeError(f"'{config['class_name']}' does not name a class: {cls!r}")
    if not isinstance(inner, dict):
        raise ValueError(f"Malformed config for {config['class_name']}: {config}")
    from_config = getattr(cls, "from_config", None)
    obj = from_config(inner) if callable(from_config) else cls(**inner)
    build_config = config.get("build_config")
    build_from_config = getattr(obj, "build_from_config", None)
    if build_config is not None and callable(build_from_config):
        build_from_config(build_config)
    return obj
