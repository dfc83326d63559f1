"""Deterministic initializers: Zeros, Ones, Constant, Identity."""

from __future__ import annotations

import tensorlet as tf

from .initializer import Initializer, as_shape

__all__ = ["Zeros", "Ones", "Constant", "Identity"]


class Zeros(Initializer):
    """Initializes to 0 (any dtype).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.Zeros()((2,), dtype="int32").numpy()
        array([0, 0], dtype=int32)
    """

    def __call__(self, shape, dtype=None):
        return tf.zeros(as_shape(shape), dtype=tf.as_dtype(dtype or "float32"))


class Ones(Initializer):
    """Initializes to 1 (any dtype).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.Ones()((2,)).numpy()
        array([1., 1.], dtype=float32)
    """

    def __call__(self, shape, dtype=None):
        return tf.ones(as_shape(shape), dtype=tf.as_dtype(dtype or "float32"))


class Constant(Initializer):
    """Initializes to `value`, a scalar or an array broadcast to the shape.

    Args:
        value: the value (default 0.0).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.Constant(3.)((2,)).numpy()
        array([3., 3.], dtype=float32)
    """

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        dtype = tf.as_dtype(dtype or "float32")
        value = tf.cast(tf.convert_to_tensor(self.value), dtype)
        return tf.broadcast_to(value, as_shape(shape))

    def get_config(self) -> dict:
        value = self.value
        if hasattr(value, "tolist"):  # NumPy arrays and scalars save as JSON lists/numbers
            value = value.tolist()
        return {"value": value}

    @classmethod
    def from_config(cls, config: dict):
        value = config.get("value", 0.0)
        # NOTE: Keras 3 files save an array value as {"class_name": "__numpy__", ...}.
        if isinstance(value, dict) and value.get("class_name") == "__numpy__":
            value = value["config"]["value"]
        return cls(value=value)


class Identity(Initializer):
    """Initializes a 2-D weight to `gain` times the identity matrix (cut to the shape).

    Args:
        gain: the multiplier (default 1.0).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.Identity()((2, 3)).numpy()
        array([[1., 0., 0.],
               [0., 1., 0.]], dtype=float32)
    """

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = as_shape(shape)
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        dtype = tf.as_dtype(dtype or "float32")
        return tf.cast(self.gain, dtype) * tf.eye(shape[0], shape[1], dtype=dtype)

    def get_config(self) -> dict:
        return {"gain": self.gain}
