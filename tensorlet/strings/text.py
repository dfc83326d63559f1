"""Text in `tf.strings`: split (ragged), join, reduce_join, substr, case, strip and regular
expressions (Python `re` standing in for RE2; see `tensorlet.ops._text_kernels`)."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError, OutOfRangeError
from ..core.tensor import wrap
from ..ops import _string_text_ops as text_ops
from ..ops import array_index, string_ops
from ..ragged import factories
from ._common import RaggedTensor, check_choice, concrete, execute, nest_rows, strings, text

__all__ = ["split", "bytes_split", "join", "reduce_join", "substr", "upper", "lower", "strip",
           "regex_full_match", "regex_replace"]


def split(input, sep=None, maxsplit=-1, name=None):  # noqa: A002 - TF's argument name
    """Splits each string at `sep` (runs of whitespace by default), at most `maxsplit` times.

    Returns:
        A 1-D Tensor for a scalar input; otherwise a RaggedTensor with one more dimension.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.split(["hello world", "a"])
        <tf.RaggedTensor [[b'hello', b'world'], [b'a']]>
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(split(input.flat_values, sep, maxsplit))
    x = convert.convert_to_tensor(input, dtypes.string)
    sep = b"" if sep is None else text(sep, "sep").encode("utf-8")
    splits, values = execute(string_ops.STRING_SPLIT, (x,), {"sep": sep,
                                                             "maxsplit": int(maxsplit)})
    if x.shape.rank == 0:
        return values
    return nest_rows(factories.make(values, concrete(splits, "split")), x.shape.as_list())


