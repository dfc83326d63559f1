"""The `fit`, `evaluate` and `predict` loops, and the `*_on_batch` methods (B4, B5).

Each loop makes an adapter and an `EpochIterator` for the data, a `CallbackList` (with `History`
and, unless `verbose=0`, `ProgbarLogger`), then calls the step function on each batch and the
callbacks' hooks around it. When no callback uses the batch hooks (the default with
`verbose=0`), they are not called at all, so a step costs the step function and the slicing of
the batch. The logs handed to epoch hooks and returned are Python floats, keys sorted (Keras 3).
"""

from __future__ import annotations

import numpy as np

import tensorlet as tf

from . import data_adapter
from .epoch_iterator import EpochIterator

__all__ = ["fit", "evaluate", "predict", "train_on_batch", "test_on_batch", "predict_on_batch",
           "pythonify_logs"]


def pythonify_logs(logs) -> dict:
    """Logs with scalar tensors as Python floats, nested dicts merged in; as Keras 3, the keys
    are sorted before nested dicts are merged (a custom `train_step` returning
    `{"loss": ..., "compile_metrics": {"mae": ...}}` logs `mae` first).

    Example:
        >>> import tensorlet as tf
        >>> pythonify_logs({"loss": tf.constant(0.5), "m": {"mae": tf.constant(1.0)}})
        {'loss': 0.5, 'mae': 1.0}
        >>> list(pythonify_logs({"loss": 0.5, "compile_metrics": {"mae": 1.0}}))
        ['mae', 'loss']
    """
    flat: dict = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            flat.update(pythonify_logs(value))
            continue
        if isinstance(value, (tf.Tensor, tf.Variable, np.ndarray, np.generic)):
            array = np.asarray(value.numpy() if hasattr(value, "numpy") else value)
            value = float(array) if array.size == 1 and array.ndim <= 1 and \
                array.dtype.kind in "fiub" else array
        flat[key] = value
    return flat


def _callback_list(callbacks, model, verbose, epochs, steps, add_history):
    from .. import callbacks as callbacks_module

    if isinstance(callbacks, callbacks_module.CallbackList):
        return callbacks
    return callbacks_module.CallbackList(callbacks, add_history=add_history,
                                         add_progbar=verbose != 0, model=model,
                                         verbose=verbose, epochs=epochs, steps=steps)


_HOOKS = {"train": ("on_train_batch_begin", "on_train_batch_end", "on_batch_begin",
                    "on_batch_end"),
          "test": ("on_test_batch_begin", "on_test_batch_end"),
          "predict": ("on_predict_batch_begin", "on_predict_batch_end")}


def _uses_batch_hooks(callback_list, mode: str) -> bool:
    """Whether some callback listens to a batch hook of `mode` (else the loop skips them)."""
    return any(callback_list.has_hook(hook) for hook in _HOOKS[mode])


def _sorted(logs):
    """Batch logs with their keys sorted, as Keras 3 shows them."""
    return dict(sorted(logs.items())) if isinstance(logs, dict) else logs


def _epoch_logs(model, logs) -> dict:
    """Keras's rule: the model's metric results when the last step's logs name the same
    metrics (the usual case), else the last step's logs (a custom `train_step`)."""
    results = model.get_metrics_result()
    if logs is None or logs == () or (isinstance(logs, dict) and set(logs) == set(results)):
        return pythonify_logs(results)
    return pythonify_logs(logs)


def _should_validate(epoch: int, validation_freq) -> bool:
    if isinstance(validation_freq, int):
        return (epoch + 1) % validation_freq == 0
    if isinstance(validation_freq, (list, tuple, set)):
        return (epoch + 1) in validation_freq
    raise ValueError(f"Expected `validation_freq` to be a list or int. Received: "
                     f"validation_freq={validation_freq} of the type {type(validation_freq)}.")


