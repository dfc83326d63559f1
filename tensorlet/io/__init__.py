"""`tf.io`: reading files and parsing records (`read_file`, `decode_csv`).

Example:
    >>> import tensorlet as tf
    >>> [t.numpy() for t in tf.io.decode_csv("3,2.5,x", record_defaults=[0, 0.0, ""])]
    [np.int32(3), np.float32(2.5), b'x']
"""

from ..ops.io_ops import decode_csv, read_file

__all__ = ["decode_csv", "read_file"]
