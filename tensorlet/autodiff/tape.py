"""`tf.GradientTape`: records the ops that touch watched tensors and differentiates them.

The tape is an observer of `core.dispatch.execute`: while it is active, every op whose inputs
include a watched tensor (or a trainable variable, watched on first use) is appended to the tape
as `(op, inputs, attrs, outputs)`. `gradient()` walks the tape backwards (`backprop.backward`)
and applies each op's registry gradient rule. The rules are written in tensorlet ops, so an
outer tape records the backward pass and higher-order gradients follow.

Besides the entries, the tape keeps what it needs to explain a None gradient (C13): the ops that
cut a path (non-differentiable ops, integer results) and where a watched value left tensorlet
through `.numpy()` or a NumPy call.

Entries hold variables themselves, not snapshots of their values: assigning to a variable
between the forward pass and `gradient()` changes the gradient (TF differentiates the value that
was read). A tape also records the ops of a traced function (symbolic tensors), so a tape opened
inside `tf.function` builds the gradient into the graph.
"""

from __future__ import annotations

import contextlib
import enum
import logging

from ..core import nest
from ..core.context import state
from ..core.registry import NONDIFF
from ..core.tensor import Tensor
from ..core.variable import Variable
from . import backprop, explain, hooks, jacobian  # noqa: F401 - hooks installs itself

__all__ = ["GradientTape", "UnconnectedGradients"]

_logger = logging.getLogger("tensorlet")


class UnconnectedGradients(enum.Enum):
    """What `gradient()` returns for a source the target does not depend on.

    Example:
        >>> import tensorlet as tf
        >>> tf.UnconnectedGradients("zero") is tf.UnconnectedGradients.ZERO
        True
    """

    NONE = "none"
    ZERO = "zero"


_NONE = UnconnectedGradients.NONE


def _unconnected(value) -> bool:
    """True for ZERO; accepts the enum or its string value, as TF does."""
    try:
        return UnconnectedGradients(value) is UnconnectedGradients.ZERO
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None


def _is_float(x) -> bool:
    dtype = x.dtype
    return dtype.is_floating or dtype.is_complex


def _is_float_value(y) -> bool:
    try:
        return y._value.dtype.kind in "fc"
    except AttributeError:  # a symbolic tensor: a tape inside a traced function
        return _is_float(y)


