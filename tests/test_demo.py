"""The demo (README command 1, issue #6 item 8): chapter 12's story end to end on shipped data.

The demo runs once, in a subprocess with its temp folder pointed at pytest's, as
`python -m tensorlet.demo`; the tests check that it finishes in under a minute, with nothing on
stderr, and prints each part's key lines and values, and that the TensorBoard folder it names holds
event files that TensorBoard's own reader parses.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"(\d+\.\d{4})"


class Run:
    def __init__(self, stdout: str, seconds: float, tmp: Path) -> None:
        self.out, self.seconds, self.tmp = stdout, seconds, tmp

    def section(self, title: str) -> str:
        """The text of the section titled `title`, up to the next section."""
        start = self.out.index(f"\n== {title} ")
        end = self.out.find("\n== ", start + 1)
        return self.out[start:] if end < 0 else self.out[start:end]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("demo_tmp")
    env = {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    before = sorted(p.name for p in ROOT.iterdir())
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-W", "error::RuntimeWarning", "-m", "tensorlet.demo"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == "", done.stderr[-3000:]
    assert sorted(p.name for p in ROOT.iterdir()) == before  # no logs or models in the repo
    return Run(done.stdout, seconds, tmp)


def test_the_demo_finishes_in_under_a_minute_and_says_so(run):
    assert run.seconds < 60, run.seconds
    reported = float(re.search(r"\nDemo finished in (\d+\.\d) s\.\n$", run.out).group(1))
    assert reported <= run.seconds


def test_the_sections_tell_the_chapter_story_in_order(run):
    titles = re.findall(r"^== (.+?) =*$", run.out, flags=re.M)
    assert titles == [
        "Tensors and operations", "NumPy interop", "Strict dtypes (no silent casts)", "Variables",
        "Autodiff", "tf.function: tracing and optimising graphs", "Custom loss and metric",
        "A custom layer and a residual model, trained with fit",
        "Losses and metrics from model internals",
        "A custom training loop with two optimizers (exercise 13, digits)",
        "Eager vs tf.function speed (same run, same steps)",
        "Saving and loading models with custom objects", "Where the TensorBoard logs went"]
    assert all(len(line) <= 70 for line in run.out.splitlines() if line.startswith("== "))


def test_the_tour_of_tensors_gradients_and_graphs_is_kept(run):
    assert "t @ tf.transpose(t) = [[14.0, 32.0], [32.0, 77.0]]" in run.out
    assert "gradients of 3*w1**2 + 2*w1*w2 at (5, 3): [36.0, 10.0]" in run.out
    assert "Hessians via nested tapes: [[6.0, 2.0], [2.0, None]]" in run.out
    graphs = run.section("tf.function: tracing and optimising graphs")
    assert "tf_cube(2) = <tf.Tensor: shape=(), dtype=float32, numpy=8.0>" in graphs
    assert "add:i32[] = Const 3" in graphs  # the optimised graph folded the constants


def test_custom_loss_and_metric_values(run):
    text = run.section("Custom loss and metric")
    assert "errors                      : [-0.5, -1.5, -3.0]" in text
    assert "huber_fn (per sample)       : [0.125, 1.0, 2.5]" in text
    assert "HuberLoss(2.0) (batch mean) : [1.75]  get_config() keeps threshold = 2.0" in text
    assert "0.1250 after batch 1, 1.7500 after batch 2" in text
    assert "its variables            : {'total': 5.25, 'count': 3.0}" in text
    assert "after reset_state()      : {'total': 0.0, 'count': 0.0}" in text


def test_residual_model_trains_with_fit_and_the_progress_bar(run):
    text = run.section("A custom layer and a residual model, trained with fit")
    assert "MyDense(3, activation='relu') on a (2, 4) batch -> (2, 3)" in text
    assert "['kernel (4, 3)', 'bias (3,)']" in text
    bars = re.findall(rf"Epoch (\d)/5\n63/63 \[={{30}}\] - \d+s \d+(?:us|ms)/step - "
                      rf"huber_metric: {NUMBER} - loss: {NUMBER} - val_huber_metric: {NUMBER} - "
                      rf"val_loss: {NUMBER}\n", text)
    assert [b[0] for b in bars] == ["1", "2", "3", "4", "5"], text
    losses = [float(b[2]) for b in bars]
    assert all(b[1] == b[2] and b[3] == b[4] for b in bars)  # the metric is the loss, streamed
    assert losses[-1] < losses[0] / 2, losses
    assert "ResidualRegressor: 12 weight tensors, 4021 parameters" in text
    assert "history keys: ['huber_metric', 'loss', 'val_huber_metric', 'val_loss']" in text
    test_loss = float(re.search(rf"test set: huber_metric: {NUMBER} - loss: ", text).group(1))
    assert test_loss < 1.0


def test_internal_losses_and_metrics_show_in_the_progress_bar(run):
    text = run.section("Losses and metrics from model internals")
    errors = re.findall(rf"63/63 \[=+\] - .*? - loss: {NUMBER} - reconstruction_error: {NUMBER}\n",
                        text)
    assert len(errors) == 2 and float(errors[1][1]) < float(errors[0][1]), text
    assert "model.losses after a call: 1 tensor" in text


def test_custom_loop_with_two_optimizers_reaches_90_percent_on_digits(run):
    text = run.section("A custom training loop with two optimizers (exercise 13, digits)")
    assert "Data: the shipped 8x8 digits, 1150 / 287 / 360 images" in text
    assert "lower layers (4 variables): SGD(0.05, momentum=0.9); upper layer (2 variables)" in text
    bars = re.findall(rf"Epoch (\d)/5\n35/35 \[={{30}}\] - .*? - loss: {NUMBER} - accuracy: "
                      rf"{NUMBER} - val_loss: {NUMBER} - val_accuracy: {NUMBER}\n", text)
    assert [b[0] for b in bars] == ["1", "2", "3", "4", "5"], text
    assert float(bars[-1][1]) < float(bars[0][1])  # the training loss went down
    found = re.search(rf"validation accuracy: {NUMBER}   test accuracy: {NUMBER}   "
                      r"optimizer steps: 175, 175\n", text)
    assert found, text
    assert found.group(1) == bars[-1][4]
    assert float(found.group(1)) >= 0.90 and float(found.group(2)) >= 0.90
    assert "tf.function(train_step) traced 2 times" in text  # variables made on the first call


def test_eager_and_tf_function_speeds_are_measured_in_the_same_run(run):
    text = run.section("Eager vs tf.function speed (same run, same steps)")
    rows = re.findall(r"^(.+?)\s+([\d,]+)/s\s+([\d,]+)/s\s+(\d+\.\d)x$", text, flags=re.M)
    assert [r[0] for r in rows] == ["linear regression, batch 32",
                                    "digits MLP, 2 optimizers, batch 32"], text
    for _, eager, graph, ratio in rows:
        eager, graph = (float(v.replace(",", "")) for v in (eager, graph))
        assert eager > 0 and abs(graph / eager - float(ratio)) < 0.06
    assert float(rows[0][3]) > 2.0 and float(rows[1][3]) > 1.0, rows


def test_saving_and_loading_with_custom_objects_and_the_lambda_refusal(run):
    text = run.section("Saving and loading models with custom objects")
    assert "model.save('models/residual_regressor.keras')" in text
    assert ("ResidualRegressor, loss HuberLoss(threshold=2.0), largest prediction difference 0.0"
            in text)
    assert "without custom_objects: TypeError:\n    Could not locate function 'huber_fn'." in text
    assert "with custom_objects={'huber_fn': huber_fn}: the loss is huber_fn" in text
    assert ("refuses to load in safe mode: ValueError:\n    Requested the deserialization of a "
            "Python lambda.") in text
    assert "safe_mode=False) for a trusted file: same predictions: True" in text


def test_the_tensorboard_logs_are_in_a_temp_folder_and_readable(run):
    text = run.section("Where the TensorBoard logs went")
    run_dir = Path(re.search(r"run folder: (.+)\n", text).group(1))
    assert run_dir.parent == run.tmp and run_dir.name.startswith("tensorlet-demo-")
    assert f"See them with:  tensorboard --logdir {run_dir / 'logs'}" in text
    events = {p.parent.relative_to(run_dir).as_posix(): p
              for p in (run_dir / "logs").rglob("events.out.tfevents.*")}
    assert sorted(events) == ["logs/custom_loop", "logs/residual_fit/train",
                              "logs/residual_fit/validation"]
    assert all(p.stat().st_size > 0 for p in events.values())
    for name in ("residual_regressor", "huber_fn_model", "lambda_model"):
        assert (run_dir / "models" / f"{name}.keras").is_file()
    accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
    tensor_util = pytest.importorskip("tensorboard.util.tensor_util")

    def scalars(path, tag):
        reader = accumulator.EventAccumulator(str(path), size_guidance={"tensors": 0})
        reader.Reload()
        return [(e.step, float(tensor_util.make_ndarray(e.tensor_proto)))
                for e in reader.Tensors(tag)]

    val_accuracy = scalars(events["logs/custom_loop"], "val_accuracy")
    assert [step for step, _ in val_accuracy] == [1, 2, 3, 4, 5]
    printed = re.search(rf"validation accuracy: {NUMBER}", run.out).group(1)
    assert f"{val_accuracy[-1][1]:.4f}" == printed
    val_loss = scalars(events["logs/residual_fit/validation"], "epoch_loss")
    assert [step for step, _ in val_loss] == [0, 1, 2, 3, 4]
    assert f"{val_loss[-1][1]:.4f}" in re.findall(rf"val_loss: {NUMBER}\n", run.out)
