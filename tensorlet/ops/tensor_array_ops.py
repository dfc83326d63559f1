"""TensorArray primitives for traced functions: a TensorArray held as two tensors.

Inside `tf.function` a TensorArray is a *buffer* (its elements stacked: `[size, *element]`) and
its *size* (an int32 scalar), so it can be a loop variable of `tf.while_loop` and flows through
the tape like any tensor (TF's TensorList, with dense storage). A buffer of rank 0 means "nothing
written yet and the element shape unknown" (an uninitialized TensorList): the first write gives
it its shape. Kernels are pure: a write returns a new buffer.

The buffer's static shape is always unknown (loop variables keep one spec across iterations);
the element shape the TensorArray knows statically travels in the `element_shape` attribute.
The eager TensorArray (`tensorlet.tensor_array`) keeps a Python list, as TF does, and does not
use these ops. Error texts are those of TF 2.21's TensorList kernels.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ._rules import fail

__all__: list = []

_UNKNOWN = TensorShape(None)
_SIZE = TensorSpec([], dtypes.int32)


class ElementShape:
    """The element shape one TensorArray lineage has learned so far, shared by its values.

    `tensor_array_reserve` reads it when it runs (after the whole trace), so a buffer is
    allocated with the element shape that writes later in the trace (a loop body) revealed.
    Hashable by identity, like every op attribute must be.
    """

    __slots__ = ("shape",)

    def __init__(self, shape: TensorShape) -> None:
        self.shape = shape

    def __repr__(self) -> str:
        return f"ElementShape({self.shape})"


def shape_attr(shape: TensorShape):
    """A static shape as a hashable attribute: a tuple (None for unknown dims), or None."""
    return None if shape.rank is None else tuple(shape.as_list())


def shape_text(shape) -> str:
    """TF's PartialTensorShape text: `<unknown>`, `[?,2]`."""
    if shape is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def _known(shape) -> bool:
    return shape is not None and None not in shape


def _zeros(shape, dtype: np.dtype) -> np.ndarray:
    if dtype.kind == "O":
        return np.full(shape, b"", dtype=object)
    return np.zeros(shape, dtype)


def _check_index(op: str, index: TensorSpec, rank: int) -> None:
    if not index.dtype.is_integer or (index.shape.rank is not None and index.shape.rank != rank):
        what = "scalar" if rank == 0 else "vector"
        raise fail(op, f"the index must be an integer {what}", index)


def _buffer_out(buffer: TensorSpec) -> list:
    return [TensorSpec(_UNKNOWN, buffer.dtype), _SIZE]


def _elements_of(element_shape) -> TensorShape:
    return TensorShape(None if element_shape is None else list(element_shape))


# --- reserve --------------------------------------------------------------------------------

def _reserve_kernel(size, dtype=None, element_shape=None):
    n = max(int(size), 0)
    shape = element_shape.shape
    if shape.is_fully_defined():
        buffer = _zeros((n, *shape.as_list()), dtype._np)
    else:
        buffer = _zeros((), dtype._np)
    return buffer, np.array(n, np.int32)


def _reserve_infer(size, dtype=None, element_shape=None):
    _check_index("tensor_array_reserve", size, 0)
    return [TensorSpec(_UNKNOWN, dtype), _SIZE]


RESERVE = def_op("tensor_array_reserve", tf_name="TensorListReserve", kernel=_reserve_kernel,
                 infer=_reserve_infer, grad=NONDIFF, traits=OPAQUE, num_outputs=2,
                 attrs={"dtype": dtypes.float32, "element_shape": None})


# --- write / scatter --------------------------------------------------------------------------

def _grown(buffer, size, rows: np.ndarray, item_shape: tuple, dynamic_size: bool):
    """A copy of the buffer with room for `rows` (checked), in the items' shape."""
    n = int(size)
    for i in rows.tolist():
        if i < 0 or (i >= n and not dynamic_size):
            raise InvalidArgumentError(f"Trying to modify element {i} in a list with {n} "
                                       f"elements.")
    total = max([n, *(i + 1 for i in rows.tolist())])
    if buffer.ndim == 0:
        return _zeros((total, *item_shape), buffer.dtype)
    if buffer.shape[1:] != item_shape:
        raise InvalidArgumentError(
            f"Tried to set a tensor with incompatible shape at a list index. Item element "
            f"shape: {list(item_shape)} list shape: {list(buffer.shape[1:])}")
    if total == n:
        return buffer.copy()
    out = _zeros((total, *item_shape), buffer.dtype)
    out[:n] = buffer
    return out


def _write_kernel(buffer, size, index, value, dynamic_size=False):
    out = _grown(buffer, size, np.reshape(index, (1,)), value.shape, dynamic_size)
    out[int(index)] = value
    return out, np.array(out.shape[0], np.int32)


