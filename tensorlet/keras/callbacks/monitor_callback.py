"""`MonitorCallback`: the base of callbacks that watch one logged quantity for improvement.

`mode="auto"` picks the direction from, in order: the metric object of the model with that
name (a `_direction` of "up" or "down"), then the name itself (accuracy, AUC, precision,
recall and F-scores are maximized), else minimization. Keras 3 raises for names it cannot
place; Keras 2 minimized them: tensorlet follows Keras 2 there, so no spelling errors out.
"""

from __future__ import annotations

import warnings

from .callback import Callback

__all__ = ["MonitorCallback"]

_MAXIMIZED = ("acc", "auc", "precision", "recall", "fmeasure", "f1", "f_beta", "iou")


def _model_metrics(model) -> list:
    """The model's metric objects, with those held inside containers (`.metrics`)."""
    found, stack = [], list(getattr(model, "metrics", None) or [])
    while stack:
        metric = stack.pop()
        inner = getattr(metric, "metrics", None)
        if isinstance(inner, (list, tuple)) and inner is not stack:
            stack.extend(inner)
        found.append(metric)
    return found


def direction(monitor: str, model=None) -> str:
    """"max" or "min": which way `monitor` improves (see the module's docstring).

    Example:
        >>> direction("val_accuracy"), direction("val_loss"), direction("mae")
        ('max', 'min', 'min')
    """
    name = monitor[4:] if monitor.startswith("val_") else monitor
    for metric in _model_metrics(model):
        if getattr(metric, "name", None) == name and getattr(metric, "_direction", None):
            return "max" if metric._direction == "up" else "min"
    if "loss" in name:
        return "min"
    lowered = name.lower()
    return "max" if any(key in lowered for key in _MAXIMIZED) else "min"


class MonitorCallback(Callback):
    """Watches `monitor` in the logs; `is_improvement(value, reference)` applies `min_delta`.

    Example:
        >>> import tensorlet as tf
        >>> stopper = tf.keras.callbacks.EarlyStopping(monitor="loss", min_delta=0.1)
        >>> stopper.is_improvement(0.85, 1.0), stopper.is_improvement(0.95, 1.0)
        (True, False)
    """

    def __init__(self, monitor="val_loss", mode="auto", baseline=None, min_delta=0) -> None:
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__} mode '{mode}' is unknown, fallback to auto "
                          f"mode.", stacklevel=3)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self._mode = None

    def _resolved_mode(self) -> str:
        if self._mode is None:
            self._mode = self.mode if self.mode != "auto" else direction(self.monitor, self.model)
        return self._mode

    def is_improvement(self, value, reference) -> bool:
        """Whether `value` beats `reference` (None: always) by more than `min_delta`."""
        if reference is None:
            return True
        if self._resolved_mode() == "max":
            return value - self.min_delta > reference
        return value + self.min_delta < reference

    def monitor_value(self, logs, what: str):
        """`logs[monitor]`, or None with a warning naming the available keys."""
        value = (logs or {}).get(self.monitor)
        if value is None:
            warnings.warn(f"{what} conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(logs or {})}",
                          stacklevel=3)
        return value
