"""Variables in branches and loops: read where they are read, written in program order, by
reference (also when passed as arguments)."""

import tensorlet as tf


def test_assign_add_in_a_tensor_loop_runs_on_every_iteration_and_every_call():
    counter = tf.Variable(0)

    @tf.function
    def f(n):
        for _ in tf.range(n):
            counter.assign_add(1)
        return counter.read_value()

    assert f(tf.constant(5)).numpy() == 5
    assert f(tf.constant(2)).numpy() == 7 and counter.numpy() == 7


def test_a_loop_condition_reads_the_variable_its_body_writes():
    total = tf.Variable(0.0)

    @tf.function
    def f(step):
        while total < 10.0:
            total.assign_add(step)
        return total + 0.0

    assert f(tf.constant(3.0)).numpy() == 12.0


def test_a_read_before_a_write_in_the_body_sees_the_previous_iteration():
    v = tf.Variable(1.0)

    @tf.function
    def f(n):
        s = tf.constant(0.0)
        for _ in tf.range(n):
            s += v
            v.assign(v * 2.0)
        return s

    assert f(tf.constant(4)).numpy() == 1.0 + 2.0 + 4.0 + 8.0


def test_assign_in_one_branch_only():
    v = tf.Variable(0.0)

    @tf.function
    def f(x):
        if x > 0:
            v.assign(x)
        return v.read_value()

    assert f(tf.constant(2.0)).numpy() == 2.0
    assert f(tf.constant(-1.0)).numpy() == 2.0


def test_variables_passed_as_arguments_are_bound_on_each_call():
    @tf.function
    def f(x, v):
        for _ in tf.range(3):
            v.assign_add(x)
        return v.read_value()

    a, b = tf.Variable(0.0), tf.Variable(10.0)
    assert f(tf.constant(1.0), a).numpy() == 3.0
    assert f(tf.constant(1.0), b).numpy() == 13.0
    assert f.experimental_get_tracing_count() == 1
    assert (a.numpy(), b.numpy()) == (3.0, 13.0)
