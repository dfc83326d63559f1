"""Part 3 of the demo: a custom training loop with two optimizers (the chapter's exercise 13).

The lower layers of a digits classifier learn with SGD and momentum, the output layer with Nadam;
the loop shows a progress bar per epoch, evaluates on the validation set at the end of each epoch,
and logs both with `tf.summary` for TensorBoard.
"""

from __future__ import annotations

import os

import numpy as np

import tensorlet as tf

from .common import section


def build_model():
    """The classifier, as two stacks: `lower` (two hidden layers) and `upper` (the output)."""
    lower = tf.keras.Sequential([
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),
        tf.keras.layers.Dense(50, activation="relu", kernel_initializer="he_normal"),
    ], name="lower")
    upper = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")], name="upper")
    model = tf.keras.Sequential([tf.keras.layers.Input(shape=(8, 8)), lower, upper])
    return model, lower, upper  # built now (the Input layer): the optimizers see every variable


def make_train_step(model, lower, upper):
    """One gradient step: one tape, one gradient call, each optimizer updates its own layers."""
    lower_optimizer = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)
    upper_optimizer = tf.keras.optimizers.Nadam(learning_rate=0.005)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy()

    def train_step(X_batch, y_batch):
        lower_vars, upper_vars = lower.trainable_variables, upper.trainable_variables
        with tf.GradientTape() as tape:
            y_pred = model(X_batch, training=True)
            loss = loss_fn(y_batch, y_pred)
        gradients = tape.gradient(loss, lower_vars + upper_vars)
        lower_optimizer.apply_gradients(zip(gradients[:len(lower_vars)], lower_vars))
        upper_optimizer.apply_gradients(zip(gradients[len(lower_vars):], upper_vars))
        return loss, y_pred

    return train_step, loss_fn, (lower_optimizer, upper_optimizer)


def run(data, log_dir, n_epochs=5, batch_size=32):
    """Trains the digits classifier; returns (eager train step, a batch, validation accuracy)."""
    section("A custom training loop with two optimizers (exercise 13, digits)")
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = data
    print(f"Data: the shipped 8x8 digits, {len(X_train)} / {len(X_valid)} / {len(X_test)} images")
    model, lower, upper = build_model()
    train_step, loss_fn, optimizers = make_train_step(model, lower, upper)
    fast_train_step = tf.function(train_step)
    print(f"lower layers ({len(lower.trainable_variables)} variables): SGD(0.05, momentum=0.9);"
          f" upper layer ({len(upper.trainable_variables)} variables): Nadam(0.005)")
    mean_loss = tf.keras.metrics.Mean(name="loss")
    accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name="accuracy")
    writer = tf.summary.create_file_writer(os.path.join(log_dir, "custom_loop"))
    n_steps = len(X_train) // batch_size
    rng = np.random.default_rng(42)
    for epoch in range(1, n_epochs + 1):
        print(f"Epoch {epoch}/{n_epochs}")
        progbar = tf.keras.utils.Progbar(n_steps, stateful_metrics=[
            "loss", "accuracy", "val_loss", "val_accuracy"])
        order = rng.permutation(len(X_train))
        for step in range(1, n_steps + 1):
            batch = order[(step - 1) * batch_size:step * batch_size]
            loss, y_pred = fast_train_step(X_train[batch], y_train[batch])
            mean_loss.update_state(loss)
            accuracy.update_state(y_train[batch], y_pred)
            values = [("loss", float(mean_loss.result())),
                      ("accuracy", float(accuracy.result()))]
            progbar.update(step, values, finalize=False)
        y_pred = model(X_valid, training=False)
        val_loss = float(loss_fn(y_valid, y_pred))
        val_accuracy = float(np.mean(np.argmax(y_pred, axis=-1) == y_valid))
        progbar.update(n_steps, values + [("val_loss", val_loss), ("val_accuracy", val_accuracy)],
                       finalize=True)
        with writer.as_default():
            for name, value in values + [("val_loss", val_loss), ("val_accuracy", val_accuracy)]:
                tf.summary.scalar(name, value, step=epoch)
        mean_loss.reset_state()
        accuracy.reset_state()
    writer.flush()
    test_accuracy = float(np.mean(np.argmax(model(X_test), axis=-1) == y_test))
    steps = ", ".join(f"{int(opt.iterations)}" for opt in optimizers)
    print(f"validation accuracy: {val_accuracy:.4f}   test accuracy: {test_accuracy:.4f}   "
          f"optimizer steps: {steps}")
    print(f"fast_train_step = tf.function(train_step) traced "
          f"{fast_train_step.experimental_get_tracing_count()} times")
    return train_step, (X_train[:batch_size], y_train[:batch_size]), val_accuracy
