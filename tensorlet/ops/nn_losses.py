"""Softmax cross-entropy with logits, dense and sparse labels: primitives, as in TF.

Why primitives and not compositions of log_softmax: TF defines their gradients directly, and
tensorlet matches them exactly. The gradient with respect to the logits is
`softmax(logits) - labels` even when a row of labels does not sum to 1 (a composition would give
`sum(labels) * softmax - labels`), and sparse labels out of range raise InvalidArgumentError when
the op runs, in graphs too. One NumPy kernel is also faster than the eight ops of the
composition. Kernels compute float16 in float32.
"""

from __future__ import annotations

import numpy as np

from ..autodiff import unbroadcast as unbroadcast_mod
from ..core import dtypes
from ..core.dispatch import execute
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array_shape as shape_ops
from . import composite
from . import math as math_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__ = ["softmax_cross_entropy_with_logits", "sparse_softmax_cross_entropy_with_logits"]

_SCE = "softmax_cross_entropy_with_logits"
_SPARSE = "sparse_softmax_cross_entropy_with_logits"
_LABEL_DTYPES = frozenset({dtypes.int32, dtypes.int64})


def _wide(x: np.ndarray) -> np.ndarray:
    return x.astype(np.float32) if x.dtype == np.float16 else x


def _shift_and_lse(logits: np.ndarray, axis: int) -> tuple:
    """`(logits - max, log(sum(exp(logits - max))))` along `axis`, kept as length-1 axis."""
    shifted = logits - logits.max(axis=axis, keepdims=True)
    return shifted, np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


# --- dense labels --------------------------------------------------------------------------

def _sce_infer(logits: TensorSpec, labels: TensorSpec, axis=-1) -> TensorSpec:
    dims, label_dims = logits.shape.as_list(), labels.shape.as_list()
    ok = len(label_dims) <= len(dims) and all(
        a is None or b is None or a in (1, b) for a, b in zip(reversed(label_dims),
                                                              reversed(dims)))
    if not ok:
        raise fail(_SCE, f"logits and labels must be broadcastable: logits_size={dims} "
                   f"labels_size={label_dims}", logits, labels)
    return TensorSpec([d for i, d in enumerate(dims) if i != axis % len(dims)], logits.dtype)


def _sce_kernel(logits, labels, axis=-1):
    out_dtype = logits.dtype
    logits = _wide(logits)
    labels = np.broadcast_to(_wide(labels), logits.shape)
    if logits.shape[axis] == 0:
        return np.zeros(np.delete(logits.shape, axis), out_dtype)
    shifted, lse = _shift_and_lse(logits, axis)
    return np.sum(labels * (lse - shifted), axis=axis).astype(out_dtype, copy=False)


def _sce_grad(g, y, logits, labels, axis=-1):
    g = shape_ops.expand_dims(g, axis)
    d_logits = math_ops.multiply(g, math_ops.subtract(composite.softmax(logits, axis), labels))
    d_labels = math_ops.multiply(g, math_ops.negative(composite.log_softmax(logits, axis)))
    return d_logits, unbroadcast_mod.unbroadcast(d_labels, labels)


SOFTMAX_CROSS_ENTROPY_WITH_LOGITS = def_op(
    _SCE, tf_name="SoftmaxCrossEntropyWithLogits", kernel=_sce_kernel, infer=_sce_infer,
    grad=_sce_grad, traits=OPAQUE, dtype_group=(0, 1), allowed=dtypes.FLOATS,
    attrs={"axis": -1}, quiet=True, fresh=True,
)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """Cross-entropy between `labels` (a distribution per row) and `softmax(logits)`.

    Computed in one stable pass: `sum(labels * (logsumexp(logits) - logits), axis)`. The
    gradient with respect to `logits` is `softmax(logits) - labels`, as in TF.

    Args:
        labels: class probabilities, broadcastable to `logits`; converted to its dtype.
        logits: a float tensor of unnormalized log-probabilities.
        axis: the class axis.
        name: ignored in eager mode.

    Returns:
        A tensor of `logits`' shape without `axis`.

    Raises:
        InvalidArgumentError: for a scalar, a bad axis, a non-float dtype or labels that do
            not broadcast to `logits`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.softmax_cross_entropy_with_logits([[0., 1.]], [[1000., 0.]]).numpy()
        array([1000.], dtype=float32)
    """
    logits = composite.as_tensor(logits)
    composite.require_float(logits, _SCE, "SoftmaxCrossEntropyWithLogits")
    labels = composite.as_tensor(labels)
    if labels.dtype is not logits.dtype:
        labels = math_ops.cast(labels, logits.dtype)
    axis = composite.softmax_axis(logits, axis, _SCE)
    return execute(SOFTMAX_CROSS_ENTROPY_WITH_LOGITS, (logits, labels), {"axis": axis},
                   name=name)


# --- sparse labels -------------------------------------------------------------------------

