"""Writes the golden files of the current format version into tests/fixtures/keras/v<N>/.

Run once per format version (`python3 -m tests.keras.saving.golden_models`) and commit the
files; never regenerate a released version: C7 requires that every past version loads
forever, and test_golden_files.py loads each of them.
"""

import pathlib
import shutil

import numpy as np

import tensorlet as tf
from tensorlet.keras import saving
from tensorlet.keras.saving import file_format

from . import _plain

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "keras"
GOLDEN_X = np.linspace(-2.0, 2.0, 12, dtype=np.float32).reshape(3, 4)


def golden_values(shape, offset):
    """Deterministic, non-trivial float32 values (the same formula in every version)."""
    size = int(np.prod(shape))
    return (np.sin(np.arange(size, dtype=np.float64) + offset) / 2).astype(np.float32).reshape(
        shape)


def tiny_model():
    model = _plain.TinyModel(units=3)
    model.build(4)
    for i, variable in enumerate(model.weights):
        variable.assign(golden_values(variable.shape, i))
    model.compile(optimizer=_plain.TinyOptimizer(0.25), loss="mse")
    for step in range(3):
        grads = [golden_values(v.shape, 10 + step) for v in model.weights]
        model.optimizer.apply_gradients(zip(grads, model.weights))
    return model


def sequential_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(4,)),
        tf.keras.layers.Dense(5, activation="relu", name="hidden"),
        tf.keras.layers.Dense(1, name="out"),
    ])
    for i, variable in enumerate(model.weights):
        variable.assign(golden_values(variable.shape, i))
    return model


def write_all(version=file_format.FORMAT_VERSION):
    folder = FIXTURES / f"v{version}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    tiny = tiny_model()
    saving.save_model(tiny, folder / "tiny_model.keras")
    saving.save_model(tiny, folder / "tiny_model_dir")
    saving.save_weights(tiny, folder / "tiny_model.weights")
    sequential = sequential_model()
    saving.save_model(sequential, folder / "sequential.keras")
    saving.save_model(sequential, folder / "sequential_dir")


if __name__ == "__main__":
    write_all()
