"""`tf.io`: reading files and parsing records (`read_file`, `decode_csv`, TFRecord files,
`tf.train.Example` parsing).

Example:
    >>> import tensorlet as tf
    >>> [t.numpy() for t in tf.io.decode_csv("3,2.5,x", record_defaults=[0, 0.0, ""])]
    [np.int32(3), np.float32(2.5), b'x']
"""

from ..ops.io_ops import decode_csv, read_file
from .parsing import (
    FixedLenFeature,
    RaggedFeature,
    VarLenFeature,
    parse_example,
    parse_single_example,
)
from .tfrecord import TFRecordOptions, TFRecordWriter

__all__ = ["FixedLenFeature", "RaggedFeature", "TFRecordOptions", "TFRecordWriter",
           "VarLenFeature", "decode_csv", "parse_example", "parse_single_example", "read_file"]
