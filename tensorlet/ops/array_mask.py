"""`boolean_mask` (also `t[bool_tensor]`) and the scatter that is its gradient."""

from __future__ import annotations

import numpy as np

from ..core import convert
from ..core.dispatch import execute
from ..core.registry import OPAQUE, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ._rules import fail

__all__ = ["boolean_mask"]


def _masked_infer(x: TensorSpec, mask: TensorSpec, axis=0) -> TensorSpec:
    dims, k = x.shape.as_list(), mask.shape.rank
    if mask.dtype.name == "string":
        raise fail("boolean_mask", "Value for attr 'T' of string is not in the list of allowed "
                   "values: the mask must be a bool (or numeric) tensor", x, mask)
    if k == 0 or axis + k > len(dims):
        raise fail("boolean_mask", f"a mask of rank {k} does not fit axis {axis} of a tensor of "
                   f"rank {len(dims)}", x, mask)
    if not TensorShape(dims[axis:axis + k]).is_compatible_with(mask.shape):
        raise fail("boolean_mask", f"Shapes {TensorShape(dims[axis:axis + k])} and "
                   f"{mask.shape} are incompatible", x, mask)
    return TensorSpec(dims[:axis] + [None] + dims[axis + k:], x.dtype)


def _flat_mask(x, mask, axis: int) -> tuple:
    """`x` with the masked axes merged into one, and the mask as a flat bool vector."""
    k = mask.ndim
    if x.shape[axis:axis + k] != mask.shape:
        raise ValueError("boolean_mask: mask shape does not fit")
    flat = x.reshape(x.shape[:axis] + (int(np.prod(mask.shape)),) + x.shape[axis + k:])
    return flat, mask.reshape(-1).astype(bool, copy=False)


def _mask_kernel(x, mask, axis=0):
    if mask.dtype.kind == "O":
        raise TypeError("boolean_mask: a string mask")
    flat, m = _flat_mask(x, mask, axis)
    return np.compress(m, flat, axis=axis)


def _mask_grad_kernel(g, x, mask, axis=0):
    flat, m = _flat_mask(np.zeros(x.shape, dtype=g.dtype), mask, axis)
    flat[(slice(None),) * axis + (m,)] = g
    return flat.reshape(x.shape)


BOOLEAN_MASK = def_op(
    "boolean_mask", tf_name="BooleanMask", kernel=_mask_kernel, infer=_masked_infer,
    grad=lambda g, y, x, mask, axis=0: (
        execute(BOOLEAN_MASK_GRAD, (g, x, mask), {"axis": axis}), None),
    traits=OPAQUE, attrs={"axis": 0},
)
BOOLEAN_MASK_GRAD = def_op(
    "boolean_mask_grad", tf_name="BooleanMaskGrad", kernel=_mask_grad_kernel,
    infer=lambda g, x, mask, axis=0: TensorSpec(x.shape, g.dtype),
    grad=lambda gg, y, g, x, mask, axis=0: (
        execute(BOOLEAN_MASK, (gg, mask), {"axis": axis}), None, None),
    traits=OPAQUE, attrs={"axis": 0},
)


def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """Keeps the entries of `tensor` where `mask` is True.

    `mask` covers the axes `axis .. axis + mask.ndim - 1` of `tensor`; these axes become one
    axis holding the kept entries in row-major order.

    Raises:
        ValueError: for a scalar mask, or a mask whose shape does not match those axes.

    Example:
        >>> import tensorlet as tf
        >>> tf.boolean_mask(tf.constant([[1, 2], [3, 4]]), [True, False]).numpy()
        array([[1, 2]], dtype=int32)
    """
    if not convert.is_tensor_like(tensor):
        tensor = convert.convert_to_tensor(tensor)
    if not convert.is_tensor_like(mask):
        mask = convert.convert_to_tensor(mask)
    k = mask.shape.rank
    if k == 0:
        raise ValueError("mask cannot be scalar.")
    axis = 0 if axis is None else int(getattr(axis, "_value", axis))
    if axis < 0:
        axis += tensor.shape.rank
    part = tensor.shape[axis:axis + k]
    if not part.is_compatible_with(mask.shape):
        raise ValueError(f"Shapes {part} and {mask.shape} are incompatible")
    return execute(BOOLEAN_MASK, (tensor, mask), {"axis": axis}, name=name)
