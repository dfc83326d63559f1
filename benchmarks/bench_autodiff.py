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

import sys

import _harness as h

WORKLOADS = ("grad f(w1, w2)", "train step")
TARGETS_US = {"grad f(w1, w2)": 100.0, "train step": 600.0}
L2, LR = 0.05, 1e-3


def _tf_like(tf) -> dict:
    """The two workloads for tensorlet and TensorFlow (same code, `tf` is either module)."""
    w1, w2 = tf.Variable(5.), tf.Variable(3.)

    def grad_f():
        with tf.GradientTape() as tape:
            z = 3 * w1 ** 2 + 2 * w1 * w2
        return tape.gradient(z, [w1, w2])

    step, x, y = h.raw_train_step(tf, L2, LR)
    return {WORKLOADS[0]: grad_f, WORKLOADS[1]: lambda: step(x, y)}


def _torch() -> dict:
    import torch

    torch.set_num_threads(1)
    d = h.chapter_batch()
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
    if framework == "torch":
        return _torch()
    return _tf_like(h.import_tf_like(framework))


def _worker(framework: str, repeat: int) -> dict:
    calls = _calls(framework)
    return {"version": sys.modules[framework].__version__, "us": h.best_us(calls, repeat)}


def _report(results: dict, args=None) -> None:
    h.peer_table(results, "workload (µs/call, best)", WORKLOADS, digits=1)
    checks = []
    for work in WORKLOADS:
        mine, target = results["tensorlet"]["us"][work], TARGETS_US[work]
        checks.append((f"{work}: {mine:.1f} µs (target {target:.0f} µs)", mine <= target))
    h.print_targets(checks)


def main(argv: list) -> int:
    parser = h.make_parser(__doc__, torch=True)
    parser.add_argument("--repeat", type=int, default=7, help="timeit runs per workload")
    return h.run(parser, argv, lambda args: _worker(args.worker, args.repeat),
                 h.peer_collector(__file__, "repeat"), _report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
