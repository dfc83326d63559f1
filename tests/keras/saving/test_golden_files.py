"""C7: every past format version loads forever (golden files in tests/fixtures/keras/v*/)."""

import pathlib

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import saving
from tensorlet.keras.saving import file_format

from . import _plain
from .golden_models import GOLDEN_X, golden_values

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "keras"
VERSIONS = sorted(int(p.name[1:]) for p in FIXTURES.glob("v*") if p.name[1:].isdigit())


def test_every_format_version_up_to_the_current_one_has_golden_files():
    assert VERSIONS == list(range(1, file_format.FORMAT_VERSION + 1))


def _tiny_expected():
    kernel = golden_values((4, 3), 0)
    bias = golden_values((3,), 1)
    momenta = [np.zeros((4, 3), np.float32), np.zeros(3, np.float32)]
    for step in range(3):
        for variable, momentum in zip((kernel, bias), momenta):
            momentum[...] = 0.9 * momentum + golden_values(variable.shape, 10 + step)
            variable -= 0.25 * momentum
    return kernel, bias, momenta


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["tiny_model.keras", "tiny_model_dir"])
def test_c7_golden_model_loads_with_weights_and_optimizer_state(version, name):
    model = saving.load_model(FIXTURES / f"v{version}" / name)
    kernel, bias, momenta = _tiny_expected()
    assert type(model) is _plain.TinyModel and model.units == 3
    np.testing.assert_allclose(model.weights[0].numpy(), kernel, rtol=1e-6)
    np.testing.assert_allclose(model.weights[1].numpy(), bias, rtol=1e-6)
    assert model.loss == "mse"
    assert isinstance(model.optimizer, _plain.TinyOptimizer)
    assert model.optimizer.learning_rate == 0.25
    assert int(model.optimizer.iterations.numpy()) == 3
    for slot, expected in zip(model.optimizer.variables[1:], momenta):
        np.testing.assert_allclose(slot.numpy(), expected, rtol=1e-6)


@pytest.mark.parametrize("version", VERSIONS)
def test_c7_golden_weights_file_loads_into_a_fresh_model(version):
    model = _plain.TinyModel(units=3)
    saving.load_weights(model, FIXTURES / f"v{version}" / "tiny_model.weights")
    kernel, bias, _ = _tiny_expected()
    np.testing.assert_allclose(model.predict(GOLDEN_X), GOLDEN_X @ kernel + bias, rtol=1e-5)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["sequential.keras", "sequential_dir"])
def test_c7_golden_sequential_model_predicts_the_same(version, name):
    folder = FIXTURES / f"v{version}"
    model = tf.keras.models.load_model(folder / name)
    assert isinstance(model, tf.keras.Sequential)
    hidden = np.maximum(GOLDEN_X @ golden_values((4, 5), 0) + golden_values((5,), 1), 0)
    expected = hidden @ golden_values((5, 1), 2) + golden_values((1,), 3)
    got = np.asarray(model(GOLDEN_X).numpy())
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
