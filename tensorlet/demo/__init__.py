"""A tour of tensorlet that tells chapter 12's story end to end: `python -m tensorlet.demo`.

1. basics: tensors and ops, NumPy interop, strict dtypes, Variables, autodiff, `tf.function`.
2. regression: a custom Huber loss and metric, the `MyDense` layer and the `ResidualRegressor`
   model trained with `fit` and its progress bar, a model with internal losses and metrics.
3. custom_loop: a training loop with two optimizers on the shipped digits data.
4. speed: the same training steps run eagerly and as `tf.function` graphs.
5. saving: save and load with custom objects; a Lambda layer refused in safe mode.
6. Where the TensorBoard logs (and saved models) went: a fresh folder under the system temp.

Everything runs on data that ships with tensorlet, in a few seconds, with `import tensorlet as tf`
and the public API only.
"""

from __future__ import annotations

import os
import time

import tensorlet as tf

from . import basics, custom_loop, regression, saving, speed
from .basics import gradients, graphs, numpy_interop, strict_dtypes, tensors_and_ops, variables
from .common import digits_data, housing_like_data, make_run_dir, section, show_path

__all__ = ["main", "tensors_and_ops", "numpy_interop", "strict_dtypes", "variables", "gradients",
           "graphs", "where_the_logs_went"]


def where_the_logs_went(run_dir: str) -> list:
    """Lists the event files and saved models under `run_dir`; returns the event files' paths."""
    section("Where the TensorBoard logs went")
    print("run folder:", run_dir)
    events, saved = [], []
    for root, _, files in sorted(os.walk(run_dir)):
        for name in sorted(files):
            path = os.path.join(root, name)
            (events if ".tfevents." in name else saved).append(path)
    width = max(len(show_path(path, run_dir)) for path in events + saved)
    for path in events + saved:
        print(f"  {show_path(path, run_dir):<{width}}{os.path.getsize(path):>9,} bytes")
    print(f"{len(events)} event files: fit's TensorBoard callback wrote residual_fit/train and "
          "residual_fit/validation\n(per-epoch scalars, weight histograms); the custom loop "
          "wrote custom_loop/ with tf.summary.")
    print("See them with:  tensorboard --logdir", os.path.join(run_dir, "logs"))
    return events


def main() -> None:
    """Runs the whole demo."""
    start = time.perf_counter()
    basics.run()
    tf.keras.utils.set_random_seed(42)
    run_dir = make_run_dir()
    log_dir = os.path.join(run_dir, "logs")
    housing = housing_like_data()
    model = regression.run(housing, log_dir)
    step, batch, _ = custom_loop.run(digits_data(), log_dir)
    speed.run(step, batch)
    saving.run(model, housing, run_dir)
    where_the_logs_went(run_dir)
    print(f"\nDemo finished in {time.perf_counter() - start:.1f} s.")
