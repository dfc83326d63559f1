"""`apply_gradients`: clipping with the book's numbers (A12.6), lazy slots (A12.4), two
optimizers on one model (A12.9), constraints (A12.7), missing gradients (C13), iterations."""

import warnings

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import optimizers


def test_a12_6_clipvalue_book_numbers():
    v = tf.Variable(10.0)
    optimizers.SGD(1.0, clipvalue=0.5).apply_gradients(zip([tf.constant(3.0)], [v]))
    assert v.numpy() == np.float32(9.5)


def test_a12_6_clipnorm_book_numbers():
    v = tf.Variable([10.0, 10.0])
    optimizers.SGD(1.0, clipnorm=1.0).apply_gradients(zip([tf.constant([3.0, 4.0])], [v]))
    np.testing.assert_allclose(v.numpy(), [9.4, 9.2], rtol=1e-6)


def test_a12_6_clipnorm_is_per_gradient_and_global_clipnorm_is_joint():
    a, b = tf.Variable([10.0, 10.0]), tf.Variable(1.0)
    grads = [tf.constant([3.0, 4.0]), tf.constant(12.0)]
    optimizers.SGD(1.0, clipnorm=1.0).apply_gradients(zip(grads, [a, b]))
    np.testing.assert_allclose([*a.numpy(), b.numpy()], [9.4, 9.2, 0.0], atol=1e-6)
    a, b = tf.Variable([10.0, 10.0]), tf.Variable(1.0)
    optimizers.SGD(1.0, global_clipnorm=1.0).apply_gradients(zip(grads, [a, b]))
    # global norm = sqrt(9 + 16 + 144) = 13: every gradient is scaled by 1/13 (Keras 3.15).
    np.testing.assert_allclose([*a.numpy(), b.numpy()], [9.769231, 9.692307, 0.07692301],
                               rtol=1e-6)


def test_a12_6_small_gradients_are_not_clipped():
    v = tf.Variable([1.0, 1.0])
    optimizers.SGD(1.0, clipnorm=10.0).apply_gradients([(tf.constant([0.3, 0.4]), v)])
    np.testing.assert_allclose(v.numpy(), [0.7, 0.6], rtol=1e-6)


