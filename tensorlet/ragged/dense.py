"""Between ragged and dense or sparse: `to_tensor`/`from_tensor`, `to_sparse`/`from_sparse`
and the bounding shape.

The dense result is built with `tensor_scatter_nd_update` and the ragged values with
`boolean_mask`, so gradients flow between the two forms.
"""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from ..core.shape import TensorShape
from ..core.tensor import wrap
from ..ops import array as array_ops
from ..ops import array_index, array_mask
from . import factories
from .ragged_tensor import RaggedTensor

__all__ = ["bounding_dims", "to_tensor", "from_tensor", "to_sparse", "from_sparse"]


def bounding_dims(rt: RaggedTensor) -> list:
    """`[nrows, longest row per ragged level..., inner dims...]`."""
    dims = [rt._nrows()]
    level = rt
    while isinstance(level, RaggedTensor):
        lengths = np.diff(level._splits())
        dims.append(int(lengths.max()) if lengths.size else 0)
        level = level._values
    return dims + level.shape.as_list()[1:]


def _coordinates(rt: RaggedTensor) -> np.ndarray:
    """The dense index `(row, position, ...)` of every flat value, shape `[n, ragged_rank+1]`."""
    coords = np.arange(rt._nrows(), dtype=np.int64)[:, None]
    level = rt
    while isinstance(level, RaggedTensor):
        splits = level._splits().astype(np.int64)
        rowids = np.repeat(np.arange(len(splits) - 1), np.diff(splits))
        position = np.arange(splits[-1], dtype=np.int64) - splits[rowids]
        coords = np.concatenate([coords[rowids], position[:, None]], axis=1)
        level = level._values
    return coords


def _target_dims(rt: RaggedTensor, shape) -> list:
    dims = bounding_dims(rt)
    if shape is None:
        return dims
    held = getattr(shape, "_value", None)
    wanted = TensorShape(held.tolist() if held is not None else shape)
    if wanted.rank is None:
        return dims
    if wanted.rank != len(dims):
        raise ValueError(f"Shapes {TensorShape(dims)} and {wanted} must have the same rank\n"
                         f"to_tensor: shape must have rank {len(dims)}")
    return [d if w is None else w for d, w in zip(dims, wanted.as_list())]


_ZERO = {dtypes.string: b"", dtypes.bool: False}


def _default(rt: RaggedTensor, default_value):
    """The padding value as a tensor of the values' dtype (zero, False or b"" by default)."""
    flat = rt.flat_values
    if default_value is None:
        return convert.convert_to_tensor(_ZERO.get(flat.dtype, 0), flat.dtype)
    default = convert.convert_to_tensor(default_value, dtype_hint=flat.dtype)
    if default.dtype is not flat.dtype:
        default = convert.convert_to_tensor(default_value, flat.dtype)
    if default.shape.rank >= flat.shape.rank:
        raise InvalidArgumentError(
            f"default_value.shape={default.shape.as_list()} and rt_input.flat_values.shape="
            f"{flat.shape.as_list()} are incompatible: default_value.rank = "
            f"{default.shape.rank}  must be less than rt_input.flat_values.rank = "
            f"{flat.shape.rank} [Op:RaggedTensorToTensor]")
    return default


def to_tensor(rt: RaggedTensor, default_value=None, shape=None):
    """Pads (or truncates) the rows of `rt` into a dense tensor."""
    dims = _target_dims(rt, shape)
    default = _default(rt, default_value)
    base = array_ops.broadcast_to(default, dims)
    flat = rt.flat_values
    k = rt.ragged_rank + 1
    inner = flat.shape.as_list()[1:]
    if dims[k:] != inner:
        if any(w > d for w, d in zip(dims[k:], inner)):
            raise ValueError(f"to_tensor: inner dims {dims[k:]} are larger than the values' "
                             f"{inner}; tensorlet pads ragged dimensions only")
        flat = flat[(slice(None),) + tuple(slice(0, w) for w in dims[k:])]
    coords = _coordinates(rt)
    keep = np.all(coords < np.array(dims[:k], np.int64), axis=1)
    if not keep.all():
        flat = array_mask.boolean_mask(flat, keep)
        coords = coords[keep]
    if coords.shape[0] == 0:
        return base
    return array_index.tensor_scatter_nd_update(base, wrap(coords), flat)


