"""`tf.device`: a device scope; every op runs on the CPU (soft placement, as TF without a GPU)."""

from __future__ import annotations

import contextlib

__all__ = ["device"]


@contextlib.contextmanager
def device(device_name):
    """Accepts any device string (`"/GPU:0"`, `"/cpu:0"`); ops inside still run on the CPU.

    Example:
        >>> import tensorlet as tf
        >>> with tf.device("/GPU:0"):
        ...     float(tf.constant(1.) + 1.)
        2.0
    """
    if device_name is not None and not isinstance(device_name, str):
        raise TypeError(f"tf.device expects a device string or None, got {device_name!r}")
    yield
