"""ModelCheckpoint (any path, D1/D8) and CSVLogger (B5)."""

import os

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import callbacks

from ._loop import fit, make_data, make_model


class ScriptedValLoss(callbacks.Callback):
    """Logs the given val_loss values, one per epoch (placed before the callback under test)."""

    def __init__(self, values):
        super().__init__()
        self.values = iter(values)

    def on_epoch_end(self, epoch, logs=None):
        logs["val_loss"] = next(self.values)


class Snapshot(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.weights = []

    def on_epoch_end(self, epoch, logs=None):
        self.weights.append(self.model.get_weights())


def test_b5_checkpoint_formats_epoch_and_logged_values(tmp_path):
    pattern = str(tmp_path / "ckpt" / "w_{epoch:02d}-{val_loss:.2f}")
    x, y = make_data(16)
    fit(make_model(), x, y, epochs=3, batch_size=8,
        callbacks=[ScriptedValLoss([0.5, 0.25, 0.125]),
                   callbacks.ModelCheckpoint(pattern, save_weights_only=True)])
    assert sorted(os.listdir(tmp_path / "ckpt")) == ["w_01-0.50", "w_02-0.25", "w_03-0.12"]


def test_b5_checkpoint_save_best_only_keeps_the_best_weights(tmp_path):
    path = tmp_path / "best.weights"  # any name works (D8)
    snapshot = Snapshot()
    x, y = make_data(16)
    model = make_model()
    fit(model, x, y, epochs=4, batch_size=8,
        callbacks=[ScriptedValLoss([3.0, 1.0, 2.0, 1.5]), snapshot,
                   callbacks.ModelCheckpoint(path, save_best_only=True,
                                             save_weights_only=True)])
    fresh = make_model(seed=5)
    fresh.load_weights(str(path))
    for loaded, best in zip(fresh.get_weights(), snapshot.weights[1]):
        np.testing.assert_array_equal(loaded, best)


@pytest.mark.parametrize("name", ["my_model", "my_model.keras", "my_model.h5"])
def test_b5_checkpoint_saves_whole_models_to_any_path(tmp_path, name):
    path = tmp_path / name
    x, y = make_data(16)
    model = make_model()
    fit(model, x, y, epochs=1, batch_size=8, callbacks=[callbacks.ModelCheckpoint(path)])
    loaded = tf.keras.models.load_model(str(path), compile=False)
    np.testing.assert_allclose(loaded(x).numpy(), model(x).numpy(), rtol=1e-6)


def test_checkpoint_verbose_messages(tmp_path, capsys):
    path = str(tmp_path / "w")
    checkpoint = callbacks.ModelCheckpoint(path, save_best_only=True, save_weights_only=True,
                                           verbose=1)
    checkpoint.set_model(make_model())
    checkpoint.on_epoch_end(0, {"val_loss": 0.5})
    checkpoint.on_epoch_end(1, {"val_loss": 0.75})
    assert capsys.readouterr().out.split("\n") == [
        "", f"Epoch 1: val_loss improved from None to 0.50000, saving model to {path}",
        "", f"Epoch 1: finished saving model to {path}",
        "", "Epoch 2: val_loss did not improve from 0.50000", ""]


def test_checkpoint_every_n_batches_formats_batch(tmp_path):
    pattern = str(tmp_path / "e{epoch}_b{batch}")
    x, y = make_data(24)
    fit(make_model(), x, y, epochs=2, batch_size=8,
        callbacks=[callbacks.ModelCheckpoint(pattern, save_weights_only=True, save_freq=2)])
    # 3 batches per epoch, a save every 2 batches: after batches 2 and 4 and 6 in all
    assert sorted(os.listdir(tmp_path)) == ["e1_b2", "e2_b1", "e2_b3"]


def test_checkpoint_initial_threshold_missing_monitor_and_bad_arguments(tmp_path):
    model = make_model()
    checkpoint = callbacks.ModelCheckpoint(str(tmp_path / "w"), save_best_only=True,
                                           save_weights_only=True, initial_value_threshold=0.1)
    checkpoint.set_model(model)
    checkpoint.on_epoch_end(0, {"val_loss": 0.2})
    assert not os.path.exists(tmp_path / "w")
    with pytest.warns(UserWarning, match="Can save best model only with val_loss available"):
        checkpoint.on_epoch_end(1, {"loss": 0.2})
    assert os.path.exists(tmp_path / "w")
    with pytest.raises(ValueError, match="Unrecognized save_freq: batch"):
        callbacks.ModelCheckpoint("w", save_freq="batch")
    bad = callbacks.ModelCheckpoint(str(tmp_path / "{val_acc}"))
    bad.set_model(model)
    with pytest.raises(KeyError, match="Failed to format this callback filepath"):
        bad.on_epoch_end(0, {"loss": 1.0})


# --- CSVLogger ----------------------------------------------------------------------------


def test_b5_csv_logger_writes_sorted_columns_per_epoch(tmp_path):
    path = tmp_path / "training.csv"
    x, y = make_data(16)
    history = fit(make_model(), x, y, epochs=2, batch_size=8, validation_data=(x, y),
                  callbacks=[callbacks.CSVLogger(path)])
    rows = path.read_bytes().decode().split("\r\n")
    assert rows[0] == "epoch,loss,val_loss" and rows[-1] == ""
    assert len(rows) == 4
    for epoch in range(2):
        assert rows[epoch + 1] == (f"{epoch},{history.history['loss'][epoch]!r},"
                                   f"{history.history['val_loss'][epoch]!r}")


def test_csv_logger_separator_append_and_na_val_columns(tmp_path):
    path = tmp_path / "log.tsv"
    for run in range(2):
        logger = callbacks.CSVLogger(str(path), separator="\t", append=True)
        logger.on_train_begin()
        logger.on_epoch_end(0, {"mae": 0.5 + run, "loss": 1.0, "name": "a,b",
                                "per_class": np.array([1, 2])})
        logger.on_train_end()
    assert path.read_bytes().decode().split("\r\n") == [
        "epoch\tloss\tmae\tname\tper_class\tval_loss\tval_mae\tval_name\tval_per_class",
        "0\t1.0\t0.5\ta,b\t[1, 2]\tNA\tNA\tNA\tNA",
        "0\t1.0\t1.5\ta,b\t[1, 2]\tNA\tNA\tNA\tNA", ""]
    callbacks.CSVLogger(str(path)).on_train_begin()
    assert path.read_text() == ""
