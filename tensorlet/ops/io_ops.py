"""`tf.io` ops: `decode_csv` and `read_file` (public through the `tensorlet.io` namespace)."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import is_tensor_like, to_array
from ..core.dispatch import execute
from ..core.errors import (
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
)
from ..core.registry import NONDIFF, STATEFUL, def_op
from ..core.spec import TensorSpec
from . import _csv

__all__ = ["decode_csv", "read_file"]

_CSV_DTYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.string)
_MISSING = None


def _parse_record(record: bytes, r: int, defaults: tuple, parsers: list, attrs: tuple) -> list:
    """The values of one record's fields (defaults for missing fields)."""
    delim, na, use_quote_delim, select_cols = attrs
    fields = _csv.split_record(record, delim, use_quote_delim)
    if select_cols:
        fields = [fields[c] for c in select_cols if c < len(fields)]
    if len(fields) != len(defaults):
        raise _csv.error(f"Expect {len(defaults)} fields but have {len(fields)} in record {r}")
    values = []
    for k, field in enumerate(fields):
        if field == b"" or field == na:
            default = defaults[k][1]
            if default is _MISSING:
                raise _csv.error(f"Field {k} is required but missing in record {r}!")
            values.append(default)
        else:
            values.append(parsers[k](field, select_cols[k] if select_cols else k, r))
    return values


def _decode_csv_kernel(records, defaults=(), field_delim=",", use_quote_delim=True,
                       na_value="", select_cols=()):
    attrs = (field_delim.encode("utf-8"), na_value.encode("utf-8"), use_quote_delim,
             select_cols)
    parsers = [_csv.parser(dtype.name) for dtype, _ in defaults]
    if records.ndim == 0:
        values = _parse_record(records[()], 0, defaults, parsers, attrs)
        return tuple(_scalar(v, dtype) for v, (dtype, _) in zip(values, defaults))
    rows = [_parse_record(record, r, defaults, parsers, attrs)
            for r, record in enumerate(records.reshape(-1).tolist())]
    columns = zip(*rows) if rows else [()] * len(defaults)
    return tuple(_column(list(values), dtype, records.shape)
                 for values, (dtype, _) in zip(columns, defaults))


def _column(values: list, dtype, shape) -> np.ndarray:
    if dtype is dtypes.string:
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out.reshape(shape)
    return np.array(values, dtype=dtype._np).reshape(shape)


def _scalar(value, dtype) -> np.ndarray:
    if dtype is dtypes.string:
        out = np.empty((), dtype=object)
        out[()] = value
        return out
    return np.array(value, dtype=dtype._np)


def _decode_csv_infer(records: TensorSpec, defaults=(), **attrs) -> list:
    return [TensorSpec(records.shape, dtype) for dtype, _ in defaults]


DECODE_CSV = def_op(
    "decode_csv", tf_name="DecodeCSV", kernel=_decode_csv_kernel, infer=_decode_csv_infer,
    grad=NONDIFF, dtype_group=(0,), allowed=(dtypes.string,), num_outputs=-1, quiet=True,
    attrs={"defaults": (), "field_delim": ",", "use_quote_delim": True, "na_value": "",
           "select_cols": ()},
)


def _default(value) -> tuple:
    """`(dtype, default or None)` for one entry of `record_defaults`."""
    if isinstance(value, dtypes.DType):
        dtype, arr = value, None
    elif isinstance(value, list) and not value:
        dtype, arr = dtypes.float32, None
    else:
        arr = to_array(value[0] if isinstance(value, list) and len(value) == 1 else value)
        dtype = dtypes._BY_NP[arr.dtype]
        if arr.size == 0:
            arr = None
        elif arr.size > 1:
            raise InvalidArgumentError(None, None, f"There should only be 1 default per field "
                                                   f"but field {{k}} has {arr.size} "
                                                   f"[Op:DecodeCSV]")
    if dtype not in _CSV_DTYPES:
        raise InvalidArgumentError(None, None, f"Value for attr 'OUT_TYPE' of {dtype.name} is "
                                               f"not in the list of allowed values: float, "
                                               f"double, int32, int64, string [Op:DecodeCSV]")
    if arr is None:
        return dtype, _MISSING
    item = arr.reshape(()).item()
    return dtype, item


