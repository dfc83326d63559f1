"""Optimizer steps inside `tf.function` give the eager results (B6, B7, A12.4; issue #5's step)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import optimizers
from tensorlet.keras.optimizers import schedules

MAKERS = {
    "sgd": lambda: optimizers.SGD(0.1),
    "sgd-nesterov": lambda: optimizers.SGD(0.1, momentum=0.9, nesterov=True),
    "adam-amsgrad": lambda: optimizers.Adam(0.1, amsgrad=True),
    "nadam": lambda: optimizers.Nadam(0.1),
    "rmsprop-centered": lambda: optimizers.RMSprop(0.1, momentum=0.5, centered=True),
    "adamw": lambda: optimizers.AdamW(0.1),
    "adagrad": lambda: optimizers.Adagrad(0.1),
    "adamax": lambda: optimizers.Adamax(0.1),
    "piecewise": lambda: optimizers.SGD(schedules.PiecewiseConstantDecay([1, 2],
                                                                         [0.1, 0.05, 0.01])),
    "cosine-warmup": lambda: optimizers.SGD(schedules.CosineDecay(0.0, 4, warmup_target=0.1,
                                                                  warmup_steps=2)),
    "ema": lambda: optimizers.SGD(0.1, use_ema=True, ema_overwrite_frequency=2),
    "global-clipnorm": lambda: optimizers.SGD(0.5, global_clipnorm=1.0),
    "clipnorm": lambda: optimizers.SGD(0.5, clipnorm=1.0),
    "clipvalue": lambda: optimizers.SGD(0.5, clipvalue=0.1),
}


def _train(make, traced: bool):
    a = tf.Variable([1.0, 2.0, 3.0], name="a")
    b = tf.Variable([[1.0, -1.0], [0.5, 2.0]], name="b")
    opt = make()

    def step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(a * a * x) + tf.reduce_sum(tf.square(b - x))
        grads = tape.gradient(loss, [a, b])
        opt.apply_gradients(zip(grads, [a, b]))
        return loss

    run = tf.function(step) if traced else step
    for i in range(4):
        run(tf.constant(0.5 + i))
    return a.numpy(), b.numpy(), int(opt.iterations.numpy()), len(opt.variables)


@pytest.mark.parametrize("name", MAKERS)
def test_step_in_tf_function_matches_eager(name):
    eager = _train(MAKERS[name], traced=False)
    traced = _train(MAKERS[name], traced=True)
    np.testing.assert_allclose(traced[0], eager[0], rtol=1e-6)
    np.testing.assert_allclose(traced[1], eager[1], rtol=1e-6)
    assert traced[2] == eager[2] == 4
    assert traced[3] == eager[3]


def test_slots_created_in_the_first_trace_persist():
    v = tf.Variable([1.0, 2.0])
    opt = optimizers.Adam(0.1)

    @tf.function
    def step():
        opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])

    step()
    step()
    assert len(opt.variables) == 4
    assert opt.iterations.numpy() == 2
    assert np.all(opt.variables[2].numpy() > 0.1)
