"""String ops: the registry primitives behind `tf.strings` (none is differentiable).

Strings are tensors of dtype string holding NumPy object arrays of `bytes`. The public
functions, with TF's signatures, live in `tensorlet.strings`; ops that produce ragged results
(`unicode_decode`, `split`) return row splits and values here, which `tensorlet.strings` wraps
in a RaggedTensor.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.registry import NONDIFF, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from . import _text_kernels, _unicode_kernels
from ._rules import fail

# NOTE: no public names here: `tf.strings.*` functions are defined in `tensorlet.strings`.
__all__: list = []

_STRING = (dtypes.string,)
_map = _text_kernels.map_strings


def _like(dtype):
    def infer(x: TensorSpec, *rest, **attrs) -> TensorSpec:
        return TensorSpec(x.shape, dtype)

    return infer


def _ragged_parts(*value_dtypes):
    """Ops on a flat vector of strings that return row splits and per-row values."""

    def infer(x: TensorSpec, *rest, **attrs) -> tuple:
        n = x.shape.num_elements()
        splits = TensorSpec([None if n is None else n + 1], dtypes.int64)
        return (splits,) + tuple(TensorSpec([None], d) for d in value_dtypes)

    return infer


def _string_op(name, kernel, infer, tf_name, attrs, num_outputs=1, allowed=_STRING):
    return def_op(name, kernel=kernel, infer=infer, grad=NONDIFF, tf_name=tf_name, attrs=attrs,
                  dtype_group=(0,) if allowed else (), allowed=allowed,
                  num_outputs=num_outputs)


def _splits(counts: list) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(counts, dtype=np.int64)]).astype(np.int64)


# --- Unicode ---------------------------------------------------------------------------------

def _length_kernel(x, unit="BYTE"):
    return _map(_unicode_kernels.utf8_length if unit == "UTF8_CHAR" else len, x, np.int32)


def _decode_kernel(x, input_encoding="UTF-8", errors="replace", replacement_char=65533,
                   replace_control_characters=False):
    name = _unicode_kernels.codec(input_encoding)
    if not 0 <= replacement_char <= 0x10FFFF:
        raise fail("unicode_decode", "replacement_char out of unicode codepoint range "
                   "[Op:UnicodeDecode]")
    rows = [_unicode_kernels.decode(s, name, errors, replacement_char,
                                    replace_control_characters) for s in x.reshape(-1).tolist()]
    points = [r[0] for r in rows] or [np.zeros(0, np.int64)]
    offsets = [r[1] for r in rows] or [np.zeros(0, np.int64)]
    return (_splits([len(r[0]) for r in rows]), np.concatenate(points).astype(np.int32),
            np.concatenate(offsets).astype(np.int64))


def _encode_kernel(values, splits, output_encoding="UTF-8", errors="replace",
                   replacement_char=65533):
    name = _unicode_kernels.OUTPUT_ENCODINGS[output_encoding]
    points = values.tolist()
    bounds = splits.tolist()
    out = np.empty(max(len(bounds) - 1, 0), object)
    for i, (a, b) in enumerate(zip(bounds[:-1], bounds[1:])):
        out[i] = _unicode_kernels.encode_codepoints(points[a:b], name, errors, replacement_char)
    return out


def _encode_infer(values: TensorSpec, splits: TensorSpec, **attrs) -> TensorSpec:
    if attrs.get("output_encoding") not in _unicode_kernels.OUTPUT_ENCODINGS:
        raise fail("unicode_encode", f"Value for attr 'output_encoding' of "
                   f"\"{attrs.get('output_encoding')}\" is not in the list of allowed values: "
                   f"\"UTF-8\", \"UTF-16-BE\", \"UTF-32-BE\"")
    n = splits.shape.num_elements()
    return TensorSpec([None if n is None else max(n - 1, 0)], dtypes.string)


def _transcode_kernel(x, input_encoding="UTF-8", output_encoding="UTF-8", errors="replace",
                      replacement_char=65533, replace_control_characters=False):
    source = _unicode_kernels.codec(input_encoding)
    target = _unicode_kernels.OUTPUT_ENCODINGS[output_encoding]

    def transcode(s):
        points, _ = _unicode_kernels.decode(s, source, errors, replacement_char,
                                            replace_control_characters, "UnicodeTranscode")
        return _unicode_kernels.encode_codepoints(points.tolist(), target, errors,
                                                  replacement_char)

    return _map(transcode, x)


STRING_LENGTH = _string_op("string_length", _length_kernel, _like(dtypes.int32), "StringLength",
                           {"unit": "BYTE"})
UNICODE_DECODE = _string_op(
    "unicode_decode_with_offsets", _decode_kernel, _ragged_parts(dtypes.int32, dtypes.int64),
    "UnicodeDecodeWithOffsets", {"input_encoding": "UTF-8", "errors": "replace",
                                 "replacement_char": 65533,
                                 "replace_control_characters": False}, num_outputs=3)
UNICODE_ENCODE = _string_op("unicode_encode", _encode_kernel, _encode_infer, "UnicodeEncode",
                            {"output_encoding": "UTF-8", "errors": "replace",
                             "replacement_char": 65533}, allowed=(dtypes.int32,))
UNICODE_TRANSCODE = _string_op(
    "unicode_transcode", _transcode_kernel, _like(dtypes.string), "UnicodeTranscode",
    {"input_encoding": "UTF-8", "output_encoding": "UTF-8", "errors": "replace",
     "replacement_char": 65533, "replace_control_characters": False})


# --- splitting and joining -------------------------------------------------------------------

def _split_kernel(x, sep=b"", maxsplit=-1):
    rows = [_text_kernels.split_one(s, sep, maxsplit) for s in x.reshape(-1).tolist()]
    values = np.empty(sum(len(r) for r in rows), object)
    values[:] = [t for r in rows for t in r]
    return _splits([len(r) for r in rows]), values


def _join_shape(specs) -> TensorShape:
    shape = TensorShape([])
    for s in specs:
        if s.shape.rank == 0:
            continue
        if shape.rank and not s.shape.is_compatible_with(shape):
            raise fail("string_join", f"Input shapes do not match: {_dims(shape)} vs. "
                       f"{_dims(s.shape)} [Op:StringJoin]", *specs)
        shape = s.shape if not shape.rank else shape
    return shape


def _dims(shape: TensorShape) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def _join_infer(*xs, separator=b"") -> TensorSpec:
    for i, s in enumerate(xs):
        if s.dtype is not dtypes.string:
            raise fail("string_join", f"input #{i} must be a string tensor, got {s.dtype.name}",
                       *xs)
    return TensorSpec(_join_shape(xs), dtypes.string)


def _join_kernel(*xs, separator=b""):
    shape = tuple(_join_shape([TensorSpec(x.shape, dtypes.string) for x in xs]).as_list())
    parts = [np.broadcast_to(x, shape).reshape(-1).tolist() for x in xs]
    out = np.empty(int(np.prod(shape)), object)
    out[:] = [separator.join(items) for items in zip(*parts)] if parts else [b""] * out.size
    return out.reshape(shape)


def _reduce_join_infer(x: TensorSpec, axes=(), keep_dims=False, separator=b"") -> TensorSpec:
    dims = x.shape.as_list()
    for a in axes:
        if not 0 <= a < len(dims):
            raise fail("reduce_join", f"Invalid reduction dimension {a} for input with "
                       f"{len(dims)} dimension(s)", x)
    kept = [1 if i in axes else d for i, d in enumerate(dims)] if keep_dims else \
        [d for i, d in enumerate(dims) if i not in axes]
    return TensorSpec(kept, dtypes.string)


def _reduce_join_kernel(x, axes=(), keep_dims=False, separator=b""):
    kept = [i for i in range(x.ndim) if i not in axes]
    # NOTE: the first listed axis varies fastest in the joined order (TF's ReduceJoin).
    moved = np.transpose(x, kept + list(reversed(axes)))
    rows = moved.reshape(moved.shape[:len(kept)] + (-1,))
    flat = rows.reshape(-1, rows.shape[-1]) if kept else rows.reshape(1, -1)
    out = np.empty(flat.shape[0], object)
    out[:] = [separator.join(r) for r in flat.tolist()]
    shape = [1 if i in axes else d for i, d in enumerate(x.shape)] if keep_dims else \
        [x.shape[i] for i in kept]
    return out.reshape(shape)


STRING_SPLIT = _string_op("string_split", _split_kernel, _ragged_parts(dtypes.string),
                          "StringSplitV2", {"sep": b"", "maxsplit": -1}, num_outputs=2)
STRING_JOIN = _string_op("string_join", _join_kernel, _join_infer, "StringJoin",
                         {"separator": b""}, allowed=None)
REDUCE_JOIN = _string_op("reduce_join", _reduce_join_kernel, _reduce_join_infer, "ReduceJoin",
                         {"axes": (), "keep_dims": False, "separator": b""})


from . import _string_text_ops  # noqa: E402,F401 - declares the remaining string ops