def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
        validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
        sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
        validation_batch_size=None, validation_freq=1, **kwargs):
    """Trains the model for `epochs` epochs; returns the `History` (with `val_` keys).

    Example:
        >>> import numpy as np
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(loss="mse", optimizer="sgd")
        >>> h = model.fit(np.ones((10, 2)), np.ones((10, 1)), validation_split=0.2, verbose=0)
        >>> sorted(h.history)
        ['loss', 'val_loss']
    """
    _check_kwargs("fit", kwargs)
    self._assert_compiled("fit")
    if validation_split and validation_data is None:
        if data_adapter.is_dataset(x) or not _is_array_like(x):
            raise ValueError(f"Argument `validation_split` is only supported for tensors or "
                             f"NumPy arrays. Found incompatible type in the input: "
                             f"{[type(x)]}")
        (x, y, sample_weight), validation_data = data_adapter.train_validation_split(
            (x, y, sample_weight), validation_split)
    adapter = data_adapter.get_adapter(x, y, sample_weight, batch_size=batch_size,
                                       shuffle=shuffle, class_weight=class_weight)
    iterator = EpochIterator(adapter, steps_per_epoch, self.steps_per_execution)
    val_iterator = None
    if validation_data is not None:
        val_adapter = data_adapter.validation_adapter(
            validation_data, validation_batch_size or batch_size)
        val_iterator = EpochIterator(val_adapter, validation_steps, self.steps_per_execution)
    callback_list = _callback_list(callbacks, self, verbose, epochs, iterator.num_steps, True)
    batch_hooks = _uses_batch_hooks(callback_list, "train")
    object.__setattr__(self, "stop_training", False)
    train_function = self._step_function("train", batch_hooks)
    _build(self, adapter, train_function)
    callback_list.on_train_begin()
    start = self._initial_epoch if self._initial_epoch is not None else initial_epoch
    object.__setattr__(self, "_initial_epoch", None)
    training_logs = None
    for epoch in range(start, epochs):
        self.reset_metrics()
        callback_list.on_epoch_begin(epoch)
        logs = _train_epoch(self, iterator, train_function, callback_list if batch_hooks
                            else None)
        epoch_logs = _epoch_logs(self, logs)
        if val_iterator is not None and _should_validate(epoch, validation_freq):
            val_logs = _evaluate_iterator(self, val_iterator, callback_list)
            epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
        callback_list.on_epoch_end(epoch, epoch_logs)
        training_logs = epoch_logs
        if self.stop_training or iterator.insufficient_data:
            break
    finalize = getattr(self.optimizer, "finalize_variable_values", None)
    if callable(finalize) and epochs > start:
        finalize(self.trainable_weights)
    callback_list.on_train_end(logs=training_logs)
    return self.history


def _train_epoch(model, iterator, train_function, callback_list):
    """One epoch of training steps; the batch hooks are called only with a `callback_list`.
    Returns the last step's logs."""
    logs = None
    if callback_list is None:
        for _, group in iterator.epoch():
            for batch in group:
                logs = train_function(batch)
            if model.stop_training:
                break
        return logs
    for step, group in iterator.epoch():
        callback_list.on_train_batch_begin(step)
        for batch in group:
            logs = train_function(batch)
        callback_list.on_train_batch_end(step, _sorted(logs))
        if model.stop_training:
            break
    return logs


def _build(model, adapter, train_function) -> None:
    """Builds the model, its optimizer's slots and the compiled metrics before training (so
    that `on_train_begin` callbacks such as `BackupAndRestore` find every variable): traced
    steps are traced on the first batch; eager ones run the model once on it."""
    batch = adapter.peek()
    if batch is None:
        return
    if train_function.eager:
        if not model.built:
            from .step_function import to_tensors

            model(to_tensors(batch[0]), training=False)
    else:
        train_function.trace(batch)
    optimizer = model.optimizer
    if model.built and hasattr(optimizer, "build") and not optimizer.built:
        optimizer.build(model.trainable_variables)


def _is_array_like(x) -> bool:
    if isinstance(x, (list, tuple)):
        return all(_is_array_like(v) for v in x)
    if isinstance(x, dict):
        return all(_is_array_like(v) for v in x.values())
    return isinstance(x, (np.ndarray, tf.Tensor)) or hasattr(x, "__array__")


# NOTE: Keras 2's input-pipeline hints: accepted and ignored (batches are made in-process).
_KERAS2_HINTS = frozenset({"workers", "use_multiprocessing", "max_queue_size"})


def _check_kwargs(method: str, kwargs: dict) -> None:
    unknown = set(kwargs) - _KERAS2_HINTS
    if unknown:
        raise TypeError(f"{method}() got unexpected keyword argument(s): {sorted(unknown)}")


def _evaluate_iterator(model, iterator, callback_list) -> dict:
    """Runs `test_step` over one pass of `iterator`; returns the logs (floats)."""
    batch_hooks = _uses_batch_hooks(callback_list, "test")
    test_function = model._step_function("test", batch_hooks)
    object.__setattr__(model, "stop_evaluating", False)
    callback_list.on_test_begin()
    model.reset_metrics()
    logs = None
    for step, group in iterator.epoch():
        if batch_hooks:
            callback_list.on_test_batch_begin(step)
        for batch in group:
            logs = test_function(batch)
        if batch_hooks:
            callback_list.on_test_batch_end(step, _sorted(logs))
        if model.stop_evaluating:
            break
    logs = _epoch_logs(model, logs)
    callback_list.on_test_end(logs)
    return logs


