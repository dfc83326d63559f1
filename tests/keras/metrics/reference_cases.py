"""Metric cases run on BOTH tensorlet and real Keras 3.15 (`tf` is either module).

Each case streams one or more batches through a metric and returns the results (and usually
the state variables). Values are recorded from Keras by
`tests/keras/losses/record_keras_reference.py` into `keras_reference.json`. IDs start with the
FEATURES.md item they check.
"""

import numpy as np

from tests.keras.losses.reference_cases import (
    BIN_PRED,
    BIN_TRUE,
    LABELS,
    LOGITS,
    ONE_HOT,
    POS_P,
    POS_Y,
    PROBS,
    SW,
    SW_COL,
    SW_FULL,
    P,
    Y,
)


def _f32(x):
    return np.asarray(x, dtype=np.float32)


# Scores for the threshold metrics: 40 instances, 3 labels, deterministic.
_GRID = np.arange(120).reshape(40, 3)
SCORE_PRED = _f32((np.sin(_GRID * 0.37) + 1.0) / 2.0)
SCORE_TRUE = _f32((np.cos(_GRID * 0.91) + 0.3 * np.sin(_GRID * 0.37)) > 0.1)
SCORE_SW = _f32(np.abs(np.sin(np.arange(40) * 0.5)))
BOOK_1 = ([0, 1, 1, 1, 0, 1, 0, 1], [1, 1, 0, 1, 0, 1, 0, 1])
BOOK_2 = ([0, 1, 0, 0, 1, 0, 1, 1], [1, 0, 1, 1, 0, 0, 0, 0])


def _m(tf, class_name, **kwargs):
    return getattr(tf.keras.metrics, class_name)(**kwargs)


def _stream(metric, *batches, state=True):
    """The result after each batch, then (with `state`) the state variables."""
    results = []
    for args, kwargs in batches:
        # NOTE: a copy now: Keras returns the state variable itself for a multi-threshold count.
        results.append(np.array(metric(*args, **kwargs)))
    return [*results, [v for v in metric.variables]] if state else results


def _b(*args, **kwargs):
    return (args, kwargs)


def _book_precision(tf):
    p = _m(tf, "Precision")
    return [p(_f32(BOOK_1[0]), _f32(BOOK_1[1])), p(_f32(BOOK_2[0]), _f32(BOOK_2[1])),
            p.result(), [v for v in p.variables], [v.name for v in p.variables]]


_ROWS = _f32([[1.0, 2.0], [3.0, 5.0]])

