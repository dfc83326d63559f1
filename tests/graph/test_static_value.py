"""Shapes and bounds computed from `tf.shape` inside traces (graph/static_value.py)."""

import numpy as np
import pytest

import tensorlet as tf

X = np.arange(6, dtype=np.float32).reshape(3, 2)


def _traced(fn, *args):
    return tf.function(fn)(*[tf.constant(a) for a in args]).numpy()


@pytest.mark.parametrize("name, fn, expected", [
    ("zeros", lambda x: tf.zeros([tf.shape(x)[0], 4]), np.zeros((3, 4), np.float32)),
    ("ones of a shape", lambda x: tf.ones(tf.shape(x)), np.ones((3, 2), np.float32)),
    ("fill", lambda x: tf.fill([tf.shape(x)[1], tf.shape(x)[0]], 7.0),
     np.full((2, 3), 7.0, np.float32)),
    ("reshape", lambda x: tf.reshape(x, [tf.shape(x)[0] * 2, -1]), X.reshape(6, 1)),
    ("broadcast_to", lambda x: tf.broadcast_to(x[:1], tf.shape(x)),
     np.broadcast_to(X[:1], X.shape)),
    ("tile", lambda x: tf.tile(x, [tf.shape(x)[1], 1]), np.tile(X, (2, 1))),
    ("range", lambda x: tf.range(tf.shape(x)[0]), np.arange(3, dtype=np.int32)),
    ("slice", lambda x: tf.slice(x, [0, 0], [tf.shape(x)[0] - 1, -1]), X[:2]),
    ("strided slice", lambda x: x[:tf.shape(x)[0] - 1, tf.size(x) - 5], X[:2, 1]),
    ("linspace", lambda x: tf.linspace(0.0, 1.0, tf.shape(x)[0]),
     np.linspace(0, 1, 3).astype(np.float32)),
    ("random shape", lambda x: tf.zeros_like(tf.random.normal(tf.shape(x))),
     np.zeros((3, 2), np.float32)),
])
def test_shape_arguments_from_tf_shape_work_in_traces(name, fn, expected):
    got = _traced(fn, X)
    assert got.dtype == expected.dtype, name
    np.testing.assert_array_equal(got, expected, err_msg=name)


def test_each_trace_uses_its_own_shapes():
    f = tf.function(lambda x: tf.zeros([tf.shape(x)[0], 1]))
    assert f(tf.ones([3, 2])).shape == (3, 1)
    assert f(tf.ones([5, 2])).shape == (5, 1)
    assert f.experimental_get_tracing_count() == 2


def test_run_time_shapes_work_where_a_run_time_shape_op_exists():
    unknown = tf.function(lambda x: tf.zeros([tf.shape(x)[0], 2]),
                          input_signature=[tf.TensorSpec([None, 2])])
    assert unknown.get_concrete_function().structured_outputs.shape.as_list() == [None, 2]
    assert unknown(tf.ones([3, 2])).shape == (3, 2)
    data = tf.function(lambda x: tf.zeros([tf.cast(tf.reduce_sum(x), tf.int32)]))
    assert data(tf.ones([3])).shape == (3,)


def test_other_shape_arguments_known_only_at_run_time_raise_a_clear_error():
    linspace = tf.function(lambda x: tf.linspace(0.0, 1.0, tf.shape(x)[0]),
                           input_signature=[tf.TensorSpec([None, 2])])
    with pytest.raises(TypeError, match="depends on the call's inputs"):
        linspace(tf.ones([3, 2]))


def test_a_variable_is_never_baked_into_a_trace_as_a_shape():
    v = tf.Variable(3)
    assert tf.range(v).shape == (3,)  # eagerly its current value is the bound
    with pytest.raises(TypeError, match="variable 'Variable:0'.*read when the function runs"):
        tf.function(lambda: tf.range(v))()


def test_get_static_value():
    assert tf.get_static_value([1, 2]) == [1, 2]
    np.testing.assert_array_equal(tf.get_static_value(tf.constant([1, 2])), [1, 2])
    seen = {}

    @tf.function
    def f(x):
        seen["shape"] = tf.get_static_value(tf.shape(x) * 2)
        seen["data"] = tf.get_static_value(x + 1.0)
        seen["rows"] = int(tf.shape(x)[0])
        return x

    f(tf.ones([4, 3]))
    np.testing.assert_array_equal(seen["shape"], [8, 6])
    assert seen["data"] is None and seen["rows"] == 4


def test_python_numbers_from_traced_tensors():
    @tf.function
    def f(x):
        half = tf.cast(tf.shape(x)[0], tf.float32) / 2.0
        with pytest.raises(TypeError):
            list(range(10))[half]  # a float is never an index
        return tf.constant(float(half)) + tf.constant(complex(half).real)

    assert float(f(tf.ones([3]))) == 3.0


def test_lists_holding_traced_tensors_are_packed_as_tf_does():
    @tf.function
    def f(x, i):
        grown = tf.concat([x, [i]], 0)
        picked = tf.gather(x, [i - 5, i - 4])
        total = tf.reduce_sum([i, i, 3])
        return grown, picked, total, tf.convert_to_tensor([[i, 1], [2, i]]), x + [i, 0]

    grown, picked, total, nested, added = f(tf.constant([1, 2]), tf.constant(5))
    np.testing.assert_array_equal(grown.numpy(), [1, 2, 5])
    np.testing.assert_array_equal(picked.numpy(), [1, 2])
    assert int(total) == 13
    np.testing.assert_array_equal(nested.numpy(), [[5, 1], [2, 5]])
    np.testing.assert_array_equal(added.numpy(), [6, 2])


def test_packing_never_casts_silently():
    @tf.function
    def f(i):
        return tf.convert_to_tensor([i, 1.5])

    with pytest.raises(TypeError):
        f(tf.constant(1))
    with pytest.raises(TypeError, match="different dtypes"):
        tf.function(lambda i, x: tf.convert_to_tensor([i, x]))(tf.constant(1), tf.constant(2.0))
