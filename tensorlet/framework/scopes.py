"""`tf.name_scope`: a stack of name prefixes (`"outer/inner/"`), one per thread.

Inside a `tf.function`, a scope entered twice gets a unique name (`blk/`, then `blk_1/`), as in
TF's graphs; eagerly it is kept as given.
"""

from __future__ import annotations

import threading

from ..core.context import state

__all__ = ["name_scope", "current_scope"]


class _Scopes(threading.local):
    def __init__(self) -> None:
        self.stack: list[str] = [""]


_scopes = _Scopes()


def current_scope() -> str:
    """The prefix of the innermost `tf.name_scope` (`""` outside any, else ends with `/`).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.framework.scopes import current_scope
        >>> with tf.name_scope("outer"):
        ...     current_scope()
        'outer/'
    """
    return _scopes.stack[-1]


class name_scope:  # noqa: N801 - TF's public class name
    """A context manager that prefixes the names of the ops and scopes created inside it.

    Args:
        name: the scope's name: relative to the enclosing scope, absolute when it ends with
            `/`, and the root scope when empty.

    Raises:
        ValueError: when `name` is not a string.

    Example:
        >>> import tensorlet as tf
        >>> with tf.name_scope("a"):
        ...     with tf.name_scope("b") as scope:
        ...         scope
        'a/b/'
    """

    def __init__(self, name) -> None:
        if not isinstance(name, str):
            raise ValueError("name for name_scope must be a string.")
        self._name = name
        self._entered: list[str] = []

    @property
    def name(self) -> str:
        return self._name

    def _resolve(self) -> str:
        name = self._name
        if not name:
            return ""
        if name.endswith("/"):
            return name
        full = current_scope() + name
        builder = state.builder
        if builder is not None:
            full = builder.graph.unique_name(full)
        return full + "/"

    def __enter__(self) -> str:
        scope = self._resolve()
        _scopes.stack.append(scope)
        self._entered.append(scope)
        return scope

    def __exit__(self, *exc) -> None:
        self._entered.pop()
        _scopes.stack.pop()

    def __repr__(self) -> str:
        return f"<tf.name_scope {self._name!r}>"
