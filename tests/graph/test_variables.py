"""Variables in graphs (A13.18): captured by reference, created once, updates in order."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.graph.function import function


def test_a13_18_a_variable_created_on_every_call_raises_tfs_value_error():
    @function
    def f(x):
        v = tf.Variable(1.0)
        return v + x

    with pytest.raises(ValueError, match="tf.function only supports singleton tf.Variables "
                                         "created on the first call"):
        f(tf.constant(1.0))


def test_a13_18_creating_only_when_none_works_across_retraces():
    class Counter:
        def __init__(self):
            self.v = None

        @function
        def __call__(self, x):
            if self.v is None:
                self.v = tf.Variable(tf.zeros([]) + 1.0)
            self.v.assign_add(1.0)
            return x + self.v

    c = Counter()
    assert c(tf.constant(1.0)).numpy() == 3.0
    assert c.__call__.experimental_get_tracing_count() == 2  # TF traces twice, as here
    assert c(tf.constant(1.0)).numpy() == 4.0
    np.testing.assert_array_equal(c(tf.constant([1.0, 2.0])).numpy(), [5.0, 6.0])
    assert c.v.numpy() == 4.0


def test_variables_created_later_in_a_new_trace_are_rejected():
    made = []

    @function
    def f(x):
        if x.shape.rank == 1:
            made.append(tf.Variable(0.0))
        return x

    f(tf.constant(1.0))
    with pytest.raises(ValueError, match="singleton tf.Variables"):
        f(tf.constant([1.0]))


def test_an_initial_value_that_depends_on_an_argument_is_a_clear_error():
    holder = []

    @function
    def f(x):
        if not holder:
            holder.append(tf.Variable(x * 2.0))
        return x

    with pytest.raises(ValueError, match="initial value depends on the function input 'x'"):
        f(tf.constant(1.0))


def test_variables_are_read_by_reference_on_every_call():
    v = tf.Variable(1.0)
    f = function(lambda x: x * v)
    assert f(tf.constant(2.0)).numpy() == 2.0
    v.assign(10.0)
    assert f(tf.constant(2.0)).numpy() == 20.0
    assert f.experimental_get_tracing_count() == 1


def test_a13_18_assign_add_inside_persists_across_calls():
    v = tf.Variable(0)
    f = function(lambda: v.assign_add(1))
    for _ in range(3):
        f()
    assert v.numpy() == 3


def test_reads_and_assignments_keep_program_order():
    v = tf.Variable(1.0)

    @function
    def f():
        before = v * 1.0
        v.assign(v * 10.0)
        middle = v * 1.0
        v.assign_sub(1.0)
        return before, middle, v * 1.0

    assert [t.numpy() for t in f()] == [1.0, 10.0, 9.0]
    assert [t.numpy() for t in f()] == [9.0, 90.0, 89.0]


def test_assignment_checks_dtype_and_shape_while_tracing():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="cannot write a int32 value"):
        function(lambda: v.assign(tf.constant([1, 2])))()
    with pytest.raises(tf.errors.InvalidArgumentError, match="not compatible"):
        function(lambda: v.assign_add(tf.constant([1.0, 2.0, 3.0])))()


def test_variables_passed_as_arguments_are_bound_on_each_call():
    f = function(lambda v: v * 2.0)
    a, b = tf.Variable(1.0), tf.Variable(5.0)
    assert f(a).numpy() == 2.0 and f(b).numpy() == 10.0
    assert f.experimental_get_tracing_count() == 1
    f(tf.Variable([1.0, 2.0]))
    assert f.experimental_get_tracing_count() == 2


def test_assigning_an_argument_variable_writes_that_variable():
    f = function(lambda v, d: v.assign_add(d))
    a, b = tf.Variable(1.0), tf.Variable(5.0)
    f(a, tf.constant(1.0))
    f(b, tf.constant(2.0))
    assert (a.numpy(), b.numpy()) == (2.0, 7.0)


def test_concrete_function_lists_its_captured_variables():
    w, frozen = tf.Variable(1.0), tf.Variable(2.0, trainable=False)
    cf = function(lambda x: x * w + frozen).get_concrete_function(tf.TensorSpec([]))
    assert cf.variables == (w, frozen) and cf.trainable_variables == (w,)


def test_read_value_and_value_inside_a_function_read_on_every_call():
    """Needs `Variable.value()` / `read_value()` to ask `state.builder.read_variable(self)`."""
    v = tf.Variable(1.0)
    f = function(lambda: (v.read_value() * 1.0, v.value() * 1.0))
    assert [t.numpy() for t in f()] == [1.0, 1.0]
    v.assign(7.0)
    assert [t.numpy() for t in f()] == [7.0, 7.0]


def test_variable_numpy_inside_a_function_raises_like_tf():
    """Needs `Variable.numpy()` to raise while a function is traced."""
    v = tf.Variable(1.0)
    with pytest.raises(NotImplementedError, match="only available when eager execution"):
        function(lambda: v.numpy())()


def test_updates_in_a_function_never_change_a_tensor_read_before_them():
    v = tf.Variable([1.0, 1.0, 1.0])
    step = tf.function(lambda: v.assign_sub(tf.constant([1.0, 2.0, 3.0])))
    before = v.value()
    step()
    assert before.numpy().tolist() == [1.0, 1.0, 1.0]
    view = v.read_value()
    step()
    step()
    assert view.numpy().tolist() == [0.0, -1.0, -2.0]
    assert v.numpy().tolist() == [-2.0, -5.0, -8.0]
