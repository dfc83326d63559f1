"""The `Loss` base class and `LossFunctionWrapper` (A4.3, A4.4).

A loss object holds a `name` and a `reduction`. Calling it converts both inputs to its dtype,
runs `call(y_true, y_pred)` (the per-instance losses), weights them with `sample_weight` and
reduces them (see `reduction.py`).
"""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from . import reduction as reduction_lib

__all__ = ["Loss", "LossFunctionWrapper"]


class Loss:
    """Base class of the loss objects: subclasses implement `call(y_true, y_pred)`.

    Args:
        name: the loss's name (default: the snake-case class name, made unique).
        reduction: `"sum_over_batch_size"` (default), `"sum"`, `"none"`, `"mean"`,
            `"mean_with_sample_weight"`, or the Keras-2 `"auto"` (D5).
        dtype: the dtype the inputs are converted to and the loss is computed in
            (default: `tf.keras.backend.floatx()`).

    Example:
        >>> import tensorlet as tf
        >>> class AbsLoss(tf.keras.losses.Loss):
        ...     def call(self, y_true, y_pred):
        ...         return tf.abs(y_true - y_pred)
        >>> AbsLoss(reduction="sum")([[0.], [3.]], [[1.], [0.]]).numpy()
        np.float32(4.0)
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        if name is None:
            name = backend.unique_object_name(backend.to_snake_case(type(self).__name__))
        self.name = name
        self.reduction = reduction_lib.standardize_reduction(reduction)
        self._dtype = None if dtype is None else tf.as_dtype(dtype).name

    @property
    def dtype(self) -> str:
        """The dtype of the computation, as a string (`"float32"`)."""
        return self._dtype or backend.floatx()

    def __call__(self, y_true, y_pred, sample_weight=None):
        """Returns the reduced, weighted loss of a batch.

        Args:
            y_true: the labels.
            y_pred: the predictions.
            sample_weight: None, a scalar, or one weight per instance (or per loss value).

        Returns:
            A scalar tensor (the per-instance losses for `reduction="none"`).
        """
        dtype = self.dtype
        y_pred = reduction_lib.as_float_tensor(y_pred, dtype)
        y_true = reduction_lib.as_float_tensor(y_true, dtype)
        losses = self.call(y_true, y_pred)
        return reduction_lib.reduce_weighted_values(
            losses, sample_weight=sample_weight, reduction=self.reduction, dtype=dtype)

    def call(self, y_true, y_pred):
        """The per-instance losses; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred)")

    def get_config(self) -> dict:
        """`{"name", "reduction"}` (plus `"dtype"` when one was given); subclasses add theirs."""
        config = {"name": self.name, "reduction": self.reduction}
        if self._dtype is not None:
            config["dtype"] = self._dtype
        return config

    @classmethod
    def from_config(cls, config: dict):
        """`cls(**config)` (A4.3).

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.losses.Huber.from_config({"name": "h", "delta": 2.0}).delta
            2.0
        """
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"


class LossFunctionWrapper(Loss):
    """A `Loss` that calls a per-instance loss function `fn(y_true, y_pred, **kwargs)`.

    Args:
        fn: the function.
        reduction: see `Loss`.
        name: the loss's name (default: `"loss_function_wrapper"`, made unique).
        dtype: see `Loss`.
        **kwargs: extra keyword arguments passed to `fn` (saved in the config).

    Example:
        >>> import tensorlet as tf
        >>> wrapper = tf.keras.losses.LossFunctionWrapper(tf.keras.losses.huber, delta=2.0)
        >>> wrapper([[0.], [3.]], [[1.], [0.]]).numpy()
        np.float32(2.25)
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = reduction_lib.squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict:
        from ..saving import serialization

        config = super().get_config()
        if type(self) is LossFunctionWrapper:
            config["fn"] = serialization.serialize_keras_object(self.fn)
        config.update(serialization.serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config: dict):
        if cls is LossFunctionWrapper and "fn" in config:
            from ..saving import serialization

            config = {**config, "fn": serialization.deserialize_keras_object(config["fn"])}
        return cls(**config)

    def __repr__(self) -> str:
        name = getattr(self.fn, "__name__", repr(self.fn))
        return f"<{type(self).__name__} name={self.name} fn={name} kwargs={self._fn_kwargs}>"
