"""Shapes known only when a traced function runs: fill, reshape, broadcast_to, range, slices
with tensor bounds, tile, and the gradients of broadcasting and gather.

Most shape arguments are attributes of their op, fixed when the function is traced (directly,
or as the static value of `tf.shape` arithmetic, graph/static_value.py). A function traced with
an unknown dim (`input_signature=[tf.TensorSpec([None, 784])]`) computes some shapes only at run
time: `tf.zeros([tf.shape(x)[0], 10])`. For those the public ops switch to the primitives below,
which take the shape (or a slice bound, or a segment count) as an integer tensor input, as TF's
Fill, Reshape, BroadcastTo, Range, StridedSlice and UnsortedSegmentSum do. Their output shapes
keep every dim that is known when traced (`known`, an attribute: the `None`s are the dims
computed at run time). random_run_time.py does the same for the random ops.
"""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from ..core.tensor import Tensor
from . import array_join, array_shape
from . import math_cast as cast_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__: list = []

_SHAPE_DTYPES = frozenset({np.dtype(np.int32), np.dtype(np.int64)})


# --- telling a run-time shape from a traced one ------------------------------------------------

def _is_traced(x) -> bool:
    return isinstance(x, Tensor) and not hasattr(x, "_value")


def _static(x):
    """The value of an eager tensor, or a traced one's static value (None if not fixed)."""
    value = getattr(x, "_value", None)
    if value is not None:
        return value
    static = getattr(x, "_static_value", None)
    return None if static is None else static()


def is_run_time(shape) -> bool:
    """Whether a shape argument (a tensor or a list of dims) holds a traced value that is not
    fixed when traced, so only a run-time shape op can use it."""
    if _is_traced(shape):
        return _static(shape) is None
    if isinstance(shape, (list, tuple)):
        return any(_is_traced(d) and _static(d) is None for d in shape)
    return False


def known_dims(shape) -> tuple:
    """The dims of a shape argument known when traced (None for the others)."""
    if isinstance(shape, (list, tuple)):
        return tuple(_known_dim(d) for d in shape)
    static = _static(shape)
    if static is not None:
        return tuple(int(d) for d in static.reshape(-1))
    node = getattr(shape, "node", None)
    if node is not None and node.kind == "op" and node.op.name == "shape":
        return tuple(node.inputs[0].spec.shape.as_list())
    if node is not None and node.kind == "op" and node.op.name == "stack":
        return tuple(_known_dim(v) for v in node.inputs)
    length = shape.shape.as_list()[0] if shape.shape.rank == 1 else None
    if length is None:
        raise fail("shape", "a run-time shape must be a 1-D tensor of known length, got "
                   f"{shape.shape}")
    return (None,) * length


def _known_dim(d):
    if not _is_traced(d):
        return int(convert.to_array(d))
    static = _static(d)
    return None if static is None else int(static)


def shape_tensor(shape):
    """A shape argument as one 1-D integer tensor (a list of dims is stacked)."""
    if isinstance(shape, Tensor):
        return shape
    parts = [d if isinstance(d, Tensor) else convert.convert_to_tensor(int(d), dtypes.int32)
             for d in shape]
    wide = any(p.dtype is dtypes.int64 for p in parts)
    parts = [cast_ops.cast(p, dtypes.int64) if wide and p.dtype is not dtypes.int64 else p
             for p in parts]
    return array_join.stack(parts)


def check_shape_input(op: str, shape: TensorSpec) -> None:
    if shape.dtype not in (dtypes.int32, dtypes.int64) or shape.shape.rank != 1:
        raise fail(op, "the shape must be a 1-D int32 or int64 tensor", shape)


def run_time_dims(op: str, shape: np.ndarray, known: tuple) -> tuple:
    """The run-time shape as a tuple, checked against the dims known when traced."""
    dims = tuple(int(d) for d in shape.reshape(-1))
    if len(dims) != len(known) or any(k is not None and k != d for k, d in zip(known, dims)):
        raise InvalidArgumentError(f"{op}: the shape {list(dims)} does not match the dims "
                                   f"known when traced {list(known)}")
    return dims


# --- fill --------------------------------------------------------------------------------------

def _fill_kernel(dims, value, known=()):
    shape = run_time_dims("fill", dims, known)
    if min(shape, default=0) < 0:
        raise InvalidArgumentError(f"fill: dims must be non-negative, got {list(shape)} "
                                   f"[Op:Fill]")
    return np.full(shape, value, dtype=value.dtype)


