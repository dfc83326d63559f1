"""`tf.io.parse_example` and `tf.io.parse_single_example`, with their feature configurations
`FixedLenFeature`, `VarLenFeature` and `RaggedFeature` (without partitions).

Example:
    >>> import tensorlet as tf
    >>> from tensorlet.io.example_proto import Example, Feature, Features, Int64List
    >>> data = Example(features=Features(feature={"id": Feature(
    ...     int64_list=Int64List(value=[7]))})).SerializeToString()
    >>> tf.io.parse_single_example(data, {"id": tf.io.FixedLenFeature([], tf.int64)})["id"]
    <tf.Tensor: shape=(), dtype=int64, numpy=7>
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np

from ..core import dtypes
from ..core.convert import is_tensor_like, to_array
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..ops import io_parse

__all__ = ["FixedLenFeature", "RaggedFeature", "VarLenFeature", "parse_example",
           "parse_single_example"]


class FixedLenFeature(namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"])):
    """A feature with a fixed number of values, parsed into a dense tensor of `shape`.

    Example:
        >>> import tensorlet as tf
        >>> tf.io.FixedLenFeature([], tf.string)
        FixedLenFeature(shape=[], dtype=tf.string, default_value=None)
    """

    __slots__ = ()

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class VarLenFeature(namedtuple("VarLenFeature", ["dtype"])):
    """A feature with any number of values, parsed into a `SparseTensor`.

    Example:
        >>> import tensorlet as tf
        >>> tf.io.VarLenFeature(tf.int64)
        VarLenFeature(dtype=tf.int64)
    """

    __slots__ = ()


class RaggedFeature(namedtuple("RaggedFeature", ["dtype", "value_key", "partitions",
                                                 "row_splits_dtype", "validate"])):
    """A feature with any number of values, parsed into a `RaggedTensor` (a plain tensor for
    one example). Partitions are not supported.

    Example:
        >>> import tensorlet as tf
        >>> tf.io.RaggedFeature(tf.float32).dtype
        tf.float32
    """

    __slots__ = ()

    def __new__(cls, dtype, value_key=None, partitions=(), row_splits_dtype=dtypes.int32,
                validate=False):
        if partitions:
            raise NotImplementedError("tensorlet's RaggedFeature does not support partitions")
        return super().__new__(cls, dtype, value_key, tuple(partitions),
                               dtypes.as_dtype(row_splits_dtype), validate)


def _check_dtype(dtype, attr: str):
    dtype = dtypes.as_dtype(dtype)
    if dtype not in io_parse.ALLOWED:
        tf_name = {"float64": "double", "float32": "float", "float16": "half"}.get(dtype.name,
                                                                                 dtype.name)
        raise InvalidArgumentError(None, None, f"Value for attr '{attr}' of {tf_name} is not "
                                               f"in the list of allowed values: float, int64, "
                                               f"string [Op:ParseExampleV2]")
    return dtype


def _dense_attr(key: str, feature: FixedLenFeature) -> tuple:
    dtype = _check_dtype(feature.dtype, "Tdense")
    shape = tuple(int(d) for d in to_array(feature.shape, dtypes.int64).reshape(-1).tolist()) \
        if not isinstance(feature.shape, (list, tuple)) else tuple(int(d) for d in feature.shape)
    default = feature.default_value
    if default is not None:
        arr = to_array(default, dtype).reshape(-1)
        size = int(np.prod(shape, dtype=np.int64))
        if arr.size != size:
            raise ValueError(f"Cannot reshape a tensor with {arr.size} elements to shape "
                             f"{list(shape)} ({size} elements) for the default value of "
                             f"'{key}'")
        default = tuple(arr.tolist())
    return key, dtype, shape, default


def _plan(features: dict) -> tuple:
    if not isinstance(features, dict) or not features:
        raise ValueError("Missing: features was empty.")
    sparse, dense, kinds = [], [], {}
    for key in sorted(features):
        feature = features[key]
        if isinstance(feature, FixedLenFeature):
            dense.append(_dense_attr(key, feature))
            kinds[key] = "dense"
        elif isinstance(feature, (VarLenFeature, RaggedFeature)):
            name = feature.value_key or key if isinstance(feature, RaggedFeature) else key
            sparse.append((name, _check_dtype(feature.dtype, "sparse_types")))
            kinds[key] = "ragged" if isinstance(feature, RaggedFeature) else "sparse"
        else:
            raise ValueError(f"Unsupported feature configuration for {key!r}: {feature!r}")
    return tuple(sparse), tuple(dense), kinds


def _parse(serialized, features, name, single: bool) -> dict:
    sparse, dense, kinds = _plan(features)
    if not is_tensor_like(serialized):
        serialized = to_array(serialized, dtypes.string)
    rank = serialized.shape.rank if hasattr(serialized.shape, "rank") else serialized.ndim
    if single and rank not in (None, 0):
        raise ValueError(f"Input serialized must be a scalar, got shape "
                         f"{list(serialized.shape)}")
    if not single and rank not in (None, 1):
        raise ValueError(f"Input serialized must be a vector, got shape "
                         f"{list(serialized.shape)}")
    outputs = execute(io_parse.PARSE_EXAMPLE, (serialized,), {"sparse": sparse, "dense": dense},
                      name=name)
    outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
    result, position = {}, 0
    for key in sorted(features):
        if kinds[key] == "dense":
            continue
        indices, values, shape = outputs[position:position + 3]
        position += 3
        result[key] = _composite(kinds[key], features[key], indices, values, shape, single)
    for key in sorted(features):
        if kinds[key] == "dense":
            result[key] = outputs[position]
            position += 1
    return {key: result[key] for key in sorted(result)}


def _composite(kind: str, feature, indices, values, shape, single: bool):
    if kind == "sparse":
        from ..sparse.sparse_tensor import SparseTensor

        return SparseTensor(indices, values, shape)
    if single:
        return values
    from ..ops import array as array_ops
    from ..ragged.ragged_tensor import RaggedTensor

    rows = array_ops.reshape(array_ops.slice(indices, [0, 0], [-1, 1]), [-1])
    return RaggedTensor.from_value_rowids(values, rows, nrows=array_ops.gather(shape, 0))


def parse_example(serialized, features, example_names=None, name=None) -> dict:
    """Parses a batch (a vector) of serialized `tf.train.Example`s.

    Args:
        serialized: a string vector of serialized examples.
        features: a dict from feature names to `FixedLenFeature` (a dense tensor of shape
            `[batch] + shape`), `VarLenFeature` (a 2-D `SparseTensor`) or `RaggedFeature`
            (a `RaggedTensor`).
        example_names: accepted for compatibility.

    Returns:
        A dict (sorted by name) of the parsed features.

    Raises:
        InvalidArgumentError: for a missing required feature, a feature of the wrong type or
            size, or bytes that are not an Example.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.io.example_proto import Example, Feature, Features, FloatList
        >>> def ex(*v):
        ...     return Example(features=Features(feature={"x": Feature(
        ...         float_list=FloatList(value=v))})).SerializeToString()
        >>> out = tf.io.parse_example([ex(1.), ex(2., 3.)], {"x": tf.io.VarLenFeature(tf.float32)})
        >>> out["x"].indices.numpy().tolist(), out["x"].values.numpy().tolist()
        ([[0, 0], [1, 0], [1, 1]], [1.0, 2.0, 3.0])
    """
    return _parse(serialized, features, name, single=False)


def parse_single_example(serialized, features, example_names=None, name=None) -> dict:
    """Parses one serialized `tf.train.Example` (a scalar string); see `parse_example`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.io.example_proto import BytesList, Example, Feature, Features
        >>> data = Example(features=Features(feature={"emails": Feature(
        ...     bytes_list=BytesList(value=[b"a@b.c", b"d@e.f"]))})).SerializeToString()
        >>> spec = {"emails": tf.io.VarLenFeature(tf.string),
        ...         "age": tf.io.FixedLenFeature([], tf.int64, default_value=-1)}
        >>> parsed = tf.io.parse_single_example(data, spec)
        >>> parsed["emails"].values.numpy().tolist(), int(parsed["age"])
        ([b'a@b.c', b'd@e.f'], -1)
    """
    return _parse(serialized, features, name, single=True)
