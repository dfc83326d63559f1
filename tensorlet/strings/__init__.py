"""`tf.strings`: operations on string tensors (dtype string, elements are `bytes`).

Python `str` values are encoded as UTF-8; a string is one element (`tf.constant("hi").shape`
is `()`). Ops that give a variable number of results per string (`split`, `unicode_decode`)
return RaggedTensors.

Example:
    >>> import tensorlet as tf
    >>> tf.strings.length(tf.constant(["Café", "咖啡"]), unit="UTF8_CHAR").numpy()
    array([4, 2], dtype=int32)
"""

from .numbers import as_string, format, to_hash_bucket_fast, to_number
from .text import (
    bytes_split,
    join,
    lower,
    reduce_join,
    regex_full_match,
    regex_replace,
    split,
    strip,
    substr,
    upper,
)
from .unicode import (
    length,
    unicode_decode,
    unicode_decode_with_offsets,
    unicode_encode,
    unicode_split,
    unicode_split_with_offsets,
    unicode_transcode,
)

__all__ = ["as_string", "bytes_split", "format", "join", "length", "lower", "reduce_join",
           "regex_full_match", "regex_replace", "split", "strip", "substr",
           "to_hash_bucket_fast", "to_number", "unicode_decode", "unicode_decode_with_offsets",
           "unicode_encode", "unicode_split", "unicode_split_with_offsets", "unicode_transcode",
           "upper"]
