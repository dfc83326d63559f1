"""GradientTape: the book's gradients, single use, watching rules, targets and sources (A11)."""

import logging

import numpy as np
import pytest

import tensorlet as tf


def f(w1, w2):
    return 3 * w1 ** 2 + 2 * w1 * w2


@pytest.fixture
def ws():
    return tf.Variable(5.), tf.Variable(3.)


def values(grads):
    return [None if g is None else float(g) for g in grads]


def test_a11_1_gradient_of_the_book_function_is_36_and_10_float32_tensors(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        z = f(w1, w2)
    grads = tape.gradient(z, [w1, w2])
    assert values(grads) == [36.0, 10.0]
    assert all(isinstance(g, tf.Tensor) and g.dtype == tf.float32 for g in grads)


def test_a11_2_second_gradient_call_on_a_non_persistent_tape_raises_runtime_error(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        z = f(w1, w2)
    tape.gradient(z, w1)
    with pytest.raises(RuntimeError, match="A non-persistent GradientTape can only be used to "
                       r"compute one set of gradients \(or jacobians\)"):
        tape.gradient(z, w2)


def test_a11_3_persistent_tape_gives_36_then_10_and_can_be_deleted(ws):
    w1, w2 = ws
    with tf.GradientTape(persistent=True) as tape:
        z = f(w1, w2)
    assert float(tape.gradient(z, w1)) == 36.0
    assert float(tape.gradient(z, w2)) == 10.0
    del tape


def test_a11_4_constants_are_not_watched_until_tape_watch():
    c1, c2 = tf.constant(5.), tf.constant(3.)
    with tf.GradientTape() as tape:
        z = f(c1, c2)
    assert tape.gradient(z, [c1, c2]) == [None, None]
    with tf.GradientTape() as tape:
        tape.watch(c1)
        tape.watch(c2)
        z = f(c1, c2)
    assert values(tape.gradient(z, [c1, c2])) == [36.0, 10.0]


def test_a11_4_non_trainable_and_integer_variables_give_none(ws):
    w1, _ = ws
    frozen = tf.Variable(3., trainable=False)
    count = tf.Variable(3)
    with tf.GradientTape() as tape:
        z = w1 * frozen + tf.cast(count * count, tf.float32)
    grads = tape.gradient(z, [w1, frozen, count])
    assert values(grads) == [3.0, None, None]


def test_a11_4_explicitly_watched_non_trainable_variable_gets_a_gradient():
    frozen = tf.Variable(3., trainable=False)
    with tf.GradientTape() as tape:
        tape.watch(frozen)
        z = frozen * frozen
    assert float(tape.gradient(z, frozen)) == 6.0


def test_integer_and_bool_tensors_are_not_differentiable_and_watching_them_warns(caplog):
    c = tf.constant(3)
    with caplog.at_level(logging.WARNING, logger="tensorlet"):
        with tf.GradientTape() as tape:
            tape.watch(c)
            y = c * c
    assert tape.gradient(y, c) is None
    assert "The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32" \
        in caplog.text


def test_a_path_through_an_integer_cast_gives_none(ws):
    w1, _ = ws
    with tf.GradientTape() as tape:
        y = tf.cast(tf.cast(w1, tf.int32), tf.float32) * 2.
    assert tape.gradient(y, w1) is None


def test_unconnected_integer_source_with_zero_gives_integer_zeros(ws):
    w1, _ = ws
    count = tf.Variable(3)
    with tf.GradientTape() as tape:
        y = w1 * 2.
    g = tape.gradient(y, count, unconnected_gradients="zero")
    assert g.dtype == tf.int32 and int(g) == 0


def test_a11_5_ops_inside_stop_recording_are_not_recorded(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        with tape.stop_recording():
            z = f(w1, w2)
    assert tape.gradient(z, [w1, w2]) == [None, None]


def test_a11_5_stop_recording_outside_the_context_raises():
    tape = tf.GradientTape()
    with pytest.raises(RuntimeError, match="Trying to stop recording a tape which is not "
                       "recording."):
        with tape.stop_recording():
            pass


def test_a11_6_a_list_target_gives_the_gradient_of_its_sum_136_and_30(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        z = [f(w1, w2 + 2.), f(w1, w2 + 5.), f(w1, w2 + 7.)]
    assert values(tape.gradient(z, [w1, w2])) == [136.0, 30.0]


def test_a11_6_a_vector_target_gives_the_gradient_of_its_sum():
    x = tf.Variable([1., 2., 3.])
    with tf.GradientTape() as tape:
        y = x * x
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [2., 4., 6.])


def test_sources_may_be_a_dict_or_a_nested_structure(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        z = f(w1, w2)
    grads = tape.gradient(z, {"a": w1, "b": [w2, (w1,)]})
    assert float(grads["a"]) == 36.0
    assert float(grads["b"][0]) == 10.0 and float(grads["b"][1][0]) == 36.0


def test_the_same_source_twice_gets_the_same_gradient(ws):
    w1, _ = ws
    with tf.GradientTape() as tape:
        y = w1 * 2.
    assert values(tape.gradient([y, y], [w1, w1])) == [4.0, 4.0]


def test_an_intermediate_tensor_can_be_a_source(ws):
    w1, _ = ws
    with tf.GradientTape() as tape:
        h = w1 * 2.
        y = h * h
    gh, gw = tape.gradient(y, [h, w1])
    assert float(gh) == 20.0 and float(gw) == 40.0


def test_a11_12_watched_variables_in_order_including_integer_ones(ws):
    w1, w2 = ws
    count = tf.Variable(2)
    frozen = tf.Variable(1., trainable=False)
    with tf.GradientTape() as tape:
        _ = w2 * frozen
        _ = count * 2
        _ = w1 + w2
    assert tape.watched_variables() == (w2, count, w1)


def test_a11_12_watch_accessed_variables_false_watches_only_what_is_watched(ws):
    w1, w2 = ws
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(w2)
        y = w1 * w2
    assert tape.watched_variables() == (w2,)
    assert values(tape.gradient(y, [w1, w2])) == [None, 5.0]


def test_a11_12_unconnected_gradients_zero_gives_zeros_instead_of_none(ws):
    w1, _ = ws
    other = tf.Variable([1., 2.])
    with tf.GradientTape(persistent=True) as tape:
        y = w1 * 2.
    assert tape.gradient(y, other) is None
    g = tape.gradient(y, other, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    np.testing.assert_array_equal(g.numpy(), [0., 0.])
    g = tape.gradient(y, other, unconnected_gradients="zero")
    np.testing.assert_array_equal(g.numpy(), [0., 0.])
    with pytest.raises(ValueError, match="Unknown value for unconnected_gradients: 'bogus'"):
        tape.gradient(y, other, unconnected_gradients="bogus")


def test_a11_12_output_gradients_scale_the_target_chain_rule(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        z = f(w1, w2)
    assert float(tape.gradient(z, w1, output_gradients=tf.constant(2.))) == 72.0
    x = tf.constant([1., 2.])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 3.
    g = tape.gradient(y, x, output_gradients=[tf.constant([1., 2.])])
    np.testing.assert_array_equal(g.numpy(), [3., 6.])


def test_watch_rejects_python_values_and_arrays():
    with tf.GradientTape() as tape:
        with pytest.raises(ValueError, match="Passed in object 3.0 of type 'float', not "
                           "tf.Tensor or tf.Variable"):
            tape.watch(3.0)
        with pytest.raises(ValueError, match="of type 'ndarray'"):
            tape.watch(np.array(3.0))


def test_gradient_rejects_a_python_source(ws):
    w1, _ = ws
    with tf.GradientTape() as tape:
        y = w1 * 2.
    with pytest.raises(AttributeError, match="must be tensors or variables"):
        tape.gradient(y, 3.0)


def test_reset_forgets_what_was_recorded(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        _ = w1 * 2.
        tape.reset()
        y = w1 * w2
    assert values(tape.gradient(y, [w1, w2])) == [3.0, 5.0]


def test_re_entering_an_active_tape_raises():
    tape = tf.GradientTape()
    with tape:
        with pytest.raises(RuntimeError, match="Tape is still recording"):
            tape.__enter__()


def test_non_persistent_gradient_inside_the_context_stops_recording(ws):
    w1, _ = ws
    with tf.GradientTape() as tape:
        y = w1 * 2.
        assert float(tape.gradient(y, w1)) == 2.0
        _ = w1 * 3.
    assert len(tape._entries) == 1


def test_persistent_gradient_inside_the_context_records_the_backward_pass(caplog):
    x = tf.Variable(3.)
    with caplog.at_level(logging.WARNING, logger="tensorlet"):
        with tf.GradientTape(persistent=True) as tape:
            y = x * x * x
            g = tape.gradient(y, x)
            g2 = tape.gradient(g, x)
    assert (float(g), float(g2)) == (27.0, 18.0)
    assert "persistent tape inside its context" in caplog.text


def test_nested_tapes_record_independently(ws):
    w1, w2 = ws
    with tf.GradientTape() as outer:
        with tf.GradientTape(watch_accessed_variables=False) as inner:
            inner.watch(w2)
            y = w1 * w2
    assert values(inner.gradient(y, [w1, w2])) == [None, 5.0]
    assert values(outer.gradient(y, [w1, w2])) == [3.0, 5.0]


def test_variable_used_as_a_target_gives_ones():
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        tape.watch(x)
    np.testing.assert_array_equal(tape.gradient(x, x).numpy(), [1., 1.])


def test_broadcast_inputs_get_gradients_of_their_own_shape():
    x = tf.Variable([[1., 2., 3.], [4., 5., 6.]])
    b = tf.Variable([10., 20., 30.])
    s = tf.Variable(2.)
    with tf.GradientTape() as tape:
        y = (x + b) * s
    gx, gb, gs = tape.gradient(y, [x, b, s])
    np.testing.assert_array_equal(gx.numpy(), np.full((2, 3), 2.))
    np.testing.assert_array_equal(gb.numpy(), [4., 4., 4.])
    assert float(gs) == 141.