def _write_infer(buffer, size, index, value, dynamic_size=False):
    _check_index("tensor_array_write", index, 0)
    return _buffer_out(buffer)


def _write_grad(gs, ys, buffer, size, index, value, dynamic_size=False):
    g = gs[0]
    return (mask_rows(g, buffer, index), None, None,
            read(g, ys[1], index, shape_attr(value.shape)))


WRITE = def_op("tensor_array_write", tf_name="TensorListSetItem", kernel=_write_kernel,
               infer=_write_infer, grad=_write_grad, traits=OPAQUE, num_outputs=2,
               attrs={"dynamic_size": False}, dtype_group=(0, 3))


def _scatter_kernel(buffer, size, indices, value, dynamic_size=False):
    if indices.ndim != 1 or value.ndim == 0 or indices.shape[0] != value.shape[0]:
        rows = value.shape[0] if value.ndim else 0
        raise InvalidArgumentError(f"Expected len(indices) == tensor.shape[0], but saw: "
                                   f"{indices.size} vs. {rows}")
    out = _grown(buffer, size, indices, value.shape[1:], dynamic_size)
    out[indices] = value
    return out, np.array(out.shape[0], np.int32)


def _scatter_infer(buffer, size, indices, value, dynamic_size=False):
    _check_index("tensor_array_scatter", indices, 1)
    if value.shape.rank == 0:
        raise fail("tensor_array_scatter", "the value must be at least a vector", value)
    return _buffer_out(buffer)


def _scatter_grad(gs, ys, buffer, size, indices, value, dynamic_size=False):
    g = gs[0]
    return (mask_rows(g, buffer, indices), None, None,
            gather(g, ys[1], indices, shape_attr(value.shape[1:])))


SCATTER = def_op("tensor_array_scatter", tf_name="TensorListScatterIntoExistingList",
                 kernel=_scatter_kernel, infer=_scatter_infer, grad=_scatter_grad,
                 traits=OPAQUE, num_outputs=2, attrs={"dynamic_size": False},
                 dtype_group=(0, 3))


def _mask_rows_kernel(g, like, indices):
    if like.ndim == 0:
        return _zeros((), like.dtype)
    out = _zeros(like.shape, like.dtype)
    if g.ndim:
        m = min(g.shape[0], like.shape[0])
        out[:m] = g[:m]
    rows = np.reshape(indices, (-1,))
    out[rows[(rows >= 0) & (rows < out.shape[0])]] = 0
    return out


def _mask_rows_infer(g, like, indices):
    return TensorSpec(like.shape, like.dtype)


# NOTE: the op is its own adjoint: <mask(g, like), h> sums g[r] * h[r] over the rows both have,
# except `indices`, which is <g, mask(h, g)>.
MASK_ROWS = def_op("tensor_array_mask_rows", tf_name="TensorListMaskRows",
                   kernel=_mask_rows_kernel, infer=_mask_rows_infer,
                   grad=lambda g, y, x, like, indices: (mask_rows(g, x, indices), None, None),
                   traits=OPAQUE, dtype_group=(0, 1))


def mask_rows(g, like, indices):
    """The gradient of an overwritten buffer: `g`'s rows that `like` has, `indices` zeroed."""
    return execute(MASK_ROWS, [g, like, indices])


# --- read / gather / stack / concat -------------------------------------------------------------

def _require_known(text: str, element_shape) -> None:
    """An uninitialized buffer reads as zeros only when the element shape is fully known."""
    if not _known(element_shape):
        raise InvalidArgumentError(text.format(shape=shape_text(element_shape)))


def _read_kernel(buffer, size, index, element_shape=None):
    i, n = int(index), int(size)
    if i < 0 or i >= n:
        raise InvalidArgumentError(f"Trying to access element {i} in a list with {n} elements.")
    if buffer.ndim == 0:
        _require_known("Trying to read an uninitialized tensor but element_shape is not fully "
                       "defined: {shape} and no list element is set.", element_shape)
        return _zeros(element_shape, buffer.dtype)
    return buffer[i]


def _read_infer(buffer, size, index, element_shape=None):
    _check_index("tensor_array_read", index, 0)
    return TensorSpec(_elements_of(element_shape), buffer.dtype)


READ = def_op("tensor_array_read", tf_name="TensorListGetItem", kernel=_read_kernel,
              infer=_read_infer, traits=OPAQUE, attrs={"element_shape": None},
              grad=lambda g, y, b, s, i, element_shape=None:
              (put(g, b, s, i, "read", element_shape), None, None))


def read(buffer, size, index, element_shape):
    return execute(READ, [buffer, size, index], {"element_shape": element_shape})