def bytes_split(input, name=None):  # noqa: A002
    """Splits each string into its bytes.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.bytes_split("abc").numpy()
        array([b'a', b'b', b'c'], dtype=object)
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(bytes_split(input.flat_values))
    x = strings(input, "StringSplit")
    flat = concrete(x, "bytes_split").reshape(-1)
    lengths = np.array([len(s) for s in flat.tolist()], np.int64)
    rowids = np.repeat(np.arange(len(lengths)), lengths)
    positions = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    owners = array_index.gather(wrap(flat), wrap(rowids))
    chars = substr(owners, wrap(positions.astype(np.int32)), wrap(np.ones_like(positions,
                                                                               np.int32)))
    if x.shape.rank == 0:
        return chars
    splits = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return nest_rows(factories.make(chars, splits), x.shape.as_list())


def join(inputs, separator="", name=None):
    """Joins the strings of several tensors elementwise (scalars broadcast).

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.join([["a", "b"], "x"], separator="-").numpy()
        array([b'a-x', b'b-x'], dtype=object)
    """
    xs = tuple(strings(x, "StringJoin", i) for i, x in enumerate(inputs))
    return execute(string_ops.STRING_JOIN, xs, {"separator": text(separator, "separator")
                                                .encode("utf-8")})


def _reduce_axes(axis, rank: int) -> tuple:
    axes = list(reversed(range(rank))) if axis is None else \
        [axis] if isinstance(axis, int) else [int(a) for a in np.asarray(axis).reshape(-1)]
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise OutOfRangeError(f"Invalid reduction dimension {a} for input with {rank} "
                                  f"dimension(s) [Op:ReduceJoin]")
        out.append(a % rank)
    return tuple(out)


def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """Joins the strings along `axis` (all axes by default).

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.reduce_join([["a", "b"], ["c", "d"]], axis=1, separator="-").numpy()
        array([b'a-b', b'c-d'], dtype=object)
    """
    sep = text(separator, "separator").encode("utf-8")
    if isinstance(inputs, RaggedTensor):
        return _reduce_join_ragged(inputs, axis, sep)
    x = strings(inputs, "ReduceJoin")
    held = getattr(axis, "_value", None)
    axis = held.tolist() if held is not None else axis
    attrs = {"axes": _reduce_axes(axis, x.shape.rank), "keep_dims": bool(keepdims),
             "separator": sep}
    return execute(string_ops.REDUCE_JOIN, (x,), attrs)


def _reduce_join_ragged(rt: RaggedTensor, axis, sep: bytes):
    if axis is None:
        return reduce_join(rt.flat_values, separator=sep.decode("utf-8"))
    if axis % rt.shape.rank != rt.shape.rank - 1 or rt.flat_values.shape.rank != 1:
        raise NotImplementedError("reduce_join on a RaggedTensor: tensorlet joins along the "
                                  "last (ragged) axis or all axes")
    inner = rt
    while isinstance(inner._values, RaggedTensor):
        inner = inner._values
    splits = inner._splits().tolist()
    words = inner._values._value.tolist()
    joined = np.empty(len(splits) - 1, object)
    joined[:] = [sep.join(words[a:b]) for a, b in zip(splits[:-1], splits[1:])]
    if inner is rt:
        return wrap(joined)
    from .unicode import _replace_innermost

    return _replace_innermost(rt, wrap(joined))


def substr(input, pos, len, unit="BYTE", name=None):  # noqa: A002
    """The substring of `len` bytes (or UTF-8 characters) from `pos` (negative: from the end)
    of each string; `len` < 0 takes the rest of the string.

    Raises:
        InvalidArgumentError: when `pos` is out of range, or `pos` and `len` differ in shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.substr(["hello", "héllo"], 1, 3).numpy()
        array([b'ell', b'\\xc3\\xa9l'], dtype=object)
    """
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(substr(input.flat_values, pos, len, unit))
    x = strings(input, "Substr")
    check_choice("unit", unit, ("BYTE", "UTF8_CHAR"), "Substr")
    pos = convert.convert_to_tensor(pos, dtype_hint=dtypes.int32)
    length = convert.convert_to_tensor(len, dtype_hint=pos.dtype)
    return execute(text_ops.SUBSTR, (x, pos, length), {"unit": unit})


def _elementwise(op, input, tf_name: str, attrs: dict):
    if isinstance(input, RaggedTensor):
        return input.with_flat_values(_elementwise(op, input.flat_values, tf_name, attrs))
    return execute(op, (strings(input, tf_name),), attrs)


def _check_encoding(encoding: str, tf_name: str) -> None:
    if encoding not in ("", "utf-8"):
        raise InvalidArgumentError(f"only utf-8 or '' (no encoding) is supported, received "
                                   f"{encoding} [Op:{tf_name}]")


def upper(input, encoding="", name=None):  # noqa: A002
    """Upper case: ASCII letters only, or all of Unicode with `encoding="utf-8"`.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.upper("héllo", encoding="utf-8").numpy().decode()
        'HÉLLO'
    """
    _check_encoding(encoding, "StringUpper")
    return _elementwise(text_ops.STRING_UPPER, input, "StringUpper", {"encoding": encoding})


def lower(input, encoding="", name=None):  # noqa: A002
    """Lower case: ASCII letters only, or all of Unicode with `encoding="utf-8"`.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.lower("HeLLo").numpy()
        b'hello'
    """
    _check_encoding(encoding, "StringLower")
    return _elementwise(text_ops.STRING_LOWER, input, "StringLower", {"encoding": encoding})


def strip(input, name=None):  # noqa: A002
    """Removes leading and trailing ASCII whitespace.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.strip(" \\t hi \\n").numpy()
        b'hi'
    """
    return _elementwise(text_ops.STRING_STRIP, input, "StringStrip", {})


def regex_full_match(input, pattern, name=None):  # noqa: A002
    """True where the whole string matches `pattern`.

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.regex_full_match(["abc123", "abc"], r"[a-z]+\\d+").numpy()
        array([ True, False])
    """
    return _elementwise(text_ops.REGEX_FULL_MATCH, input, "StaticRegexFullMatch",
                        {"pattern": text(pattern, "pattern")})


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002
    """Replaces matches of `pattern` with `rewrite` (`\\1`..`\\9` groups, `\\0` the match).

    Example:
        >>> import tensorlet as tf
        >>> tf.strings.regex_replace("hello world", r"(\\w+) (\\w+)", r"\\2 \\1").numpy()
        b'world hello'
    """
    attrs = {"pattern": text(pattern, "pattern"), "rewrite": text(rewrite, "rewrite"),
             "replace_global": bool(replace_global)}
    return _elementwise(text_ops.REGEX_REPLACE, input, "StaticRegexReplace", attrs)