STREAM_CASES = {
    "A7.2/precision_book": _book_precision,
    "A7.5/mean_unweighted_then_weighted": lambda tf: _stream(
        _m(tf, "Mean"), _b(_f32([1.0, 2.0, 3.0])), _b(_ROWS, sample_weight=_f32([1.0, 0.5]))),
    "A7.5/mean_full_weights": lambda tf: _stream(
        _m(tf, "Mean"), _b(_ROWS, sample_weight=_f32([[1.0, 0.5], [0.0, 2.0]]))),
    "A7.5/mean_scalars": lambda tf: _stream(
        _m(tf, "Mean"), _b(_f32(5.0)), _b(_f32(7.0), sample_weight=_f32(2.0))),
    "A7.5/mean_scalar_weight_on_matrix": lambda tf: _stream(
        _m(tf, "Mean"), _b(_ROWS, sample_weight=_f32(3.0))),
    "A7.5/mean_column_weight": lambda tf: _stream(
        _m(tf, "Mean"), _b(Y, sample_weight=SW_COL)),
    "A7.5/sum": lambda tf: _stream(
        _m(tf, "Sum"), _b(_ROWS, sample_weight=_f32([1.0, 0.5])), _b(_f32([4.0]))),
    "A12.5/mean_squared_error": lambda tf: _stream(
        _m(tf, "MeanSquaredError"), _b(Y, P), _b(P, Y, sample_weight=SW)),
    "A12.5/mean_absolute_error": lambda tf: _stream(
        _m(tf, "MeanAbsoluteError"), _b(Y, P), _b(Y[:2], P[:2], sample_weight=_f32([1, 0]))),
    "B3/root_mean_squared_error": lambda tf: _stream(
        _m(tf, "RootMeanSquaredError"), _b(Y, P), _b(Y, P, sample_weight=SW_FULL)),
    "B3/mean_absolute_percentage_error": lambda tf: _stream(
        _m(tf, "MeanAbsolutePercentageError"), _b(Y, P, sample_weight=SW)),
    "B3/mean_squared_logarithmic_error": lambda tf: _stream(
        _m(tf, "MeanSquaredLogarithmicError"), _b(POS_Y, POS_P)),
    "B3/logcosh_error": lambda tf: _stream(_m(tf, "LogCoshError"), _b(Y, P)),
    "B3/cosine_similarity": lambda tf: _stream(_m(tf, "CosineSimilarity"), _b(Y, P)),
    "B3/accuracy": lambda tf: _stream(
        _m(tf, "Accuracy"), _b(_f32([[1], [2], [3]]), _f32([[1], [2], [4]]))),
    "B3/binary_accuracy": lambda tf: _stream(
        _m(tf, "BinaryAccuracy"), _b(BIN_TRUE, BIN_PRED), _b(BIN_TRUE, BIN_PRED,
                                                              sample_weight=SW)),
    "B3/binary_accuracy_threshold": lambda tf: _stream(
        _m(tf, "BinaryAccuracy", threshold=0.7), _b(BIN_TRUE, BIN_PRED)),
    "B3/binary_accuracy_column_vs_vector": lambda tf: _stream(
        _m(tf, "BinaryAccuracy"), _b(_f32([1, 0, 1]), _f32([[0.7], [0.2], [0.4]]))),
    "B3/categorical_accuracy": lambda tf: _stream(
        _m(tf, "CategoricalAccuracy"), _b(ONE_HOT, PROBS), _b(ONE_HOT, LOGITS, sample_weight=SW)),
    "B3/sparse_categorical_accuracy": lambda tf: _stream(
        _m(tf, "SparseCategoricalAccuracy"), _b(LABELS, PROBS), _b(_f32(LABELS[:, None]), LOGITS)),
    "B3/sparse_categorical_accuracy_weighted": lambda tf: _stream(
        _m(tf, "SparseCategoricalAccuracy"), _b(LABELS, LOGITS, sample_weight=SW)),
    "B3/top_k_categorical_accuracy": lambda tf: _stream(
        _m(tf, "TopKCategoricalAccuracy", k=2), _b(ONE_HOT, LOGITS)),
    "B3/top_k_categorical_accuracy_ties": lambda tf: _stream(
        _m(tf, "TopKCategoricalAccuracy", k=1), _b(_f32([[0, 1, 0]]), _f32([[0.4, 0.4, 0.2]]))),
    "B3/sparse_top_k_categorical_accuracy": lambda tf: _stream(
        _m(tf, "SparseTopKCategoricalAccuracy", k=2), _b(LABELS, LOGITS, sample_weight=SW)),
    "B3/sparse_top_k_default_k": lambda tf: _stream(
        _m(tf, "SparseTopKCategoricalAccuracy"), _b(LABELS, LOGITS)),
    "B3/binary_crossentropy": lambda tf: _stream(
        _m(tf, "BinaryCrossentropy"), _b(BIN_TRUE, BIN_PRED)),
    "B3/categorical_crossentropy": lambda tf: _stream(
        _m(tf, "CategoricalCrossentropy", from_logits=True), _b(ONE_HOT, LOGITS)),
    "B3/sparse_categorical_crossentropy": lambda tf: _stream(
        _m(tf, "SparseCategoricalCrossentropy"), _b(LABELS, PROBS, sample_weight=SW)),
    "B3/kl_divergence": lambda tf: _stream(_m(tf, "KLDivergence"), _b(PROBS, ONE_HOT)),
    "B3/poisson": lambda tf: _stream(_m(tf, "Poisson"), _b(POS_Y, POS_P)),
    "B3/hinge": lambda tf: _stream(_m(tf, "Hinge"), _b(BIN_TRUE, BIN_PRED)),
    "B3/squared_hinge": lambda tf: _stream(_m(tf, "SquaredHinge"), _b(BIN_TRUE, BIN_PRED)),
    "B3/categorical_hinge": lambda tf: _stream(_m(tf, "CategoricalHinge"), _b(ONE_HOT, PROBS)),
}

_HALF = 20
_FIRST = _b(SCORE_TRUE[:_HALF], SCORE_PRED[:_HALF])
_SECOND = _b(SCORE_TRUE[_HALF:], SCORE_PRED[_HALF:], sample_weight=SCORE_SW[_HALF:])
_COL = _b(SCORE_TRUE[:, 0], SCORE_PRED[:, 0])

THRESHOLD_CASES = {
    "B3/precision_thresholds": lambda tf: _stream(
        _m(tf, "Precision", thresholds=[0.0, 0.3, 0.5, 0.95]), _FIRST, _SECOND),
    "B3/precision_top_k": lambda tf: _stream(_m(tf, "Precision", top_k=2), _FIRST, _SECOND),
    "B3/precision_class_id": lambda tf: _stream(_m(tf, "Precision", class_id=1), _FIRST),
    "B3/precision_single_list_threshold": lambda tf: _stream(
        _m(tf, "Precision", thresholds=[0.4]), _COL),
    "B3/recall": lambda tf: _stream(_m(tf, "Recall"), _FIRST, _SECOND),
    "B3/recall_top_k_class_id": lambda tf: _stream(
        _m(tf, "Recall", top_k=1, class_id=0), _FIRST, _SECOND),
    "B3/recall_label_is_nonzero": lambda tf: _stream(
        _m(tf, "Recall"), _b(_f32([0.3, 0.0, 1.0]), _f32([0.9, 0.9, 0.4]))),
    "B3/true_positives": lambda tf: _stream(_m(tf, "TruePositives"), _FIRST, _SECOND),
    "B3/false_positives": lambda tf: _stream(
        _m(tf, "FalsePositives", thresholds=[0.2, 0.6]), _FIRST, _SECOND),
    "B3/true_negatives": lambda tf: _stream(_m(tf, "TrueNegatives"), _FIRST),
    "B3/false_negatives": lambda tf: _stream(_m(tf, "FalseNegatives"), _SECOND),
}