class GradientTape:
    """Records operations for automatic differentiation.

    Trainable floating-point variables are watched as soon as an op reads them; any other tensor
    only after `tape.watch(x)`. Integer and bool tensors are never differentiated (None).

    Args:
        persistent: allow several `gradient()` / `jacobian()` calls on one tape.
        watch_accessed_variables: watch the trainable variables that ops read while recording.

    Example:
        >>> import tensorlet as tf
        >>> w = tf.Variable(5.)
        >>> with tf.GradientTape() as tape:
        ...     z = 3. * w * w
        >>> tape.gradient(z, w).numpy()
        np.float32(30.0)
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._persistent = bool(persistent)
        self._watch_accessed = bool(watch_accessed_variables)
        self._recording = False
        self._used = False
        self._warned_inside = False
        self._tracked: dict = {}
        self._variables: dict = {}
        self._entries: list = []
        self._cuts: list = []
        self._numpy_reads: list = []

    # --- context ---------------------------------------------------------------------------

    def __enter__(self) -> GradientTape:
        if self._recording:
            raise RuntimeError("Tape is still recording, This can happen if you try to re-enter "
                               "an already-active tape.")
        self._push()
        return self

    def __exit__(self, *exc) -> None:
        if self._recording:
            self._pop()

    def _push(self) -> None:
        state.tapes.append(self)
        self._recording = True

    def _pop(self) -> None:
        tapes = state.tapes
        for i in range(len(tapes) - 1, -1, -1):
            if tapes[i] is self:
                del tapes[i]
                break
        self._recording = False

    @contextlib.contextmanager
    def stop_recording(self):
        """Temporarily stops recording on this tape: ops inside the block are not differentiated.

        Raises:
            RuntimeError: when the tape is not recording.

        Example:
            >>> import tensorlet as tf
            >>> w = tf.Variable(2.)
            >>> with tf.GradientTape() as tape:
            ...     with tape.stop_recording():
            ...         y = w * w
            >>> print(tape.gradient(y, w))
            None
        """
        if not self._recording:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        self._pop()
        try:
            yield
        finally:
            self._push()

    def reset(self) -> None:
        """Clears everything recorded so far, as if the tape were entered afresh."""
        self._tracked.clear()
        self._variables.clear()
        self._entries.clear()
        self._cuts.clear()
        self._numpy_reads.clear()

    # --- watching --------------------------------------------------------------------------

    def watch(self, tensor) -> None:
        """Starts tracking a tensor, a variable, or a nested structure of them.

        Integer and bool tensors are accepted with a logged warning (as TF) and give None.

        Raises:
            ValueError: for an object that is neither a tensor nor a variable.
        """
        for x in nest.flatten(tensor):
            if not isinstance(x, (Tensor, Variable)):
                raise ValueError(f"Passed in object {x!r} of type {type(x).__name__!r}, not "
                                 f"tf.Tensor or tf.Variable or ExtensionType.")
            if isinstance(x, Variable):
                self._variables.setdefault(id(x), x)
            if not _is_float(x):
                _logger.warning("The dtype of the watched tensor must be floating (e.g. "
                                "tf.float32), got %r", x.dtype)
                continue
            self._tracked[id(x)] = x

    def watched_variables(self) -> tuple:
        """The variables this tape watched (explicitly or on first use), in that order."""
        return tuple(self._variables.values())

    def _watch_variable(self, v) -> bool:
        """Auto-watches a trainable variable an op reads; True when it is differentiable."""
        if not v.trainable:
            return False
        self._variables.setdefault(id(v), v)
        if v._value.dtype.kind not in "fc":
            return False
        self._tracked[id(v)] = v
        return True

    # --- recording (called by core.dispatch.execute for every eager op) ---------------------

    def _record(self, op, inputs, attrs, result) -> None:
        tracked = self._tracked
        hit = False
        for x in inputs:
            if id(x) in tracked:
                hit = True
            elif isinstance(x, Variable) and self._watch_accessed and self._watch_variable(x):
                hit = True
        if not hit:
            return
        if op.grad is NONDIFF:
            self._cuts.append((op.name, inputs))
            return
        if type(result) is tuple:
            outputs = result
            floats = [y for y in outputs if _is_float_value(y)]
        else:
            outputs = floats = (result,)
            try:
                if result._value.dtype.kind not in "fc":
                    floats = ()
            except AttributeError:  # a symbolic tensor: a tape inside a traced function
                if not _is_float(result):
                    floats = ()
        if not floats:
            self._cuts.append((op.name, inputs))
            return
        for y in floats:
            tracked[id(y)] = y
        # NOTE: a variable is kept as itself (not a snapshot of its value) so that an outer tape,
        # which tracks the variable, also records the backward pass (Hessians via nested tapes).
        self._entries.append((op, inputs if type(inputs) is tuple else tuple(inputs), attrs,
                              outputs))

    # --- differentiation -------------------------------------------------------------------

    def _start_use(self) -> None:
        """Single-use check; a non-persistent tape stops recording once differentiated."""
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one "
                               "set of gradients (or jacobians)")
        self._used = True
        if self._recording:
            if not self._persistent:
                self._pop()
            elif not self._warned_inside:
                self._warned_inside = True
                _logger.warning(
                    "Calling GradientTape.gradient on a persistent tape inside its context is "
                    "significantly less efficient than calling it outside the context (it causes "
                    "the gradient ops to be recorded on the tape, leading to increased CPU and "
                    "memory usage). Only call GradientTape.gradient inside the context if you "
                    "actually want to trace the gradient in order to compute higher order "
                    "derivatives.")

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """Returns d(target)/d(sources), shaped like `sources`.

        A list (or nested) target gives the gradient of the sum of its elements. `sources` is a
        tensor, a variable, or a list, dict or nested structure of them. Unconnected sources give
        None (zeros with `unconnected_gradients=UnconnectedGradients.ZERO`); so do integer ones.
        `tape.explain(target, source)` says why a gradient is None.

        Args:
            target: a tensor or a nested structure of tensors.
            sources: a tensor, a variable or a nested structure of them.
            output_gradients: one gradient per target (None: ones), the chain rule's upstream.
            unconnected_gradients: `UnconnectedGradients.NONE` or `.ZERO` (or "none"/"zero").

        Raises:
            RuntimeError: on a second call to a non-persistent tape.
            ValueError: for an unknown `unconnected_gradients`.

        Example:
            >>> import tensorlet as tf
            >>> w1, w2 = tf.Variable(5.), tf.Variable(3.)
            >>> with tf.GradientTape() as tape:
            ...     z = 3 * w1 ** 2 + 2 * w1 * w2
            >>> [g.numpy() for g in tape.gradient(z, [w1, w2])]
            [np.float32(36.0), np.float32(10.0)]
        """
        zero = unconnected_gradients is not _NONE and _unconnected(unconnected_gradients)
        self._start_use()
        targets = _flat_tensors(target, "target")
        flat_sources = _flat_tensors(sources, "sources")
        seeds = None if output_gradients is None else nest.flatten(output_gradients)
        explain.note_gradient_call(self, targets)
        grads = backprop.backward(self, targets, seeds, flat_sources)
        if zero:
            grads = [backprop.finish(g, s, zero) for g, s in zip(grads, flat_sources)]
        return _pack(sources, grads)

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        """Returns the Jacobian of `target` with respect to each source.

        Each result has shape `target.shape + source.shape` (None for an unconnected source,
        unless `unconnected_gradients` is ZERO). `parallel_iterations` and
        `experimental_use_pfor` are accepted for compatibility; the rows are computed one by one.

        Example:
            >>> import tensorlet as tf
            >>> x = tf.Variable([1., 2.])
            >>> with tf.GradientTape() as tape:
            ...     y = x * x
            >>> tape.jacobian(y, x).numpy()
            array([[2., 0.],
                   [0., 4.]], dtype=float32)
        """
        zero = _unconnected(unconnected_gradients)
        self._start_use()
        (target,) = _flat_tensors(target, "target")
        flat_sources = _flat_tensors(sources, "sources")
        explain.note_gradient_call(self, [target])
        return _pack(sources, jacobian.jacobian(self, target, flat_sources, zero))

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """Per-example Jacobians: `result[i] = jacobian(target[i], source[i])`.

        Assumes row `i` of `target` depends only on row `i` of `source`. The result has shape
        `[batch] + target.shape[1:] + source.shape[1:]`; an unconnected source gives zeros (TF).

        Raises:
            ValueError: when a rank is below 2 or the batch dimensions differ.

        Example:
            >>> import tensorlet as tf
            >>> x = tf.Variable([[1., 2.], [3., 4.]])
            >>> with tf.GradientTape() as tape:
            ...     y = x * x
            >>> tape.batch_jacobian(y, x).numpy()[1]
            array([[6., 0.],
                   [0., 8.]], dtype=float32)
        """
        _unconnected(unconnected_gradients)
        self._start_use()
        (target,) = _flat_tensors(target, "target")
        (source,) = _flat_tensors(source, "source")
        explain.note_gradient_call(self, [target])
        return jacobian.batch_jacobian(self, target, source)

    def explain(self, target, source) -> str:
        """Says, in one paragraph, why `gradient(target, source)` is (or is not) None (C13).

        Reasons: the source is of integer dtype, was never watched, or the target does not
        depend on it; a path that was cut by a non-differentiable op or by leaving tensorlet
        through `.numpy()` / a NumPy call is reported with the user's file and line.

        Example:
            >>> import tensorlet as tf
            >>> c = tf.constant(2.)
            >>> with tf.GradientTape() as tape:
            ...     y = c * c
            >>> "not watched" in tape.explain(y, c)
            True
        """
        return explain.explain(self, target, source)


_TENSOR_TYPES = (Tensor, Variable)


def _flat_tensors(structure, what: str) -> list:
    if isinstance(structure, _TENSOR_TYPES):
        return [structure]
    flat = structure if type(structure) is list else nest.flatten(structure)
    for x in flat:
        if not isinstance(x, _TENSOR_TYPES):
            if type(structure) is list and nest.is_nested(x):
                return _flat_tensors(nest.flatten(structure), what)
            raise AttributeError(f"'{type(x).__name__}' object has no attribute 'dtype': "
                                 f"GradientTape {what} must be tensors or variables, got {x!r}")
    return flat


def _pack(sources, flat: list):
    """`flat` shaped like `sources` (a fast path for a tensor or a flat list of them)."""
    if isinstance(sources, _TENSOR_TYPES):
        return flat[0]
    if type(sources) is list and all(isinstance(s, _TENSOR_TYPES) for s in sources):
        return flat
    return nest.pack_sequence_as(sources, flat)
