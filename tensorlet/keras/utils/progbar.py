"""`tf.keras.utils.Progbar`: the progress bar that `fit`, `evaluate` and `predict` print (A10.5).

The line is Keras 2's, as in the book (shown here on two lines):

    363/363 [==============================] - 1s 820us/step - loss: 0.7640
        - reconstruction_error: 1.2728

On a terminal (or in a notebook) the line is redrawn in place with '\\r' while the epoch runs
(`  12/363 [>.............................] - ETA: 3s - loss: 0.9321`); when the output is not
a terminal (a file, a pipe, a CI log) only the final line is printed. `verbose=2` prints one
summary line per epoch: `363/363 - 1s - loss: 0.7640 - 1s/epoch - 820us/step`.
"""

from __future__ import annotations

import numbers
import sys
import time

import numpy as np

__all__ = ["Progbar"]


def is_terminal(stream) -> bool:
    """Whether `stream` shows '\\r' redraws: an interactive terminal or a Jupyter kernel."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty()) or "ipykernel" in sys.modules


def format_duration(seconds: float, unit_name: str) -> str:
    """`820us/step`, `3ms/step` or `2s/step`: Keras's time per unit (whole numbers).

    Example:
        >>> format_duration(0.00082, "step"), format_duration(0.5, "step")
        ('820us/step', '500ms/step')
    """
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit_name}"
    return f"{seconds * 1e6:.0f}us/{unit_name}"


def format_value(value) -> str:
    """A logged value: 4 decimals, or scientific notation for magnitudes up to 1e-3."""
    if not isinstance(value, (numbers.Real, str)) and hasattr(value, "dtype") and \
            np.ndim(value) == 0 and np.asarray(value).dtype.kind in "biuf":
        value = float(value)  # a scalar tensor, variable or NumPy value
    if isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.ndim == 0):
        value = float(value)
        return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"
    return str(value)


def _format_eta(seconds: float) -> str:
    if seconds > 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds > 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{int(seconds)}s"


class Progbar:
    """A progress bar for a loop of `target` steps.

    Args:
        target: the number of steps, or None when unknown (`5/Unknown`).
        width: the bar's width in characters.
        verbose: 1 for the bar, 2 for one line when finished, 0 for silence.
        interval: the shortest time between two redraws, in seconds.
        stateful_metrics: names shown as given; every other value is averaged over the steps
            seen so far (weighted by steps), as in Keras.
        unit_name: the unit of `target` ("step").

    Example:
        >>> from tensorlet.keras.utils.progbar import Progbar
        >>> bar = Progbar(4, verbose=2)
        >>> bar.update(4, [("loss", 0.5)])  # doctest: +ELLIPSIS
        4/4 - 0s - loss: 0.5000 - ...s/epoch - ...s/step
    """

    def __init__(self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step") -> None:
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics or ())
        self._dynamic_display = is_terminal(sys.stdout)
        self._values: dict = {}
        self._seen_so_far = 0
        self._start = time.time()
        self._last_update = 0.0
        self._time_after_first_step = None
        self._previous_width = 0

    def update(self, current, values=None, finalize=None) -> None:
        """Moves the bar to step `current` and records `values` (a list of (name, value)).

        Args:
            current: the index of the current step (1 = the first step done).
            values: (name, value) pairs to show after the bar.
            finalize: whether this is the last update; default: `current >= target`.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        self._record(current, values or ())
        now = time.time()
        time_per_unit = self._time_per_unit(current, now)
        if self.verbose == 1:
            if not finalize and (now - self._last_update < self.interval
                                 or not self._dynamic_display):
                return
            self._draw(current, now, time_per_unit, finalize)
        elif self.verbose == 2 and finalize:
            self._write(self._summary_line(current, now, time_per_unit) + "\n")
        self._last_update = now

    def add(self, n, values=None) -> None:
        """Advances the bar by `n` steps."""
        self.update(self._seen_so_far + n, values)

    # --- state -----------------------------------------------------------------------------

    def _record(self, current, values) -> None:
        weight = max(current - self._seen_so_far, 1)
        for name, value in values:
            if name not in self.stateful_metrics:
                total, count = self._values.get(name, (0.0, 0))
                self._values[name] = (total + float(value) * weight, count + weight)
            else:
                self._values[name] = value
        self._seen_so_far = current

    def _shown(self, name):
        value = self._values[name]
        if name not in self.stateful_metrics:
            total, count = value
            return total / max(count, 1)
        return value

    def _time_per_unit(self, current, now) -> float:
        """Seconds per step, leaving out the first step (it includes tracing) when possible."""
        if not current:
            return 0.0
        if self._time_after_first_step is not None and current > 1:
            per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_unit

    # --- lines -----------------------------------------------------------------------------

    def _metrics(self) -> str:
        return "".join(f" - {name}: {format_value(self._shown(name))}" for name in self._values)

    def _bar(self, current) -> str:
        if self.target is None:
            return f"{current:7d}/Unknown"
        digits = len(str(self.target))
        filled = int(self.width * min(current / self.target, 1.0)) if self.target else 0
        bar = ""
        if filled > 0:
            bar = "=" * (filled - 1) + (">" if current < self.target else "=")
        return f"{current:{digits}d}/{self.target} [{bar}{'.' * (self.width - filled)}]"

    def _draw(self, current, now, time_per_unit, finalize) -> None:
        if finalize or self.target is None:
            info = f" - {now - self._start:.0f}s {format_duration(time_per_unit, self.unit_name)}"
        else:
            info = f" - ETA: {_format_eta(time_per_unit * (self.target - current))}"
        line = self._bar(current) + info + self._metrics()
        width = len(line)
        if self._dynamic_display:
            line = "\r" + line + " " * max(self._previous_width - width, 0)
        self._previous_width = width
        self._write(line + ("\n" if finalize else ""))

    def _summary_line(self, current, now, time_per_unit) -> str:
        target = self.target if self.target is not None else current
        elapsed = now - self._start
        per_step = elapsed / target if target else time_per_unit
        return (f"{current:{len(str(target))}d}/{target} - {elapsed:.0f}s{self._metrics()}"
                f" - {format_duration(elapsed, 'epoch')}"
                f" - {format_duration(per_step, self.unit_name)}")

    @staticmethod
    def _write(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()
