"""`ParseExampleV2`: the kernel behind `tf.io.parse_example` and `tf.io.parse_single_example`
(public through `tensorlet.io`, which builds SparseTensors from the sparse outputs).

The op takes a string tensor of serialized `tf.train.Example`s (a scalar or a vector) and
attrs describing the features: `sparse` = ((key, dtype), ...) and `dense` = ((key, dtype,
shape, default), ...), with `default` a flat tuple of values or None for a required feature.
Outputs: for each sparse feature, its int64 indices [N, rank + 1], values [N] and int64 dense
shape [rank + 1]; then each dense feature, shaped `serialized.shape + shape`.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, def_op
from ..core.spec import TensorSpec
from ..io import _wire
from ..io._message import _escape
from ._rules import fail

__all__: list = []

ALLOWED = (dtypes.float32, dtypes.int64, dtypes.string)
_KINDS = {1: dtypes.string, 2: dtypes.float32, 3: dtypes.int64}
_LIST_NAMES = {dtypes.string: "bytes_list", dtypes.float32: "float_list",
               dtypes.int64: "int64_list"}
_TYPE_NAMES = {dtypes.string: "string", dtypes.float32: "float", dtypes.int64: "int64"}


def _error(text: str) -> InvalidArgumentError:
    return InvalidArgumentError(None, None, f"{text} [Op:ParseExampleV2]")


def _feature_values(data) -> tuple:
    """`(dtype, values)` of one serialized Feature (dtype None for an empty Feature)."""
    dtype, values = None, []
    for number, _, payload in _wire.read_fields(data):
        if number not in _KINDS:
            continue
        dtype, values = _KINDS[number], []
        for _, wire_type, value in _wire.read_fields(payload):
            if dtype is dtypes.string:
                values.append(bytes(value))
            elif dtype is dtypes.float32:
                values.extend(_wire.unpack_floats(wire_type, value))
            else:
                values.extend(_wire.unpack_int64s(wire_type, value))
    return dtype, values


def decode_example(record: bytes) -> dict:
    """`{name: (dtype, values)}` for the features of one serialized Example (last one wins).

    Example:
        >>> decode_example(b"\\n\\x0e\\n\\x0c\\n\\x01n\\x12\\x07\\x1a\\x05\\n\\x03\\x01\\x02\\x03")
        {'n': (tf.int64, [1, 2, 3])}
    """
    try:
        features = {}
        for number, wire_type, body in _wire.read_fields(record):
            if number != 1 or wire_type != 2:
                continue
            for n, w, entry in _wire.read_fields(body):
                if n != 1 or w != 2:
                    continue
                fields = {k: v for k, _, v in _wire.read_fields(entry)}
                name = bytes(fields.get(1, b"")).decode("utf-8")
                features[name] = _feature_values(fields.get(2, b""))
        return features
    except (_wire.DecodeError, UnicodeDecodeError, TypeError):
        raise _error(f"Could not parse example input, value: "
                     f"'{_escape(bytes(record))}'") from None


def _dense_value(features: dict, key: str, dtype, shape: tuple, default) -> list:
    dtype_found, values = features.get(key, (None, []))
    if key not in features or (dtype_found is None and default is not None):
        if default is None:
            raise _error(f"Feature: {key} (data type: {_TYPE_NAMES[dtype]}) is required but "
                         f"could not be found.")
        return list(default)
    if dtype_found is not None and dtype_found is not dtype:
        raise _error(f"Key: {key}.  Data types don't match. Data type: "
                     f"{_TYPE_NAMES[dtype_found]} but expected type: {_TYPE_NAMES[dtype]}")
    if len(values) != int(np.prod(shape, dtype=np.int64)):
        raise _error(f"Key: {key}.  Can't parse serialized Example: Some "
                     f"{_LIST_NAMES[dtype]} slice was not parsed.")
    return values


def _sparse_values(features: dict, key: str, dtype) -> list:
    dtype_found, values = features.get(key, (None, []))
    if dtype_found is not None and dtype_found is not dtype:
        raise _error(f"Key: {key}.  Data types don't match. Expected type: "
                     f"{_TYPE_NAMES[dtype]}, Actual type: {_TYPE_NAMES[dtype_found]}")
    return values


def _array(values: list, dtype, shape=None) -> np.ndarray:
    if dtype is dtypes.string:
        out = np.empty(len(values), dtype=object)
        out[:] = values
    else:
        out = np.array(values, dtype=dtype._np).reshape(-1)
    return out if shape is None else out.reshape(shape)


def _parse_kernel(serialized, sparse=(), dense=()):
    records = serialized.reshape(-1).tolist()
    parsed = [decode_example(r if isinstance(r, bytes) else str(r).encode()) for r in records]
    outputs = []
    for key, dtype in sparse:
        lists = [_sparse_values(features, key, dtype) for features in parsed]
        counts = np.array([len(v) for v in lists], np.int64)
        width = int(counts.max()) if counts.size else 0
        cols = np.concatenate([np.arange(c, dtype=np.int64) for c in counts]) if \
            counts.size else np.zeros(0, np.int64)
        if serialized.ndim == 0:
            indices, shape = cols.reshape(-1, 1), np.array([width], np.int64)
        else:
            rows = np.repeat(np.arange(len(lists), dtype=np.int64), counts)
            indices = np.stack([rows, cols], axis=1)
            shape = np.array([len(lists), width], np.int64)
        outputs += [indices, _array([v for vs in lists for v in vs], dtype), shape]
    for key, dtype, shape, default in dense:
        flat = [v for features in parsed
                for v in _dense_value(features, key, dtype, shape, default)]
        outputs.append(_array(flat, dtype, serialized.shape + tuple(shape)))
    return tuple(outputs)


def _parse_infer(serialized: TensorSpec, sparse=(), dense=()) -> list:
    rank = serialized.shape.rank
    if rank is not None and rank > 1:
        fail("parse_example", "the serialized examples must be a scalar or a vector",
             serialized)
    outer = 1 if rank is None else rank + 1
    specs = []
    for _, dtype in sparse:
        specs += [TensorSpec([None, outer], dtypes.int64), TensorSpec([None], dtype),
                  TensorSpec([outer], dtypes.int64)]
    batch = list(serialized.shape) if rank is not None else None
    for _, dtype, shape, _ in dense:
        specs.append(TensorSpec(None if batch is None else batch + list(shape), dtype))
    return specs


PARSE_EXAMPLE = def_op(
    "parse_example", tf_name="ParseExampleV2", kernel=_parse_kernel, infer=_parse_infer,
    grad=NONDIFF, dtype_group=(0,), allowed=(dtypes.string,), num_outputs=-1,
    attrs={"sparse": (), "dense": ()},
)
