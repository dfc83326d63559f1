"""What `fit` shows and tells callbacks: the progress bar, logs and hook order (A10.3–A10.5,
B4, B5)."""

import re

import numpy as np
import pytest

import tensorlet as tf

from ..chapter_models import ReconstructingRegressor, housing_like


class KerasThreeReconstructing(ReconstructingRegressor):
    """The book's model written the Keras 3 way (A10.4): the metric is only updated."""

    def call(self, inputs, training=False):
        Z = inputs
        for layer in self.hidden:
            Z = layer(Z)
        reconstruction = self.reconstruct(Z)
        recon_loss = tf.reduce_mean(tf.square(reconstruction - inputs))
        self.add_loss(0.05 * recon_loss)
        if training:
            self.reconstruction_mean.update_state(recon_loss)
        return self.out(Z)


_LINE = re.compile(r"^(\d+)/(\d+) \[=+\] - \d+s \d+(us|ms)/step - loss: \d+\.\d{4} - "
                   r"reconstruction_error: \d+\.\d{4}$")


def test_a10_4_a10_5_progress_bar_shows_loss_and_reconstruction_error(capsys):
    x, y = housing_like(12 * 32)
    model = KerasThreeReconstructing(1)
    model.compile(loss="mse", optimizer="nadam")
    model.fit(x, y, epochs=2)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
    match = _LINE.match(lines[1].split("\r")[-1].strip())
    assert match is not None, lines[1]
    assert match.group(1) == match.group(2) == "12"


def test_a10_5_verbose_2_prints_one_line_per_epoch(capsys):
    x, y = housing_like(64)
    model = KerasThreeReconstructing(1)
    model.compile(loss="mse", optimizer="nadam")
    model.fit(x, y, epochs=3, verbose=2, validation_split=0.25)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 6
    assert lines[1].startswith("2/2 - ") and "- loss: " in lines[1]
    assert "- val_loss: " in lines[1] and "\r" not in lines[1]


def test_a10_5_verbose_0_prints_nothing(capsys):
    x, y = housing_like(64)
    model = KerasThreeReconstructing(1)
    model.compile(loss="mse", optimizer="nadam")
    model.fit(x, y, epochs=2, verbose=0)
    model.evaluate(x, y, verbose=0)
    model.predict(x, verbose=0)
    assert capsys.readouterr().out == ""


def test_a10_3_book_add_metric_of_a_metric_result_shows_that_metric_only():
    x, y = housing_like(128)
    model = ReconstructingRegressor(1)
    model.compile(loss="mse", optimizer="nadam")
    history = model.fit(x, y, epochs=2, verbose=0)
    assert sorted(history.history) == ["loss", "reconstruction_error"]


def test_b5_hook_order_and_batch_logs():
    events = []

    class Recorder(tf.keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            events.append("train_begin")

        def on_epoch_begin(self, epoch, logs=None):
            events.append(f"epoch_begin {epoch}")

        def on_train_batch_end(self, batch, logs=None):
            events.append(f"batch {batch} {sorted(logs)}")

        def on_test_begin(self, logs=None):
            events.append("test_begin")

        def on_test_end(self, logs=None):
            events.append(f"test_end {sorted(logs)}")

        def on_epoch_end(self, epoch, logs=None):
            events.append(f"epoch_end {epoch} {sorted(logs)}")

        def on_train_end(self, logs=None):
            events.append(f"train_end {sorted(logs)}")

    x, y = housing_like(8)
    model = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd", metrics=["mae"])
    model.fit(x, y, batch_size=4, epochs=1, validation_data=(x, y), callbacks=[Recorder()],
              verbose=0)
    assert events == [
        "train_begin", "epoch_begin 0",
        "batch 0 ['loss', 'mae']", "batch 1 ['loss', 'mae']",
        "test_begin", "test_end ['loss', 'mae']",
        "epoch_end 0 ['loss', 'mae', 'val_loss', 'val_mae']",
        "train_end ['loss', 'mae', 'val_loss', 'val_mae']"]


def test_b5_batch_logs_are_running_means():
    seen = []

    class Spy(tf.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(logs["loss"])

    x = np.arange(4, dtype=np.float32).reshape(4, 1)
    model = tf.keras.Sequential([tf.keras.Input((1,)),
                                 tf.keras.layers.Dense(1, kernel_initializer="zeros",
                                                       use_bias=False)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    model.fit(x, x, batch_size=2, shuffle=False, callbacks=[Spy()], verbose=0)
    assert seen == [0.5, 3.5]  # (0+1)/2, then (0+1+4+9)/4


def test_b5_early_stopping_stops_fit():
    x, y = housing_like(64)
    model = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    stop = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=1)
    history = model.fit(x, y, epochs=10, callbacks=[stop], shuffle=False, verbose=0)
    assert len(history.epoch) == 2  # the loss never improves after epoch 0


def test_b5_backup_and_restore_resumes_at_the_saved_epoch(tmp_path):
    x, y = housing_like(32)

    class Interrupt(tf.keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                raise RuntimeError("killed")

    def make():
        model = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1)])
        model.compile(loss="mse", optimizer="adam")
        return model

    backup = tf.keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    first = make()
    with pytest.raises(RuntimeError, match="killed"):
        first.fit(x, y, epochs=4, callbacks=[backup, Interrupt()], verbose=0)
    second = make()
    restore = tf.keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    history = second.fit(x, y, epochs=4, callbacks=[restore], verbose=0)
    assert history.epoch == [2, 3]  # epochs 0 and 1 were backed up before the kill
    assert second.optimizer.iterations.numpy() == 4  # 2 restored + 2 new steps


def test_c14_tensorboard_callback_writes_event_files_during_fit(tmp_path):
    x, y = housing_like(64)
    model = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x, y, epochs=2, validation_split=0.25, verbose=0,
              callbacks=[tf.keras.callbacks.TensorBoard(str(tmp_path / "logs"))])
    events = list((tmp_path / "logs").rglob("events.out.tfevents.*"))
    assert events and all(path.stat().st_size > 0 for path in events)


def test_b5_model_checkpoint_and_csv_logger_during_fit(tmp_path):
    x, y = housing_like(64)
    model = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    checkpoint = tf.keras.callbacks.ModelCheckpoint(str(tmp_path / "best_model"),
                                                    save_best_only=True, monitor="val_loss")
    logger = tf.keras.callbacks.CSVLogger(str(tmp_path / "log.csv"))
    model.fit(x, y, epochs=2, validation_split=0.25, verbose=0, callbacks=[checkpoint, logger])
    restored = tf.keras.models.load_model(tmp_path / "best_model")
    assert restored.predict(x[:2], verbose=0).shape == (2, 1)
    header = (tmp_path / "log.csv").read_text().splitlines()[0]
    assert header.split(",") == ["epoch", "loss", "val_loss"]
