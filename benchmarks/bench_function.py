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

import sys
import time

import _harness as h

L2, LR = 0.05, 0.01
TARGET_STEP_US, TARGET_TRACE_S = 100.0, 0.2


def _numpy_step():
    """Forward, backward and SGD by hand, in float32 NumPy."""
    import numpy as np

    d = h.chapter_batch()
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


def _worker(framework: str, repeat: int) -> dict:
    tf = h.import_tf_like(framework)
    step, x, y = h.raw_train_step(tf, L2, LR)
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
    result = {"version": tf.__version__, "first_call_s": first, **h.best_us(fns, repeat)}
    if framework == "tensorlet":
        result["numpy_version"] = numpy.__version__
    return result


def _report(results: dict, args=None) -> None:
    mine = results["tensorlet"]
    rows = [("tensorlet tf.function", mine["step"], mine["first_call_s"]),
            ("tensorlet eager", mine["eager"], None)]
    if "tensorflow" in results:
        tf = results["tensorflow"]
        rows.append(("TensorFlow tf.function", tf["step"], tf["first_call_s"]))
    rows.append(("NumPy by hand", mine["numpy"], None))
    h.step_table("train step", 24, rows, mine["step"])
    print("versions: " + h.versions(results) + f", numpy {mine['numpy_version']}")
    checks = [(f"step {mine['step']:.1f} µs <= {TARGET_STEP_US:.0f} µs",
               mine["step"] <= TARGET_STEP_US),
              (f"first call {mine['first_call_s']:.3f} s <= {TARGET_TRACE_S} s",
               mine["first_call_s"] <= TARGET_TRACE_S)]
    if "tensorflow" in results:
        ratio = results["tensorflow"]["step"] / mine["step"]
        checks.append((f"{ratio:.1f}x faster than TF's tf.function (>= 5x)", ratio >= 5))
    ratio = mine["step"] / mine["numpy"]
    checks.append((f"{ratio:.2f}x hand-written NumPy (<= 1.5x)", ratio <= 1.5))
    h.print_targets(checks)


def main(argv: list) -> int:
    parser = h.make_parser(__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timeit runs per workload")
    return h.run(parser, argv, lambda args: _worker(args.worker, args.repeat),
                 h.peer_collector(__file__, "repeat"), _report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
