"""Element-wise merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum."""

from __future__ import annotations

import functools

import tensorlet as tf

from ..base_layer import Layer

__all__ = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "add", "subtract",
           "multiply", "average", "maximum", "minimum"]


def as_shape_list(input_shape, owner: str) -> list:
    """The input shapes of a merge layer as lists of dims; a clear error for a single shape."""
    if not isinstance(input_shape, list | tuple) or not all(
            isinstance(s, list | tuple | tf.TensorShape) for s in input_shape):
        raise ValueError(f"A merge layer should be called on a list of inputs. Received: "
                         f"input_shape={input_shape} (not a list of shapes) ({owner})")
    return [tf.TensorShape(s).as_list() for s in input_shape]


def broadcast_dims(a: list, b: list) -> list:
    """The broadcast of two shapes (right-aligned, None unknown); ValueError if they clash."""
    if len(a) < len(b):
        a, b = b, a
    out = list(a[: len(a) - len(b)])
    for x, y in zip(a[len(a) - len(b):], b):
        if x is None or y is None:
            known = [d for d in (x, y) if d not in (None, 1)]
            out.append(known[0] if known else None)
        elif x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"Inputs have incompatible shapes. Received shapes {tuple(a[1:])} "
                             f"and {tuple(b[1:])}")
    return out


class Merge(Layer):
    """Base of the element-wise merges: `call` folds `_merge` over the list of inputs."""

    def build(self, input_shape):
        shapes = as_shape_list(input_shape, type(self).__name__)
        if len(shapes) < 1:
            raise ValueError(f"{type(self).__name__} needs at least one input; got none")
        self._check(shapes)
        super().build(input_shape)

    def _check(self, shapes) -> list:
        return functools.reduce(broadcast_dims, shapes)

    def call(self, inputs):
        if not isinstance(inputs, list | tuple):
            raise ValueError(f"A merge layer should be called on a list of inputs. Received: "
                             f"inputs={inputs} (not a list of tensors)")
        return functools.reduce(self._merge, list(inputs))

    def compute_output_shape(self, input_shape):
        return tuple(self._check(as_shape_list(input_shape, type(self).__name__)))


class Add(Merge):
    """Adds a list of inputs of the same (or broadcastable) shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Add()([tf.ones((1, 2)), tf.ones((1, 2))]).numpy()
        array([[2., 2.]], dtype=float32)
    """

    def _merge(self, x, y):
        return x + y


class Subtract(Merge):
    """Subtracts the second of exactly two inputs from the first.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Subtract()([tf.ones((1, 2)), tf.ones((1, 2))]).numpy()
        array([[0., 0.]], dtype=float32)
    """

    def _check(self, shapes) -> list:
        if len(shapes) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: input_shape={shapes}")
        return super()._check(shapes)

    def _merge(self, x, y):
        return x - y


class Multiply(Merge):
    """Multiplies a list of inputs element-wise.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Multiply()([tf.fill((1, 2), 3.), tf.fill((1, 2), 2.)]).numpy()
        array([[6., 6.]], dtype=float32)
    """

    def _merge(self, x, y):
        return x * y


class Average(Merge):
    """Averages a list of inputs element-wise.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Average()([tf.zeros((1, 2)), tf.ones((1, 2))]).numpy()
        array([[0.5, 0.5]], dtype=float32)
    """

    def call(self, inputs):
        total = super().call(inputs)
        return total / tf.cast(len(inputs), total.dtype)

    def _merge(self, x, y):
        return x + y


class Maximum(Merge):
    """The element-wise maximum of a list of inputs.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Maximum()([tf.zeros((1, 2)), tf.ones((1, 2))]).numpy()
        array([[1., 1.]], dtype=float32)
    """

    def _merge(self, x, y):
        return tf.maximum(x, y)


class Minimum(Merge):
    """The element-wise minimum of a list of inputs.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.Minimum()([tf.zeros((1, 2)), tf.ones((1, 2))]).numpy()
        array([[0., 0.]], dtype=float32)
    """

    def _merge(self, x, y):
        return tf.minimum(x, y)


def _functional(cls):
    def merge(inputs, **kwargs):
        return cls(**kwargs)(inputs)

    merge.__name__ = cls.__name__.lower()
    merge.__qualname__ = merge.__name__
    merge.__doc__ = (f"Functional form of `{cls.__name__}`: `{cls.__name__}(**kwargs)(inputs)`."
                     "\n\n    Example:\n        >>> import tensorlet as tf\n        >>> "
                     f"tf.keras.layers.{merge.__name__}([tf.ones((1, 1)), tf.ones((1, 1))])"
                     ".shape\n        TensorShape([1, 1])\n    ")
    return merge


add, subtract, multiply = _functional(Add), _functional(Subtract), _functional(Multiply)
average, maximum, minimum = _functional(Average), _functional(Maximum), _functional(Minimum)
