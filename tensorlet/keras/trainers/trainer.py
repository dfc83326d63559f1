"""The training API of `tf.keras.Model`: `compile`, `fit`, `evaluate`, `predict` (B4).

`Trainer` is mixed into `Model` (models/model.py picks it up when this module exists). It
holds what `compile()` was given: the optimizer, the compiled loss and metrics (see
`compile_utils`), a `loss` tracker, and the step functions. The default steps follow Keras 3
and may be overridden (`train_step(data)` returning a dict of metric results), as may
`compute_loss` and `compute_metrics`. Keras 2 spellings keep working: `compiled_loss(y, y_pred,
regularization_losses=...)`, `compiled_metrics.update_state(y, y_pred)`, `reset_states()`.
The loops themselves live in `loops.py`.
"""

from __future__ import annotations

import functools

import tensorlet as tf

from . import compile_utils, loops
from .data_adapter import unpack_x_y_sample_weight
from .step_function import StepFunction

__all__ = ["Trainer"]

_IGNORED_COMPILE_ARGS = frozenset({"sample_weight_mode", "target_tensors", "distribute",
                                   "pss_evaluation_shards", "auto_scale_loss"})


class Trainer:
    """Mixin of `Model`: compile, fit, evaluate, predict and the step methods.

    Example:
        >>> import numpy as np
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(loss="mse", optimizer="sgd")
        >>> history = model.fit(np.ones((8, 2)), np.ones((8, 1)), epochs=2, verbose=0)
        >>> len(history.history["loss"])
        2
    """

    def __init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "compiled", False)
        set_(self, "optimizer", None)
        set_(self, "loss", None)
        set_(self, "_compile_loss", None)
        set_(self, "_compile_metrics", None)
        set_(self, "_loss_tracker", None)
        set_(self, "_compile_config", None)
        set_(self, "_run_eagerly", False)
        set_(self, "_jit_compile", False)
        set_(self, "steps_per_execution", 1)
        set_(self, "train_function", None)
        set_(self, "test_function", None)
        set_(self, "predict_function", None)
        set_(self, "_train_function_without_logs", None)
        set_(self, "_test_function_without_logs", None)
        set_(self, "stop_training", False)
        set_(self, "stop_evaluating", False)
        set_(self, "stop_predicting", False)
        set_(self, "history", None)
        set_(self, "_initial_epoch", None)

    # --- compile ------------------------------------------------------------------------------

    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", **kwargs) -> None:
        """Configures the model for training.

        Args:
            optimizer: an optimizer name (`"nadam"`) or object.
            loss: a loss name, function (`huber_fn`, A4.1), `Loss` object, or a list/dict of
                them with one per output.
            loss_weights: the weight of each output's loss (a list or a dict by output name).
            metrics: metric names, functions or objects (a list, or per output).
                `"accuracy"` picks the right accuracy from the labels' and outputs' shapes.
            weighted_metrics: metrics that also receive the sample weights.
            run_eagerly: run the steps as plain Python instead of in `tf.function`.
            steps_per_execution: batches run between two calls of the batch callbacks.
            jit_compile: accepted (`"auto"` means False); results are identical (A13.7).

        Example:
            >>> import tensorlet as tf
            >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
            >>> model.compile(loss="mse", optimizer="nadam", metrics=["mae"])
            >>> type(model.optimizer).__name__, model.loss
            ('Nadam', 'mse')
        """
        if "experimental_steps_per_execution" in kwargs:  # Keras 2's name
            steps_per_execution = kwargs.pop("experimental_steps_per_execution")
        unknown = set(kwargs) - _IGNORED_COMPILE_ARGS
        if unknown:
            raise TypeError(f"Invalid keyword argument(s) in `compile()`: {sorted(unknown)}")
        from .. import metrics as metrics_module
        from .. import optimizers

        set_ = object.__setattr__
        set_(self, "optimizer", optimizers.get(optimizer))
        set_(self, "loss", loss)
        set_(self, "_compile_loss", None if loss is None else compile_utils.CompileLoss(
            loss, loss_weights, model=self))
        set_(self, "_compile_metrics", None if metrics is None and weighted_metrics is None
             else compile_utils.CompileMetrics(metrics, weighted_metrics, model=self))
        set_(self, "_loss_tracker", metrics_module.Mean(name="loss"))
        set_(self, "_run_eagerly", bool(run_eagerly))
        set_(self, "_jit_compile", jit_compile is True)
        set_(self, "steps_per_execution", int(steps_per_execution or 1))
        set_(self, "_compile_config", {
            "optimizer": self.optimizer, "loss": loss, "loss_weights": loss_weights,
            "metrics": metrics, "weighted_metrics": weighted_metrics,
            "run_eagerly": bool(run_eagerly), "steps_per_execution": self.steps_per_execution,
            "jit_compile": self._jit_compile})
        set_(self, "compiled", True)
        self._reset_step_functions()

    def get_compile_config(self):
        """What `compile()` was given (for saving), or None if the model is not compiled."""
        if not self.compiled:
            return None
        return dict(self._compile_config)

    def compile_from_config(self, config) -> None:
        """Compiles from `get_compile_config()`'s saved form (custom objects resolve through
        the active `custom_object_scope`, as `load_model` sets it)."""
        from ..saving import serialization

        config = serialization.deserialize_keras_object(config)
        if isinstance(config, dict):
            self.compile(**config)

    def _assert_compiled(self, method: str) -> None:
        if not self.compiled:
            raise ValueError("You must call `compile()` before using the model.")

    def _reset_step_functions(self) -> None:
        for name in ("train_function", "test_function", "predict_function",
                     "_train_function_without_logs", "_test_function_without_logs"):
            object.__setattr__(self, name, None)

    # --- properties -------------------------------------------------------------------------

    @property
    def run_eagerly(self) -> bool:
        """Whether the steps run eagerly (default False; A13.8)."""
        return self._run_eagerly

    @run_eagerly.setter
    def run_eagerly(self, value) -> None:
        object.__setattr__(self, "_run_eagerly", bool(value))
        self._reset_step_functions()

    @property
    def jit_compile(self) -> bool:
        """Whether the steps are XLA-compiled (default False; accepted, A13.7)."""
        return self._jit_compile

    @jit_compile.setter
    def jit_compile(self, value) -> None:
        object.__setattr__(self, "_jit_compile", bool(value))
        self._reset_step_functions()

    @property
    def metrics(self) -> list:
        """The loss tracker, the compiled metrics, per-output loss trackers, then the metrics
        of the model and its layers (`add_metric`, metric attributes: A10.3, A10.4)."""
        result = []
        if self.compiled:
            result.append(self._loss_tracker)
            if self._compile_metrics is not None:
                result.append(self._compile_metrics)
            if self._compile_loss is not None:
                result.extend(self._compile_loss.metrics)
        seen = {id(m) for m in result}
        for metric in super().metrics:
            if id(metric) not in seen:
                seen.add(id(metric))
                result.append(metric)
        return result

    @property
    def metrics_names(self) -> list:
        """The names of `metrics` (`["loss", "compile_metrics", ...]` as in Keras 3)."""
        return [m.name for m in self.metrics]

    @property
    def compiled_loss(self):
        """Keras 2's compiled loss: `compiled_loss(y, y_pred, sample_weight=None,
        regularization_losses=None)`; it also updates the `loss` tracker."""
        return _Keras2CompiledLoss(self)

    @property
    def compiled_metrics(self):
        """Keras 2's compiled metrics container (`update_state(y, y_pred, sample_weight)`)."""
        if self._compile_metrics is None:
            object.__setattr__(self, "_compile_metrics",
                               compile_utils.CompileMetrics(None, None, model=self))
        return self._compile_metrics

    @property
    def distribute_strategy(self):
        return None

    def reset_metrics(self) -> None:
        """Resets every metric of `metrics` (done at the start of each epoch and evaluation)."""
        for metric in self.metrics:
            metric.reset_state()

    # --- steps --------------------------------------------------------------------------------

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The total loss: the compiled loss plus `model.losses` (regularization, `add_loss`).

        Raises:
            ValueError: when there is no loss at all.
        """
        losses = []
        if self._compile_loss is not None:
            value = self._compile_loss(y, y_pred, sample_weight)
            if value is not None:
                losses.append(value)
        losses.extend(_as_scalars(self.losses, losses))
        if not losses:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        return losses[0] if len(losses) == 1 else tf.add_n(losses)

    def compute_metrics(self, x, y, y_pred, sample_weight=None) -> dict:
        """Updates the compiled metrics and returns every metric's current result."""
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self) -> dict:
        """`{name: result}` for every metric (a compiled-metrics dict is merged in)."""
        results = {}
        for metric in self.metrics:
            value = metric.result()
            if isinstance(value, dict):
                results.update(value)
            else:
                results[metric.name] = value
        return results

    def train_step(self, data):
        """One training step: forward pass, loss, gradients, optimizer step, metrics.

        Args:
            data: the batch: `(x,)`, `(x, y)` or `(x, y, sample_weight)`.

        Returns:
            A dict of metric results (the logs).
        """
        return self._train_step(data, logs=True)

    def _train_step(self, data, logs: bool):
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                     training=True)
        self._loss_tracker.update_state(loss, sample_weight=compile_utils.batch_size_of(x))
        trainable = self.trainable_variables
        if trainable:
            grads = tape.gradient(loss, trainable)
            self.optimizer.apply_gradients(zip(grads, trainable))
        return self._update_metrics(x, y, y_pred, sample_weight, logs)

    def test_step(self, data):
        """One evaluation step: forward pass (training=False), loss and metrics."""
        return self._test_step(data, logs=True)

    def _test_step(self, data, logs: bool):
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                 training=False)
        self._loss_tracker.update_state(loss, sample_weight=compile_utils.batch_size_of(x))
        return self._update_metrics(x, y, y_pred, sample_weight, logs)

    def _update_metrics(self, x, y, y_pred, sample_weight, logs: bool):
        """`compute_metrics(...)`; without `logs` (no callback reads the batch logs) only the
        metrics' states are updated, so the step computes no results."""
        if logs or type(self).compute_metrics is not Trainer.compute_metrics:
            return self.compute_metrics(x, y, y_pred, sample_weight)
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return ()

    def predict_step(self, data):
        """One prediction step: `self(x, training=False)`."""
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def _runs_eagerly(self) -> bool:
        return self._run_eagerly or self.dynamic

    def _make_function(self, attr: str, step, name: str, force: bool):
        function = getattr(self, attr)
        eager = self._runs_eagerly()
        if function is None or force or function.eager != eager:
            function = StepFunction(step, eager, self._jit_compile, name)
            object.__setattr__(self, attr, function)
        return function

    def _step_function(self, mode: str, logs: bool):
        """The step function of the loops: the public one when the batch logs are needed or
        the step is overridden, else a variant of the default step that returns no logs."""
        if mode == "train" and (logs or type(self).train_step is not Trainer.train_step):
            return self.make_train_function()
        if mode == "test" and (logs or type(self).test_step is not Trainer.test_step):
            return self.make_test_function()
        step = self._train_step if mode == "train" else self._test_step
        return self._make_function(f"_{mode}_function_without_logs",
                                   functools.partial(step, logs=False), f"{mode}_function",
                                   False)

    def make_train_function(self, force=False):
        """The function running `train_step` on a batch (traced unless run eagerly)."""
        return self._make_function("train_function", self.train_step, "train_function", force)

    def make_test_function(self, force=False):
        """The function running `test_step` on a batch."""
        return self._make_function("test_function", self.test_step, "test_function", force)

    def make_predict_function(self, force=False):
        """The function running `predict_step` on a batch."""
        return self._make_function("predict_function", self.predict_step, "predict_function",
                                   force)

    # --- the loops ----------------------------------------------------------------------------

    fit = loops.fit
    evaluate = loops.evaluate
    predict = loops.predict
    train_on_batch = loops.train_on_batch
    test_on_batch = loops.test_on_batch
    predict_on_batch = loops.predict_on_batch


