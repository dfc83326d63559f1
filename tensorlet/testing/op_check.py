"""`check_op`: the checks every op goes through, driven by one row of a case table.

A `Case` describes how to call an op through the public API. The same `call(tf, *inputs)` runs
on tensorlet and, in `tools/record_tf_fixtures.py`, on real TensorFlow, so reference values
recorded from TF line up with the tensorlet call exactly.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

__all__ = ["In", "Case", "make_inputs", "run_case", "check_op", "ops_run_by", "case_gradients",
           "assert_close"]


@dataclass(frozen=True)
class In:
    """A generated input: its shape, dtype and value domain.

    `domain` is `(low, high)` for uniform values; `"positive"`, `"unit"` (-1..1 open), or
    `"nonzero"` are shorthands. Integer and bool inputs draw from the domain too.
    """

    shape: tuple = ()
    dtype: str = "float32"
    domain: object = (-2.0, 2.0)


@dataclass
class Case:
    """One row of the op case table.

    Attributes:
        id: unique, stable name; the key of the recorded TF fixtures.
        op: the registry op this row exercises (it must run during the call).
        call: `call(tf, *inputs)` using only TF's public API.
        inputs: `In` specs (arrays are generated from a seed derived from `id`).
        ref: an optional NumPy reference `ref(*arrays)`.
        grad: check gradients with respect to the floating inputs.
        tf: compare with the recorded TF fixture (False for random ops).
        rtol, atol: tolerances for forward checks.
    """

    id: str
    op: str
    call: Callable
    inputs: tuple = ()
    ref: Callable | None = None
    grad: bool = True
    tf: bool = True
    rtol: float = 1e-5
    atol: float = 1e-6
    grad_rtol: float = 2e-3
    extra_ops: tuple = field(default_factory=tuple)


_DOMAINS = {"positive": (0.5, 3.0), "unit": (-0.9, 0.9), "nonzero": None}


def _draw(rng: np.random.Generator, spec: In) -> np.ndarray:
    domain = _DOMAINS.get(spec.domain, spec.domain) if isinstance(spec.domain, str) else \
        spec.domain
    dtype = np.dtype(spec.dtype) if spec.dtype != "string" else np.dtype(object)
    if dtype.kind == "b":
        return rng.random(spec.shape) < 0.5
    if spec.domain == "nonzero":
        mag = rng.uniform(0.5, 2.0, spec.shape)
        sign = np.where(rng.random(spec.shape) < 0.5, -1.0, 1.0)
        return (mag * sign).astype(dtype)
    low, high = domain
    if dtype.kind in "iu":
        return rng.integers(int(low), int(high) + 1, size=spec.shape).astype(dtype)
    values = rng.uniform(low, high, spec.shape)
    if dtype.kind == "c":
        values = values + 1j * rng.uniform(low, high, spec.shape)
    return np.asarray(values).astype(dtype)


def make_inputs(case: Case) -> list:
    """The case's input arrays, from a seed derived from the case id (stable across runs)."""
    rng = np.random.default_rng(zlib.crc32(case.id.encode()))
    return [_draw(rng, s) if isinstance(s, In) else s for s in case.inputs]


class _OpRecorder:
    """Sits in the tape stack and notes the name of every op that runs."""

    def __init__(self) -> None:
        self.names: set = set()

    def _record(self, op, inputs, attrs, result) -> None:
        self.names.add(op.name)


def ops_run_by(fn: Callable) -> tuple:
    """Runs `fn()` and returns `(result, names of the registry ops that ran)`."""
    from ..core.context import state

    recorder = _OpRecorder()
    state.tapes.append(recorder)
    try:
        result = fn()
    finally:
        state.tapes.remove(recorder)
    return result, recorder.names


def run_case(tf, case: Case, arrays: list | None = None):
    """Calls the case on module `tf` (tensorlet or TensorFlow) and returns NumPy outputs."""
    arrays = make_inputs(case) if arrays is None else arrays
    args = [tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrays]
    out = case.call(tf, *args)
    return to_numpy(out)


def to_numpy(out):
    if isinstance(out, (list, tuple)):
        return [to_numpy(o) for o in out]
    return np.asarray(out)


def check_op(tf, case: Case) -> None:
    """Runs the case with shape-rule checks on, and compares with its NumPy reference.

    Raises:
        AssertionError: when the op did not run, or an output differs from the reference.
    """
    from ..core.context import debug_checks_enabled, set_debug_checks

    arrays = make_inputs(case)
    previous = debug_checks_enabled()
    set_debug_checks(True)
    try:
        out, names = ops_run_by(lambda: run_case(tf, case, arrays))
    finally:
        set_debug_checks(previous)
    assert case.op in names, f"{case.id}: op {case.op!r} did not run (ran: {sorted(names)})"
    if case.ref is not None:
        expected = case.ref(*arrays)
        assert_close(out, expected, case.rtol, case.atol, case.id)


def assert_close(actual, expected, rtol: float, atol: float, what: str) -> None:
    if isinstance(expected, (list, tuple)):
        assert len(actual) == len(expected), f"{what}: {len(actual)} outputs, {len(expected)}"
        for a, e in zip(actual, expected):
            assert_close(a, e, rtol, atol, what)
        return
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    if expected.dtype.kind in "OSU" or actual.dtype.kind in "bOSU":
        np.testing.assert_array_equal(actual, expected, err_msg=what)
    else:
        np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, err_msg=what)


def case_gradients(tf, case: Case, arrays: list | None = None) -> list:
    """Gradients of `sum(output * w)` with respect to each float input, `w` seeded by the id.

    Uses only TF's public API, so `tools/record_tf_fixtures.py` runs it on TensorFlow too.
    Returns one array (or None) per float input.
    """
    arrays = make_inputs(case) if arrays is None else arrays
    args = [tf.constant(a) if isinstance(a, np.ndarray) else a for a in arrays]
    diff = [x for a, x in zip(arrays, args) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    rng = np.random.default_rng(zlib.crc32(case.id.encode()) + 1)
    with tf.GradientTape() as tape:
        for x in diff:
            tape.watch(x)
        out = case.call(tf, *args)
        outs = list(out) if isinstance(out, (list, tuple)) else [out]
        total = None
        for o in outs:
            if not o.dtype.is_floating:
                continue
            w = tf.constant(rng.standard_normal(tuple(o.shape)).astype(o.dtype.as_numpy_dtype))
            term = tf.reduce_sum(o * w)
            total = term if total is None else total + term
    grads = tape.gradient(total, diff)
    return [None if g is None else np.asarray(g) for g in grads]
