"""`tf.keras.callbacks.BackupAndRestore` (B5): resume a `fit` that was killed.

The backup is ONE file, `<backup_dir>/latest.backup.npz`, replaced atomically (written to a
temporary file, then renamed), so a kill at any moment leaves either the previous backup or
the new one, never a torn mix of weights and progress. It holds:

    model/0, model/1, ...          `model.get_weights()`
    optimizer/0, optimizer/1, ...  `model.optimizer.variables` (iterations, learning rate, slots)
    metadata                       JSON: {"epoch": E, "batch": B, "format": 1}

`epoch` is the first epoch to run when resuming: after an epoch ends it is that epoch + 1 (the
finished epoch is never repeated); a backup made every N batches stores the running epoch,
which is then run again from its first batch, starting from the saved weights. Arrays are read
with `allow_pickle=False`.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import warnings

import numpy as np

from .callback import Callback

__all__ = ["BackupAndRestore"]

_FORMAT = 1


def _atomic_write(path: str, data: bytes) -> None:
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


class BackupAndRestore(Callback):
    """Backs up the model and optimizer during `fit`; a new `fit` resumes from the backup.

    Args:
        backup_dir: the directory for the backup (one per training run).
        save_freq: "epoch" (after every epoch) or an integer number of batches.
        double_checkpoint: also keep the previous backup, used if the latest is unreadable.
        delete_checkpoint: delete `backup_dir` when `fit` finishes normally.

    What `fit` must do (see `CallbackList`): build the model before `on_train_begin`, then
    start at `model._initial_epoch` when it is set.

    Example:
        >>> import os, tempfile
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> backup = tf.keras.callbacks.BackupAndRestore(tempfile.mkdtemp())
        >>> backup.set_model(model); backup.on_train_begin(); backup.on_epoch_end(0)
        >>> os.listdir(backup.backup_dir), backup.read_metadata()["epoch"]
        (['latest.backup.npz'], 1)
    """

    def __init__(self, backup_dir, save_freq="epoch", double_checkpoint=False,
                 delete_checkpoint=True) -> None:
        super().__init__()
        if not backup_dir:
            raise ValueError("Empty `backup_dir` argument passed")
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(f"Invalid value for argument `save_freq`. Received: "
                             f"save_freq={save_freq}. Expected either 'epoch' or an integer "
                             f"value.")
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self.path = os.path.join(self.backup_dir, "latest.backup.npz")
        self.previous_path = f"{self.path}.bkp"
        self._current_epoch = 0
        self._last_batch_seen = 0
        self._batches_seen_since_last_saving = 0

    # --- restoring -------------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        for path in (self.path, self.previous_path):
            if not os.path.exists(path):
                continue
            try:
                arrays, metadata = self._read(path)
            except (OSError, ValueError, KeyError) as error:
                warnings.warn(f"BackupAndRestore: cannot read {path} ({error}).", stacklevel=2)
                continue
            self._restore(arrays, metadata)
            return

    def read_metadata(self, path=None) -> dict:
        """The progress recorded in the backup: `{"epoch": E, "batch": B, "format": 1}`."""
        return self._read(path or self.path)[1]

    @staticmethod
    def _read(path: str):
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        metadata = json.loads(str(arrays.pop("metadata")))
        if metadata.get("format") != _FORMAT:
            raise ValueError(f"unknown backup format {metadata.get('format')!r}")
        return arrays, metadata

    def _restore(self, arrays: dict, metadata: dict) -> None:
        model = self.model
        if not getattr(model, "built", True):
            raise ValueError(f"To use the BackupAndRestore callback, your model must be built "
                             f"before you call `fit()`. Model {model} is unbuilt. You can "
                             f"build it beforehand by calling it on a batch of data.")
        model.set_weights(_group(arrays, "model"))
        saved = _group(arrays, "optimizer")
        optimizer = getattr(model, "optimizer", None)
        if saved and optimizer is not None and not isinstance(optimizer, str):
            if not getattr(optimizer, "built", True):
                optimizer.build(model.trainable_variables)
            variables = list(optimizer.variables)
            if len(variables) != len(saved):
                warnings.warn(f"BackupAndRestore: the optimizer has {len(variables)} variables "
                              f"but the backup has {len(saved)}; its state is not restored.",
                              stacklevel=3)
            else:
                for variable, value in zip(variables, saved):
                    variable.assign(value)
        model._initial_epoch = metadata["epoch"]

    # --- saving ----------------------------------------------------------------------------

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        self._current_epoch = epoch + 1
        self._last_batch_seen = 0
        if self.save_freq == "epoch":
            self._save()

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        added = batch + 1 if batch <= self._last_batch_seen else batch - self._last_batch_seen
        self._batches_seen_since_last_saving += added
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            self._save()

    def _save(self) -> None:
        os.makedirs(self.backup_dir, exist_ok=True)
        entries = {f"model/{i}": w for i, w in enumerate(self.model.get_weights())}
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None and not isinstance(optimizer, str):
            entries.update((f"optimizer/{i}", np.asarray(v.numpy()))
                           for i, v in enumerate(optimizer.variables))
        metadata = {"epoch": self._current_epoch, "batch": self._last_batch_seen,
                    "format": _FORMAT}
        buffer = io.BytesIO()
        np.savez(buffer, metadata=np.array(json.dumps(metadata)), **entries)
        if self.double_checkpoint and os.path.exists(self.path):
            os.replace(self.path, self.previous_path)
        _atomic_write(self.path, buffer.getvalue())

    def on_train_end(self, logs=None):
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir)


def _group(arrays: dict, prefix: str) -> list:
    """The arrays `prefix/0`, `prefix/1`... in order."""
    count = sum(1 for name in arrays if name.startswith(prefix + "/"))
    return [arrays[f"{prefix}/{i}"] for i in range(count)]
