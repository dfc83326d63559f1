"""Part 4 of the demo: the same training steps run eagerly and as `tf.function` graphs."""

from __future__ import annotations

import time

import tensorlet as tf

from .common import section


def steps_per_second(step, args, seconds: float = 0.5) -> float:
    """Calls `step(*args)` for about `seconds` (after one warm-up call); returns calls per second.

    Example:
        >>> steps_per_second(tf.square, (tf.constant(2.0),), seconds=0.01) > 0
        True
    """
    step(*args)
    n, start = 0, time.perf_counter()
    while True:
        for _ in range(10):
            step(*args)
        n += 10
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def _linear_regression_step():
    w = tf.Variable(tf.random.normal([8, 1], seed=42))
    X = tf.random.normal([32, 8], seed=1)

    def step(X):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(X @ w - 1.0))
        w.assign_sub(0.01 * tape.gradient(loss, w))
        return loss

    return step, (X,)


def run(digits_step, digits_batch) -> list:
    """Times each step both ways and prints a table; returns its rows."""
    section("Eager vs tf.function speed (same run, same steps)")
    linear_step, linear_args = _linear_regression_step()
    rows = []
    print(f"{'training step':<34}{'eager':>12}{'tf.function':>14}{'speed-up':>10}")
    for label, step, args in (("linear regression, batch 32", linear_step, linear_args),
                              ("digits MLP, 2 optimizers, batch 32", digits_step, digits_batch)):
        eager = steps_per_second(step, args)
        graph = steps_per_second(tf.function(step), args)
        rows.append((label, eager, graph))
        print(f"{label:<34}{eager:>8,.0f}/s {graph:>10,.0f}/s {graph / eager:>8.1f}x")
    print("tf.function traces the Python step once, optimises the graph and replays it.")
    return rows
