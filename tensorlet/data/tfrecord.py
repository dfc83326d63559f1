"""`TFRecordDataset`: the records of TFRecord files, one scalar string element each."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import to_array
from ..core.errors import InvalidArgumentError
from ..core.spec import TensorSpec
from ..core.tensor import Tensor, wrap
from ..io import tfrecord
from ..ops import io_ops
from . import sources, structure, transform
from .dataset import UNKNOWN_CARDINALITY, Dataset

__all__ = ["TFRecordDataset"]

_STRING = TensorSpec([], dtypes.string)


def _scalar(value: bytes) -> np.ndarray:
    arr = np.empty((), dtype=object)
    arr[()] = value
    return arr


class TFRecordDataset(Dataset):
    """The records of one or more TFRecord files, in order (files interleaved with
    `num_parallel_reads`).

    Args:
        filenames: a file name, a list of names, a string tensor or a dataset of names.
        compression_type: "" or None, "GZIP" or "ZLIB".
        buffer_size: accepted for compatibility.
        num_parallel_reads: read this many files at a time, interleaving their records.

    Raises:
        NotFoundError: (when iterated) for a missing file, naming it.
        DataLossError: (when iterated) for a corrupted or truncated record.

    Example:
        >>> import tensorlet as tf, tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "a.tfrecord")
        >>> with tf.io.TFRecordWriter(path) as writer:
        ...     writer.write(b"spam")
        ...     writer.write(b"eggs")
        >>> [record.numpy() for record in tf.data.TFRecordDataset([path])]
        [b'spam', b'eggs']
    """

    _tf_name = "TFRecordDatasetV2"

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None) -> None:
        self._structure = _STRING
        try:
            self._compression = tfrecord.compression_name(compression_type)
        except ValueError:
            raise InvalidArgumentError(None, None, f"Unsupported compression type: "
                                                   f"{compression_type}") from None
        if structure.is_dataset(filenames):
            self._files = filenames
        elif isinstance(filenames, Tensor) and not hasattr(filenames, "_value"):
            self._files = None  # a symbolic name, while a function is traced
        else:
            names = to_array(filenames, dtypes.string)
            if names.ndim > 1:
                raise InvalidArgumentError(None, None, "`filenames` must be a scalar or a "
                                                       "vector of strings.")
            self._files = sources.TensorSliceDataset(wrap(names.reshape(-1)))
        self._parallel = num_parallel_reads

    def _card(self) -> int:
        return UNKNOWN_CARDINALITY

    def _records(self, filename: str):
        data = io_ops.read_bytes(filename, "IteratorGetNext")
        for record in tfrecord.iter_records(tfrecord.decompress(data, self._compression)):
            yield (_scalar(record),)

    def _iter_flat(self):
        if self._files is None:
            raise TypeError("This TFRecordDataset was built from a symbolic file name of a "
                            "traced function and cannot be iterated.")
        names = (leaves[0][()].decode("utf-8") for leaves in self._files._iter_flat())
        if not self._parallel or self._parallel in (1, -1):
            for filename in names:
                yield from self._records(filename)
            return
        yield from transform.interleave(names, self._records, int(self._parallel), 1)
