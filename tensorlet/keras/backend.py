"""`tf.keras.backend`: global Keras settings and a few tensor helpers (A0.10).

Example:
    >>> import tensorlet as tf
    >>> tf.keras.backend.floatx()
    'float32'
"""

from __future__ import annotations

import collections
import re

import tensorlet as tf

__all__ = ["clear_session", "floatx", "set_floatx", "epsilon", "set_epsilon", "get_uid",
           "image_data_format", "set_image_data_format", "is_keras_tensor", "int_shape",
           "abs", "square", "sqrt", "exp", "log", "mean", "sum", "max", "min", "std", "var",
           "pow", "clip", "cast", "dot", "transpose", "reshape", "concatenate", "ones",
           "zeros", "ones_like", "zeros_like", "constant", "shape", "ndim", "dtype",
           "softmax", "relu", "sigmoid", "tanh", "maximum", "minimum", "stack", "batch_dot"]

_settings = {"floatx": "float32", "epsilon": 1e-7, "image_data_format": "channels_last"}
_uids: collections.Counter = collections.Counter()


def floatx() -> str:
    """The default float dtype of layers and weights, as a string (`"float32"`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.floatx()
        'float32'
    """
    return _settings["floatx"]


def set_floatx(value) -> None:
    """Sets the default float dtype (`"float16"`, `"float32"` or `"float64"`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.set_floatx("float64")
        >>> tf.keras.layers.Layer().dtype
        'float64'
        >>> tf.keras.backend.set_floatx("float32")
    """
    name = tf.as_dtype(value).name
    if name not in ("float16", "float32", "float64"):
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of "
                         f"{{'float16', 'float32', 'float64'}}")
    _settings["floatx"] = name


def epsilon() -> float:
    """The fuzz factor used to avoid divisions by zero (1e-7).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.epsilon()
        1e-07
    """
    return _settings["epsilon"]


def set_epsilon(value: float) -> None:
    """Sets the fuzz factor returned by `epsilon()`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.set_epsilon(1e-5); tf.keras.backend.epsilon()
        1e-05
        >>> tf.keras.backend.set_epsilon(1e-7)
    """
    _settings["epsilon"] = float(value)


def image_data_format() -> str:
    """`"channels_last"` (the default) or `"channels_first"`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.image_data_format()
        'channels_last'
    """
    return _settings["image_data_format"]


def set_image_data_format(data_format: str) -> None:
    """Sets the image data format (`"channels_last"` or `"channels_first"`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.set_image_data_format("channels_last")
    """
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(f"The `data_format` argument must be one of {{'channels_first', "
                         f"'channels_last'}}. Received: data_format={data_format}")
    _settings["image_data_format"] = data_format


def get_uid(prefix: str = "") -> int:
    """A counter per prefix: 1, 2, 3... (layer names `dense`, `dense_1`... come from it).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.clear_session()
        >>> tf.keras.backend.get_uid("x"), tf.keras.backend.get_uid("x")
        (1, 2)
    """
    _uids[prefix] += 1
    return _uids[prefix]


def unique_object_name(base: str) -> str:
    """`base` the first time, then `base_1`, `base_2`... (Keras layer naming)."""
    uid = get_uid(base)
    return base if uid == 1 else f"{base}_{uid - 1}"


def to_snake_case(name: str) -> str:
    """`MyDense` -> `my_dense`, `LSTMCell` -> `lstm_cell`."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def clear_session(free_memory: bool = True) -> None:
    """Resets Keras's global state: layer names start again at `dense`, `dense_1`...

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.clear_session()
        >>> tf.keras.layers.Layer(name=None).name
        'layer'
    """
    _uids.clear()


def is_keras_tensor(x) -> bool:
    """Whether `x` is a symbolic Keras tensor (made by `tf.keras.Input` or a layer on one).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.is_keras_tensor(tf.keras.Input(shape=(3,)))
        True
    """
    from .layers.keras_tensor import KerasTensor

    return isinstance(x, KerasTensor)


def int_shape(x) -> tuple:
    """The static shape as a tuple of ints and None.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.int_shape(tf.zeros((2, 3)))
        (2, 3)
    """
    return tuple(x.shape.as_list())


def mean(x, axis=None, keepdims=False):
    """`tf.reduce_mean` (Keras-2 backend spelling).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.backend.mean(tf.constant([1., 3.])).numpy()
        np.float32(2.0)
    """
    return tf.reduce_mean(x, axis=axis, keepdims=keepdims)


def sum(x, axis=None, keepdims=False):  # noqa: A001
    """`tf.reduce_sum`."""
    return tf.reduce_sum(x, axis=axis, keepdims=keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001
    """`tf.reduce_max`."""
    return tf.reduce_max(x, axis=axis, keepdims=keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001
    """`tf.reduce_min`."""
    return tf.reduce_min(x, axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """`tf.math.reduce_std`."""
    return tf.math.reduce_std(x, axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    """`tf.math.reduce_variance`."""
    return tf.math.reduce_variance(x, axis=axis, keepdims=keepdims)


def clip(x, min_value, max_value):
    """`tf.clip_by_value`."""
    return tf.clip_by_value(x, min_value, max_value)


def dot(x, y):
    """`tf.matmul` (Keras-2 `K.dot`)."""
    return tf.matmul(x, y)


def batch_dot(x, y):
    """Batched matrix product of two rank-3 tensors."""
    return tf.matmul(x, y)


def concatenate(tensors, axis=-1):
    """`tf.concat`."""
    return tf.concat(tensors, axis=axis)


def ndim(x) -> int:
    """The rank of `x` as a Python int."""
    return x.shape.rank


def dtype(x) -> str:
    """The dtype name of `x` (`"float32"`)."""
    return x.dtype.name


def cast(x, dtype):  # noqa: F811
    """`tf.cast`."""
    return tf.cast(x, dtype)


def _alias(name: str, target: str):
    def function(*args, **kwargs):
        return getattr(tf, target)(*args, **kwargs)

    function.__name__ = name
    function.__doc__ = f"`tf.{target}` (Keras-2 backend spelling)."
    return function


abs = _alias("abs", "abs")
square = _alias("square", "square")
sqrt = _alias("sqrt", "sqrt")
exp = _alias("exp", "exp")
log = _alias("log", "log")
pow = _alias("pow", "pow")
transpose = _alias("transpose", "transpose")
reshape = _alias("reshape", "reshape")
ones = _alias("ones", "ones")
zeros = _alias("zeros", "zeros")
ones_like = _alias("ones_like", "ones_like")
zeros_like = _alias("zeros_like", "zeros_like")
constant = _alias("constant", "constant")
shape = _alias("shape", "shape")
maximum = _alias("maximum", "maximum")
minimum = _alias("minimum", "minimum")
stack = _alias("stack", "stack")
sigmoid = _alias("sigmoid", "sigmoid")
tanh = _alias("tanh", "tanh")


def softmax(x, axis=-1):
    """`tf.nn.softmax`."""
    return tf.nn.softmax(x, axis=axis)


def relu(x):
    """`tf.nn.relu`."""
    return tf.nn.relu(x)
