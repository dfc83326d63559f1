"""Parsing CSV records for `tf.io.decode_csv`, with TF's field rules and error messages.

A record splits on the one-byte delimiter. With `use_quote_delim`, a field that starts with a
quote runs to the matching quote (`""` is a literal quote) and must be followed by the
delimiter or the end; an unquoted field may hold no quote, CR or LF. An empty record has no
fields. Numbers follow TF's parsers: integers are decimal with optional sign and surrounding
whitespace, floats also take `inf`/`nan`/`infinity` in any case and hexadecimal.
"""

from __future__ import annotations

import re

from ..core.errors import InvalidArgumentError

__all__ = ["split_record", "parser", "error", "INT_LIMITS"]

_HEX = re.compile(rb"\s*[+-]?0[xX][0-9a-fA-F]*\.?[0-9a-fA-F]*([pP][+-]?\d+)?\s*\Z")
INT_LIMITS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def error(message: str) -> InvalidArgumentError:
    return InvalidArgumentError(None, None, f"{message} [Op:DecodeCSV]")


def _quoted(record: bytes, start: int, delim: int) -> tuple:
    """The quoted field starting at `start` (a quote): `(field, index after it)`."""
    out = bytearray()
    i, n = start + 1, len(record)
    while True:
        j = record.find(b'"', i)
        if j < 0:
            raise error("Quoted field has to end with quote followed by delim or end")
        out += record[i:j]
        if j + 1 < n and record[j + 1] == 34:  # an escaped quote: ""
            out += b'"'
            i = j + 2
            continue
        if j + 1 < n and record[j + 1] != delim:
            raise error("Quote inside a string has to be escaped by another quote")
        return bytes(out), j + 1


def split_record(record: bytes, delim: bytes, use_quote_delim: bool) -> list:
    """The fields of one record."""
    if not record:
        return []
    if not use_quote_delim:
        return record.split(delim)
    if b'"' not in record and b"\r" not in record and b"\n" not in record:
        return record.split(delim)
    fields, i, n, code = [], 0, len(record), delim[0]
    while True:
        if i < n and record[i] == 34:
            field, i = _quoted(record, i, code)
        else:
            j = record.find(delim, i)
            j = n if j < 0 else j
            field = record[i:j]
            if b'"' in field or b"\r" in field or b"\n" in field:
                raise error("Unquoted fields cannot have quotes/CRLFs inside")
            i = j
        fields.append(field)
        if i >= n:
            return fields
        i += 1
        if i == n:
            fields.append(b"")
            return fields


def _invalid(field: bytes, name: str, column: int, record: int) -> InvalidArgumentError:
    return error(f"Field {column} in record {record} is not a valid {name}: "
                  f"{field.decode('utf-8', 'replace')}")


def _int_parser(name: str):
    low, high = INT_LIMITS[name]

    def parse(field: bytes, column: int, record: int) -> int:
        if b"_" not in field:
            try:
                value = int(field)
            except ValueError:
                pass
            else:
                if low <= value <= high:
                    return value
        raise _invalid(field, name, column, record)

    return parse


def _float_parser(name: str):
    def parse(field: bytes, column: int, record: int) -> float:
        if b"_" not in field:
            try:
                return float(field)
            except ValueError:
                if _HEX.match(field):
                    try:
                        return float.fromhex(field.decode("ascii").strip())
                    except ValueError:
                        pass
        raise _invalid(field, name, column, record)

    return parse


def _string(field: bytes, column: int, record: int) -> bytes:
    return field


_PARSERS = {"int32": _int_parser("int32"), "int64": _int_parser("int64"),
            "float32": _float_parser("float"), "float64": _float_parser("double"),
            "string": _string}


def parser(dtype_name: str):
    """`parse(field, column, record)` for a non-missing field of a column of this dtype."""
    return _PARSERS[dtype_name]
