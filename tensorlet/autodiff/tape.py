"""`tf.GradientTape`: records the ops that touch watched tensors and differentiates them.

The tape is an observer of `core.dispatch.execute`: while it is active, every op whose inputs
include a watched tensor (or a trainable variable) is appended to the tape together with its
input values. `gradient()` walks the tape backwards and applies each op's registry gradient
rule. The rules are written in tensorlet ops, so an outer tape records the backward pass and
higher-order gradients follow.
"""

from __future__ import annotations

import contextlib
import enum

from ..core import nest
from ..core.context import state
from ..core.registry import NONDIFF
from ..core.variable import Variable
from ..ops import array as array_ops
from ..ops import math as math_ops

__all__ = ["GradientTape", "UnconnectedGradients"]


class UnconnectedGradients(enum.Enum):
    """What `gradient()` returns for a source the target does not depend on."""

    NONE = "none"
    ZERO = "zero"


def _differentiable(x) -> bool:
    kind = x._value.dtype.kind if hasattr(x, "_value") else x.dtype._np.kind
    return kind in "fc"


class _Entry:
    __slots__ = ("op", "input_ids", "inputs", "attrs", "outputs")

    def __init__(self, op, input_ids, inputs, attrs, outputs) -> None:
        self.op = op
        self.input_ids = input_ids
        self.inputs = inputs
        self.attrs = attrs
        self.outputs = outputs


class GradientTape:
    """Records operations for automatic differentiation.

    Args:
        persistent: allow several `gradient()` calls on one tape.
        watch_accessed_variables: watch the trainable variables that ops read.

    Example:
        >>> import tensorlet as tf
        >>> w = tf.Variable(5.)
        >>> with tf.GradientTape() as tape:
        ...     z = 3 * w ** 2
        >>> tape.gradient(z, w).numpy()
        np.float32(30.0)
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._persistent = persistent
        self._watch_accessed = watch_accessed_variables
        self._tracked: dict = {}
        self._variables: dict = {}
        self._entries: list = []
        self._used = False

    def __enter__(self) -> GradientTape:
        state.tapes.append(self)
        return self

    def __exit__(self, *exc) -> None:
        self._pop()

    def _pop(self) -> None:
        for i in range(len(state.tapes) - 1, -1, -1):
            if state.tapes[i] is self:
                del state.tapes[i]
                return

    def watch(self, tensor) -> None:
        """Starts tracking a tensor, a variable, or a nested structure of them."""
        for x in nest.flatten(tensor):
            if not hasattr(x, "dtype") or not _differentiable(x):
                continue
            self._tracked[id(x)] = x
            if isinstance(x, Variable):
                self._variables[id(x)] = x

    def watched_variables(self) -> tuple:
        """The variables this tape has watched, in the order it first saw them."""
        return tuple(self._variables.values())

    @contextlib.contextmanager
    def stop_recording(self):
        """Temporarily stops recording: ops inside the block are not differentiated."""
        index = next((i for i, t in enumerate(state.tapes) if t is self), None)
        if index is None:
            raise RuntimeError("Tape.stop_recording() called while the tape is not recording.")
        del state.tapes[index]
        try:
            yield
        finally:
            state.tapes.insert(index, self)

    def reset(self) -> None:
        """Clears everything recorded so far."""
        self._tracked.clear()
        self._variables.clear()
        self._entries.clear()

    def _record(self, op, inputs, attrs, result) -> None:
        tracked = self._tracked
        hit = False
        for x in inputs:
            if id(x) in tracked:
                hit = True
            elif self._watch_accessed and isinstance(x, Variable) and x.trainable \
                    and _differentiable(x):
                tracked[id(x)] = x
                self._variables[id(x)] = x
                hit = True
        if not hit or op.grad is NONDIFF:
            return
        outputs = result if isinstance(result, tuple) else (result,)
        for y in outputs:
            if _differentiable(y):
                tracked[id(y)] = y
        # NOTE: a variable is kept as itself (not a snapshot of its value) so that an outer tape,
        # which tracks the variable, also records the backward pass (Hessians via nested tapes).
        self._entries.append(_Entry(op, [id(x) for x in inputs], list(inputs), attrs, outputs))

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """Returns d(target)/d(sources), shaped like `sources`.

        A list (or nested) target gives the gradient of the sum of its elements. Unconnected
        sources give None (or zeros with `unconnected_gradients=UnconnectedGradients.ZERO`).

        Raises:
            RuntimeError: on a second call to a non-persistent tape.
        """
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one "
                               "set of gradients (or jacobians)")
        self._used = True
        targets = nest.flatten(target)
        seeds = nest.flatten(output_gradients) if output_gradients is not None else \
            [None] * len(targets)
        grads = self._backward(targets, seeds)
        zero = UnconnectedGradients(unconnected_gradients) is UnconnectedGradients.ZERO
        flat = []
        for s in nest.flatten(sources):
            g = grads.get(id(s))
            if g is None and zero:
                g = array_ops.zeros_like(s)
            flat.append(g)
        return nest.pack_sequence_as(sources, flat)

    def _backward(self, targets, seeds) -> dict:
        grads: dict = {}
        for t, seed in zip(targets, seeds):
            if id(t) in self._tracked:
                _accumulate(grads, id(t), array_ops.ones_like(t) if seed is None else seed)
        index = next((i for i, t in enumerate(state.tapes) if t is self), None)
        if index is not None:
            del state.tapes[index]
        try:
            for entry in reversed(self._entries):
                self._apply_rule(entry, grads)
        finally:
            if index is not None:
                state.tapes.insert(index, self)
        return grads

    def _apply_rule(self, entry: _Entry, grads: dict) -> None:
        outs = entry.outputs
        out_grads = [grads.get(id(y)) for y in outs]
        if all(g is None for g in out_grads):
            return
        if len(outs) == 1:
            in_grads = entry.op.grad(out_grads[0], outs[0], *entry.inputs, **entry.attrs)
        else:
            out_grads = [array_ops.zeros_like(y) if g is None else g
                         for g, y in zip(out_grads, outs)]
            in_grads = entry.op.grad(out_grads, outs, *entry.inputs, **entry.attrs)
        for xid, x, gx in zip(entry.input_ids, entry.inputs, in_grads):
            if gx is not None and xid in self._tracked and _differentiable(x):
                _accumulate(grads, xid, gx)


def _accumulate(grads: dict, key: int, g) -> None:
    prev = grads.get(key)
    grads[key] = g if prev is None else math_ops.add(prev, g)
