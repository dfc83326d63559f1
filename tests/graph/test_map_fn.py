"""tf.map_fn / scan / foldl / foldr eagerly and in tf.function (values checked with TF 2.21)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError, OutOfRangeError
from tensorlet.framework.functional import foldl, foldr, map_fn, scan

X = [[1.0, 2.0], [3.0, 4.0]]


def _both(fn, *args):
    """The result eagerly and through a tf.function (with an unknown first dimension)."""
    eager = fn(*args)
    spec = [tf.TensorSpec([None, *np.shape(a)[1:]], tf.float32) for a in args]
    traced = tf.function(fn, input_signature=spec)(*args)
    return eager, traced


@pytest.mark.parametrize("fn,expected", [
    (lambda x: map_fn(lambda r: r * 2, x), [[2.0, 4.0], [6.0, 8.0]]),
    (lambda x: map_fn(tf.reduce_sum, x), [3.0, 7.0]),
    (lambda x: scan(lambda a, r: a + r, x), [[1.0, 2.0], [4.0, 6.0]]),
    (lambda x: scan(lambda a, r: a + r, x, initializer=tf.zeros([2]), reverse=True),
     [[4.0, 6.0], [3.0, 4.0]]),
    (lambda x: scan(lambda a, r: a + r, x, reverse=True), [[4.0, 6.0], [3.0, 4.0]]),
    (lambda x: foldl(lambda a, r: a + r, x), [4.0, 6.0]),
    (lambda x: foldr(lambda a, r: a * 2 + r, x, initializer=tf.zeros([2])), [7.0, 10.0]),
])
def test_eager_and_traced_agree_with_tf(fn, expected):
    x = tf.constant(X)
    for y in _both(fn, x):
        np.testing.assert_allclose(y.numpy(), expected)


def test_nested_elems_and_output_signature():
    x = tf.constant(X)
    out = map_fn(lambda p: {"a": p["a"] * 2}, {"a": x})
    assert out["a"].numpy().tolist() == [[2.0, 4.0], [6.0, 8.0]]
    pair = map_fn(lambda p: (p[0], p[1]), (x, tf.constant([1, 2])))
    assert pair[1].dtype == tf.int32 and pair[1].numpy().tolist() == [1, 2]
    y = map_fn(lambda r: tf.cast(r, tf.int32), x, fn_output_signature=tf.int32)
    assert y.dtype == tf.int32
    acc = scan(lambda a, r: (a[0] + r, a[1] * r), x, initializer=(tf.zeros([2]), tf.ones([2])))
    assert acc[1].numpy().tolist() == [[1.0, 2.0], [3.0, 8.0]]


def test_errors_match_tf():
    x = tf.constant(X)
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is float32 but Op is "
                                                   "trying to write dtype int32"):
        map_fn(lambda r: tf.cast(r, tf.int32), x)
    with pytest.raises(ValueError, match="Dimensions 2 and 3 are not compatible"):
        map_fn(lambda p: p, (x, tf.constant([1, 2, 3])))
    with pytest.raises(ValueError, match="1\\+ dimensional Tensors, not scalars"):
        map_fn(lambda p: p, tf.constant(1.0))
    with pytest.raises(ValueError, match="does not contain any Tensors"):
        map_fn(lambda p: p, [])
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(2,\)\), expected "
                                         r"\(\(3,\)\)"):
        map_fn(lambda p: p * 2, x, fn_output_signature=tf.TensorSpec([3], tf.float32))
    with pytest.raises(ValueError, match="same nested structure"):
        map_fn(lambda r: (r, r), x)
    with pytest.raises(OutOfRangeError, match="Tried to read from index 0"):
        foldl(lambda a, r: a + r, tf.zeros([0, 2]))


def test_empty_elems_give_an_empty_result():
    y = map_fn(lambda p: p * 2, tf.zeros([0, 3]))
    assert y.shape == (0,) and y.dtype == tf.float32


def test_static_first_dimension_is_kept_when_traced():
    f = tf.function(lambda x: map_fn(tf.reduce_sum, x))
    assert f.get_concrete_function(tf.TensorSpec([2, 2])).outputs[0].shape == (2,)
    assert f.get_concrete_function(tf.TensorSpec([None, 2])).outputs[0].shape.as_list() == [None]


def test_gradients_flow_through_map_fn_eager_and_traced():
    v = tf.Variable([1.0, 2.0])
    x = tf.constant(X)
    traced = tf.function(lambda x: map_fn(lambda r: tf.reduce_sum(r * r * v), x))
    for fn in (lambda x: map_fn(lambda r: tf.reduce_sum(r * r * v), x), traced):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(fn(x))
        gv, gx = tape.gradient(y, [v, x])
        np.testing.assert_allclose(gv.numpy(), [10.0, 20.0])
        np.testing.assert_allclose(gx.numpy(), [[2.0, 8.0], [6.0, 16.0]])


def test_gradient_through_scan():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(scan(lambda a, r: a * r, x))
    # y = x0 + x0 x1 + x0 x1 x2
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [1 + 2 + 6, 1 + 3, 2])
