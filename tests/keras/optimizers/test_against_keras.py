"""Update rules, defaults and schedules against trajectories recorded from real Keras 3.15
(B6, B7, A12.6; `record_reference.py` wrote `keras_reference.json`)."""

import json
from pathlib import Path

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import optimizers

REFERENCE = json.loads((Path(__file__).parent / "keras_reference.json").read_text())
INPUTS = REFERENCE["inputs"]


def _case_id(case) -> str:
    schedule = f"-{case['schedule'][0]}" if case["schedule"] else ""
    args = ",".join(f"{k}={v}" for k, v in sorted(case["kwargs"].items()))
    return f"{case['name']}({args}){schedule}"


def _train(opt, steps: int) -> list:
    a = tf.Variable(np.array(INPUTS["a"], np.float32), name="a")
    b = tf.Variable(np.array(INPUTS["b"], np.float32), name="b")
    trajectory = []
    for step in range(steps):
        grads = [tf.constant(np.array(INPUTS["grads_a"][step], np.float32)),
                 tf.constant(np.array(INPUTS["grads_b"][step], np.float32))]
        opt.apply_gradients(zip(grads, [a, b]))
        trajectory.append([a.numpy(), b.numpy()])
    return trajectory


def _make(case):
    kwargs = dict(case["kwargs"])
    if case["schedule"]:
        name, config = case["schedule"]
        kwargs["learning_rate"] = getattr(optimizers.schedules, name)(**config)
    return getattr(optimizers, case["name"])(**kwargs)


@pytest.mark.parametrize("case", REFERENCE["optimizers"], ids=_case_id)
def test_optimizer_steps_match_keras(case):
    """B6/B7: six steps on two variables give Keras's values at every step (to 1e-6)."""
    ours = _train(_make(case), REFERENCE["steps"])
    for step, (got, want) in enumerate(zip(ours, case["trajectory"])):
        for g, w in zip(got, want):
            assert g.dtype == np.float32
            np.testing.assert_allclose(g, np.array(w, np.float32), rtol=1e-6, atol=1e-6,
                                       err_msg=f"step {step + 1}")


@pytest.mark.parametrize("case", REFERENCE["schedules"],
                         ids=lambda c: c["name"] + str(sorted(c["kwargs"].items())))
def test_schedule_values_match_keras(case):
    """B7: each schedule's value at steps 0..11 equals Keras's (Python int steps)."""
    schedule = getattr(optimizers.schedules, case["name"])(**case["kwargs"])
    got = [float(schedule(step)) for step in range(len(case["values"]))]
    np.testing.assert_allclose(got, case["values"], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("case", REFERENCE["schedules"][:4],
                         ids=lambda c: c["name"] + str(sorted(c["kwargs"].items())))
def test_schedule_accepts_the_int64_iterations_variable(case):
    """B7: an optimizer calls its schedule with `iterations` (an int64 Variable)."""
    schedule = getattr(optimizers.schedules, case["name"])(**case["kwargs"])
    step = tf.Variable(5, dtype=tf.int64)
    value = schedule(step)
    assert value.dtype == tf.float32
    np.testing.assert_allclose(float(value), case["values"][5], rtol=1e-6)
