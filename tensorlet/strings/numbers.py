"""Numbers and strings in `tf.strings`: parsing (`to_number`), printing (`as_string`,
`format`) and hashing into buckets (`to_hash_bucket_fast`, FarmHash as in TF)."""

from __future__ import annotations

from ..core import convert, dtypes
from ..ops import _string_text_ops as text_ops
from ._common import RaggedTensor, execute, strings, text

__all__ = ["to_number", "as_string", "format", "to_hash_bucket_fast"]

_FORMAT_COUNT = ("The template expects {} tensors, but the inputs only has {}. Please ensure "
                 "the number of placeholders in template matches inputs length.")


def to_number(input, out_type=dtypes.float32, name=None):  # noqa: A002 - TF's argument name
    """Parses each string as a number of `out_type` (float32, float64, int32, int64, uint32,
    uint64).

    Raises:
        InvalidArgumentError: for text that is not a number of that type.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.to_number(["1.5", "-2"]).numpy()
        array([ 1.5, -2. ], dtype=float32)
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(to_number(input.flat_values, out_type))
    x = strings(input, "StringToNumber")
    return execute(text_ops.STRING_TO_NUMBER, (x,), {"out_type": dtypes.as_dtype(out_type)})


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1,  # noqa: A002
              fill="", name=None):
    """Formats each number as text, like C's printf (`%f` by default, `%e` with `scientific`,
    `%g` with `shortest`); bools become "true"/"false".

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.as_string([1.5, 2.0], precision=2).numpy()
        array([b'1.50', b'2.00'], dtype=object)
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(as_string(input.flat_values, precision, scientific,
                                                shortest, width, fill))
    x = input if convert.is_tensor_like(input) else convert.convert_to_tensor(input)
    attrs = {"precision": int(precision), "scientific": bool(scientific),
             "shortest": bool(shortest), "width": int(width), "fill": text(fill, "fill")}
    return execute(text_ops.AS_STRING, (x,), attrs)


def _inputs(inputs) -> list:
    if isinstance(inputs, RaggedTensor) or convert.is_tensor_like(inputs):
        return [inputs]
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"object of type '{type(inputs).__name__}' has no len()")
    return list(inputs)


def format(template, inputs, placeholder="{}", summarize=3, name=None):  # noqa: A001
    """Fills the `placeholder`s of `template` with the printed tensors (each dimension cut to
    its first and last `summarize` entries; -1 prints everything).

    Raises:
        ValueError: when the placeholders and the inputs differ in number.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.format("x={} y={}", (tf.constant(1), tf.constant([1.5, 2.]))).numpy()
        b'x=1 y=[1.5 2]'
    """
    items = _inputs(inputs)
    pieces = text(template, "template").split(placeholder)
    if len(pieces) - 1 != len(items):
        raise ValueError(_FORMAT_COUNT.format(len(pieces) - 1, len(items)))
    # NOTE: ragged inputs are printed here (TF prints their nested lists) and spliced into the
    # template, so the op only sees dense tensors.
    tensors, parts = [], [pieces[0]]
    for item, piece in zip(items, pieces[1:]):
        if isinstance(item, RaggedTensor):
            parts[-1] += str(item.to_list()) + piece
            continue
        tensors.append(item if convert.is_tensor_like(item) else convert.convert_to_tensor(item))
        parts.append(piece)
    attrs = {"template": placeholder.join(parts), "placeholder": placeholder,
             "summarize": int(summarize)}
    return execute(text_ops.STRING_FORMAT, tuple(tensors), attrs)


def to_hash_bucket_fast(input, num_buckets, name=None):  # noqa: A002
    """Hashes each string to a bucket in `[0, num_buckets)` with FarmHash Fingerprint64, the
    same buckets as TF.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.to_hash_bucket_fast(["hello", "world"], 1000).numpy()
        array([296, 598])
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(to_hash_bucket_fast(input.flat_values, num_buckets))
    x = strings(input, "StringToHashBucketFast")
    return execute(text_ops.STRING_TO_HASH_BUCKET_FAST, (x,), {"num_buckets": int(num_buckets)})
