"""A short tour of tensorlet: `python -m tensorlet.demo`."""

from __future__ import annotations

import numpy as np

import tensorlet as tf


def _section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 60 - len(title)))


def main() -> None:
    _section("Tensors")
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    print(repr(t))
    print("t[:, 1:] =", t[:, 1:].numpy().tolist())
    print("t @ tf.transpose(t) =", (t @ tf.reshape(t, [3, 2])).numpy().tolist())

    _section("NumPy interop")
    print("tf.constant(np.array([2., 4., 5.])).dtype =", tf.constant(np.array([2., 4., 5.])).dtype)
    print("np.square(t) is an ndarray:", type(np.square(t)).__name__)

    _section("Strict dtypes")
    try:
        tf.constant(2.) + tf.constant(40)
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", str(e).splitlines()[0])

    _section("Variables and gradients")
    w1, w2 = tf.Variable(5.), tf.Variable(3.)
    with tf.GradientTape() as tape:
        z = 3 * w1 * w1 + 2 * w1 * w2
    print("dz/dw1, dz/dw2 =", [float(g) for g in tape.gradient(z, [w1, w2])])


if __name__ == "__main__":
    main()
