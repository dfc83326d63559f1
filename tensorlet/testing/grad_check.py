"""Gradient checks: tape gradients against central finite differences in float64.

For small inputs every element is perturbed (the full Jacobian-vector product); for large ones a
random direction is used. Second order differentiates the first-order gradient projected on a
random direction, through nested tapes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["check_grads", "numerical_grad"]

_FULL_LIMIT = 64


def _scalarize(tf, f: Callable, weights: list | None, rng) -> tuple:
    """Returns `s(tensors)`: sum(out * w) over all float outputs, with fixed random `w`."""
    state = {"weights": weights}

    def s(tensors):
        outs = f(*tensors)
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        outs = [o for o in outs if o.dtype.is_floating or o.dtype.is_complex]
        if state["weights"] is None:
            state["weights"] = [rng.standard_normal(tuple(o.shape)) for o in outs]
        total = None
        for o, w in zip(outs, state["weights"]):
            term = tf.reduce_sum(tf.multiply(tf.cast(o, tf.float64), tf.constant(w)))
            total = term if total is None else tf.add(total, term)
        return total

    return s, state


def numerical_grad(fn: Callable, arrays: list, index: int, eps: float, direction=None):
    """Central differences of the scalar `fn(arrays)` with respect to `arrays[index]`."""
    x = arrays[index]
    if direction is not None:
        plus = [a if i != index else x + eps * direction for i, a in enumerate(arrays)]
        minus = [a if i != index else x - eps * direction for i, a in enumerate(arrays)]
        return (fn(plus) - fn(minus)) / (2 * eps)
    grad = np.zeros_like(x)
    flat = grad.reshape(-1)
    for k in range(x.size):
        step = np.zeros_like(x)
        step.reshape(-1)[k] = eps
        plus = [a if i != index else x + step for i, a in enumerate(arrays)]
        minus = [a if i != index else x - step for i, a in enumerate(arrays)]
        flat[k] = (fn(plus) - fn(minus)) / (2 * eps)
    return grad


def _tape_grads(tf, s: Callable, arrays: list, diff: list) -> list:
    tensors = [tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrays]
    with tf.GradientTape() as tape:
        for i in diff:
            tape.watch(tensors[i])
        total = s(tensors)
    return tape.gradient(total, [tensors[i] for i in diff])


def _compare(tf, fn_value, fn_grads, arrays, diff, rng, rtol, atol, eps, what) -> None:
    grads = fn_grads(arrays)
    for gi, i in enumerate(diff):
        g = grads[gi]
        analytic = np.zeros_like(arrays[i]) if g is None else np.asarray(g)
        if arrays[i].size <= _FULL_LIMIT:
            numeric = numerical_grad(fn_value, arrays, i, eps)
            np.testing.assert_allclose(analytic, numeric, rtol=rtol, atol=atol,
                                       err_msg=f"{what}: gradient of input {i}")
        else:
            v = rng.standard_normal(arrays[i].shape)
            numeric = numerical_grad(fn_value, arrays, i, eps, v)
            np.testing.assert_allclose(np.sum(analytic * v), numeric, rtol=rtol, atol=atol,
                                       err_msg=f"{what}: directional gradient of input {i}")


def check_grads(tf, f: Callable, arrays: list, order: int = 2, rtol: float = 2e-3,
                atol: float = 1e-5, eps: float = 1e-6, seed: int = 0, what: str = "") -> None:
    """Checks first (and second) order tape gradients of `f` against finite differences.

    Args:
        tf: the tensorlet module.
        f: `f(*tensors)` returning a tensor or a list of tensors.
        arrays: inputs; float arrays are cast to float64 and differentiated, others are constant.
        order: 1, or 2 to also check the gradient of the gradient.

    Raises:
        AssertionError: when an analytic gradient differs from the numeric one.
    """
    rng = np.random.default_rng(seed)
    arrays = [a.astype(np.float64) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a
              for a in arrays]
    diff = [i for i, a in enumerate(arrays) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    if not diff:
        return
    s, _ = _scalarize(tf, f, None, rng)

    def value(arrs):
        return float(s([tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrs]))

    def first(arrs):
        return _tape_grads(tf, s, arrs, diff)

    _compare(tf, value, first, arrays, diff, rng, rtol, atol, eps, f"{what} (order 1)")
    if order < 2:
        return
    directions = [rng.standard_normal(arrays[i].shape) for i in diff]

    def projected(*tensors):
        with tf.GradientTape() as tape:
            for i in diff:
                tape.watch(tensors[i])
            total = s(list(tensors))
        grads = tape.gradient(total, [tensors[i] for i in diff])
        terms = [tf.reduce_sum(tf.multiply(g, tf.constant(d))) for g, d in zip(grads, directions)
                 if g is not None]
        return tf.add_n(terms) if terms else tf.constant(0.0, tf.float64)

    s2, _ = _scalarize(tf, projected, [np.ones(())], rng)

    def value2(arrs):
        return float(s2([tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrs]))

    def second(arrs):
        return _tape_grads(tf, s2, arrs, diff)

    _compare(tf, value2, second, arrays, diff, rng, rtol * 5, atol * 10, 1e-4,
             f"{what} (order 2)")