def _fill_infer(dims: TensorSpec, value: TensorSpec, known=()) -> TensorSpec:
    check_shape_input("fill", dims)
    if value.shape.rank not in (None, 0):
        raise fail("fill", "value must be a scalar [Op:Fill]", value)
    return TensorSpec(list(known), value.dtype)


FILL_DYNAMIC = def_op(
    "fill_dynamic", tf_name="Fill", kernel=_fill_kernel, infer=_fill_infer,
    grad=lambda g, y, dims, value, known=(): (None, reduce_ops.reduce_sum(g)),
    traits=OPAQUE, attrs={"known": ()}, fresh=True,
)


def fill(shape, value):
    """`value` (a scalar tensor) everywhere in a shape computed at run time."""
    return execute(FILL_DYNAMIC, (shape_tensor(shape), value), {"known": known_dims(shape)})


# --- reshape -----------------------------------------------------------------------------------

def _reshape_kernel(x, shape, known=()):
    return np.reshape(x, run_time_dims("reshape", shape, known))


def _reshape_infer(x: TensorSpec, shape: TensorSpec, known=()) -> TensorSpec:
    check_shape_input("reshape", shape)
    if list(known).count(-1) > 1:
        raise fail("reshape", f"Only one input size may be -1, in shape {list(known)}", x)
    dims = [None if d == -1 else d for d in known]
    total = x.shape.num_elements() if x.shape.is_fully_defined() else None
    rest = [d for d in dims if d is not None]
    if total is not None and -1 in known and len(rest) == len(dims) - 1:
        product = int(np.prod(rest)) if rest else 1
        dims[list(known).index(-1)] = total // product if product else 0
    return TensorSpec(dims, x.dtype)


RESHAPE_DYNAMIC = def_op(
    "reshape_dynamic", tf_name="Reshape", kernel=_reshape_kernel, infer=_reshape_infer,
    grad=lambda g, y, x, shape, known=(): (reshape(g, array_shape.shape(x)), None),
    traits=OPAQUE, attrs={"known": ()},
)


def reshape(x, shape):
    """`x` reshaped to a shape computed at run time (one dim may be -1)."""
    return execute(RESHAPE_DYNAMIC, (x, shape_tensor(shape)), {"known": known_dims(shape)})


# --- broadcast_to and its gradient, sum_to -----------------------------------------------------

def _broadcast_kernel(x, shape, known=()):
    return np.broadcast_to(x, run_time_dims("broadcast_to", shape, known))


def _broadcast_infer(x: TensorSpec, shape: TensorSpec, known=()) -> TensorSpec:
    check_shape_input("broadcast_to", shape)
    if x.shape.rank is not None and x.shape.rank > len(known):
        raise fail("broadcast_to", f"cannot broadcast a tensor of rank {x.shape.rank} to a "
                   f"shape of rank {len(known)}", x)
    return TensorSpec(list(known), x.dtype)


def _sum_to_kernel(g, shape, known=()):
    """`g` summed over the axes along which a tensor of `shape` was broadcast to it."""
    target = tuple(int(d) for d in shape.reshape(-1))
    lead = g.ndim - len(target)
    axes = tuple(range(lead)) + tuple(lead + i for i, d in enumerate(target)
                                      if d == 1 and g.shape[lead + i] != 1)
    total = reduce_ops.REDUCE_SUM.raw_kernel(g, axis=axes) if axes else g
    return np.array(total).reshape(target)


BROADCAST_TO_DYNAMIC = def_op(
    "broadcast_to_dynamic", tf_name="BroadcastTo", kernel=_broadcast_kernel,
    infer=_broadcast_infer,
    grad=lambda g, y, x, shape, known=(): (sum_to(g, array_shape.shape(x), x.shape), None),
    traits=OPAQUE, attrs={"known": ()},
)

SUM_TO = def_op(
    "sum_to", tf_name="Sum", kernel=_sum_to_kernel,
    infer=lambda g, shape, known=(): TensorSpec(list(known), g.dtype),
    grad=lambda gg, y, g, shape, known=(): (broadcast_to(gg, array_shape.shape(g)), None),
    traits=OPAQUE, attrs={"known": ()}, fresh=True, dtype_group=(0,), allowed=dtypes.NUMERIC,
)


def broadcast_to(x, shape):
    """`x` broadcast to a shape computed at run time."""
    return execute(BROADCAST_TO_DYNAMIC, (x, shape_tensor(shape)), {"known": known_dims(shape)})


def sum_to(g, shape, static_shape):
    """`g` summed down to `shape` (a run-time shape of static shape `static_shape`)."""
    return execute(SUM_TO, (g, shape), {"known": tuple(static_shape.as_list())})


