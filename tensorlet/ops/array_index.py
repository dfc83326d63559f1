"""Gathering and scattering by index: gather, gather_nd, scatter_nd, tensor_scatter_nd_*.

Their gradients are each other: gather's is a segment sum (scatter-add), gather_nd's is
scatter_nd, and scatter_nd's is gather_nd, so every order of derivative stays in these ops.
"""

from __future__ import annotations

import numpy as np

from ..core import convert
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from . import array as array_ops
from . import array_join, array_shape
from . import math as math_ops
from ._rules import fail

__all__ = ["gather", "gather_nd", "scatter_nd", "tensor_scatter_nd_update",
           "tensor_scatter_nd_add"]

_INDEX_NP = frozenset({np.dtype(np.int16), np.dtype(np.int32), np.dtype(np.int64)})


def _check_index_dtype(op: str, spec: TensorSpec, attr: str = "Tindices") -> None:
    if spec.dtype._np not in _INDEX_NP:
        raise fail(op, f"Value for attr '{attr}' of {spec.dtype.kernel_name} is not in the list of "
                   "allowed values: int16, int32, int64", spec)


def _position(shape: tuple, flat: int) -> str:
    return ",".join(str(int(i)) for i in np.unravel_index(flat, shape)) if shape else ""


def _check_range(op: str, indices: np.ndarray, n: int) -> None:
    """Raises TF's InvalidArgumentError for the first index outside [0, n)."""
    if indices.dtype not in _INDEX_NP:
        raise TypeError("bad index dtype")
    if indices.size == 0 or (indices.min() >= 0 and indices.max() < n):
        return
    bad = (indices < 0) | (indices >= n)
    if bad.any():
        flat = int(np.argmax(bad.reshape(-1)))
        value = int(indices.reshape(-1)[flat])
        raise InvalidArgumentError(f"{op}: indices[{_position(indices.shape, flat)}] = {value} "
                                   f"is not in [0, {n})")


def _check_nd(op: str, indices: np.ndarray, shape: tuple, what: str) -> None:
    """Raises TF's error for the first N-d index that does not point into `shape`."""
    if indices.dtype not in _INDEX_NP:
        raise TypeError("bad index dtype")
    k = indices.shape[-1]
    bad = ((indices < 0) | (indices >= np.array(shape[:k], dtype=np.int64))).any(axis=-1)
    if bad.any():
        flat = int(np.argmax(bad.reshape(-1)))
        index = ", ".join(str(int(v)) for v in indices.reshape(-1, k)[flat])
        raise InvalidArgumentError(f"{op}: indices[{flat}] = [{index}] does not index into "
                                   f"{what}shape [{','.join(map(str, shape))}]")


# --- unsorted_segment_sum (gather's gradient) ----------------------------------------------

def _segment_sum_kernel(data, ids, num_segments=0):
    if ids.dtype not in _INDEX_NP:
        raise TypeError("bad index dtype")
    out = np.zeros((num_segments,) + data.shape[ids.ndim:], dtype=data.dtype)
    if ids.size and ids.min() < 0:  # TF drops the rows of negative ids
        keep = ids >= 0
        ids, data = ids[keep], data[keep]
    _check_range("unsorted_segment_sum", ids, num_segments)
    np.add.at(out, ids, data)
    return out


def gather_dropping_negatives(x, ids):
    """`x` gathered at `ids`, with zeros where an id is negative (the rows a segment op
    dropped): the gradient of the unsorted segment ops, as TF's."""
    from . import math_compare

    zero = array_ops.zeros_like(ids)
    gathered = gather(x, math_ops.maximum(ids, zero))
    keep = math_compare.greater_equal(ids, zero)
    for _ in range(gathered.shape.rank - ids.shape.rank):
        keep = array_shape.expand_dims(keep, -1)
    return math_compare.where(keep, gathered, array_ops.zeros_like(gathered))


def _segment_sum_grad(g, y, data, ids, num_segments=0):
    return gather_dropping_negatives(g, ids), None


def _segment_sum_infer(data: TensorSpec, ids: TensorSpec, num_segments=0) -> TensorSpec:
    _check_index_dtype("unsorted_segment_sum", ids)
    lead = data.shape.as_list()[:ids.shape.rank]
    if not ids.shape.is_compatible_with(lead):
        raise fail("unsorted_segment_sum", "segment_ids.shape must be a prefix of data.shape",
                   data, ids)
    return TensorSpec([num_segments] + data.shape.as_list()[ids.shape.rank:], data.dtype)


