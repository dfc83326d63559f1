"""The streaming `Metric` base class (Keras 3 style: a metric is not a layer), A7.

A metric keeps its state in non-trainable variables, updates them batch after batch
(`update_state`) and computes its value from them (`result`). Calling a metric does both.
Both spellings work: `add_weight("total", ...)` with the name first (the book's, D2) or
Keras 3's `add_weight(shape, initializer, ...)`; `reset_state()` and `reset_states()` (D3).
"""

from __future__ import annotations

import tensorlet as tf

from .. import backend

__all__ = ["Metric"]

# Positional parameters of add_weight: the book's Keras-2 order when the first is a name,
# else Keras 3's order.
_KERAS2_ORDER = ("name", "shape", "aggregation", "synchronization", "initializer", "dtype")
_KERAS3_ORDER = ("shape", "initializer", "dtype", "aggregation", "name")


class Metric:
    """Base class of streaming metrics: implement `update_state` and `result`.

    Any `tf.Variable` (or metric) set as an attribute is tracked in `variables`, in the order
    of creation (A7.4).

    Args:
        name: the metric's name (default: the snake-case class name, made unique).
        dtype: the dtype of its variables and result (default `floatx()`, "float32").

    Example:
        >>> import tensorlet as tf
        >>> class Total(tf.keras.metrics.Metric):
        ...     def __init__(self, **kwargs):
        ...         super().__init__(**kwargs)
        ...         self.total = self.add_weight("total", initializer="zeros")
        ...     def update_state(self, values):
        ...         self.total.assign_add(tf.reduce_sum(values))
        ...     def result(self):
        ...         return self.total.value()
        >>> total = Total()
        >>> total([1., 2.]).numpy(), total([3.]).numpy()
        (np.float32(3.0), np.float32(6.0))
    """

    def __init__(self, name=None, dtype=None):
        if name is None:
            name = backend.unique_object_name(backend.to_snake_case(type(self).__name__))
        self.name = name
        self._dtype = tf.as_dtype(dtype or backend.floatx()).name
        self._tracked()

    def _tracked(self) -> list:
        """The variables and sub-metrics, in the order they were created or assigned."""
        tracked = self.__dict__.get("_tracked_objects")
        if tracked is None:
            tracked = []
            object.__setattr__(self, "_tracked_objects", tracked)
        return tracked

    def _track(self, value) -> None:
        if isinstance(value, (list, tuple)):
            for item in value:
                self._track(item)
        elif isinstance(value, dict):
            for item in value.values():
                self._track(item)
        elif isinstance(value, (tf.Variable, Metric)) and value is not self:
            tracked = self._tracked()
            if all(value is not known for known in tracked):
                tracked.append(value)

    def __setattr__(self, name, value):
        if not name.startswith("_tracked"):
            self._track(value)
        object.__setattr__(self, name, value)

    @property
    def dtype(self) -> str:
        """The dtype of the variables and of `result()`, as a string."""
        return self._dtype

    @property
    def variables(self) -> list:
        """Every tracked variable: this metric's own, then those of its sub-metrics."""
        found: list = []
        for obj in self._tracked():
            for variable in obj.variables if isinstance(obj, Metric) else [obj]:
                if all(variable is not known for known in found):
                    found.append(variable)
        return found

    def add_weight(self, *args, **kwargs):
        """Creates a non-trainable state variable of this metric and tracks it.

        Accepts the book's `add_weight("total", initializer="zeros")` (a str first positional
        is the name, D2) and Keras 3's `add_weight(shape=(), initializer=None, dtype=None,
        aggregation="sum", name=None)`. The initializer defaults to zeros.

        Returns:
            The variable (named `name`; its `path` is `"<metric name>/<name>"`).

        Example:
            >>> import tensorlet as tf
            >>> m = tf.keras.metrics.Metric(name="m")
            >>> v = m.add_weight("count", shape=(2,))
            >>> v.name, v.numpy(), m.variables == [v]
            ('count', array([0., 0.], dtype=float32), True)
        """
        order = _KERAS2_ORDER if args and isinstance(args[0], str) else _KERAS3_ORDER
        if len(args) > len(order):
            raise TypeError(f"add_weight() takes at most {len(order)} positional arguments "
                            f"({len(args)} given)")
        for key, value in zip(order, args):
            if key in kwargs:
                raise TypeError(f"add_weight() got multiple values for argument '{key}'")
            kwargs[key] = value
        return self._make_weight(**kwargs)

    def _make_weight(self, name=None, shape=(), initializer=None, dtype=None,
                     aggregation="sum", synchronization=None):
        from ..layers import weights

        dtype = tf.as_dtype(dtype or self._dtype)
        shape = tuple(tf.TensorShape(shape if shape is not None else ()).as_list())
        name = name or "variable"
        init = weights.resolve_initializer("zeros" if initializer is None else initializer,
                                           dtype)
        variable = weights.KerasVariable(lambda: tf.cast(init(shape, dtype=dtype), dtype),
                                         name=name, path=f"{self.name}/{name}",
                                         trainable=False, dtype=dtype)
        self._track(variable)
        return variable

    def update_state(self, *args, **kwargs):
        """Accumulates statistics for one batch; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement update_state()")

    def result(self):
        """The metric's value from the accumulated state; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement result()")

    def reset_state(self):
        """Sets every state variable back to zero (a subclass may override it)."""
        if type(self).reset_states is not Metric.reset_states:
            self.reset_states()
            return
        self._zero_variables()

    def reset_states(self):
        """The book's Keras-2 name of `reset_state()` (D3); either may be overridden."""
        if type(self).reset_state is not Metric.reset_state:
            self.reset_state()
            return
        self._zero_variables()

    def _zero_variables(self):
        for variable in self.variables:
            variable.assign(tf.zeros(variable.shape, dtype=variable.dtype))

    def __call__(self, *args, **kwargs):
        """`update_state(*args, **kwargs)`, then returns `result()`."""
        self.update_state(*args, **kwargs)
        result = self.result()
        # NOTE: remembered so that a layer's `add_metric(metric(x))` (the book's Keras-2 idiom)
        # recognises this metric's result, even as a symbolic tensor inside a traced call.
        object.__setattr__(self, "_last_result", result)
        return result

    def get_config(self) -> dict:
        """`{"name", "dtype"}`; subclasses add their constructor arguments."""
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict):
        """`cls(**config)`."""
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"
