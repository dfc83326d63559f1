"""`CallbackList`: calls every hook of a list of callbacks; the trainer's one entry point.

The contract `fit` / `evaluate` / `predict` follow (Keras 3's order of calls):

fit(x, y, epochs, verbose, callbacks, validation_data, initial_epoch, ...):
    1. Build the model (and the optimizer's variables when possible) BEFORE `on_train_begin`:
       `BackupAndRestore` restores weights into them there.
    2. `callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0,
       model=model, verbose=verbose, epochs=epochs, steps=steps_per_epoch)`; `verbose` may be
       0, 1, 2 or "auto" (shown as 1); `steps` is None when the number of batches is unknown.
    3. `model.stop_training = False`, then `callbacks.on_train_begin()`.
    4. `initial_epoch = model._initial_epoch or initial_epoch` (set by `BackupAndRestore` when
       it resumes an interrupted run; `fit` sets `model._initial_epoch = None` when it returns).
    5. For epoch in range(initial_epoch, epochs):
           reset the metrics; `callbacks.on_epoch_begin(epoch)`;
           for step, batch (step counts from 0 in every epoch):
               `callbacks.on_train_batch_begin(step)`; `logs = train_step(batch)`;
               `callbacks.on_train_batch_end(step, logs)`; stop the epoch if
               `model.stop_training`;
           `epoch_logs` = the metrics' results, then the validation run (an `evaluate` with the
           SAME `callbacks`) adds `val_<name>` entries;
           `callbacks.on_epoch_end(epoch, epoch_logs)`; stop if `model.stop_training`.
    6. `callbacks.on_train_end(logs=last epoch_logs)`; return `callbacks.history`
       (a `History`, also set as `model.history`). When training raises, `on_train_end` is not
       called (so `BackupAndRestore` keeps its backup).
evaluate (alone): `CallbackList(callbacks, add_progbar=verbose != 0, model=model,
    verbose=verbose, epochs=1, steps=steps)`; `on_test_begin()`, per batch
    `on_test_batch_begin(step)` / `on_test_batch_end(step, logs)`, then `on_test_end(logs)`.
predict: the same with `on_predict_begin()`, `on_predict_batch_begin(step)`,
    `on_predict_batch_end(step, {"outputs": batch_outputs})`, `on_predict_end()`.

Logs are dicts of name -> scalar (tensors, NumPy or Python numbers), in display order: "loss"
first, then the compiled metrics, then metrics added by layers, then the `val_` entries. Each
hook passes the callbacks one new dict whose values are Python floats (nested dicts flattened);
the trainer's dict is never changed. Callbacks may add entries ("learning_rate"), which the
callbacks after them see (History and ProgbarLogger come last).

Per-batch hooks that no callback overrides are skipped. `has_hook("on_train_batch_end")` says
whether one is listened to, so a trainer can skip computing per-batch logs when none is.
"""

from __future__ import annotations

from .callback import Callback, is_default
from .history import History
from .progbar_logger import ProgbarLogger

__all__ = ["CallbackList", "python_logs"]

_BATCH_HOOKS = ("on_batch_begin", "on_batch_end", "on_train_batch_begin", "on_train_batch_end",
                "on_test_batch_begin", "on_test_batch_end", "on_predict_batch_begin",
                "on_predict_batch_end")
# NOTE: Callback.on_train_batch_* call on_batch_* by default, so overriding either one counts.
_FALLBACK = {"on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end"}


def python_logs(logs) -> dict:
    """`logs` with scalar values as Python floats and nested dicts flattened.

    Example:
        >>> import numpy as np
        >>> python_logs({"loss": np.float32(0.5), "out": {"acc": 1}, "name": "x"})
        {'loss': 0.5, 'acc': 1.0, 'name': 'x'}
    """
    result = {}
    for key, value in (logs or {}).items():
        if isinstance(value, dict):
            result.update(python_logs(value))
            continue
        if not isinstance(value, str):
            try:
                value = float(value)
            except (TypeError, ValueError):
                pass
        result[key] = value
    return result


