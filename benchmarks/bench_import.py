"""Import time of tensorlet beyond NumPy's, next to TensorFlow's (and PyTorch's when present).

Each sample is a fresh interpreter that imports NumPy, then the framework, and reports the
seconds spent on the framework alone; the median of several samples is printed. One warm-up
run first fills the bytecode caches, so what is timed is a normal (cached) import.

    python3 benchmarks/bench_import.py [--runs N] [--tf PYTHON] [--torch PYTHON]

Target (issue #2): `import tensorlet` takes at most 0.3 s beyond `import numpy`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

import _harness as h

TARGET_S = 0.3
_PROBE = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
import numpy
t1 = time.perf_counter()
import {module}
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _sample(python: str, module: str) -> tuple:
    """(seconds for numpy, seconds for the module after numpy) in one fresh interpreter."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([python, "-c", _PROBE.format(root=str(h.ROOT), module=module)],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"import {module} failed:\n{proc.stderr[-2000:]}")
    numpy_s, module_s = proc.stdout.split()[-2:]
    return float(numpy_s), float(module_s)


def measure(python: str, module: str, runs: int) -> dict:
    """Median import seconds of numpy and of `module` beyond numpy, over `runs` fresh runs."""
    _sample(python, module)
    samples = [_sample(python, module) for _ in range(runs)]
    return {"numpy": statistics.median(s[0] for s in samples),
            "module": statistics.median(s[1] for s in samples),
            "spread": (min(s[1] for s in samples), max(s[1] for s in samples))}


def main(argv: list) -> int:
    parser = h.make_parser(__doc__, torch=True, worker=False)
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per framework")
    args = parser.parse_args(argv)
    frameworks = [("tensorlet", sys.executable), ("tensorflow", args.tf), ("torch", args.torch)]
    results = {}
    print(f"{'import (median of ' + str(args.runs) + ')':<24}{'numpy s':>10}"
          f"{'beyond numpy s':>16}{'min..max':>18}")
    for module, python in frameworks:
        if not Path(python).exists():
            print(f"{module:<24}skipped: {python} not found")
            continue
        try:
            r = results[module] = measure(python, module, args.runs)
        except RuntimeError as e:
            print(f"{module:<24}skipped: {e}")
            continue
        lo, hi = r["spread"]
        print(f"{module:<24}{r['numpy']:>10.3f}{r['module']:>16.3f}{lo:>9.3f}..{hi:.3f}")
    if "tensorlet" not in results:
        return 1
    mine = results["tensorlet"]["module"]
    for module, r in results.items():
        if module != "tensorlet":
            print(f"{module} import / tensorlet import: {r['module'] / mine:.1f}x")
    met = "met" if mine <= TARGET_S else "MISSED"
    print(f"target {met}: import tensorlet {mine:.3f} s beyond numpy (target <= {TARGET_S} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
