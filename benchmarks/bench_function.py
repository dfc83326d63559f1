"""A training step inside `tf.function`: tensorlet next to TensorFlow and hand-written NumPy.

The chapter's custom-loop model, Dense(30, relu, he_normal, l2(0.05)) -> Dense(1, l2(0.05)) on a
batch of 32 x 8, MSE plus the two l2 penalties, SGD: the forward pass, the tape, the gradients
and the four `assign_sub` updates, all inside one `tf.function`, written with raw ops and
variables (no Keras). Each framework runs in a fresh subprocess of its own interpreter:

- tensorlet with the step in `tf.function`, the same step eagerly, and the same step written by
  hand in NumPy (forward, backward and update, no framework), their timings interleaved;
- TensorFlow 2.21 with the step in `tf.function` (`/root/tfenv/bin/python`, `--tf PYTHON`).

    python3 benchmarks/bench_function.py [--tf PYTHON] [--repeat N]

Targets (issue #4): at most 100 µs per `tf.function` step (at least 5x faster than TF's
`tf.function` step, within 1.5x of hand-written NumPy) and at most 0.2 s for the first call,
which traces, optimises and compiles the step.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TF_PYTHON = "/root/tfenv/bin/python"
L2, LR = 0.05, 0.01
TARGET_STEP_US, TARGET_TRACE_S = 100.0, 0.2


def _data():
    import numpy as np

    rng = np.random.default_rng(0)
    return {
        "x": rng.standard_normal((32, 8)).astype(np.float32),
        "y": rng.standard_normal((32, 1)).astype(np.float32),
        "w1": (rng.standard_normal((8, 30)) * np.sqrt(2 / 8)).astype(np.float32),
        "w2": (rng.standard_normal((30, 1)) * np.sqrt(2 / 30)).astype(np.float32),
    }


def _tf_like(tf):
    """The step for tensorlet or TensorFlow (the same code; `tf` is either module)."""
    d = _data()
    x, y = tf.constant(d["x"]), tf.constant(d["y"])
    params = [tf.Variable(d["w1"]), tf.Variable(tf.zeros([30])), tf.Variable(d["w2"]),
              tf.Variable(tf.zeros([1]))]

    def train_step(x, y):
        k1, b1, k2, b2 = params
        with tf.GradientTape() as tape:
            hidden = tf.nn.relu(tf.matmul(x, k1) + b1)
            pred = tf.matmul(hidden, k2) + b2
            main_loss = tf.reduce_mean(tf.reduce_mean(tf.square(y - pred), axis=-1))
            penalties = [L2 * tf.reduce_sum(tf.square(k1)), L2 * tf.reduce_sum(tf.square(k2))]
            loss = tf.add_n([main_loss] + penalties)
        grads = tape.gradient(loss, params)
        for v, g in zip(params, grads):
            v.assign_sub(LR * g)
        return loss

    return train_step, x, y


def _numpy_step():
    """Forward, backward and SGD by hand, in float32 NumPy."""
    import numpy as np

    d = _data()
    x, y = d["x"], d["y"]
    params = [d["w1"], np.zeros(30, np.float32), d["w2"], np.zeros(1, np.float32)]
    l2, lr = np.float32(L2), np.float32(LR)

    def step():
        w1, b1, w2, b2 = params
        z = x @ w1 + b1
        h = np.maximum(z, 0)
        err = h @ w2 + b2 - y
        loss = np.mean(err * err) + l2 * np.sum(w1 * w1) + l2 * np.sum(w2 * w2)
        dpred = np.float32(2 / err.size) * err
        dz = (dpred @ w2.T) * (z > 0)
        grads = (x.T @ dz + 2 * l2 * w1, dz.sum(0), h.T @ dpred + 2 * l2 * w2, dpred.sum(0))
        params[:] = [p - lr * g for p, g in zip(params, grads)]
        return loss

    return step


def _time(fns: dict, repeat: int) -> dict:
    """Best of `repeat` timeit runs of each function, in µs per call.

    The functions' runs are interleaved, so a change in the machine's load affects all of them
    alike and their ratios stay meaningful.
    """
    timers = {}
    for name, fn in fns.items():
        for _ in range(5):  # warm caches and lazy initialisation
            fn()
        timer = timeit.Timer(fn)
        timers[name] = (timer, timer.autorange()[0])
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, (timer, number) in timers.items():
            best[name] = min(best[name], timer.timeit(number) / number * 1e6)
    return best


def _worker(framework: str, repeat: int) -> dict:
    if framework == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow as tf
    else:
        sys.path.insert(0, str(ROOT))
        import tensorlet as tf
    step, x, y = _tf_like(tf)
    function = getattr(tf, "function", None)
    if function is None:  # until tensorlet exports `tf.function`
        from tensorlet.graph.function import function
    compiled = function(step)
    start = time.perf_counter()
    compiled(x, y)
    first = time.perf_counter() - start
    fns = {"step": lambda: compiled(x, y)}
    if framework == "tensorlet":
        import numpy

        fns.update(numpy=_numpy_step(), eager=lambda: step(x, y))
    result = {"version": tf.__version__, "first_call_s": first, **_time(fns, repeat)}
    if framework == "tensorlet":
        result["numpy_version"] = numpy.__version__
    return result


def _run_worker(python: str, framework: str, repeat: int) -> dict | None:
    if not Path(python).exists():
        print(f"  {framework}: {python} not found, skipped")
        return None
    proc = subprocess.run([python, __file__, "--worker", framework, "--repeat", str(repeat)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        print(f"  {framework}: failed, skipped\n{proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _report(results: dict) -> None:
    mine = results["tensorlet"]
    rows = [("tensorlet tf.function", mine["step"], mine["first_call_s"]),
            ("tensorlet eager", mine["eager"], None)]
    if "tensorflow" in results:
        tf = results["tensorflow"]
        rows.append(("TensorFlow tf.function", tf["step"], tf["first_call_s"]))
    rows.append(("NumPy by hand", mine["numpy"], None))
    print(f"\n{'train step':<24}{'µs/step':>10}{'x tensorlet fn':>16}{'first call':>12}")
    for name, us, first in rows:
        first_text = "" if first is None else f"{first:>11.3f}s"
        print(f"{name:<24}{us:>10.1f}{us / mine['step']:>15.2f}x{first_text}")
    print("versions: " + ", ".join(f"{n} {r['version']}" for n, r in results.items())
          + f", numpy {mine['numpy_version']}")
    checks = [(f"step {mine['step']:.1f} µs <= {TARGET_STEP_US:.0f} µs",
               mine["step"] <= TARGET_STEP_US),
              (f"first call {mine['first_call_s']:.3f} s <= {TARGET_TRACE_S} s",
               mine["first_call_s"] <= TARGET_TRACE_S)]
    if "tensorflow" in results:
        ratio = results["tensorflow"]["step"] / mine["step"]
        checks.append((f"{ratio:.1f}x faster than TF's tf.function (>= 5x)", ratio >= 5))
    ratio = mine["step"] / mine["numpy"]
    checks.append((f"{ratio:.2f}x hand-written NumPy (<= 1.5x)", ratio <= 1.5))
    for text, ok in checks:
        print(f"target {'met   ' if ok else 'MISSED'} - {text}")


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tf", default=TF_PYTHON, help="TensorFlow's interpreter")
    parser.add_argument("--repeat", type=int, default=7, help="timeit runs per workload")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker, args.repeat)))
        return 0
    print("timing, each framework in its own subprocess ...")
    results = {}
    for framework, python in (("tensorlet", sys.executable), ("tensorflow", args.tf)):
        result = _run_worker(python, framework, args.repeat)
        if result is not None:
            results[framework] = result
    if "tensorlet" not in results:
        print("tensorlet failed to run")
        return 1
    _report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
