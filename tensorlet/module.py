"""`tf.Module`: a named container that finds the variables and submodules it holds.

Tracking needs no registration: `variables`, `submodules`... walk the module's attributes in
sorted order, looking inside lists, tuples, namedtuples and dicts (by sorted key); a module's
own leaves come before those of its submodules, and each object is listed once.
"""

from __future__ import annotations

import functools
import re

from .core.variable import Variable
from .framework.scopes import name_scope

__all__ = ["Module"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CAMEL = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")


def _snake(name: str) -> str:
    """`MyModule` -> `my_module`, `MLP` -> `mlp`."""
    return _CAMEL.sub(r"_\1", name).lower()


def _leaves(value, path: tuple):
    """`(path, leaf)` of a nested structure of lists, tuples and dicts."""
    if isinstance(value, dict):
        for key in sorted(value, key=lambda k: (type(k).__name__, k)):
            yield from _leaves(value[key], path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    else:
        yield path, value


def _walk(module, predicate, recursive: bool, key, path: tuple, seen: set, unique: bool):
    """`(path, leaf)` of the leaves of `module` (then of its submodules) matching `predicate`."""
    found_modules = []
    attributes = vars(module)
    ignored = getattr(module, "_TF_MODULE_IGNORED_PROPERTIES", frozenset())
    for name in sorted(attributes, key=key):
        if name in ignored:
            continue
        for leaf_path, leaf in _leaves(attributes[name], (name,)):
            is_module = isinstance(leaf, Module)
            if id(leaf) in seen or not (is_module or predicate(leaf)):
                continue
            if unique or is_module:
                seen.add(id(leaf))
            if predicate(leaf):
                yield path + leaf_path, leaf
            if is_module and recursive:
                found_modules.append((path + leaf_path, leaf))
    for sub_path, sub in found_modules:
        yield from _walk(sub, predicate, recursive, key, sub_path, seen, unique)


class Module:
    """The base class of models and layers: a name, a name scope and tracked variables.

    Args:
        name: the module's name, a valid Python identifier; by default the class name in
            snake_case (`MyModule` -> `my_module`).

    Raises:
        ValueError: when `name` is not a valid Python identifier.

    Example:
        >>> import tensorlet as tf
        >>> class Dense(tf.Module):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.w = tf.Variable(tf.ones([2, 1]))
        ...         self.b = tf.Variable(0.0, trainable=False)
        >>> d = Dense()
        >>> d.name, len(d.variables), len(d.trainable_variables)
        ('dense', 2, 1)
    """

    _TF_MODULE_IGNORED_PROPERTIES = frozenset()

    def __init__(self, name=None) -> None:
        if name is None:
            name = _snake(type(self).__name__)
        elif not _IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a valid module name. Module names must be valid "
                             f"Python identifiers (e.g. a valid class name).")
        self._name = name
        with name_scope(name) as scope:
            self._name_scope = name_scope(scope)

    @property
    def name(self) -> str:
        """The module's name (given, or the class name in snake_case)."""
        return self._name

    @property
    def name_scope(self) -> name_scope:
        """A `tf.name_scope` for this module, to enter when creating its ops and variables."""
        return self._name_scope

    @property
    def variables(self) -> tuple:
        """Every `tf.Variable` of this module and its submodules, each once."""
        return tuple(self._flatten(predicate=lambda x: isinstance(x, Variable)))

    @property
    def trainable_variables(self) -> tuple:
        """The trainable variables among `variables`."""
        return tuple(self._flatten(
            predicate=lambda x: isinstance(x, Variable) and x.trainable))

    @property
    def non_trainable_variables(self) -> tuple:
        """The variables among `variables` that are not trainable."""
        return tuple(self._flatten(
            predicate=lambda x: isinstance(x, Variable) and not x.trainable))

    @property
    def submodules(self) -> tuple:
        """Every module held by this module, directly or through other modules, each once.

        Example:
            >>> import tensorlet as tf
            >>> outer = tf.Module(name="outer")
            >>> outer.inner = [tf.Module(name="a"), tf.Module(name="b")]
            >>> [m.name for m in outer.submodules]
            ['a', 'b']
        """
        return tuple(self._flatten(predicate=lambda x: isinstance(x, Module)))

    def _flatten(self, recursive=True, predicate=None, attribute_traversal_key=None,
                 with_path=False, expand_composites=False):
        """The leaves of this module (and, when `recursive`, of its submodules) that match
        `predicate`, as a generator; `(path, leaf)` pairs when `with_path`."""
        predicate = predicate or (lambda _: True)
        for path, leaf in _walk(self, predicate, recursive, attribute_traversal_key, (),
                                {id(self)}, not with_path):
            yield (path, leaf) if with_path else leaf

    @classmethod
    def with_name_scope(cls, method):
        """Decorates a method so that it runs inside the module's `name_scope`.

        Example:
            >>> import tensorlet as tf
            >>> from tensorlet.framework.scopes import current_scope
            >>> class Scoped(tf.Module):
            ...     @tf.Module.with_name_scope
            ...     def where(self):
            ...         return current_scope()
            >>> Scoped().where()
            'scoped/'
        """
        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)

        return method_with_name_scope
