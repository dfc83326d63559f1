"""Eager autodiff cost of tensorlet next to TensorFlow eager and PyTorch autograd, in one run.

Two workloads, each framework in a fresh subprocess of its own interpreter (a peer whose
interpreter is missing is skipped):

- "grad f(w1, w2)": the chapter's `f = 3*w1**2 + 2*w1*w2` at (5, 3), recorded on an eager tape
  and differentiated with respect to both variables (one forward + one backward per call);
- "train step": one eager step of the custom-loop model Dense(30, relu, l2) -> Dense(1, l2) on a
  batch of 32 x 8, MSE loss plus the two l2 penalties, gradients, and an SGD update, written with
  raw ops and variables (no Keras).

    python3 benchmarks/bench_autodiff.py [--tf PYTHON] [--torch PYTHON] [--repeat N]

Targets (issue #3): at most 100 µs per gradient call and 600 µs per training step.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKLOADS = ("grad f(w1, w2)", "train step")
TARGETS_US = {"grad f(w1, w2)": 100.0, "train step": 600.0}
PEERS = {"tensorflow": "/root/tfenv/bin/python", "torch": "/root/torchenv/bin/python"}
L2, LR = 0.05, 1e-3


def _data():
    import numpy as np

    rng = np.random.default_rng(0)
    return {
        "x": rng.standard_normal((32, 8)).astype(np.float32),
        "y": rng.standard_normal((32, 1)).astype(np.float32),
        "w1": (rng.standard_normal((8, 30)) * np.sqrt(2 / 8)).astype(np.float32),
        "w2": (rng.standard_normal((30, 1)) * np.sqrt(2 / 30)).astype(np.float32),
    }


def _tf_like(tf) -> dict:
    """The two workloads for tensorlet and TensorFlow (same code, `tf` is either module)."""
    d = _data()
    w1, w2 = tf.Variable(5.), tf.Variable(3.)

    def grad_f():
        with tf.GradientTape() as tape:
            z = 3 * w1 ** 2 + 2 * w1 * w2
        return tape.gradient(z, [w1, w2])

    x, y = tf.constant(d["x"]), tf.constant(d["y"])
    params = [tf.Variable(d["w1"]), tf.Variable(tf.zeros([30])), tf.Variable(d["w2"]),
              tf.Variable(tf.zeros([1]))]

    def train_step():
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

    return {WORKLOADS[0]: grad_f, WORKLOADS[1]: train_step}


def _torch() -> dict:
    import torch

    torch.set_num_threads(1)
    d = _data()
    w1 = torch.tensor(5.0, requires_grad=True)
    w2 = torch.tensor(3.0, requires_grad=True)

    def grad_f():
        z = 3 * w1 ** 2 + 2 * w1 * w2
        return torch.autograd.grad(z, [w1, w2])

    x, y = torch.from_numpy(d["x"]), torch.from_numpy(d["y"])
    params = [torch.from_numpy(d["w1"]).requires_grad_(), torch.zeros(30, requires_grad=True),
              torch.from_numpy(d["w2"]).requires_grad_(), torch.zeros(1, requires_grad=True)]

    def train_step():
        k1, b1, k2, b2 = params
        hidden = torch.relu(x @ k1 + b1)
        pred = hidden @ k2 + b2
        main_loss = torch.mean(torch.mean(torch.square(y - pred), dim=-1))
        loss = main_loss + L2 * torch.sum(torch.square(k1)) + L2 * torch.sum(torch.square(k2))
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for v, g in zip(params, grads):
                v.sub_(LR * g)
        return loss

    return {WORKLOADS[0]: grad_f, WORKLOADS[1]: train_step}


def _calls(framework: str) -> dict:
    if framework == "tensorlet":
        sys.path.insert(0, str(ROOT))
        import tensorlet

        return _tf_like(tensorlet)
    if framework == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow

        return _tf_like(tensorflow)
    return _torch()


def _time(fn, repeat: int) -> float:
    """Best of `repeat` timeit runs, in µs per call (each run lasts about 0.2 s)."""
    timer = timeit.Timer(fn)
    for _ in range(5):  # warm caches and lazy initialisation
        fn()
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def _worker(framework: str, repeat: int) -> None:
    calls = _calls(framework)
    version = sys.modules[framework].__version__
    print(json.dumps({"version": version,
                      "us": {name: _time(fn, repeat) for name, fn in calls.items()}}))


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
    names = list(results)
    print(f"\n{'workload (µs/call, best)':<26}" + "".join(f"{n:>12}" for n in names)
          + "".join(f"{'/' + n:>13}" for n in names if n != "tensorlet"))
    for work in WORKLOADS:
        mine = results["tensorlet"]["us"][work]
        row = f"{work:<26}" + "".join(f"{results[n]['us'][work]:>12.1f}" for n in names)
        row += "".join(f"{results[n]['us'][work] / mine:>12.2f}x" for n in names
                       if n != "tensorlet")
        print(row)
    print("\n(columns '/peer' = peer time / tensorlet time: > 1 means tensorlet is faster)")
    print("versions: " + ", ".join(f"{n} {r['version']}" for n, r in results.items()))
    for work in WORKLOADS:
        mine, target = results["tensorlet"]["us"][work], TARGETS_US[work]
        status = "met   " if mine <= target else "MISSED"
        print(f"target {status} - {work}: {mine:.1f} µs (target {target:.0f} µs)")


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tf", default=PEERS["tensorflow"], help="TensorFlow's interpreter")
    parser.add_argument("--torch", default=PEERS["torch"], help="PyTorch's interpreter")
    parser.add_argument("--repeat", type=int, default=7, help="timeit runs per workload")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.repeat)
        return 0
    interpreters = {"tensorlet": sys.executable, "tensorflow": args.tf, "torch": args.torch}
    print("timing, each framework in its own subprocess ...")
    results = {}
    for framework, python in interpreters.items():
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
