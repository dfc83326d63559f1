"""String ops on the text of each element: substr, case, strip, regex, number parsing and
printing, StringFormat and hashing (the second half of `string_ops`)."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.errors import InvalidArgumentError
from ..core.shape import broadcast_static_shape
from ..core.spec import TensorSpec
from . import _string_format, _text_kernels, _unicode_kernels
from ._farmhash import fingerprint64
from ._rules import fail
from .string_ops import _dims, _like, _map, _string_op

__all__: list = []


# --- substr ----------------------------------------------------------------------------------

def _substr_infer(x: TensorSpec, pos: TensorSpec, length: TensorSpec, unit="BYTE"):
    if pos.shape != length.shape:
        raise fail("substr", f"pos and len should have the same shape, got: "
                   f"{_dims(pos.shape)} vs. {_dims(length.shape)}", x, pos, length)
    try:
        return TensorSpec(broadcast_static_shape(x.shape, pos.shape), dtypes.string)
    except ValueError:
        raise fail("substr", "input and pos do not broadcast", x, pos, length) from None


def _substr_one(s: bytes, pos: int, length: int, unit: str, index: int) -> bytes:
    starts = _unicode_kernels.utf8_char_starts(s) if unit == "UTF8_CHAR" else None
    n = len(starts) - 1 if starts is not None else len(s)
    if starts is not None and length < 0:
        # NOTE: TF's UTF8_CHAR substr gives "" for a negative len, and an error with pos < 0.
        n, length = (-1, 0) if pos < 0 else (n, 0)
    if not -n <= pos <= n:
        shown = "" if starts is not None else f"{s!r} "
        raise InvalidArgumentError(f"pos {pos} out of range for string {shown}at index {index} "
                                   f"[Op:Substr]")
    pos = pos + n if pos < 0 else pos
    stop = n if length < 0 else min(pos + length, n)
    return s[pos:stop] if starts is None else s[starts[pos]:starts[stop]]


def _substr_kernel(x, pos, length, unit="BYTE"):
    _substr_infer(*(TensorSpec(a.shape, dtypes._BY_NP[a.dtype]) for a in (x, pos, length)))
    shape = np.broadcast_shapes(x.shape, pos.shape)
    xs = np.broadcast_to(x, shape).reshape(-1).tolist()
    ps = np.broadcast_to(pos, shape).reshape(-1).tolist()
    ls = np.broadcast_to(length, shape).reshape(-1).tolist()
    out = np.empty(len(xs), object)
    out[:] = [_substr_one(s, p, n, unit, i % max(x.size, 1))
              for i, (s, p, n) in enumerate(zip(xs, ps, ls))]
    return out.reshape(shape)


SUBSTR = _string_op("substr", _substr_kernel, _substr_infer, "Substr", {"unit": "BYTE"})


# --- case, strip, regex ------------------------------------------------------------------------

def _case_kernel(method: str):
    def kernel(x, encoding=""):
        if encoding:
            return _map(lambda s: getattr(s.decode("utf-8", "surrogateescape"), method)()
                        .encode("utf-8", "surrogateescape"), x)
        return _map(getattr(bytes, method), x)

    return kernel


def _regex_text(s: bytes) -> str:
    return s.decode("utf-8", "surrogateescape")


def _full_match_kernel(x, pattern=""):
    regex = _text_kernels.compile_regex(pattern, "StaticRegexFullMatch")
    return _map(lambda s: regex.fullmatch(_regex_text(s)) is not None, x, bool)


def _replace_kernel(x, pattern="", rewrite="", replace_global=True):
    regex = _text_kernels.compile_regex(pattern, "StaticRegexReplace")
    expand = _text_kernels.rewrite(rewrite)
    count = 0 if replace_global else 1
    return _map(lambda s: regex.sub(expand, _regex_text(s), count)
                .encode("utf-8", "surrogateescape"), x)


STRING_UPPER = _string_op("string_upper", _case_kernel("upper"), _like(dtypes.string),
                          "StringUpper", {"encoding": ""})
STRING_LOWER = _string_op("string_lower", _case_kernel("lower"), _like(dtypes.string),
                          "StringLower", {"encoding": ""})
STRING_STRIP = _string_op("string_strip", lambda x: _map(bytes.strip, x), _like(dtypes.string),
                          "StringStrip", {})
REGEX_FULL_MATCH = _string_op("regex_full_match", _full_match_kernel, _like(dtypes.bool),
                              "StaticRegexFullMatch", {"pattern": ""})
REGEX_REPLACE = _string_op("regex_replace", _replace_kernel, _like(dtypes.string),
                           "StaticRegexReplace",
                           {"pattern": "", "rewrite": "", "replace_global": True})


# --- numbers ---------------------------------------------------------------------------------

_NUMBER_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.uint32,
                 dtypes.uint64)


def _to_number_infer(x: TensorSpec, out_type=dtypes.float32) -> TensorSpec:
    if out_type not in _NUMBER_TYPES:
        raise fail("string_to_number", f"Value for attr 'out_type' of {out_type.name} is not in "
                   f"the list of allowed values: float, double, int32, int64, uint32, uint64", x)
    return TensorSpec(x.shape, out_type)


def _to_number_kernel(x, out_type=dtypes.float32):
    _to_number_infer(TensorSpec(x.shape, dtypes.string), out_type)

    def parse(s):
        value = _text_kernels.parse_number(s, out_type.name)
        if value is None:
            raise InvalidArgumentError(f"StringToNumberOp could not correctly convert string: "
                                       f"{s.decode('utf-8', 'replace')} [Op:StringToNumber]")
        return value

    with np.errstate(over="ignore"):
        return _map(parse, x, object).astype(out_type._np)


def _as_string_kernel(x, precision=-1, scientific=False, shortest=False, width=-1, fill=""):
    if x.dtype == object:
        return x.copy()
    kind = {"b": "b", "c": "c", "f": "f"}.get(x.dtype.kind, "i")
    if kind == "i" and precision > -1:
        raise InvalidArgumentError(f"precision not supported for datatype "
                                   f"{dtypes._BY_NP[x.dtype].name} [Op:AsString]")
    spec = _text_kernels.printf_format(kind, precision, scientific, shortest, width, fill,
                                       "AsString")
    return _map(lambda v: _text_kernels.format_number(v, kind, spec), x.astype(object))


STRING_TO_NUMBER = _string_op("string_to_number", _to_number_kernel, _to_number_infer,
                              "StringToNumber", {"out_type": dtypes.float32})
AS_STRING = _string_op("as_string", _as_string_kernel, _like(dtypes.string), "AsString",
                       {"precision": -1, "scientific": False, "shortest": False, "width": -1,
                        "fill": ""}, allowed=None)


# --- format and hashing ------------------------------------------------------------------------

def _format_kernel(*xs, template="{}", placeholder="{}", summarize=3):
    pieces = template.split(placeholder)
    out = [pieces[0]]
    for x, piece in zip(xs, pieces[1:]):
        out += [_string_format.summarize(x, summarize), piece]
    return np.array("".join(out).encode("utf-8", "surrogateescape"), object)


def _hash_kernel(x, num_buckets=1):
    return _map(lambda s: fingerprint64(s) % num_buckets, x, np.int64)


def _hash_infer(x: TensorSpec, num_buckets=1) -> TensorSpec:
    if num_buckets < 1:
        raise fail("string_to_hash_bucket_fast", f"Value for attr 'num_buckets' of "
                   f"{num_buckets} must be at least minimum 1", x)
    return TensorSpec(x.shape, dtypes.int64)


STRING_FORMAT = _string_op("string_format", _format_kernel,
                           lambda *xs, **attrs: TensorSpec([], dtypes.string), "StringFormat",
                           {"template": "{}", "placeholder": "{}", "summarize": 3}, allowed=None)
STRING_TO_HASH_BUCKET_FAST = _string_op("string_to_hash_bucket_fast", _hash_kernel, _hash_infer,
                                        "StringToHashBucketFast", {"num_buckets": 1})