SEGMENT_SUM = def_op(
    "unsorted_segment_sum", tf_name="UnsortedSegmentSum", kernel=_segment_sum_kernel,
    infer=_segment_sum_infer, traits=OPAQUE, attrs={"num_segments": 0},
    grad=_segment_sum_grad,
)


# --- gather --------------------------------------------------------------------------------

def _gather_infer(params: TensorSpec, indices: TensorSpec, axis=0, batch_dims=0) -> TensorSpec:
    _check_index_dtype("gather", indices)
    p, i = params.shape.as_list(), indices.shape.as_list()
    if axis >= len(p):
        raise fail("gather", f"Shape must be at least rank {axis + 1} but is rank {len(p)}",
                   params)
    if not 0 <= batch_dims <= axis or batch_dims > len(i):
        raise fail("gather", f"batch_dims ({batch_dims}) must be in [0, axis ({axis})] and at "
                   f"most the rank of indices ({len(i)})", params, indices)
    for k in range(batch_dims):
        if p[k] is not None and i[k] is not None and p[k] != i[k]:
            raise fail("gather", f"params.shape[{k}]: {p[k]} should be equal to "
                       f"indices.shape[{k}]: {i[k]}", params, indices)
    return TensorSpec(p[:axis] + i[batch_dims:] + p[axis + 1:], params.dtype)


def _batch_gather(params, indices, axis: int, b: int):
    """`gather` with `b` leading batch dims shared by params and indices."""
    batch = params.shape[:b]
    nb = int(np.prod(batch))
    p = np.moveaxis(params.reshape((nb,) + params.shape[b:]), axis - b + 1, 1)
    ind = indices.reshape((nb,) + indices.shape[b:])
    out = p[np.arange(nb).reshape((nb,) + (1,) * (ind.ndim - 1)), ind]
    n_i, n_o = ind.ndim - 1, axis - b
    out = np.moveaxis(out, list(range(1 + n_i, 1 + n_i + n_o)), list(range(1, 1 + n_o)))
    return out.reshape(params.shape[:axis] + indices.shape[b:] + params.shape[axis + 1:])


def _gather_kernel(params, indices, axis=0, batch_dims=0):
    if axis >= params.ndim or not 0 <= batch_dims <= axis or \
            params.shape[:batch_dims] != indices.shape[:batch_dims]:
        raise ValueError("gather: bad axis or batch_dims")
    _check_range("gather", indices, params.shape[axis])
    if batch_dims == 0:
        return np.take(params, indices, axis=axis)
    return _batch_gather(params, indices, axis, batch_dims)


def _gather_grad(g, y, params, indices, axis=0, batch_dims=0):
    """Moves the gathered axes first, sums the slices per index, and moves the axes back."""
    p = params.shape.as_list()
    idx_dims = indices.shape.as_list()[batch_dims:]
    if batch_dims == 0 and (None in p or None in idx_dims):
        from . import array_dynamic

        return (array_dynamic.gather_grad(g, params, indices, axis), None)
    batch, outer, n, inner = p[:batch_dims], p[batch_dims:axis], p[axis], p[axis + 1:]
    rb, ro, ri, rn = len(batch), len(outer), len(idx_dims), len(inner)
    perm = [*range(rb), *range(rb + ro, rb + ro + ri), *range(rb, rb + ro),
            *range(rb + ro + ri, rb + ro + ri + rn)]
    if ro:
        g = array_shape.transpose(g, perm)
    nb = int(np.prod(batch, dtype=np.int64))
    g = array_ops.reshape(g, [nb * int(np.prod(idx_dims, dtype=np.int64))] + outer + inner)
    ids = indices
    if rb:
        offsets = (np.arange(nb) * n).reshape(batch + [1] * ri).astype(indices.dtype._np)
        ids = math_ops.add(ids, convert.convert_to_tensor(offsets))
    ids = array_ops.reshape(ids, [-1])
    seg = execute(SEGMENT_SUM, (g, ids), {"num_segments": nb * n})
    seg = array_ops.reshape(seg, batch + [n] + outer + inner)
    if ro:
        seg = array_shape.transpose(seg, [*range(rb), *range(rb + 1, rb + 1 + ro), rb,
                                          *range(rb + 1 + ro, rb + 1 + ro + rn)])
    return (seg, None)


GATHER = def_op(
    "gather", tf_name="GatherV2", kernel=_gather_kernel, infer=_gather_infer,
    grad=_gather_grad, traits=OPAQUE, attrs={"axis": 0, "batch_dims": 0},
)


