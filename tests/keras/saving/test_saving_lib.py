"""save_model / load_model / save_weights / load_weights on plain protocol classes.

Covers the format itself (A5.6, D1, D8, A5.10, A5.7, C7): the end-to-end tests with real
Keras layers and models are in test_models_end_to_end.py.
"""

import json
import os
import zipfile

import numpy as np
import pytest

import tensorlet as tf
from tensorlet import keras
from tensorlet.keras.saving import file_format

from . import _plain

X = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]], np.float32)


def _model(units=2):
    model = _plain.TinyModel(units)
    model.predict(X)
    model.weights[0].assign(model.weights[0].numpy() * 1.37)
    return model


@pytest.mark.parametrize("name", ["my_model", "my_model.keras", "my_model.h5", "dir.v2/m"])
def test_a5_6_round_trip_is_bit_identical(tmp_path, name):
    model = _model()
    path = tmp_path / name
    keras.saving.save_model(model, path)
    loaded = keras.saving.load_model(path)
    assert type(loaded) is _plain.TinyModel and loaded.units == 2
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    for saved, restored in zip(model.weights, loaded.weights):
        assert saved.numpy().tobytes() == restored.numpy().tobytes()


def test_d1_no_extension_is_a_directory_and_keras_is_one_zip(tmp_path):
    model = _model()
    keras.saving.save_model(model, tmp_path / "my_model_with_a_custom_loss")
    folder = tmp_path / "my_model_with_a_custom_loss"
    assert folder.is_dir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format"] == "tensorlet.keras" and manifest["format_version"] == 1
    assert set(manifest["files"]) == {"config", "weights"}
    assert (folder / manifest["files"]["config"]["path"]).is_file()
    keras.saving.save_model(model, tmp_path / "m.keras")
    assert zipfile.is_zipfile(tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as archive:
        assert sorted(archive.namelist()) == ["config.json", "manifest.json", "weights.npz"]


def test_zipped_argument_overrides_the_extension(tmp_path):
    model = _model()
    keras.saving.save_model(model, tmp_path / "as_zip", zipped=True)
    keras.saving.save_model(model, tmp_path / "as_dir.keras", zipped=False)
    assert zipfile.is_zipfile(tmp_path / "as_zip")
    assert (tmp_path / "as_dir.keras").is_dir()
    keras.saving.save_model(model, tmp_path / "as_zip")
    keras.saving.save_model(model, tmp_path / "as_dir.keras")
    assert zipfile.is_zipfile(tmp_path / "as_zip")
    assert (tmp_path / "as_dir.keras").is_dir()
    for name in ("as_zip", "as_dir.keras"):
        np.testing.assert_array_equal(keras.saving.load_model(tmp_path / name).predict(X),
                                      model.predict(X))


def test_keras2_save_kwargs_are_accepted_and_unknown_ones_rejected(tmp_path):
    keras.saving.save_model(_model(), tmp_path / "m", save_format="tf", include_optimizer=False)
    with pytest.raises(TypeError, match="bogus"):
        keras.saving.save_model(_model(), tmp_path / "m2", bogus=1)


def test_overwrite_false_refuses_and_overwrite_replaces(tmp_path):
    path = tmp_path / "m.keras"
    keras.saving.save_model(_model(2), path)
    with pytest.raises(FileExistsError):
        keras.saving.save_model(_model(3), path, overwrite=False)
    keras.saving.save_model(_model(3), path)
    assert keras.saving.load_model(path).units == 3


def test_directory_resave_keeps_one_data_folder(tmp_path):
    path = tmp_path / "m"
    for units in (2, 3, 4):
        keras.saving.save_model(_model(units), path)
    assert sorted(p.name for p in path.iterdir() if p.name.startswith("data-")).__len__() == 1
    assert keras.saving.load_model(path).units == 4


def test_a5_7_missing_get_config_raises_naming_the_class(tmp_path):
    model = _plain.NoConfigModel(block=object())
    model.predict(X)
    with pytest.raises(NotImplementedError) as info:
        keras.saving.save_model(model, tmp_path / "m.keras")
    message = str(info.value)
    assert "NoConfigModel" in message and "get_config()" in message
    assert not (tmp_path / "m.keras").exists()


def test_unregistered_class_needs_custom_objects(tmp_path):
    model = _plain.UnregisteredModel()
    model.predict(X)
    keras.saving.save_model(model, tmp_path / "m.keras")
    with pytest.raises(TypeError, match="Could not locate class 'UnregisteredModel'"):
        keras.saving.load_model(tmp_path / "m.keras")
    loaded = keras.saving.load_model(
        tmp_path / "m.keras", custom_objects={"UnregisteredModel": _plain.UnregisteredModel}
    )
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


def huber_fn(y_true, y_pred):
    return abs(y_true - y_pred)


def create_huber(threshold=1.0):
    def huber_fn(y_true, y_pred):
        return abs(y_true - y_pred) * threshold

    return huber_fn


def test_a5_1_a5_3_loss_is_restored_by_name(tmp_path):
    model = _model()
    model.compile(optimizer=_plain.TinyOptimizer(0.5), loss=create_huber(2.0))
    keras.saving.save_model(model, tmp_path / "m")
    config = json.loads(_read_entry(tmp_path / "m", "config"))
    assert config["compile_config"]["loss"]["config"] == "huber_fn"
    assert "2.0" not in json.dumps(config["compile_config"]["loss"])
    with pytest.raises(TypeError, match="Could not locate function 'huber_fn'"):
        keras.saving.load_model(tmp_path / "m")
    loaded = keras.saving.load_model(tmp_path / "m", custom_objects={"huber_fn": huber_fn})
    assert loaded.loss is huber_fn
    assert isinstance(loaded.optimizer, _plain.TinyOptimizer)
    assert loaded.optimizer.learning_rate == 0.5
    uncompiled = keras.saving.load_model(tmp_path / "m", compile=False)
    assert uncompiled.loss is None and uncompiled.optimizer is None


def _read_entry(path, role):
    return file_format.ModelFile(path).read(role)


def test_a5_10_optimizer_iterations_and_slots_resume(tmp_path):
    model = _model()
    model.compile(optimizer=_plain.TinyOptimizer(0.1), loss="mse")
    for step in range(3):
        grads = [np.full(v.shape, 0.1 * (step + 1), np.float32) for v in model.weights]
        model.optimizer.apply_gradients(zip(grads, model.weights))
    keras.saving.save_model(model, tmp_path / "m.keras")
    loaded = keras.saving.load_model(tmp_path / "m.keras")
    assert loaded.loss == "mse"
    assert int(loaded.optimizer.iterations.numpy()) == 3
    for saved, restored in zip(model.optimizer.variables, loaded.optimizer.variables):
        np.testing.assert_array_equal(saved.numpy(), restored.numpy())
    grads = [np.ones(v.shape, np.float32) for v in model.weights]
    model.optimizer.apply_gradients(zip(grads, model.weights))
    loaded.optimizer.apply_gradients(zip(grads, loaded.weights))
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


def test_include_optimizer_false_skips_the_state(tmp_path):
    model = _model()
    model.compile(optimizer=_plain.TinyOptimizer(), loss="mse")
    model.optimizer.apply_gradients(zip([np.ones((3, 2)), np.ones(2)], model.weights))
    keras.saving.save_model(model, tmp_path / "m", include_optimizer=False)
    assert int(keras.saving.load_model(tmp_path / "m").optimizer.iterations.numpy()) == 0


@pytest.mark.parametrize("name", ["weights", "w.ckpt", "model.weights.h5", "w.npz", "sub/w"])
def test_d8_a9_5_weights_with_any_name_into_a_fresh_instance(tmp_path, name):
    model = _model()
    keras.saving.save_weights(model, tmp_path / name)
    fresh = _plain.TinyModel()
    assert fresh.weights == []
    keras.saving.load_weights(fresh, tmp_path / name)
    np.testing.assert_array_equal(fresh.predict(X), model.predict(X))


def test_load_weights_reads_a_saved_model_file_too(tmp_path):
    model = _model()
    keras.saving.save_model(model, tmp_path / "m.keras")
    keras.saving.save_model(model, tmp_path / "m")
    for path in (tmp_path / "m.keras", tmp_path / "m"):
        fresh = _plain.TinyModel()
        fresh.predict(X)
        keras.saving.load_weights(fresh, path)
        np.testing.assert_array_equal(fresh.predict(X), model.predict(X))


def test_load_weights_mismatch_is_all_or_nothing(tmp_path):
    keras.saving.save_weights(_model(3), tmp_path / "w")
    other = _plain.TinyModel(2)
    other.predict(X)
    before = [v.numpy().copy() for v in other.weights]
    with pytest.raises(ValueError, match=r"shape \(3, 2\).*shape \(3, 3\)"):
        keras.saving.load_weights(other, tmp_path / "w")
    for v, b in zip(other.weights, before):
        np.testing.assert_array_equal(v.numpy(), b)
    other.weights = other.weights[:1]
    with pytest.raises(ValueError, match="holds 2 weights but the model has 1"):
        keras.saving.load_weights(other, tmp_path / "w")


def test_save_weights_overwrite_false(tmp_path):
    keras.saving.save_weights(_model(), tmp_path / "w")
    with pytest.raises(FileExistsError):
        keras.saving.save_weights(_model(), tmp_path / "w", overwrite=False)


def test_saving_leaves_no_temporary_files(tmp_path):
    keras.saving.save_model(_model(), tmp_path / "m.keras")
    keras.saving.save_model(_model(), tmp_path / "m.keras")
    keras.saving.save_weights(_model(), tmp_path / "w")
    assert sorted(os.listdir(tmp_path)) == ["m.keras", "w"]


@pytest.mark.parametrize("name", ["Adam", "SGD", "RMSprop", "Nadam", "AdamW"])
def test_a5_10_real_optimizer_state_resumes(tmp_path, name):
    optimizers = tf.keras.optimizers
    model = _model()
    kwargs = {"momentum": 0.9} if name == "SGD" else {}
    model.compile(optimizer=getattr(optimizers, name)(learning_rate=0.01, **kwargs), loss="mse")
    for step in range(4):
        grads = [tf.constant(np.full(v.shape, 0.5 - step, np.float32)) for v in model.weights]
        model.optimizer.apply_gradients(zip(grads, model.weights))
    keras.saving.save_model(model, tmp_path / "m.keras")
    loaded = keras.saving.load_model(tmp_path / "m.keras")
    assert type(loaded.optimizer) is type(model.optimizer)
    assert int(loaded.optimizer.iterations.numpy()) == 4
    saved = {v.name: v.numpy() for v in model.optimizer.variables}
    restored = {v.name: v.numpy() for v in loaded.optimizer.variables}
    assert len(saved) > 2 or name == "SGD"
    assert saved.keys() == restored.keys()
    for key, value in saved.items():
        np.testing.assert_array_equal(restored[key], value)
    grads = [tf.constant(np.ones(v.shape, np.float32)) for v in model.weights]
    model.optimizer.apply_gradients(zip(grads, model.weights))
    loaded.optimizer.apply_gradients(zip(grads, loaded.weights))
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
