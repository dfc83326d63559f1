"""`StepFunction`: calls `train_step`/`test_step`/`predict_step` on one batch.

By default the step runs inside `tf.function` (A13.8: a custom loss sees
`tf.executing_eagerly() == False`), traced once per input signature: the full batches share one
trace and a last partial batch adds one; the traces live as long as the model's compile, so
later epochs and later `fit` calls on the same data never retrace (C1), and the function's LRU
cache bounds their number (C2). With `run_eagerly=True` or a `dynamic=True` layer (D6) the step runs
as plain Python. Batches arrive as NumPy arrays (views of the user's data) or tensors; each is
converted to a tensor once, and the traced function is called with flat tensor arguments. Once
a batch signature is traced, batches of NumPy arrays of that signature run the trace's compiled
plan directly.
"""

from __future__ import annotations

import numpy as np

import tensorlet as tf

__all__ = ["StepFunction", "to_tensors"]

_MAX_FAST_TRACES = 32  # as tf.function's own trace cache


def to_tensors(structure):
    """Every NumPy leaf of a batch (or a part of it) as a tensor; tensors stay as they are."""
    if type(structure) is np.ndarray:
        return tf.constant(structure)
    if structure is None or isinstance(structure, tf.Tensor):
        return structure
    if isinstance(structure, dict):
        return {k: to_tensors(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(to_tensors(v) for v in structure)
    return tf.convert_to_tensor(structure)


def _flat_caller(step, arity: int):
    """A function of exactly `arity` positional tensors calling `step((a, b, ...))`."""
    if arity == 1:
        def one(x):
            return step((x,))
        return one
    if arity == 2:
        def two(x, y):
            return step((x, y))
        return two

    def three(x, y, sample_weight):
        return step((x, y, sample_weight))
    return three


class StepFunction:
    """`step(batch)` run traced (default) or eagerly.

    Args:
        step: the model's bound step method, `step(data) -> logs or outputs`.
        eager: run the Python step directly.
        jit_compile: passed to `tf.function` (accepted; results are identical, A13.7).
        name: the traced function's name (`train_function`...).

    Example:
        >>> import numpy as np
        >>> fn = StepFunction(lambda data: data[0] * 2.0, eager=False)
        >>> fn((np.ones(2, np.float32),)).numpy()
        array([2., 2.], dtype=float32)
    """

    def __init__(self, step, eager: bool, jit_compile=False, name: str = "step") -> None:
        self._step = step
        self.eager = eager
        self._jit_compile = bool(jit_compile)
        self._name = name
        self._functions: dict = {}
        self._concretes: dict = {}

    @property
    def functions(self) -> dict:
        """The `tf.function`s made so far, by the number of parts of the batch (1 to 3)."""
        return dict(self._functions)

    def tracing_count(self) -> int:
        """How many times the step has been traced (all batch structures together)."""
        return sum(f.experimental_get_tracing_count() for f in self._functions.values())

    def trace(self, batch: tuple) -> None:
        """Traces the step for `batch`'s signature without running it (traced mode only): the
        model, the optimizer's slots and the metrics are built by this trace."""
        if not self.eager and not tf.config.functions_run_eagerly():
            data = tuple(to_tensors(part) for part in batch)
            self._function(len(data)).get_concrete_function(*data)

    def __call__(self, batch: tuple):
        if self.eager:
            return self._step(tuple(to_tensors(part) for part in batch))
        if all(type(part) is np.ndarray for part in batch):
            key = tuple((part.shape, part.dtype) for part in batch)
            concrete = self._concretes.get(key)
            if concrete is not None and not tf.config.functions_run_eagerly():
                # NOTE: the fast path: the trace's compiled plan runs on the batch's arrays
                # directly (no tensors made, no signature built); traces that guard Python
                # values are never stored here, so they are always checked by the function.
                return concrete.call_arrays(list(batch))
        data = tuple(to_tensors(part) for part in batch)
        function = self._functions.get(len(data)) or self._function(len(data))
        if not tf.config.functions_run_eagerly() and all(
                type(part) is np.ndarray for part in batch):
            self._remember(key, function.get_concrete_function(*data))
        return function(*data)

    def _remember(self, key: tuple, concrete) -> None:
        if concrete.guards:
            return
        if len(self._concretes) >= _MAX_FAST_TRACES:
            self._concretes.clear()
        self._concretes[key] = concrete

    def _function(self, arity: int):
        function = self._functions.get(arity)
        if function is None:
            caller = _flat_caller(self._step, arity)
            caller.__name__ = self._name
            # NOTE: one trace per batch shape, not Keras 3's `reduce_retracing=True` (a trace
            # with an unknown batch size): fully known shapes let the compiled plan keep its
            # large results in reused memory (graph/memory.py), and a fit adds at most one
            # trace, for a last partial batch.
            function = tf.function(caller, jit_compile=self._jit_compile)
            self._functions[arity] = function
        return function
