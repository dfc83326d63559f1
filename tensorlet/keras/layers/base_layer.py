"""`tf.keras.layers.Layer`: the base class of every layer and model.

A layer owns weights (made by `add_weight`, usually in `build`), computes `call(inputs)`, and
tracks the sub-layers, variables and metrics stored in its attributes. `__call__` adds what
Keras users rely on: a lazy `build` with the input's shape on the first call, autocasting of
float inputs to the layer's dtype (A8.3), the `training` flag inherited by nested calls (A8.6),
losses reset on each outer call (A10.1), and symbolic calls on `tf.keras.Input` tensors for the
Functional API.
"""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from . import call_context, layer_state, tracking
from .call_spec import call_spec
from .keras_tensor import any_keras_tensor, symbolic_call
from .weights import make_weight, resolve

__all__ = ["Layer", "input_shapes"]

_INIT_KWARGS = frozenset({"input_shape", "input_dim", "batch_input_shape", "batch_size",
                          "autocast", "activity_regularizer", "input_dtype", "weights"})


class Layer(layer_state.LayerState):
    """Base layer: subclass it, create weights in `build`, compute in `call`.

    Args:
        trainable: whether the layer's weights are updated by training.
        name: the layer's name (default: the class name in snake_case, made unique).
        dtype: the dtype of weights and computations (default `backend.floatx()`).
        dynamic: accepted for Keras-2 code (D6): the layer must run eagerly.
        **kwargs: `input_shape`, `input_dim`, `batch_input_shape`, `batch_size`, `autocast`,
            `activity_regularizer`.

    Example:
        >>> import tensorlet as tf
        >>> class Scale(tf.keras.layers.Layer):
        ...     def build(self, input_shape):
        ...         self.w = self.add_weight(name="w", shape=[input_shape[-1]],
        ...                                  initializer="ones")
        ...     def call(self, x):
        ...         return x * self.w
        >>> layer = Scale()
        >>> layer(tf.constant([[1., 2.]])).numpy(), len(layer.weights)
        (array([[1., 2.]], dtype=float32), 1)
    """

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._init_tracking()
        object.__setattr__(obj, "_constructor_args", (args, kwargs))
        return obj

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, **kwargs) -> None:
        unknown = set(kwargs) - _INIT_KWARGS
        if unknown:
            raise ValueError(f"Unrecognized keyword arguments passed to "
                             f"{type(self).__name__}: {kwargs}")
        set_ = object.__setattr__
        set_(self, "_name", name or backend.unique_object_name(
            backend.to_snake_case(type(self).__name__)))
        set_(self, "_dtype", _dtype_name(dtype))
        set_(self, "_trainable", bool(trainable))
        set_(self, "_dynamic", bool(dynamic))
        set_(self, "_autocast", bool(kwargs.get("autocast", True)))
        set_(self, "built", False)
        set_(self, "_batch_input_shape", _batch_input_shape(kwargs))
        set_(self, "_input_dtype", kwargs.get("input_dtype"))
        set_(self, "_build_input_shape", None)
        set_(self, "activity_regularizer",
             resolve("regularizers", kwargs.get("activity_regularizer")))
        set_(self, "input_spec", None)
        set_(self, "supports_masking", False)

    # --- the call ---------------------------------------------------------------------------

    def __call__(self, *args, **kwargs):
        if args:
            inputs, args = args[0], args[1:]
        else:
            inputs = kwargs.pop(call_spec(type(self)).first_arg or "inputs")
        if any_keras_tensor(inputs):
            return symbolic_call(self, inputs, args, kwargs)
        if self._autocast:
            inputs = _autocast(inputs, self._dtype)
        parent = call_context.current()
        training = self._resolve_training(kwargs, parent)
        if parent is None:
            context = call_context.CallContext(training, False, self,
                                               call_context.new_call_id())
            self._clear_call_losses()
        else:
            context = call_context.CallContext(training, parent.symbolic, parent.outer,
                                               parent.call_id)
        if not self.built:
            self._build_from_inputs(inputs)
        call_context.enter(context)
        try:
            outputs = self.call(inputs, *args, **kwargs)
        finally:
            call_context.leave()
        if self.activity_regularizer is not None:
            self._add_activity_loss(outputs)
        return outputs

    def _resolve_training(self, kwargs, context):
        """The `training` value: explicit argument, else the outer call's, else call's default."""
        spec = call_spec(type(self))
        training = kwargs.get("training")
        if training is None and context is not None:
            training = context.training
        if spec.accepts_training:
            if training is None:
                training = spec.training_default
            if training is not None or "training" in kwargs:
                kwargs["training"] = training
        else:
            kwargs.pop("training", None)
        return training

    def _build_from_inputs(self, inputs) -> None:
        self._build_with_shape(input_shapes(inputs))

    def _build_with_shape(self, shapes) -> None:
        """Calls `build(shapes)` once; `built` is True afterwards (even without super().build)."""
        object.__setattr__(self, "_build_input_shape", shapes)
        self.build(shapes)
        object.__setattr__(self, "built", True)

    def build(self, input_shape) -> None:
        """Creates the layer's weights; called once, with the shape of the first inputs.

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Layer()
            >>> layer.build((None, 3)); layer.built
            True
        """
        object.__setattr__(self, "_build_input_shape", input_shape)
        object.__setattr__(self, "built", True)

    def call(self, inputs, *args, **kwargs):
        """The layer's computation (the identity here); subclasses override it.

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.layers.Layer().call(tf.constant(1.)).numpy()
            np.float32(1.0)
        """
        return inputs

    # --- weights ----------------------------------------------------------------------------

    def add_weight(self, *args, name=None, shape=None, dtype=None, initializer=None,
                   regularizer=None, trainable=None, constraint=None, **kwargs):
        """Creates a weight (a variable) of this layer and tracks it.

        Both spellings work: Keras 2 `add_weight("total", shape, ...)` (a `str` first positional
        is the name, D2) and Keras 3 `add_weight(shape, initializer, dtype)`.

        Args:
            name: the weight's name (`kernel`); its path is `<layer name>/<name>`.
            shape: the weight's shape (default: a scalar).
            dtype: default: the layer's variable dtype.
            initializer: a name, an initializer object or a function `(shape, dtype)`
                (default: `glorot_uniform` for floats, `zeros` otherwise).
            regularizer: its penalty is added to `layer.losses`.
            trainable: whether training updates it (default True).
            constraint: applied by optimizers after each update (`variable.constraint`).

        Returns:
            The new variable.

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Layer()
            >>> layer.add_weight("total", initializer="zeros").shape
            TensorShape([])
        """
        name, shape, dtype, initializer = _weight_positionals(
            args, name, shape, dtype, initializer)
        trainable = True if trainable is None else bool(trainable)
        variable = make_weight(self, name or "variable", shape, dtype, initializer,
                               trainable, constraint, regularizer)
        if not self._trainable:
            variable.trainable = False
        self._own_variables.append(variable)
        tracking.bump()
        return variable

    def add_loss(self, loss) -> None:
        """Adds a loss (a scalar tensor, or a zero-argument callable) to `layer.losses`.

        Losses added during a call are cleared at the start of the next outer call (A10.1).

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Layer()
            >>> layer.add_loss(tf.constant(0.5)); len(layer.losses)
            1
        """
        context = call_context.current()
        if context is not None:
            if context.symbolic:
                return
            if self._losses_call_id != context.call_id:
                # NOTE: losses of an earlier call are stale: this call recomputes them.
                self._losses.clear()
                object.__setattr__(self, "_losses_call_id", context.call_id)
                context.outer._loss_owners.append(self)
        self._losses.append(loss)

    def add_metric(self, value, name=None, aggregation=None) -> None:
        """Tracks `value` with a streaming mean named `name` (Keras 2's `add_metric`, D4).

        Example:
            >>> import tensorlet as tf
            >>> layer = tf.keras.layers.Layer()
            >>> layer.add_metric(tf.constant(2.), name="err")
            >>> float(layer.metrics[0].result())
            2.0
        """
        context = call_context.current()
        if context is not None and context.symbolic:
            return
        if name is None and self._is_metric_result(value):
            return
        name = name or f"{self.name}_metric"
        metric = self._added_metrics.get(name)
        if metric is None:
            from ..metrics import Mean

            metric = self._added_metrics[name] = Mean(name=name)
        metric.update_state(value)

    def _is_metric_result(self, value) -> bool:
        """Whether `value` is what a metric tracked by this layer just returned (Keras 2's
        `add_metric(metric(x))`: that metric is shown, not a second one)."""
        for metric in tracking.collect(self):
            if not tracking.is_metric(metric):
                continue
            if getattr(metric, "_last_result", None) is value:
                return True
            if tf.executing_eagerly() and isinstance(value, tf.Tensor):
                current = metric.result()
                if current.shape == value.shape and bool(tf.reduce_all(current == value)):
                    return True
        return False

    def _add_activity_loss(self, outputs) -> None:
        for x in tf.nest.flatten(outputs):
            batch = tf.cast(tf.shape(x)[0], x.dtype)
            self.add_loss(self.activity_regularizer(x) / batch)

    # --- the layer's place in a Functional graph --------------------------------------------

    @property
    def input(self):
        """The Keras tensor(s) of the layer's first call on Keras tensors (a list when several).

        Raises:
            AttributeError: when the layer was never called on Keras tensors.

        Example:
            >>> import tensorlet as tf
            >>> x = tf.keras.Input(shape=(4,))
            >>> dense = tf.keras.layers.Dense(3)
            >>> y = dense(x)
            >>> dense.input is x, dense.output is y
            (True, True)
        """
        return _node_tensors(self, "input")

    @property
    def output(self):
        """The Keras tensor(s) made by the layer's first call on Keras tensors.

        Raises:
            AttributeError: when the layer was never called on Keras tensors.

        Example:
            >>> import tensorlet as tf
            >>> inputs = tf.keras.Input(shape=(4,))
            >>> model = tf.keras.Model(inputs, tf.keras.layers.Dense(3, name="h1")(inputs))
            >>> tf.keras.Model(model.input, model.get_layer("h1").output).output_shape
            (None, 3)
        """
        return _node_tensors(self, "output")

    # --- shapes and config ------------------------------------------------------------------

    def compute_output_shape(self, input_shape):
        """The output shape for `input_shape`, found by tracing `call` symbolically.

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.layers.Layer().compute_output_shape((None, 5))
            TensorShape([None, 5])
        """
        from .keras_tensor import trace_output_specs

        return tf.nest.map_structure(lambda spec: spec.shape,
                                     trace_output_specs(self, input_shape))

    def compute_output_spec(self, *args, **kwargs):
        """Output `TensorSpec`s for symbolic inputs (found by tracing `call`)."""
        from .keras_tensor import trace_output_specs

        return trace_output_specs(self, tf.nest.map_structure(_shape_of, args[0]))

    def get_config(self) -> dict:
        """The layer's constructor arguments: name, trainable, dtype and the subclass's own.

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.layers.Layer(name="a").get_config()
            {'name': 'a', 'trainable': True, 'dtype': 'float32'}
        """
        config = {"name": self.name, "trainable": self.trainable, "dtype": self._dtype}
        if self._batch_input_shape is not None:
            config["batch_input_shape"] = self._batch_input_shape
        config.update(layer_state.auto_config(self))
        return config

    @classmethod
    def from_config(cls, config: dict):
        """Recreates a layer from `get_config()`'s dict.

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.layers.Layer.from_config({"name": "b"}).name
            'b'
        """
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name")
        return cls(**config)

    def get_build_config(self) -> dict | None:
        """The input shape the layer was built with (for saving), or None if unbuilt."""
        if not self.built or self._build_input_shape is None:
            return None
        return {"input_shape": _shape_to_json(self._build_input_shape)}

    def build_from_config(self, config) -> None:
        """Builds the layer from `get_build_config()`'s dict."""
        if config and not self.built:
            self._build_with_shape(_shape_from_json(config["input_shape"]))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _node_tensors(layer, which: str):
    """The flat input or output Keras tensors of the layer's first node (one is unwrapped)."""
    if not layer._inbound_nodes:
        raise AttributeError(undefined_io_message(layer, which))
    node = layer._inbound_nodes[0]
    flat = node.flat_inputs if which == "input" else node.flat_outputs
    return flat[0] if len(flat) == 1 else list(flat)


