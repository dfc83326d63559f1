"""Shared helpers for the AutoGraph tests: graph node counts and finite differences."""

import numpy as np

import tensorlet.autograph  # noqa: F401 - installs AutoGraph


def op_types(function, *args) -> list:
    """The op types of the traced graph of `function` for `args` (TF's `op.type`)."""
    graph = function.get_concrete_function(*args).graph
    return [op.type for op in graph.get_operations()]


def count(function, op_type: str, *args) -> int:
    return op_types(function, *args).count(op_type)


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of the scalar `f(x)` (float64)."""
    x = np.asarray(x, np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = eps
        grad[index] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad
