"""Shared plumbing of the benchmarks: peer subprocesses, best-of timing, tables, target lines.

Each benchmark script runs every framework in a fresh subprocess of that framework's own
interpreter (the script re-runs itself with `--worker FRAMEWORK`, and the worker prints one JSON
line); a peer whose interpreter is missing, or whose worker fails, is skipped.
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
TF_PYTHON = "/root/tfenv/bin/python"
TORCH_PYTHON = "/root/torchenv/bin/python"
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def make_parser(doc: str, torch: bool = False, worker: bool = True) -> argparse.ArgumentParser:
    """A parser described by the first line of `doc`, with `--tf` (and `--torch`) options."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--tf", default=TF_PYTHON, help="TensorFlow's interpreter")
    if torch:
        parser.add_argument("--torch", default=TORCH_PYTHON, help="PyTorch's interpreter")
    if worker:
        parser.add_argument("--worker", help=argparse.SUPPRESS)
    return parser


def import_tf_like(framework: str, threads_from_env: bool = False):
    """Imports tensorlet (from this checkout) or TensorFlow (quiet) and returns the module.

    With `threads_from_env`, TensorFlow's intra- and inter-op pools get `OMP_NUM_THREADS`
    threads (0 or unset: TF's default), as `run_peers(..., threads=N)` sets for the worker.
    """
    if framework == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow as tf

        if threads_from_env:
            threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
        return tf
    sys.path.insert(0, str(ROOT))
    import tensorlet

    return tensorlet


def emit(result: dict) -> int:
    """Prints a worker's result as the one JSON line its parent reads; returns exit status 0."""
    print(json.dumps(result))
    return 0


def best_us(fns: dict, repeat: int, warmup: int = 5) -> dict:
    """Best of `repeat` timeit runs of each function, in µs per call.

    Each function is first called `warmup` times (caches, lazy initialisation); each run lasts
    about 0.2 s (timeit's autorange). The functions' runs are interleaved, so a change in the
    machine's load affects all of them alike and their ratios stay meaningful.
    """
    timers = {}
    for name, fn in fns.items():
        for _ in range(warmup):
            fn()
        timer = timeit.Timer(fn)
        timers[name] = (timer, timer.autorange()[0])
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, (timer, number) in timers.items():
            best[name] = min(best[name], timer.timeit(number) / number * 1e6)
    return best


