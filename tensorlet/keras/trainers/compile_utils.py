"""The losses and metrics given to `compile()`, matched to the model's outputs (B1, B4).

`CompileLoss` turns `loss=` (a name, a function, a `Loss`, or a list/dict of them for a
multi-output model) and `loss_weights=` into one scalar: the weighted sum of the per-output
losses. `CompileMetrics` turns `metrics=`/`weighted_metrics=` into streaming metrics per output;
`"accuracy"` picks the binary, sparse or categorical accuracy from the shapes of the first
batch (as Keras does). Both are built on their first call, when the outputs are known. With
several outputs, each output has a loss tracker named `<output>_loss` and its metrics are
named `<output>_<metric>`.
"""

from __future__ import annotations

import inspect

import tensorlet as tf

__all__ = ["CompileLoss", "CompileMetrics", "resolve_loss"]


def resolve_loss(identifier):
    """A `Loss` object for `identifier` (a name, a function, a Loss class or instance).

    A function keeps its own name (`huber_fn`, A4.2), wrapped in `LossFunctionWrapper`.

    Example:
        >>> from tensorlet.keras.trainers.compile_utils import resolve_loss
        >>> resolve_loss("mse").name
        'mean_squared_error'
    """
    from ..losses import Loss, LossFunctionWrapper, get

    if identifier is None or isinstance(identifier, Loss):
        return identifier
    if inspect.isclass(identifier) and issubclass(identifier, Loss):
        return identifier()
    fn = get(identifier) if isinstance(identifier, (str, dict)) else identifier
    if isinstance(fn, Loss):
        return fn
    if not callable(fn):
        raise ValueError(f"Could not interpret loss identifier: {identifier}")
    name = getattr(fn, "__name__", None)
    if not name or name == "<lambda>":
        name = "loss_function_wrapper"
    return LossFunctionWrapper(fn, name=name)


def output_names_of(model, y_pred) -> list:
    """The names of the model's outputs: a Functional model's, a dict's keys, or
    `output_0`, `output_1`... (one name when the model has a single output)."""
    if isinstance(y_pred, dict):
        return list(y_pred)
    flat = tf.nest.flatten(y_pred)
    names = getattr(model, "output_names", None)
    if isinstance(names, (list, tuple)) and len(names) == len(flat):
        return list(names)
    return [f"output_{i}" for i in range(len(flat))]


def _per_output(value, names: list, what: str, single_is_shared: bool = True) -> list:
    """`value` (one item, a list with one item per output, or a dict by output name) as a list
    with one entry per output (None where an output has none)."""
    if isinstance(value, dict):
        unknown = [key for key in value if key not in names]
        if unknown:
            raise ValueError(f"In the dict argument `{what}`, key(s) {unknown} do not "
                             f"correspond to any model output. Received: {what}={value}; the "
                             f"model's outputs are {names}.")
        return [value.get(name) for name in names]
    if isinstance(value, (list, tuple)) and len(names) > 1:
        if len(value) != len(names):
            raise ValueError(f"For a model with multiple outputs, when providing the `{what}` "
                             f"argument as a list, it should have as many entries as the model "
                             f"has outputs. Received: {what}={value} of length {len(value)} "
                             f"whereas the model has {len(names)} outputs.")
        return list(value)
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    return [value] * len(names) if single_is_shared else [value] + [None] * (len(names) - 1)


def match_targets(y_true, names: list) -> list:
    """`y_true` as one target per output, in `names` order."""
    if len(names) == 1:
        if isinstance(y_true, dict):
            return [y_true.get(names[0], next(iter(y_true.values())))]
        if isinstance(y_true, (list, tuple)) and len(y_true) == 1:
            return [y_true[0]]
        return [y_true]
    if isinstance(y_true, dict):
        return [y_true.get(name) for name in names]
    flat = tf.nest.flatten(y_true) if isinstance(y_true, (list, tuple)) else [y_true]
    if len(flat) != len(names):
        raise ValueError(f"The model has {len(names)} outputs ({names}) but received "
                         f"{len(flat)} target arrays.")
    return flat


def _weights_per_output(sample_weight, names: list) -> list:
    if sample_weight is None:
        return [None] * len(names)
    if isinstance(sample_weight, dict):
        return [sample_weight.get(name) for name in names]
    if isinstance(sample_weight, (list, tuple)) and len(names) > 1:
        return list(sample_weight)
    return [sample_weight] * len(names)


def batch_size_of(structure):
    """The batch size of the first tensor of a structure (a float32 tensor)."""
    first = tf.nest.flatten(structure)[0]
    return tf.cast(tf.shape(first)[0], tf.float32)


