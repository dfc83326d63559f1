"""The pass pipeline: order, fixed point, and the traced graph left untouched."""

import numpy as np

import tensorlet as tf
from tensorlet.graph.function import function
from tensorlet.graph.passes import pipeline


def test_pipeline_lists_each_pass_once_in_order():
    names = [p.__module__.rsplit(".", 1)[-1] for p in pipeline.PASSES]
    assert names == ["algebraic", "constant_fold", "cse", "fusion", "dce"]


def test_optimize_works_on_a_copy():
    cf = function(lambda: tf.constant(1) + tf.constant(2)).get_concrete_function()
    before = str(cf.graph)
    optimized = pipeline.optimize(cf.graph)
    assert str(cf.graph) == before and optimized is not cf.graph
    assert len(optimized.nodes) == 1


def test_passes_combine_across_rounds():
    def fn(x):
        one = tf.constant(2.0) - tf.constant(1.0)  # folds to 1 ...
        return tf.exp(x) * one + tf.exp(x) * 0.0  # ... then x*1 -> x, CSE, DCE

    cf = function(fn).get_concrete_function(tf.TensorSpec([3]))
    types = [n.type for n in cf.optimized_graph.nodes if n.kind == "op"]
    assert types == ["Exp", "Mul", "AddV2"]


def test_gradient_seeds_fold_away():
    w = tf.Variable(np.ones((3, 2), np.float32))

    @function
    def grad(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.matmul(x, w))
        return tape.gradient(loss, w)

    cf = grad.get_concrete_function(tf.TensorSpec([4, 3]))
    types = [n.type for n in cf.optimized_graph.nodes if n.kind == "op"]
    assert "OnesLike" not in types and types.count("MatMul") == 1
