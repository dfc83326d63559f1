"""Functions with tf.cond / tf.while_loop (written directly or through AutoGraph) round-trip."""

import numpy as np

import tensorlet as tf

weight = tf.Variable(0.5, name="weight")
steps = tf.Variable(0, name="steps")


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)])
def autograph_loop(x, n):
    y = x
    for i in tf.range(n):
        if tf.reduce_mean(y) > 1.0:
            y = y * weight
        else:
            y = y + tf.cast(i, tf.float32)
        steps.assign_add(1)
    return y


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def explicit_ops(x):
    y = tf.cond(x > 0.0, lambda: tf.sqrt(x), lambda: tf.square(x))
    _, z = tf.while_loop(lambda i, z: i < 4, lambda i, z: (i + 1, z * 1.5 + y), (0, y))
    return y, z


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def gradient_inside(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x
        i = tf.constant(0)
        while i < 3:
            if y > 2.0:
                y = y * weight
            else:
                y = y * y
            i += 1
    return y, tape.gradient(y, x)


class Holder:
    def __init__(self):
        self.loop, self.explicit, self.grad = autograph_loop, explicit_ops, gradient_inside
        self.weight, self.steps = weight, steps


def _assert_same(a, b):
    for x, y in zip(tf.nest.flatten(a), tf.nest.flatten(b)):
        assert x.dtype == y.dtype
        np.testing.assert_array_equal(x.numpy(), y.numpy())


def test_cond_and_while_graphs_reload_bit_identically(export_dir):
    tf.saved_model.save(Holder(), export_dir)
    loaded = tf.saved_model.load(export_dir)
    for x in (3.0, -0.7):
        _assert_same(loaded.explicit(tf.constant(x)), explicit_ops(tf.constant(x)))
        _assert_same(loaded.grad(tf.constant(x)), gradient_inside(tf.constant(x)))
    ops = {n.type for n in loaded.explicit.get_concrete_function().graph.get_operations()}
    assert {"StatelessIf", "StatelessWhile"} <= ops


def test_an_autograph_loop_with_assignments_updates_the_loaded_variables(export_dir):
    tf.saved_model.save(Holder(), export_dir)
    loaded = tf.saved_model.load(export_dir)
    x = tf.constant([0.25, 0.5, 2.0])
    before = steps.numpy()
    expected = autograph_loop(x, tf.constant(5))
    _assert_same(loaded.loop(x, tf.constant(5)), expected)
    assert steps.numpy() == before + 5
    assert loaded.steps.numpy() == before + 5  # its own copy, saved before the call
    assert {v.name for v in loaded.variables} == {"weight:0", "steps:0"}


def test_gradients_flow_through_a_loaded_function_with_control_flow(export_dir):
    tf.saved_model.save(Holder(), export_dir)
    loaded = tf.saved_model.load(export_dir)
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        _, z = loaded.explicit(x)
    with tf.GradientTape() as reference:
        reference.watch(x)
        _, z_ref = explicit_ops(x)
    np.testing.assert_allclose(tape.gradient(z, x).numpy(), reference.gradient(z_ref, x).numpy())
    with tf.GradientTape() as tape:
        y, _ = loaded.grad(tf.constant(5.0))
    g = tape.gradient(y, loaded.weight)
    assert g is not None and g.numpy() != 0.0