def _as_scalars(extra_losses, losses: list) -> list:
    """`add_loss`/regularization losses as scalars in the dtype of the compiled loss (Keras
    sums a non-scalar additional loss)."""
    from ..backend import floatx

    dtype = losses[0].dtype if losses else tf.as_dtype(floatx())
    result = []
    for loss in extra_losses:
        loss = tf.convert_to_tensor(loss)
        if loss.shape.rank:
            loss = tf.reduce_sum(loss)
        result.append(loss if loss.dtype == dtype else tf.cast(loss, dtype))
    return result


class _Keras2CompiledLoss:
    """`model.compiled_loss(y, y_pred, sample_weight, regularization_losses)` (Keras 2)."""

    def __init__(self, model) -> None:
        self._model = model

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        model = self._model
        losses = []
        if model._compile_loss is not None:
            value = model._compile_loss(y_true, y_pred, sample_weight)
            if value is not None:
                losses.append(value)
        losses.extend(_as_scalars(regularization_losses or (), losses))
        total = tf.add_n(losses) if len(losses) > 1 else (losses[0] if losses
                                                           else tf.constant(0.0))
        if model._loss_tracker is not None:
            model._loss_tracker.update_state(total,
                                             sample_weight=compile_utils.batch_size_of(y_pred))
        return total