def _auc_case(curve, method, n):
    return lambda tf: _stream(
        _m(tf, "AUC", curve=curve, summation_method=method, num_thresholds=n), _FIRST, _SECOND,
        state=n < 200)


AUC_CASES = {
    f"B3/auc/{curve}/{method}/{n}": _auc_case(curve, method, n)
    for curve in ("ROC", "PR")
    for method in ("interpolation", "minoring", "majoring")
    for n in (200, 7)
}
AUC_CASES.update({
    "B3/auc/column": lambda tf: _stream(_m(tf, "AUC"), _COL, state=False),
    "B3/auc/explicit_thresholds": lambda tf: _stream(
        _m(tf, "AUC", thresholds=[0.8, 0.2, 0.5]), _FIRST, _SECOND),
    "B3/auc/multi_label": lambda tf: _stream(
        _m(tf, "AUC", multi_label=True, num_thresholds=50), _FIRST, _SECOND),
    "B3/auc/multi_label_lazy_pr": lambda tf: _stream(
        _m(tf, "AUC", multi_label=True, curve="PR"), _FIRST, state=False),
    "B3/auc/multi_label_weights": lambda tf: _stream(
        _m(tf, "AUC", multi_label=True, num_labels=3, label_weights=[0.2, 0.3, 0.5]), _FIRST,
        state=False),
    "B3/auc/label_weights_pooled": lambda tf: _stream(
        _m(tf, "AUC", label_weights=[0.2, 0.3, 0.5]), _FIRST, state=False),
    "B3/auc/from_logits": lambda tf: _stream(
        _m(tf, "AUC", from_logits=True), _b(SCORE_TRUE, _f32(SCORE_PRED * 6.0 - 3.0)), state=False),
    "B3/auc/empty": lambda tf: [_m(tf, "AUC").result()],
})


def _config(class_name, **kwargs):
    return lambda tf: _m(tf, class_name, **kwargs).get_config()


CONFIG_CASES = {
    f"A7.3/config/{name}": _config(name)
    for name in ("Mean", "Sum", "MeanSquaredError", "MeanAbsoluteError",
                 "RootMeanSquaredError", "Accuracy", "BinaryAccuracy", "CategoricalAccuracy",
                 "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
                 "SparseTopKCategoricalAccuracy", "BinaryCrossentropy",
                 "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "KLDivergence",
                 "Poisson", "Hinge", "LogCoshError", "CosineSimilarity")
}
CONFIG_CASES.update({
    "A7.3/config/Precision": _config("Precision", name="p", thresholds=[0.3, 0.6], top_k=2),
    "A7.3/config/Recall": _config("Recall", name="r", class_id=1),
    "A7.3/config/AUC": _config("AUC", name="auc", curve="PR", num_thresholds=50),
    "A7.3/config/AUC_thresholds": _config("AUC", name="auc", thresholds=[0.25, 0.75]),
    "A7.3/config/TruePositives": _config("TruePositives", name="tp", thresholds=0.3),
    "A7.3/config/BinaryAccuracy_threshold": _config("BinaryAccuracy", threshold=0.2),
})

NAME_CASES = {
    "A7.5/names": lambda tf: [
        m.name for m in (_m(tf, "Mean"), _m(tf, "Sum"), _m(tf, "MeanAbsoluteError"),
                         _m(tf, "MeanSquaredError"), _m(tf, "RootMeanSquaredError"),
                         _m(tf, "Accuracy"), _m(tf, "Precision"), _m(tf, "Precision"),
                         _m(tf, "Recall"), _m(tf, "AUC"), _m(tf, "AUC"),
                         _m(tf, "TopKCategoricalAccuracy"), _m(tf, "LogCoshError"))],
    "A7.5/variable_names": lambda tf: [
        [v.name for v in m.variables]
        for m in (_m(tf, "Mean"), _m(tf, "Sum"), _m(tf, "Recall"), _m(tf, "AUC"),
                  _m(tf, "TruePositives"), _m(tf, "SparseCategoricalAccuracy"))],
    "A7.5/get_strings": lambda tf: [
        type(tf.keras.metrics.get(s)).__name__ + ":" + tf.keras.metrics.get(s).name
        for s in ("accuracy", "mse", "mae", "mape", "msle", "mean_squared_error",
                  "binary_accuracy", "sparse_categorical_accuracy", "top_k_categorical_accuracy",
                  "auc", "precision", "recall", "binary_crossentropy", "hinge", "poisson",
                  "cosine_similarity", "root_mean_squared_error", "Precision", "AUC",
                  "MeanSquaredError")],
}

CASES = {**STREAM_CASES, **THRESHOLD_CASES, **AUC_CASES, **CONFIG_CASES, **NAME_CASES}
