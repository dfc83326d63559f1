"""`tf.control_dependencies`, `tf.no_op`, `tf.group` and `tf.ensure_shape`.

tensorlet's plans run their nodes in program order and keep every stateful node, so ops
created inside `control_dependencies` already run after the given ones: the context only
checks its argument (and, eagerly, calls the callables in it, as TF does).
"""

from __future__ import annotations

import contextlib

from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError
from ..core.shape import TensorShape
from ._runtime import run_check, tracing

__all__ = ["control_dependencies", "no_op", "group", "ensure_shape"]


def control_dependencies(control_inputs):
    """A context in which ops run after `control_inputs` (tensors, ops, callables or None).

    Args:
        control_inputs: an iterable of tensors or operations that must run first, or None.

    Returns:
        A context manager; entering it gives None.

    Raises:
        TypeError: when `control_inputs` is neither None nor iterable.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.constant(1.0)
        >>> with tf.control_dependencies([tf.debugging.assert_positive(x)]):
        ...     (x + 1).numpy()
        np.float32(2.0)
    """
    if control_inputs is None:
        return contextlib.nullcontext()
    inputs = list(control_inputs)
    if not tracing():
        for control in inputs:
            if callable(control):
                control()
    return contextlib.nullcontext()


def no_op(name=None):
    """Does nothing; returns None (TF returns an `Operation` in graphs, nothing eagerly).

    Example:
        >>> import tensorlet as tf
        >>> tf.no_op() is None
        True
    """
    return None


def group(*inputs, **kwargs):
    """Groups ops so they run together; tensorlet runs them anyway, so this returns None.

    Args:
        *inputs: tensors or operations (ignored).
        **kwargs: `name` only.

    Raises:
        TypeError: for a keyword other than `name`.

    Example:
        >>> import tensorlet as tf
        >>> tf.group(tf.constant(1), tf.constant(2)) is None
        True
    """
    extra = set(kwargs) - {"name"}
    if extra:
        raise TypeError(f"Unknown keyword arguments: {', '.join(sorted(extra))}")
    return None


def _text(shape: TensorShape) -> str:
    if shape.rank is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def _static_check(have: TensorShape, want: TensorShape) -> None:
    if have.rank is None or want.rank is None:
        return
    if have.rank != want.rank:
        raise ValueError(f"ensure_shape: Shape must be rank {want.rank} but is rank "
                         f"{have.rank}. Shapes are {_text(want)} and {_text(have)}.")
    for i, (a, b) in enumerate(zip(want.as_list(), have.as_list())):
        if a is not None and b is not None and a != b:
            raise ValueError(f"ensure_shape: Dimension {i} in both shapes must be equal, but "
                             f"are {a} and {b}. Shapes are {_text(want)} and {_text(have)}.")


def ensure_shape(x, shape, name=None):
    """Returns `x`, checking that its shape is compatible with `shape` (None: any size).

    Inside a `tf.function` the static shape is checked while tracing, refined to `shape`, and
    the real shape is checked every time the function runs.

    Args:
        x: a tensor.
        shape: a `TensorShape` or list with None for unknown sizes.
        name: ignored.

    Returns:
        `x` (a tensor with the refined static shape when traced).

    Raises:
        InvalidArgumentError: when the shape of `x` is not compatible (at run time).
        ValueError: when traced with an incompatible static shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.ensure_shape(tf.zeros([2, 3]), [None, 3]).shape
        TensorShape([2, 3])
    """
    want = TensorShape(shape)
    x = convert_to_tensor(x)

    def ensure_shape_check(value):
        if not TensorShape(value.shape).is_compatible_with(want):
            got = _text(TensorShape(value.shape))
            raise InvalidArgumentError(
                None, None, f"Shape of tensor input {got} is not compatible with expected shape "
                            f"{_text(want)}. [Op:EnsureShape]")

    if not tracing():
        run_check(ensure_shape_check, [x])
        return x
    _static_check(x.shape, want)
    from ..ops import array_shape

    if want.rank is not None and not x.shape.is_fully_defined():
        run_check(ensure_shape_check, [x])
    y = array_shape.identity(x)
    y.set_shape(x.shape.merge_with(want))
    return y
