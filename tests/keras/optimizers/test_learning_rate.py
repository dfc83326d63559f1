"""`learning_rate`: a settable float32 Variable, a schedule evaluated at `iterations` each step,
or a callable (B6, B7); Keras 2's `lr=` and `decay=` still work (FEATURES §0)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import optimizers
from tensorlet.keras.optimizers import schedules


def _step(opt, v, g=1.0):
    opt.apply_gradients([(tf.constant(g), v)])
    return float(v.numpy())


def test_b6_learning_rate_is_a_float32_variable():
    opt = optimizers.SGD(0.1)
    lr = opt.learning_rate
    assert isinstance(lr, tf.Variable) and lr.dtype == tf.float32 and not lr.trainable
    assert lr.name == "learning_rate:0"
    assert opt.variables[1] is lr
    assert lr.numpy() == np.float32(0.1)


def test_b6_learning_rate_is_settable_by_assignment_and_assign():
    opt = optimizers.SGD(0.1)
    lr = opt.learning_rate
    v = tf.Variable(1.0)
    opt.learning_rate = 0.5
    assert opt.learning_rate is lr and lr.numpy() == 0.5
    assert _step(opt, v) == 0.5
    opt.learning_rate.assign(0.25)
    assert _step(opt, v) == 0.25
    opt.learning_rate = tf.constant(0.125)
    assert _step(opt, v) == 0.125
    assert opt.get_config()["learning_rate"] == 0.125


def test_b6_keras2_lr_alias_and_keyword():
    opt = optimizers.SGD(0.1)
    assert opt.lr is opt.learning_rate
    opt.lr = 0.3
    assert opt.learning_rate.numpy() == np.float32(0.3)
    with pytest.warns(DeprecationWarning, match="`lr` argument is deprecated"):
        opt = optimizers.Adam(lr=0.02)
    assert opt.learning_rate.numpy() == np.float32(0.02)


def test_b6_keras2_decay_divides_by_one_plus_decay_times_iterations():
    with pytest.warns(DeprecationWarning, match="InverseTimeDecay"):
        opt = optimizers.SGD(0.1, decay=0.5)
    v = tf.Variable(1.0)
    assert _step(opt, v) == pytest.approx(0.9)
    assert _step(opt, v) == pytest.approx(0.9 - 0.1 / 1.5)
    assert opt.get_config()["decay"] == 0.5
    with pytest.warns(DeprecationWarning):
        assert optimizers.SGD.from_config(opt.get_config())._decay == 0.5


def test_b6_int_and_numpy_learning_rates_are_accepted():
    assert optimizers.SGD(1).learning_rate.numpy() == 1.0
    assert optimizers.SGD(np.float64(0.5)).learning_rate.numpy() == 0.5


def test_b6_bad_learning_rate_is_refused_with_keras_message():
    with pytest.raises(ValueError, match="Argument `learning_rate` should be float, or an "
                                         "instance of LearningRateSchedule"):
        optimizers.SGD("fast")
    with pytest.raises(ValueError, match="learning_rate=True"):
        optimizers.SGD(True)


def test_b7_schedule_is_evaluated_at_iterations_each_step():
    schedule = schedules.PiecewiseConstantDecay([1, 2], [0.5, 0.25, 0.125])
    opt = optimizers.SGD(schedule)
    v = tf.Variable(0.0)
    # steps 0 and 1 use 0.5 (step <= 1), step 2 uses 0.25, then 0.125.
    rates = []
    for _ in range(4):
        before = float(v.numpy())
        rates.append(before - _step(opt, v))
    assert rates == [0.5, 0.5, 0.25, 0.125]
    assert float(opt.learning_rate) == 0.125
    assert [v.name for v in opt.variables] == ["iteration:0"]


def test_b7_exponential_decay_as_learning_rate():
    opt = optimizers.SGD(schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5))
    v = tf.Variable(0.0)
    _step(opt, v)
    _step(opt, v)
    assert float(v.numpy()) == pytest.approx(-0.15)


def test_b7_schedule_learning_rate_is_not_settable_to_a_number():
    opt = optimizers.Adam(schedules.ExponentialDecay(0.1, 10, 0.5))
    with pytest.raises(TypeError, match="its learning rate is not settable"):
        opt.learning_rate = 0.1


def test_b7_a_schedule_can_replace_a_float_rate():
    opt = optimizers.SGD(0.1)
    opt.learning_rate = schedules.InverseTimeDecay(1.0, 1, 1.0)
    assert [v.name for v in opt.variables] == ["iteration:0"]
    v = tf.Variable(0.0)
    _step(opt, v)
    _step(opt, v)
    assert float(v.numpy()) == pytest.approx(-1.5)
    assert opt.get_config()["learning_rate"]["class_name"] == "InverseTimeDecay"


def test_b7_callable_learning_rate_is_called_each_step():
    rates = iter([0.5, 0.25])
    opt = optimizers.SGD(lambda: next(rates))
    v = tf.Variable(0.0)
    _step(opt, v)
    _step(opt, v)
    assert float(v.numpy()) == pytest.approx(-0.75)


def test_b7_schedule_with_adam_uses_the_current_value():
    base = optimizers.Adam(0.01)
    scheduled = optimizers.Adam(schedules.PiecewiseConstantDecay([100], [0.01, 0.5]))
    a, b = tf.Variable([1.0, 2.0]), tf.Variable([1.0, 2.0])
    for _ in range(3):
        g = tf.constant([0.3, -0.7])
        base.apply_gradients([(g, a)])
        scheduled.apply_gradients([(g, b)])
    np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-6)
