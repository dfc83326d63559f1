"""A saved compiled model restores its compile config and optimizer state (A5.1, A5.3, A5.10)."""

import numpy as np

import tensorlet as tf

from ..chapter_models import create_huber, housing_like, regressor


def test_a5_10_training_resumes_with_the_same_optimizer_state(tmp_path):
    x, y = housing_like(64)
    model = regressor()
    model.compile(loss="mse", optimizer="adam", metrics=["mae"])
    model.fit(x, y, epochs=2, verbose=0)
    model.save(tmp_path / "trained")
    loaded = tf.keras.models.load_model(tmp_path / "trained")
    assert loaded.optimizer.iterations.numpy() == model.optimizer.iterations.numpy() == 4
    for a, b in zip(model.optimizer.variables, loaded.optimizer.variables):
        np.testing.assert_array_equal(np.asarray(a.numpy()), np.asarray(b.numpy()))
    # one more identical epoch on both gives identical weights
    model.fit(x, y, epochs=1, shuffle=False, verbose=0)
    history = loaded.fit(x, y, epochs=1, shuffle=False, verbose=0)
    assert sorted(history.history) == ["loss", "mae"]
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_a5_3_a7_1_function_metric_is_restored_through_custom_objects(tmp_path):
    x, y = housing_like(32)
    model = regressor()
    model.compile(loss="mse", optimizer="nadam", metrics=[create_huber(2.0)])
    model.fit(x, y, verbose=0)
    model.save(tmp_path / "with_metric.keras")
    replacement = create_huber(2.0)
    loaded = tf.keras.models.load_model(tmp_path / "with_metric.keras",
                                        custom_objects={"huber_fn": replacement})
    logs = loaded.evaluate(x, y, verbose=0, return_dict=True)
    assert sorted(logs) == ["huber_fn", "loss"]
    assert loaded.get_compile_config()["metrics"] == [replacement]
