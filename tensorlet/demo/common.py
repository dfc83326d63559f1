"""What the demo's parts share: section titles, the run folder and the two data sets."""

from __future__ import annotations

import os
import tempfile

import numpy as np

import tensorlet as tf

WIDTH = 70


def section(title: str) -> None:
    """Prints a section title: `== Title =====...`."""
    print(f"\n== {title} " + "=" * max(0, WIDTH - 4 - len(title)))


def make_run_dir() -> str:
    """A fresh folder under the system temp folder for the TensorBoard logs and saved models."""
    return tempfile.mkdtemp(prefix="tensorlet-demo-")


def housing_like_data(seed: int = 42):
    """A small regression set that stands in for California housing (which needs a download).

    Eight standardized features, a nonlinear target and 3% gross outliers: the noisy data for
    which the chapter reaches for the Huber loss. Returns (train, valid, test) pairs of
    float32 arrays: 2,000 / 500 / 500 rows, targets of shape (n, 1).
    """
    rng = np.random.default_rng(seed)
    n = 3000
    X = rng.normal(size=(n, 8)).astype(np.float32)
    y = (2.0 + np.sin(X[:, 0]) + 0.5 * X[:, 1] * X[:, 2] - 0.3 * X[:, 3] ** 2
         + 0.2 * X[:, 4] + 0.1 * rng.normal(size=n))
    outliers = rng.random(n) < 0.03
    y[outliers] += rng.normal(scale=5.0, size=outliers.sum())
    y = y.astype(np.float32)[:, None]
    return (X[:2000], y[:2000]), (X[2000:2500], y[2000:2500]), (X[2500:], y[2500:])


def digits_data():
    """The shipped 8x8 digits, pixels scaled to [0, 1]: (train, valid, test) pairs.

    The 1,437 training images are split 1,150 / 287 into training and validation sets; the 360
    test images are kept for the end.
    """
    (X_full, y_full), (X_test, y_test) = tf.keras.datasets.digits.load_data()
    X_full = X_full.astype(np.float32) / 16.0
    X_test = X_test.astype(np.float32) / 16.0
    return ((X_full[:1150], y_full[:1150]), (X_full[1150:], y_full[1150:]), (X_test, y_test))


def show_path(path: str, root: str) -> str:
    """`path` relative to `root`, with forward slashes (for compact listings)."""
    return os.path.relpath(path, root).replace(os.sep, "/")
