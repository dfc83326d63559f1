"""Eager per-op overhead of tensorlet next to TensorFlow, PyTorch and NumPy, in one run.

Times three tiny ops, where the cost is the framework's per-call overhead, not arithmetic:
`tf.add(a, b)` and `a + b` on 2x3 float32 tensors, and a 2x3 @ 3x2 `matmul`. Each framework runs
in a fresh subprocess of its own interpreter; a peer whose interpreter is missing is skipped.

    python3 benchmarks/bench_eager_ops.py [--tf PYTHON] [--torch PYTHON] [--rounds N] [--repeat N]

Target (issue #2): at most 5 µs per op and at least 15x faster than TensorFlow eager.
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
OPS = ("tf.add(a, b)", "a + b", "matmul 2x3 @ 3x2")
TARGET_US = 5.0
TARGET_SPEEDUP = 15.0
PEERS = {"tensorflow": "/root/tfenv/bin/python", "torch": "/root/torchenv/bin/python"}


def _calls(framework: str) -> dict:
    """The three timed calls of one framework, as zero-argument functions."""
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3)).astype(np.float32)
    y = rng.standard_normal((2, 3)).astype(np.float32)
    m = rng.standard_normal((3, 2)).astype(np.float32)
    if framework in ("tensorlet", "tensorflow"):
        if framework == "tensorlet":
            sys.path.insert(0, str(ROOT))
            import tensorlet as tf
        else:
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
            import tensorflow as tf
        a, b, c = tf.constant(x), tf.constant(y), tf.constant(m)
        return {OPS[0]: lambda: tf.add(a, b), OPS[1]: lambda: a + b,
                OPS[2]: lambda: tf.matmul(a, c)}
    if framework == "torch":
        import torch

        torch.set_num_threads(1)
        a, b, c = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(m)
        return {OPS[0]: lambda: torch.add(a, b), OPS[1]: lambda: a + b,
                OPS[2]: lambda: torch.matmul(a, c)}
    return {OPS[0]: lambda: np.add(x, y), OPS[1]: lambda: x + y, OPS[2]: lambda: np.matmul(x, m)}


def _time(fn, repeat: int) -> float:
    """Best of `repeat` timeit runs, in µs per call (each run lasts about 0.2 s)."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    for _ in range(3):  # warm caches and lazy initialisation
        fn()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def _worker(framework: str, repeat: int) -> None:
    calls = _calls(framework)
    version = _version(framework)
    print(json.dumps({"version": version,
                      "us": {name: _time(fn, repeat) for name, fn in calls.items()}}))


def _version(framework: str) -> str:
    module = {"tensorlet": "tensorlet", "tensorflow": "tensorflow", "torch": "torch"}.get(
        framework, "numpy")
    return sys.modules[module].__version__


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


def _merge(results: dict, framework: str, result: dict) -> None:
    """Keeps the best time per op over rounds: rounds interleave frameworks, so a burst of load
    on the machine does not land on one framework only."""
    if framework not in results:
        results[framework] = result
        return
    best = results[framework]["us"]
    for op, us in result["us"].items():
        best[op] = min(best[op], us)


def _report(results: dict) -> None:
    names = list(results)
    print(f"\n{'op (µs/op, best of runs)':<26}" + "".join(f"{n:>12}" for n in names)
          + "".join(f"{'/' + n:>13}" for n in names if n != "tensorlet"))
    for op in OPS:
        mine = results["tensorlet"]["us"][op]
        row = f"{op:<26}" + "".join(f"{results[n]['us'][op]:>12.2f}" for n in names)
        row += "".join(f"{results[n]['us'][op] / mine:>12.2f}x" for n in names
                       if n != "tensorlet")
        print(row)
    print("\n(columns '/peer' = peer time / tensorlet time: > 1 means tensorlet is faster)")
    print("versions: " + ", ".join(f"{n} {r['version']}" for n, r in results.items()))
    _verdict(results)


def _verdict(results: dict) -> None:
    for op in OPS:
        mine = results["tensorlet"]["us"][op]
        met = mine <= TARGET_US
        verdict = f"{op}: {mine:.2f} µs ({'<=' if mine <= TARGET_US else '>'} {TARGET_US} µs)"
        if "tensorflow" in results:
            speedup = results["tensorflow"]["us"][op] / mine
            met = met and speedup >= TARGET_SPEEDUP
            verdict += f", {speedup:.1f}x faster than TF eager " \
                       f"({'>=' if speedup >= TARGET_SPEEDUP else '<'} {TARGET_SPEEDUP:g}x)"
        print(f"target {'met   ' if met else 'MISSED'} - {verdict}")


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tf", default=PEERS["tensorflow"], help="TensorFlow's interpreter")
    parser.add_argument("--torch", default=PEERS["torch"], help="PyTorch's interpreter")
    parser.add_argument("--repeat", type=int, default=5, help="timeit runs per op and round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds over all frameworks; the best round counts")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.repeat)
        return 0
    interpreters = {"tensorlet": sys.executable, "tensorflow": args.tf, "torch": args.torch,
                    "numpy": sys.executable}
    print(f"timing, each framework in its own subprocess, {args.rounds} rounds ...")
    results: dict = {}
    for _ in range(args.rounds):
        for framework, python in list(interpreters.items()):
            result = _run_worker(python, framework, args.repeat)
            if result is None:
                del interpreters[framework]  # missing or failing: not tried again
            else:
                _merge(results, framework, result)
    if "tensorlet" not in results:
        print("tensorlet failed to run")
        return 1
    _report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
