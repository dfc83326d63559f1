"""tf.TensorArray inside tf.function: TF 2.21's graph-mode behaviour (A3.2)."""

import numpy as np
import pytest

import tensorlet as tf


def _call(fn, *args):
    return tf.function(fn)(*args)


def test_a3_2_python_loop_accumulates_and_reads_do_not_clear():
    def f():
        ta = tf.TensorArray(tf.float32, size=3)
        for i in range(3):
            ta = ta.write(i, tf.constant([1., 2.]) * float(i))
        first = ta.read(1)
        return first, ta.read(1), ta.stack()

    first, again, stacked = _call(f)
    np.testing.assert_array_equal(first.numpy(), [1., 2.])
    np.testing.assert_array_equal(again.numpy(), [1., 2.])
    np.testing.assert_array_equal(stacked.numpy(), [[0., 0.], [1., 2.], [2., 4.]])


def test_a3_2_static_shapes_in_the_graph():
    seen = {}

    @tf.function
    def f(x):
        ta = tf.TensorArray(tf.float32, size=3)
        for i in range(3):
            ta = ta.write(i, x)
        dyn = tf.TensorArray(tf.float32, size=0, dynamic_size=True).unstack(tf.zeros([4, 2]))
        seen.update(stack=ta.stack().shape, element=ta.element_shape, dyn=dyn.stack().shape,
                    gather=ta.gather([0, 1]).shape, size=ta.size().shape)
        return ta.stack()

    f(tf.constant([1., 2.]))
    assert seen["stack"] == tf.TensorShape([3, 2])
    assert seen["element"] == tf.TensorShape([2])
    assert seen["dyn"] == tf.TensorShape([None, 2])
    assert seen["gather"] == tf.TensorShape([2, 2])
    assert seen["size"] == tf.TensorShape([])


def test_a3_2_unwritten_elements_read_as_zeros_when_the_shape_is_known():
    def f():
        ta = tf.TensorArray(tf.float32, size=3).write(0, [1., 2.])
        return ta.read(1), ta.gather([2, 0]), ta.stack()

    read, gathered, stacked = _call(f)
    np.testing.assert_array_equal(read.numpy(), [0., 0.])
    np.testing.assert_array_equal(gathered.numpy(), [[0., 0.], [1., 2.]])
    np.testing.assert_array_equal(stacked.numpy(), [[1., 2.], [0., 0.], [0., 0.]])
    np.testing.assert_array_equal(
        _call(lambda: tf.TensorArray(tf.float32, size=2, element_shape=[3]).concat()).numpy(),
        np.zeros(6))


@pytest.mark.parametrize("method, message", [
    (lambda ta: ta.read(1), "Trying to read an uninitialized tensor but element_shape is not "
                            "fully defined: <unknown> and no list element is set."),
    (lambda ta: ta.stack(), "Tried to stack list which only contains uninitialized tensors and "
                            "has a non-fully-defined element_shape: <unknown>"),
    (lambda ta: ta.gather([0]), "Tried to gather uninitialized tensors from a list with "
                                "non-fully-defined element_shape: <unknown>"),
    (lambda ta: ta.concat(), "Trying to concat list with only uninitialized tensors but "
                             "element_shape_except_first_dim is not fully defined: <unknown>"),
])
def test_a3_2_reading_with_an_unknown_element_shape_is_an_error(method, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        _call(lambda: method(tf.TensorArray(tf.float32, size=3)))


def test_a3_2_stacking_an_empty_array_of_unknown_shape_is_an_error():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Tried to stack elements of an empty list with non-fully-defined "
                             "element_shape: <unknown>"):
        _call(lambda: tf.TensorArray(tf.float32, size=0).stack())


def test_a3_2_out_of_range_writes_and_reads_in_the_graph():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Trying to modify element 2 in a list with 2 elements."):
        _call(lambda: tf.TensorArray(tf.float32, size=2).write(2, 1.).stack())
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Trying to modify element -1 in a list with 2 elements."):
        _call(lambda: tf.TensorArray(tf.float32, size=2).write(-1, 1.).stack())
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Trying to access element 5 in a list with 3 elements."):
        _call(lambda: tf.TensorArray(tf.float32, size=3).unstack([1., 2., 3.]).read(5))
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Index -1 out o range; list only has 2 elements."):
        _call(lambda: tf.TensorArray(tf.float32, size=2).unstack([1., 2.]).gather([-1]))