def test_a12_6_only_one_clipping_argument():
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue` and "
                                         "`global_clipnorm` can be set"):
        optimizers.SGD(0.1, clipnorm=1.0, clipvalue=1.0)


def test_a12_4_accepts_zip_iterator_list_and_generator():
    v = tf.Variable(1.0)
    opt = optimizers.SGD(0.5)
    assert opt.apply_gradients(zip([tf.constant(1.0)], [v])) is opt.iterations
    opt.apply_gradients([(tf.constant(1.0), v)])
    opt.apply_gradients((g, w) for g, w in [(tf.constant(1.0), v)])
    assert v.numpy() == np.float32(-0.5)
    assert opt.iterations.numpy() == 3


def test_a12_4_slots_are_created_lazily_per_variable():
    opt = optimizers.Adam()
    assert [v.name for v in opt.variables] == ["iteration:0", "learning_rate:0"]
    a, b = tf.Variable([1.0, 2.0], name="a"), tf.Variable(3.0, name="b")
    opt.apply_gradients(zip([tf.constant([1.0, 1.0])], [a]))
    assert [v.name for v in opt.variables][2:] == ["a_0_momentum:0", "a_0_velocity:0"]
    opt.apply_gradients(zip([tf.constant([1.0, 1.0]), tf.constant(1.0)], [a, b]))
    names = [v.name for v in opt.variables]
    assert names[4:] == ["b_0_momentum:0", "b_0_velocity:0"]
    slots = opt.variables[2:]
    assert all(not s.trainable for s in slots)
    assert slots[0].shape == (2,) and slots[2].shape == ()
    assert opt.iterations.numpy() == 2


def test_a12_4_slots_are_created_once():
    opt = optimizers.SGD(0.1, momentum=0.9)
    v = tf.Variable([1.0, 2.0])
    for _ in range(3):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    assert len(opt.variables) == 3
    # m = -0.1, -0.19, -0.271: v = 1 - 0.561
    np.testing.assert_allclose(v.numpy(), [0.439, 1.439], rtol=1e-6)


def test_a12_4_slot_names_use_keras_variable_paths():
    layer = tf.keras.layers.Dense(2)
    layer.build((None, 3))
    opt = optimizers.SGD(momentum=0.5)
    opt.build(layer.trainable_variables)
    names = [v.name for v in opt.variables[2:]]
    assert names[0].startswith(layer.name + "_kernel_momentum")
    assert names[1].startswith(layer.name + "_bias_momentum")


def test_a12_9_two_optimizers_on_two_parts_of_a_model():
    """Exercise 13 (Wide & Deep): each optimizer updates only its variables; slots are
    separate, so the result equals training each part alone."""
    x = tf.constant([[1.0, 2.0]])
    def run(split: bool):
        wide = tf.Variable([[0.5], [-0.5]], name="wide")
        deep = tf.Variable([[0.1], [0.2]], name="deep")
        opt_wide, opt_deep = optimizers.Adam(0.1), optimizers.Nadam(0.05)
        for _ in range(3):
            with tf.GradientTape(persistent=True) as tape:
                loss = tf.reduce_sum(tf.square(x @ wide + x @ deep - 3.0))
            if split:
                opt_wide.apply_gradients(zip(tape.gradient(loss, [wide]), [wide]))
                opt_deep.apply_gradients(zip(tape.gradient(loss, [deep]), [deep]))
            else:
                g_wide, g_deep = tape.gradient(loss, [wide, deep])
                opt_wide.apply_gradients([(g_wide, wide)])
                opt_deep.apply_gradients([(g_deep, deep)])
        return wide.numpy(), deep.numpy(), opt_wide, opt_deep
    wide, deep, opt_wide, opt_deep = run(split=True)
    wide2, deep2, _, _ = run(split=False)
    np.testing.assert_allclose(wide, wide2)
    np.testing.assert_allclose(deep, deep2)
    wide_slots = {id(v) for v in opt_wide.variables}
    assert not wide_slots & {id(v) for v in opt_deep.variables}
    assert [v.name for v in opt_wide.variables][2:] == ["wide_0_momentum:0",
                                                        "wide_0_velocity:0"]
    assert opt_wide.iterations.numpy() == 3 and opt_deep.iterations.numpy() == 3
    assert not np.allclose(wide, [[0.5], [-0.5]]) and not np.allclose(deep, [[0.1], [0.2]])


def test_a12_9_an_optimizer_does_not_touch_variables_it_was_not_given():
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    opt = optimizers.SGD(0.1)
    opt.apply_gradients([(tf.constant(1.0), a)])
    assert b.numpy() == 1.0 and a.numpy() == np.float32(0.9)


def test_a12_7_constraints_are_applied_after_each_update():
    v = tf.Variable([0.5, -0.5], constraint=lambda w: tf.clip_by_value(w, 0.0, 1.0))
    optimizers.SGD(1.0).apply_gradients([(tf.constant([-2.0, 0.2]), v)])
    np.testing.assert_allclose(v.numpy(), [1.0, 0.0])


def test_a12_7_constraint_sees_the_updated_value():
    seen = []
    def constraint(w):
        seen.append(float(w.numpy()))
        return w
    v = tf.Variable(1.0, constraint=constraint)
    optimizers.SGD(0.5).apply_gradients([(tf.constant(1.0), v)])
    assert seen == [0.5]


def test_c13_all_none_gradients_raise_with_reasons():
    v = tf.Variable(1.0, name="frozen", trainable=False)
    with tf.GradientTape() as tape:
        y = v * 2.0
    grads = tape.gradient(y, [v])
    opt = optimizers.SGD()
    with pytest.raises(ValueError) as info:
        opt.apply_gradients(zip(grads, [v]))
    text = str(info.value)
    assert text.startswith("No gradients provided for any variable.")
    assert "frozen" in text and "not trainable" in text
    assert opt.iterations.numpy() == 0


def test_c13_some_none_gradients_warn_and_are_skipped():
    a, b = tf.Variable(1.0, name="used"), tf.Variable(1.0, name="unused")
    with tf.GradientTape() as tape:
        loss = a * 3.0
    grads = tape.gradient(loss, [a, b])
    opt = optimizers.SGD(0.1, momentum=0.9)
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['unused"):
        opt.apply_gradients(zip(grads, [a, b]))
    assert b.numpy() == 1.0
    assert a.numpy() == np.float32(0.7)
    assert opt.iterations.numpy() == 1


def test_empty_gradient_list_is_a_no_op():
    opt = optimizers.SGD()
    opt.apply_gradients([])
    assert opt.iterations.numpy() == 0


def test_iterations_is_an_int64_variable_counting_steps():
    opt = optimizers.Adam()
    assert isinstance(opt.iterations, tf.Variable)
    assert opt.iterations.dtype == tf.int64 and not opt.iterations.trainable
    v = tf.Variable(1.0)
    for _ in range(4):
        opt.apply_gradients([(tf.constant(1.0), v)])
    assert opt.iterations.numpy() == 4


def test_float64_variables_keep_their_dtype():
    for make in (optimizers.SGD, optimizers.Adam, optimizers.Nadam, optimizers.RMSprop,
                 optimizers.Adagrad, optimizers.Adamax, optimizers.AdamW):
        v = tf.Variable(np.array([1.0, 2.0]))
        opt = make()
        opt.apply_gradients([(tf.constant([0.5, -0.5], tf.float64), v)])
        assert v.dtype == tf.float64
        assert all(s.dtype == tf.float64 for s in opt.variables[2:] if s.shape == (2,))
        assert v.numpy()[0] < 1.0 < 2.0 < v.numpy()[1]


def test_mixed_float32_and_float64_variables_in_one_step():
    a = tf.Variable(np.array([1.0]))
    b = tf.Variable([1.0])
    optimizers.Adam(0.1).apply_gradients([(tf.constant([1.0], tf.float64), a),
                                         (tf.constant([1.0]), b)])
    np.testing.assert_allclose(a.numpy(), [0.9], rtol=1e-5)
    np.testing.assert_allclose(b.numpy(), [0.9], rtol=1e-5)


def test_indexed_slices_gradient_updates_its_rows():
    v = tf.Variable([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]])
    g = tf.IndexedSlices(tf.constant([[1.0, 2.0], [1.0, 1.0]]), tf.constant([2, 2]), [3, 2])
    optimizers.SGD(0.5).apply_gradients([(g, v)])
    np.testing.assert_allclose(v.numpy(), [[1, 1], [1, 1], [0, -0.5]])


def test_weight_decay_is_applied_before_the_update():
    v = tf.Variable(2.0)
    optimizers.SGD(0.1, weight_decay=0.5).apply_gradients([(tf.constant(1.0), v)])
    # v - v * 0.5 * 0.1 = 1.9, then - 0.1 * 1.
    assert v.numpy() == pytest.approx(1.8)


def test_exclude_from_weight_decay_by_variable_and_name():
    kernel, bias, other = tf.Variable(2.0, name="kernel"), tf.Variable(2.0, name="bias"), \
        tf.Variable(2.0, name="other")
    opt = optimizers.AdamW(0.1, weight_decay=0.5)
    opt.exclude_from_weight_decay(var_list=[other], var_names=["bias"])
    zero = tf.constant(0.0)
    opt.apply_gradients([(zero, kernel), (zero, bias), (zero, other)])
    assert kernel.numpy() == pytest.approx(1.9)
    assert bias.numpy() == 2.0 and other.numpy() == 2.0
    with pytest.raises(ValueError, match="before the optimizer is built"):
        opt.exclude_from_weight_decay(var_names=["kernel"])


def test_loss_scale_factor_divides_the_gradients():
    opt = optimizers.SGD(1.0, loss_scale_factor=4.0)
    assert opt.scale_loss(tf.constant(2.0)).numpy() == 8.0
    v = tf.Variable(1.0)
    opt.apply_gradients([(tf.constant(2.0), v)])
    assert v.numpy() == 0.5


def test_ema_finalize_copies_the_averages():
    v = tf.Variable(1.0)
    opt = optimizers.SGD(0.1, use_ema=True, ema_momentum=0.5)
    for _ in range(2):
        opt.apply_gradients([(tf.constant(1.0), v)])
    # average: 0.9 after step 1 (copy), then 0.5 * 0.9 + 0.5 * 0.8 = 0.85.
    assert v.numpy() == pytest.approx(0.8)
    opt.finalize_variable_values([v])
    assert v.numpy() == pytest.approx(0.85)


def test_ema_arguments_are_checked():
    with pytest.raises(ValueError, match="ema_momentum"):
        optimizers.SGD(use_ema=True, ema_momentum=1.5)
    with pytest.raises(ValueError, match="ema_overwrite_frequency"):
        optimizers.SGD(use_ema=True, ema_overwrite_frequency=0.5)


def test_gradient_accumulation_is_refused_clearly():
    with pytest.raises(ValueError, match="must be an integer >= 2"):
        optimizers.Adam(gradient_accumulation_steps=1)
    with pytest.raises(NotImplementedError, match="gradient_accumulation_steps=4"):
        optimizers.Adam(gradient_accumulation_steps=4)


def test_unknown_arguments_are_refused():
    with pytest.raises(ValueError, match=r"Argument\(s\) not recognized: \{'foo': 1\}"):
        optimizers.Adam(foo=1)


def test_sgd_momentum_must_be_in_unit_interval():
    for bad in (-0.1, 1.5, True, "0.9"):
        with pytest.raises(ValueError, match="`momentum` must be a float between"):
            optimizers.SGD(momentum=bad)


def test_minimize_with_a_callable_loss_and_with_a_tape():
    v = tf.Variable(3.0)
    opt = optimizers.SGD(0.1)
    opt.minimize(lambda: v * v, [v])
    assert v.numpy() == pytest.approx(2.4)
    with tf.GradientTape() as tape:
        loss = v * v
    opt.minimize(loss, lambda: [v], tape=tape)
    assert v.numpy() == pytest.approx(1.92)
    with pytest.raises(ValueError, match="`tape` is required"):
        opt.minimize(v * v, [v])


def test_apply_without_variables_uses_the_built_list():
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    opt = optimizers.SGD(1.0)
    with pytest.raises(ValueError, match="must already be built"):
        opt.apply([tf.constant(1.0)])
    opt.build([a, b])
    opt.apply([tf.constant(1.0), tf.constant(1.0)])
    assert (a.numpy(), b.numpy()) == (0.0, 1.0)
    with pytest.raises(ValueError, match="one-to-one"):
        opt.apply([tf.constant(1.0)])


def test_suppressed_warnings_do_not_change_the_step():
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        optimizers.Adam(0.1).apply_gradients([(None, a), (tf.constant(1.0), b)])
    assert a.numpy() == 1.0 and b.numpy() == pytest.approx(0.9, rel=1e-5)
