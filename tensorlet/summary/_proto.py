"""A minimal protocol-buffer encoder for the TensorBoard messages that summaries write.

Only encoding is needed, and only these messages (field numbers from TensorFlow's
`event.proto`, `summary.proto`, `tensor.proto` and `tensor_shape.proto`):

    Event           wall_time=1 (double), step=2 (int64), file_version=3 (string),
                    summary=5 (Summary), source_metadata=10 (SourceMetadata: writer=1)
    Summary         value=1 (repeated Value)
    Summary.Value   tag=1, tensor=8 (TensorProto), metadata=9 (SummaryMetadata)
    SummaryMetadata plugin_data=1 (plugin_name=1, content=2), summary_description=3,
                    data_class=4 (enum)
    TensorProto     dtype=1 (enum), tensor_shape=2 (dim=2: size=1), tensor_content=4 (bytes),
                    string_val=8 (repeated bytes)

Proto3 rules: fields equal to their default (0, "", empty) are left out.
"""

from __future__ import annotations

import struct

import numpy as np

__all__ = ["DATA_CLASS_BLOB_SEQUENCE", "DATA_CLASS_SCALAR", "DATA_CLASS_TENSOR", "event",
           "summary_metadata", "tensor_proto"]

DATA_CLASS_SCALAR = 1
DATA_CLASS_TENSOR = 2
DATA_CLASS_BLOB_SEQUENCE = 3

# TensorFlow's DataType enum values for the NumPy dtypes a summary may hold.
_DTYPE_ENUM = {
    np.dtype(np.float32): 1, np.dtype(np.float64): 2, np.dtype(np.int32): 3,
    np.dtype(np.uint8): 4, np.dtype(np.int16): 5, np.dtype(np.int8): 6, np.dtype(np.int64): 9,
    np.dtype(np.bool_): 10, np.dtype(np.uint16): 17, np.dtype(np.float16): 19,
    np.dtype(np.uint32): 22, np.dtype(np.uint64): 23,
}
_DT_STRING = 7

_VARINT, _FIXED64, _LENGTH, _FIXED32 = 0, 1, 2, 5


def _varint(value: int) -> bytes:
    value &= 0xFFFFFFFFFFFFFFFF  # negative int64 values are sent as 10-byte two's complement
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _key(field: int, wire_type: int) -> bytes:
    return _varint(field << 3 | wire_type)


def _int_field(field: int, value: int) -> bytes:
    return _key(field, _VARINT) + _varint(value) if value else b""


def _bytes_field(field: int, data: bytes) -> bytes:
    return _key(field, _LENGTH) + _varint(len(data)) + data if data else b""


def _message_field(field: int, data: bytes) -> bytes:
    """An embedded message; written even when empty (its presence can matter)."""
    return _key(field, _LENGTH) + _varint(len(data)) + data


def _double_field(field: int, value: float) -> bytes:
    return _key(field, _FIXED64) + struct.pack("<d", value) if value else b""


def tensor_proto(array: np.ndarray) -> bytes:
    """A TensorProto holding `array` (numbers as little-endian `tensor_content`, or strings).

    Example:
        >>> import numpy as np
        >>> tensor_proto(np.float32(1.0)).hex()
        '0801120022040000803f'
    """
    array = np.asarray(array)
    shape = b"".join(_message_field(2, _int_field(1, dim)) for dim in array.shape)
    if array.dtype.kind in "US" or array.dtype == object:
        values = [v if isinstance(v, bytes) else str(v).encode("utf-8") for v in array.ravel()]
        body = b"".join(_key(8, _LENGTH) + _varint(len(v)) + v for v in values)
        return _int_field(1, _DT_STRING) + _message_field(2, shape) + body
    dtype = array.dtype.newbyteorder("<")
    if array.dtype not in _DTYPE_ENUM:
        raise TypeError(f"summary: cannot write a tensor of dtype {array.dtype}")
    content = np.ascontiguousarray(array, dtype=dtype).tobytes()
    return (_int_field(1, _DTYPE_ENUM[array.dtype]) + _message_field(2, shape)
            + _bytes_field(4, content))


def summary_metadata(plugin_name: str, content: bytes = b"", data_class: int = 0,
                     description: str = "") -> bytes:
    """A SummaryMetadata naming the TensorBoard plugin that shows the value.

    Example:
        >>> summary_metadata("scalars", data_class=DATA_CLASS_SCALAR).hex()
        '0a090a077363616c6172732001'
    """
    plugin_data = _bytes_field(1, plugin_name.encode("utf-8")) + _bytes_field(2, content)
    return (_message_field(1, plugin_data) + _bytes_field(3, description.encode("utf-8"))
            + _int_field(4, data_class))


def event(wall_time: float, step: int = 0, *, file_version: str = "", writer: str = "",
          tag: str = "", tensor: bytes = b"", metadata: bytes = b"") -> bytes:
    """An Event: either the file header (`file_version`) or one summary value at `step`.

    Example:
        >>> event(1.0, file_version="brain.Event:2").hex()
        '09000000000000f03f1a0d627261696e2e4576656e743a32'
    """
    out = _double_field(1, wall_time) + _int_field(2, step)
    if file_version:
        out += _bytes_field(3, file_version.encode("utf-8"))
    if tag:
        value = _bytes_field(1, tag.encode("utf-8")) + _message_field(8, tensor)
        if metadata:
            value += _message_field(9, metadata)
        out += _message_field(5, _message_field(1, value))
    if writer:
        out += _message_field(10, _bytes_field(1, writer.encode("utf-8")))
    return out