def _check_sparse(dims: list | None, label_dims: list | None, label_dtype) -> None:
    """TF's static checks: ValueError for shapes, InvalidArgumentError for label dtypes."""
    if label_dtype not in _LABEL_DTYPES:
        raise fail(_SPARSE, f"Value for attr 'Tlabels' of {label_dtype.name} is not in the list "
                   f"of allowed values: int32, int64")
    if dims == []:
        raise ValueError(f"`logits` cannot be a scalar. Received logits of shape () ({_SPARSE})")
    if dims is None or label_dims is None:
        return
    if len(label_dims) != len(dims) - 1:
        raise ValueError(f"`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                         f"labels.shape={tuple(label_dims)} of rank {len(label_dims)} and "
                         f"logits.shape={tuple(dims)} of rank {len(dims)}")
    if any(a is not None and b is not None and a != b for a, b in zip(label_dims, dims)):
        raise ValueError(f"`labels.shape` must equal `logits.shape` except for the last "
                         f"dimension. Received: labels.shape={tuple(label_dims)} and "
                         f"logits.shape={tuple(dims)}")


def _dims(x) -> list | None:
    """The dims of a tensor or spec (None when the rank is unknown), cheaply for eager ones."""
    value = getattr(x, "_value", None)
    if value is not None:
        return list(value.shape)
    return None if x.shape.rank is None else x.shape.as_list()


def _sparse_infer(logits: TensorSpec, labels: TensorSpec) -> TensorSpec:
    _check_sparse(_dims(logits), _dims(labels), labels.dtype)
    if logits.shape.rank is not None and logits.shape.as_list()[-1] == 0:
        raise fail(_SPARSE, f"Must have at least one class, but got logits shape "
                   f"{logits.shape.as_list()}")
    return TensorSpec(labels.shape, logits.dtype)


def _sparse_kernel(logits, labels):
    classes = logits.shape[-1]
    if classes == 0:
        raise fail(_SPARSE, f"Must have at least one class, but got logits shape "
                   f"{list(logits.shape)}")
    if labels.dtype.kind != "i":
        raise TypeError("labels must be integers")
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        bad = (labels < 0) | (labels >= classes)
        values = " ".join(str(v) for v in labels.reshape(-1)[:20])
        raise fail(_SPARSE, f"Received a label value of {labels[bad][0]} which is outside the "
                   f"valid range of [0, {classes}).  Label values: {values}")
    shifted, lse = _shift_and_lse(_wide(logits), -1)
    picked = np.take_along_axis(shifted, labels[..., None], -1)
    return (lse - picked)[..., 0].astype(logits.dtype, copy=False)


def _sparse_grad(g, y, logits, labels):
    d_logits = execute(SPARSE_BACKPROP, (logits, labels), {})
    return math_ops.multiply(shape_ops.expand_dims(g, -1), d_logits), None


def _sparse_backprop_kernel(logits, labels):
    shifted = _wide(logits) - _wide(logits).max(axis=-1, keepdims=True)
    probs = np.exp(shifted)
    probs /= probs.sum(axis=-1, keepdims=True)
    rows = probs.reshape(-1, probs.shape[-1])
    rows[np.arange(rows.shape[0]), labels.reshape(-1)] -= 1
    return probs.astype(logits.dtype, copy=False)


def _sparse_backprop_grad(g, y, logits, labels):
    """The softmax Jacobian applied to `g` (as TF's second derivative of the fused op)."""
    probs = composite.softmax(logits)
    inner = reduce_ops.reduce_sum(math_ops.multiply(g, probs), axis=-1, keepdims=True)
    return math_ops.multiply(math_ops.subtract(g, inner), probs), None


# The backprop half of TF's SparseSoftmaxCrossEntropyWithLogits, `softmax(logits) - one_hot`:
# the gradient of the loss in one kernel (the labels were checked by the loss op).
SPARSE_BACKPROP = def_op(
    "sparse_softmax_cross_entropy_backprop", tf_name="SparseSoftmaxCrossEntropyWithLogits",
    kernel=_sparse_backprop_kernel, infer=lambda logits, labels: TensorSpec(logits.shape,
                                                                            logits.dtype),
    grad=_sparse_backprop_grad, traits=OPAQUE, dtype_group=(0,), allowed=dtypes.FLOATS,
    quiet=True, fresh=True,
)


SPARSE_SOFTMAX_CROSS_ENTROPY_WITH_LOGITS = def_op(
    _SPARSE, tf_name="SparseSoftmaxCrossEntropyWithLogits", kernel=_sparse_kernel,
    infer=_sparse_infer, grad=_sparse_grad, traits=OPAQUE, dtype_group=(0,),
    allowed=dtypes.FLOATS, quiet=True, fresh=True,
)


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """Cross-entropy between integer class `labels` and `softmax(logits)` along the last axis.

    Args:
        labels: int32/int64 class indices, of `logits`' shape without the last axis; each must
            be in `[0, num_classes)`.
        logits: a float tensor `[..., num_classes]`.
        name: ignored in eager mode.

    Returns:
        A tensor of `labels`' shape and `logits`' dtype.

    Raises:
        ValueError: when the shapes do not match (or `logits` is a scalar).
        InvalidArgumentError: for a label out of range (when the op runs, as TF on CPU), no
            classes, or bad dtypes.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.sparse_softmax_cross_entropy_with_logits([0], [[1000., 0.]]).numpy()
        array([0.], dtype=float32)
    """
    logits = composite.as_tensor(logits)
    labels = composite.as_tensor(labels)
    composite.require_float(logits, _SPARSE, "SparseSoftmaxCrossEntropyWithLogits")
    _check_sparse(_dims(logits), _dims(labels), labels.dtype)
    return execute(SPARSE_SOFTMAX_CROSS_ENTROPY_WITH_LOGITS, (logits, labels), name=name)
