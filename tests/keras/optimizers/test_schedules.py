"""Learning-rate schedules (B7): configs, argument checks, dtypes, serialization."""

import json

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras.optimizers import schedules

CASES = [
    schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True, name="exp"),
    schedules.PiecewiseConstantDecay([10, 20], [0.1, 0.01, 0.001]),
    schedules.InverseTimeDecay(0.1, 5, 0.5),
    schedules.PolynomialDecay(0.1, 100, end_learning_rate=0.01, power=0.5, cycle=True),
    schedules.CosineDecay(0.1, 100, alpha=0.1, warmup_target=0.2, warmup_steps=10),
    schedules.CosineDecayRestarts(0.1, 10, t_mul=1.5, m_mul=0.9, alpha=0.05),
]


@pytest.mark.parametrize("schedule", CASES, ids=lambda s: type(s).__name__)
def test_b7_config_round_trip(schedule):
    config = schedule.get_config()
    json.dumps(config)
    again = type(schedule).from_config(config)
    assert again.get_config() == config
    for step in (0, 7, 15, 130):
        assert float(again(step)) == float(schedule(step))


@pytest.mark.parametrize("schedule", CASES, ids=lambda s: type(s).__name__)
def test_b7_serialize_deserialize(schedule):
    config = schedules.serialize(schedule)
    assert config["class_name"] == type(schedule).__name__
    assert config["module"] == "keras.optimizers.schedules"
    again = schedules.deserialize(config)
    assert type(again) is type(schedule) and again.get_config() == schedule.get_config()


def test_b7_default_configs_match_keras():
    assert schedules.ExponentialDecay(0.1, 10, 0.5).get_config() == {
        "initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
        "staircase": False, "name": "ExponentialDecay"}
    assert schedules.PiecewiseConstantDecay([1], [1.0, 0.5]).get_config()["name"] == \
        "PiecewiseConstant"
    assert schedules.PolynomialDecay(0.1, 10).get_config() == {
        "initial_learning_rate": 0.1, "decay_steps": 10, "end_learning_rate": 0.0001,
        "power": 1.0, "cycle": False, "name": "PolynomialDecay"}
    assert schedules.CosineDecay(0.1, 10).get_config() == {
        "initial_learning_rate": 0.1, "decay_steps": 10, "alpha": 0.0, "name": "CosineDecay",
        "warmup_target": None, "warmup_steps": 0}
    assert schedules.InverseTimeDecay(0.1, 1, 1.0).get_config()["name"] == "InverseTimeDecay"
    assert schedules.CosineDecayRestarts(0.1, 5).get_config() == {
        "initial_learning_rate": 0.1, "first_decay_steps": 5, "t_mul": 2.0, "m_mul": 1.0,
        "alpha": 0.0, "name": "SGDRDecay"}


@pytest.mark.parametrize("make", [
    lambda: schedules.ExponentialDecay(0.1, 0, 0.5),
    lambda: schedules.InverseTimeDecay(0.1, -1, 0.5),
    lambda: schedules.PolynomialDecay(0.1, 0),
    lambda: schedules.CosineDecay(0.1, 0),
])
def test_b7_decay_steps_must_be_positive(make):
    with pytest.raises(ValueError, match=r"Argument `decay_steps` must be > 0"):
        make()


def test_b7_first_decay_steps_must_be_positive():
    with pytest.raises(ValueError, match="`first_decay_steps` must be > 0"):
        schedules.CosineDecayRestarts(0.1, 0)


def test_b7_piecewise_needs_one_more_value_than_boundaries():
    with pytest.raises(ValueError, match="The length of boundaries should be 1 less than the "
                                         "length of values"):
        schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2])


def test_b7_piecewise_boundaries_are_inclusive_upper_limits():
    s = schedules.PiecewiseConstantDecay([5, 15], [1.0, 0.5, 0.25])
    assert [float(s(step)) for step in (0, 5, 6, 15, 16, 100)] == [1.0, 1.0, 0.5, 0.5, 0.25,
                                                                   0.25]


def test_b7_values_are_float32_tensors_for_int_and_tensor_steps():
    s = schedules.ExponentialDecay(0.1, 10, 0.5)
    for step in (3, tf.constant(3), tf.constant(3, tf.int64), tf.Variable(3, dtype=tf.int64)):
        value = s(step)
        assert tf.is_tensor(value) and value.dtype == tf.float32
        np.testing.assert_allclose(float(value), 0.1 * 0.5 ** 0.3, rtol=1e-6)


def test_b7_float64_initial_rate_gives_float64():
    s = schedules.InverseTimeDecay(tf.constant(0.5, tf.float64), 1, 1.0)
    assert s(1).dtype == tf.float64 and float(s(1)) == 0.25


def test_b7_cosine_warmup_with_zero_warmup_steps_only_decays():
    s = schedules.CosineDecay(0.0, 10, warmup_target=0.2)
    assert float(s(0)) == pytest.approx(0.2)
    assert float(s(10)) == pytest.approx(0.0, abs=1e-8)


def test_b7_base_class_requires_call_and_get_config():
    base = schedules.LearningRateSchedule()
    with pytest.raises(NotImplementedError, match="must override `__call__"):
        base(1)
    with pytest.raises(NotImplementedError, match="must override `get_config"):
        base.get_config()


def test_b7_unknown_schedule_name_is_refused():
    with pytest.raises(TypeError, match="Could not locate class 'Constant'"):
        schedules.deserialize({"class_name": "Constant", "config": {"value": 1.0}})
