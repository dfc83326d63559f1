"""Argument checks and edge cases of Precision, Recall and AUC (A7.2, B3)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import metrics


def _value(x):
    return np.asarray(x).tolist()


@pytest.mark.parametrize("thresholds", [1.5, [0.2, -0.1]])
def test_thresholds_outside_unit_interval_are_rejected(thresholds):
    with pytest.raises(ValueError, match=r"Threshold values must be in \[0, 1\]"):
        metrics.Precision(thresholds=thresholds)


def test_auc_rejects_unknown_curve_and_summation():
    with pytest.raises(ValueError, match="Invalid curve.*XY"):
        metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match="Invalid summation_method.*riemann"):
        metrics.AUC(summation_method="riemann")
    with pytest.raises(ValueError, match="num_thresholds"):
        metrics.AUC(num_thresholds=1)
    assert metrics.AUC(curve="pr").curve == "PR"


def test_precision_of_no_positive_prediction_is_zero_not_nan():
    precision = metrics.Precision()
    assert _value(precision([1.0, 1.0], [0.1, 0.2])) == 0.0


def test_perfect_and_reversed_rankings_give_auc_one_and_zero():
    y_true = [0.0, 0.0, 1.0, 1.0]
    assert _value(metrics.AUC()(y_true, [0.1, 0.2, 0.8, 0.9])) == pytest.approx(1.0)
    assert _value(metrics.AUC()(y_true, [0.9, 0.8, 0.2, 0.1])) == pytest.approx(0.0)


def test_auc_multi_label_builds_its_variables_on_first_update():
    auc = metrics.AUC(multi_label=True)
    assert auc.variables == []
    auc([[0.0, 1.0], [1.0, 0.0]], [[0.2, 0.7], [0.6, 0.1]])
    assert [tuple(v.shape) for v in auc.variables] == [(200, 2)] * 4
    assert auc.get_config()["num_labels"] == 2


def test_weighted_precision_counts_weights_per_row():
    precision = metrics.Precision()
    result = precision([[1.0, 0.0], [1.0, 1.0]], [[0.9, 0.8], [0.7, 0.1]],
                       sample_weight=[2.0, 1.0])
    assert [_value(v) for v in precision.variables] == [[3.0], [2.0]]
    assert _value(result) == pytest.approx(0.6)


def test_recall_result_per_threshold_list():
    recall = metrics.Recall(thresholds=[0.3, 0.6])
    result = recall([1.0, 1.0, 0.0], [0.5, 0.9, 0.7])
    assert result.shape == (2,)
    assert _value(result) == [1.0, 0.5]


def test_top_k_accuracy_counts_ties_at_the_boundary():
    top1 = metrics.TopKCategoricalAccuracy(k=1)
    assert _value(top1([[0.0, 1.0, 0.0]], [[0.4, 0.4, 0.2]])) == 1.0
    assert _value(metrics.sparse_top_k_categorical_accuracy(
        [1], tf.constant([[0.2, np.inf, 0.1]]), k=1)) == [0.0]


def test_sparse_top_k_from_sorted_ids():
    metric = metrics.SparseTopKCategoricalAccuracy(k=2, from_sorted_ids=True)
    assert _value(metric([3, 1], [[3, 0, 1], [2, 0, 1]])) == 0.5
    assert metric.get_config()["from_sorted_ids"] is True


def test_threshold_metrics_trace_with_an_unknown_batch_size():
    precision = metrics.Precision(top_k=1)
    auc = metrics.AUC(multi_label=True, num_labels=3, label_weights=[1.0, 2.0, 3.0])
    spec = tf.TensorSpec([None, 3])

    @tf.function(input_signature=[spec, spec, tf.TensorSpec([None])])
    def step(y_true, y_pred, weight):
        return precision(y_true, y_pred, sample_weight=weight), auc(y_true, y_pred, weight)

    y_true = tf.constant([[0.0, 1, 0], [1, 0, 1]])
    y_pred = tf.constant([[0.1, 0.8, 0.1], [0.2, 0.7, 0.3]])
    got = step(y_true, y_pred, tf.constant([1.0, 2.0]))
    eager_auc = metrics.AUC(multi_label=True, num_labels=3, label_weights=[1.0, 2.0, 3.0])
    assert _value(got[0]) == pytest.approx(1 / 3)
    assert _value(got[1]) == pytest.approx(_value(eager_auc(y_true, y_pred, [1.0, 2.0])))
