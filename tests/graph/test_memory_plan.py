"""Compiled plans reuse memory (tensorlet/graph/memory.py) without ever changing a result."""

import threading

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.context import state
from tensorlet.core.registry import REGISTRY
from tensorlet.graph.executor import compile_plan
from tensorlet.graph.memory import ARENA_MIN_BYTES, plan_memory
from tensorlet.testing.op_check import make_inputs
from tests.ops.cases import CASES

BIG = 64  # 64x64 float32 = 16 KB, the smallest result the arena takes


def _concrete(fn, *specs):
    return tf.function(fn).get_concrete_function(*specs)


def _mlp_step(x, w1, w2):
    h = tf.nn.relu(tf.matmul(x, w1) + 1.0)
    return tf.reduce_sum(tf.matmul(h, w2) * 0.5, axis=0)


def _inputs(seed):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((BIG, BIG)).astype(np.float32) for _ in range(3)]


def test_large_results_go_to_the_arena_and_elementwise_ops_write_in_place():
    concrete = _concrete(_mlp_step, *[tf.TensorSpec([BIG, BIG])] * 3)
    source = concrete.plan.source
    assert "out=_arena[0]" in source  # the first matmul's result
    assert "out=v" in source  # + 1.0 and relu write over the matmul's result
    assert BIG * BIG * 4 >= ARENA_MIN_BYTES


def test_arena_plan_gives_the_plain_plan_results_call_after_call():
    concrete = _concrete(_mlp_step, *[tf.TensorSpec([BIG, BIG])] * 3)
    plain = compile_plan(concrete.optimized_graph, reuse_memory=False)
    assert "_arena" not in plain.source and "out=" not in plain.source
    for seed in range(3):
        arrays = _inputs(seed)
        (got,) = concrete.plan.run(*arrays)
        (expected,) = plain.run(*arrays)
        np.testing.assert_array_equal(got, expected)


def test_returned_results_never_live_in_reused_memory():
    concrete = _concrete(lambda x, w: tf.matmul(x, w) + 1.0, *[tf.TensorSpec([BIG, BIG])] * 2)
    first = concrete(*[tf.constant(a) for a in _inputs(0)[:2]]).numpy().copy()
    kept = concrete(*[tf.constant(a) for a in _inputs(0)[:2]])
    concrete(*[tf.constant(a) for a in _inputs(1)[:2]])
    np.testing.assert_array_equal(kept.numpy(), first)


def test_results_seen_through_a_view_or_a_variable_are_not_reused():
    v = tf.Variable(np.zeros((BIG, BIG), np.float32))

    def step(x, w):
        y = tf.matmul(x, w)
        v.assign(tf.matmul(w, x))
        return tf.reshape(y, [-1]) * 2.0

    concrete = _concrete(step, *[tf.TensorSpec([BIG, BIG])] * 2)
    graph = concrete.optimized_graph
    memory = plan_memory(graph)
    matmuls = [n for n in graph.nodes if n.kind == "op" and n.op.name == "matmul"]
    assert len(matmuls) == 2 and all(memory.out_target(n) is None for n in matmuls)
    a, b = _inputs(2)[:2]
    out = concrete(tf.constant(a), tf.constant(b))
    concrete(tf.constant(b), tf.constant(a))
    np.testing.assert_allclose(out.numpy(), (a @ b).reshape(-1) * 2, rtol=1e-5)
    np.testing.assert_allclose(v.numpy(), a @ b, rtol=1e-5)  # the second call's w @ x


def test_a_call_that_finds_the_arena_busy_runs_without_it():
    concrete = _concrete(_mlp_step, *[tf.TensorSpec([BIG, BIG])] * 3)
    run = concrete.plan.run
    arrays = _inputs(4)
    (expected,) = run(*arrays)
    assert run.__globals__["_acquire"](False)  # as a recursive call finds it
    try:
        (got,) = run(*arrays)
    finally:
        run.__globals__["_release"]()
    np.testing.assert_array_equal(got, expected)


