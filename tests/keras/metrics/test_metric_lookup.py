"""`tf.keras.metrics.get/serialize/deserialize`, the compile lookup and config round trips
(A7.1, A7.3, A12.5, B3)."""

import inspect

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import metrics, saving
from tensorlet.keras.metrics.compile_lookup import get_for_compile
from tests.keras.losses.test_loss_base import create_huber

METRIC_CLASSES = [obj for name in metrics.__all__
                  if inspect.isclass(obj := getattr(metrics, name))
                  and issubclass(obj, metrics.Metric)
                  and obj not in (metrics.Metric, metrics.MeanMetricWrapper)]


@pytest.mark.parametrize("identifier, cls, name", [
    ("accuracy", "Accuracy", "accuracy"), ("acc", "Accuracy", "accuracy"),
    ("mse", "MeanSquaredError", "mean_squared_error"),
    ("mae", "MeanAbsoluteError", "mean_absolute_error"),
    ("RootMeanSquaredError", "RootMeanSquaredError", "root_mean_squared_error"),
    ("sparse_categorical_accuracy", "SparseCategoricalAccuracy", "sparse_categorical_accuracy"),
    ("auc", "AUC", "auc"), ("recall", "Recall", "recall"),
])
def test_get_strings_give_new_metric_objects(identifier, cls, name):
    tf.keras.backend.clear_session()
    first, second = metrics.get(identifier), metrics.get(identifier)
    assert type(first).__name__ == cls and first.name == name
    assert first is not second


def test_get_passes_functions_metrics_and_none_through():
    fn = create_huber(2.0)
    assert metrics.get(fn) is fn
    mean = metrics.Mean()
    assert metrics.get(mean) is mean
    assert metrics.get(None) is None
    with pytest.raises(ValueError, match="Could not interpret metric identifier: nope"):
        metrics.get("nope")


def test_metric_functions_are_exported():
    assert metrics.mse is tf.keras.losses.mean_squared_error
    assert metrics.MAE is tf.keras.losses.mean_absolute_error
    y = np.asarray([[1.0], [0.0]], np.float32)
    assert np.asarray(metrics.binary_accuracy(y, y)).tolist() == [1.0, 1.0]


@pytest.mark.parametrize("cls", METRIC_CLASSES, ids=lambda cls: cls.__name__)
def test_every_metric_class_round_trips_through_its_config(cls):
    metric = cls(name="custom_name")
    config = metric.get_config()
    assert config["name"] == "custom_name" and config["dtype"] == "float32"
    clone = metrics.deserialize(metrics.serialize(metric))
    assert type(clone) is cls
    assert clone.get_config() == config


def test_metric_arguments_survive_a_round_trip():
    auc = metrics.deserialize(metrics.serialize(metrics.AUC(thresholds=[0.3, 0.6], curve="PR")))
    assert (auc.thresholds[1:-1], auc.curve) == ([0.3, 0.6], "PR")
    precision = metrics.deserialize(metrics.serialize(metrics.Precision(top_k=2, class_id=1)))
    assert (precision.top_k, precision.class_id) == (2, 1)
    top_k = metrics.deserialize(metrics.serialize(metrics.SparseTopKCategoricalAccuracy(k=3)))
    assert top_k.k == 3


def test_a7_1_mean_metric_wrapper_config_saves_the_function():
    @saving.register_keras_serializable(package="MetricTests")
    def abs_error(y_true, y_pred):
        return tf.abs(y_true - y_pred)

    metric = metrics.MeanMetricWrapper(abs_error)
    assert metric.name == "abs_error"
    clone = metrics.deserialize(metrics.serialize(metric))
    assert clone.name == "abs_error"
    assert float(clone([[1.0]], [[3.0]])) == 2.0


@pytest.mark.parametrize("identifier, y_true_shape, y_pred_shape, expected", [
    ("accuracy", (4,), (4, 3), "SparseCategoricalAccuracy"),
    ("acc", (4, 1), (4, 3), "SparseCategoricalAccuracy"),
    ("accuracy", (4, 3), (4, 3), "CategoricalAccuracy"),
    ("accuracy", (4, 1), (4, 1), "BinaryAccuracy"),
    ("accuracy", (4,), (4,), "BinaryAccuracy"),
    ("crossentropy", (4, 3), (4, 3), "CategoricalCrossentropy"),
    ("ce", (4,), (4, 3), "SparseCategoricalCrossentropy"),
    ("crossentropy", (4, 1), (4, 1), "BinaryCrossentropy"),
])
def test_compile_lookup_picks_the_accuracy_for_the_shapes(identifier, y_true_shape,
                                                         y_pred_shape, expected):
    metric = get_for_compile(identifier, tf.zeros(y_true_shape), tf.zeros(y_pred_shape))
    assert type(metric).__name__ == expected
    assert metric.name == identifier


def test_compile_lookup_names_strings_and_functions():
    mse = get_for_compile("mse")
    assert type(mse).__name__ == "MeanSquaredError" and mse.name == "mse"
    huber = get_for_compile(create_huber(2.0))
    assert isinstance(huber, metrics.MeanMetricWrapper) and huber.name == "huber_fn"
    precision = metrics.Precision()
    assert get_for_compile(precision) is precision
    wrapped = get_for_compile("binary_accuracy")
    assert wrapped.name == "binary_accuracy"