def _padding_lengths(tensor: np.ndarray, padding) -> np.ndarray:
    """Row lengths after dropping trailing padding (an inner element equal to `padding`)."""
    pad = convert.to_array(padding, dtypes._BY_NP[tensor.dtype])
    if pad.shape != tensor.shape[2:]:
        raise ValueError(f"Shapes {TensorShape(pad.shape)} and {TensorShape(tensor.shape[2:])} "
                         f"are incompatible")
    is_pad = tensor == pad
    if is_pad.ndim > 2:
        is_pad = is_pad.reshape(is_pad.shape[:2] + (-1,)).all(axis=2)
    real = ~is_pad
    cols = tensor.shape[1]
    last = cols - np.argmax(real[:, ::-1], axis=1)
    return np.where(real.any(axis=1), last, 0)


def from_tensor(tensor, lengths=None, padding=None, ragged_rank=1,
                row_splits_dtype=dtypes.int64) -> RaggedTensor:
    """Rows of a dense tensor, cut to `lengths` or before trailing `padding`."""
    tensor = convert.convert_to_tensor(tensor)
    splits_np = dtypes.as_dtype(row_splits_dtype)._np
    rank = tensor.shape.rank
    if lengths is not None and padding is not None:
        raise ValueError("Specify lengths or padding, but not both")
    if not 1 <= ragged_rank < rank:
        raise ValueError(f"ragged_rank must be greater than 0 and less than the rank of tensor "
                         f"({rank}); got {ragged_rank}")
    dims = tensor.shape.as_list()
    rows = int(np.prod(dims[:ragged_rank]))
    grid = array_ops.reshape(tensor, [rows] + dims[ragged_rank:])
    cols = dims[ragged_rank]
    if lengths is not None:
        row_lengths = np.minimum(factories.partition(lengths, "lengths").reshape(-1), cols)
    elif padding is not None:
        row_lengths = _padding_lengths(grid._value, padding)
    else:
        row_lengths = np.full(rows, cols)
    mask = np.arange(cols)[None, :] < row_lengths[:, None]
    values = array_mask.boolean_mask(grid, mask)
    splits = np.concatenate([[0], np.cumsum(row_lengths)]).astype(splits_np)
    result = factories.make(values, splits)
    for d in reversed(dims[1:ragged_rank]):
        n = result._nrows() // d
        result = factories.make(result, (np.arange(n + 1) * d).astype(splits_np))
    return result


def to_sparse(rt: RaggedTensor):
    """A SparseTensor with one entry per flat value, shaped like the bounding shape."""
    from ..sparse.sparse_tensor import SparseTensor

    if rt.flat_values.shape.rank != 1:
        raise NotImplementedError("to_sparse: tensorlet supports ragged tensors whose flat "
                                  "values are a vector")
    dims = np.array(bounding_dims(rt), np.int64)
    return SparseTensor(wrap(_coordinates(rt)), rt.flat_values, wrap(dims))


def from_sparse(st, row_splits_dtype=dtypes.int64) -> RaggedTensor:
    """Rows of a 2-D SparseTensor whose entries fill each row from column 0 ("right-ragged")."""
    indices = np.asarray(st.indices)
    nrows = int(np.asarray(st.dense_shape)[0])
    if indices.ndim != 2 or indices.shape[1] != 2:
        raise ValueError("from_sparse: the SparseTensor must have rank 2")
    rows, cols = indices[:, 0], indices[:, 1]
    counts = np.bincount(rows, minlength=nrows) if rows.size else np.zeros(nrows, np.int64)
    splits = np.concatenate([[0], np.cumsum(counts)]).astype(dtypes.as_dtype(row_splits_dtype)._np)
    expected = np.arange(len(cols)) - np.repeat(splits[:-1], counts)
    if (np.diff(rows) < 0).any() or not np.array_equal(cols, expected):
        raise InvalidArgumentError("SparseTensor is not right-ragged\nfrom_sparse: each row's "
                                   "entries must be at columns 0, 1, 2... in order")
    return factories.make(st.values, splits)
