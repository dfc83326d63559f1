"""C13: gradients stay None as in TF, but `tape.explain` says why, and the optimizer's
"No gradients provided" error says it for each variable."""

import sys

import numpy as np

import tensorlet as tf
from tensorlet.autodiff import hooks
from tensorlet.autodiff.explain import (
    missing_gradients_message,
    no_gradients_message,
    why_no_gradient,
)
from tensorlet.ops.gradient_ops import stop_gradient


def test_c13_integer_source():
    count = tf.Variable(3)
    with tf.GradientTape() as tape:
        y = tf.cast(count, tf.float32) * 2.
    assert tape.gradient(y, count) is None
    assert "integer dtype int32" in tape.explain(y, count)


def test_c13_constant_that_was_not_watched():
    c = tf.constant([1., 2.])
    with tf.GradientTape() as tape:
        y = c * c
    assert tape.gradient(y, c) is None
    text = tape.explain(y, c)
    assert "not watched" in text and "tape.watch(x)" in text


def test_c13_non_trainable_variable_and_watch_accessed_variables_false():
    frozen = tf.Variable(1., trainable=False)
    w = tf.Variable(1.)
    with tf.GradientTape(persistent=True) as tape:
        y = frozen * 2.
    assert "trainable=False" in tape.explain(y, frozen)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y = w * 2.
    assert "watch_accessed_variables=False" in tape.explain(y, w)


def test_c13_not_connected_and_the_stop_gradient_that_cut_the_path():
    w1, w2 = tf.Variable(1.), tf.Variable(2.)
    with tf.GradientTape(persistent=True) as tape:
        y = w1 * 2. + stop_gradient(w2 * 3.)
        unrelated = w2 * 5.
    assert tape.gradient(y, w2) is None
    text = tape.explain(y, w2)
    assert "does not depend on variable 'Variable:0'" in text
    assert "tf.stop_gradient" in text
    assert "stop_gradient" not in tape.explain(unrelated * 0. + y, w1)
    assert "is not None" in tape.explain(y, w1)


def test_c13_a_path_through_an_integer_result_names_the_op():
    w = tf.Variable(1.5)
    with tf.GradientTape() as tape:
        y = tf.cast(tf.cast(w, tf.int32), tf.float32)
    assert "'cast'" in tape.explain(y, w)


def test_c13_the_hook_notes_the_callers_file_and_line_for_watched_tensors_only():
    x, other = tf.constant([1., 2.]), tf.constant(3.)
    with tf.GradientTape() as tape:
        tape.watch(x)
        hooks.note_numpy_read(other)
        hooks.note_numpy_read(x)  # the line the explanation must name
        line = sys._getframe().f_lineno - 1
        y = tf.constant(np.square(np.asarray([1., 2.], np.float32))) * 2.
    assert [r[0] for r in tape._numpy_reads] == [x]
    text = tape.explain(y, x)
    assert f"test_explain.py:{line}" in text and "hooks.note_numpy_read(x)" in text
    assert ".numpy()" in text


def test_c13_a_round_trip_through_numpy_is_reported_with_its_line():
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        squared = np.square(x.numpy())
        line = sys._getframe().f_lineno - 1
        y = tf.reduce_sum(tf.constant(squared))
    assert tape.gradient(y, x) is None
    assert f"test_explain.py:{line}" in tape.explain(y, x)


def test_c13_a_numpy_ufunc_on_a_watched_tensor_is_reported():
    x = tf.constant([1., 2.])
    with tf.GradientTape() as tape:
        tape.watch(x)
        h = x * 2.
        y = tf.constant(np.exp(h))
        line = sys._getframe().f_lineno - 1
    assert f"test_explain.py:{line}" in tape.explain(y, x)


def test_c13_target_computed_outside_the_tape():
    w = tf.Variable(1.)
    y = w * 2.
    with tf.GradientTape() as tape:
        _ = w * 3.
    assert "not computed from any watched tensor" in tape.explain(y, w)


def test_c13_no_gradients_message_for_the_optimizer_explains_each_variable():
    w = tf.Variable(1., name="w")
    frozen = tf.Variable(1., trainable=False, name="frozen")
    with tf.GradientTape() as tape:
        loss = frozen * 2.
    grads = tape.gradient(loss, [w, frozen])
    assert grads == [None, None]
    message = no_gradients_message(zip(grads, [w, frozen]))
    lines = message.splitlines()
    assert lines[0] == "No gradients provided for any variable."
    assert lines[1].startswith("  w:0: ") and "no op read it" in lines[1]
    assert lines[2].startswith("  frozen:0: ") and "trainable=False" in lines[2]
    assert why_no_gradient(frozen) == tape.explain(loss, frozen)


def test_c13_missing_gradients_message_starts_with_tf_text_and_explains():
    w, c = tf.Variable(1., name="w"), tf.Variable(1., name="c")
    with tf.GradientTape() as tape:
        loss = w * 2.
    grads = tape.gradient(loss, [w, c])
    lines = missing_gradients_message(zip(grads, [w, c])).splitlines()
    assert lines[0] == ("Gradients do not exist for variables ['c:0'] when minimizing the loss. "
                        "If using `model.compile()`, did you forget to provide a `loss` "
                        "argument?")
    assert len(lines) == 2 and lines[1].startswith("  c:0: ")
