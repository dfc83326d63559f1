"""Gradient checks: tape gradients against central finite differences in float64.

`check_grads(tf, f, arrays)` reduces `f`'s float outputs to the scalar `s = sum(out * w)` with
fixed random weights `w`, then compares the tape's `ds/dx` with central differences:

- inputs with at most `full_limit` elements: every element is perturbed (the whole gradient);
- larger inputs: the directional derivative along a random direction `v` (`<ds/dx, v>`), which
  costs two evaluations whatever the size and still catches any wrong component with
  probability one;
- second order: the same checks on `x -> <ds/dx, d>` for a random `d`, differentiated through
  nested tapes (so every gradient rule must itself be differentiable).

Float inputs are cast to float64, so the differences are accurate to about 1e-9. When the
function's outputs are in a lower precision (it casts inside), the step grows to 1e-3 and the
tolerance to 1e-2. A failure names the input, the order and the worst element, and says when the
two one-sided differences disagree (a kink or a singularity at the input, not a wrong rule).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["check_grads", "numerical_grad"]

_FULL_LIMIT = 64


def _is_float(t) -> bool:
    return t.dtype.is_floating


def _scalarize(tf, f: Callable, state: dict, rng) -> Callable:
    """Returns `s(tensors)`: sum(out * w) over the float outputs, `w` drawn once and kept."""

    def s(tensors):
        outs = f(*tensors)
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        outs = [o for o in outs if _is_float(o)]
        if state.get("weights") is None:
            state["weights"] = [rng.standard_normal(tuple(o.shape)) for o in outs]
            state["low_precision"] = any(o.dtype != tf.float64 for o in outs)
        total = tf.constant(0.0, tf.float64)
        for o, w in zip(outs, state["weights"]):
            if o.dtype != tf.float64:
                o = tf.cast(o, tf.float64)
            total = tf.add(total, tf.reduce_sum(tf.multiply(o, tf.constant(w))))
        return total

    return s


def _shifted(arrays: list, index: int, delta) -> list:
    return [a + delta if i == index else a for i, a in enumerate(arrays)]


def numerical_grad(fn: Callable, arrays: list, index: int, eps: float, direction=None):
    """Central differences of the scalar `fn(arrays)` with respect to `arrays[index]`.

    With `direction`, returns the directional derivative along it (a float); otherwise the
    whole gradient (an array shaped like the input).
    """
    if direction is not None:
        step = eps * direction
        return (fn(_shifted(arrays, index, step)) - fn(_shifted(arrays, index, -step))) / (2 * eps)
    x = arrays[index]
    grad = np.zeros(x.shape, np.float64)
    flat = grad.reshape(-1)
    for k in range(x.size):
        step = np.zeros_like(x)
        step.reshape(-1)[k] = eps
        flat[k] = (fn(_shifted(arrays, index, step)) - fn(_shifted(arrays, index, -step))) / \
            (2 * eps)
    return grad


def _kink_hint(fn: Callable, arrays: list, index: int, eps: float, direction) -> str:
    """Compares the forward and backward one-sided differences along `direction`."""
    f0 = fn(arrays)
    forward = (fn(_shifted(arrays, index, eps * direction)) - f0) / eps
    backward = (f0 - fn(_shifted(arrays, index, -eps * direction))) / eps
    if not np.isfinite(forward) or not np.isfinite(backward):
        return " The function is not finite next to the input (a singularity?)."
    if abs(forward - backward) > 1e-2 * (1 + abs(forward) + abs(backward)):
        return (f" The one-sided differences disagree ({forward:.6g} vs {backward:.6g}): the "
                f"input sits on a kink; choose a smoother input domain for this case.")
    return ""


def _check_one(ctx: dict, analytic, i: int, what: str) -> None:
    fn, arrays, eps = ctx["value"], ctx["arrays"], ctx["eps"]
    x = arrays[i]
    if analytic.shape != x.shape:
        raise AssertionError(f"{what}: the gradient of input {i} has shape {analytic.shape}, "
                             f"the input {x.shape}")
    if x.size <= ctx["full_limit"]:
        numeric = numerical_grad(fn, arrays, i, eps)
        bad = ~np.isclose(analytic, numeric, rtol=ctx["rtol"], atol=ctx["atol"])
        if bad.any():
            k = int(np.argmax(np.abs(analytic - numeric) * bad))
            direction = np.zeros(x.shape)
            direction.reshape(-1)[k] = 1.0
            where = tuple(int(j) for j in np.unravel_index(k, x.shape))
            raise AssertionError(
                f"{what}: gradient of input {i} differs from finite differences at {where}: "
                f"tape {float(analytic.reshape(-1)[k])!r}, numeric "
                f"{float(numeric.reshape(-1)[k])!r} ({int(bad.sum())} of {x.size} elements differ)."
                + _kink_hint(fn, arrays, i, eps, direction))
        return
    v = ctx["rng"].standard_normal(x.shape)
    numeric = numerical_grad(fn, arrays, i, eps, v)
    directional = float(np.sum(analytic * v))
    scale = float(np.sum(np.abs(analytic * v)))
    if not abs(directional - numeric) <= ctx["atol"] * (1 + scale) + ctx["rtol"] * abs(numeric):
        raise AssertionError(
            f"{what}: directional gradient of input {i} (random direction, {x.size} elements): "
            f"tape {directional!r}, numeric {numeric!r}." + _kink_hint(fn, arrays, i, eps, v))


def _compare(ctx: dict, grads: list, what: str) -> None:
    for g, i in zip(grads, ctx["diff"]):
        x = ctx["arrays"][i]
        if g is not None and g.dtype != ctx["tf"].float64:
            raise AssertionError(f"{what}: the gradient of float64 input {i} has dtype "
                                 f"{g.dtype.name}")
        analytic = np.zeros(x.shape) if g is None else np.asarray(g, dtype=np.float64)
        _check_one(ctx, analytic, i, what)


def _tape_grads(tf, s: Callable, arrays: list, diff: list) -> list:
    tensors = [tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrays]
    with tf.GradientTape() as tape:
        for i in diff:
            tape.watch(tensors[i])
        total = s(tensors)
    return tape.gradient(total, [tensors[i] for i in diff])


def check_grads(tf, f: Callable, arrays: list, order: int = 2, rtol: float = 2e-3,
                atol: float = 1e-5, eps: float = 1e-6, seed: int = 0, what: str = "",
                full_limit: int = _FULL_LIMIT) -> None:
    """Checks first (and second) order tape gradients of `f` against finite differences.

    Args:
        tf: the tensorlet module.
        f: `f(*tensors)` returning a tensor or a list of tensors.
        arrays: inputs; float arrays are cast to float64 and differentiated, others are constant.
        order: 1, or 2 to also check the gradient of the gradient.
        rtol, atol: tolerances of the first-order check (the second order uses 5x and 10x).
        eps: the finite-difference step of the first order (the second order uses 1e-4).
        full_limit: inputs with more elements are checked along a random direction.

    Raises:
        AssertionError: when an analytic gradient differs from the numeric one.

    Example:
        >>> import numpy as np, tensorlet as tf
        >>> check_grads(tf, lambda x: x * x, [np.array([1., 2.])])
    """
    rng = np.random.default_rng(seed)
    arrays = [a.astype(np.float64) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a
              for a in arrays]
    diff = [i for i, a in enumerate(arrays) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    if not diff:
        return
    state: dict = {}
    s = _scalarize(tf, f, state, rng)
    ctx = {"tf": tf, "arrays": arrays, "diff": diff, "rng": rng, "rtol": rtol, "atol": atol,
           "eps": eps, "full_limit": full_limit, "value": _evaluator(tf, s)}
    grads = _tape_grads(tf, s, arrays, diff)
    if state["low_precision"]:
        ctx.update(eps=max(eps, 1e-3), rtol=max(rtol, 1e-2), atol=max(atol, 1e-3))
    _compare(ctx, grads, f"{what} (order 1)")
    if order < 2:
        return
    directions = [rng.standard_normal(arrays[i].shape) for i in diff]

    def projected(*tensors):
        with tf.GradientTape() as tape:
            for i in diff:
                tape.watch(tensors[i])
            total = s(list(tensors))
        inner = tape.gradient(total, [tensors[i] for i in diff])
        out = tf.constant(0.0, tf.float64)
        for g, d in zip(inner, directions):
            if g is not None:
                out = tf.add(out, tf.reduce_sum(tf.multiply(g, tf.constant(d))))
        return out

    s2 = _scalarize(tf, projected, {"weights": [np.ones(())]}, rng)
    ctx.update(value=_evaluator(tf, s2), rtol=ctx["rtol"] * 5, atol=ctx["atol"] * 10,
               eps=max(ctx["eps"], 1e-4))
    _compare(ctx, _tape_grads(tf, s2, arrays, diff), f"{what} (order 2)")


def _evaluator(tf, s: Callable) -> Callable:
    def value(arrays: list) -> float:
        return float(s([tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrays]))

    return value
