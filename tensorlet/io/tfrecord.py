"""TFRecord files: `tf.io.TFRecordWriter`, `tf.io.TFRecordOptions` and the record reader used
by `tf.data.TFRecordDataset`.

A TFRecord file is a sequence of records, each framed as: the data length (uint64, little
endian), the masked CRC32C of those 8 length bytes (uint32), the data, and the masked CRC32C of
the data (uint32). The whole file may be GZIP or ZLIB compressed.
"""

from __future__ import annotations

import gzip
import struct
import zlib

from ..core.errors import DataLossError, FailedPreconditionError, NotFoundError
from .crc32c import masked_crc32c

__all__ = ["TFRecordOptions", "TFRecordWriter", "compression_name", "decompress",
           "frame_record", "iter_records"]

_COMPRESSIONS = ("", "GZIP", "ZLIB")
_HEADER = struct.Struct("<QI")
_FOOTER = struct.Struct("<I")


def compression_name(value) -> str:
    """`""`, `"GZIP"` or `"ZLIB"` for a compression given as a string, None, an integer
    (TF1's `TFRecordCompressionType`: 0, 1 = ZLIB, 2 = GZIP) or `TFRecordOptions`."""
    if isinstance(value, TFRecordOptions):
        return value.compression_type
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1, 2):
        return ("", "ZLIB", "GZIP")[value]
    if isinstance(value, str) and value.upper() in _COMPRESSIONS:
        return value.upper()
    raise ValueError(f'Not a valid compression_type: "{value}"')


class TFRecordOptions:
    """How a TFRecord file is compressed ("" for none, "GZIP" or "ZLIB").

    The zlib tuning arguments of TF are accepted; `compression_level` is used.

    Example:
        >>> import tensorlet as tf
        >>> tf.io.TFRecordOptions(compression_type="gzip").compression_type
        'GZIP'
    """

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None) -> None:
        self.compression_type = compression_name(compression_type)
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_level = compression_level
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options) -> str:
        """The compression name of `options` (an options object, a string or None)."""
        return compression_name(options)


def frame_record(data: bytes) -> bytes:
    """One record in TFRecord framing.

    Example:
        >>> frame_record(b"hello")
        b'\\x05\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xea\\xb2\\x04>hello\\xbb\\x1f\\x1c\\x19'
    """
    length = struct.pack("<Q", len(data))
    return length + _FOOTER.pack(masked_crc32c(length)) + data + \
        _FOOTER.pack(masked_crc32c(data))


class TFRecordWriter:
    """Writes records (byte strings) to a TFRecord file; a context manager.

    Args:
        path: the file to create (overwritten if it exists).
        options: a `TFRecordOptions`, or a compression name ("GZIP", "ZLIB", "" or None).

    Raises:
        NotFoundError: when the file's folder does not exist.
        ValueError: for an unknown compression.

    Example:
        >>> import tensorlet as tf, tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "a.tfrecord")
        >>> with tf.io.TFRecordWriter(path) as writer:
        ...     writer.write(b"first")
        ...     writer.write(b"second")
        >>> os.path.getsize(path)
        43
    """

    def __init__(self, path, options=None) -> None:
        self._compression = compression_name(options)
        level = getattr(options, "compression_level", None)
        level = -1 if level is None else int(level)
        path = str(path)
        try:
            self._file = open(path, "wb")
        except FileNotFoundError:
            raise NotFoundError(None, None, f"{path}; No such file or directory") from None
        self._zlib = None
        if self._compression == "GZIP":
            self._file = gzip.GzipFile(fileobj=self._file, mode="wb",
                                       compresslevel=9 if level == -1 else level, mtime=0)
            self._raw = self._file.fileobj
        elif self._compression == "ZLIB":
            self._zlib = zlib.compressobj(level)
        self._closed = False

    def write(self, record) -> None:
        """Appends one record (`bytes`, or a `str` written as UTF-8)."""
        if self._closed:
            raise FailedPreconditionError(None, None, "Writer is closed.")
        if isinstance(record, str):
            record = record.encode("utf-8")
        if not isinstance(record, (bytes, bytearray, memoryview)):
            raise TypeError(f"write(): the record must be bytes or str, got "
                            f"{type(record).__name__}")
        framed = frame_record(bytes(record))
        self._file.write(self._zlib.compress(framed) if self._zlib else framed)

    def flush(self) -> None:
        """Pushes the written records to the file."""
        if self._closed:
            raise FailedPreconditionError(None, None, "Writer is closed.")
        if self._zlib:
            self._file.write(self._zlib.flush(zlib.Z_SYNC_FLUSH))
        self._file.flush()

    def close(self) -> None:
        """Finishes the file; later writes raise `FailedPreconditionError`."""
        if self._closed:
            return
        self._closed = True
        if self._zlib:
            self._file.write(self._zlib.flush())
        self._file.close()
        if self._compression == "GZIP":
            self._raw.close()

    def __enter__(self) -> TFRecordWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def decompress(data: bytes, compression: str) -> bytes:
    """The file contents once decompressed; `DataLossError` as TF when they cannot be."""
    try:
        if compression == "GZIP":
            return gzip.decompress(data)
        if compression == "ZLIB":
            return zlib.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        text = str(exc).replace("Error -3 while decompressing data: ", "")
        raise DataLossError(None, None, f"inflate() failed with error -3: {text} "
                                        f"[Op:IteratorGetNext]") from None
    return data


def _loss(text: str) -> DataLossError:
    return DataLossError(None, None, f"{text} [Op:IteratorGetNext]")


def iter_records(data: bytes):
    """The records of a TFRecord file's (decompressed) contents, checking every checksum.

    A partial header at the end is the end of the file (as in TF); a partial record or a
    checksum mismatch raises `DataLossError` naming the record's offset.

    Example:
        >>> list(iter_records(frame_record(b"a") + frame_record(b"bc")))
        [b'a', b'bc']
    """
    view = memoryview(data)
    offset, size = 0, len(data)
    while offset + _HEADER.size <= size:
        length, length_crc = _HEADER.unpack_from(view, offset)
        if masked_crc32c(view[offset:offset + 8]) != length_crc:
            hint = " (Is this even a TFRecord file?)" if offset == 0 else ""
            raise _loss(f"corrupted record at {offset}{hint}")
        start = offset + _HEADER.size
        end = start + length
        if end + _FOOTER.size > size:
            raise _loss(f"truncated record at {offset}' failed with Read less bytes than "
                        f"requested")
        record = bytes(view[start:end])
        if masked_crc32c(record) != _FOOTER.unpack_from(view, end)[0]:
            raise _loss(f"corrupted record at {start}")
        yield record
        offset = end + _FOOTER.size