def _rank_of(x) -> int:
    return x.shape.rank if convert.is_tensor_like(x) else np.ndim(x)


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """Gathers slices of `params` along `axis` at `indices`.

    The output shape is `params.shape[:axis] + indices.shape[batch_dims:] +
    params.shape[axis + 1:]`; the first `batch_dims` dims of params and indices are shared.

    Raises:
        InvalidArgumentError: for an index outside `[0, params.shape[axis])`, float indices or
            a bad axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.gather(tf.constant([[1, 2, 3], [4, 5, 6]]), [2, 0], axis=1).numpy()
        array([[3, 1],
               [6, 4]], dtype=int32)
    """
    batch_dims = array_shape.int_attr(batch_dims)
    if batch_dims < 0:
        batch_dims += _rank_of(indices)
    axis = batch_dims if axis is None else array_shape.int_attr(axis)
    if axis < 0:
        axis += _rank_of(params)
    return execute(GATHER, (params, indices), {"axis": axis, "batch_dims": batch_dims},
                   name=name)


# --- gather_nd / scatter_nd ----------------------------------------------------------------

def _gather_nd_infer(params: TensorSpec, indices: TensorSpec) -> TensorSpec:
    _check_index_dtype("gather_nd", indices)
    i = indices.shape.as_list()
    p = params.shape.as_list()
    if not i or i[-1] is None:
        raise fail("gather_nd", "indices must have rank >= 1 and a known last dim", indices)
    if i[-1] > len(p):
        raise fail("gather_nd", f"index innermost dimension length must be <= params rank; "
                   f"saw: {i[-1]} vs. {len(p)}", params, indices)
    return TensorSpec(i[:-1] + p[i[-1]:], params.dtype)


def _gather_nd_kernel(params, indices):
    k = indices.shape[-1]
    if k > params.ndim:
        raise ValueError("gather_nd: index too deep")
    _check_nd("gather_nd", indices, params.shape, "param ")
    if k == 0:
        return np.broadcast_to(params, indices.shape[:-1] + params.shape).copy()
    return params[tuple(np.moveaxis(indices, -1, 0))]


GATHER_ND = def_op(
    "gather_nd", tf_name="GatherNd", kernel=_gather_nd_kernel, infer=_gather_nd_infer,
    grad=lambda g, y, params, indices: (scatter_nd(indices, g, params.shape.as_list()), None),
    traits=OPAQUE,
)


def _with_batch_coords(indices, batch: list):
    """Prepends each index with the coordinates of its batch position."""
    lead = np.moveaxis(np.indices(batch), 0, -1)
    rest = indices.shape.as_list()[len(batch):-1]
    lead = lead.reshape(batch + [1] * len(rest) + [len(batch)])
    lead = np.broadcast_to(lead, batch + rest + [len(batch)]).astype(indices.dtype._np)
    return array_join.concat([convert.convert_to_tensor(lead), indices], axis=-1)


def gather_nd(params, indices, batch_dims=0, name=None):
    """Gathers elements or slices of `params` at N-d `indices` (the last axis of `indices`
    holds the coordinates).

    Raises:
        InvalidArgumentError: for an index that does not point into params.

    Example:
        >>> import tensorlet as tf
        >>> tf.gather_nd(tf.constant([[1, 2], [3, 4]]), [[0, 1], [1, 0]]).numpy()
        array([2, 3], dtype=int32)
    """
    batch_dims = array_shape.int_attr(batch_dims)
    if batch_dims:
        if not convert.is_tensor_like(indices):
            indices = convert.convert_to_tensor(indices)
        if not convert.is_tensor_like(params):
            params = convert.convert_to_tensor(params)
        indices = _with_batch_coords(indices, params.shape.as_list()[:batch_dims])
    return execute(GATHER_ND, (params, indices), name=name)


def _scatter_check(op: str, shape: list, indices: TensorSpec, updates: TensorSpec) -> None:
    _check_index_dtype(op, indices)
    i, u = indices.shape.as_list(), updates.shape.as_list()
    k = i[-1] if i else 0
    if k > len(shape):
        raise fail(op, f"index innermost dimension length must be <= shape rank; saw: {k} vs. "
                   f"{len(shape)}", indices)
    outer = len(i) - 1
    if not TensorShape(u[:outer]).is_compatible_with(i[:-1]):
        raise fail(op, f"Outer dimensions of indices and update must match. Indices shape: "
                   f"[{','.join(map(str, i))}], updates shape:[{','.join(map(str, u))}]",
                   indices, updates)
    if not TensorShape(u[outer:]).is_compatible_with(shape[k:]):
        raise fail(op, f"Dimensions [{k},{len(shape)}) of input[shape=[{','.join(map(str, shape))}"
                   f"]] must match dimensions [{outer},{len(u)}) of updates[shape="
                   f"[{','.join(map(str, u))}]]", indices, updates)


