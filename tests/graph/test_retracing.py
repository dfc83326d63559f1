"""The trace cache and TF's retracing rules (A13.3, A13.4, A13.6), with reasons (C1)."""

import gc
import logging
import weakref

import pytest

import tensorlet as tf
from tensorlet.graph.function import DEFAULT_CACHE_LIMIT, function


def test_a13_3_same_shape_and_dtype_reuses_the_trace():
    f = function(lambda x: x + 1)
    f(tf.constant(10))
    f(tf.constant(20))
    assert f.experimental_get_tracing_count() == 1
    f(tf.constant([10, 20]))
    assert f.experimental_get_tracing_count() == 2
    f(tf.constant(10.0))
    assert f.experimental_get_tracing_count() == 3


def test_a13_3_python_values_trace_once_per_value():
    f = function(lambda n: n + 1)
    for n in (10, 20, 10, 20):
        f(n)
    assert f.experimental_get_tracing_count() == 2


def test_python_int_and_float_of_equal_value_are_different_traces():
    f = function(lambda n: n * 2)
    assert f(2).dtype is tf.int32 and f(2.0).dtype is tf.float32


def test_nested_structures_key_by_structure_and_leaves():
    f = function(lambda d: d["a"] * d["b"][0])
    f({"a": tf.constant(1.0), "b": [2.0]})
    f({"a": tf.constant(5.0), "b": [2.0]})
    assert f.experimental_get_tracing_count() == 1
    f({"a": tf.constant(5.0), "b": [3.0]})
    f({"a": tf.constant(5.0), "b": (2.0,)})
    assert f.experimental_get_tracing_count() == 3


def test_c1_retrace_log_names_the_argument_and_both_values():
    @function
    def f(x, n):
        return x * n

    f(tf.constant(1.0), 10)
    f(tf.constant(1.0), 20)
    (line,) = f.experimental_retrace_log()
    assert line.startswith("retrace #2 of f: arg 'n': Python int 10 -> 20")
    assert "pass a tensor" in line


def test_c1_retrace_log_reports_shape_changes_with_a_hint():
    f = function(lambda x: x + 1)
    f(tf.constant([1.0, 2.0]))
    f(tf.constant([1.0, 2.0, 3.0]))
    (line,) = f.experimental_retrace_log()
    assert "arg 'x': Tensor float32[2] -> float32[3]" in line and "reduce_retracing" in line


def test_a13_4_frequent_retracing_logs_tfs_warning_with_the_reason(caplog):
    f = function(lambda n: n + 1)
    with caplog.at_level(logging.WARNING, logger="tensorlet"):
        for n in range(7):
            f(n)
    warnings = [r.getMessage() for r in caplog.records if "retracing" in r.getMessage()]
    assert len(warnings) == 2
    assert warnings[0].startswith("5 out of the last 5 calls to")
    assert "triggered tf.function retracing" in warnings[0]
    assert "arg 'n': Python int 3 -> 4" in warnings[0]


def test_c1_a_changed_closure_value_retraces_instead_of_reusing_a_stale_value():
    k = 2.0
    f = function(lambda x: x * k)
    assert f(tf.constant(1.0)).numpy() == 2.0
    k = 3.0  # noqa: F841 - read by the lambda
    assert f(tf.constant(1.0)).numpy() == 3.0
    assert "closure variable 'k': Python float 2.0 -> 3.0" in f.experimental_retrace_log()[0]


def test_c1_changed_self_attribute_retraces_tf_issue_44980():
    class Scaler:
        def __init__(self):
            self.scale = 1

        @function
        def apply(self, x):
            return x * self.scale

    s = Scaler()
    assert s.apply(tf.constant(2)).numpy() == 2
    s.scale = 5
    assert s.apply(tf.constant(2)).numpy() == 10
    assert "attribute 'scale'" in s.apply.experimental_retrace_log()[0]


SCALE = 2


