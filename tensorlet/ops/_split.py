"""Families split over several modules keep one entry point (`math_ops.cast` works)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["forward_to"]


def forward_to(module_name: str, namespace: dict, modules: tuple) -> Callable:
    """Returns a module `__getattr__` that finds public names in `modules` and caches them."""

    def __getattr__(name):
        for module in modules:
            if name in module.__all__:
                value = getattr(module, name)
                namespace[name] = value
                return value
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")

    return __getattr__
