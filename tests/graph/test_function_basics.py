"""`tf.function` basics: call forms, methods, results always tensors, trace-time Python (A13)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.graph.function import Function, function
from tensorlet.graph.run_mode import functions_run_eagerly, run_functions_eagerly


def cube(x):
    return x ** 3


def test_a13_1_int_gives_an_int32_tensor_and_float_tensor_gives_float32():
    tf_cube = function(cube)
    r = tf_cube(2)
    assert isinstance(r, tf.Tensor) and r.dtype is tf.int32 and r.numpy() == 8
    r = tf_cube(tf.constant(2.0))
    assert r.dtype is tf.float32 and r.numpy() == 8.0


def test_a13_2_python_function_is_the_original_function():
    tf_cube = function(cube)
    assert tf_cube.python_function is cube
    assert tf_cube.python_function(2) == 8 and type(tf_cube.python_function(2)) is int


def test_decorator_forms_with_and_without_arguments():
    @function
    def f(x):
        return x + 1

    @function(jit_compile=True)
    def g(x):
        return x + 1

    assert isinstance(f, Function) and isinstance(g, Function)
    assert f.__name__ == "f" and g(tf.constant(1)).numpy() == 2


def test_results_are_always_tensors_and_keep_their_structure():
    out = function(lambda x: {"a": x, "b": [1, 2.5, "s"], "c": None, "d": (x * 2,)})(
        tf.constant(3))
    assert out["c"] is None
    assert [t.numpy() for t in out["b"]] == [1, np.float32(2.5), b"s"]
    assert out["a"].numpy() == 3 and out["d"][0].numpy() == 6
    assert isinstance(out["d"], tuple) and all(isinstance(t, tf.Tensor) for t in out["b"])


def test_returning_none_or_nothing_gives_none():
    assert function(lambda: None)() is None


def test_returning_a_non_tensor_object_raises_tfs_type_error():
    with pytest.raises(TypeError, match="must return zero or more Tensors"):
        function(lambda: object())()


def test_returning_a_variable_returns_its_current_value():
    v = tf.Variable(3.0)
    f = function(lambda: v)
    assert f().numpy() == 3.0
    v.assign(5.0)
    assert f().numpy() == 5.0


def test_numpy_array_arguments_are_tensors():
    f = function(lambda x: x * 2)
    np.testing.assert_array_equal(f(np.array([1.0, 2.0], np.float32)).numpy(), [2.0, 4.0])
    f(np.array([3.0, 4.0], np.float32))
    assert f.experimental_get_tracing_count() == 1


def test_keyword_and_default_arguments_bind_like_python():
    @function
    def f(x, scale=2.0, *, shift=0.0):
        return x * scale + shift

    x = tf.constant(1.0)
    assert f(x).numpy() == 2.0 and f(x, 3.0).numpy() == 3.0
    assert f(x, shift=1.0).numpy() == 3.0 and f(x=x, scale=2.0).numpy() == 2.0
    assert f.experimental_get_tracing_count() == 3


def test_methods_get_one_function_per_instance_with_self_bound():
    class Model:
        def __init__(self, k):
            self.k = tf.Variable(k)

        @function
        def __call__(self, x):
            return x * self.k

    a, b = Model(2.0), Model(3.0)
    x = tf.constant(1.0)
    assert a(x).numpy() == 2.0 and b(x).numpy() == 3.0
    assert a.__call__ is a.__call__ and a.__call__ is not b.__call__
    assert isinstance(Model.__call__, Function)


def test_a13_15_numpy_randomness_runs_only_while_tracing():
    @function
    def f(x):
        return np.random.rand() + 0 * x

    a, b = f(tf.constant(2.0)), f(tf.constant(3.0))
    c = f(tf.constant([2.0, 3.0]))
    assert a.numpy() == b.numpy() and c.numpy()[0] != a.numpy()


def test_a13_15_tf_random_draws_a_new_value_on_every_call():
    f = function(lambda: tf.random.uniform([]))
    assert len({float(f().numpy()) for _ in range(5)}) == 5


def test_a13_16_python_side_effects_run_once_per_trace():
    calls = []

    @function
    def f(x):
        calls.append(1)
        return x + 1

    for _ in range(3):
        f(tf.constant(1))
    assert len(calls) == 1


def test_a13_20_nested_functions_and_helpers_are_traced_inline():
    inner = function(lambda x: x * 2)

    def helper(x):
        return inner(x) + 1

    outer = function(lambda x: helper(x) * 3)
    assert outer(tf.constant(1)).numpy() == 9
    assert inner.experimental_get_tracing_count() == 0
    types = [op.type for op in outer.get_concrete_function(tf.constant(1)).graph.get_operations()]
    assert types.count("Mul") == 2 and "AddV2" in types


def test_a13_21_run_functions_eagerly_runs_the_python_function():
    seen = []
    f = function(lambda x: seen.append(tf.executing_eagerly()) or x)
    run_functions_eagerly(True)
    try:
        assert functions_run_eagerly()
        f(tf.constant(1))
        f(tf.constant(1))
    finally:
        run_functions_eagerly(False)
    f(tf.constant(1))
    assert seen == [True, True, False] and not functions_run_eagerly()


def test_a13_7_jit_compile_gives_identical_results():
    def fn(a, b, c):
        return tf.reduce_sum(a * b + c)

    rng = np.random.default_rng(0)
    args = [tf.constant(rng.standard_normal((4, 5)).astype(np.float32)) for _ in range(3)]
    plain, jitted = function(fn)(*args), function(fn, jit_compile=True)(*args)
    assert plain.numpy().tobytes() == jitted.numpy().tobytes() == fn(*args).numpy().tobytes()


def test_an_installed_converter_is_used_only_with_autograph():
    from tensorlet.graph import tracing

    converted = []

    def convert(fn):
        converted.append(fn)
        return lambda x: fn(x) * 10

    def fn(x):
        return x + 1

    previous = tracing._converter["convert"]
    tracing.set_converter(convert)
    try:
        assert function(fn)(tf.constant(1)).numpy() == 20
        assert function(fn, autograph=False)(tf.constant(1)).numpy() == 2
    finally:
        tracing.set_converter(previous)
    assert converted == [fn]


def test_a_method_function_does_not_keep_its_instance_alive():
    import gc
    import weakref

    class Model:
        @function
        def call(self, x):
            return x + 1

    m = Model()
    assert m.call(tf.constant(1)).numpy() == 2
    ref = weakref.ref(m)
    del m
    gc.collect()
    assert ref() is None and Model.call._bound == {}
