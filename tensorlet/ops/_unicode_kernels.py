"""NumPy/Python kernels of the Unicode string ops: decode (with byte offsets), encode,
transcode, and character counting.

Decoding follows ICU as TF uses it: each maximal invalid byte sequence becomes one error,
which `errors` turns into `replacement_char` ("replace"), nothing ("ignore") or an
InvalidArgumentError ("strict"); `replace_control_characters` also replaces U+0000..U+001F.
"""

from __future__ import annotations

import codecs
import threading

import numpy as np

from ..core.errors import InvalidArgumentError

__all__ = ["codec", "decode", "encode_codepoints", "utf8_char_starts", "utf8_length",
           "OUTPUT_ENCODINGS"]

OUTPUT_ENCODINGS = {"UTF-8": "utf-8", "UTF-16-BE": "utf-16-be", "UTF-32-BE": "utf-32-be"}
_MARK = "\udcff"  # never produced by a successful decode: it stands for one invalid sequence
_LOCAL = threading.local()
_NON_CONTINUATION = bytes(b for b in range(256) if b & 0xC0 != 0x80)


def _mark_error(err: UnicodeDecodeError) -> tuple:
    _LOCAL.spans.append((err.start, err.end))
    return _MARK, err.end


codecs.register_error("tensorlet.mark", _mark_error)


def codec(name: str, what: str = "input") -> str:
    """The Python codec for an ICU-style encoding name (UTF-8, UTF-16-BE, ISO-8859-1...)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InvalidArgumentError(f"Could not create converter for {what} encoding: {name}")
    return info.name


def utf8_length(s: bytes) -> int:
    """Characters in UTF-8 text: bytes that do not continue a sequence (as TF counts them)."""
    return len(s) - len(s.translate(None, _NON_CONTINUATION))


def utf8_char_starts(s: bytes) -> list:
    """The byte offset of each character, plus `len(s)` at the end."""
    return [i for i, b in enumerate(s) if b & 0xC0 != 0x80] + [len(s)]


def _decode_slow(s: bytes, name: str) -> tuple:
    _LOCAL.spans = []
    text = s.decode(name, "tensorlet.mark")
    spans = iter(_LOCAL.spans)
    points, offsets, errors = [], [], []
    pos = 0
    for ch in text:
        if ch == _MARK:
            start, pos = next(spans)
            points.append(-1)
            offsets.append(start)
            errors.append(True)
            continue
        points.append(ord(ch))
        offsets.append(pos)
        errors.append(False)
        pos += len(ch.encode(name))
    return np.array(points, np.int64), np.array(offsets, np.int64), np.array(errors, bool)


def _decode_one(s: bytes, name: str) -> tuple:
    """`(code points, byte offsets, error flags)` of one string."""
    if name == "utf-8":
        try:
            text = s.decode("utf-8")
        except UnicodeDecodeError:
            return _decode_slow(s, name)
        points = np.frombuffer(text.encode("utf-32-le"), "<u4").astype(np.int64)
        starts = np.flatnonzero((np.frombuffer(s, np.uint8) & 0xC0) != 0x80)
        return points, starts.astype(np.int64), np.zeros(len(points), bool)
    return _decode_slow(s, name)


def decode(s: bytes, name: str, errors: str, replacement_char: int,
           replace_control_characters: bool, op: str = "UnicodeDecode") -> tuple:
    """`(code points, byte offsets)` of one string after TF's error policy."""
    points, offsets, bad = _decode_one(s, name)
    if bad.any():
        if errors == "strict":
            raise InvalidArgumentError(f"Invalid formatting on input string [Op:{op}]")
        if errors == "ignore":
            points, offsets = points[~bad], offsets[~bad]
        else:
            points[bad] = replacement_char
    if replace_control_characters:
        points[(points >= 0) & (points < 0x20)] = replacement_char
    return points, offsets


def encode_codepoints(points, name: str, errors: str, replacement_char: int) -> bytes:
    """Encodes code points; invalid ones (negative, surrogates, > U+10FFFF) follow `errors`."""
    chars = []
    for cp in points:
        if 0 <= cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF:
            chars.append(chr(cp))
        elif errors == "strict":
            raise InvalidArgumentError("Code point is out of range for Unicode, or is a "
                                       "surrogate. [Op:UnicodeEncode]")
        elif errors == "replace":
            chars.append(chr(replacement_char))
    return "".join(chars).encode(name)
