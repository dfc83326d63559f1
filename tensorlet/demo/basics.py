"""Part 1 of the demo: tensors, NumPy interop, strict dtypes, Variables, autodiff, tf.function."""

from __future__ import annotations

import numpy as np

import tensorlet as tf

from .common import section as _section


def tensors_and_ops() -> None:
    _section("Tensors and operations")
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    print(repr(t))
    print("t.shape =", repr(t.shape), " t.dtype =", repr(t.dtype))
    print("t[:, 1:] =", t[:, 1:].numpy().tolist())
    print("t[..., 1, tf.newaxis] =", t[..., 1, tf.newaxis].numpy().tolist())
    print("t + 10 =", (t + 10).numpy().tolist())
    print("tf.square(t) =", tf.square(t).numpy().tolist())
    print("t @ tf.transpose(t) =", (t @ tf.transpose(t)).numpy().tolist())
    print("tf.reduce_mean(tf.constant([1, 2])) =", repr(tf.reduce_mean(tf.constant([1, 2]))))


def numpy_interop() -> None:
    _section("NumPy interop")
    a = np.array([2., 4., 5.])
    print("tf.constant(np.array([2., 4., 5.])).dtype =", repr(tf.constant(a).dtype))
    print("tf.square(ndarray) =", repr(tf.square(a)))
    t = tf.constant([[1., 2.], [3., 4.]])
    print("np.square(t) =", repr(np.square(t)))
    print("tf.range(10).dtype =", repr(tf.range(10).dtype),
          "but tf.constant(np.arange(10)).dtype =", repr(tf.constant(np.arange(10)).dtype))


def strict_dtypes() -> None:
    _section("Strict dtypes (no silent casts)")
    try:
        tf.constant(2.) + tf.constant(40)
    except tf.errors.InvalidArgumentError as e:
        print("tf.constant(2.) + tf.constant(40) raises InvalidArgumentError:")
        print("   ", str(e).splitlines()[0])
        print("   ", str(e).splitlines()[-1])
    fixed = tf.constant(2.0) + tf.cast(tf.constant(40., dtype=tf.float64), tf.float32)
    print("with tf.cast:", repr(fixed))


def variables() -> None:
    _section("Variables")
    v = tf.Variable([[1., 2., 3.], [4., 5., 6.]])
    v.assign(2 * v)
    v[0, 1].assign(42)
    v[:, 2].assign([0., 1.])
    v.scatter_nd_update(indices=[[0, 0], [1, 2]], updates=[100., 200.])
    print(repr(v))
    try:
        v[1] = [7., 8., 9.]
    except TypeError as e:
        print("v[1] = ... raises TypeError:", str(e).splitlines()[0])


def gradients() -> None:
    _section("Autodiff")
    w1, w2 = tf.Variable(5.), tf.Variable(3.)

    def f(w1, w2):
        return 3 * w1 ** 2 + 2 * w1 * w2

    with tf.GradientTape() as tape:
        z = f(w1, w2)
    print("gradients of 3*w1**2 + 2*w1*w2 at (5, 3):",
          [float(g) for g in tape.gradient(z, [w1, w2])])
    with tf.GradientTape(persistent=True) as tape:
        z = f(w1, w2)
    print("persistent tape, one source at a time:",
          float(tape.gradient(z, w1)), float(tape.gradient(z, w2)))
    del tape
    with tf.GradientTape() as tape:
        z = 3 * w1 ** 2 + tf.stop_gradient(2 * w1 * w2)
    print("with tf.stop_gradient:", [None if g is None else float(g)
                                     for g in tape.gradient(z, [w1, w2])])
    with tf.GradientTape(persistent=True) as hessian_tape:
        with tf.GradientTape() as jacobian_tape:
            z = f(w1, w2)
        jacobians = jacobian_tape.gradient(z, [w1, w2])
    hessians = [hessian_tape.gradient(j, [w1, w2]) for j in jacobians]
    print("Hessians via nested tapes:",
          [[None if h is None else float(h) for h in row] for row in hessians])
    del hessian_tape
    _custom_gradient()


@tf.custom_gradient
def _my_softplus(z):
    def my_softplus_gradients(grads):
        return grads * (1 - 1 / (1 + tf.exp(z)))

    result = tf.math.log(1 + tf.exp(-tf.abs(z))) + tf.maximum(0., z)
    return result, my_softplus_gradients


def _custom_gradient() -> None:
    x = tf.Variable([1000.])
    with tf.GradientTape() as tape:
        z = _my_softplus(x)
    print("custom-gradient softplus at 1000: value", z.numpy().tolist(),
          "gradient", tape.gradient(z, [x])[0].numpy().tolist())


def graphs() -> None:
    _section("tf.function: tracing and optimising graphs")

    @tf.function
    def tf_cube(x):
        return x ** 3

    print("tf_cube(2) =", repr(tf_cube(tf.constant(2.0))))
    concrete = tf.function(lambda: tf.constant(1) + tf.constant(2)).get_concrete_function()
    for label, optimized in (("traced", False), ("optimised", True)):
        print(f"{label} graph of `tf.constant(1) + tf.constant(2)`:")
        text = concrete.pretty_printed_graph(optimized=optimized)
        print("   ", text.replace("\n", "\n    "))


def run() -> None:
    """Runs part 1: the tour of tensors, ops, Variables, gradients and graphs."""
    tensors_and_ops()
    numpy_interop()
    strict_dtypes()
    variables()
    gradients()
    graphs()

