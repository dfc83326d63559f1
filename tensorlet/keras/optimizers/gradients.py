"""Gradients before an optimizer step: missing ones explained (C13), sparse ones made dense,
then clipped (`clipnorm`, `global_clipnorm`, `clipvalue`: A12.6).

Everything here is written in tensorlet ops, so it also runs inside `tf.function`.
"""

from __future__ import annotations

import warnings

import tensorlet as tf
from tensorlet.autodiff import explain

__all__ = ["check_missing", "to_dense", "clip_by_norm", "clip_by_global_norm", "clip"]


def check_missing(grads: list, variables: list) -> tuple:
    """Drops the `(None, v)` pairs, warning as Keras does; all None raises.

    Each variable without a gradient is explained (not watched, not connected, integer
    dtype, or a NumPy round trip at file:line), with the tape that last computed gradients.

    Raises:
        ValueError: "No gradients provided for any variable." when every gradient is None.
    """
    pairs = list(zip(grads, variables))
    kept = [(g, v) for g, v in pairs if g is not None]
    if not kept:
        raise ValueError(explain.no_gradients_message(pairs))
    warnings.warn(explain.missing_gradients_message(pairs), UserWarning, stacklevel=4)
    return [g for g, _ in kept], [v for _, v in kept]


def to_dense(g, variable):
    """A gradient as a dense tensor of the variable's dtype (`IndexedSlices` rows summed)."""
    if isinstance(g, tf.IndexedSlices):
        shape = variable.shape.as_list()
        indices = tf.expand_dims(tf.cast(g.indices, tf.int64), -1)
        g = tf.scatter_nd(indices, g.values, tf.constant(shape, tf.int64))
    elif not tf.is_tensor(g):
        g = tf.convert_to_tensor(g)
    if g.dtype != variable.dtype:
        g = tf.cast(g, variable.dtype)
    return g


def clip_by_norm(g, clip_norm: float):
    """`g * clip_norm / max(||g||, clip_norm)`: each gradient's L2 norm at most `clip_norm`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.optimizers import gradients
        >>> gradients.clip_by_norm(tf.constant([3., 4.]), 1.0).numpy()
        array([0.6, 0.8], dtype=float32)
    """
    norm = tf.sqrt(tf.reduce_sum(tf.square(g)))
    limit = tf.cast(clip_norm, g.dtype)
    return g * limit / tf.maximum(norm, limit)


def clip_by_global_norm(grads: list, clip_norm: float) -> list:
    """Scales all gradients by `clip_norm / max(global_norm, clip_norm)` (NaN if not finite).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.optimizers import gradients
        >>> a, b = gradients.clip_by_global_norm([tf.constant([3.]), tf.constant([4.])], 1.0)
        >>> float(a[0]), float(b[0])
        (0.6000000238418579, 0.800000011920929)
    """
    dtype = grads[0].dtype
    squares = [tf.cast(tf.reduce_sum(tf.square(g)), dtype) for g in grads]
    norm = tf.sqrt(tf.add_n(squares) if len(squares) > 1 else squares[0])
    limit = tf.cast(clip_norm, dtype)
    one = tf.ones([], dtype)
    # NOTE: `norm - norm` is 0 for a finite norm and NaN otherwise, as in Keras: an infinite or
    # NaN gradient poisons the whole step instead of being silently scaled to zero.
    scale = limit * tf.minimum(one / norm, one / limit) + (norm - norm)
    return [g * (scale if g.dtype == dtype else tf.cast(scale, g.dtype)) for g in grads]


def clip(optimizer, grads: list) -> list:
    """Applies the optimizer's `clipnorm`, `global_clipnorm` or `clipvalue` (at most one is set).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> from tensorlet.keras.optimizers import gradients
        >>> sgd = optimizers.SGD(1.0, clipvalue=0.5)
        >>> gradients.clip(sgd, [tf.constant(3.)])[0].numpy()
        np.float32(0.5)
    """
    if optimizer.clipnorm and optimizer.clipnorm > 0:
        return [clip_by_norm(g, optimizer.clipnorm) for g in grads]
    if optimizer.global_clipnorm and optimizer.global_clipnorm > 0:
        return clip_by_global_norm(grads, optimizer.global_clipnorm)
    if optimizer.clipvalue and optimizer.clipvalue > 0:
        value = optimizer.clipvalue
        return [tf.clip_by_value(g, -value, value) for g in grads]
    return grads
