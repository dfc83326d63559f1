"""CRC32C (Castagnoli), the checksum of TFRecord files, and TFRecord's masked form.

The checksum runs "slicing by 8": eight 256-entry tables (built once with NumPy) let each step
consume eight bytes with eight table look-ups, about eight times fewer Python steps than the
byte-at-a-time loop. Enough for the small files tensorlet writes and reads.
"""

from __future__ import annotations

import numpy as np

__all__ = ["crc32c", "masked_crc32c"]

_POLY = 0x82F63B78  # the reflected Castagnoli polynomial
_MASK_DELTA = 0xA282EAD8


def _tables() -> list:
    crc = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        crc = np.where(crc & 1, (crc >> 1) ^ np.uint32(_POLY), crc >> 1).astype(np.uint32)
    tables = [crc]
    for _ in range(7):
        prev = tables[-1]
        tables.append((prev >> 8) ^ crc[prev & 0xFF])
    return [t.tolist() for t in tables]


_T = _tables()


def crc32c(data: bytes, crc: int = 0) -> int:
    """The CRC32C of `data` (continuing from `crc`).

    Example:
        >>> hex(crc32c(b"123456789"))
        '0xe3069283'
    """
    t0, t1, t2, t3, t4, t5, t6, t7 = _T
    crc ^= 0xFFFFFFFF
    n8 = len(data) - len(data) % 8
    view = memoryview(data)
    for i in range(0, n8, 8):
        lo = crc ^ int.from_bytes(view[i:i + 4], "little")
        hi = int.from_bytes(view[i + 4:i + 8], "little")
        crc = (t7[lo & 0xFF] ^ t6[(lo >> 8) & 0xFF] ^ t5[(lo >> 16) & 0xFF] ^ t4[lo >> 24]
               ^ t3[hi & 0xFF] ^ t2[(hi >> 8) & 0xFF] ^ t1[(hi >> 16) & 0xFF] ^ t0[hi >> 24])
    for byte in view[n8:]:
        crc = t0[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc32c(data: bytes) -> int:
    """TFRecord's masked CRC32C: the checksum rotated right by 15 bits plus a constant.

    Example:
        >>> masked_crc32c(b"hello").to_bytes(4, "little")
        b'\\xbb\\x1f\\x1c\\x19'
    """
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + _MASK_DELTA) & 0xFFFFFFFF
