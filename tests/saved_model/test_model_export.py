"""`model.export(path)` writes a graph that `tf.saved_model.load` serves (A0.7)."""

import numpy as np

import tensorlet as tf


def test_model_export_round_trips_through_saved_model_load(tmp_path):
    tf.keras.utils.set_random_seed(3)
    model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3, "relu"),
                                 tf.keras.layers.Dense(1)])
    x = np.random.default_rng(0).standard_normal((5, 4)).astype(np.float32)
    expected = model(x).numpy()
    model.export(str(tmp_path / "exported"), verbose=False)
    loaded = tf.saved_model.load(str(tmp_path / "exported"))
    np.testing.assert_array_equal(np.asarray(loaded.serve(tf.constant(x))), expected)
