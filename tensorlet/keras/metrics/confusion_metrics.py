"""Streaming confusion-matrix metrics: Precision, Recall and the raw counts (A7.2).

These cannot be averaged over batches: Precision keeps the counts of true and false positives
and divides them only when asked, so two batches with precisions 0.8 and 0 give 4/8 = 0.5.
"""

from __future__ import annotations

import tensorlet as tf

from .confusion_matrix import NEG_INF, parse_thresholds, update_confusion_variables
from .metric import Metric
from .reduction_metrics import divide_no_nan

__all__ = ["Precision", "Recall", "TruePositives", "FalsePositives", "TrueNegatives",
           "FalseNegatives"]


class _ThresholdMetric(Metric):
    """Counts at one or more thresholds; `result()` is a scalar for a single threshold."""

    _counts: tuple = ()  # (variable name, confusion key) pairs

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else NEG_INF
        self.thresholds = (parse_thresholds(thresholds, 0.5) if thresholds is not None
                           else [default])
        self._variables = {key: self.add_weight(name, shape=(len(self.thresholds),))
                           for name, key in self._counts}

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Adds a batch: labels (non-zero = positive), scores and optional weights."""
        update_confusion_variables(self._variables, y_true, y_pred, self.thresholds,
                                   top_k=self.top_k, class_id=self.class_id,
                                   sample_weight=sample_weight)

    def _single(self, values):
        return values[0] if len(self.thresholds) == 1 else values

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds,
                "top_k": self.top_k, "class_id": self.class_id}


class Precision(_ThresholdMetric):
    """Streaming precision `tp / (tp + fp)` (A7.2).

    Args:
        thresholds: a float or a list in [0, 1] (default 0.5; with `top_k`, every kept score
            counts); a list gives one precision per threshold.
        top_k: count only the `k` highest scores of each row.
        class_id: count only this class.
        name, dtype: see `Metric`.

    Example:
        >>> import tensorlet as tf
        >>> precision = tf.keras.metrics.Precision()
        >>> precision([0, 1, 1, 1, 0, 1, 0, 1], [1, 1, 0, 1, 0, 1, 0, 1]).numpy().round(4)
        np.float32(0.8)
        >>> precision([0, 1, 0, 0, 1, 0, 1, 1], [1, 0, 1, 1, 0, 0, 0, 0]).numpy()
        np.float32(0.5)
    """

    _counts = (("true_positives", "tp"), ("false_positives", "fp"))

    def result(self):
        tp, fp = tf.identity(self._variables["tp"]), tf.identity(self._variables["fp"])
        return self._single(divide_no_nan(tp, tp + fp))


class Recall(_ThresholdMetric):
    """Streaming recall `tp / (tp + fn)`.

    Args:
        thresholds, top_k, class_id, name, dtype: see `Precision`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.Recall()([0, 1, 1, 1], [1, 0, 1, 1]).numpy().round(4)
        np.float32(0.6667)
    """

    _counts = (("true_positives", "tp"), ("false_negatives", "fn"))

    def result(self):
        tp, fn = tf.identity(self._variables["tp"]), tf.identity(self._variables["fn"])
        return self._single(divide_no_nan(tp, tp + fn))


class _Count(_ThresholdMetric):
    """One weighted count (variable `accumulator`)."""

    _key = "tp"

    def __init__(self, thresholds=None, name=None, dtype=None):
        self._counts = (("accumulator", self._key),)
        super().__init__(thresholds=thresholds, name=name, dtype=dtype)

    def result(self):
        return self._single(tf.identity(self._variables[self._key]))

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "thresholds": self.init_thresholds}


class TruePositives(_Count):
    """The weighted number of true positives.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.TruePositives()([0, 1, 1, 1], [1, 0, 1, 1]).numpy()
        np.float32(2.0)
    """

    _key = "tp"


class FalsePositives(_Count):
    """The weighted number of false positives.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.FalsePositives()([0, 1, 0, 0], [0, 0, 1, 1]).numpy()
        np.float32(2.0)
    """

    _key = "fp"


class TrueNegatives(_Count):
    """The weighted number of true negatives.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.TrueNegatives()([0, 1, 0, 0], [1, 1, 0, 0]).numpy()
        np.float32(2.0)
    """

    _key = "tn"


class FalseNegatives(_Count):
    """The weighted number of false negatives.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.FalseNegatives()([0, 1, 1, 1], [1, 0, 0, 0]).numpy()
        np.float32(3.0)
    """

    _key = "fn"