def run_peer(script: str, python: str, framework: str, args: list,
             threads: int = 0) -> dict | None:
    """Runs `script --worker FRAMEWORK *args` under `python`; its last stdout line as JSON.

    `threads` > 0 sets the BLAS/OpenMP thread variables of the subprocess. Returns None (and
    says why) when the interpreter is missing or the worker fails.
    """
    if not Path(python).exists():
        print(f"  {framework}: {python} not found, skipped")
        return None
    env = dict(os.environ)
    if threads:
        for name in _THREAD_VARS:
            env[name] = str(threads)
    proc = subprocess.run([python, script, "--worker", framework, *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    if proc.returncode != 0:
        print(f"  {framework}: failed, skipped\n{proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_peers(script: str, interpreters: dict, args: list, threads: int = 0,
              note: str | None = "timing, each framework in its own subprocess ...") -> dict:
    """`run_peer` for each `{framework: python}` in order (after printing `note`, if any);
    the results of those that ran."""
    if note:
        print(note)
    results = {}
    for framework, python in interpreters.items():
        result = run_peer(script, python, framework, args, threads)
        if result is not None:
            results[framework] = result
    return results


def interpreters(args) -> dict:
    """{framework: interpreter} of tensorlet (this one), TensorFlow (`--tf`) and, when the
    parser has `--torch`, PyTorch."""
    peers = {"tensorlet": sys.executable, "tensorflow": args.tf}
    if getattr(args, "torch", None):
        peers["torch"] = args.torch
    return peers


def peer_collector(script: str, *options: str, threads: bool = False):
    """A `collect(args)` for `run`: `run_peers` over `interpreters(args)`, passing the given
    options (names of `args` attributes) on to the workers, and `args.threads` if asked."""
    def collect(args) -> dict:
        flags = [item for name in options for item in (f"--{name}", getattr(args, name))]
        return run_peers(script, interpreters(args), flags, args.threads if threads else 0)

    return collect


def tensorlet_ran(results: dict) -> bool:
    """False (and says so) when tensorlet's worker gave no result."""
    if "tensorlet" in results:
        return True
    print("tensorlet failed to run")
    return False


def run(parser: argparse.ArgumentParser, argv: list, worker, collect, report,
        strict: bool = False) -> int:
    """A benchmark's `main`: parses `argv`; in a worker subprocess (`--worker`) prints
    `worker(args)` as JSON; otherwise gathers `collect(args)` (results per framework) and
    prints `report(results, args)`. Exit status 1 when tensorlet did not run or, with `strict`,
    when `report` returns False (a missed target)."""
    args = parser.parse_args(argv)
    if args.worker:
        return emit(worker(args))
    results = collect(args)
    if not tensorlet_ran(results):
        return 1
    ok = report(results, args)
    return 1 if strict and not ok else 0


def chapter_batch() -> dict:
    """The chapter's custom-loop data: a batch x (32 x 8) and y (32 x 1), and He-initialised
    kernels w1 (8 x 30) and w2 (30 x 1), float32, seeded."""
    import numpy as np

    rng = np.random.default_rng(0)
    return {
        "x": rng.standard_normal((32, 8)).astype(np.float32),
        "y": rng.standard_normal((32, 1)).astype(np.float32),
        "w1": (rng.standard_normal((8, 30)) * np.sqrt(2 / 8)).astype(np.float32),
        "w2": (rng.standard_normal((30, 1)) * np.sqrt(2 / 30)).astype(np.float32),
    }


def raw_train_step(tf, l2: float, lr: float):
    """(step(x, y), x, y): the chapter's Dense(30, relu, l2) -> Dense(1, l2) training step with
    raw ops and variables (MSE plus the two l2 penalties, gradients, SGD update) on
    `chapter_batch()`; `tf` is tensorlet or TensorFlow."""
    d = chapter_batch()
    params = [tf.Variable(d["w1"]), tf.Variable(tf.zeros([30])), tf.Variable(d["w2"]),
              tf.Variable(tf.zeros([1]))]

    def train_step(x, y):
        k1, b1, k2, b2 = params
        with tf.GradientTape() as tape:
            hidden = tf.nn.relu(tf.matmul(x, k1) + b1)
            pred = tf.matmul(hidden, k2) + b2
            main_loss = tf.reduce_mean(tf.reduce_mean(tf.square(y - pred), axis=-1))
            penalties = [l2 * tf.reduce_sum(tf.square(k1)), l2 * tf.reduce_sum(tf.square(k2))]
            loss = tf.add_n([main_loss] + penalties)
        grads = tape.gradient(loss, params)
        for v, g in zip(params, grads):
            v.assign_sub(lr * g)
        return loss

    return train_step, tf.constant(d["x"]), tf.constant(d["y"])


def versions(results: dict) -> str:
    """'name version, ...' of every framework that ran."""
    return ", ".join(f"{n} {r['version']}" for n, r in results.items())


def peer_table(results: dict, title: str, rows: tuple, digits: int) -> None:
    """Rows of µs per call (`results[name]["us"][row]`), one column per framework, then one
    '/peer' ratio column per peer, a legend and the versions."""
    names = list(results)
    print(f"\n{title:<26}" + "".join(f"{n:>12}" for n in names)
          + "".join(f"{'/' + n:>13}" for n in names if n != "tensorlet"))
    for row_name in rows:
        mine = results["tensorlet"]["us"][row_name]
        row = f"{row_name:<26}" + "".join(f"{results[n]['us'][row_name]:>12.{digits}f}"
                                          for n in names)
        row += "".join(f"{results[n]['us'][row_name] / mine:>12.2f}x" for n in names
                       if n != "tensorlet")
        print(row)
    print("\n(columns '/peer' = peer time / tensorlet time: > 1 means tensorlet is faster)")
    print("versions: " + versions(results))


def step_table(title: str, width: int, rows: list, base_us: float) -> None:
    """Rows of (name, µs per step, first-call seconds or None), with the ratio to `base_us`."""
    print(f"\n{title:<{width}}{'µs/step':>10}{'x tensorlet fn':>16}{'first call':>12}")
    for name, us, first in rows:
        first_text = "" if first is None else f"{first:>11.3f}s"
        print(f"{name:<{width}}{us:>10.1f}{us / base_us:>15.2f}x{first_text}")


def print_targets(checks: list, indent: str = "") -> bool:
    """Prints 'target met/MISSED - text' for each (text, ok); True when all are met."""
    ok_all = True
    for text, ok in checks:
        ok_all = ok_all and ok
        print(f"{indent}target {'met   ' if ok else 'MISSED'} - {text}")
    return ok_all