# --- range -------------------------------------------------------------------------------------

def _range_kernel(start, limit, delta):
    from .array_create import _range_count

    t = start.dtype.type
    n = _range_count(start[()], limit[()], delta[()])
    return t(start) + np.arange(n, dtype=start.dtype) * t(delta)


def _range_infer(start: TensorSpec, limit: TensorSpec, delta: TensorSpec) -> TensorSpec:
    for bound in (start, limit, delta):
        if bound.shape.rank not in (None, 0):
            raise fail("range", "the bounds must be scalars [Op:Range]", bound)
    return TensorSpec([None], start.dtype)


RANGE_DYNAMIC = def_op(
    "range_dynamic", tf_name="Range", kernel=_range_kernel, infer=_range_infer, grad=NONDIFF,
    dtype_group=(0, 1, 2), allowed=(dtypes.int32, dtypes.int64, dtypes.float16, dtypes.float32,
                                    dtypes.float64),
)


def range_(start, limit, delta, dtype):
    """`start, start + delta, ...` below `limit`, with bounds computed at run time."""
    bounds = [cast_ops.cast(b, dtype) if isinstance(b, Tensor) and b.dtype is not dtype
              else b if isinstance(b, Tensor) else convert.convert_to_tensor(b, dtype)
              for b in (start, limit, delta)]
    return execute(RANGE_DYNAMIC, tuple(bounds), {})


# --- slices with run-time bounds ---------------------------------------------------------------

def _axis_key(ndim: int, axis: int, start, stop, step: int, has_start: bool, has_stop: bool,
              shrink: bool):
    if shrink:  # x[..., start, ...]: one index (negative counts from the end)
        part = int(start)
    else:
        part = slice(int(start) if has_start else None, int(stop) if has_stop else None, step)
    return (slice(None),) * axis + (part,) + (slice(None),) * (ndim - axis - 1)


def _check_index(x, start, axis: int, shrink: bool) -> None:
    if shrink and not -x.shape[axis] <= int(start) < x.shape[axis]:
        raise InvalidArgumentError(f"slice index {int(start)} of dimension {axis} out of "
                                   f"bounds. [Op:StridedSlice]")


def _slice_axis_kernel(x, start, stop, axis=0, step=1, has_start=True, has_stop=True,
                       shrink=False):
    _check_index(x, start, axis, shrink)
    return x[_axis_key(x.ndim, axis, start, stop, step, has_start, has_stop, shrink)]


def _slice_axis_grad_kernel(g, x, start, stop, axis=0, step=1, has_start=True, has_stop=True,
                            shrink=False):
    out = np.zeros(x.shape, g.dtype)
    out[_axis_key(x.ndim, axis, start, stop, step, has_start, has_stop, shrink)] = g
    return out


def _slice_axis_infer(x: TensorSpec, start: TensorSpec, stop: TensorSpec, axis=0, step=1,
                      has_start=True, has_stop=True, shrink=False) -> TensorSpec:
    for bound in (start, stop):
        if bound.dtype not in (dtypes.int32, dtypes.int64) or bound.shape.rank != 0:
            raise fail("strided_slice", "a slice bound must be an int32 or int64 scalar", bound)
    dims = x.shape.as_list()
    if shrink:
        del dims[axis]
    else:
        dims[axis] = None
    return TensorSpec(dims, x.dtype)


_SLICE_ATTRS = {"axis": 0, "step": 1, "has_start": True, "has_stop": True, "shrink": False}

SLICE_AXIS_DYNAMIC = def_op(
    "slice_axis_dynamic", tf_name="StridedSlice", kernel=_slice_axis_kernel,
    infer=_slice_axis_infer,
    grad=lambda g, y, x, start, stop, **attrs: (
        execute(SLICE_AXIS_DYNAMIC_GRAD, (g, x, start, stop), attrs), None, None),
    traits=OPAQUE, attrs=dict(_SLICE_ATTRS),
)
SLICE_AXIS_DYNAMIC_GRAD = def_op(
    "slice_axis_dynamic_grad", tf_name="StridedSliceGrad", kernel=_slice_axis_grad_kernel,
    infer=lambda g, x, start, stop, **attrs: TensorSpec(x.shape, g.dtype),
    grad=lambda gg, y, g, x, start, stop, **attrs: (
        execute(SLICE_AXIS_DYNAMIC, (gg, start, stop), attrs), None, None, None),
    traits=OPAQUE, attrs=dict(_SLICE_ATTRS), fresh=True,
)