def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
             steps=None, callbacks=None, return_dict=False, **kwargs):
    """The loss and metrics of the model on the data.

    Returns:
        The scalar loss when there are no other metrics, else a list `[loss, metrics...]`
        (the order of `metrics_names`), or a dict with `return_dict=True`.

    Example:
        >>> import numpy as np
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["mae"])
        >>> model.evaluate(np.ones((4, 2)), np.full((4, 1), 2.0), verbose=0, return_dict=True)
        {'loss': 4.0, 'mae': 2.0}
    """
    _check_kwargs("evaluate", kwargs)
    self._assert_compiled("evaluate")
    adapter = data_adapter.get_adapter(x, y, sample_weight, batch_size=batch_size,
                                       for_what="evaluate")
    iterator = EpochIterator(adapter, steps, self.steps_per_execution)
    callback_list = _callback_list(callbacks, self, verbose, 1, iterator.num_steps, False)
    logs = _evaluate_iterator(self, iterator, callback_list)
    if return_dict:
        return logs
    return _flatten_in_order(self, logs)


def _flatten_in_order(model, logs: dict):
    """The logs as a list in Keras 3's order: the metrics of `model.metrics` whose names are
    log keys, then the other keys, sorted. As Keras, the compiled metrics of a multi-output
    model are matched by their unprefixed names (`mae`), which are not log keys (`o1_mae`): they
    come after the per-output losses (`[loss, o1_loss, o2_loss, o1_mae, o2_mae]`)."""
    names = []
    for metric in model.metrics:
        inner = getattr(metric, "metrics", None)
        if metric is model._compile_metrics and inner is not None:
            if len(metric.names) <= 1:
                names.extend(m.name for m in inner)
        else:
            names.append(metric.name)
    results = [logs[name] for name in names if name in logs]
    results += [logs[key] for key in sorted(logs) if key not in names]
    return results[0] if len(results) == 1 else results


def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None, **kwargs):
    """The model's outputs on `x`, batch by batch, as NumPy arrays (n, ...).

    Example:
        >>> import numpy as np
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(3)])
        >>> model.predict(np.ones((5, 2)), verbose=0).shape
        (5, 3)
    """
    _check_kwargs("predict", kwargs)
    adapter = data_adapter.get_adapter(x, batch_size=batch_size, for_what="predict")
    iterator = EpochIterator(adapter, steps, self.steps_per_execution)
    callback_list = _callback_list(callbacks, self, verbose, 1, iterator.num_steps, True)
    batch_hooks = _uses_batch_hooks(callback_list, "predict")
    predict_function = self.make_predict_function()
    object.__setattr__(self, "stop_predicting", False)
    callback_list.on_predict_begin()
    outputs = []
    structure = None
    for step, group in iterator.epoch():
        if batch_hooks:
            callback_list.on_predict_batch_begin(step)
        for batch in group:
            structure = predict_function(batch[:1])
            outputs.append([np.asarray(o.numpy()) if hasattr(o, "numpy") else np.asarray(o)
                            for o in tf.nest.flatten(structure)])
        if batch_hooks:
            callback_list.on_predict_batch_end(step, {"outputs": structure})
        if self.stop_predicting:
            break
    callback_list.on_predict_end()
    if structure is None:
        raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). "
                         "Please use `Model.compile(..., run_eagerly=True)`, or "
                         "`tf.config.run_functions_eagerly(True)` for more information of "
                         "where went wrong, or file a issue/bug to `tf.keras`.")
    arrays = [np.concatenate(parts) if parts[0].ndim else np.stack(parts)
              for parts in zip(*outputs)]
    return tf.nest.pack_sequence_as(structure, arrays)


def _single_batch(x, y, sample_weight, class_weight=None) -> tuple:
    x, y, sample_weight = (data_adapter._arrays(a) for a in (x, y, sample_weight))
    if class_weight is not None and y is not None:
        sample_weight = data_adapter.class_weight_to_sample_weight(y, class_weight)
    return data_adapter.pack_x_y_sample_weight(x, y, sample_weight)


def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
    """One training step on one batch; returns the loss (and metrics) like `evaluate`."""
    self._assert_compiled("train_on_batch")
    object.__setattr__(self, "stop_training", False)
    self.reset_metrics()
    logs = self.make_train_function()(_single_batch(x, y, sample_weight, class_weight))
    logs = _epoch_logs(self, logs)
    return logs if return_dict else _flatten_in_order(self, logs)


def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
    """The loss (and metrics) of the model on one batch."""
    self._assert_compiled("test_on_batch")
    self.reset_metrics()
    logs = self.make_test_function()(_single_batch(x, y, sample_weight))
    logs = _epoch_logs(self, logs)
    return logs if return_dict else _flatten_in_order(self, logs)


def predict_on_batch(self, x):
    """The model's outputs on one batch, as NumPy arrays."""
    outputs = self.make_predict_function()((data_adapter._arrays(x),))
    return tf.nest.map_structure(lambda t: np.asarray(t.numpy()), outputs)
