"""Files: `TextLineDataset` (one string element per line) and `Dataset.list_files`.

Each line remembers its file and line number, so an error raised for it later in the pipeline
(a malformed CSV line given to `tf.io.decode_csv` in `map`) names the file and the line.
"""

from __future__ import annotations

import glob
import gzip
import zlib

import numpy as np

from ..core import dtypes
from ..core.convert import to_array
from ..core.errors import InvalidArgumentError
from ..core.spec import TensorSpec
from ..core.tensor import Tensor, wrap
from ..ops import io_ops
from . import sources, structure, transform
from .dataset import UNKNOWN_CARDINALITY, Dataset
from .functions import SourcedTuple

__all__ = ["TextLineDataset", "list_files", "file_names"]

_STRING = TensorSpec([], dtypes.string)


def file_names(filenames) -> list:
    """File names given as a string, a list of strings or a string tensor, as `str`."""
    arr = to_array(filenames, dtypes.string)
    if arr.ndim > 1:
        raise InvalidArgumentError(None, None, "`filenames` must be a scalar or a vector of "
                                               "strings.")
    return [b.decode("utf-8") for b in arr.reshape(-1)]


def _decompress(data: bytes, compression: str, filename: str) -> bytes:
    try:
        if compression == "GZIP":
            return gzip.decompress(data)
        if compression == "ZLIB":
            return zlib.decompress(data)
    except (OSError, zlib.error, EOFError) as exc:
        raise InvalidArgumentError(None, None, f"{filename}: cannot decompress as "
                                               f"{compression}: {exc}") from None
    return data


def _scalar(value: bytes) -> np.ndarray:
    arr = np.empty((), dtype=object)
    arr[()] = value
    return arr


class TextLineDataset(Dataset):
    """The lines of one or more text files (without their `\\n` or `\\r\\n`), in order.

    Args:
        filenames: a file name, a list of names, a string tensor or a dataset of names.
        compression_type: "" or None, "GZIP" or "ZLIB".
        buffer_size: accepted for compatibility.
        num_parallel_reads: read this many files at a time, interleaving their lines.

    Raises:
        NotFoundError: (when iterated) for a missing file, naming it.

    Example:
        >>> import tensorlet as tf, tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "a.csv")
        >>> _ = open(path, "w").write("x,y\\n1,2\\n")
        >>> [line.numpy() for line in tf.data.TextLineDataset(path).skip(1)]
        [b'1,2']
    """

    _tf_name = "TextLineDatasetV2"

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None) -> None:
        self._structure = _STRING
        self._compression = (compression_type or "").upper()
        if self._compression not in ("", "GZIP", "ZLIB"):
            raise InvalidArgumentError(None, None, f"Unsupported compression type: "
                                                   f"{compression_type}")
        if structure.is_dataset(filenames):
            self._files = filenames
        elif isinstance(filenames, Tensor) and not hasattr(filenames, "_value"):
            self._files = None  # a symbolic name, while a function is traced
        else:
            names = to_array(filenames, dtypes.string).reshape(-1)
            self._files = sources.TensorSliceDataset(wrap(names))
        self._parallel = num_parallel_reads

    def _card(self) -> int:
        return UNKNOWN_CARDINALITY

    def _lines(self, filename: str):
        data = _decompress(io_ops.read_bytes(filename, "IteratorGetNext"), self._compression,
                           filename)
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        for number, line in enumerate(lines, 1):
            element = SourcedTuple((_scalar(line[:-1] if line.endswith(b"\r") else line),))
            element.source = (filename, number)
            yield element

    def _iter_flat(self):
        if self._files is None:
            raise TypeError("This TextLineDataset was built from a symbolic file name of a "
                            "traced function and cannot be iterated.")
        names = (leaves[0][()].decode("utf-8") for leaves in self._files._iter_flat())
        if not self._parallel or self._parallel in (1, -1):
            for filename in names:
                yield from self._lines(filename)
            return
        yield from transform.interleave(names, self._lines, int(self._parallel), 1)


def list_files(file_pattern, shuffle=None, seed=None):
    """`Dataset.list_files`: the sorted names matching the glob pattern(s), shuffled unless
    `shuffle=False`."""
    patterns = file_names(file_pattern)
    matches = []
    for pattern in patterns:
        matches.extend(sorted(glob.glob(pattern)))
    if not matches:
        raise InvalidArgumentError(None, None, f"Expected 'tf.Tensor(False, shape=(), "
                                               f"dtype=bool)' to be true. Summarized data: "
                                               f"b'No files matched pattern: "
                                               f"{', '.join(patterns)}'")
    files = sources.TensorSliceDataset(to_array(matches, dtypes.string))
    if shuffle is False:
        return files
    from . import shuffling

    return shuffling.ShuffleDataset(files, len(matches), seed)
