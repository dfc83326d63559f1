"""Eager per-op overhead of tensorlet next to TensorFlow, PyTorch and NumPy, in one run.

Times three tiny ops, where the cost is the framework's per-call overhead, not arithmetic:
`tf.add(a, b)` and `a + b` on 2x3 float32 tensors, and a 2x3 @ 3x2 `matmul`. Each framework runs
in a fresh subprocess of its own interpreter; a peer whose interpreter is missing is skipped.

    python3 benchmarks/bench_eager_ops.py [--tf PYTHON] [--torch PYTHON] [--rounds N] [--repeat N]

Target (issue #2): at most 5 µs per op and at least 15x faster than TensorFlow eager.
"""

from __future__ import annotations

import sys

import _harness as h

OPS = ("tf.add(a, b)", "a + b", "matmul 2x3 @ 3x2")
TARGET_US = 5.0
TARGET_SPEEDUP = 15.0


def _calls(framework: str) -> dict:
    """The three timed calls of one framework, as zero-argument functions."""
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3)).astype(np.float32)
    y = rng.standard_normal((2, 3)).astype(np.float32)
    m = rng.standard_normal((3, 2)).astype(np.float32)
    if framework in ("tensorlet", "tensorflow"):
        tf = h.import_tf_like(framework)
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


def _worker(framework: str, repeat: int) -> dict:
    calls = _calls(framework)
    return {"version": _version(framework), "us": h.best_us(calls, repeat, warmup=3)}


def _version(framework: str) -> str:
    module = {"tensorlet": "tensorlet", "tensorflow": "tensorflow", "torch": "torch"}.get(
        framework, "numpy")
    return sys.modules[module].__version__


def _merge(results: dict, framework: str, result: dict) -> None:
    """Keeps the best time per op over rounds: rounds interleave frameworks, so a burst of load
    on the machine does not land on one framework only."""
    if framework not in results:
        results[framework] = result
        return
    best = results[framework]["us"]
    for op, us in result["us"].items():
        best[op] = min(best[op], us)


def _report(results: dict, args=None) -> None:
    h.peer_table(results, "op (µs/op, best of runs)", OPS, digits=2)
    checks = []
    for op in OPS:
        mine = results["tensorlet"]["us"][op]
        met = mine <= TARGET_US
        verdict = f"{op}: {mine:.2f} µs ({'<=' if mine <= TARGET_US else '>'} {TARGET_US} µs)"
        if "tensorflow" in results:
            speedup = results["tensorflow"]["us"][op] / mine
            met = met and speedup >= TARGET_SPEEDUP
            verdict += f", {speedup:.1f}x faster than TF eager " \
                       f"({'>=' if speedup >= TARGET_SPEEDUP else '<'} {TARGET_SPEEDUP:g}x)"
        checks.append((verdict, met))
    h.print_targets(checks)


def _collect(args) -> dict:
    interpreters = {"tensorlet": sys.executable, "tensorflow": args.tf, "torch": args.torch,
                    "numpy": sys.executable}
    print(f"timing, each framework in its own subprocess, {args.rounds} rounds ...")
    results: dict = {}
    for _ in range(args.rounds):
        for framework, python in list(interpreters.items()):
            result = h.run_peer(__file__, python, framework, ["--repeat", args.repeat])
            if result is None:
                del interpreters[framework]  # missing or failing: not tried again
            else:
                _merge(results, framework, result)
    return results


def main(argv: list) -> int:
    parser = h.make_parser(__doc__, torch=True)
    parser.add_argument("--repeat", type=int, default=5, help="timeit runs per op and round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds over all frameworks; the best round counts")
    return h.run(parser, argv, lambda args: _worker(args.worker, args.repeat), _collect, _report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
