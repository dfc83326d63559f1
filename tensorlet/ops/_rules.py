"""Shape/dtype rules shared by several op families.

Dtype groups and allowed dtypes are checked by `core.dispatch.check_dtypes` before a rule runs,
so these rules only work out shapes (and dtypes that are not the group's).
"""

from __future__ import annotations

from ..core import dtypes
from ..core.errors import InvalidArgumentError
from ..core.shape import TensorShape, broadcast_static_shape
from ..core.spec import TensorSpec

__all__ = ["same_as_input", "broadcast_binary", "broadcast_to_bool", "to_dtype",
           "normalize_axis", "reduce_shape", "fail"]


def fail(op: str, message: str, *specs) -> InvalidArgumentError:
    """An InvalidArgumentError that names the op, the problem and the input specs."""
    got = ", ".join(s.short() for s in specs)
    return InvalidArgumentError(f"{op}: {message}" + (f" (got {got})" if specs else ""))


def same_as_input(x: TensorSpec, **attrs) -> TensorSpec:
    """Elementwise unary ops: the output has the input's shape and dtype."""
    return TensorSpec(x.shape, x.dtype)


def _broadcast(op: str, x: TensorSpec, y: TensorSpec) -> TensorShape:
    try:
        return broadcast_static_shape(x.shape, y.shape)
    except ValueError:
        raise fail(op, f"Incompatible shapes: {x.shape.as_list()} vs. {y.shape.as_list()}",
                   x, y) from None


def broadcast_binary(op: str):
    """Elementwise binary ops: the broadcast shape, the inputs' dtype."""

    def infer(x: TensorSpec, y: TensorSpec, **attrs) -> TensorSpec:
        return TensorSpec(_broadcast(op, x, y), x.dtype)

    return infer


def broadcast_to_bool(op: str):
    """Comparisons and logical ops: the broadcast shape, dtype bool."""

    def infer(x: TensorSpec, y: TensorSpec, **attrs) -> TensorSpec:
        return TensorSpec(_broadcast(op, x, y), dtypes.bool)

    return infer


def to_dtype(dtype):
    """Elementwise unary ops with a fixed output dtype (is_nan: bool)."""
    dtype = dtypes.as_dtype(dtype)

    def infer(x: TensorSpec, **attrs) -> TensorSpec:
        return TensorSpec(x.shape, dtype)

    return infer


def normalize_axis(op: str, axis, rank: int | None, spec: TensorSpec | None = None) -> tuple:
    """Returns `axis` (None, an int or a list) as a sorted tuple of non-negative axes."""
    if rank is None:
        raise fail(op, "the input rank must be known")
    if axis is None:
        return tuple(range(rank))
    axes = [axis] if isinstance(axis, int) else list(axis)
    out = set()
    for a in axes:
        if not isinstance(a, int) or isinstance(a, bool):
            raise fail(op, f"axis must be an int or a list of ints, got {axis!r}")
        if not -max(rank, 1) <= a < max(rank, 1):
            extra = (spec,) if spec is not None else ()
            raise fail(op, f"Invalid reduction dimension {a} for input with {rank} dimensions",
                       *extra)
        out.add(a % max(rank, 1))
    return tuple(sorted(out))


def reduce_shape(shape: TensorShape, axes: tuple, keepdims: bool) -> TensorShape:
    dims = shape.as_list()
    if keepdims:
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])