def _gather_kernel(buffer, size, indices, element_shape=None):
    n = int(size)
    for i in np.reshape(indices, (-1,)).tolist():
        if i < 0 or i >= n:
            raise InvalidArgumentError(f"Index {i} out o range; list only has {n} elements.")
    if buffer.ndim == 0:
        _require_known("Tried to gather uninitialized tensors from a list with "
                       "non-fully-defined element_shape: {shape}", element_shape)
        return _zeros((indices.size, *element_shape), buffer.dtype)
    return buffer[indices]


def _gather_infer(buffer, size, indices, element_shape=None):
    _check_index("tensor_array_gather", indices, 1)
    rows = TensorShape([indices.shape[0] if indices.shape.rank else None])
    return TensorSpec(rows.concatenate(_elements_of(element_shape)), buffer.dtype)


GATHER = def_op("tensor_array_gather", tf_name="TensorListGather", kernel=_gather_kernel,
                infer=_gather_infer, traits=OPAQUE, attrs={"element_shape": None},
                grad=lambda g, y, b, s, i, element_shape=None:
                (put(g, b, s, i, "gather", element_shape), None, None))


def gather(buffer, size, indices, element_shape):
    return execute(GATHER, [buffer, size, indices], {"element_shape": element_shape})


def _stack_kernel(buffer, size, element_shape=None, num_elements=None):
    n = int(size)
    if buffer.ndim == 0:
        text = ("Tried to stack elements of an empty list with non-fully-defined "
                "element_shape: {shape}") if n == 0 else (
            "Tried to stack list which only contains uninitialized tensors and has a "
            "non-fully-defined element_shape: {shape}")
        _require_known(text, element_shape)
        return _zeros((n, *element_shape), buffer.dtype)
    if num_elements is not None and n != num_elements:
        raise InvalidArgumentError(f"Operation expected a list with {num_elements} elements "
                                   f"but got a list with {n} elements.")
    return buffer


def _stack_infer(buffer, size, element_shape=None, num_elements=None):
    return TensorSpec(TensorShape([num_elements]).concatenate(_elements_of(element_shape)),
                      buffer.dtype)


STACK = def_op("tensor_array_stack", tf_name="TensorListStack", kernel=_stack_kernel,
               infer=_stack_infer, traits=OPAQUE,
               attrs={"element_shape": None, "num_elements": None},
               grad=lambda g, y, b, s, element_shape=None, num_elements=None:
               (put(g, b, s, _NO_ROWS, "stack", element_shape), None))


def stack(buffer, size, element_shape, num_elements=None):
    return execute(STACK, [buffer, size], {"element_shape": element_shape,
                                           "num_elements": num_elements})


_SCALARS = "Concat saw a scalar shape at index 0 but requires at least vectors."


def _concat_kernel(buffer, size, element_shape=None, num_elements=None):
    if buffer.ndim == 1 or element_shape == ():
        raise InvalidArgumentError(_SCALARS)
    if buffer.ndim == 0:
        _require_known("Trying to concat list with only uninitialized tensors but "
                       "element_shape_except_first_dim is not fully defined: {shape}",
                       element_shape and element_shape[1:])
        _require_known("Trying to concat list with only uninitialized tensors but the first "
                       "dimension of element_shape is not defined: {shape}", element_shape)
        return _zeros((int(size) * element_shape[0], *element_shape[1:]), buffer.dtype)
    return buffer.reshape((-1, *buffer.shape[2:]))


def _concat_infer(buffer, size, element_shape=None, num_elements=None):
    if element_shape is None:
        return TensorSpec(_UNKNOWN, buffer.dtype)
    if not element_shape:
        raise InvalidArgumentError(_SCALARS)
    first = element_shape[0]
    rows = None if num_elements is None or first is None else num_elements * first
    return TensorSpec([rows, *element_shape[1:]], buffer.dtype)


CONCAT = def_op("tensor_array_concat", tf_name="TensorListConcatV2", kernel=_concat_kernel,
                infer=_concat_infer, traits=OPAQUE,
                attrs={"element_shape": None, "num_elements": None},
                grad=lambda g, y, b, s, element_shape=None, num_elements=None:
                (put(g, b, s, _NO_ROWS, "concat", element_shape), None))


def concat(buffer, size, element_shape, num_elements=None):
    return execute(CONCAT, [buffer, size], {"element_shape": element_shape,
                                            "num_elements": num_elements})


# --- put: the gradient of a read with respect to the buffer -------------------------------------

_NO_ROWS = np.zeros((0,), np.int32)


