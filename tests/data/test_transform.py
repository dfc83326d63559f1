"""Transformations with functions (B10, issue #7 item 7): map (traced like TF, parallel with
order kept), filter, flat_map, interleave (cycle_length, block_length), take_while."""

import threading
import time

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.data import Dataset

D = Dataset


def values(ds):
    return list(ds.as_numpy_iterator())


def test_map_unpacks_tuples_and_passes_dicts_B10():
    ds = D.from_tensor_slices(([1, 2], [10, 20]))
    assert values(ds.map(lambda a, b: a + b)) == [11, 22]
    d = D.from_tensor_slices({"a": [1, 2], "b": [3, 4]})
    assert values(d.map(lambda e: e["a"] * e["b"])) == [3, 8]
    with pytest.raises(TypeError, match="positional argument"):
        ds.map(lambda a: a)


def test_map_function_receives_tensors():
    seen = []
    D.range(2).map(lambda x: seen.append(type(x)) or x)
    assert seen and issubclass(seen[0], tf.Tensor)


def test_map_element_spec_comes_from_tracing_like_tf_B10():
    ds = D.from_tensor_slices(np.zeros((4, 3))).batch(2).map(lambda x: x * 2.)
    assert ds.element_spec == tf.TensorSpec([None, 3], tf.float64)
    pairs = D.range(3).map(lambda x: [x, x + 1])  # a list output is a tuple, as in TF
    assert pairs.element_spec == (tf.TensorSpec([], tf.int64), tf.TensorSpec([], tf.int64))
    assert values(pairs) == [(0, 1), (1, 2), (2, 3)]
    assert D.range(3).map(lambda x: 1).element_spec == tf.TensorSpec([], tf.int32)
    assert D.range(3).map(lambda x: np.float64(1)).element_spec.dtype == tf.float64


def test_map_python_side_effects_run_once_at_trace_like_tf():
    calls = []

    def fn(x):
        calls.append(1)
        return x * 2

    ds = D.range(5).map(fn)
    assert values(ds) == [0, 2, 4, 6, 8] and len(calls) == 1


def test_map_untraceable_function_runs_eagerly_with_same_results():
    def uses_numpy(x):  # .numpy() needs a value: it cannot be traced, so it runs eagerly
        return tf.constant(x.numpy() * 3)

    ds = D.range(4).map(uses_numpy)
    assert ds.element_spec == tf.TensorSpec([], tf.int64)
    assert values(ds) == [0, 3, 6, 9]


def test_traced_and_eager_map_give_identical_results():
    x = np.random.default_rng(0).standard_normal((50, 4)).astype(np.float32)

    def fn(a):
        return tf.nn.relu(a * 2. - 1.) + tf.reduce_sum(a)

    traced = D.from_tensor_slices(x).map(fn)
    eager = D.from_tensor_slices(x).map(fn)
    eager._fn._plan = None  # force the eager path
    for a, b in zip(values(traced), values(eager)):
        np.testing.assert_array_equal(a, b)


def test_map_none_output_is_an_error():
    with pytest.raises(ValueError):
        values(D.range(3).map(lambda x: None))


def test_parallel_map_keeps_order_and_uses_threads_B10():
    names = set()

    def slow(x):
        names.add(threading.current_thread().name)
        time.sleep(0.002 * (5 - x.numpy() % 5))
        return x * 10

    ds = D.range(40).map(lambda x: tf.constant(slow(x).numpy()),
                         num_parallel_calls=4)
    assert values(ds) == [i * 10 for i in range(40)]
    assert any(n.startswith("tensorlet-data-map") for n in names)
    assert repr(ds).startswith("<_ParallelMapDataset")
    autotuned = D.range(10).map(lambda x: x + 1, num_parallel_calls=tf.data.AUTOTUNE)
    assert values(autotuned) == list(range(1, 11))


def test_parallel_map_error_reaches_the_consumer():
    def fail_at_3(x):
        if x.numpy() == 3:
            raise RuntimeError("boom at 3")
        return x

    with pytest.raises(RuntimeError, match="boom at 3"):
        values(D.range(10).map(fail_at_3, num_parallel_calls=2))


def test_filter_B10():
    assert values(D.range(6).filter(lambda x: x % 2 == 0)) == [0, 2, 4]
    pairs = D.from_tensor_slices(([1, 2, 3], [4, 5, 6])).filter(lambda a, b: a > 1)
    assert values(pairs) == [(2, 5), (3, 6)]
    assert int(D.range(6).filter(lambda x: True).cardinality()) == -2


def test_filter_predicate_must_be_a_bool_scalar():
    with pytest.raises(ValueError, match="must return a `tf.bool` scalar tensor"):
        D.range(3).filter(lambda x: x)


def test_flat_map():
    assert values(D.range(3).flat_map(lambda x: D.range(x))) == [0, 0, 1]
    tuples = D.from_tensor_slices(([1, 2], [3, 4])).flat_map(lambda a, b: D.from_tensors(a + b))
    assert values(tuples) == [4, 6]
    repeated = D.from_tensor_slices([1, 2]).flat_map(lambda x: D.from_tensors(x).repeat(2))
    assert repeated.element_spec == tf.TensorSpec([], tf.int32)
    assert values(repeated) == [1, 1, 2, 2]


def test_flat_map_must_return_a_dataset():
    with pytest.raises(TypeError, match="must return a `Dataset`"):
        values(D.range(3).flat_map(lambda x: x))


def test_interleave_cycle_and_block_lengths_like_tf_docs():
    ds = D.range(1, 6).interleave(lambda x: D.from_tensors(x).repeat(6), cycle_length=2,
                                  block_length=4)
    assert values(ds) == [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4,
                          5, 5, 5, 5, 5, 5]


def test_interleave_exhausted_inputs_free_their_slot():
    ds = D.range(1, 4).interleave(lambda x: D.range(x), cycle_length=2)
    assert values(ds) == [0, 0, 1, 0, 1, 2]
    assert values(D.range(1, 4).interleave(lambda x: D.range(x), cycle_length=1)) == \
        [0, 0, 1, 0, 1, 2]
    parallel = D.range(3).interleave(lambda x: D.from_tensors(x), num_parallel_calls=2)
    assert repr(parallel).startswith("<_ParallelInterleaveDataset")


def test_take_while():
    assert values(D.range(10).take_while(lambda x: x < 3)) == [0, 1, 2]


def test_apply():
    assert values(D.range(3).apply(lambda d: d.map(lambda x: x * 2))) == [0, 2, 4]
    with pytest.raises(TypeError):
        D.range(3).apply(lambda d: 3)
