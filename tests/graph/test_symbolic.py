"""Symbolic tensors inside a trace: typed, named, without a value (A13.9)."""

import pytest

import tensorlet as tf
from tensorlet.graph.function import function
from tensorlet.graph.symbolic import OperatorNotAllowedInGraphError, SymbolicTensor

SPEC = tf.TensorSpec([2, None], tf.float32)


def _inside(check, spec=SPEC):
    """Runs `check(x)` on the symbolic input of a trace and returns what it returned."""
    seen = {}

    def fn(x):
        seen["result"] = check(x)
        return x

    function(fn).get_concrete_function(spec)
    return seen["result"]


def test_inside_a_trace_executing_eagerly_is_false_and_tensors_are_symbolic():
    assert tf.executing_eagerly()
    eager, kind = _inside(lambda x: (tf.executing_eagerly(), type(x)))
    assert eager is False and kind is SymbolicTensor
    assert tf.executing_eagerly()


def test_symbolic_tensor_has_tf_graph_tensor_properties():
    name, shape, dtype, op_name, op_type, is_tensor = _inside(
        lambda x: (x.name, x.shape, x.dtype, x.op.name, x.op.type, isinstance(x, tf.Tensor)))
    assert (name, op_name, op_type) == ("x:0", "x", "Placeholder")
    assert shape.as_list() == [2, None] and dtype is tf.float32 and is_tensor


def test_numpy_raises_attribute_error_naming_the_tensor():
    def check(x):
        with pytest.raises(AttributeError, match="no attribute 'numpy'.*x:0 is symbolic"):
            x.numpy()
        return hasattr(x, "numpy")

    assert _inside(check) is False


def test_python_bool_len_iter_and_array_conversion_raise_clear_errors():
    def check(x):
        with pytest.raises(OperatorNotAllowedInGraphError, match="as a Python `bool`"):
            bool(x)
        with pytest.raises(TypeError, match="len is not well defined"):
            x.__len__()  # AutoGraph turns a `len(x)` call into the first dim (test_calls.py)
        with pytest.raises(OperatorNotAllowedInGraphError, match="Iterating over"):
            iter(x)
        with pytest.raises(NotImplementedError, match="Cannot convert a symbolic"):
            x.__array__()
        with pytest.raises(TypeError, match="Python number"):
            float(x)
        return True

    assert _inside(check)
    assert issubclass(OperatorNotAllowedInGraphError, TypeError)


def test_repr_and_str_match_tf():
    r, s = _inside(lambda x: (repr(x), str(x)), tf.TensorSpec([], tf.int32))
    assert r == "<tf.Tensor 'x:0' shape=() dtype=int32>"
    assert s == 'Tensor("x:0", shape=(), dtype=int32)'


def test_set_shape_refines_unknown_dims_and_rejects_incompatible_ones():
    def check(x):
        x.set_shape([2, 5])
        with pytest.raises(ValueError, match="not compatible"):
            x.set_shape([3, 5])
        return x.shape.as_list()

    assert _inside(check) == [2, 5]


def test_symbolic_tensors_are_unhashable_but_have_refs():
    def check(x):
        with pytest.raises(TypeError, match="unhashable"):
            hash(x)
        return x.ref().deref() is x

    assert _inside(check)