def _put_kernel(g, buffer, size, indices, mode="read", element_shape=None):
    if buffer.ndim == 0:
        return _zeros((), buffer.dtype)
    if mode == "stack":
        return g
    if mode == "concat":
        return g.reshape(buffer.shape)
    out = np.zeros_like(buffer)
    np.add.at(out, indices, g)
    return out


def _put_infer(g, buffer, size, indices, mode="read", element_shape=None):
    return TensorSpec(_UNKNOWN, buffer.dtype)


def _put_grad(gg, y, g, buffer, size, indices, mode="read", element_shape=None):
    if mode == "read":
        back = read(gg, size, indices, element_shape)
    elif mode == "gather":
        back = gather(gg, size, indices, element_shape)
    elif mode == "stack":
        back = stack(gg, size, element_shape)
    else:
        back = concat(gg, size, element_shape)
    return back, None, None, None


PUT = def_op("tensor_array_put", tf_name="TensorListPut", kernel=_put_kernel,
             infer=_put_infer, grad=_put_grad, traits=OPAQUE, dtype_group=(0, 1),
             attrs={"mode": "read", "element_shape": None})


def put(g, buffer, size, indices, mode: str, element_shape):
    """The buffer-shaped gradient of a read, gather, stack or concat (`mode`) of `buffer`."""
    return execute(PUT, [g, buffer, size, indices], {"mode": mode,
                                                     "element_shape": element_shape})


# --- unstack / split: a buffer from a tensor ------------------------------------------------

def _check_count(size, rows: int, dynamic_size: bool) -> None:
    n = int(size)
    if not dynamic_size and rows > n:
        raise InvalidArgumentError(f"Operation expected a list with {n} elements but got a list "
                                   f"with {rows} elements.")


def _unstack_kernel(value, size, dynamic_size=False):
    if value.ndim == 0:
        raise InvalidArgumentError("Tensor must be at least a vector, but saw shape: []")
    _check_count(size, value.shape[0], dynamic_size)
    return value, np.array(value.shape[0], np.int32)


def _unstack_infer(value, size, dynamic_size=False):
    if value.shape.rank == 0:
        raise fail("tensor_array_unstack", "Tensor must be at least a vector, but saw shape: []",
                   value)
    return [TensorSpec(_UNKNOWN, value.dtype), _SIZE]


UNSTACK = def_op("tensor_array_unstack", tf_name="TensorListFromTensor",
                 kernel=_unstack_kernel, infer=_unstack_infer, traits=OPAQUE, num_outputs=2,
                 attrs={"dynamic_size": False},
                 grad=lambda gs, ys, value, size, dynamic_size=False:
                 (restore(gs[0], value), None))


def _split_kernel(value, lengths, size, dynamic_size=False):
    if value.ndim == 0:
        raise InvalidArgumentError("Expected value to be at least a vector, but received "
                                   "shape: []")
    total = int(np.sum(lengths))
    if total != value.shape[0]:
        raise InvalidArgumentError(
            f"Expected sum of lengths to be equal to values.shape[0], but sum of lengths is "
            f"{total} and value's shape is: {list(value.shape)}")
    if lengths.size and np.any(lengths != lengths[0]):
        raise InvalidArgumentError(
            f"tensor_array_split: inside tf.function a TensorArray holds elements of one shape; "
            f"got lengths {lengths.tolist()}. Split into equal lengths, or split eagerly")
    _check_count(size, lengths.size, dynamic_size)
    rows = int(lengths[0]) if lengths.size else 0
    return (value.reshape((lengths.size, rows, *value.shape[1:])),
            np.array(lengths.size, np.int32))


def _split_infer(value, lengths, size, dynamic_size=False):
    _check_index("tensor_array_split", lengths, 1)
    return [TensorSpec(_UNKNOWN, value.dtype), _SIZE]


SPLIT = def_op("tensor_array_split", tf_name="TensorListSplit", kernel=_split_kernel,
               infer=_split_infer, traits=OPAQUE, num_outputs=2, attrs={"dynamic_size": False},
               grad=lambda gs, ys, value, lengths, size, dynamic_size=False:
               (restore(gs[0], value), None, None))


def _restore_infer(g, like):
    return TensorSpec(like.shape, like.dtype)


# NOTE: a reshape back to `like`'s shape: its adjoint is the reshape back to `g`'s shape.
RESTORE = def_op("tensor_array_restore", tf_name="Reshape",
                 kernel=lambda g, like: np.reshape(g, like.shape), infer=_restore_infer,
                 grad=lambda gg, y, g, like: (restore(gg, g), None), traits=OPAQUE,
                 dtype_group=(0, 1))


def restore(g, like):
    """The gradient of a buffer made from the tensor `like`, in `like`'s (static) shape."""
    return execute(RESTORE, [g, like])
