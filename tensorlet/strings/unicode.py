"""Unicode in `tf.strings`: lengths in bytes or characters, decoding to code points (ragged),
encoding code points, splitting into characters and transcoding."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from ..core.tensor import wrap
from ..ops import array as array_ops
from ..ops import string_ops
from ..ragged import factories
from ._common import RaggedTensor, check_choice, concrete, execute, nest_rows, strings

__all__ = ["length", "unicode_decode", "unicode_decode_with_offsets", "unicode_encode",
           "unicode_split", "unicode_split_with_offsets", "unicode_transcode"]

_ERRORS = ("strict", "replace", "ignore")
_OUTPUT_ENCODINGS = ("UTF-8", "UTF-16-BE", "UTF-32-BE")


def length(input, unit="BYTE", name=None):  # noqa: A002 - TF's argument name
    """The length of each string, in bytes (`unit="BYTE"`) or UTF-8 characters
    (`unit="UTF8_CHAR"`).

    Raises:
        InvalidArgumentError: for another unit, or a non-string tensor.

    Example:
        >>> import tensorlet as tf
        >>> b = tf.constant("café")
        >>> tf.strings.length(b).numpy(), tf.strings.length(b, unit="UTF8_CHAR").numpy()
        (np.int32(5), np.int32(4))
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(length(input.flat_values, unit))
    x = strings(input, "StringLength")
    check_choice("unit", unit, ("BYTE", "UTF8_CHAR"), "StringLength")
    return execute(string_ops.STRING_LENGTH, (x,), {"unit": unit})


def _decode(input, input_encoding, errors, replacement_char, replace_control_characters):
    """`(code points, byte offsets)`: Tensors for a scalar input, else RaggedTensors."""
    if isinstance(input, RaggedTensor):
        points, offsets = _decode(input.flat_values, input_encoding, errors, replacement_char,
                                  replace_control_characters)
        return input.with_flat_values(points), input.with_flat_values(offsets)
    x = strings(input, "UnicodeDecode")
    check_choice("errors", errors, _ERRORS, "UnicodeDecode")
    attrs = {"input_encoding": input_encoding, "errors": errors,
             "replacement_char": int(replacement_char),
             "replace_control_characters": bool(replace_control_characters)}
    splits, points, offsets = execute(string_ops.UNICODE_DECODE, (x,), attrs)
    if x.shape.rank == 0:
        return points, offsets
    outer = x.shape.as_list()
    row_splits = concrete(splits, "unicode_decode")
    return (nest_rows(factories.make(points, row_splits), outer),
            nest_rows(factories.make(offsets, row_splits), outer))


def unicode_decode(input, input_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                   replace_control_characters=False, name=None):
    """The code points of each string: a Tensor for a scalar, a RaggedTensor otherwise.

    Args:
        input: strings (a Tensor or RaggedTensor of dtype string).
        input_encoding: the encoding of the bytes ("UTF-8", "UTF-16-BE", "UTF-32-BE",
            "ISO-8859-1", ...).
        errors: "replace" (invalid bytes become `replacement_char`), "ignore" or "strict"
            (an InvalidArgumentError).
        replacement_char: the code point for invalid input (U+FFFD by default).
        replace_control_characters: also replace U+0000..U+001F.
        name: ignored.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.unicode_decode(["Café", "咖啡"], "UTF-8")
        <tf.RaggedTensor [[67, 97, 102, 233], [21654, 21857]]>
    """
    return _decode(input, input_encoding, errors, replacement_char, replace_control_characters)[0]


def unicode_decode_with_offsets(input, input_encoding, errors="replace",  # noqa: A002
                                replacement_char=65533, replace_control_characters=False,
                                name=None):
    """`(code points, byte offset of each character)`, as `unicode_decode`.

    Example:
        >>> import tensorlet as tf
        >>> chars, offsets = tf.strings.unicode_decode_with_offsets("né", "UTF-8")
        >>> offsets.numpy()
        array([0, 1])
    """
    return _decode(input, input_encoding, errors, replacement_char, replace_control_characters)


def _code_points(input):
    x = input.flat_values if isinstance(input, RaggedTensor) else input
    if not convert.is_tensor_like(x):
        x = convert.convert_to_tensor(x, dtype_hint=dtypes.int32)
    if x.dtype is not dtypes.int32:
        raise InvalidArgumentError(
            f"cannot compute UnicodeEncode as input #0(zero-based) was expected to be a int32 "
            f"tensor but is a {x.dtype.kernel_name} tensor [Op:UnicodeEncode]\n"
            f"unicode_encode: code points must be int32, got {x.dtype.name}")
    return x


