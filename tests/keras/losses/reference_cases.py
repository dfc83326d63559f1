"""Loss cases run on BOTH tensorlet and real Keras 3.15 (`tf` is either module).

Each case is `id -> lambda tf: value` using only the public `tf.keras.losses` API and NumPy
float32 inputs; `tests/keras/losses/record_keras_reference.py` runs them on TF 2.21 / Keras 3.15
and writes the values to `keras_reference.json`, which `test_keras_reference.py` compares
with tensorlet. IDs start with the FEATURES.md item they check.
"""

import numpy as np


def _f32(x):
    return np.asarray(x, dtype=np.float32)


# Regression data: 4 instances, 3 outputs (deterministic, no RNG).
Y = _f32(np.sin(np.arange(12).reshape(4, 3) * 1.3) * 2.0)
P = _f32(np.cos(np.arange(12).reshape(4, 3) * 0.7) * 1.5)
POS_Y = np.abs(Y) + 0.1
POS_P = np.abs(P) + 0.05
SW = _f32([1.0, 0.0, 2.0, 0.5])
SW_COL = SW[:, None]
SW_FULL = _f32(np.arange(12).reshape(4, 3) % 3)
# The book's A4.4 batch.
BOOK_TRUE = _f32([[0.0], [3.0]])
BOOK_PRED = _f32([[1.0], [0.0]])
# Classification data: 4 instances, 3 classes.
ONE_HOT = _f32(np.eye(3)[[0, 2, 1, 2]])
LABELS = np.asarray([0, 2, 1, 2], dtype=np.int32)
LOGITS = _f32([[2.0, -1.0, 0.5], [0.1, 0.2, 3.0], [-2.0, 1.5, 1.4], [0.3, 0.3, -0.6]])
PROBS = _f32(np.exp(LOGITS) / np.exp(LOGITS).sum(-1, keepdims=True))
UNNORMALIZED = _f32([[0.2, 0.3, 0.1], [0.0, 0.4, 0.4], [5e-7, 5.0, 5.0], [0.9, 0.05, 0.05]])
BIN_TRUE = _f32([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
BIN_PRED = _f32([[0.9, 0.2], [0.0, 1.0], [0.6, 0.35], [0.45, 0.8]])
BIN_LOGITS = _f32([[2.0, -1.0], [-0.5, 3.0], [0.4, -0.2], [-1.2, 1.1]])
SIGNED = _f32([[1.0, -1.0], [-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
SCORES = _f32([[0.3, -0.8], [1.2, 0.1], [-0.4, 2.0], [0.0, 0.7]])
DIST_TRUE = _f32([[0.2, 0.8], [0.5, 0.5], [0.9, 0.1], [0.0, 1.0]])
DIST_PRED = _f32([[0.4, 0.6], [0.5, 0.5], [0.3, 0.7], [0.2, 0.8]])


def _losses(tf):
    return tf.keras.losses


FUNCTION_CASES = {
    "A12.2/mean_squared_error": lambda tf: _losses(tf).mse(Y, P),
    "D7/MSE": lambda tf: _losses(tf).MSE(Y, P),
    "A4/mean_absolute_error": lambda tf: _losses(tf).mae(Y, P),
    "A4/mean_absolute_percentage_error": lambda tf: _losses(tf).mape(Y, P),
    "A4/mape_zero_target": lambda tf: _losses(tf).mape(_f32([[0.0, 1.0]]), _f32([[2.0, 1.0]])),
    "A4/mean_squared_logarithmic_error": lambda tf: _losses(tf).msle(POS_Y, POS_P),
    "A4/msle_clips_negatives": lambda tf: _losses(tf).msle(Y, P),
    "A4.5/huber_default_delta": lambda tf: _losses(tf).huber(Y, P),
    "A4.5/huber_delta_2": lambda tf: _losses(tf).huber(BOOK_TRUE, BOOK_PRED, delta=2.0),
    "A4/log_cosh": lambda tf: _losses(tf).logcosh(Y, P),
    "A4/log_cosh_large": lambda tf: _losses(tf).logcosh(_f32([[0.0]]), _f32([[100.0]])),
    "A4/cosine_similarity": lambda tf: _losses(tf).cosine_similarity(Y, P),
    "A4/cosine_similarity_axis0": lambda tf: _losses(tf).cosine_similarity(Y, P, axis=0),
    "A4/cosine_similarity_tiny": lambda tf: _losses(tf).cosine_similarity(
        _f32([[1e-7, 0.0], [0.0, 0.0]]), _f32([[1.0, 1.0], [1.0, 1.0]])),
    "B3/binary_crossentropy": lambda tf: _losses(tf).binary_crossentropy(BIN_TRUE, BIN_PRED),
    "B3/binary_crossentropy_logits": lambda tf: _losses(tf).binary_crossentropy(
        BIN_TRUE, BIN_LOGITS, from_logits=True),
    "B3/binary_crossentropy_smoothing": lambda tf: _losses(tf).binary_crossentropy(
        BIN_TRUE, BIN_PRED, label_smoothing=0.2),
    "B3/binary_crossentropy_axis0": lambda tf: _losses(tf).binary_crossentropy(
        BIN_TRUE, BIN_PRED, axis=0),
    "B3/categorical_crossentropy": lambda tf: _losses(tf).categorical_crossentropy(
        ONE_HOT, PROBS),
    "B3/categorical_crossentropy_unnormalized": lambda tf: _losses(
        tf).categorical_crossentropy(ONE_HOT, UNNORMALIZED),
    "B3/categorical_crossentropy_logits": lambda tf: _losses(tf).categorical_crossentropy(
        ONE_HOT, LOGITS, from_logits=True),
    "B3/categorical_crossentropy_smoothing": lambda tf: _losses(
        tf).categorical_crossentropy(ONE_HOT, PROBS, label_smoothing=0.3),
    "B3/categorical_crossentropy_logits_axis0": lambda tf: _losses(
        tf).categorical_crossentropy(ONE_HOT.T, LOGITS.T, from_logits=True, axis=0),
    "B3/sparse_categorical_crossentropy": lambda tf: _losses(
        tf).sparse_categorical_crossentropy(LABELS, PROBS),
    "B3/sparse_categorical_crossentropy_column": lambda tf: _losses(
        tf).sparse_categorical_crossentropy(LABELS[:, None], UNNORMALIZED),
    "B3/sparse_categorical_crossentropy_logits": lambda tf: _losses(
        tf).sparse_categorical_crossentropy(LABELS, LOGITS, from_logits=True),
    "B3/sparse_categorical_crossentropy_ignore": lambda tf: _losses(
        tf).sparse_categorical_crossentropy(LABELS, LOGITS, from_logits=True, ignore_class=2),
    "A4/hinge_binary_labels": lambda tf: _losses(tf).hinge(BIN_TRUE, SCORES),
    "A4/hinge_signed_labels": lambda tf: _losses(tf).hinge(SIGNED, SCORES),
    "A4/squared_hinge": lambda tf: _losses(tf).squared_hinge(BIN_TRUE, SCORES),
    "A4/categorical_hinge": lambda tf: _losses(tf).categorical_hinge(ONE_HOT, LOGITS),
    "A4/kl_divergence": lambda tf: _losses(tf).kld(DIST_TRUE, DIST_PRED),
    "A4/kullback_leibler_divergence": lambda tf: _losses(tf).kullback_leibler_divergence(
        DIST_PRED, DIST_TRUE),
    "A4/poisson": lambda tf: _losses(tf).poisson(POS_Y, POS_P),
    "A12.2/mse_vector_labels_vs_column": lambda tf: _losses(tf).mse(Y[:, 0], P[:, :1]),
    "A12.2/mse_integer_labels": lambda tf: _losses(tf).mse(LABELS, _f32(LABELS + 0.5)),
    "A12.2/mse_float64_stays_float64": lambda tf: _losses(tf).mse(
        np.float64(Y), np.float64(P)),
    "A12.2/mse_rank3": lambda tf: _losses(tf).mse(Y.reshape(2, 2, 3), P.reshape(2, 2, 3)),
    "A4/kld_broadcasts_rank1_labels": lambda tf: _losses(tf).kld(
        _f32([0.2, 0.9]), _f32([[0.3], [0.4]])),
    "A4/poisson_broadcasts_rank1_labels": lambda tf: _losses(tf).poisson(
        _f32([0.2, 0.9]), _f32([[0.3], [0.4]])),
    "A4/hinge_broadcasts_rank1_labels": lambda tf: _losses(tf).hinge(
        _f32([1.0, 0.0]), _f32([[0.3], [0.4]])),
}


def _cls(tf, class_name, **kwargs):
    return getattr(tf.keras.losses, class_name)(**kwargs)


_CLASS_INPUTS = {
    "MeanSquaredError": (Y, P), "MeanAbsoluteError": (Y, P),
    "MeanAbsolutePercentageError": (Y, P), "MeanSquaredLogarithmicError": (POS_Y, POS_P),
    "Huber": (Y, P), "LogCosh": (Y, P), "CosineSimilarity": (Y, P),
    "BinaryCrossentropy": (BIN_TRUE, BIN_PRED), "CategoricalCrossentropy": (ONE_HOT, PROBS),
    "SparseCategoricalCrossentropy": (LABELS, PROBS), "Hinge": (BIN_TRUE, SCORES),
    "SquaredHinge": (BIN_TRUE, SCORES), "CategoricalHinge": (ONE_HOT, LOGITS),
    "KLDivergence": (DIST_TRUE, DIST_PRED), "Poisson": (POS_Y, POS_P),
}


def _class_case(name, reduction, weight):
    y_true, y_pred = _CLASS_INPUTS[name]
    return lambda tf: _cls(tf, name, reduction=reduction)(y_true, y_pred, sample_weight=weight)


CLASS_CASES = {
    f"A4.4/{name}/{reduction}/{weight_name}": _class_case(name, reduction, weight)
    for name in _CLASS_INPUTS
    for reduction in ("sum_over_batch_size", "sum", "none")
    for weight_name, weight in (("unweighted", None), ("weighted", SW))
}

REDUCTION_CASES = {
    "A4.4/mse/mean": lambda tf: _cls(tf, "MeanSquaredError", reduction="mean")(Y, P, SW),
    "A4.4/mse/mean_with_sample_weight": lambda tf: _cls(
        tf, "MeanSquaredError", reduction="mean_with_sample_weight")(Y, P, SW),
    "A4.4/mse/none_reduction_none": lambda tf: _cls(
        tf, "MeanSquaredError", reduction=None)(Y, P, SW),
    "A4.4/mse/column_weights": lambda tf: _cls(tf, "MeanSquaredError")(Y, P, SW_COL),
    "A4.4/mse/scalar_weight": lambda tf: _cls(tf, "MeanSquaredError")(Y, P, 2.0),
    "A4.4/mae/scalar_weight_sum": lambda tf: _cls(
        tf, "MeanAbsoluteError", reduction="mean_with_sample_weight")(Y, P, 3.0),
    "A4.4/huber/delta_half": lambda tf: _cls(tf, "Huber", delta=0.5)(Y, P),
    "A4.5/huber/book": lambda tf: _cls(tf, "Huber", delta=2.0)(BOOK_TRUE, BOOK_PRED),
    "A4.5/huber/book_none": lambda tf: _cls(tf, "Huber", delta=2.0, reduction="none")(
        BOOK_TRUE, BOOK_PRED),
    "A4.5/huber/book_weighted": lambda tf: _cls(tf, "Huber", delta=2.0)(
        BOOK_TRUE, BOOK_PRED, sample_weight=_f32([1.0, 0.0])),
    "B3/bce/logits_smoothing": lambda tf: _cls(
        tf, "BinaryCrossentropy", from_logits=True, label_smoothing=0.1)(BIN_TRUE, BIN_LOGITS),
    "B3/cce/logits": lambda tf: _cls(tf, "CategoricalCrossentropy", from_logits=True)(
        ONE_HOT, LOGITS, sample_weight=SW),
    "B3/scce/logits_column_labels": lambda tf: _cls(
        tf, "SparseCategoricalCrossentropy", from_logits=True)(LABELS[:, None], LOGITS),
    "B3/scce/ignore_class": lambda tf: _cls(
        tf, "SparseCategoricalCrossentropy", from_logits=True, ignore_class=2)(LABELS, LOGITS),
    "B3/scce/ignore_class_weighted": lambda tf: _cls(
        tf, "SparseCategoricalCrossentropy", from_logits=True, ignore_class=0)(
        LABELS, LOGITS, sample_weight=SW),
    "B3/scce/ignore_class_sum": lambda tf: _cls(
        tf, "SparseCategoricalCrossentropy", from_logits=True, ignore_class=2,
        reduction="sum")(LABELS, LOGITS),
    "A4/cosine/axis0": lambda tf: _cls(tf, "CosineSimilarity", axis=0)(Y, P),
    "A4.4/dtype_float64": lambda tf: _cls(tf, "MeanSquaredError", dtype="float64")(Y, P),
    "A4.4/integer_inputs": lambda tf: _cls(tf, "MeanSquaredError")(LABELS, LABELS * 2),
    "A4.4/float64_inputs_become_float32": lambda tf: _cls(tf, "MeanAbsoluteError")(
        np.float64(Y), np.float64(P)),
}

def _config_case(class_name):
    return lambda tf: _cls(tf, class_name).get_config()


CONFIG_CASES = {
    f"A4.3/config/{name}": _config_case(name)
    for name in _CLASS_INPUTS if name not in ("Huber", "CosineSimilarity")
}
CONFIG_CASES.update({
    "A4.3/config/bce_args": lambda tf: _cls(
        tf, "BinaryCrossentropy", from_logits=True, label_smoothing=0.2, axis=0,
        reduction="sum", name="bce").get_config(),
    "A4.3/config/scce_args": lambda tf: _cls(
        tf, "SparseCategoricalCrossentropy", from_logits=True, ignore_class=3).get_config(),
})

CASES = {**FUNCTION_CASES, **CLASS_CASES, **REDUCTION_CASES, **CONFIG_CASES}
