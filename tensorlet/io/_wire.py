"""The protobuf wire format, the part `tf.train.Example` needs: varints, field keys,
length-delimited fields, packed float32 and int64 values, and a field reader.

Wire types: 0 = varint, 1 = 64-bit, 2 = length-delimited, 5 = 32-bit.
"""

from __future__ import annotations

import struct

import numpy as np

__all__ = ["DecodeError", "varint", "key", "length_delimited", "packed_floats",
           "packed_int64s", "read_fields", "unpack_floats", "unpack_int64s"]


class DecodeError(Exception):
    """Raised for bytes that are not a valid serialized message (protobuf's DecodeError)."""


def varint(value: int) -> bytes:
    """The varint of a non-negative integer, or of a negative int64 as its 10-byte two's
    complement form.

    Example:
        >>> varint(300), varint(-1)
        (b'\\xac\\x02', b'\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x01')
    """
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def key(number: int, wire_type: int) -> bytes:
    """The tag of a field."""
    return varint((number << 3) | wire_type)


def length_delimited(number: int, payload: bytes) -> bytes:
    """A length-delimited field (bytes, strings, sub-messages, packed values)."""
    return key(number, 2) + varint(len(payload)) + payload


def packed_floats(number: int, values) -> bytes:
    """A packed repeated float32 field (empty bytes for no values, as protobuf)."""
    if not len(values):
        return b""
    return length_delimited(number, np.asarray(values, "<f4").tobytes())


def packed_int64s(number: int, values) -> bytes:
    """A packed repeated int64 field (empty bytes for no values, as protobuf)."""
    if not len(values):
        return b""
    return length_delimited(number, b"".join(varint(int(v)) for v in values))


def _read_varint(data, pos: int, end: int) -> tuple:
    result = shift = 0
    while True:
        if pos >= end or shift > 63:
            raise DecodeError("Error parsing message: truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def read_fields(data, start: int = 0, end: int | None = None):
    """`(number, wire_type, value)` for each field of a serialized message: the integer of a
    varint or fixed field, a memoryview for a length-delimited one.

    Example:
        >>> [(n, t, bytes(v)) for n, t, v in read_fields(b"\\n\\x02hi")]
        [(1, 2, b'hi')]
    """
    view = memoryview(data)
    pos, end = start, len(view) if end is None else end
    while pos < end:
        tag, pos = _read_varint(view, pos, end)
        number, wire_type = tag >> 3, tag & 7
        if number == 0:
            raise DecodeError("Error parsing message: invalid field number 0")
        if wire_type == 0:
            value, pos = _read_varint(view, pos, end)
        elif wire_type == 2:
            size, pos = _read_varint(view, pos, end)
            if pos + size > end:
                raise DecodeError("Error parsing message: truncated field")
            value, pos = view[pos:pos + size], pos + size
        elif wire_type in (1, 5):
            size = 8 if wire_type == 1 else 4
            if pos + size > end:
                raise DecodeError("Error parsing message: truncated field")
            value = int.from_bytes(view[pos:pos + size], "little")
            pos += size
        else:
            raise DecodeError(f"Error parsing message: unsupported wire type {wire_type}")
        yield number, wire_type, value


def unpack_floats(wire_type: int, value) -> list:
    """The float32 values of one FloatList.value field, packed (wire type 2) or not (5)."""
    if wire_type == 5:
        return [struct.unpack("<f", value.to_bytes(4, "little"))[0]]
    if wire_type != 2 or len(value) % 4:
        raise DecodeError("Error parsing message: bad float field")
    return np.frombuffer(value, "<f4").tolist()


def unpack_int64s(wire_type: int, value) -> list:
    """The int64 values of one Int64List.value field, packed (wire type 2) or not (0)."""
    if wire_type == 0:
        values = [value]
    elif wire_type == 2:
        values, pos, end = [], 0, len(value)
        while pos < end:
            number, pos = _read_varint(value, pos, end)
            values.append(number)
    else:
        raise DecodeError("Error parsing message: bad int64 field")
    values = [v & 0xFFFFFFFFFFFFFFFF for v in values]
    return [v - (1 << 64) if v >= 1 << 63 else v for v in values]