def test_c1_changed_module_global_retraces():
    global SCALE
    f = function(lambda x: x * SCALE)
    try:
        assert f(tf.constant(1)).numpy() == 2
        SCALE = 4
        assert f(tf.constant(1)).numpy() == 4
    finally:
        SCALE = 2


def test_a13_6_get_concrete_function_from_a_spec():
    f = function(lambda x: x * 2.0)
    cf = f.get_concrete_function(tf.TensorSpec([], tf.float32))
    assert cf.structured_input_signature == ((tf.TensorSpec([], tf.float32, "x"),), {})
    assert cf(tf.constant(3.0)).numpy() == 6.0
    assert f.get_concrete_function(tf.TensorSpec([], tf.float32)) is cf


def test_a13_6_a_relaxed_trace_serves_calls_whose_shapes_fit():
    f = function(lambda x: x + 1)
    f.get_concrete_function(tf.TensorSpec([None], tf.float32))
    f(tf.constant([1.0]))
    f(tf.constant([1.0, 2.0, 3.0]))
    assert f.experimental_get_tracing_count() == 1


def test_a13_6_input_signature_traces_once_for_any_length():
    f = function(lambda x: x * 2.0, input_signature=[tf.TensorSpec([None], tf.float32)])
    for n in range(1, 5):
        assert f(tf.ones([n])).shape == [n]
    assert f([1.0, 2.0]).numpy().tolist() == [2.0, 4.0]
    assert f.experimental_get_tracing_count() == 1


def test_a13_6_input_signature_rejects_incompatible_inputs_with_type_error():
    f = function(lambda x: x, input_signature=[tf.TensorSpec([None], tf.float32)])
    with pytest.raises(TypeError, match=r"Binding inputs to tf.function failed due to `Can not "
                                        r"cast TensorSpec\(shape=\(1, 1\)"):
        f(tf.constant([[1.0]]))
    with pytest.raises(TypeError, match="dtype=tf.int32"):
        f(tf.constant([1]))
    with pytest.raises(TypeError, match="expected 1 arguments, got 2"):
        f(tf.constant([1.0]), tf.constant([1.0]))
    g = function(lambda x, y=None: x, input_signature=[tf.TensorSpec([None], tf.float32)])
    with pytest.raises(TypeError, match="expected 1 arguments, got 2"):
        g(tf.constant([1.0]), tf.constant([1.0]))


def test_a13_6_reduce_retracing_relaxes_lengths_after_the_second_shape():
    f = function(lambda x: tf.reduce_sum(x), reduce_retracing=True)
    for n in range(1, 9):
        assert f(tf.ones([n])).numpy() == n
    assert f.experimental_get_tracing_count() == 2
    (args, _) = f.get_concrete_function(tf.ones([5])).structured_input_signature
    assert args[0].shape.as_list() == [None]


def test_c2_the_cache_is_a_bounded_lru_and_logs_evictions():
    f = function(lambda x: x + 1)
    assert f.experimental_cache_limit == DEFAULT_CACHE_LIMIT
    f.experimental_cache_limit = 3
    for n in range(1, 6):
        f(tf.ones([n]))
    assert len(f._cache) == 3
    assert sum("evicted" in line for line in f.experimental_retrace_log()) == 2
    f(tf.ones([5]))
    assert f.experimental_get_tracing_count() == 5
    f(tf.ones([1]))
    assert f.experimental_get_tracing_count() == 6
    with pytest.raises(ValueError):
        f.experimental_cache_limit = 0


def test_c2_many_shapes_keep_memory_bounded():
    import tracemalloc

    f = function(lambda x: x * 2.0 + 1.0)
    f.experimental_cache_limit = 8
    for n in range(1, 51):
        f(tf.ones([n]))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(2000):
        f(tf.ones([1 + i % 50]))
    gc.collect()
    growth = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(f._cache) <= 8 and growth < 2_000_000


def test_a13_5_deleting_the_function_frees_its_graphs():
    f = function(lambda x: x + 1)
    graph = weakref.ref(f.get_concrete_function(tf.constant(1)).graph)
    f(tf.constant(1))
    del f
    gc.collect()
    assert graph() is None
