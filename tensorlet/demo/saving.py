"""Part 5 of the demo: saving and loading models that use custom objects."""

from __future__ import annotations

import os

import numpy as np

import tensorlet as tf

from .common import section, show_path
from .components import HuberLoss, HuberMetric, MyDense, ResidualBlock, ResidualRegressor, huber_fn


def _first_line(error: Exception) -> str:
    text = str(error).splitlines()[0]
    return text if len(text) <= 100 else text[:97] + "..."


def custom_function(X, y, model_dir) -> None:
    model = tf.keras.Sequential([tf.keras.layers.Input(shape=(8,)), tf.keras.layers.Dense(1)])
    model.compile(loss=huber_fn, optimizer="nadam")
    model.fit(X, y, epochs=1, verbose=0)
    path = os.path.join(model_dir, "huber_fn_model.keras")
    model.save(path)
    try:
        tf.keras.models.load_model(path)
    except (TypeError, ValueError) as error:
        print(f"load_model(...) without custom_objects: {type(error).__name__}:")
        print("   ", _first_line(error))
    loaded = tf.keras.models.load_model(path, custom_objects={"huber_fn": huber_fn})
    print("with custom_objects={'huber_fn': huber_fn}: the loss is", loaded.loss.__name__)


def residual_model(model, X_test, model_dir, run_dir) -> float:
    path = os.path.join(model_dir, "residual_regressor.keras")
    model.save(path)
    print(f"model.save('{show_path(path, run_dir)}'): {os.path.getsize(path):,} bytes")
    custom_objects = {"ResidualRegressor": ResidualRegressor, "ResidualBlock": ResidualBlock,
                      "MyDense": MyDense, "HuberLoss": HuberLoss, "HuberMetric": HuberMetric}
    loaded = tf.keras.models.load_model(path, custom_objects=custom_objects)
    before = model.predict(X_test, verbose=0)
    after = loaded.predict(X_test, verbose=0)
    difference = float(np.max(np.abs(before - after)))
    print(f"loaded with custom_objects={{{', '.join(custom_objects)}}}:")
    print(f"    {type(loaded).__name__}, loss {type(loaded.loss).__name__}(threshold="
          f"{loaded.loss.threshold}), largest prediction difference {difference}")
    return difference


def unsafe_lambda(X, model_dir) -> None:
    model = tf.keras.Sequential([tf.keras.layers.Input(shape=(8,)),
                                 tf.keras.layers.Lambda(lambda x: tf.exp(-tf.square(x))),
                                 tf.keras.layers.Dense(1)])
    path = os.path.join(model_dir, "lambda_model.keras")
    model.save(path)
    try:
        tf.keras.models.load_model(path)
    except ValueError as error:
        print("a model with a Lambda layer refuses to load in safe mode: ValueError:")
        print("   ", _first_line(error))
    loaded = tf.keras.models.load_model(path, safe_mode=False)
    same = np.array_equal(model.predict(X[:5], verbose=0), loaded.predict(X[:5], verbose=0))
    print(f"load_model(path, safe_mode=False) for a trusted file: same predictions: {same}")


def run(model, data, run_dir) -> float:
    """Runs part 5; returns the largest prediction difference after the round trip."""
    section("Saving and loading models with custom objects")
    (X_train, y_train), _, (X_test, _) = data
    model_dir = os.path.join(run_dir, "models")
    os.makedirs(model_dir, exist_ok=True)
    difference = residual_model(model, X_test, model_dir, run_dir)
    custom_function(X_train, y_train, model_dir)
    unsafe_lambda(X_test, model_dir)
    return difference
