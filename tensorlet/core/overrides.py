"""Lets composite tensors (RaggedTensor, SparseTensor) through public ops such as `tf.concat`.

An op family never imports the packages that define composite tensors. Instead such a package
registers, per public function name, an implementation for its class; the public function asks
for it only on its slow path, when an argument is neither a tensor nor convertible data, so the
plain-tensor path costs nothing more.

Example:
    >>> from tensorlet.core import overrides
    >>> class Box:
    ...     pass
    >>> overrides.register("doc_example", Box, lambda *args: "boxed")
    >>> overrides.lookup("doc_example", [1, [2, Box()]])(1, [2])
    'boxed'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["register", "lookup", "retry"]

_TABLE: dict[str, dict[type, Callable]] = {}


def register(fn_name: str, cls: type, impl: Callable) -> None:
    """Makes the public function `fn_name` call `impl` (with its own arguments) when one of
    its arguments, or an item of a list/tuple argument, is an instance of `cls`."""
    _TABLE.setdefault(fn_name, {})[cls] = impl


def lookup(fn_name: str, args) -> Callable | None:
    """The implementation registered for `fn_name` and the classes found in `args`, or None."""
    table = _TABLE.get(fn_name)
    if not table:
        return None
    for arg in args:
        items = arg if isinstance(arg, (list, tuple)) else (arg,)
        for item in items:
            impl = table.get(type(item))
            if impl is not None:
                return impl
    return None


def retry(fn_name: str, *args, **kwargs):
    """Calls the override of `fn_name` for `args`; with none, re-raises the exception that is
    being handled. Use it in an `except` clause of a public function:

        try:
            return execute(SQRT, (x,), name=name)
        except ValueError:
            return overrides.retry("sqrt", x, name=name)
    """
    impl = lookup(fn_name, args)
    if impl is None:
        raise  # noqa: PLE0704 - re-raises the caller's exception
    return impl(*args, **kwargs)
