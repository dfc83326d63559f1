"""`tf.keras.callbacks.Callback`: the base class whose hooks `fit`, `evaluate` and `predict` call.

Every hook does nothing by default and is marked so (`is_default`), which lets `CallbackList`
skip per-batch hooks that no callback overrides: a training step pays nothing for them.
"""

from __future__ import annotations

__all__ = ["Callback", "is_default", "use_default_hooks"]


def _default(method):
    method._is_default = True
    return method


def is_default(method) -> bool:
    """Whether `method` is a hook of `Callback` that a subclass (or instance) did not override.

    Example:
        >>> import tensorlet as tf
        >>> is_default(tf.keras.callbacks.Callback().on_epoch_end)
        True
    """
    return getattr(method, "_is_default", False)


def use_default_hooks(callback, hooks, default: bool) -> None:
    """Makes `hooks` of `callback` the base class's no-ops (True) or its own again (False).

    A callback whose per-batch hooks have nothing to do in its current settings (a progress
    bar with `verbose=2`, TensorBoard with `update_freq="epoch"`) uses this so that `fit` skips
    them and does not compute per-batch logs for it.

    Example:
        >>> import tensorlet as tf
        >>> logger = tf.keras.callbacks.ProgbarLogger()
        >>> use_default_hooks(logger, ["on_train_batch_end"], True)
        >>> is_default(logger.on_train_batch_end)
        True
    """
    for hook in hooks:
        if default:
            setattr(callback, hook, getattr(Callback, hook).__get__(callback))
        else:
            callback.__dict__.pop(hook, None)


class Callback:
    """Base class of callbacks: override the hooks you need.

    Attributes:
        model: the model being trained, evaluated or used for prediction (set by `set_model`).
        params: the run's parameters, e.g. `{"verbose": 1, "epochs": 5, "steps": 363}`.

    `on_train_batch_begin/end` call `on_batch_begin/end` by default (Keras 2's names).

    Example:
        >>> import tensorlet as tf
        >>> class PrintLoss(tf.keras.callbacks.Callback):
        ...     def on_epoch_end(self, epoch, logs=None):
        ...         print(f"epoch {epoch}: loss {logs['loss']:.2f}")
        >>> PrintLoss().on_epoch_end(0, {"loss": 0.5})
        epoch 0: loss 0.50
    """

    def __init__(self) -> None:
        self.params = None
        self._model = None

    @property
    def model(self):
        """The model the callback is attached to."""
        return self._model

    @model.setter
    def model(self, model) -> None:
        self._model = model

    def set_params(self, params) -> None:
        """Receives the run's parameters (`verbose`, `epochs`, `steps`)."""
        self.params = params

    def set_model(self, model) -> None:
        """Receives the model."""
        self._model = model

    @_default
    def on_batch_begin(self, batch, logs=None):
        """Called before a training batch (Keras 2 name of `on_train_batch_begin`)."""

    @_default
    def on_batch_end(self, batch, logs=None):
        """Called after a training batch (Keras 2 name of `on_train_batch_end`)."""

    @_default
    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of epoch `epoch` (0-based)."""

    @_default
    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch; `logs` has the epoch's metrics, `val_` ones included."""

    @_default
    def on_train_batch_begin(self, batch, logs=None):
        """Called before training batch `batch` (0-based within the epoch)."""
        self.on_batch_begin(batch, logs=logs)

    @_default
    def on_train_batch_end(self, batch, logs=None):
        """Called after a training batch; `logs` has the running metrics."""
        self.on_batch_end(batch, logs=logs)

    @_default
    def on_test_batch_begin(self, batch, logs=None):
        """Called before an `evaluate` batch (also the validation inside `fit`)."""

    @_default
    def on_test_batch_end(self, batch, logs=None):
        """Called after an `evaluate` batch."""

    @_default
    def on_predict_batch_begin(self, batch, logs=None):
        """Called before a `predict` batch."""

    @_default
    def on_predict_batch_end(self, batch, logs=None):
        """Called after a `predict` batch; `logs` has `outputs`."""

    @_default
    def on_train_begin(self, logs=None):
        """Called when `fit` starts."""

    @_default
    def on_train_end(self, logs=None):
        """Called when `fit` ends; `logs` has the last epoch's metrics."""

    @_default
    def on_test_begin(self, logs=None):
        """Called when `evaluate` (or the validation inside `fit`) starts."""

    @_default
    def on_test_end(self, logs=None):
        """Called when `evaluate` ends; `logs` has its results."""

    @_default
    def on_predict_begin(self, logs=None):
        """Called when `predict` starts."""

    @_default
    def on_predict_end(self, logs=None):
        """Called when `predict` ends."""
