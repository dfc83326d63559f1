"""Layer weights: `KerasVariable` and the creation of weights by `Layer.add_weight`."""

from __future__ import annotations

import tensorlet as tf

__all__ = ["KerasVariable", "make_weight", "resolve_initializer", "resolve"]


class KerasVariable(tf.Variable):
    """A `tf.Variable` owned by a layer: named like Keras 3 (`kernel`, path `dense/kernel`).

    Its `trainable` flag can be set (freezing a layer sets it on the layer's variables), and it
    keeps the `regularizer` and `constraint` given to `add_weight`.

    Example:
        >>> import tensorlet as tf
        >>> d = tf.keras.layers.Layer(name="demo")
        >>> w = d.add_weight(name="w", shape=(2,), initializer="ones")
        >>> w.name, w.path, w.trainable
        ('w', 'demo/w', True)
    """

    def __init__(self, initial_value, *, name: str, path: str, trainable: bool = True,
                 dtype=None, constraint=None, regularizer=None) -> None:
        super().__init__(initial_value, trainable=trainable, name=name, dtype=dtype,
                         constraint=constraint)
        self._name = name
        self._path = path
        self.declared_trainable = bool(trainable)
        self.regularizer = regularizer

    @property
    def path(self) -> str:
        return self._path

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        from . import tracking

        self._trainable = bool(value)
        tracking.bump()

    def __repr__(self) -> str:
        # NOTE: the book's (TF 2) form, which the chapter prints for `precision.variables`
        # (C12), with Keras 3's path added: <tf.Variable 'kernel:0' shape=(2,) dtype=float32,
        # path=dense/kernel, numpy=array([0., 0.], dtype=float32)>
        text = super().__repr__().replace(f"'{self._name}'", f"'{self._name}:0'", 1)
        return text.replace(", numpy=", f", path={self._path}, numpy=", 1)


def resolve_initializer(initializer, dtype):
    """A callable `(shape, dtype) -> tensor` for an initializer name, object or function."""
    if initializer is None:
        dtype = tf.as_dtype(dtype)
        initializer = "glorot_uniform" if dtype.is_floating else "zeros"
    from .. import initializers

    return initializers.get(initializer)


def make_weight(layer, name, shape, dtype, initializer, trainable, constraint, regularizer):
    """Creates one weight of `layer` (the body of `Layer.add_weight`)."""
    dtype = tf.as_dtype(dtype or layer.variable_dtype)
    shape = tuple(tf.TensorShape(shape if shape is not None else ()).as_list())
    if any(d is None for d in shape):
        raise ValueError(f"add_weight: the shape of weight '{name}' of layer '{layer.name}' "
                         f"must be fully defined; got {shape}")
    constraint = resolve("constraints", constraint)
    regularizer = resolve("regularizers", regularizer)
    init = resolve_initializer(initializer, dtype)
    value = _initial_value(init, shape, dtype)
    return KerasVariable(value, name=name, path=f"{layer.name}/{name}",
                         trainable=trainable, dtype=dtype, constraint=constraint,
                         regularizer=regularizer)


def _initial_value(init, shape, dtype):
    """A callable so that, inside a trace, the initial value is computed eagerly."""
    def value():
        return tf.cast(init(shape, dtype=dtype), dtype)

    return value


def resolve(module_name: str, identifier):
    """`keras.<module_name>.get(identifier)`, or None for None (regularizers, constraints)."""
    if identifier is None:
        return None
    import importlib

    return importlib.import_module(f"tensorlet.keras.{module_name}").get(identifier)