def unicode_encode(input, output_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                   name=None):
    """Encodes rows of code points (the innermost dimension) as strings.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.unicode_encode(tf.constant([99, 97, 102, 233]), "UTF-8").numpy()
        b'caf\\xc3\\xa9'
    """
    check_choice("output_encoding", output_encoding, _OUTPUT_ENCODINGS, "UnicodeEncode")
    check_choice("errors", errors, _ERRORS, "UnicodeEncode")
    attrs = {"output_encoding": output_encoding, "errors": errors,
             "replacement_char": int(replacement_char)}
    values = _code_points(input)
    if isinstance(input, RaggedTensor):
        inner = input
        while isinstance(inner._values, RaggedTensor):
            inner = inner._values
        encoded = execute(string_ops.UNICODE_ENCODE, (values, inner.row_splits), attrs)
        if inner is input:
            return encoded
        return _replace_innermost(input, encoded)
    dims = values.shape.as_list()
    if not dims:
        raise ValueError("input_tensor's rank must be at least 1.\nunicode_encode: give a "
                         "vector of code points (one string) or more dimensions")
    rows, width = int(np.prod(dims[:-1])), dims[-1]
    flat = array_ops.reshape(values, [-1])
    splits = wrap(np.arange(rows + 1, dtype=np.int64) * width)
    encoded = execute(string_ops.UNICODE_ENCODE, (flat, splits), attrs)
    return array_ops.reshape(encoded, dims[:-1])


def _replace_innermost(rt: RaggedTensor, values):
    """`rt` without its innermost ragged dimension, holding `values` (one per innermost row)."""
    if not isinstance(rt._values._values, RaggedTensor):
        return factories.make(values, rt._splits())
    return factories.make(_replace_innermost(rt._values, values), rt._splits())


def _split(input, input_encoding, errors, replacement_char):
    points, offsets = _decode(input, input_encoding, errors, replacement_char, False)
    encoding = input_encoding if input_encoding in _OUTPUT_ENCODINGS else "UTF-8"
    flat = points.flat_values if isinstance(points, RaggedTensor) else points
    splits = wrap(np.arange(flat.shape[0] + 1, dtype=np.int64))
    chars = execute(string_ops.UNICODE_ENCODE, (flat, splits),
                    {"output_encoding": encoding, "errors": "replace",
                     "replacement_char": int(replacement_char)})
    if isinstance(points, RaggedTensor):
        return points.with_flat_values(chars), offsets
    return chars, offsets


def unicode_split(input, input_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                  name=None):
    """Each string split into its characters (a RaggedTensor of strings for vectors).

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.unicode_split("café", "UTF-8").numpy()
        array([b'c', b'a', b'f', b'\\xc3\\xa9'], dtype=object)
    """
    return _split(input, input_encoding, errors, replacement_char)[0]


def unicode_split_with_offsets(input, input_encoding, errors="replace",  # noqa: A002
                               replacement_char=65533, name=None):
    """`(characters, byte offset of each character)`, as `unicode_split`."""
    return _split(input, input_encoding, errors, replacement_char)


def unicode_transcode(input, input_encoding, output_encoding, errors="replace",  # noqa: A002
                      replacement_char=65533, replace_control_characters=False, name=None):
    """Re-encodes each string from `input_encoding` to `output_encoding`.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.unicode_transcode("é", "UTF-8", "UTF-16-BE").numpy()
        b'\\x00\\xe9'
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(unicode_transcode(
            input.flat_values, input_encoding, output_encoding, errors, replacement_char,
            replace_control_characters))
    x = strings(input, "UnicodeTranscode")
    check_choice("output_encoding", output_encoding, _OUTPUT_ENCODINGS, "UnicodeTranscode")
    check_choice("errors", errors, _ERRORS, "UnicodeTranscode")
    return execute(string_ops.UNICODE_TRANSCODE, (x,), {
        "input_encoding": input_encoding, "output_encoding": output_encoding, "errors": errors,
        "replacement_char": int(replacement_char),
        "replace_control_characters": bool(replace_control_characters)})
