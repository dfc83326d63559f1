"""Chapter 12's exercise 13 (FEATURES A14.2, A12.9): a custom training loop on Fashion MNIST
with two optimizers, written with TF's API. The test never downloads: `fashion_mnist.load_data`
returns the shipped 8x8 digits upsampled to uint8 28x28 images (values 0-255).

Exercise 12 (A14.1, the custom LayerNormalization) is tested with the layers, in
tests/keras/layers/test_normalization_layers.py.
"""

from __future__ import annotations

import re

import numpy as np

import tensorlet as tf


def digits_as_fashion_mnist():
    """`((X_train, y_train), (X_test, y_test))` in Fashion MNIST's shapes and dtypes."""
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.digits.load_data()

    def upsample(x):
        big = np.pad(np.kron(x, np.ones((3, 3), np.uint8)), ((0, 0), (2, 2), (2, 2)))
        return (big.astype(np.uint16) * 255 // 16).astype(np.uint8)

    return (upsample(x_train), y_train), (upsample(x_test), y_test)


def print_status_bar(epoch, step, total, mean_loss, metrics, end=""):
    values = " - ".join(f"{m.name}: {float(m.result()):.4f}" for m in [mean_loss] + metrics)
    print(f"\rEpoch {epoch} - {step}/{total} - {values}", end=end)


def train_with_two_optimizers(n_epochs=5, batch_size=32, seed=42):
    """The exercise's solution: lower and upper layers, each with its own optimizer."""
    (X_train_full, y_train_full), _ = tf.keras.datasets.fashion_mnist.load_data()
    X_train_full = X_train_full.astype(np.float32) / 255.0
    X_valid, X_train = X_train_full[:300], X_train_full[300:]
    y_valid, y_train = y_train_full[:300], y_train_full[300:]

    tf.keras.utils.set_random_seed(seed)
    lower_layers = tf.keras.Sequential([
        tf.keras.layers.Flatten(input_shape=[28, 28]),
        tf.keras.layers.Dense(100, activation="relu"),
    ])
    upper_layers = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
    model = tf.keras.Sequential([lower_layers, upper_layers])
    lower_optimizer = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)
    upper_optimizer = tf.keras.optimizers.Nadam(learning_rate=1e-3)
    loss_fn = tf.keras.losses.sparse_categorical_crossentropy
    mean_loss = tf.keras.metrics.Mean(name="loss")
    metrics = [tf.keras.metrics.SparseCategoricalAccuracy(name="accuracy")]
    n_steps = len(X_train) // batch_size
    rng = np.random.default_rng(seed)
    history = []
    for epoch in range(1, n_epochs + 1):
        for step in range(1, n_steps + 1):
            idx = rng.integers(len(X_train), size=batch_size)
            X_batch, y_batch = X_train[idx], y_train[idx]
            with tf.GradientTape(persistent=True) as tape:
                y_pred = model(X_batch, training=True)
                main_loss = tf.reduce_mean(loss_fn(y_batch, y_pred))
                loss = tf.add_n([main_loss] + model.losses)
            for layers, optimizer in ((lower_layers, lower_optimizer),
                                      (upper_layers, upper_optimizer)):
                gradients = tape.gradient(loss, layers.trainable_variables)
                optimizer.apply_gradients(zip(gradients, layers.trainable_variables))
            del tape
            mean_loss(loss)
            for metric in metrics:
                metric(y_batch, y_pred)
            print_status_bar(epoch, step, n_steps, mean_loss, metrics)
        y_pred = model(X_valid)
        val_loss = float(tf.reduce_mean(loss_fn(y_valid, y_pred)))
        val_accuracy = float(tf.reduce_mean(
            tf.keras.metrics.sparse_categorical_accuracy(y_valid, y_pred)))
        print_status_bar(epoch, n_steps, n_steps, mean_loss, metrics,
                         end=f" - val_loss: {val_loss:.4f} - val_accuracy: {val_accuracy:.4f}\n")
        history.append((float(mean_loss.result()), val_loss, val_accuracy))
        for metric in [mean_loss] + metrics:
            metric.reset_states()
    return history, (lower_layers, lower_optimizer), (upper_layers, upper_optimizer)


def test_the_substitute_data_has_fashion_mnists_format():
    (x_train, y_train), (x_test, y_test) = digits_as_fashion_mnist()
    assert x_train.shape == (1437, 28, 28) and x_test.shape == (360, 28, 28)
    assert x_train.dtype == np.uint8 and int(x_train.max()) == 255 and int(x_train.min()) == 0
    assert y_train.shape == (1437,) and set(np.unique(y_train)) == set(range(10))


def test_a14_2_exercise_13_custom_loop_with_two_optimizers(monkeypatch, capsys):
    monkeypatch.setattr(tf.keras.datasets.fashion_mnist, "load_data", digits_as_fashion_mnist)
    n_epochs = 8
    history, lower, upper = train_with_two_optimizers(n_epochs)
    out = capsys.readouterr().out
    assert history[-1][2] >= 0.90, history  # validation accuracy
    assert history[-1][0] < history[0][0] and history[-1][1] < history[0][1], history
    ends = re.findall(r"\rEpoch (\d) - 35/35 - loss: \d\.\d{4} - accuracy: \d\.\d{4} - "
                      r"val_loss: \d\.\d{4} - val_accuracy: (\d\.\d{4})\n", out)
    assert [int(e[0]) for e in ends] == list(range(1, n_epochs + 1)), out[-400:]
    assert float(ends[-1][1]) == round(history[-1][2], 4)
    assert out.count("\r") == n_epochs * 36  # the status bar updated at every iteration
    for (layers, optimizer), (other, _) in ((lower, upper), (upper, lower)):  # A12.9
        assert int(optimizer.iterations.numpy()) == n_epochs * 35
        own = {tuple(v.shape) for v in layers.trainable_variables}
        others = {tuple(v.shape) for v in other.trainable_variables}
        slots = {tuple(v.shape) for v in optimizer.variables if len(v.shape)}
        assert slots and slots <= own and not slots & others, (slots, own)