def _select(select_cols, n: int) -> tuple:
    if select_cols is None:
        return ()
    cols = tuple(int(c) for c in to_array(select_cols).reshape(-1).tolist())
    if any(a >= b for a, b in zip(cols, cols[1:])):
        raise ValueError("select_cols is not strictly increasing.")
    if any(c < 0 for c in cols):
        raise ValueError("select_cols contains negative values.")
    if len(cols) != n:
        raise ValueError("Length of select_cols and record_defaults do not match.")
    return cols


def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, name=None,
               na_value="", select_cols=None):
    """Parses CSV records into one tensor per column.

    Args:
        records: a string tensor of any shape, one record per element.
        record_defaults: one entry per column: a scalar default (its dtype is the column's:
            float32, float64, int32, int64 or string), or an empty tensor (`[]`, or
            `tf.constant([], tf.int64)`) for a required column. A DType (`tf.int64`) is also
            accepted for a required column of that dtype.
        field_delim: the one-character delimiter.
        use_quote_delim: treat double quotes as quoting (RFC 4180).
        na_value: a field text meaning "missing" (an empty field always is).
        select_cols: the increasing column indices to parse (one per default).

    Returns:
        A list of tensors shaped like `records`.

    Raises:
        InvalidArgumentError: for a record with the wrong number of fields, an invalid number
            or a missing required field (naming the field and the record).

    Example:
        >>> import tensorlet as tf
        >>> a, b = tf.io.decode_csv(["1,x", "2,"], record_defaults=[0, "?"])
        >>> a.numpy().tolist(), b.numpy().tolist()
        ([1, 2], [b'x', b'?'])
    """
    if not record_defaults:
        raise InvalidArgumentError(None, None, "Length for attr 'OUT_TYPE' of 0 must be at least "
                                               "minimum 1 [Op:DecodeCSV]")
    defaults = []
    for k, value in enumerate(record_defaults):
        try:
            defaults.append(_default(value))
        except InvalidArgumentError as exc:
            raise InvalidArgumentError(None, None, exc.message.replace("{k}", str(k))) from None
    if len(field_delim) != 1:
        raise InvalidArgumentError(None, None, "field_delim should be only 1 char "
                                               "[Op:DecodeCSV]")
    attrs = {"defaults": tuple(defaults), "field_delim": field_delim,
             "use_quote_delim": bool(use_quote_delim), "na_value": na_value,
             "select_cols": _select(select_cols, len(defaults))}
    if not is_tensor_like(records):
        records = to_array(records, dtypes.string)
    return list(execute(DECODE_CSV, (records,), attrs, name=name))


def read_bytes(path: str, op: str = "ReadFile") -> bytes:
    """A file's contents; TF's error classes (naming the file) when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise NotFoundError(None, None, f"{path}; No such file or directory [Op:{op}]") \
            from None
    except IsADirectoryError:
        raise FailedPreconditionError(None, None, f"{path}; Is a directory [Op:{op}]") \
            from None
    except PermissionError:
        raise PermissionDeniedError(None, None, f"{path}; Permission denied [Op:{op}]") \
            from None


def _read_file_kernel(filename):
    name = filename.reshape(()).item()
    out = np.empty((), dtype=object)
    out[()] = read_bytes(name.decode("utf-8") if isinstance(name, bytes) else str(name))
    return out


def _read_file_infer(filename: TensorSpec) -> TensorSpec:
    if filename.shape.rank not in (None, 0):
        raise InvalidArgumentError(None, None, f"read_file: the file name must be a scalar "
                                               f"string (got {filename.short()}) [Op:ReadFile]")
    return TensorSpec([], dtypes.string)


# NOTE: stateful so that a traced function reads the file on every call, never once at trace.
READ_FILE = def_op(
    "read_file", tf_name="ReadFile", kernel=_read_file_kernel, infer=_read_file_infer,
    grad=NONDIFF, traits=STATEFUL, dtype_group=(0,), allowed=(dtypes.string,),
)


def read_file(filename, name=None):
    """The whole contents of a file, as a scalar string tensor.

    Raises:
        NotFoundError: when the file does not exist.

    Example:
        >>> import tensorlet as tf, tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "a.txt")
        >>> _ = open(path, "w").write("hi")
        >>> tf.io.read_file(path).numpy()
        b'hi'
    """
    if not is_tensor_like(filename):
        filename = to_array(filename, dtypes.string)
    return execute(READ_FILE, (filename,), name=name)
