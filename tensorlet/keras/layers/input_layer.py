"""`InputLayer` and `tf.keras.Input`: the entry points of a Functional model."""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from .base_layer import Layer
from .keras_tensor import make_input_tensor

__all__ = ["InputLayer", "Input"]


class InputLayer(Layer):
    """The layer behind `tf.keras.Input`: it holds the input's shape and dtype.

    Args:
        shape: the shape of one sample (without the batch dimension).
        batch_size: optional fixed batch size.
        dtype: the input dtype (default `backend.floatx()`).
        batch_shape: the full shape, batch dimension included (instead of `shape`).
        name: the layer's name (also the input tensor's name).

    Example:
        >>> import tensorlet as tf
        >>> layer = tf.keras.layers.InputLayer(shape=(4,))
        >>> layer.output.shape
        TensorShape([None, 4])
    """

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None,
                 input_tensor=None, name=None, ragged=None, optional=False, **kwargs) -> None:
        if sparse or ragged or optional:
            raise NotImplementedError("InputLayer: sparse, ragged and optional inputs are not "
                                      "supported by tensorlet's Functional API.")
        input_shape = kwargs.pop("input_shape", None)
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        if shape is None and input_shape is not None:
            shape = input_shape
        if batch_shape is None and batch_input_shape is not None:
            batch_shape = batch_input_shape
        if shape is not None and batch_shape is not None:
            raise ValueError("You cannot pass both `shape` and `batch_shape` at the same time.")
        if batch_shape is None:
            if shape is None and input_tensor is None:
                raise ValueError("You must pass a `shape` argument.")
            shape = () if shape is None else _as_tuple(shape)
            batch_shape = (batch_size,) + shape
        super().__init__(name=name or backend.unique_object_name("input_layer"),
                         dtype=None, **kwargs)
        dtype = tf.as_dtype(dtype or backend.floatx()).name
        object.__setattr__(self, "_input_dtype_name", dtype)
        object.__setattr__(self, "_batch_shape", tuple(batch_shape))
        object.__setattr__(self, "built", True)
        make_input_tensor(self, tf.TensorShape(list(batch_shape)), dtype, self.name)

    @property
    def batch_shape(self) -> tuple:
        return self._batch_shape

    @property
    def dtype(self) -> str:
        return self._input_dtype_name

    def call(self, inputs):
        return inputs

    def get_config(self) -> dict:
        return {"batch_shape": self._batch_shape, "dtype": self._input_dtype_name,
                "sparse": False, "ragged": False, "name": self.name, "optional": False}


def _as_tuple(shape) -> tuple:
    if isinstance(shape, int):
        return (shape,)
    return tuple(tf.TensorShape(shape).as_list()) if isinstance(shape, tf.TensorShape) \
        else tuple(shape)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
          tensor=None, ragged=None, optional=False):  # noqa: N802
    """A symbolic input of a Functional model: `tf.keras.Input(shape=[8], name="x")`.

    Args:
        shape: the shape of one sample (without the batch dimension).
        batch_size: optional fixed batch size.
        dtype: the input dtype (default `backend.floatx()`).
        batch_shape: the full shape (instead of `shape`).
        name: the input's name.

    Returns:
        A `KerasTensor` of shape `(batch_size,) + shape`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.Input(shape=[8], name="wide").shape
        TensorShape([None, 8])
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, name=name, ragged=ragged, optional=optional)
    return layer.output
