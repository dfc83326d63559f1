"""`tf.train.CheckpointManager`: numbered checkpoints in a directory, keeping the newest few."""

from __future__ import annotations

import os
import time

from . import checkpoint_io

__all__ = ["CheckpointManager"]


class CheckpointManager:
    """Saves `checkpoint` as `<directory>/<checkpoint_name>-<n>` and deletes old checkpoints.

    The directory's `checkpoint` state file lists the checkpoints kept, so a new manager on the
    same directory finds them again (`checkpoints`, `latest_checkpoint`).

    Args:
        checkpoint: the `tf.train.Checkpoint` to save.
        directory: where to write checkpoints.
        max_to_keep: how many to keep (the newest); None keeps all.
        keep_checkpoint_every_n_hours: also keep one checkpoint per this many hours.
        checkpoint_name: the files' prefix ("ckpt").
        step_counter, checkpoint_interval: with both, `save` skips unless the step counter
            moved at least `checkpoint_interval` steps since the last save.
        init_fn: called by `restore_or_initialize` when there is no checkpoint.

    Raises:
        ValueError: when `max_to_keep` is not a positive integer or None.

    Example:
        >>> import os, tempfile, tensorlet as tf
        >>> ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
        >>> manager = tf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=2)
        >>> paths = [manager.save() for _ in range(3)]
        >>> [os.path.basename(p) for p in manager.checkpoints]
        ['ckpt-2', 'ckpt-3']
    """

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt", step_counter=None, checkpoint_interval=None,
                 init_fn=None) -> None:
        if max_to_keep is not None and (isinstance(max_to_keep, bool) or max_to_keep <= 0):
            raise ValueError(f"Expected a positive integer or `None` for `max_to_keep`, got "
                             f"{max_to_keep}.")
        if checkpoint_interval is not None and step_counter is None:
            raise ValueError("`step_counter` should be passed if `checkpoint_interval` is not "
                             "None.")
        self._checkpoint = checkpoint
        self._directory = os.fspath(directory)
        self._max_to_keep = max_to_keep
        self._keep_hours = keep_checkpoint_every_n_hours
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._step_counter = step_counter
        self._interval = checkpoint_interval
        self._init_fn = init_fn
        self._last_step = None
        state = checkpoint_io.read_state(self._directory)
        self._kept: list = []  # (path, timestamp)
        self._last_preserved = time.time()
        if state is not None:
            paths = state["all_model_checkpoint_paths"]
            stamps = state["all_model_checkpoint_timestamps"]
            if len(stamps) != len(paths):
                stamps = [self._last_preserved] * len(paths)
            self._kept = list(zip(paths, stamps))
            if state["last_preserved_timestamp"] is not None:
                self._last_preserved = state["last_preserved_timestamp"]

    @property
    def directory(self) -> str:
        """The directory of the checkpoints."""
        return self._directory

    @property
    def checkpoint(self):
        """The managed `tf.train.Checkpoint`."""
        return self._checkpoint

    @property
    def checkpoints(self) -> list:
        """The paths of the checkpoints kept, oldest first."""
        return [path for path, _ in self._kept]

    @property
    def latest_checkpoint(self):
        """The path of the newest checkpoint, or None."""
        return self._kept[-1][0] if self._kept else None

    @property
    def checkpoint_interval(self):
        return self._interval

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        """Saves a new checkpoint, deletes those beyond `max_to_keep`; returns its path.

        Args:
            checkpoint_number: the file's number (default: the checkpoint's `save_counter`,
                which is incremented either way).
            check_interval: with `checkpoint_interval`, whether to skip a too-early save.

        Returns:
            The path of the checkpoint, or None when the save was skipped.
        """
        if self._interval is not None and check_interval:
            step = int(self._step_counter.numpy())
            if self._last_step is not None and step < self._last_step + self._interval:
                return None
            self._last_step = step
        counter = self._checkpoint.save_counter
        counter.assign_add(1)
        number = int(counter.numpy()) if checkpoint_number is None else int(checkpoint_number)
        path = self._checkpoint.write(f"{self._prefix}-{number}")
        self._kept = [(p, t) for p, t in self._kept if p != path] + [(path, time.time())]
        self._sweep()
        checkpoint_io.write_state(self._directory, path, self.checkpoints,
                                  [t for _, t in self._kept], self._last_preserved)
        return path

    def _sweep(self) -> None:
        """Deletes the oldest checkpoints beyond `max_to_keep` (except those kept by age)."""
        if self._max_to_keep is None:
            return
        while len(self._kept) > self._max_to_keep:
            path, stamp = self._kept.pop(0)
            if self._keep_hours is not None and \
                    stamp - self._last_preserved >= self._keep_hours * 3600:
                self._last_preserved = stamp
                continue
            for suffix in (".index", checkpoint_io.DATA_SUFFIX):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)

    def restore_or_initialize(self):
        """Restores the latest checkpoint and returns its path, else calls `init_fn` (None)."""
        if self.latest_checkpoint is not None:
            self._checkpoint.restore(self.latest_checkpoint)
            return self.latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None