def test_a3_2_inconsistent_shapes_fail_while_tracing():
    def f():
        ta = tf.TensorArray(tf.float32, size=2).write(0, [1., 2.])
        return ta.write(1, [1., 2., 3.]).stack()

    with pytest.raises(ValueError, match=r"Inconsistent shapes: saw \(3,\) but expected \(2,\) "):
        _call(f)
    with pytest.raises(ValueError, match=r"saw \(\) but expected \(3,\)"):
        _call(lambda: tf.TensorArray(tf.float32, size=2, element_shape=[3]).unstack([1., 2.]))


def test_a3_2_graph_mode_dtype_and_size_errors():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="TensorArray dtype is float32 but Op is trying to write dtype "
                             "float64"):
        _call(lambda: tf.TensorArray(tf.float32, size=1).write(0, tf.constant(1., tf.float64)))
    with pytest.raises(ValueError, match="Argument `size` must be provided if argument `flow` "
                                         "is not provided."):
        _call(lambda: tf.TensorArray(tf.float32).size())


def test_a3_2_dynamic_size_grows_in_the_graph():
    def f():
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True).write(3, 1.)
        return ta.stack(), ta.size()

    stacked, size = _call(f)
    np.testing.assert_array_equal(stacked.numpy(), [0., 0., 0., 1.])
    assert size.numpy() == 4 and size.dtype == tf.int32


def test_a3_2_runtime_size_and_symbolic_index():
    @tf.function
    def f(n, i):
        ta = tf.TensorArray(tf.float32, size=n).write(0, [1., 2.])
        return ta.stack(), ta.unstack([[1., 2.], [3., 4.], [5., 6.]]).read(i)

    stacked, row = f(tf.constant(3), tf.constant(2))
    np.testing.assert_array_equal(stacked.numpy(), [[1., 2.], [0., 0.], [0., 0.]])
    np.testing.assert_array_equal(row.numpy(), [5., 6.])


def test_a3_2_scatter_concat_split_in_the_graph():
    def f():
        sc = tf.TensorArray(tf.float32, size=4).scatter([3, 0], [[1., 2.], [3., 4.]])
        cat = tf.TensorArray(tf.float32, size=2).unstack([[1., 2.], [3., 4.]]).concat()
        sp = tf.TensorArray(tf.float32, size=2).split([1., 2., 3., 4.], [2, 2])
        return sc.stack(), cat, sp.read(1)

    sc, cat, sp = _call(f)
    np.testing.assert_array_equal(sc.numpy(), [[3., 4.], [0., 0.], [0., 0.], [1., 2.]])
    np.testing.assert_array_equal(cat.numpy(), [1., 2., 3., 4.])
    np.testing.assert_array_equal(sp.numpy(), [3., 4.])


def test_a3_2_graph_mode_limits_have_clear_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match="elements of one shape"):
        _call(lambda: tf.TensorArray(tf.float32, size=2).split([1., 2., 3.], [2, 1]).stack())
    with pytest.raises(tf.errors.InvalidArgumentError, match="Concat saw a scalar shape"):
        _call(lambda: tf.TensorArray(tf.float32, size=2).unstack([1., 2.]).concat())
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Operation expected a list with 2 elements but got a list with 3 "
                             "elements."):
        _call(lambda: tf.TensorArray(tf.float32, size=2).unstack([1., 2., 3.]).stack())
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Expected len\(indices\) == tensor.shape\[0\], but saw: 2 vs. 1"):
        _call(lambda: tf.TensorArray(tf.float32, size=2).scatter([0, 1], [1.]).stack())


def test_a3_2_string_array_in_the_graph():
    out = _call(lambda: tf.TensorArray(tf.string, size=2).write(1, "b").write(0, "a").stack())
    assert out.numpy().tolist() == [b"a", b"b"]


def test_a3_2_graph_properties():
    seen = {}

    def f():
        ta = tf.TensorArray(tf.float32, size=2, dynamic_size=True)
        seen.update(flow=ta.flow, handle=ta.handle, dynamic=ta.dynamic_size, dtype=ta.dtype)
        assert ta.close() is None
        return ta.identity().size()

    assert _call(f).numpy() == 2
    assert isinstance(seen["flow"], tf.Tensor) and seen["handle"] is None
    assert seen["dynamic"] is True and seen["dtype"] == tf.float32
