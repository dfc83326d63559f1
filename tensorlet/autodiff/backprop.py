"""The backward pass of a tape: reverse accumulation over its recorded entries.

Only the entries that lie on a path from a source to a target are differentiated: a forward
sweep marks what depends on the sources, the reverse sweep applies the gradient rules of the
marked entries whose outputs received a gradient. Each output's gradient is complete once its
producing entry is reached (entries are in execution order), so it is released right there.
"""

from __future__ import annotations

import numpy as np

from ..core.errors import InternalError
from ..core.tensor import wrap
from ..ops import array as array_ops
from ..ops import math as math_ops
from . import rule_context

__all__ = ["backward", "finish", "depends_on"]


def depends_on(tape, sources) -> tuple:
    """`(live, path)`: the ids of the tensors that depend on the watched sources (those
    included), and `(entry, mask)` for each tape entry that consumes one of them, in execution
    order; `mask[i]` says whether input `i` of the entry depends on a source."""
    tracked = tape._tracked
    live = {id(s) for s in sources if id(s) in tracked}
    path: list = []
    if not live:
        return live, path
    for entry in tape._entries:
        inputs = entry[1]
        n = len(inputs)
        if n == 1:
            if id(inputs[0]) not in live:
                continue
            mask = _ONE_LIVE
        elif n == 2:
            mask = _TWO[id(inputs[0]) in live, id(inputs[1]) in live]
            if mask is None:
                continue
        else:
            mask = tuple([id(x) in live for x in inputs])
            if True not in mask:
                continue
        for y in entry[3]:
            live.add(id(y))
        path.append((entry, mask))
    return live, path


_ONE_LIVE = (True,)
_TWO = {(a, b): (a, b) if a or b else None for a in (False, True) for b in (False, True)}
_SCALAR_ONES: dict = {}


def _seed(target, seed):
    if seed is None:
        value = getattr(target, "_value", None)
        if value is None:
            return array_ops.ones_like(target)
        if value.ndim:
            return wrap(np.ones(value.shape, value.dtype))
        ones = _SCALAR_ONES.get(value.dtype)
        if ones is None:
            # NOTE: scalar seeds are shared: tensors are immutable, so this is safe.
            ones = _SCALAR_ONES[value.dtype] = wrap(np.ones((), value.dtype))
        return ones
    if not hasattr(seed, "dtype"):
        return wrap(np.asarray(seed, target.dtype.as_numpy_dtype))
    return seed


def backward(tape, targets: list, seeds, sources: list, reach: tuple | None = None) -> list:
    """Returns the gradient (or None) of `sum(targets * seeds)` for each source.

    `reach` is `depends_on(tape, sources)` when the caller already has it (a Jacobian runs one
    backward pass per row). The tape itself is not recording here, except a persistent tape
    called inside its own context: it then records its backward pass (TF).
    """
    live, path = depends_on(tape, sources) if reach is None else reach
    grads: dict = {}
    for i, t in enumerate(targets):
        if id(t) in live:
            seed = _seed(t, None if seeds is None else seeds[i])
            prev = grads.get(id(t))
            grads[id(t)] = seed if prev is None else math_ops.add(prev, seed)
    if grads:
        previous = rule_context.set_needed(None)
        try:
            _reverse_sweep(path, grads, {id(s) for s in sources})
        finally:
            rule_context.set_needed(previous)
    return [grads.get(id(s)) for s in sources]


def _reverse_sweep(path: list, grads: dict, keep: set) -> None:
    local = rule_context._local
    get, pop, add = grads.get, grads.pop, math_ops.add
    for (op, inputs, attrs, outputs), mask in reversed(path):
        if len(outputs) == 1:
            y = outputs[0]
            g = get(id(y)) if id(y) in keep else pop(id(y), None)
            if g is None:
                continue
            local.mask = mask
            in_grads = op.grad(g, y, *inputs, **attrs)
        else:
            gs = [get(id(y)) if id(y) in keep else pop(id(y), None) for y in outputs]
            if all(g is None for g in gs):
                continue
            gs = [array_ops.zeros_like(y) if g is None else g for g, y in zip(gs, outputs)]
            local.mask = mask
            in_grads = op.grad(gs, list(outputs), *inputs, **attrs)
        if len(in_grads) != len(inputs):
            raise InternalError(f"{op.name}: the gradient rule returned {len(in_grads)} "
                                f"gradients for {len(inputs)} inputs")
        for x, gx, needed in zip(inputs, in_grads, mask):
            if needed and gx is not None:
                prev = get(id(x))
                grads[id(x)] = gx if prev is None else add(prev, gx)


def finish(g, source, zero: bool):
    """The gradient handed to the user: zeros for an unconnected source when asked for."""
    if g is None and zero:
        return array_ops.zeros_like(source)
    return g
