"""Python operators on Keras tensors (`x + 1`, `a * b`, `x[:, 0]`, `-x`) in Functional models.

As in Keras 3, an operator applied to a `KerasTensor` becomes a call of a small
`OperatorLayer`, so it is recorded in the model's graph, replayed on real tensors, and saved
by name (the operand must be a Keras tensor or a plain number).
"""

from __future__ import annotations

import operator

from .base_layer import Layer

__all__ = ["OperatorLayer", "install"]

_BINARY = {"add": operator.add, "sub": operator.sub, "mul": operator.mul,
           "truediv": operator.truediv, "floordiv": operator.floordiv, "pow": operator.pow,
           "matmul": operator.matmul, "mod": operator.mod}
_UNARY = {"neg": operator.neg, "abs": operator.abs}


class OperatorLayer(Layer):
    """Applies one Python operator; `operand` is the other side when it is a number.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.keras.Input(shape=(2,))
        >>> model = tf.keras.Model(x, 2.0 * x + 1.0)
        >>> model(tf.constant([[1., 2.]])).numpy()
        array([[3., 5.]], dtype=float32)
    """

    def __init__(self, op: str, operand=None, reverse: bool = False, **kwargs) -> None:
        if op not in _BINARY and op not in _UNARY and op != "getitem":
            raise ValueError(f"OperatorLayer: unknown operator '{op}'")
        super().__init__(**kwargs)
        self.op = op
        self.operand = operand
        self.reverse = bool(reverse)

    def call(self, inputs):
        if self.op in _UNARY:
            return _UNARY[self.op](inputs)
        if self.op == "getitem":
            return inputs[_key_from_config(self.operand)]
        if isinstance(inputs, (list, tuple)):
            a, b = inputs
        else:
            a, b = inputs, self.operand
            if self.reverse:
                a, b = b, a
        return _BINARY[self.op](a, b)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(op=self.op, operand=self.operand, reverse=self.reverse)
        return config


def _key_to_config(key):
    if isinstance(key, tuple):
        return {"tuple": [_key_to_config(k) for k in key]}
    if isinstance(key, slice):
        return {"slice": [key.start, key.stop, key.step]}
    if key is Ellipsis:
        return {"ellipsis": True}
    if key is None or isinstance(key, int):
        return key
    raise TypeError(f"Indexing a Keras tensor with {key!r} is not supported; use ints, "
                    f"slices, None and Ellipsis (or a Lambda layer).")


def _key_from_config(config):
    if isinstance(config, dict):
        if "tuple" in config:
            return tuple(_key_from_config(k) for k in config["tuple"])
        if "slice" in config:
            return slice(*config["slice"])
        return Ellipsis
    return config


def _binary(op: str, reverse: bool):
    def method(self, other):
        from .keras_tensor import KerasTensor

        if isinstance(other, KerasTensor):
            pair = [other, self] if reverse else [self, other]
            return OperatorLayer(op)(pair)
        if not isinstance(other, (bool, int, float)):
            return NotImplemented
        return OperatorLayer(op, operand=other, reverse=reverse)(self)

    method.__name__ = f"__{'r' if reverse else ''}{op}__"
    return method


def _unary(op: str):
    def method(self):
        return OperatorLayer(op)(self)

    method.__name__ = f"__{op}__"
    return method


def _getitem(self, key):
    return OperatorLayer("getitem", operand=_key_to_config(key))(self)


def install(cls) -> None:
    """Gives the Keras tensor class its operators."""
    for op in _BINARY:
        setattr(cls, f"__{op}__", _binary(op, False))
        setattr(cls, f"__r{op}__", _binary(op, True))
    for op in _UNARY:
        setattr(cls, f"__{op}__", _unary(op))
    cls.__getitem__ = _getitem