def _bound_tensor(value):
    if value is None:
        return convert.convert_to_tensor(0, dtypes.int32)
    if isinstance(value, Tensor):
        return value
    return convert.convert_to_tensor(int(value), dtypes.int32)


def slice_axis(x, key, axis: int):
    """`x[..., key]` on `axis` for a Python slice whose bounds may be run-time scalar tensors
    (the step must be known when traced), with Python's rules for negative and outlying bounds."""
    step = 1 if key.step is None else _known_dim(key.step)
    if step is None or step == 0:
        raise fail("strided_slice", "the step of a slice must be a nonzero int known when "
                   "traced")
    attrs = {"axis": axis, "step": step, "has_start": key.start is not None,
             "has_stop": key.stop is not None}
    return execute(SLICE_AXIS_DYNAMIC, (x, _bound_tensor(key.start), _bound_tensor(key.stop)),
                   attrs)


def index_axis(x, index, axis: int):
    """`x[..., index]` on `axis` for a scalar index tensor (negative counts from the end; out
    of range raises InvalidArgumentError when the function runs)."""
    attrs = {"axis": axis, "step": 1, "has_start": True, "has_stop": False, "shrink": True}
    return execute(SLICE_AXIS_DYNAMIC, (x, index, index), attrs)


def has_run_time_bound(key) -> bool:
    """Whether a slice has a bound or step known only at run time."""
    return isinstance(key, slice) and any(
        _is_traced(b) and _static(b) is None for b in (key.start, key.stop, key.step))


# --- gather's gradient with dims known only at run time ----------------------------------------

def _segment_sum_kernel(data, ids, num_segments):
    from .array_index import SEGMENT_SUM

    return SEGMENT_SUM.raw_kernel(data, ids, num_segments=int(num_segments))


def _segment_sum_infer(data: TensorSpec, ids: TensorSpec, num_segments: TensorSpec) -> TensorSpec:
    if num_segments.dtype not in (dtypes.int32, dtypes.int64) or num_segments.shape.rank != 0:
        raise fail("unsorted_segment_sum", "num_segments must be an int32 or int64 scalar",
                   num_segments)
    if ids.shape.rank is None or data.shape.rank is None:
        return TensorSpec(None, data.dtype)
    return TensorSpec([None] + data.shape.as_list()[ids.shape.rank:], data.dtype)


SEGMENT_SUM_DYNAMIC = def_op(
    "unsorted_segment_sum_dynamic", tf_name="UnsortedSegmentSum", kernel=_segment_sum_kernel,
    infer=_segment_sum_infer, traits=OPAQUE, fresh=True,
    grad=lambda g, y, data, ids, num_segments: (_gather_axis(g, ids), None, None),
)


def gather_grad(g, params, indices, axis: int):
    """The gradient of `gather(params, indices, axis)` (batch_dims 0) when some dims are known
    only at run time: the slices of `g` summed per index into the rows of `params`."""
    rank, ri = params.shape.rank, indices.shape.rank
    if axis:  # the gathered axes first, as for known dims
        g = array_shape.transpose(g, [*range(axis, axis + ri), *range(axis),
                                      *range(axis + ri, rank + ri - 1)])
    rest = array_shape.shape(g, out_type=dtypes.int32)[ri:]
    flat_g = reshape(g, array_join.concat([[-1], rest], 0))
    n = array_shape.shape(params, out_type=dtypes.int32)[axis]
    seg = execute(SEGMENT_SUM_DYNAMIC, (flat_g, reshape(indices, [-1]), n), {})
    if axis:
        seg = array_shape.transpose(seg, [*range(1, axis + 1), 0, *range(axis + 1, rank)])
    return seg


def tile(x, multiples):
    """tf.tile with multiples known only at run time: each axis is a gather of the indices
    `range(n * m) % n`."""
    from . import math as math_ops

    multiples = shape_tensor(multiples)
    rank = x.shape.rank
    if multiples.shape.as_list() != [rank]:
        raise fail("tile", f"Expected multiples argument to be a vector of length {rank} but "
                   f"got length {multiples.shape.as_list()} [Op:Tile]")
    for axis in range(rank):
        n = array_shape.shape(x, out_type=multiples.dtype)[axis]
        count = math_ops.multiply(n, multiples[axis])
        indices = math_ops.floormod(range_(0, count, 1, multiples.dtype), n)
        x = _gather_axis(x, indices, axis)
    return x


def _gather_axis(params, ids, axis: int = 0):
    from .array_index import gather

    return gather(params, ids, axis=axis)