def _scatter_nd_infer(indices: TensorSpec, updates: TensorSpec, shape=()) -> TensorSpec:
    _scatter_check("scatter_nd", list(shape), indices, updates)
    return TensorSpec(shape, updates.dtype)


def _scatter_into(op: str, out, indices, updates, add: bool):
    k = indices.shape[-1]
    if updates.shape != indices.shape[:-1] + out.shape[k:]:
        raise ValueError(f"{op}: updates do not fit")
    _check_nd(op, indices, out.shape, "")
    where = tuple(np.moveaxis(indices, -1, 0))
    if add:
        np.add.at(out, where, updates)
    else:
        out[where] = updates
    return out


def _scatter_nd_kernel(indices, updates, shape=()):
    return _scatter_into("scatter_nd", np.zeros(shape, updates.dtype), indices, updates, True)


SCATTER_ND = def_op(
    "scatter_nd", tf_name="ScatterNd", kernel=_scatter_nd_kernel, infer=_scatter_nd_infer,
    grad=lambda g, y, indices, updates, shape=(): (None, gather_nd(g, indices)),
    traits=OPAQUE, attrs={"shape": ()},
)


def scatter_nd(indices, updates, shape, name=None):
    """A zero tensor of `shape` with `updates` added at the N-d `indices` (duplicates sum).

    Example:
        >>> import tensorlet as tf
        >>> tf.scatter_nd([[0], [2], [0]], [1., 2., 3.], [4]).numpy()
        array([4., 0., 2., 0.], dtype=float32)
    """
    shape_dtype = getattr(shape, "dtype", None)
    if convert.is_tensor_like(shape) and convert.is_tensor_like(indices) and \
            shape_dtype != indices.dtype:
        raise InvalidArgumentError(
            f"cannot compute ScatterNd as input #2(zero-based) was expected to be a "
            f"{indices.dtype.name} tensor but is a {shape_dtype.name} tensor [Op:ScatterNd]\n"
            f"scatter_nd: indices and shape must have one dtype")
    return execute(SCATTER_ND, (indices, updates), {"shape": array_ops.shape_attr(shape)},
                   name=name)


def _tensor_scatter_infer(op: str):
    def infer(tensor: TensorSpec, indices: TensorSpec, updates: TensorSpec) -> TensorSpec:
        _scatter_check(op, tensor.shape.as_list(), indices, updates)
        return TensorSpec(tensor.shape, tensor.dtype)

    return infer


TENSOR_SCATTER_UPDATE = def_op(
    "tensor_scatter_nd_update", tf_name="TensorScatterUpdate",
    kernel=lambda t, i, u: _scatter_into("tensor_scatter_nd_update", t.copy(), i, u, False),
    infer=_tensor_scatter_infer("tensor_scatter_nd_update"), traits=OPAQUE, dtype_group=(0, 2),
    grad=lambda g, y, t, i, u: (tensor_scatter_nd_update(g, i, array_ops.zeros_like(u)), None,
                                gather_nd(g, i)),
)
TENSOR_SCATTER_ADD = def_op(
    "tensor_scatter_nd_add", tf_name="TensorScatterAdd",
    kernel=lambda t, i, u: _scatter_into("tensor_scatter_nd_add", t.copy(), i, u, True),
    infer=_tensor_scatter_infer("tensor_scatter_nd_add"), traits=OPAQUE, dtype_group=(0, 2),
    grad=lambda g, y, t, i, u: (g, None, gather_nd(g, i)),
)


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """A copy of `tensor` with `updates` written at the N-d `indices`.

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1., 2.], [3., 4.]])
        >>> tf.tensor_scatter_nd_update(t, [[0, 1]], [9.]).numpy()
        array([[1., 9.],
               [3., 4.]], dtype=float32)
    """
    return execute(TENSOR_SCATTER_UPDATE, (tensor, indices, updates), name=name)


def tensor_scatter_nd_add(tensor, indices, updates, name=None):
    """A copy of `tensor` with `updates` added at the N-d `indices` (duplicates sum).

    Example:
        >>> import tensorlet as tf
        >>> tf.tensor_scatter_nd_add(tf.constant([1, 2]), [[1], [1]], [5, 5]).numpy()
        array([ 1, 12], dtype=int32)
    """
    return execute(TENSOR_SCATTER_ADD, (tensor, indices, updates), name=name)

