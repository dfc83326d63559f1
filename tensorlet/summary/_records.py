"""TFRecord framing: how event files (and `.tfrecord` files) store a sequence of byte strings.

Each record is `uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)`,
all little-endian.
"""

from __future__ import annotations

import struct

from ._crc32c import masked_crc32c

__all__ = ["frame"]


def frame(data: bytes) -> bytes:
    """`data` framed as one TFRecord.

    Example:
        >>> record = frame(b"abc")
        >>> len(record), record[12:15]
        (19, b'abc')
    """
    length = struct.pack("<Q", len(data))
    return (length + struct.pack("<I", masked_crc32c(length)) + data
            + struct.pack("<I", masked_crc32c(data)))
