"""The IR: unique names, the inspection API, the jaxpr-like printer and graph copies."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.graph.function import function
from tensorlet.graph.ir import Graph


def _graph():
    return function(lambda x: x * 2.0 + x).get_concrete_function(tf.TensorSpec([3])).graph


def test_unique_name_appends_counters_like_tf():
    g = Graph()
    assert [g.unique_name("add") for _ in range(3)] == ["add", "add_1", "add_2"]
    assert g.unique_name("add_1") == "add_1_1"


def test_get_operations_lists_nodes_in_program_order_with_tf_types():
    ops = _graph().get_operations()
    assert [op.type for op in ops] == ["Placeholder", "Const", "Mul", "AddV2"]
    assert [op.name for op in ops] == ["x", "Const", "multiply", "add"]


def test_op_inputs_and_outputs_are_the_graph_tensors():
    g = _graph()
    add = g.get_operation_by_name("add")
    assert [t.name for t in add.inputs] == ["multiply:0", "x:0"]
    assert [t.name for t in add.outputs] == ["add:0"]
    assert add.outputs[0].op is add and add.outputs[0].graph is g
    assert g.get_tensor_by_name("multiply:0") is add.inputs[0]
    assert g.get_tensor_by_name("x:0").consumers() == [g.get_operation_by_name("multiply"),
                                                      add]


def test_lookup_errors_say_what_is_missing():
    g = _graph()
    with pytest.raises(KeyError, match="refers to an Operation not in the graph"):
        g.get_operation_by_name("nope")
    with pytest.raises(ValueError, match="must be of the form"):
        g.get_tensor_by_name("add")
    with pytest.raises(KeyError, match="only has 1 outputs"):
        g.get_tensor_by_name("add:1")


def test_get_attr_reads_node_attributes():
    g = function(lambda x: tf.reduce_sum(x, axis=0)).get_concrete_function(
        tf.TensorSpec([2, 3])).graph
    node = g.get_operation_by_name("reduce_sum")
    assert node.get_attr("axis") == 0
    with pytest.raises(ValueError, match="no attr named 'nope'"):
        node.get_attr("nope")


def test_printer_shows_one_line_per_op_with_types_and_attrs():
    g = function(lambda x: tf.reduce_sum(x * 2.0, axis=1)).get_concrete_function(
        tf.TensorSpec([None, 3])).graph
    assert str(g).splitlines() == [
        "{ lambda x:f32[?,3] ; . let",
        "    Const:f32[] = Const 2.",
        "    multiply:f32[?,3] = multiply x Const",
        "    reduce_sum:f32[?] = reduce_sum[axis=1, keepdims=False] multiply",
        "  in (reduce_sum) }",
    ]


def test_printer_lists_captured_variables_after_the_semicolon():
    v = tf.Variable([1.0, 2.0], name="w")
    g = function(lambda: v * 3.0).get_concrete_function().graph
    text = str(g)
    assert text.startswith("{ lambda ; w:ref f32[2] . let")
    assert "ReadVariableOp:f32[2] = read_variable w" in text


def test_large_constants_print_as_shape_only():
    g = function(lambda x: x + np.zeros(20, np.float32)).get_concrete_function(
        tf.TensorSpec([20])).graph
    assert "Const:f32[20] = Const <float32[20]>" in str(g)


def test_copy_is_independent_and_prints_the_same():
    g = _graph()
    c = g.copy()
    assert str(c) == str(g)
    assert all(a is not b for a, b in zip(c.nodes, g.nodes))
    c.nodes.pop()
    assert len(g.nodes) == 4


def test_as_graph_def_uses_tf_field_names_and_text_format():
    gd = function(lambda: tf.constant(1) + tf.constant(2)).get_concrete_function() \
        .graph.as_graph_def()
    assert [n.op for n in gd.node] == ["Const", "Const", "AddV2"]
    assert gd.node[2].input == ["Const", "Const_1"]
    text = str(gd)
    assert 'name: "add"\n  op: "AddV2"\n  input: "Const"\n  input: "Const_1"' in text
    assert "int_val: 1" in text and "type: DT_INT32" in text and "producer:" in text


def test_node_def_of_a_placeholder_is_tfs_text():
    g = function(lambda x: x * 2.0).get_concrete_function(tf.TensorSpec([3, None])).graph
    expected = (  # printed by TF 2.21 for the same function
        'name: "x"\nop: "Placeholder"\nattr {\n  key: "shape"\n  value {\n    shape {\n'
        '      dim {\n        size: 3\n      }\n      dim {\n        size: -1\n      }\n'
        '    }\n  }\n}\nattr {\n  key: "dtype"\n  value {\n    type: DT_FLOAT\n  }\n}\n'
        'attr {\n  key: "_user_specified_name"\n  value {\n    s: "x"\n  }\n}\n')
    assert str(g.get_operation_by_name("x").node_def) == expected

