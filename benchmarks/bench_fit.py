"""`model.fit(verbose=0)` per training step: tensorlet next to Keras 3 on TF and NumPy by hand.

Three workloads (issue #6), each trained with plain SGD(0.01), shuffled batches, `verbose=0`:

- (a) regression MLP 8 -> 30 (relu) -> 1, MSE, batch 32;
- (b) classifier 784 -> 300 (relu) -> 100 (relu) -> 10 (softmax), sparse categorical
  crossentropy, batch 32;
- (c) wide classifier 784 -> 2048 (relu) -> 2048 (relu) -> 10 (softmax), batch 256.

The same Keras code runs on tensorlet and on TensorFlow 2.21 (`/root/tfenv/bin/python`, change
with `--tf PYTHON`); the NumPy loop does what `fit` does by hand (shuffle each epoch, gather the
batch, forward, backward, SGD update). Each framework runs in a fresh subprocess of its own
interpreter; the rounds alternate between the frameworks, and the fastest epoch of all rounds
counts (a busy machine only ever adds time). A first `fit` (which traces the step) is not
timed.

    python3 benchmarks/bench_fit.py [--tf PYTHON] [--rounds N] [--cases abc] [--threads 1,0]

Each thread setting is timed in turn, every framework with the same setting: `1` gives each one
thread (BLAS for NumPy and tensorlet, intra- and inter-op pools for TF), which keeps the numbers
steady on a shared machine; `0` leaves each library its default, as a user runs it (and as the
issue's reference figures were taken). The default times both.

Targets per step: (a) at least 10x faster than Keras/TF; (b) at least 3x; (c) at least 1.2x
and within 1.1x of hand-written NumPy.
"""

from __future__ import annotations

import sys
import time

import _harness as h

LR = 0.01
# name: (layer sizes, batch size, batches per epoch, epochs timed (the fastest counts))
CASES = {
    "a": ((8, 30, 1), 32, 100, 10),
    "b": ((784, 300, 100, 10), 32, 50, 8),
    "c": ((784, 2048, 2048, 10), 256, 4, 4),
}
TARGETS = {"a": (10.0, None), "b": (3.0, None), "c": (1.2, 1.1)}


def _data(case: str):
    import numpy as np

    sizes, batch, batches, _ = CASES[case]
    rng = np.random.default_rng(0)
    n = batch * batches
    x = rng.standard_normal((n, sizes[0])).astype(np.float32)
    if sizes[-1] == 1:
        y = (x @ rng.standard_normal((sizes[0], 1))).astype(np.float32)
    else:
        y = rng.integers(0, sizes[-1], n).astype(np.int64)
    return x, y


def _keras_model(tf, case: str):
    sizes = CASES[case][0]
    layers = [tf.keras.Input((sizes[0],))]
    layers += [tf.keras.layers.Dense(units, activation="relu") for units in sizes[1:-1]]
    classifier = sizes[-1] > 1
    layers.append(tf.keras.layers.Dense(sizes[-1], activation="softmax" if classifier else None))
    model = tf.keras.Sequential(layers)
    loss = "sparse_categorical_crossentropy" if classifier else "mse"
    model.compile(loss=loss, optimizer=tf.keras.optimizers.SGD(learning_rate=LR))
    return model


def _best_epoch(run_epoch, epochs: int, batches: int) -> float:
    """The fastest of `epochs` timed epochs, in µs per step (noise only ever adds time)."""
    best = float("inf")
    for _ in range(epochs):
        start = time.perf_counter()
        run_epoch()
        best = min(best, time.perf_counter() - start)
    return best / batches * 1e6


def _time_keras(tf, case: str) -> dict:
    _, batch, batches, epochs = CASES[case]
    x, y = _data(case)
    model = _keras_model(tf, case)
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)
    first = time.perf_counter() - start
    step = _best_epoch(lambda: model.fit(x, y, batch_size=batch, epochs=1, verbose=0), epochs,
                       batches)
    return {"step_us": step, "first_fit_s": first}


