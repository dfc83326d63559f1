"""Python kernels of the byte-string ops: split, substr, case, regex, number parsing and
printing. Strings are `bytes` held in NumPy object arrays.

Regular expressions use Python's `re` on the UTF-8 text (TF uses RE2): `.` matches one
character, and `\\d \\w \\s \\b` are ASCII-only as in RE2 (`re.ASCII`). Python accepts some
patterns RE2 rejects (backreferences, lookaround); RE2 rewrite strings (`\\0`..`\\9`, `\\\\`) are
translated.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np

from ..core.errors import InvalidArgumentError

__all__ = ["map_strings", "split_one", "compile_regex", "rewrite", "parse_number",
           "format_number"]

_WHITESPACE = b" \t\n\v\f\r"
_FLOAT = re.compile(r"[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf|infinity|nan)", re.I | re.A)
_HEX_FLOAT = re.compile(r"[+-]?0x([0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(p[+-]?\d+)?", re.I | re.A)
_INT = re.compile(r"[+-]?\d+", re.A)
_UNSIGNED = re.compile(r"\+?\d+", re.A)
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1),
               "uint32": (0, 2**32 - 1), "uint64": (0, 2**64 - 1)}


def map_strings(fn, x: np.ndarray, dtype=object) -> np.ndarray:
    """Applies `fn` to every element of an object array of bytes; same shape, `dtype`."""
    values = [fn(s) for s in x.reshape(-1).tolist()]
    if dtype is object:
        out = np.empty(len(values), object)
        out[:] = values
    else:
        out = np.array(values, dtype).reshape(-1)
    return out.reshape(x.shape)


def _skip_space(s: bytes, pos: int) -> int:
    while pos < len(s) and s[pos] in _WHITESPACE:
        pos += 1
    return pos


def _split_whitespace(s: bytes, maxsplit: int) -> list:
    """TF's whitespace split: with `maxsplit` > 0 the rest after the last split is one more
    token (possibly empty); `maxsplit` 0 keeps the string whole."""
    if maxsplit < 0:
        return s.split()
    if maxsplit == 0:
        return [s]
    tokens, pos = [], _skip_space(s, 0)
    while pos < len(s):
        end = pos
        while end < len(s) and s[end] not in _WHITESPACE:
            end += 1
        tokens.append(s[pos:end])
        pos = _skip_space(s, end)
        if len(tokens) == maxsplit:
            tokens.append(s[pos:])
            break
    return tokens


def split_one(s: bytes, sep: bytes, maxsplit: int) -> list:
    return s.split(sep, maxsplit) if sep else _split_whitespace(s, maxsplit)


@functools.lru_cache(maxsize=256)
def compile_regex(pattern: str, op: str):
    try:
        return re.compile(pattern, re.ASCII)
    except re.error as e:
        raise InvalidArgumentError(f"Invalid pattern: {pattern}, error: {e} [Op:{op}]\n"
                                   f"tensorlet uses Python's `re` for RE2 patterns") from None


def rewrite(template: str):
    """An RE2 rewrite string (`\\1`, `\\0` for the whole match, `\\\\`) as a `re.sub`
    function."""
    parts = re.split(r"(\\\\|\\\d)", template)

    def expand(match) -> str:
        out = []
        for p in parts:
            if p == "\\\\":
                out.append("\\")
            elif len(p) == 2 and p[0] == "\\" and p[1].isdigit():
                out.append(match.group(int(p[1])) or "")
            else:
                out.append(p)
        return "".join(out)

    return expand


def parse_number(s: bytes, kind: str):
    """A number from text as TF's StringToNumber reads it; None when it cannot."""
    text = s.decode("latin-1").strip(" \t\n\v\f\r")
    if kind in ("float32", "float64"):
        if _FLOAT.fullmatch(text):
            return float(text)
        if _HEX_FLOAT.fullmatch(text):
            return float.fromhex(text)
        return None
    pattern = _UNSIGNED if kind.startswith("u") else _INT
    if not pattern.fullmatch(text):
        return None
    value = int(text)
    low, high = _INT_RANGES[kind]
    return value if low <= value <= high else None


def printf_format(kind: str, precision: int, scientific: bool, shortest: bool, width: int,
                  fill: str, op: str) -> str:
    """The printf format TF's AsString uses for one element kind ("f", "i", "c")."""
    if scientific and shortest:
        raise InvalidArgumentError(f"Cannot select both scientific and shortest notation "
                                   f"[Op:{op}]")
    if len(fill) > 1:
        raise InvalidArgumentError(f"Fill string must be one or fewer characters [Op:{op}]")
    if fill and fill not in " +-0#":
        raise InvalidArgumentError(f'Fill argument not supported: "{fill}" [Op:{op}]')
    spec = "%" + (fill if fill and fill != " " else "")
    if width > -1:
        spec += str(width)
    if kind == "i":
        return spec + "d"
    if precision > -1:
        spec += f".{precision}"
    return spec + ("e" if scientific else "g" if shortest else "f")


def format_number(value, kind: str, spec: str) -> bytes:
    if kind == "b":
        return b"true" if value else b"false"
    if kind == "c":
        return f"({spec % value.real},{spec % value.imag})".encode()
    if kind == "i":
        return (spec % int(value)).encode()
    value = float(value)
    if spec.startswith("%0") and not math.isfinite(value):
        spec = "%" + spec[2:]  # NOTE: C's printf pads nan/inf with spaces, never zeros
    return (spec % value).encode()
