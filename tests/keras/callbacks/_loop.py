"""A minimal `fit` that follows the CallbackList contract (callback_list.py), for these tests.

The real trainer lives in tensorlet/keras/trainers; this loop keeps the callback tests
independent of it and shows the order of calls in a few lines.
"""

import numpy as np

import tensorlet as tf
from tensorlet.keras.callbacks import CallbackList


def make_model(seed=0, units=3, momentum=0.9):
    """A built 4 -> units -> 1 regression model with an SGD optimizer attached."""
    tf.keras.utils.set_random_seed(seed)
    model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(units, name="d1"),
                                 tf.keras.layers.Dense(1, name="d2")])
    model.optimizer = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=momentum)
    return model


def make_data(n=24, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], "float32") + 0.1).astype("float32")
    return x, y


def _train_step(model, xb, yb):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(xb, training=True) - yb))
    grads = tape.gradient(loss, model.trainable_variables)
    model.optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def _evaluate(model, x, y, callbacks, batch_size):
    callbacks.on_test_begin()
    losses = []
    for step, start in enumerate(range(0, len(x), batch_size)):
        callbacks.on_test_batch_begin(step)
        pred = model(x[start:start + batch_size])
        losses.append(float(tf.reduce_mean(tf.square(pred - y[start:start + batch_size]))))
        callbacks.on_test_batch_end(step, {"loss": float(np.mean(losses))})
    logs = {"loss": float(np.mean(losses))}
    callbacks.on_test_end(logs)
    return logs


def fit(model, x, y, epochs=2, batch_size=8, callbacks=None, verbose=0, validation_data=None,
        initial_epoch=0):
    """Trains with the contract's calls; returns the History."""
    steps = -(-len(x) // batch_size)
    callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0, model=model,
                             verbose=verbose, epochs=epochs, steps=steps)
    model.stop_training = False
    model._initial_epoch = None
    callbacks.on_train_begin()
    start = model._initial_epoch or initial_epoch
    logs = None
    for epoch in range(start, epochs):
        callbacks.on_epoch_begin(epoch)
        losses = []
        for step in range(steps):
            callbacks.on_train_batch_begin(step)
            sl = slice(step * batch_size, (step + 1) * batch_size)
            losses.append(float(_train_step(model, x[sl], y[sl])))
            callbacks.on_train_batch_end(step, {"loss": tf.constant(np.mean(losses))})
            if model.stop_training:
                break
        logs = {"loss": float(np.mean(losses))}
        if validation_data is not None:
            val = _evaluate(model, *validation_data, callbacks, batch_size)
            logs.update({f"val_{k}": v for k, v in val.items()})
        callbacks.on_epoch_end(epoch, logs)
        if model.stop_training:
            break
    callbacks.on_train_end(logs)
    model._initial_epoch = None
    return callbacks.history
