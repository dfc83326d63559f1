"""Input pipelines: tensorlet's `tf.data` next to TensorFlow 2.21's, on the same data.

The pipeline of issue #7: `from_tensor_slices((X, y)).shuffle(10000).batch(32).prefetch(1)`
over 55,000 samples of 784 float32 features (Fashion-MNIST's shape), iterated for whole epochs.
Two more pipelines show the per-element paths: a `map` on each element before batching, and
lines of a CSV file parsed with `tf.io.decode_csv`. Each framework runs in a fresh subprocess of
its own interpreter, with the same seeded data:

    python3 benchmarks/bench_data.py [--tf PYTHON] [--epochs N]

Target (issue #7): the first pipeline is at least as fast as TensorFlow's.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

import _harness as h

SAMPLES, FEATURES = 55_000, 784
MAP_SAMPLES, CSV_LINES = 20_000, 20_000


def _arrays():
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((SAMPLES, FEATURES), dtype=np.float32)
    y = rng.integers(0, 10, SAMPLES).astype(np.uint8)
    return x, y


def _csv_file() -> str:
    path = os.path.join(tempfile.gettempdir(), "tensorlet_bench_data.csv")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("a,b,c,label\n")
            for i in range(CSV_LINES):
                f.write(f"{i * 0.5},{i % 7},{-i * 0.25},{i % 3}\n")
    return path


def _pipelines(tf) -> dict:
    """The same pipelines for tensorlet or TensorFlow (`tf` is either module)."""
    x, y = _arrays()
    small = x[:MAP_SAMPLES, :16]
    csv = _csv_file()

    def parse(line):
        a, b, c, label = tf.io.decode_csv(line, record_defaults=[0.0, 0.0, 0.0, 0])
        return tf.stack([a, b, c]), label

    return {
        "shuffle_batch_prefetch": (
            tf.data.Dataset.from_tensor_slices((x, y)).shuffle(10000).batch(32).prefetch(1)),
        "map_then_batch": (tf.data.Dataset.from_tensor_slices((small, y[:MAP_SAMPLES]))
                           .map(lambda a, b: (a * 2.0 - 1.0, b)).batch(32).prefetch(1)),
        "csv_lines": (tf.data.TextLineDataset(csv).skip(1).map(parse).batch(32).prefetch(1)),
    }


def _epoch(dataset) -> tuple:
    start = time.perf_counter()
    batches = 0
    for _ in dataset:
        batches += 1
    return time.perf_counter() - start, batches


def _worker(framework: str, epochs: int) -> dict:
    tf = h.import_tf_like(framework)
    if framework == "tensorlet":
        import tensorlet.data  # noqa: F401 - until `tf.data` is wired into tensorlet
        import tensorlet.io  # noqa: F401
    result = {"version": tf.__version__}
    for name, dataset in _pipelines(tf).items():
        times = []
        for _ in range(epochs):
            seconds, batches = _epoch(dataset)
            times.append(seconds)
        result[name] = {"best_s": min(times), "mean_s": sum(times) / len(times),
                        "batches": batches}
    return result


def _report(results: dict, args=None) -> None:
    mine = results["tensorlet"]
    theirs = results.get("tensorflow")
    print(f"\n{'pipeline (one epoch)':<26}{'tensorlet s':>12}{'TF s':>10}{'TF / tensorlet':>16}"
          f"{'batches':>9}")
    for name in ("shuffle_batch_prefetch", "map_then_batch", "csv_lines"):
        ours = mine[name]
        tf_s = theirs[name]["best_s"] if theirs else float("nan")
        print(f"{name:<26}{ours['best_s']:>12.3f}{tf_s:>10.3f}{tf_s / ours['best_s']:>15.2f}x"
              f"{ours['batches']:>9}")
    print("best of the epochs; versions: " + h.versions(results))
    if theirs:
        ours, tf_s = mine["shuffle_batch_prefetch"]["best_s"], \
            theirs["shuffle_batch_prefetch"]["best_s"]
        h.print_targets([(f"shuffle/batch/prefetch epoch {ours:.3f} s <= TF's {tf_s:.3f} s",
                          ours <= tf_s)])


def main(argv: list) -> int:
    parser = h.make_parser(__doc__)
    parser.add_argument("--epochs", type=int, default=3, help="epochs per pipeline")
    return h.run(parser, argv, lambda args: _worker(args.worker, args.epochs),
                 h.peer_collector(__file__, "epochs"), _report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
