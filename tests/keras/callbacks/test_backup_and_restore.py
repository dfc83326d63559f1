"""BackupAndRestore (B5, issue #6 item 4): a killed training resumes with no finished epoch lost."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tensorlet.keras import callbacks

from ._loop import fit, make_data, make_model

ROOT = Path(__file__).resolve().parents[3]


def _run_script(*args):
    result = subprocess.run([sys.executable, "-m", "tests.keras.callbacks._backup_script",
                             *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    return result


def _load(path):
    with np.load(path) as npz:
        return list(npz["epochs"]), [npz[f"arr_{i}"] for i in range(4)]


def test_b5_killed_training_resumes_from_the_last_epoch_bit_identically(tmp_path):
    reference = _run_script(tmp_path / "ref.npz", "-", "epoch")
    assert reference.returncode == 0, reference.stderr
    ref_epochs, ref_weights = _load(tmp_path / "ref.npz")
    assert ref_epochs == [0, 1, 2, 3]

    backup_dir = tmp_path / "backup"
    killed = _run_script(tmp_path / "killed.npz", backup_dir, "epoch", 2, 1)
    assert killed.returncode == -signal.SIGKILL
    assert not (tmp_path / "killed.npz").exists()
    metadata = callbacks.BackupAndRestore(backup_dir).read_metadata()
    assert metadata["epoch"] == 2  # epochs 0 and 1 finished before the kill in epoch 2

    resumed = _run_script(tmp_path / "resumed.npz", backup_dir, "epoch")
    assert resumed.returncode == 0, resumed.stderr
    epochs, weights = _load(tmp_path / "resumed.npz")
    assert epochs == [2, 3]
    for got, expected in zip(weights, ref_weights):
        np.testing.assert_array_equal(got, expected)  # weights AND optimizer state restored
    assert not backup_dir.exists()  # delete_checkpoint=True after a normal end


def test_b5_mid_epoch_backup_reruns_only_the_unfinished_epoch(tmp_path):
    backup_dir = tmp_path / "backup"
    killed = _run_script(tmp_path / "killed.npz", backup_dir, 2, 1, 1)
    assert killed.returncode == -signal.SIGKILL
    # 3 batches per epoch, a backup every 2 batches (after epoch 0's batch 1, then epoch 1's
    # batch 0): the kill after epoch 1's batch 1 finds the second one
    assert callbacks.BackupAndRestore(backup_dir).read_metadata() == {
        "epoch": 1, "batch": 0, "format": 1}
    resumed = _run_script(tmp_path / "resumed.npz", backup_dir, 2)
    assert resumed.returncode == 0, resumed.stderr
    assert _load(tmp_path / "resumed.npz")[0] == [1, 2, 3]


def test_backup_file_holds_weights_optimizer_state_and_progress(tmp_path):
    model = make_model()
    x, y = make_data(16)
    backup = callbacks.BackupAndRestore(tmp_path / "b", delete_checkpoint=False)
    fit(model, x, y, epochs=2, batch_size=8, callbacks=[backup])
    assert os.listdir(tmp_path / "b") == ["latest.backup.npz"]
    with np.load(tmp_path / "b" / "latest.backup.npz", allow_pickle=False) as npz:
        names = set(npz.files)
        metadata = json.loads(str(npz["metadata"]))
        iterations = int(npz["optimizer/0"])
        kernel = npz["model/0"]
    assert metadata == {"epoch": 2, "batch": 0, "format": 1}
    assert {"model/0", "model/1", "model/2", "model/3"} <= names
    optimizer_names = {n for n in names if n.startswith("optimizer/")}
    assert len(optimizer_names) == len(model.optimizer.variables) == 6  # it, lr, 4 momentums
    assert iterations == 4
    np.testing.assert_array_equal(kernel, model.get_weights()[0])


def test_restore_in_process_sets_initial_epoch_weights_and_optimizer(tmp_path):
    x, y = make_data(16)
    trained = make_model()
    fit(trained, x, y, epochs=3, batch_size=8,
        callbacks=[callbacks.BackupAndRestore(tmp_path, delete_checkpoint=False)])
    fresh = make_model(seed=9)
    backup = callbacks.BackupAndRestore(tmp_path)
    backup.set_model(fresh)
    backup.on_train_begin()
    assert fresh._initial_epoch == 3
    for got, expected in zip(fresh.get_weights(), trained.get_weights()):
        np.testing.assert_array_equal(got, expected)
    for got, expected in zip(fresh.optimizer.variables, trained.optimizer.variables):
        np.testing.assert_array_equal(got.numpy(), expected.numpy())
    history = fit(fresh, x, y, epochs=3, batch_size=8, callbacks=[backup])
    assert history.epoch == []  # nothing left to train
    assert not tmp_path.exists()


def test_double_checkpoint_falls_back_to_the_previous_backup(tmp_path):
    x, y = make_data(16)
    fit(make_model(), x, y, epochs=2, batch_size=8,
        callbacks=[callbacks.BackupAndRestore(tmp_path, double_checkpoint=True,
                                              delete_checkpoint=False)])
    assert sorted(os.listdir(tmp_path)) == ["latest.backup.npz", "latest.backup.npz.bkp"]
    (tmp_path / "latest.backup.npz").write_bytes(b"torn")
    model = make_model()
    backup = callbacks.BackupAndRestore(tmp_path)
    backup.set_model(model)
    with pytest.warns(UserWarning, match="BackupAndRestore: cannot read"):
        backup.on_train_begin()
    assert model._initial_epoch == 1


def test_backup_and_restore_argument_errors_and_unbuilt_model(tmp_path):
    with pytest.raises(ValueError, match="Empty `backup_dir` argument passed"):
        callbacks.BackupAndRestore("")
    with pytest.raises(ValueError, match="Invalid value for argument `save_freq`"):
        callbacks.BackupAndRestore(tmp_path, save_freq="batch")
    x, y = make_data(8)
    fit(make_model(), x, y, epochs=1, batch_size=8,
        callbacks=[callbacks.BackupAndRestore(tmp_path, delete_checkpoint=False)])

    class Unbuilt:
        built = False

    backup = callbacks.BackupAndRestore(tmp_path)
    backup.set_model(Unbuilt())
    with pytest.raises(ValueError, match="your model must be built before you call `fit\\(\\)`"):
        backup.on_train_begin()
