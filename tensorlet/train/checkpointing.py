"""`tf.train.Checkpoint`: saves and restores the variables of the objects it tracks."""

from __future__ import annotations

import os

import numpy as np

from ..core import dtypes
from ..core.variable import Variable
from . import checkpoint_io, object_graph, restore

__all__ = ["Checkpoint"]


def _not_trackable(name: str, value) -> ValueError:
    return ValueError(f"`Checkpoint` was expecting {name} to be a trackable object (an object "
                      f"derived from `Trackable`), got {value}. If you believe this object "
                      f"should be trackable (i.e. it is part of the TensorFlow Python API and "
                      f"manages state), please open an issue.")


class Checkpoint:
    """Groups trackable objects (variables, Keras models and optimizers, `tf.Module`s, other
    checkpoints) and saves or restores all their variables.

    Values are keyed by the path of attribute names from the checkpoint to each variable, so a
    checkpoint restores into a freshly built, equivalent program. Attributes set later
    (`ckpt.step = tf.Variable(1)`) are tracked too. Optimizer slots and layer weights created
    after `restore` receive their values when they are built.

    Args:
        root: an object whose children are tracked as the checkpoint's own.
        **kwargs: the objects to track, by name.

    Raises:
        ValueError: when a keyword argument is not trackable.

    Example:
        >>> import tempfile, tensorlet as tf
        >>> v = tf.Variable([1., 2.])
        >>> ckpt = tf.train.Checkpoint(v=v)
        >>> path = ckpt.save(tempfile.mkdtemp() + "/ckpt")
        >>> path.endswith("ckpt-1")
        True
        >>> _ = v.assign([0., 0.])
        >>> ckpt.restore(path).assert_consumed().__class__.__name__
        'CheckpointLoadStatus'
        >>> v.numpy()
        array([1., 2.], dtype=float32)
    """

    _tensorlet_checkpoint = True

    def __init__(self, root=None, **kwargs) -> None:
        object.__setattr__(self, "_children", {})
        object.__setattr__(self, "_save_counter", None)
        object.__setattr__(self, "_root", root)
        if root is not None and not object_graph.is_trackable(root):
            raise _not_trackable("root", root)
        for name, value in sorted(kwargs.items()):
            if not object_graph.is_trackable(value):
                raise _not_trackable(name, value)
            setattr(self, name, value)

    def __setattr__(self, name: str, value) -> None:
        object.__setattr__(self, name, value)
        if not name.startswith("_"):
            if object_graph.is_trackable(value):
                self._children[name] = value
            else:
                self._children.pop(name, None)

    def __delattr__(self, name: str) -> None:
        object.__delattr__(self, name)
        self._children.pop(name, None)

    def _checkpoint_children(self) -> dict:
        children = {}
        if self._root is not None:
            children.update(dict(object_graph._children(
                self._root, object_graph._kind(self._root))))
        children.update(self._children)
        if self._save_counter is not None:
            children["save_counter"] = self._save_counter
        return children

    @property
    def save_counter(self):
        """The number of `save` calls so far: an int64 Variable (made on first use)."""
        if self._save_counter is None:
            object.__setattr__(self, "_save_counter", Variable(
                0, dtype=dtypes.int64, trainable=False, name="save_counter"))
        return self._save_counter

    def write(self, file_prefix, options=None) -> str:
        """Writes the checkpoint at exactly `file_prefix` (no counter); returns `file_prefix`.

        Example:
            >>> import tempfile, tensorlet as tf
            >>> prefix = tempfile.mkdtemp() + "/weights"
            >>> tf.train.Checkpoint(v=tf.Variable(1.0)).write(prefix) == prefix
            True
        """
        file_prefix = os.fspath(file_prefix)
        variables, _ = object_graph.walk(self)
        values = {key: np.asarray(v.numpy()) for key, v in variables.items()}
        kinds = {key: v.dtype.name for key, v in variables.items()}
        checkpoint_io.write(file_prefix, values, kinds)
        return file_prefix

    def save(self, file_prefix, options=None) -> str:
        """Writes `<file_prefix>-<n>` (n: the incremented `save_counter`); returns that path.

        The directory's `checkpoint` state file then names it (see `tf.train.latest_checkpoint`).
        """
        counter = self.save_counter
        counter.assign_add(1)
        path = self.write(f"{os.fspath(file_prefix)}-{int(counter.numpy())}")
        directory = os.path.dirname(os.path.abspath(path))
        checkpoint_io.write_state(directory, path, [path])
        return path

    def read(self, save_path, options=None):
        """Restores the values saved by `write` (or `save`) at `save_path`.

        Returns:
            A status object (`assert_consumed()`, `assert_existing_objects_matched()`,
            `assert_nontrivial_match()`, `expect_partial()`).

        Raises:
            NotFoundError: when no checkpoint is at `save_path`.
            ValueError: when a saved value's shape differs from its variable's.
            InvalidArgumentError: when a saved value's dtype differs from its variable's.
        """
        self.save_counter  # noqa: B018 (created here so that it is restored too, as in TF)
        return restore.CheckpointLoadStatus(self, os.fspath(save_path))

    def restore(self, save_path, options=None):
        """Restores the checkpoint at `save_path`; `None` restores nothing (as TF).

        Returns:
            A status object, see `read`.

        Raises:
            NotFoundError: when no checkpoint is at `save_path`.
        """
        if save_path is None:
            return restore.InitializationOnlyStatus()
        try:
            return self.read(save_path)
        except checkpoint_io.errors.NotFoundError as error:
            raise type(error)(
                None, None, f"Error when restoring from checkpoint or SavedModel at "
                            f"{os.fspath(save_path)}: {error.message}\nPlease double-check "
                            f"that the path is correct. You may be missing the checkpoint "
                            f"suffix (e.g. the '-1' in 'path/to/ckpt-1').") from None

    def sync(self) -> None:
        """Waits for asynchronous saves: tensorlet saves synchronously."""
