"""Summary writers: `tf.summary.create_file_writer` and the default-writer context.

A file writer appends TFRecord-framed `Event` protos to
`<logdir>/events.out.tfevents.<time>.<host>.<pid>.<n>.v2`, the file TensorBoard reads. It is
written with the standard library and NumPy only (C14, D11): no TensorFlow, no tensorboard,
no protobuf package.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import socket
import threading
import time
import weakref

import numpy as np

from . import _proto
from ._records import frame

__all__ = ["SummaryWriter", "create_file_writer", "create_noop_writer", "flush"]

_WRITER_NAME = "tensorlet.summary"
_file_counter = itertools.count()
_open_writers: weakref.WeakSet = weakref.WeakSet()


class _SummaryState(threading.local):
    """The thread's default writer, default step and recording condition (as in TF)."""

    def __init__(self) -> None:
        self.writer = None
        self.step = None
        self.condition = True


state = _SummaryState()


def host_array(value) -> np.ndarray:
    """`value` (a number, array, tensor or Variable) as a NumPy array."""
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value)


def as_step(step) -> int:
    """`step` (an int, NumPy integer, tensor or Variable) as a Python int."""
    return int(host_array(step))


class SummaryWriter:
    """The interface of summary writers (`tf.summary.SummaryWriter`).

    Example:
        >>> import tensorlet.summary as summary
        >>> isinstance(summary.create_noop_writer(), summary.SummaryWriter)
        True
    """

    # NOTE: False for the no-op writer: summary ops then return False, as in TF.
    records = True

    def set_as_default(self, step=None) -> None:
        """Makes this the default writer for summary ops (and `step` the default step)."""
        self._check_open()
        state.writer = self
        if step is not None:
            state.step = step

    @contextlib.contextmanager
    def as_default(self, step=None):
        """A context where summary ops write here; the writer is flushed on exit.

        Example:
            >>> import tempfile, tensorlet.summary as summary
            >>> writer = summary.create_file_writer(tempfile.mkdtemp())
            >>> with writer.as_default(step=3):
            ...     summary.scalar("loss", 0.5)
            True
        """
        self._check_open()
        previous_writer, previous_step = state.writer, state.step
        state.writer = self
        if step is not None:
            state.step = step
        try:
            yield self
        finally:
            state.writer = previous_writer
            if step is not None:
                state.step = previous_step
            self.flush()

    def init(self) -> None:
        """Kept for TF compatibility: writers are ready when created."""

    def flush(self) -> None:
        """Writes out buffered events."""

    def close(self) -> None:
        """Flushes and closes the writer; it may not be used afterwards."""

    def write_event(self, event: bytes) -> None:
        """Appends one serialized Event (summary ops call this)."""

    def _check_open(self) -> None:
        """Raises when the writer was closed."""


class _NoopWriter(SummaryWriter):
    """A writer that writes nothing (`tf.summary.create_noop_writer`)."""

    records = False


class _FileWriter(SummaryWriter):
    """Appends events to one event file, buffering up to `max_queue` events or `flush_millis`."""

    def __init__(self, logdir: str, max_queue: int, flush_millis: int, suffix: str) -> None:
        os.makedirs(logdir, exist_ok=True)
        name = (f"events.out.tfevents.{int(time.time())}.{socket.gethostname()}."
                f"{os.getpid()}.{next(_file_counter)}{suffix}")
        self.path = os.path.join(logdir, name)
        self._max_queue = max(1, int(max_queue))
        self._flush_seconds = flush_millis / 1000.0
        self._queue: list = []
        self._closed = False
        self._last_flush = time.monotonic()
        header = _proto.event(time.time(), file_version="brain.Event:2", writer=_WRITER_NAME)
        with open(self.path, "wb") as f:
            f.write(frame(header))
        _open_writers.add(self)

    def __repr__(self) -> str:
        return f"<SummaryWriter {self.path!r}>"

    def write_event(self, event: bytes) -> None:
        self._check_open()
        self._queue.append(frame(event))
        if (len(self._queue) >= self._max_queue
                or time.monotonic() - self._last_flush >= self._flush_seconds):
            self.flush()

    def flush(self) -> None:
        if self._queue:
            with open(self.path, "ab") as f:
                f.write(b"".join(self._queue))
            self._queue.clear()
        self._last_flush = time.monotonic()

    def close(self) -> None:
        if not self._closed:
            self.flush()
            self._closed = True
            _open_writers.discard(self)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"SummaryWriter {self!r} is already closed")


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None,
                       name=None, experimental_trackable=False, experimental_mesh=None):
    """Creates a summary writer for the event file of a TensorBoard log directory.

    Args:
        logdir: the directory (created if needed); TensorBoard's `--logdir` or a subdirectory.
        max_queue: events buffered before writing to disk (default 10).
        flush_millis: longest time events stay buffered, in milliseconds (default 120000).
        filename_suffix: the event file name's suffix (default ".v2").
        name, experimental_trackable, experimental_mesh: accepted for TF compatibility.

    Returns:
        A `SummaryWriter`; use it with `as_default()` or `set_as_default()`.

    Example:
        >>> import os, tempfile, tensorlet.summary as summary
        >>> logdir = tempfile.mkdtemp()
        >>> writer = summary.create_file_writer(logdir)
        >>> os.listdir(logdir)[0].startswith("events.out.tfevents.")
        True
    """
    del name, experimental_trackable, experimental_mesh
    return _FileWriter(os.fspath(logdir), 10 if max_queue is None else max_queue,
                       120000 if flush_millis is None else flush_millis,
                       ".v2" if filename_suffix is None else filename_suffix)


def create_noop_writer():
    """A writer whose summaries go nowhere.

    Example:
        >>> import tensorlet.summary as summary
        >>> with summary.create_noop_writer().as_default(step=1):
        ...     summary.scalar("x", 1.0)
        False
    """
    return _NoopWriter()


def flush(writer=None, name=None) -> None:
    """Flushes `writer`, or the default writer when None.

    Example:
        >>> import tensorlet.summary as summary
        >>> summary.flush()
    """
    del name
    writer = writer if writer is not None else state.writer
    if writer is not None:
        writer.flush()


@atexit.register
def _flush_open_writers() -> None:
    for writer in list(_open_writers):
        writer.flush()