def test_concurrent_calls_each_get_their_own_results():
    concrete = _concrete(_mlp_step, *[tf.TensorSpec([BIG, BIG])] * 3)
    plain = compile_plan(concrete.optimized_graph, reuse_memory=False)
    batches = [_inputs(seed) for seed in range(4)]
    expected = [plain.run(*arrays)[0] for arrays in batches]
    errors: list = []

    def worker(i):
        for _ in range(30):
            (got,) = concrete.plan.run(*batches[i])
            if not np.array_equal(got, expected[i]):
                errors.append(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


class _Calls:
    """Notes each eager call of an op that has an out kernel (sits in the tape stack)."""

    def __init__(self) -> None:
        self.calls: list = []

    def _record(self, op, inputs, attrs, result) -> None:
        if op.out_kernel is not None and op.num_outputs == 1:
            self.calls.append((op, [getattr(x, "_value", x) for x in inputs], attrs,
                               np.asarray(result._value)))


def _recorded_calls():
    recorder = _Calls()
    state.tapes.append(recorder)
    try:
        for case in CASES:
            if REGISTRY[case.op].out_kernel is None:
                continue
            arrays = make_inputs(case)
            try:
                case.call(tf, *[tf.constant(a) if isinstance(a, np.ndarray) else a
                                for a in arrays])
            except Exception:  # noqa: BLE001 - error rows exercise the kernel's checks
                continue
    finally:
        state.tapes.remove(recorder)
    return [c for c in recorder.calls if c[3].ndim >= 1 and c[3].dtype.kind != "O"]


def test_every_out_kernel_op_has_rows_that_reach_it():
    reached = {op.name for op, *_ in _CALLS}
    with_out = {name for name, op in REGISTRY.items() if op.out_kernel is not None}
    assert with_out - reached == set()


_CALLS = _recorded_calls()


@pytest.mark.parametrize("call", _CALLS, ids=[f"{c[0].name}-{i}" for i, c in enumerate(_CALLS)])
def test_out_kernel_writes_what_the_kernel_returns(call):
    op, arrays, attrs, expected = call
    out = np.empty_like(expected)
    with np.errstate(all="ignore"):
        op.out_kernel(*arrays, out=out, **attrs)
    np.testing.assert_array_equal(out, expected, err_msg=op.name)
    donor = next((i for i, a in enumerate(arrays) if isinstance(a, np.ndarray)
                  and a.shape == expected.shape and a.dtype == expected.dtype), None)
    if donor is not None and op.traits.fusion == "elementwise":
        arrays = list(arrays)
        arrays[donor] = arrays[donor].copy()
        with np.errstate(all="ignore"):
            op.out_kernel(*arrays, out=arrays[donor], **attrs)
        np.testing.assert_array_equal(arrays[donor], expected, err_msg=f"{op.name} in place")


def _random_program(seed: int, variable):
    """A straight-line function over 64x64 float32 values drawn from elementwise ops, matmuls,
    views (transpose, reshape), reductions and a variable update; returns some values."""
    rng = np.random.default_rng(seed)
    steps = [(int(rng.integers(9)), int(rng.integers(1 << 30)), int(rng.integers(1 << 30)))
             for _ in range(14)]

    def program(x, y):
        pool = [x, y]
        for kind, i, j in steps:
            a, b = pool[i % len(pool)], pool[j % len(pool)]
            if kind == 0:
                pool.append(a + b)
            elif kind == 1:
                pool.append(a * b)
            elif kind == 2:
                pool.append(tf.nn.relu(a - 0.5))
            elif kind == 3:
                pool.append(tf.matmul(a, b) * 0.01)
            elif kind == 4:
                pool.append(tf.transpose(a))
            elif kind == 5:
                pool.append(tf.reshape(tf.reshape(a, [-1]), [BIG, BIG]))
            elif kind == 6:
                pool.append(a - tf.reduce_sum(b, axis=0) * 0.01)
            elif kind == 7:
                variable.assign(a)
                pool.append(tf.exp(b * 0.01))
            else:
                pool.append(tf.maximum(a, b) / 2.0)
        return pool[-1], pool[len(pool) // 2], variable.read_value()

    return program


@pytest.mark.parametrize("seed", range(12))
def test_random_programs_give_the_plain_plan_results_call_after_call(seed):
    variable = tf.Variable(np.zeros((BIG, BIG), np.float32))
    concrete = _concrete(_random_program(seed, variable), *[tf.TensorSpec([BIG, BIG])] * 2)
    plain = compile_plan(concrete.optimized_graph, reuse_memory=False)
    kept = []
    zeros = np.zeros((BIG, BIG), np.float32)
    for call in range(3):
        x, y = _inputs(10 + call)[:2]
        variable.assign(zeros)
        got = concrete(tf.constant(x), tf.constant(y))
        planned_variable = variable.numpy().copy()
        variable.assign(zeros)
        expected = plain.run(x, y)
        for tensor, array in zip(got, expected):
            np.testing.assert_array_equal(tensor.numpy(), array)
        np.testing.assert_array_equal(variable.numpy(), planned_variable)
        kept.append((got, [tensor.numpy().copy() for tensor in got]))
    for tensors, copies in kept:  # earlier results were never overwritten by later calls
        for t, c in zip(tensors, copies):
            np.testing.assert_array_equal(t.numpy(), c)
