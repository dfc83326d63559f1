"""Static values: what a traced tensor holds when constants and fully known shapes decide it.

A function traced for fully known input shapes computes its shape arithmetic from constants:
`tf.shape(x)[0]` is 32 in a trace for `x` of shape (32, 784). Where an op needs a concrete
value while tracing (the dims of `tf.zeros`, the shape of `tf.reshape`, the bounds of
`tf.range`, a slice bound), the value is evaluated here, by the ops' own kernels, instead of
failing. A value that depends on anything else (an input's data, an unknown dim, a variable, a
random draw) has no static value, and those ops raise their usual error.

Example:
    >>> import tensorlet as tf
    >>> @tf.function
    ... def batch_of_zeros(x):
    ...     return tf.zeros([tf.shape(x)[0], 2])
    >>> batch_of_zeros(tf.ones([3, 5])).shape
    TensorShape([3, 2])
"""

from __future__ import annotations

import numpy as np

from ..core.tensor import EagerTensor
from .passes.constant_fold import SHAPE_ONLY
from .symbolic import SymbolicTensor

__all__ = ["static_value", "get_static_value"]

# Static evaluation is for shape arithmetic and small index math: it gives up on larger arrays
# and on deep chains of ops.
MAX_ELEMENTS = 1 << 16
MAX_DEPTH = 64
_FROM_SHAPE = frozenset({"shape", "size", "rank"})


def static_value(value):
    """The array a symbolic value always holds in its trace, or None when that is not fixed."""
    return _value(value, {}, 0)


def _known_shape(value) -> bool:
    shape = value.spec.shape
    return shape.rank is not None and shape.is_fully_defined() and not value.is_resource


def _stand_in(value) -> np.ndarray:
    """An array of the value's shape and dtype that costs no memory (for shape-only ops)."""
    return np.broadcast_to(np.zeros((), value.dtype._np), value.spec.shape.as_list())


def _value(value, memo: dict, depth: int):
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = None
    node = value.node
    result = None
    if node.kind == "const":
        result = node.value
    elif node.kind == "op" and depth < MAX_DEPTH and node.op.traits.pure \
            and not node.op.traits.stateful:
        result = _evaluate(node, value.index, memo, depth)
    memo[key] = result
    return result


def _evaluate(node, index: int, memo: dict, depth: int):
    if node.op.name in _FROM_SHAPE and all(_known_shape(v) for v in node.inputs):
        arrays = [_stand_in(v) for v in node.inputs]
    elif node.op.name in SHAPE_ONLY:
        return None
    else:
        arrays = [_value(v, memo, depth + 1) for v in node.inputs]
        if any(a is None or a.size > MAX_ELEMENTS for a in arrays):
            return None
    try:
        with np.errstate(all="ignore"):
            out = node.op.kernel(*arrays, **node.attrs)
    except Exception:  # noqa: BLE001 - the op raises its own error when it runs
        return None
    out = np.asarray(out if node.op.num_outputs == 1 else out[index])
    if out.size > MAX_ELEMENTS or out.dtype != node.outputs[index].dtype._np:
        return None
    return out


def get_static_value(tensor, partial=False):
    """The value of `tensor` as a NumPy array when it is known without running anything: an
    eager tensor's value, a traced tensor computed from constants and fully known shapes;
    None for other traced tensors; anything that is not a tensor comes back as it is (TF's
    `tf.get_static_value`; `partial` is accepted for compatibility).

    Example:
        >>> import tensorlet as tf
        >>> tf.get_static_value(tf.constant([1, 2]))
        array([1, 2], dtype=int32)
        >>> @tf.function
        ... def f(x):
        ...     print(tf.get_static_value(tf.shape(x)), tf.get_static_value(x))
        ...     return x
        >>> _ = f(tf.ones([2, 3]))
        [2 3] None
    """
    if isinstance(tensor, EagerTensor):
        return tensor.numpy()
    if isinstance(tensor, SymbolicTensor):
        return static_value(tensor)
    return tensor
