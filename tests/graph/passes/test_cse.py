"""Common-subexpression elimination."""

import tensorlet as tf
from tensorlet.graph.passes.cse import eliminate_common_subexpressions
from tests.graph.passes._graphs import op_types, traced


def test_identical_pure_ops_are_merged():
    g = traced(lambda x: tf.exp(x) + tf.exp(x), tf.TensorSpec([2]))
    assert eliminate_common_subexpressions(g)
    assert op_types(g) == ["Exp", "AddV2"]
    add = g.nodes[-1]
    assert add.inputs[0] is add.inputs[1]


def test_commutative_ops_match_with_swapped_inputs():
    g = traced(lambda x, y: (x * y) - (y * x), tf.TensorSpec([]), tf.TensorSpec([]))
    eliminate_common_subexpressions(g)
    assert op_types(g) == ["Mul", "Sub"]


def test_non_commutative_ops_with_swapped_inputs_stay_apart():
    g = traced(lambda x, y: (x - y) * (y - x), tf.TensorSpec([]), tf.TensorSpec([]))
    assert not eliminate_common_subexpressions(g)
    assert op_types(g) == ["Sub", "Sub", "Mul"]


def test_different_attributes_stay_apart():
    g = traced(lambda x: tf.reduce_sum(x, axis=0) + tf.reduce_sum(x, axis=1),
               tf.TensorSpec([3, 3]))
    eliminate_common_subexpressions(g)
    assert op_types(g).count("Sum") == 2


def test_equal_constants_are_merged():
    g = traced(lambda x: x * 2.0 + 2.0, tf.TensorSpec([]))
    eliminate_common_subexpressions(g)
    assert op_types(g) == ["Const", "Mul", "AddV2"]


def test_random_ops_are_never_merged():
    g = traced(lambda: tf.random.uniform([2]) - tf.random.uniform([2]))
    eliminate_common_subexpressions(g)
    assert sum(n.kind == "op" and n.op.traits.stateful for n in g.nodes) == 2


def test_reads_merge_only_without_a_stateful_op_between():
    v = tf.Variable(1.0)

    def fn():
        with tf.GradientTape():  # a tape makes the builder emit one read per use
            a = v * 2.0
            b = v * 3.0
        v.assign(5.0)
        return a + b + v * 1.0

    g = traced(fn)
    assert sum(n.type == "ReadVariableOp" for n in g.nodes) == 3
    eliminate_common_subexpressions(g)
    assert [n.type for n in g.nodes if n.kind == "op"].count("ReadVariableOp") == 2
