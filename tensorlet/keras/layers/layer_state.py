"""The state side of `Layer`: tracked attributes, weights, losses, metrics and freezing."""

from __future__ import annotations

import inspect

import numpy as np

import tensorlet as tf

from . import tracking

__all__ = ["LayerState", "auto_config"]

_INIT_STATE = frozenset({"_name", "_dtype", "_trainable", "_dynamic", "_autocast", "built",
                         "_batch_input_shape", "_input_dtype", "_build_input_shape",
                         "activity_regularizer", "input_spec", "supports_masking"})


class LayerState:
    """Mixin of `Layer` holding everything that is not the call itself."""

    def _init_tracking(self) -> None:
        set_ = object.__setattr__
        set_(self, "_tracked_attrs", {})
        set_(self, "_own_variables", [])
        set_(self, "_losses", [])
        set_(self, "_added_metrics", {})
        set_(self, "_inbound_nodes", [])
        set_(self, "_loss_owners", [])
        set_(self, "_losses_call_id", 0)
        set_(self, "_tracking_cache", {})

    def __setattr__(self, name: str, value) -> None:
        if tracking.is_trackable_value(value):
            value = tracking.wrap(value)
            self._tracked_attrs[name] = None
            if isinstance(value, tf.Variable) and not _has(self._own_variables, value):
                self._own_variables.append(value)
            tracking.bump()
        elif name in self._tracked_attrs:
            del self._tracked_attrs[name]
            tracking.bump()
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._tracked_attrs.pop(name, 0) is None:
            tracking.bump()
        object.__delattr__(self, name)

    def _cached(self, key: str, compute):
        """`compute()`, reused until the tracking version changes."""
        entry = self._tracking_cache.get(key)
        current = tracking.version()
        if entry is None or entry[0] != current:
            entry = self._tracking_cache[key] = (current, compute())
        return entry[1]

    def _owned_variables(self) -> list:
        """This layer's own variables: `add_weight`s and `tf.Variable`s held in attributes,
        directly or inside lists, tuples and dicts (A9.1), each once."""
        return self._cached("owned", self._compute_owned_variables)

    def _compute_owned_variables(self) -> list:
        result = list(self._own_variables)
        seen = {id(v) for v in result}
        for obj in tracking.collect(self):
            if isinstance(obj, tf.Variable) and id(obj) not in seen:
                seen.add(id(obj))
                result.append(obj)
        return result

    def __getattr__(self, name: str):
        # NOTE: only reached for missing attributes; `_name` is missing only when a subclass
        # forgot `super().__init__(**kwargs)`.
        if name in _INIT_STATE:
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute '{name}': call "
                f"`super().__init__(**kwargs)` at the start of {type(self).__name__}.__init__")
        if name in ("input", "output"):
            # NOTE: the `input`/`output` properties raised AttributeError, which lands here.
            from .base_layer import undefined_io_message

            raise AttributeError(undefined_io_message(self, name))
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    # --- identity ---------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        object.__setattr__(self, "_name", str(value))

    @property
    def dtype(self) -> str:
        """The dtype of the layer's weights, as a string (`"float32"`)."""
        return self._dtype

    @property
    def compute_dtype(self) -> str:
        return self._dtype

    @property
    def variable_dtype(self) -> str:
        return self._dtype

    @property
    def dtype_policy(self):
        return self._dtype

    @property
    def dynamic(self) -> bool:
        """True when this layer or a nested one was made with `dynamic=True` (D6)."""
        return self._dynamic or any(layer._dynamic for layer in self._flatten_layers(False))

    @property
    def autocast(self) -> bool:
        return self._autocast

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        """Freezing (or unfreezing) a layer does the same to its weights and sub-layers."""
        value = bool(value)
        object.__setattr__(self, "_trainable", value)
        tracking.bump()
        for variable in self._own_variables:
            if getattr(variable, "declared_trainable", False):
                variable.trainable = value
        for layer in self._layers:
            layer.trainable = value

    # --- tracked objects --------------------------------------------------------------------

    @property
    def _layers(self) -> list:
        """The direct sub-layers, in assignment order."""
        return list(self._cached("layers", self._compute_layers))

    def _compute_layers(self) -> list:
        from .base_layer import Layer

        return [obj for obj in tracking.collect(self) if isinstance(obj, Layer)]

    def _flatten_layers(self, include_self: bool = True) -> list:
        """This layer (optionally) and every nested layer, depth first, each once."""
        layers = self._cached("flat", self._compute_flat_layers)
        return list(layers) if include_self else layers[1:]

    def _compute_flat_layers(self) -> list:
        result, seen = [], set()
        stack = [self]
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            result.append(layer)
            stack.extend(reversed(layer._layers))
        return result

    @property
    def weights(self) -> list:
        """All weights: this layer's own first, then its sub-layers', each once."""
        return list(self._cached("weights", self._compute_weights))

    def _compute_weights(self) -> list:
        result, seen = [], set()
        for layer in self._flatten_layers():
            for variable in layer._owned_variables():
                if id(variable) not in seen:
                    seen.add(id(variable))
                    result.append(variable)
        return result

    variables = weights

    @property
    def trainable_weights(self) -> list:
        return list(self._cached("trainable", self._compute_trainable_weights))

    def _compute_trainable_weights(self) -> list:
        if not self._trainable:
            return []
        result, seen = [], set()
        for layer in self._flatten_layers():
            if not layer._trainable:
                continue
            for variable in layer._owned_variables():
                if variable.trainable and id(variable) not in seen:
                    seen.add(id(variable))
                    result.append(variable)
        return result

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self) -> list:
        trainable = {id(v) for v in self.trainable_weights}
        return [v for v in self.weights if id(v) not in trainable]

    non_trainable_variables = non_trainable_weights

    def count_params(self) -> int:
        """The number of scalars in the layer's weights (the layer must be built).

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Dense(3)
            >>> layer.build((None, 4))
            >>> layer.count_params()
            15
        """
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on layer '{self.name}', but the "
                             f"layer isn't built. You can build it manually via: "
                             f"`layer.build(input_shape)`.")
        return int(sum(np.prod(w.shape.as_list(), dtype=np.int64) for w in self.weights))

    def get_weights(self) -> list:
        """The weights' values as NumPy arrays.

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Layer()
            >>> _ = layer.add_weight("w", shape=(2,), initializer="ones")
            >>> layer.get_weights()
            [array([1., 1.], dtype=float32)]
        """
        return [np.array(v.numpy()) for v in self.weights]

    def set_weights(self, weights) -> None:
        """Assigns NumPy arrays to the weights, in `weights` order.

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Layer()
            >>> _ = layer.add_weight("w", shape=(2,), initializer="ones")
            >>> layer.set_weights([[3., 4.]]); layer.get_weights()[0]
            array([3., 4.], dtype=float32)
        """
        variables = self.weights
        if len(weights) != len(variables):
            raise ValueError(
                f"You called `set_weights(weights)` on layer '{self.name}' with a weight list "
                f"of length {len(weights)}, but the layer was expecting {len(variables)} "
                f"weights.")
        for variable, value in zip(variables, weights):
            value = np.asarray(value)
            if tuple(variable.shape.as_list()) != value.shape:
                raise ValueError(
                    f"Layer {self.name} weight shape {tuple(variable.shape.as_list())} is not "
                    f"compatible with provided weight shape {value.shape}.")
            variable.assign(value)

    # --- losses and metrics -----------------------------------------------------------------

    @property
    def losses(self) -> list:
        """`add_loss` losses of the last call and the weight regularization penalties."""
        result = []
        for layer in self._flatten_layers():
            for loss in layer._losses:
                result.append(loss() if callable(loss) else loss)
            for variable in layer._owned_variables():
                regularizer = getattr(variable, "regularizer", None)
                if regularizer is not None:
                    result.append(regularizer(variable))
        return result

    def _clear_call_losses(self) -> None:
        """Before an outermost call: drops the `add_loss` losses of this layer's last calls."""
        self._losses.clear()
        if self._loss_owners:
            for layer in self._loss_owners:
                layer._losses.clear()
            self._loss_owners.clear()

    @property
    def metrics(self) -> list:
        """Metrics tracked as attributes or made by `add_metric`, nested layers included."""
        result, seen = [], set()
        for layer in self._flatten_layers():
            found = [m for m in tracking.collect(layer) if tracking.is_metric(m)]
            for metric in found + list(layer._added_metrics.values()):
                if id(metric) not in seen:
                    seen.add(id(metric))
                    result.append(metric)
        return result

    @property
    def metrics_names(self) -> list:
        return [m.name for m in self.metrics]


def _has(items: list, obj) -> bool:
    return any(item is obj for item in items)


def auto_config(layer) -> dict:
    """The constructor arguments of a subclass that does not override `get_config`.

    They are read from the arguments the layer was made with, when they are plain values.
    """
    cls = type(layer)
    from .base_layer import Layer

    if cls.__init__ is Layer.__init__ or _overrides_get_config(cls):
        return {}
    args, kwargs = layer._constructor_args
    try:
        bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
    except TypeError:
        return {}
    config = {}
    for key, value in list(bound.arguments.items())[1:]:
        kind = inspect.signature(cls.__init__).parameters[key].kind
        if kind is inspect.Parameter.VAR_KEYWORD:
            continue
        if kind is inspect.Parameter.VAR_POSITIONAL or not _plain(value):
            return {}
        config[key] = value
    return config


def _overrides_get_config(cls) -> bool:
    from .base_layer import Layer

    for klass in cls.__mro__:
        if klass is Layer:
            return False
        if "get_config" in klass.__dict__:
            return True
    return False


def _plain(value) -> bool:
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
