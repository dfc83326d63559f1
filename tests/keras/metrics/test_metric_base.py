"""The streaming `Metric` base and the book's metrics (A7.1-A7.5, A12.5, D2, D3)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import metrics
from tests.keras.losses.test_loss_base import create_huber

Y_TRUE = [[0.0], [3.0]]
Y_PRED = [[1.0], [0.0]]


class HuberMetric(tf.keras.metrics.Metric):
    """The chapter's streaming metric, verbatim."""

    def __init__(self, threshold=1.0, **kwargs):
        super().__init__(**kwargs)  # handles base args (e.g., dtype)
        self.threshold = threshold
        self.huber_fn = create_huber(threshold)
        self.total = self.add_weight("total", initializer="zeros")
        self.count = self.add_weight("count", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        sample_metrics = self.huber_fn(y_true, y_pred)
        self.total.assign_add(tf.reduce_sum(sample_metrics))
        self.count.assign_add(tf.cast(tf.size(y_true), tf.float32))

    def result(self):
        return self.total / self.count

    def get_config(self):
        base_config = super().get_config()
        return {**base_config, "threshold": self.threshold}


class HuberMean(tf.keras.metrics.Mean):
    """The notebook's simpler version: a subclass of Mean (A7.5)."""

    def __init__(self, threshold=1.0, name="huber_mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.threshold = threshold
        self.huber_fn = create_huber(threshold)

    def update_state(self, y_true, y_pred, sample_weight=None):
        super().update_state(self.huber_fn(y_true, y_pred), sample_weight)

    def get_config(self):
        return {**super().get_config(), "threshold": self.threshold}


def _value(x):
    return np.asarray(x).tolist()


def test_a7_2_precision_streams_over_batches():
    precision = tf.keras.metrics.Precision()
    first = precision([0, 1, 1, 1, 0, 1, 0, 1], [1, 1, 0, 1, 0, 1, 0, 1])
    second = precision([0, 1, 0, 0, 1, 0, 1, 1], [1, 0, 1, 1, 0, 0, 0, 0])
    assert first.dtype == tf.float32 and first.shape == ()
    assert _value(first) == pytest.approx(0.8) and _value(second) == 0.5
    assert _value(precision.result()) == 0.5
    variables = precision.variables
    assert [v.name for v in variables] == ["true_positives", "false_positives"]
    assert [tuple(v.shape) for v in variables] == [(1,), (1,)]
    assert [_value(v) for v in variables] == [[4.0], [4.0]]
    assert not any(v.trainable for v in variables)


@pytest.mark.parametrize("reset", ["reset_states", "reset_state"])
def test_d3_both_reset_spellings_zero_the_state(reset):
    precision = tf.keras.metrics.Precision()
    precision([0, 1, 1, 1], [1, 1, 0, 1])
    getattr(precision, reset)()
    assert _value(precision.result()) == 0.0
    assert [_value(v) for v in precision.variables] == [[0.0], [0.0]]


def test_a7_3_book_huber_metric():
    metric = HuberMetric(2.0)
    assert _value(metric(tf.constant(Y_TRUE), tf.constant(Y_PRED))) == 2.25
    assert metric.variables == [metric.total, metric.count]
    assert [v.name for v in metric.variables] == ["total", "count"]
    assert metric.get_config() == {"name": metric.name, "dtype": "float32", "threshold": 2.0}
    metric.reset_states()
    assert [_value(v) for v in metric.variables] == [0.0, 0.0]
    clone = HuberMetric.from_config(metric.get_config())
    assert (clone.threshold, clone.name) == (2.0, metric.name)


def test_a7_3_default_name_and_dtype():
    tf.keras.backend.clear_session()
    assert HuberMetric().name == "huber_metric"
    assert HuberMetric().name == "huber_metric_1"
    metric = HuberMetric(name="h", dtype="float64")
    assert (metric.name, metric.dtype, metric.total.dtype) == ("h", "float64", tf.float64)


def test_d2_add_weight_accepts_both_spellings():
    metric = tf.keras.metrics.Metric(name="m")
    by_position = metric.add_weight("a", (2,), initializer="ones")
    by_keyword = metric.add_weight(name="b", shape=(3,), dtype="int32")
    keras3 = metric.add_weight((2, 2), "ones", None, name="c")
    assert (by_position.name, _value(by_position)) == ("a", [1.0, 1.0])
    assert (by_keyword.dtype, _value(by_keyword)) == (tf.int32, [0, 0, 0])
    assert (keras3.name, tuple(keras3.shape)) == ("c", (2, 2))
    assert by_position.path == "m/a"
    assert metric.variables == [by_position, by_keyword, keras3]
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        metric.add_weight("d", name="e")


def test_a7_4_variables_and_sub_metrics_set_as_attributes_are_tracked():
    class Tracked(tf.keras.metrics.Metric):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.plain = tf.Variable(0.0)
            self.total = self.add_weight("total")
            self.inner = tf.keras.metrics.Mean()
            self.group = [tf.Variable(1.0), self.total]

        def update_state(self, values):
            self.inner.update_state(values)
            self.total.assign_add(tf.reduce_sum(values))

        def result(self):
            return self.total + self.inner.result()

    metric = Tracked()
    inner = metric.inner.variables
    assert metric.variables == [metric.plain, metric.total, *inner, metric.group[0]]
    metric([1.0, 3.0])
    metric.reset_state()
    assert all(_value(v) == 0.0 for v in metric.variables)


def test_d3_an_override_of_either_reset_is_used_by_both():
    class CountsResets(tf.keras.metrics.Mean):
        resets = 0

        def reset_states(self):  # the book's spelling
            CountsResets.resets += 1
            super().reset_states()

    metric = CountsResets()
    metric(4.0)
    metric.reset_state()  # what a Keras 3 trainer calls
    assert CountsResets.resets == 1 and _value(metric.result()) == 0.0


def test_a12_5_status_bar_metrics():
    mean_loss = tf.keras.metrics.Mean(name="mean_loss")
    mae = tf.keras.metrics.MeanAbsoluteError()
    mean_loss(tf.constant(3.0))
    mean_loss(tf.constant(5.0))
    mae(tf.constant([[1.0], [2.0]]), tf.constant([[1.5], [4.0]]))
    line = " - ".join(f"{m.name}: {m.result():.4f}" for m in [mean_loss, mae])
    assert line == "mean_loss: 4.0000 - mean_absolute_error: 1.2500"
    for metric in [mean_loss, mae]:
        metric.reset_states()
    assert _value(mean_loss.result()) == 0.0 and _value(mae.result()) == 0.0


def test_a7_1_loss_function_as_metric_is_averaged_over_batches():
    metric = metrics.MeanMetricWrapper(create_huber(2.0))
    assert metric.name == "huber_fn"
    metric(tf.constant(Y_TRUE), tf.constant(Y_PRED))
    result = metric(tf.constant([[0.0], [0.0], [0.0]]), tf.constant([[1.0], [0.0], [0.0]]))
    assert _value(result) == pytest.approx((0.5 + 4.0 + 0.5) / 5)


def test_a7_5_subclassing_mean():
    metric = HuberMean(2.0)
    assert _value(metric(tf.constant(Y_TRUE), tf.constant(Y_PRED))) == 2.25
    assert [v.name for v in metric.variables] == ["total", "count"]
    assert metric.get_config() == {"name": "huber_mean", "dtype": "float32", "threshold": 2.0}


def test_metrics_update_inside_tf_function():
    precision = tf.keras.metrics.Precision()
    mean = tf.keras.metrics.Mean()

    @tf.function
    def step(y_true, y_pred):
        mean.update_state(y_pred)
        return precision(y_true, y_pred)

    step(tf.constant([0.0, 1, 1, 1, 0, 1, 0, 1]), tf.constant([1.0, 1, 0, 1, 0, 1, 0, 1]))
    result = step(tf.constant([0.0, 1, 0, 0, 1, 0, 1, 1]), tf.constant([1.0, 0, 1, 1, 0, 0, 0, 0]))
    assert _value(result) == 0.5
    assert _value(mean.result()) == 0.5


def test_metric_without_update_state_raises():
    with pytest.raises(NotImplementedError, match="Metric must implement update_state"):
        tf.keras.metrics.Metric()(1.0)


def test_repr_names_class_and_metric():
    assert repr(tf.keras.metrics.Mean(name="m")) == "<Mean name=m>"


def test_a10_3_add_metric_of_a_metric_result_in_a_traced_call_adds_no_second_metric():
    class WithMean(tf.keras.layers.Layer):  # the book's ReconstructingRegressor idiom
        def __init__(self):
            super().__init__()
            self.reconstruction_mean = tf.keras.metrics.Mean(name="reconstruction_error")

        def call(self, x):
            result = self.reconstruction_mean(tf.reduce_mean(x))
            self.add_metric(result)
            return x

    layer = WithMean()
    traced = tf.function(lambda x: layer(x))
    traced(tf.constant([1.0, 3.0]))
    traced(tf.constant([5.0, 7.0]))
    assert [m.name for m in layer.metrics] == ["reconstruction_error"]
    assert _value(layer.reconstruction_mean.result()) == 4.0
