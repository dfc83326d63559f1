"""The registry of serializable objects and the custom-object scopes (Keras 3 API).

Lookups never import anything: a name resolves only through the dicts kept here (the
registry, the active `custom_object_scope`s and the `custom_objects` a caller passes).
"""

from __future__ import annotations

import inspect
import threading

__all__ = [
    "CustomObjectScope",
    "custom_object_scope",
    "get_custom_objects",
    "get_registered_name",
    "get_registered_object",
    "register_keras_serializable",
]

# "package>name" -> object (registered) and user entries added through get_custom_objects().
_GLOBAL_CUSTOM_OBJECTS: dict = {}
# object -> "package>name", for the objects registered with register_keras_serializable.
_GLOBAL_CUSTOM_NAMES: dict = {}
_scopes = threading.local()


def _scope_stack() -> list:
    stack = getattr(_scopes, "stack", None)
    if stack is None:
        stack = _scopes.stack = []
    return stack


def register_keras_serializable(package="Custom", name=None):
    """Registers a class or function under `"package>name"` so that it loads by name.

    Args:
        package: the package part of the registered name.
        name: the name part; defaults to the object's `__name__`.

    Returns:
        A decorator that registers its argument and returns it unchanged.

    Raises:
        ValueError: for a class without `get_config`, or a name registered twice.

    Example:
        >>> from tensorlet import keras
        >>> @keras.saving.register_keras_serializable(package="Doc")
        ... def doc_fn(x):
        ...     return x
        >>> keras.saving.get_registered_name(doc_fn)
        'Doc>doc_fn'
    """

    def decorator(arg):
        class_name = name if name is not None else getattr(arg, "__name__", None)
        if not class_name:
            raise ValueError(f"register_keras_serializable: {arg!r} has no __name__; pass name=")
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        registered_name = f"{package}>{class_name}"
        previous = _GLOBAL_CUSTOM_OBJECTS.get(registered_name)
        if previous is not None and _qualname(previous) != _qualname(arg):
            raise ValueError(
                f"{registered_name} has already been registered to {previous}. "
                "Pass a different package= or name= to register_keras_serializable."
            )
        if arg in _GLOBAL_CUSTOM_NAMES:
            old = _GLOBAL_CUSTOM_NAMES.pop(arg)
            _GLOBAL_CUSTOM_OBJECTS.pop(old, None)
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        _GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg

    return decorator


def _qualname(obj) -> str:
    # NOTE: re-running a module (a notebook cell) re-registers a new object with the same
    # qualified name; that is a redefinition, not a clash.
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', repr(obj))}"


def get_registered_name(obj) -> str:
    """Returns the name `obj` is saved under: `"package>name"` if registered, else `__name__`.

    Example:
        >>> from tensorlet import keras
        >>> keras.saving.get_registered_name(len)
        'len'
    """
    try:
        registered = _GLOBAL_CUSTOM_NAMES.get(obj)
    except TypeError:  # unhashable
        registered = None
    if registered is not None:
        return registered
    return getattr(obj, "__name__", type(obj).__name__)


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Returns the class or function known as `name`, or None.

    Looks in order at `custom_objects`, the active custom-object scopes (innermost first),
    the registry and `module_objects`. Nothing is imported.

    Args:
        name: a registered name (`"package>name"`) or a plain name.
        custom_objects: an optional dict of user objects.
        module_objects: an optional dict of a module's built-in objects.

    Returns:
        The object, or None when the name is unknown.

    Example:
        >>> from tensorlet import keras
        >>> keras.saving.get_registered_object("f", custom_objects={"f": abs}) is abs
        True
    """
    if not isinstance(name, str):
        return None
    dicts = [custom_objects or {}, *reversed(_scope_stack()), _GLOBAL_CUSTOM_OBJECTS]
    for table in dicts:
        if name in table:
            return table[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None


def get_custom_objects() -> dict:
    """Returns the global dict of custom objects (the registry); entries may be added to it.

    Example:
        >>> from tensorlet import keras
        >>> keras.saving.get_custom_objects()["doc_abs"] = abs
        >>> keras.saving.get_registered_object("doc_abs") is abs
        True
        >>> del keras.saving.get_custom_objects()["doc_abs"]
    """
    return _GLOBAL_CUSTOM_OBJECTS


class CustomObjectScope:
    """Makes `custom_objects` visible to every deserialization inside a `with` block.

    Args:
        *args: dicts of `{name: object}`.

    Example:
        >>> from tensorlet import keras
        >>> with keras.saving.custom_object_scope({"my_abs": abs}):
        ...     keras.saving.get_registered_object("my_abs") is abs
        True
    """

    def __init__(self, *args):
        self.custom_objects = {}
        for objects in args:
            if objects:
                self.custom_objects.update(objects)

    def __enter__(self):
        _scope_stack().append(self.custom_objects)
        return self

    def __exit__(self, *exc):
        _scope_stack().pop()
        return False


def custom_object_scope(*args) -> CustomObjectScope:
    """Returns a `CustomObjectScope` for `with` (the Keras function spelling).

    Example:
        >>> from tensorlet import keras
        >>> with keras.utils.custom_object_scope({"my_abs": abs}):
        ...     keras.saving.get_registered_object("my_abs") is abs
        True
    """
    return CustomObjectScope(*args)


def current_custom_objects() -> dict:
    """Internal: the merged custom objects of the active scopes (inner ones win)."""
    merged: dict = {}
    for table in _scope_stack():
        merged.update(table)
    return merged
