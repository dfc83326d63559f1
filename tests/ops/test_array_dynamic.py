"""Run-time shapes in traced functions (tensorlet/ops/array_dynamic.py): results and errors."""

import traceback

import numpy as np
import pytest

import tensorlet as tf

ROWS = [tf.TensorSpec([None, 2])]


def _fn(fn, signature=ROWS):
    return tf.function(fn, input_signature=signature)


def test_traced_shapes_keep_the_dims_known_when_traced():
    cases = {
        "fill": (lambda x: tf.fill([tf.shape(x)[0], 5], 1.0), [None, 5]),
        "ones": (lambda x: tf.ones(tf.shape(x), tf.int32), [None, 2]),
        "reshape": (lambda x: tf.reshape(x, [tf.shape(x)[0], 2, 1]), [None, 2, 1]),
        "broadcast_to": (lambda x: tf.broadcast_to(x[:1], tf.shape(x)), [None, 2]),
        "range": (lambda x: tf.range(tf.shape(x)[0]), [None]),
    }
    x = tf.ones([4, 2])
    for name, (fn, dims) in cases.items():
        f = _fn(fn)
        assert f.get_concrete_function().structured_outputs.shape.as_list() == dims, name
        assert f(x).shape.as_list() == [4 if d is None else d for d in dims], name


def test_bad_run_time_shapes_raise_errors_naming_the_op_and_the_user_line():
    negative = _fn(lambda x: tf.fill([tf.shape(x)[0] - 10, 2], 0.0))
    with pytest.raises(tf.errors.InvalidArgumentError, match="fill: dims must be non-negative"):
        negative(tf.ones([3, 2]))
    size = _fn(lambda x: tf.reshape(x, [tf.shape(x)[0], 4]))  # the reshape line
    with pytest.raises(tf.errors.InvalidArgumentError, match="reshape") as info:
        size(tf.ones([3, 2]))
    last = traceback.extract_tb(info.value.__traceback__)[-1]
    assert last.filename == __file__ and "# the reshape line" in last.line


def test_a_shape_must_be_an_integer_vector():
    with pytest.raises(tf.errors.InvalidArgumentError, match="1-D int32 or int64"):
        _fn(lambda x: tf.reshape(x, tf.cast(tf.shape(x), tf.float32)))(tf.ones([3, 2]))


def test_run_time_range_follows_tfs_dtype_rule():
    f = _fn(lambda x: tf.range(0.5, tf.cast(tf.shape(x)[0], tf.float32)))
    np.testing.assert_array_equal(f(tf.ones([3, 2])).numpy(), np.float32([0.5, 1.5, 2.5]))
    g = _fn(lambda x: tf.range(tf.shape(x)[0], dtype=tf.int64))
    assert g(tf.ones([2, 2])).dtype == tf.int64
    with pytest.raises(tf.errors.InvalidArgumentError, match="range"):
        _fn(lambda x: tf.range(0, tf.shape(x)[0], 0))(tf.ones([2, 2]))


X = np.arange(24, dtype=np.float32).reshape(4, 6)


@pytest.mark.parametrize("name, traced, reference", [
    ("stop", lambda x: x[:tf.shape(x)[0] - 1], lambda x: x[:3]),
    ("start", lambda x: x[1:tf.shape(x)[0]], lambda x: x[1:]),
    ("negative start", lambda x: x[-tf.shape(x)[0] + 1:], lambda x: x[-3:]),
    ("second axis", lambda x: x[:, :tf.shape(x)[0]], lambda x: x[:, :4]),
    ("negative step", lambda x: x[tf.shape(x)[0] - 2::-1], lambda x: x[2::-1]),
    ("with an index", lambda x: x[tf.shape(x)[0] - 2:, 2], lambda x: x[2:, 2]),
    ("past the end", lambda x: x[:100 * tf.shape(x)[0]], lambda x: x),
    ("empty", lambda x: x[5 * tf.shape(x)[0]:], lambda x: x[20:]),
    ("tf.slice", lambda x: tf.slice(x, [1, 0], [tf.shape(x)[0] - 2, -1]), lambda x: x[1:3]),
    ("tf.slice begin", lambda x: tf.slice(x, [0, tf.shape(x)[0] - 3], [-1, 2]),
     lambda x: x[:, 1:3]),
])
def test_slices_with_run_time_bounds_follow_pythons_rules(name, traced, reference):
    got = _fn(traced, [tf.TensorSpec([None, 6])])(tf.constant(X)).numpy()
    np.testing.assert_array_equal(got, reference(X), err_msg=name)


