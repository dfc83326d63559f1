"""Readers for the file formats the datasets come in: IDX (MNIST's, often gzipped) and `.npz`.

IDX: two zero bytes, a type code (0x08 = uint8, ...), the number of dimensions, each dimension
as a big-endian uint32, then the values in C order, big-endian.
"""

from __future__ import annotations

import gzip
import struct

import numpy as np

__all__ = ["parse_idx", "read_idx", "read_npz"]

_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_GZIP_MAGIC = b"\x1f\x8b"


def parse_idx(data: bytes, name: str = "IDX data") -> np.ndarray:
    """Decodes the bytes of an IDX file into a (writable, native-endian) array.

    Args:
        data: the file's bytes, uncompressed.
        name: how error messages refer to the data (a file name).

    Returns:
        An array whose shape is the dimensions in the header.

    Raises:
        ValueError: the magic number is wrong or the data length disagrees with the header.

    Example:
        >>> parse_idx(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]))
        array([7, 8, 9], dtype=uint8)
    """
    if len(data) < 4 or data[0] or data[1] or data[2] not in _IDX_TYPES:
        raise ValueError(f"{name} is not an IDX file: its magic number is 0x{data[:4].hex()}, "
                         "expected two zero bytes, a type code (0x08 for uint8) and a rank")
    rank = data[3]
    header = 4 + 4 * rank
    if len(data) < header:
        raise ValueError(f"{name}: truncated IDX header ({len(data)} bytes for rank {rank})")
    dims = struct.unpack(f">{rank}I", data[4:header])
    dtype = np.dtype(_IDX_TYPES[data[2]])
    count = int(np.prod(dims, dtype=np.int64))
    if len(data) - header != count * dtype.itemsize:
        raise ValueError(f"{name}: the IDX header gives shape {dims} ({count * dtype.itemsize} "
                         f"bytes of values) but the file holds {len(data) - header} bytes")
    values = np.frombuffer(data, dtype, count=count, offset=header)
    return values.astype(dtype.newbyteorder("=")).reshape(dims)


def read_idx(path: str) -> np.ndarray:
    """Reads an IDX file, gzipped (`.gz`, as MNIST ships) or not.

    Args:
        path: the file's path.

    Returns:
        The array it holds.

    Raises:
        ValueError: the file is not a readable IDX file.

    Example:
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "labels-idx1-ubyte")
        >>> _ = open(path, "wb").write(bytes([0, 0, 8, 1, 0, 0, 0, 2, 4, 2]))
        >>> read_idx(path)
        array([4, 2], dtype=uint8)
    """
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise ValueError(f"{path} is not a readable gzip file ({error}); delete it and "
                             "load the dataset again to fetch a fresh copy") from None
    return parse_idx(data, path)


def read_npz(path: str, keys) -> tuple:
    """Reads the arrays named `keys` from a `.npz` file (never unpickling objects).

    Args:
        path: the file's path.
        keys: the names of the arrays to read, in the order returned.

    Returns:
        A tuple of arrays.

    Raises:
        ValueError: an array is missing.

    Example:
        >>> import os, tempfile, numpy as np
        >>> path = os.path.join(tempfile.mkdtemp(), "d.npz")
        >>> np.savez(path, x=np.zeros(2), y=np.ones(2))
        >>> read_npz(path, ("y",))
        (array([1., 1.]),)
    """
    with np.load(path, allow_pickle=False) as archive:
        missing = [key for key in keys if key not in archive.files]
        if missing:
            raise ValueError(f"{path} lacks the arrays {missing} (it holds {archive.files}); "
                             "delete it and load the dataset again to fetch a fresh copy")
        return tuple(archive[key] for key in keys)