def undefined_io_message(layer, which: str) -> str:
    """Keras 3's error for `layer.input`/`layer.output` before any call on Keras tensors."""
    return f"The layer {layer.name} has never been called and thus has no defined {which}."


def _dtype_name(dtype) -> str:
    if dtype is None:
        return backend.floatx()
    if isinstance(dtype, dict):
        dtype = dtype.get("config", {}).get("name", backend.floatx())
    if isinstance(dtype, str) and dtype.startswith("mixed_"):
        raise ValueError(f"Mixed precision dtype policies are not supported: {dtype}")
    return tf.as_dtype(dtype).name


def _batch_input_shape(kwargs) -> tuple | None:
    if kwargs.get("batch_input_shape") is not None:
        return tuple(kwargs["batch_input_shape"])
    if kwargs.get("input_shape") is not None:
        return (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
    if kwargs.get("input_dim") is not None:
        return (kwargs.get("batch_size"), kwargs["input_dim"])
    return None


def _weight_positionals(args, name, shape, dtype, initializer):
    """Sorts `add_weight`'s positional arguments into Keras 2 or Keras 3 order."""
    if not args:
        return name, shape, dtype, initializer
    if isinstance(args[0], str):
        order = ("name", "shape", "dtype", "initializer")
    else:
        order = ("shape", "initializer", "dtype")
    values = {"name": name, "shape": shape, "dtype": dtype, "initializer": initializer}
    if len(args) > len(order):
        raise TypeError(f"add_weight() takes at most {len(order)} positional arguments in this "
                        f"order: {', '.join(order)}; got {len(args)}")
    values.update(zip(order, args))
    return values["name"], values["shape"], values["dtype"], values["initializer"]


def input_shapes(inputs):
    """The `TensorShape`s of (nested) inputs, in the same structure."""
    return tf.nest.map_structure(_shape_of, inputs)


def _shape_of(x):
    if isinstance(x, (tf.Tensor, tf.Variable)):
        return x.shape
    if hasattr(x, "shape"):
        return tf.TensorShape(x.shape)
    return x


def _autocast(inputs, dtype_name: str):
    """Float inputs become the layer's dtype; NumPy and Python values become tensors."""
    if isinstance(inputs, (list, tuple, dict)):
        return tf.nest.map_structure(lambda x: _autocast(x, dtype_name), inputs)
    if isinstance(inputs, tf.Tensor):
        dtype = inputs.dtype
        if dtype.is_floating and dtype.name != dtype_name:
            return tf.cast(inputs, dtype_name)
        return inputs
    if hasattr(inputs, "dtype") and hasattr(inputs, "shape") and not isinstance(
            inputs, tf.Variable):
        kind = getattr(inputs.dtype, "kind", "")
        if kind in "fiu" and kind:
            return tf.convert_to_tensor(inputs, dtype=dtype_name)
        return tf.convert_to_tensor(inputs)
    if isinstance(inputs, float):
        return tf.convert_to_tensor(inputs, dtype=dtype_name)
    return inputs


def _shape_to_json(shapes):
    return tf.nest.map_structure(
        lambda s: s.as_list() if isinstance(s, tf.TensorShape) else s, shapes)


def _shape_from_json(shapes):
    if isinstance(shapes, (list, tuple)) and all(d is None or isinstance(d, int) for d in shapes):
        return tf.TensorShape(shapes)
    if isinstance(shapes, dict):
        return {k: _shape_from_json(v) for k, v in shapes.items()}
    return [_shape_from_json(s) for s in shapes]
