"""`AUC`: the area under the ROC or precision-recall curve, approximated on thresholds.

The counts at `num_thresholds` thresholds spaced evenly over [0, 1] (plus `-epsilon` and
`1 + epsilon`, so scores of exactly 0 and 1 are handled) give the curve's points; the area is
a Riemann sum with the trapezoidal rule (`"interpolation"`), the lower (`"minoring"`) or the
upper (`"majoring"`) value. The PR curve with `"interpolation"` interpolates precision as
Davis & Goadrich (2006) do, which is how Keras computes it.
"""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from .confusion_matrix import update_confusion_variables
from .metric import Metric
from .reduction_metrics import divide_no_nan

__all__ = ["AUC"]

_CURVES = ("ROC", "PR")
_SUMMATIONS = ("interpolation", "minoring", "majoring")
_COUNTS = (("true_positives", "tp"), ("false_positives", "fp"), ("true_negatives", "tn"),
           ("false_negatives", "fn"))


def _check(value, allowed, what):
    key = value.upper() if what == "curve" else value.lower()
    if key not in allowed:
        raise ValueError(f'Invalid {what}: "{value}". Valid options are: {list(allowed)}')
    return key


class AUC(Metric):
    """Streaming area under the ROC (default) or PR curve.

    Args:
        num_thresholds: how many thresholds discretize the curve (default 200).
        curve: `"ROC"` or `"PR"`.
        summation_method: `"interpolation"`, `"minoring"` or `"majoring"`.
        name, dtype: see `Metric`.
        thresholds: an explicit list of thresholds in [0, 1] (then `num_thresholds` is
            `len(thresholds) + 2`).
        multi_label: compute one curve per label (the last axis) and average the areas.
        num_labels: the number of labels with `multi_label` (else found on the first update).
        label_weights: per-label weights of the average (or of the counts, without
            `multi_label`).
        from_logits: apply a sigmoid to the predictions first.

    Example:
        >>> import tensorlet as tf
        >>> auc = tf.keras.metrics.AUC(num_thresholds=3)
        >>> auc([0, 0, 1, 1], [0., 0.5, 0.3, 0.9]).numpy()
        np.float32(0.75)
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        super().__init__(name=name, dtype=dtype)
        self.curve = _check(curve, _CURVES, "curve")
        self.summation_method = _check(summation_method, _SUMMATIONS, "summation_method")
        self.multi_label = multi_label
        self.num_labels = num_labels
        self.label_weights = label_weights
        self.from_logits = from_logits
        self._evenly = thresholds is None
        if thresholds is None:
            if num_thresholds <= 1:
                raise ValueError(f"Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        else:
            inner = sorted(float(t) for t in thresholds)
        eps = backend.epsilon()
        self.thresholds = [0.0 - eps] + inner + [1.0 + eps]
        self.num_thresholds = len(self.thresholds)
        self._variables = {}
        if not multi_label or num_labels is not None:
            self._build(num_labels if multi_label else None)

    def _build(self, num_labels):
        shape = (self.num_thresholds,) if num_labels is None else (self.num_thresholds,
                                                                   num_labels)
        self.num_labels = num_labels
        self._variables = {key: self.add_weight(name, shape=shape) for name, key in _COUNTS}

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Adds a batch: labels (non-zero = positive), scores and optional weights."""
        y_pred = y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred)
        if not self._variables:
            self._build(y_pred.shape[-1])
        if self.from_logits:
            y_pred = tf.sigmoid(tf.cast(y_pred, self.dtype))
        update_confusion_variables(
            self._variables, y_true, y_pred, self.thresholds, sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights)

    def _counts(self):
        return [tf.identity(self._variables[key]) for key in ("tp", "fp", "tn", "fn")]

    def _average(self, by_threshold):
        """Sums over thresholds, then averages the labels (weighted) with `multi_label`."""
        area = tf.reduce_sum(by_threshold, axis=0)
        if not self.multi_label:
            return area
        if self.label_weights is None:
            return tf.reduce_mean(area)
        weights = tf.cast(self.label_weights, area.dtype)
        return divide_no_nan(tf.reduce_sum(area * weights), tf.reduce_sum(weights))

    def _interpolate_pr_auc(self, tp, fp, fn):
        """Davis & Goadrich: precision is interpolated between two thresholds' points."""
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = divide_no_nan(dtp, tf.maximum(dp, 0.0))
        intercept = tp[1:] - slope * p[1:]
        both_positive = tf.logical_and(p[:-1] > 0, p[1:] > 0)
        ratio = tf.where(both_positive, divide_no_nan(p[:-1], tf.maximum(p[1:], 0.0)),
                         tf.ones_like(p[1:]))
        increments = divide_no_nan(slope * (dtp + intercept * tf.math.log(ratio)),
                                   tf.maximum(tp[1:] + fn[1:], 0.0))
        return self._average(increments)

    def result(self):
        tp, fp, tn, fn = self._counts() if self._variables else [tf.zeros([2])] * 4
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolate_pr_auc(tp, fp, fn)
        recall = divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, divide_no_nan(tp, tp + fp)
        if self.summation_method == "interpolation":
            heights = (y[:-1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = tf.minimum(y[:-1], y[1:])
        else:
            heights = tf.maximum(y[:-1], y[1:])
        return self._average((x[:-1] - x[1:]) * heights)

    def get_config(self) -> dict:
        config = {**super().get_config(), "num_thresholds": self.num_thresholds,
                  "curve": self.curve, "summation_method": self.summation_method,
                  "multi_label": self.multi_label, "num_labels": self.num_labels,
                  "label_weights": self.label_weights, "from_logits": self.from_logits}
        if not self._evenly:
            config["thresholds"] = self.thresholds[1:-1]
        return config
