"""The builder: inputs of traced ops become graph values, with eager's dtype rules."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError
from tensorlet.graph.function import function


def _graph(fn, *specs):
    return function(fn).get_concrete_function(*specs).graph


def _types(graph):
    return [(n.type, n.outputs[0].dtype.name if n.outputs else None) for n in graph.nodes]


def test_python_values_take_the_dtype_of_the_other_operand():
    g = _graph(lambda x: x + 1, tf.TensorSpec([2], tf.float32))
    const = g.get_operation_by_name("Const")
    assert const.value.dtype == np.float32 and const.value == 1.0
    g = _graph(lambda x: 2 * x, tf.TensorSpec([2], tf.int64))
    assert g.get_operation_by_name("Const").value.dtype == np.int64


def test_numpy_arrays_become_constants_of_their_own_dtype():
    g = _graph(lambda x: x * np.array([1.0, 2.0], np.float32), tf.TensorSpec([2]))
    np.testing.assert_array_equal(g.get_operation_by_name("Const").value, [1.0, 2.0])


def test_dtype_mismatch_raises_the_eager_error_while_tracing():
    with pytest.raises(InvalidArgumentError, match="tf.cast"):
        _graph(lambda x: x + tf.constant(1), tf.TensorSpec([2], tf.float32))


def test_shape_rules_run_while_tracing_and_propagate_unknown_dims():
    g = _graph(lambda a, b: tf.matmul(a, b), tf.TensorSpec([None, 3]), tf.TensorSpec([3, 4]))
    assert g.outputs[0].shape.as_list() == [None, 4]
    with pytest.raises(InvalidArgumentError, match="inner dimensions 3 and 5 differ"):
        _graph(lambda a, b: tf.matmul(a, b), tf.TensorSpec([None, 3]), tf.TensorSpec([5, 4]))


def test_outside_eager_tensors_are_captured_once_as_constants():
    c = tf.constant([1.0, 2.0])
    g = _graph(lambda x: x * c + c, tf.TensorSpec([2]))
    consts = [n for n in g.nodes if n.type == "Const"]
    assert len(consts) == 1 and consts[0].value is c._value


def test_variables_are_captured_by_reference_and_read_through_read_variable():
    v = tf.Variable([1.0, 2.0])
    g = _graph(lambda x: x * v, tf.TensorSpec([2]))
    captures = [n for n in g.nodes if n.kind == "capture"]
    assert len(captures) == 1 and captures[0].value is v
    assert g.get_operation_by_name("ReadVariableOp").type == "ReadVariableOp"


def test_repeated_reads_without_assignment_share_one_read_node():
    v = tf.Variable(1.0)
    g = _graph(lambda: v * v + v)
    assert sum(n.type == "ReadVariableOp" for n in g.nodes) == 1


def test_an_assignment_forces_a_fresh_read_afterwards():
    v = tf.Variable(1.0)

    def fn():
        a = v * 1.0
        v.assign_add(2.0)
        return a, v * 1.0

    g = _graph(fn)
    assert [n.type for n in g.nodes if n.kind == "op"] == [
        "ReadVariableOp", "Mul", "AssignAddVariableOp", "ReadVariableOp", "Mul"]


def test_multi_output_ops_give_a_tuple_of_symbolic_tensors():
    g = _graph(lambda x: tf.split(x, 2), tf.TensorSpec([4]))
    split = [n for n in g.nodes if n.kind == "op"][0]
    assert [t.name for t in split.outputs] == [f"{split.name}:0", f"{split.name}:1"]
    assert [t.shape.as_list() for t in g.outputs] == [[2], [2]]


def test_a_tensor_from_another_trace_cannot_be_used():
    leaked = []

    @function
    def first(x):
        leaked.append(x)
        return x

    first(tf.constant(1.0))
    with pytest.raises(TypeError, match="belongs to another traced function"):
        function(lambda y: y + leaked[0])(tf.constant(2.0))


def test_each_node_records_the_user_line_that_created_it():
    def fn(x):
        return x * 3.0  # the line recorded below

    g = _graph(fn, tf.TensorSpec([]))
    filename, lineno, name = g.get_operation_by_name("multiply").where
    assert filename == __file__ and name == "fn"
    assert "the line recorded below" in open(__file__).read().splitlines()[lineno - 1]