def test_a_run_time_step_is_refused_with_a_clear_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match="step of a slice"):
        _fn(lambda x: x[::tf.shape(x)[0]], [tf.TensorSpec([None, 6])])(tf.constant(X))


def test_traced_scalar_indices_count_from_the_end_and_check_bounds():
    pick = _fn(lambda x, i: x[i], [tf.TensorSpec([None, 6]), tf.TensorSpec([], tf.int32)])
    np.testing.assert_array_equal(pick(tf.constant(X), tf.constant(-1)).numpy(), X[-1])
    with pytest.raises(tf.errors.InvalidArgumentError, match="slice index 4 of dimension 0"):
        pick(tf.constant(X), tf.constant(4))


@pytest.mark.parametrize("axis, ids_signature, ids", [
    (0, [None], [1, 3, 1]), (1, [None, 2], [[0, 2], [2, 2]])])
def test_gather_gradient_with_unknown_dims_equals_the_known_dims_one(axis, ids_signature, ids):
    def grad(params, indices):
        with tf.GradientTape() as tape:
            tape.watch(params)
            y = tf.reduce_sum(tf.gather(params, indices, axis=axis) ** 2)
        return tape.gradient(y, params)

    params = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
    unknown = _fn(grad, [tf.TensorSpec([None, 3]), tf.TensorSpec(ids_signature, tf.int32)])
    known = tf.function(grad)
    np.testing.assert_array_equal(unknown(params, tf.constant(ids)).numpy(),
                                  known(params, tf.constant(ids)).numpy())


def test_tile_with_run_time_multiples_and_its_gradient():
    x = np.arange(6, dtype=np.float32).reshape(2, 3)

    def tiled_and_grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.tile(x, [tf.shape(x)[0], 2])
            total = tf.reduce_sum(y ** 2)
        return y, tape.gradient(total, x)

    y, grad = _fn(tiled_and_grad, [tf.TensorSpec([None, 3])])(tf.constant(x))
    np.testing.assert_array_equal(y.numpy(), np.tile(x, (2, 2)))
    np.testing.assert_array_equal(grad.numpy(), 2 * x * 4)


def test_unknown_static_dims_are_refused_as_shapes_as_tf_does():
    with pytest.raises(ValueError, match="partially known TensorShape"):
        _fn(lambda x: tf.zeros(x.shape), [tf.TensorSpec([None, 3])])(tf.ones([2, 3]))
    with pytest.raises(TypeError, match=r"Failed to convert elements of \[None, -1\]"):
        _fn(lambda x: tf.reshape(x, [x.shape[0], -1]), [tf.TensorSpec([None, 3])])(
            tf.ones([2, 3]))


def test_broadcasting_gradients_with_unknown_dims():
    def grads(x, b):
        with tf.GradientTape() as tape:
            tape.watch([x, b])
            y = tf.reduce_sum((x * b + b) ** 2)
        return tape.gradient(y, [x, b])

    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1.0, 2.0, 3.0], np.float32)
    unknown = _fn(grads, [tf.TensorSpec([None, None]), tf.TensorSpec([None])])
    for got, want in zip(unknown(tf.constant(x), tf.constant(b)),
                         tf.function(grads)(tf.constant(x), tf.constant(b))):
        np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-6)
