"""`tf.keras.callbacks.TensorBoard` (B5, C14, D11): event files with no extra dependency.

Written like Keras 3 on TF 2.21, with `tensorlet.summary` (standard library and NumPy only):

    <log_dir>/train/events.out.tfevents...       epoch_<name> at step = epoch (0-based),
                                                 epoch_learning_rate, batch_<name> at
                                                 step = global batch (update_freq), weight
                                                 histograms "<weight path>/histogram"
                                                 (histogram_freq), the model's JSON ("keras",
                                                 TensorBoard's graph tab; write_graph)
    <log_dir>/validation/events.out.tfevents...  epoch_<name> for the val_ entries (prefix
                                                 removed), evaluation_<name>_vs_iterations at
                                                 step = optimizer.iterations
"""

from __future__ import annotations

import os
import time
import warnings

from ... import summary
from ...summary import summary_ops
from .callback import Callback, use_default_hooks
from .learning_rate_scheduler import to_float

__all__ = ["TensorBoard"]


def _scalar_items(logs):
    """The (name, float) pairs of `logs` that are real scalars."""
    for name, value in (logs or {}).items():
        try:
            yield name, to_float(value)
        except (TypeError, ValueError):
            continue


class TensorBoard(Callback):
    """Writes TensorBoard logs: metrics per epoch (and per batch), weight histograms.

    Args:
        log_dir: the directory to pass to `tensorboard --logdir`.
        histogram_freq: write weight histograms every this many epochs (0: never).
        write_graph: write the model's architecture (TensorBoard's graph tab, Keras view).
        write_steps_per_second: also log `batch_steps_per_second` / `epoch_steps_per_second`.
        update_freq: "epoch", "batch" (every batch) or an integer number of batches between
            `batch_<name>` values.
        write_images, profile_batch, embeddings_freq, embeddings_metadata: accepted for
            compatibility; images, profiling and embeddings are not written (a warning says so).

    Example:
        >>> import os, tempfile
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> board = tf.keras.callbacks.TensorBoard(tempfile.mkdtemp())
        >>> board.set_model(model); board.on_train_begin()
        >>> board.on_epoch_end(0, {"loss": 0.5, "val_loss": 0.75}); board.on_train_end()
        >>> sorted(os.listdir(board.log_dir))
        ['train', 'validation']
    """

    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0,
                 embeddings_freq=0, embeddings_metadata=None) -> None:
        super().__init__()
        unsupported = [name for name, value in (("write_images", write_images),
                                                ("profile_batch", profile_batch),
                                                ("embeddings_freq", embeddings_freq),
                                                ("embeddings_metadata", embeddings_metadata))
                       if value]
        if unsupported:
            warnings.warn(f"TensorBoard: {', '.join(unsupported)} are not supported by "
                          f"tensorlet and are ignored.", stacklevel=2)
        if update_freq != "epoch" and update_freq != "batch" and not (
                isinstance(update_freq, int) and update_freq > 0):
            raise ValueError(f"TensorBoard: update_freq must be 'epoch', 'batch' or a positive "
                             f"integer. Received: update_freq={update_freq!r}")
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self._writers: dict = {}
        self._global_train_batch = 0
        self._batch_start_time = 0.0
        self._epoch_start = (0.0, 0)
        use_default_hooks(self, ("on_train_batch_begin", "on_train_batch_end"),
                          self.update_freq == "epoch" and not write_steps_per_second)

    # --- writers ---------------------------------------------------------------------------

    def _writer(self, kind: str):
        if kind not in self._writers:
            self._writers[kind] = summary.create_file_writer(os.path.join(self.log_dir, kind))
        return self._writers[kind]

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def set_model(self, model) -> None:
        super().set_model(model)
        self._close_writers()
        if self.write_graph and hasattr(model, "to_json"):
            with self._writer("train").as_default(step=0):
                summary_ops.keras_model_summary("keras", model)

    def _scalars(self, kind: str, items, step, prefix="", suffix="") -> None:
        with self._writer(kind).as_default(step=step):
            for name, value in items:
                summary.scalar(f"{prefix}{name}{suffix}", value)

    # --- hooks -----------------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._global_train_batch = 0

    def on_train_end(self, logs=None):
        self._close_writers()

    def on_train_batch_begin(self, batch, logs=None):
        self._global_train_batch += 1
        if self.write_steps_per_second:
            self._batch_start_time = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        if self.update_freq == "epoch" or self._global_train_batch % self.update_freq:
            return
        items = list(_scalar_items(logs))
        if self.write_steps_per_second:
            elapsed = max(time.perf_counter() - self._batch_start_time, 1e-12)
            items.append(("steps_per_second", 1.0 / elapsed))
        self._scalars("train", items, self._global_train_batch, prefix="batch_")

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_start = (time.perf_counter(), self._global_train_batch)

    def on_test_end(self, logs=None):
        iterations = getattr(getattr(self.model, "optimizer", None), "iterations", None)
        if iterations is not None and logs:
            self._scalars("validation", _scalar_items(logs), int(to_float(iterations)),
                          prefix="evaluation_", suffix="_vs_iterations")

    def on_epoch_end(self, epoch, logs=None):
        items = list(_scalar_items(logs))
        train = [(name, value) for name, value in items if not name.startswith("val_")]
        learning_rate = getattr(getattr(self.model, "optimizer", None), "learning_rate", None)
        if learning_rate is not None and all(name != "learning_rate" for name, _ in train):
            train.append(("learning_rate", to_float(learning_rate)))
        if self.write_steps_per_second:
            start, start_batch = self._epoch_start
            seconds = max(time.perf_counter() - start, 1e-12)
            train.append(("steps_per_second", (self._global_train_batch - start_batch) / seconds))
        self._scalars("train", train, epoch, prefix="epoch_")
        validation = [(name[4:], value) for name, value in items if name.startswith("val_")]
        if validation:
            self._scalars("validation", validation, epoch, prefix="epoch_")
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._histograms(epoch)

    def _histograms(self, epoch) -> None:
        with self._writer("train").as_default(step=epoch):
            for layer in getattr(self.model, "layers", []):
                for weight in layer.weights:
                    name = getattr(weight, "path", None) or weight.name
                    summary.histogram(f"{name.replace(':', '_')}/histogram", weight)
