"""Records reference trajectories from real Keras 3 for the optimizer and schedule tests.

Run with the TensorFlow environment; it rewrites `keras_reference.json` next to this file:

    /root/tfenv/bin/python tests/keras/optimizers/record_reference.py

Each optimizer case trains two float32 variables for `STEPS` steps on fixed gradients and
stores the variables after every step; each schedule case stores its value at steps 0..N. The
tests (`test_against_keras.py`) replay the same cases on tensorlet without TensorFlow.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "keras_reference.json"
STEPS = 6

OPTIMIZERS = [
    ("SGD", {}, None),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9}, None),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}, None),
    ("SGD", {"learning_rate": 1.0, "clipvalue": 0.5}, None),
    ("SGD", {"learning_rate": 1.0, "clipnorm": 1.0}, None),
    ("SGD", {"learning_rate": 0.5, "global_clipnorm": 1.0}, None),
    ("SGD", {"learning_rate": 0.1, "weight_decay": 0.05}, None),
    ("SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.8,
             "ema_overwrite_frequency": 2}, None),
    ("RMSprop", {}, None),
    ("RMSprop", {"learning_rate": 0.01, "momentum": 0.9}, None),
    ("RMSprop", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5, "centered": True}, None),
    ("Adam", {}, None),
    ("Adam", {"learning_rate": 0.01, "amsgrad": True}, None),
    ("Adam", {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-5}, None),
    ("Adam", {"learning_rate": 0.01, "clipnorm": 0.5}, None),
    ("Nadam", {}, None),
    ("Nadam", {"learning_rate": 0.01, "beta_1": 0.8}, None),
    ("AdamW", {}, None),
    ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1, "amsgrad": True}, None),
    ("Adagrad", {}, None),
    ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5}, None),
    ("Adamax", {}, None),
    ("Adamax", {"learning_rate": 0.02, "beta_1": 0.7}, None),
    ("SGD", {}, ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 2,
                                      "decay_rate": 0.5})),
    ("Adam", {}, ("PiecewiseConstantDecay", {"boundaries": [2, 4],
                                             "values": [0.1, 0.01, 0.001]})),
    ("SGD", {"momentum": 0.5}, ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 4,
                                                "warmup_target": 0.2, "warmup_steps": 2})),
]

SCHEDULES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.7}),
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.7,
                          "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [3, 7], "values": [1.0, 0.5, 0.1]}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.5, "decay_steps": 2, "decay_rate": 0.3}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.5, "decay_steps": 2, "decay_rate": 0.3,
                          "staircase": True}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 6}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 4,
                         "end_learning_rate": 0.01, "power": 2.0, "cycle": True}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 8}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 8, "alpha": 0.2}),
    ("CosineDecay", {"initial_learning_rate": 0.01, "decay_steps": 6, "warmup_target": 0.1,
                     "warmup_steps": 4}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 3}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 3,
                             "t_mul": 1.0, "m_mul": 0.5, "alpha": 0.1}),
]


def _inputs() -> dict:
    rng = np.random.default_rng(12)
    a = rng.normal(size=[3]).astype(np.float32)
    b = rng.normal(size=[2, 2]).astype(np.float32)
    ga = (rng.normal(size=[STEPS, 3]) * [[0.5], [2.0], [0.1], [1.0], [3.0], [0.01]]).astype(
        np.float32)
    gb = rng.normal(size=[STEPS, 2, 2]).astype(np.float32)
    return {"a": a.tolist(), "b": b.tolist(), "grads_a": ga.tolist(), "grads_b": gb.tolist()}


def _run_optimizer(keras, tf, inputs, name, kwargs, schedule):
    kwargs = dict(kwargs)
    if schedule is not None:
        kwargs["learning_rate"] = getattr(keras.optimizers.schedules, schedule[0])(**schedule[1])
    opt = getattr(keras.optimizers, name)(**kwargs)
    a = tf.Variable(np.array(inputs["a"], np.float32), name="a")
    b = tf.Variable(np.array(inputs["b"], np.float32), name="b")
    trajectory = []
    for step in range(STEPS):
        grads = [tf.constant(np.array(inputs["grads_a"][step], np.float32)),
                 tf.constant(np.array(inputs["grads_b"][step], np.float32))]
        opt.apply_gradients(zip(grads, [a, b]))
        trajectory.append([a.numpy().tolist(), b.numpy().tolist()])
    return trajectory


def main() -> None:
    import tensorflow as tf
    from tensorflow import keras

    inputs = _inputs()
    record = {"keras_version": keras.__version__, "steps": STEPS, "inputs": inputs,
              "optimizers": [], "schedules": []}
    for name, kwargs, schedule in OPTIMIZERS:
        trajectory = _run_optimizer(keras, tf, inputs, name, kwargs, schedule)
        record["optimizers"].append({"name": name, "kwargs": kwargs, "schedule": schedule,
                                     "trajectory": trajectory})
    for name, kwargs in SCHEDULES:
        schedule = getattr(keras.optimizers.schedules, name)(**kwargs)
        values = [float(schedule(step)) for step in range(12)]
        record["schedules"].append({"name": name, "kwargs": kwargs, "values": values})
    OUT.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
