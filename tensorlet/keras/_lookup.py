"""The `get`/`serialize`/`deserialize` lookup shared by `tf.keras.activations`, `constraints`,
`initializers` and `regularizers`.

Each module keeps its own public functions (with their docstrings) and calls these with its
table of built-in objects and the printable name used in error messages.

Example:
    >>> from tensorlet.keras import _lookup
    >>> _lookup.deserialize("l2", None, {"l2": dict}, "regularizer")
    {}
"""

from __future__ import annotations

import inspect


def _serialization():
    from .saving import serialization

    return serialization


def serialize(obj):
    """Returns `keras.saving.serialize_keras_object(obj)`."""
    return _serialization().serialize_keras_object(obj)


def deserialize(config, custom_objects, builtins, printable_name, instantiate=True):
    """Returns the object a name or config dict describes.

    Args:
        config: a name or a config dict.
        custom_objects: an optional dict of user objects.
        builtins: the module's dict of built-in names to objects.
        printable_name: how error messages name the kind of object ("constraint"...).
        instantiate: whether a class found is called to give an instance.
    """
    if isinstance(config, str) and config in builtins and not custom_objects:
        obj = builtins[config]
        return obj() if instantiate else obj
    obj = _serialization().deserialize_keras_object(
        config, module_objects=builtins, custom_objects=custom_objects,
        printable_module_name=printable_name)
    return obj() if instantiate and inspect.isclass(obj) else obj


def get(identifier, deserialize_fn, printable_name, instantiate=True):
    """Returns the callable `identifier` names (a str or config dict) or is.

    Args:
        identifier: a name, a config dict, or an object (returned as is when callable). The
            caller handles None.
        deserialize_fn: the module's `deserialize`.
        printable_name: used in "Could not interpret {printable_name} identifier: ...".
        instantiate: whether a class is called to give an instance.

    Raises:
        ValueError: when it cannot be interpreted.
    """
    if isinstance(identifier, dict):
        obj = deserialize_fn(identifier)
    elif isinstance(identifier, str):
        try:
            obj = deserialize_fn(identifier)
        except (ValueError, TypeError) as error:
            raise ValueError(
                f"Could not interpret {printable_name} identifier: {identifier}") from error
    else:
        obj = identifier
    if instantiate and inspect.isclass(obj):
        obj = obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret {printable_name} identifier: {identifier}")
