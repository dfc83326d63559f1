"""`Concatenate`: joins a list of inputs along one axis."""

from __future__ import annotations

import tensorlet as tf

from ..base_layer import Layer
from .merge import as_shape_list

__all__ = ["Concatenate", "concatenate"]


class Concatenate(Layer):
    """Concatenates a list of inputs along `axis` (default: the last).

    All other dimensions must match.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Concatenate()([tf.ones((2, 3)), tf.ones((2, 4))]).shape
        TensorShape([2, 7])
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        self._output_dims(as_shape_list(input_shape, "Concatenate"))
        super().build(input_shape)

    def _output_dims(self, shapes) -> list:
        rank = len(shapes[0])
        if any(len(s) != rank for s in shapes) or not -rank <= self.axis < rank:
            raise ValueError(self._mismatch(shapes))
        axis = self.axis % rank
        out = list(shapes[0])
        for shape in shapes[1:]:
            for i, (a, b) in enumerate(zip(out, shape)):
                if i == axis:
                    out[i] = None if a is None or b is None else a + b
                elif a is not None and b is not None and a != b:
                    raise ValueError(self._mismatch(shapes))
                elif a is None:
                    out[i] = b
        return out

    @staticmethod
    def _mismatch(shapes) -> str:
        return ("A `Concatenate` layer requires inputs with matching shapes except for the "
                f"concatenation axis. Received: input_shape={[tuple(s) for s in shapes]}")

    def call(self, inputs):
        if not isinstance(inputs, list | tuple):
            raise ValueError("A `Concatenate` layer should be called on a list of inputs. "
                             f"Received: inputs={inputs}")
        return tf.concat(list(inputs), axis=self.axis)

    def compute_output_shape(self, input_shape):
        return tuple(self._output_dims(as_shape_list(input_shape, "Concatenate")))

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form of `Concatenate`: `Concatenate(axis, **kwargs)(inputs)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.concatenate([tf.ones((1, 2)), tf.ones((1, 1))]).shape
        TensorShape([1, 3])
    """
    return Concatenate(axis=axis, **kwargs)(inputs)
