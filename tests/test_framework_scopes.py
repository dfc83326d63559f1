"""tf.name_scope, tf.control_dependencies, tf.no_op, tf.group, tf.ensure_shape (TF 2.21)."""

import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError
from tensorlet.framework import control_dependencies, ensure_shape, group, name_scope, no_op
from tensorlet.framework.scopes import current_scope


def test_name_scope_nesting_absolute_and_root_scopes():
    with name_scope("a") as outer:
        assert outer == "a/"
        with name_scope("b") as inner:
            assert inner == "a/b/" and current_scope() == "a/b/"
        with name_scope("b/") as absolute:
            assert absolute == "b/"
        with name_scope("") as root:
            assert root == ""
    assert current_scope() == ""
    assert name_scope("x").name == "x"


@pytest.mark.parametrize("bad", [None, 3])
def test_name_scope_rejects_non_strings(bad):
    with pytest.raises(ValueError, match="name for name_scope must be a string."):
        name_scope(bad)


def test_name_scopes_are_made_unique_inside_a_function():
    seen = []

    @tf.function
    def f(x):
        with name_scope("blk") as s:
            seen.append(s)
            for _ in range(2):
                with name_scope("blk") as inner:
                    seen.append(inner)
        return x

    f(tf.constant(1.0))
    assert seen == ["blk/", "blk/blk/", "blk/blk_1/"]


def test_control_dependencies_calls_callables_eagerly_and_checks_its_argument():
    calls = []
    with control_dependencies([lambda: calls.append(1), tf.constant(1)]) as ctx:
        assert ctx is None
    assert calls == [1]
    with control_dependencies(None):
        pass
    with pytest.raises(TypeError, match="'int' object is not iterable"):
        control_dependencies(3)


def test_no_op_and_group_return_none():
    assert no_op() is None and group(tf.constant(1), tf.constant(2)) is None
    with pytest.raises(TypeError, match="Unknown keyword arguments"):
        group(tf.constant(1), bad=1)


def test_ensure_shape_eager():
    x = tf.zeros([2, 3])
    assert ensure_shape(x, [None, 3]) is x
    with pytest.raises(InvalidArgumentError, match=r"Shape of tensor input \[2,3\] is not "
                                                   r"compatible with expected shape \[2,4\]"):
        ensure_shape(x, [2, 4])


def test_ensure_shape_traced_checks_static_and_run_time_shapes():
    f = tf.function(lambda x: ensure_shape(x, [2, None]))
    cf = f.get_concrete_function(tf.TensorSpec(None, tf.float32))
    assert cf.outputs[0].shape.as_list() == [2, None]
    assert cf(tf.zeros([2, 5])).shape == (2, 5)
    with pytest.raises(InvalidArgumentError, match=r"\[3,3\] is not compatible with expected "
                                                   r"shape \[2,\?\]"):
        cf(tf.zeros([3, 3]))
    g = tf.function(lambda x: ensure_shape(x, [None, 4]))
    with pytest.raises(ValueError, match="Dimension 1 in both shapes must be equal, but are 4 "
                                         "and 3"):
        g.get_concrete_function(tf.TensorSpec([None, 3], tf.float32))