def _flatten(callbacks) -> list:
    if callbacks is None:
        return []
    if isinstance(callbacks, (list, tuple)):
        return [c for item in callbacks for c in _flatten(item)]
    return [callbacks]


def _overrides(callback, hook: str) -> bool:
    if not is_default(getattr(callback, hook)):
        return True
    fallback = _FALLBACK.get(hook)
    return fallback is not None and not is_default(getattr(callback, fallback))


class CallbackList(Callback):
    """A list of callbacks called as one (History and ProgbarLogger added on request).

    Args:
        callbacks: a list of `Callback` instances (nested lists are flattened).
        add_history: append a `History` unless the list has one.
        add_progbar: append a `ProgbarLogger` unless the list has one.
        model: the model given to every callback.
        **params: the run's parameters (`verbose`, `epochs`, `steps`), given to every callback.

    Example:
        >>> import tensorlet as tf
        >>> callbacks = tf.keras.callbacks.CallbackList(add_history=True, epochs=1, steps=2,
        ...                                             verbose=0)
        >>> callbacks.on_train_begin(); callbacks.on_epoch_end(0, {"loss": 0.5})
        >>> callbacks.history.history
        {'loss': [0.5]}
    """

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params) -> None:
        super().__init__()
        self.callbacks = _flatten(callbacks)
        self._history = next((c for c in self.callbacks if isinstance(c, History)), None)
        self._progbar = next((c for c in self.callbacks if isinstance(c, ProgbarLogger)), None)
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        self._refresh()
        self.set_model(model)
        self.set_params(params)

    @property
    def history(self):
        """The `History` callback of the list, or None."""
        return self._history

    def append(self, callback) -> None:
        """Adds a callback at the end of the list."""
        self.callbacks.append(callback)
        self._refresh()

    def _refresh(self) -> None:
        self._active = {hook: [getattr(c, hook) for c in self.callbacks if _overrides(c, hook)]
                        for hook in _BATCH_HOOKS}

    def has_hook(self, hook: str) -> bool:
        """Whether some callback overrides `hook` (for example "on_train_batch_end")."""
        if hook in self._active:
            return bool(self._active[hook])
        return any(_overrides(c, hook) for c in self.callbacks)

    def set_model(self, model) -> None:
        if model is None:
            return
        super().set_model(model)
        if self._history is not None:
            model.history = self._history
        for callback in self.callbacks:
            callback.set_model(model)

    def set_params(self, params) -> None:
        self.params = params
        if params:
            for callback in self.callbacks:
                callback.set_params(params)
            self._refresh()  # NOTE: a callback may drop its batch hooks for these params

    def _call_all(self, hook: str, *args, logs=None) -> None:
        logs = python_logs(logs)
        for callback in self.callbacks:
            getattr(callback, hook)(*args, logs)

    def _call_batch(self, hook: str, batch, logs) -> None:
        active = self._active[hook]
        if active:
            logs = python_logs(logs)
            for method in active:
                method(batch, logs=logs)

    def on_batch_begin(self, batch, logs=None):
        self._call_batch("on_batch_begin", batch, logs)

    def on_batch_end(self, batch, logs=None):
        self._call_batch("on_batch_end", batch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._call_batch("on_train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._call_batch("on_train_batch_end", batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._call_batch("on_test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self._call_batch("on_test_batch_end", batch, logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._call_batch("on_predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._call_batch("on_predict_batch_end", batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._call_all("on_epoch_begin", epoch, logs=logs)

    def on_epoch_end(self, epoch, logs=None):
        self._call_all("on_epoch_end", epoch, logs=logs)

    def on_train_begin(self, logs=None):
        self._call_all("on_train_begin", logs=logs)

    def on_train_end(self, logs=None):
        self._call_all("on_train_end", logs=logs)

    def on_test_begin(self, logs=None):
        self._call_all("on_test_begin", logs=logs)

    def on_test_end(self, logs=None):
        self._call_all("on_test_end", logs=logs)

    def on_predict_begin(self, logs=None):
        self._call_all("on_predict_begin", logs=logs)

    def on_predict_end(self, logs=None):
        self._call_all("on_predict_end", logs=logs)