class CompileLoss:
    """The compiled loss: per-output losses, weighted and summed.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.trainers.compile_utils import CompileLoss
        >>> float(CompileLoss("mse")(tf.constant([[0.], [3.]]), tf.constant([[1.], [0.]])))
        5.0
    """

    def __init__(self, loss, loss_weights=None, model=None) -> None:
        self._loss = loss
        self._loss_weights = loss_weights
        self._model = model
        self.built = False
        self.names: list = []
        self.losses: list = []
        self.weights: list = []
        self.metrics: list = []

    def build(self, y_true, y_pred) -> None:
        from ..metrics import Mean

        self.names = output_names_of(self._model, y_pred)
        self.losses = [resolve_loss(item) for item in _per_output(self._loss, self.names, "loss")]
        weights = self._loss_weights
        if weights is None:
            weights = [None] * len(self.names)
        elif isinstance(weights, (int, float)) and len(self.names) == 1:
            weights = [weights]
        else:
            weights = _per_output(weights, self.names, "loss_weights", single_is_shared=False)
        self.weights = [None if w is None or w == 1 else float(w) for w in weights]
        if len(self.names) > 1:
            self.metrics = [Mean(name=f"{name}_loss") if loss is not None else None
                            for name, loss in zip(self.names, self.losses)]
        self.metrics = [m for m in self.metrics if m is not None]
        self.built = True

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        """The total loss of a batch (plus `regularization_losses`, Keras 2's argument)."""
        if not self.built:
            self.build(y_true, y_pred)
        preds = _per_output_preds(y_pred, len(self.names))
        targets = match_targets(y_true, self.names)
        sample_weights = _weights_per_output(sample_weight, self.names)
        total = None
        trackers = iter(self.metrics)
        for loss, weight, target, pred, sw in zip(self.losses, self.weights, targets, preds,
                                                  sample_weights):
            if loss is None:
                continue
            value = loss(target, pred, sample_weight=sw)
            if len(self.names) > 1:  # the per-output trackers show unweighted losses
                # NOTE: as Keras 3 on TF, a traced step (batch size unknown to Keras) averages
                # the batches' losses; an eager step weights each batch by its size.
                size = batch_size_of(pred) if tf.executing_eagerly() else None
                next(trackers).update_state(value, sample_weight=size)
            if weight is not None:
                value = value * weight
            total = value if total is None else total + value
        if regularization_losses:
            extra = tf.add_n([tf.cast(x, tf.float32) for x in regularization_losses])
            total = extra if total is None else total + extra
        return total

    def reset_state(self) -> None:
        for metric in self.metrics:
            metric.reset_state()


def _per_output_preds(y_pred, outputs: int) -> list:
    """One prediction per output: the leaves of a nested `y_pred` (a one-output model may
    give `[prediction]`, as a functional model whose outputs are a nested one-element list)."""
    flat = tf.nest.flatten(y_pred)
    return flat if len(flat) == outputs else [y_pred]


class CompileMetrics:
    """The compiled metrics and weighted metrics, per output (a metric-like container).

    `update_state(y_true, y_pred, sample_weight)` updates every metric; `result()` is a dict
    `{name: value}`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.trainers.compile_utils import CompileMetrics
        >>> m = CompileMetrics(["mae"], None)
        >>> m.update_state(tf.constant([[0.], [3.]]), tf.constant([[1.], [0.]]))
        >>> {k: float(v) for k, v in m.result().items()}
        {'mae': 2.0}
    """

    name = "compile_metrics"

    def __init__(self, metrics, weighted_metrics, model=None) -> None:
        self._metrics = metrics
        self._weighted_metrics = weighted_metrics
        self._model = model
        self.built = False
        self.names: list = []
        self._per_output: list = []
        self._weighted: list = []

    @property
    def metrics(self) -> list:
        """Every metric object, in compile order (unweighted first)."""
        return [m for group in self._per_output + self._weighted for m in group]

    @property
    def variables(self) -> list:
        return [v for m in self.metrics for v in m.variables]

    def build(self, y_true, y_pred) -> None:
        self.names = output_names_of(self._model, y_pred)
        targets = match_targets(y_true, self.names)
        preds = _per_output_preds(y_pred, len(self.names))
        self._per_output = self._make(self._metrics, "metrics", targets, preds)
        self._weighted = self._make(self._weighted_metrics, "weighted_metrics", targets, preds)
        taken = {m.name for group in self._per_output for m in group}
        for group in self._weighted:
            for metric in group:
                if metric.name in taken:
                    metric.name = f"weighted_{metric.name}"
        self.built = True

    def _make(self, spec, what: str, targets: list, preds: list) -> list:
        from ..metrics.compile_lookup import get_for_compile

        groups = [[] for _ in self.names]
        if spec is None:
            return groups
        if isinstance(spec, (list, tuple)) and len(self.names) > 1 and not any(
                isinstance(item, (list, tuple, dict)) or item is None for item in spec):
            spec = [list(spec)] * len(self.names)  # a flat list applies to every output
        for i, items in enumerate(_per_output(spec, self.names, what)):
            if items is None:
                continue
            for item in items if isinstance(items, (list, tuple)) else [items]:
                metric = get_for_compile(item, targets[i], preds[i])
                if len(self.names) > 1:
                    metric.name = f"{self.names[i]}_{metric.name}"
                groups[i].append(metric)
        return groups

    def update_state(self, y_true, y_pred, sample_weight=None) -> None:
        if not self.built:
            self.build(y_true, y_pred)
        targets = match_targets(y_true, self.names)
        preds = _per_output_preds(y_pred, len(self.names))
        weights = _weights_per_output(sample_weight, self.names)
        for group, target, pred in zip(self._per_output, targets, preds):
            for metric in group:
                metric.update_state(target, pred)
        for group, target, pred, sw in zip(self._weighted, targets, preds, weights):
            for metric in group:
                metric.update_state(target, pred, sample_weight=sw)

    def result(self) -> dict:
        return {m.name: m.result() for m in self.metrics}

    def reset_state(self) -> None:
        for metric in self.metrics:
            metric.reset_state()

    reset_states = reset_state

    def __repr__(self) -> str:
        return f"<CompileMetrics name={self.name}>"