def _numpy_fit(case: str):
    """`fit` written by hand: one epoch of shuffled SGD steps on the MLP of `case`."""
    import numpy as np

    sizes, batch, batches, _ = CASES[case]
    x, y = _data(case)
    rng = np.random.default_rng(1)
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6 / (fan_in + fan_out))
        params += [rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32),
                   np.zeros(fan_out, np.float32)]
    lr = np.float32(LR)
    classifier = sizes[-1] > 1

    def step(xb, yb):
        acts = [xb]
        for i in range(0, len(params) - 2, 2):
            acts.append(np.maximum(acts[-1] @ params[i] + params[i + 1], 0))
        out = acts[-1] @ params[-2] + params[-1]
        if classifier:
            p = np.exp(out - out.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(yb)), yb] -= 1
            g = p / np.float32(len(yb))
        else:
            g = (out - yb) * np.float32(2 / len(yb))
        for i in range(len(params) - 2, -1, -2):
            gw, gb = acts[i // 2].T @ g, g.sum(axis=0)
            if i:
                g = (g @ params[i].T) * (acts[i // 2] > 0)
            params[i] -= lr * gw
            params[i + 1] -= lr * gb

    def epoch():
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch):
            index = order[start:start + batch]
            step(x[index], y[index])

    return epoch


def _time_numpy(case: str) -> dict:
    _, _, batches, epochs = CASES[case]
    epoch = _numpy_fit(case)
    epoch()
    return {"step_us": _best_epoch(epoch, epochs, batches)}


def _worker(framework: str, cases: str) -> dict:
    if framework == "numpy":
        import numpy

        return {"version": numpy.__version__, **{c: _time_numpy(c) for c in cases}}
    tf = h.import_tf_like(framework, threads_from_env=True)
    return {"version": tf.__version__, **{c: _time_keras(tf, c) for c in cases}}


def _best(rounds: list) -> dict:
    """Per framework and case, the round with the fastest step."""
    best: dict = {}
    for results in rounds:
        for framework, result in results.items():
            mine = best.setdefault(framework, {"version": result["version"]})
            for case, timing in result.items():
                if case != "version" and (case not in mine
                                          or timing["step_us"] < mine[case]["step_us"]):
                    mine[case] = timing
    return best


def _report_all(runs: dict, cases: str) -> bool:
    ok_all = True
    for threads, best in runs.items():
        print(f"\n=== threads per framework: {threads or 'each library default'} ===")
        ok_all = _report(best, cases) and ok_all
    return ok_all


def _report(best: dict, cases: str) -> bool:
    ok_all = True
    names = {"tensorlet": "tensorlet fit", "tensorflow": "Keras 3 / TF fit",
             "numpy": "NumPy by hand"}
    for case in cases:
        sizes, batch = CASES[case][:2]
        mine = best["tensorlet"][case]["step_us"]
        print(f"\n({case}) {' -> '.join(map(str, sizes))}, batch {batch}")
        print(f"  {'':<20}{'µs/step':>12}{'x tensorlet':>14}{'first fit':>12}")
        for framework in ("tensorlet", "tensorflow", "numpy"):
            if framework in best:
                timing = best[framework][case]
                first = timing.get("first_fit_s")
                first_text = "" if first is None else f"{first:>11.2f}s"
                print(f"  {names[framework]:<20}{timing['step_us']:>12.1f}"
                      f"{timing['step_us'] / mine:>13.2f}x{first_text}")
        speedup, numpy_bound = TARGETS[case]
        checks = []
        if "tensorflow" in best:
            ratio = best["tensorflow"][case]["step_us"] / mine
            checks.append((f"{ratio:.2f}x faster than Keras/TF (>= {speedup}x)",
                           ratio >= speedup))
        if numpy_bound is not None and "numpy" in best:
            ratio = mine / best["numpy"][case]["step_us"]
            checks.append((f"{ratio:.2f}x hand-written NumPy (<= {numpy_bound}x)",
                           ratio <= numpy_bound))
        ok_all = h.print_targets(checks, indent="  ") and ok_all
    print("\nversions: " + h.versions(best))
    return ok_all


def _collect(args) -> dict:
    """{threads: best results per framework} for each thread setting asked for."""
    interpreters = {"tensorlet": sys.executable, "tensorflow": args.tf, "numpy": sys.executable}
    runs = {}
    for threads in _thread_settings(args):
        print(f"timing fit ({threads or 'default'} threads), each framework in its own "
              "subprocess ...")
        runs[threads] = _best([h.run_peers(__file__, interpreters, ["--cases", _cases(args)],
                                           threads, note=None) for _ in range(args.rounds)])
    return runs


def _thread_settings(args) -> list:
    return [int(t) for t in str(args.threads).split(",") if t.strip()]


def _cases(args) -> str:
    return "".join(c for c in args.cases if c in CASES)


def main(argv: list) -> int:
    parser = h.make_parser(__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all frameworks")
    parser.add_argument("--cases", default="abc", help="which workloads (letters of a, b, c)")
    parser.add_argument("--threads", default="1,0",
                        help="thread settings, comma-separated: BLAS/TF threads per framework "
                             "(0: each library's default)")
    args = parser.parse_args(argv)
    if args.worker:
        return h.emit(_worker(args.worker, _cases(args)))
    runs = _collect(args)
    if not all(h.tensorlet_ran(best) for best in runs.values()):
        return 1
    _report_all(runs, _cases(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
