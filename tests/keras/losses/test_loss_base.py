"""The `Loss` base class, reductions and the book's custom losses (A4.1-A4.5, D5, D7, A12.2)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import losses

Y_TRUE = [[0.0], [3.0]]
Y_PRED = [[1.0], [0.0]]


def create_huber(threshold=1.0):
    def huber_fn(y_true, y_pred):
        error = y_true - y_pred
        is_small_error = tf.abs(error) < threshold
        squared_loss = tf.square(error) / 2
        linear_loss = threshold * tf.abs(error) - threshold ** 2 / 2
        return tf.where(is_small_error, squared_loss, linear_loss)
    return huber_fn


class HuberLoss(tf.keras.losses.Loss):
    """The chapter's loss class, verbatim."""

    def __init__(self, threshold=1.0, **kwargs):
        self.threshold = threshold
        super().__init__(**kwargs)

    def call(self, y_true, y_pred):
        error = y_true - y_pred
        is_small_error = tf.abs(error) < self.threshold
        squared_loss = tf.square(error) / 2
        linear_loss = self.threshold * tf.abs(error) - self.threshold**2 / 2
        return tf.where(is_small_error, squared_loss, linear_loss)

    def get_config(self):
        base_config = super().get_config()
        return {**base_config, "threshold": self.threshold}


def _value(x):
    return np.asarray(x).tolist()


@pytest.mark.parametrize("reduction, expected", [
    (None, 2.25), ("sum_over_batch_size", 2.25), ("sum", 4.5), ("none", [[0.5], [4.0]]),
    ("auto", 2.25), ("AUTO", 2.25), ("SUM", 4.5), ("mean", 2.25),
])
def test_a4_4_reductions_of_the_book_loss(reduction, expected):
    loss = HuberLoss(2.0) if reduction is None else HuberLoss(2.0, reduction=reduction)
    assert _value(loss(Y_TRUE, Y_PRED)) == expected


def test_a4_4_sample_weight_is_weighted_sum_over_batch_size():
    assert _value(HuberLoss(2.0)(Y_TRUE, Y_PRED, sample_weight=[1, 0])) == 0.25
    assert _value(HuberLoss(2.0, reduction="sum")(Y_TRUE, Y_PRED, sample_weight=[1, 0])) == 0.5


def test_d5_reduction_constants_and_auto():
    r = tf.keras.losses.Reduction
    assert (r.AUTO, r.NONE, r.SUM, r.SUM_OVER_BATCH_SIZE) == (
        "auto", "none", "sum", "sum_over_batch_size")
    assert set(r.all()) == {"auto", "none", "sum", "sum_over_batch_size"}
    loss = HuberLoss(2.0, reduction=r.AUTO)
    assert loss.reduction == "sum_over_batch_size"
    assert _value(loss(Y_TRUE, Y_PRED)) == 2.25


def test_invalid_reduction_names_the_argument_and_value():
    with pytest.raises(ValueError, match="reduction.*'mean_of_squares'"):
        HuberLoss(reduction="mean_of_squares")
    with pytest.raises(ValueError, match="reduction"):
        tf.keras.losses.Reduction.validate("bogus")


def test_a4_3_get_config_is_base_plus_threshold_and_round_trips():
    loss = HuberLoss(2.0, name="my_huber", reduction="sum")
    config = loss.get_config()
    assert config == {"name": "my_huber", "reduction": "sum", "threshold": 2.0}
    clone = HuberLoss.from_config(config)
    assert (clone.threshold, clone.name, clone.reduction) == (2.0, "my_huber", "sum")


def test_a4_3_default_names_are_snake_case_and_unique():
    tf.keras.backend.clear_session()
    assert HuberLoss().name == "huber_loss"
    assert HuberLoss().name == "huber_loss_1"
    assert tf.keras.losses.Loss().name == "loss"
    assert tf.keras.losses.MeanSquaredError().name == "mean_squared_error"


def test_a4_5_builtin_huber_gives_the_book_value():
    assert _value(tf.keras.losses.Huber(2.0)(Y_TRUE, Y_PRED)) == 2.25
    assert _value(tf.keras.losses.Huber()(Y_TRUE, Y_PRED)) == 1.5


def test_huber_config_keeps_delta():
    # Keras 3.15 drops `delta` from the config (a loaded Huber(2.) becomes Huber(1.)).
    config = tf.keras.losses.Huber(2.0).get_config()
    assert config == {"name": "huber_loss", "reduction": "sum_over_batch_size", "delta": 2.0}
    assert tf.keras.losses.Huber.from_config(config).delta == 2.0


def test_a4_1_plain_function_and_closure_give_per_instance_losses():
    values = create_huber(2.0)(tf.constant(Y_TRUE), tf.constant(Y_PRED))
    assert _value(values) == [[0.5], [4.0]]
    wrapped = losses.LossFunctionWrapper(create_huber(2.0))
    assert _value(wrapped(Y_TRUE, Y_PRED)) == 2.25


LONG_AND_SHORT = {
    "mean_squared_error": ("mse", "MSE"),
    "mean_absolute_error": ("mae", "MAE"),
    "mean_absolute_percentage_error": ("mape", "MAPE"),
    "mean_squared_logarithmic_error": ("msle", "MSLE"),
    "kl_divergence": ("kld", "KLD", "kullback_leibler_divergence"),
    "log_cosh": ("logcosh",),
}


@pytest.mark.parametrize("long_name", sorted(LONG_AND_SHORT))
def test_d7_long_and_short_names_are_one_function(long_name):
    function = getattr(tf.keras.losses, long_name)
    for alias in LONG_AND_SHORT[long_name]:
        assert getattr(tf.keras.losses, alias) is function
    assert long_name in tf.keras.losses.__all__


def test_a12_2_mean_squared_error_returns_one_loss_per_instance():
    y = tf.constant(np.arange(12.0, dtype=np.float32).reshape(4, 3))
    values = tf.keras.losses.mean_squared_error(y, y + 2.0)
    assert values.shape == (4,)
    assert values.dtype == tf.float32
    assert _value(values) == [4.0, 4.0, 4.0, 4.0]
    main_loss = tf.reduce_mean(values)
    assert _value(main_loss) == 4.0


def test_loss_dtype_casts_inputs():
    loss = tf.keras.losses.MeanSquaredError(dtype="float64")
    assert loss.dtype == "float64"
    assert loss([[1.0]], [[3.0]]).dtype == tf.float64
    assert loss.get_config()["dtype"] == "float64"
    assert "dtype" not in tf.keras.losses.MeanSquaredError().get_config()
    assert tf.keras.losses.MeanSquaredError()(np.array([[1]]), np.array([[4]])).dtype == \
        tf.float32


def test_subclass_without_call_raises_not_implemented():
    class NoCall(tf.keras.losses.Loss):
        pass

    with pytest.raises(NotImplementedError, match="NoCall"):
        NoCall()([[1.0]], [[1.0]])


def test_row_weights_apply_to_every_value_of_a_row():
    # Keras 3 raises on (batch,) weights against (batch, d) losses; Keras 2 (the book's)
    # weighted each row. tensorlet does the latter.
    loss = HuberLoss(10.0)
    y_true, y_pred = [[0.0, 0.0], [2.0, 4.0]], [[1.0, 3.0], [0.0, 0.0]]
    got = loss(y_true, y_pred, sample_weight=[1.0, 0.0])
    assert _value(got) == pytest.approx((0.5 + 4.5) / 4)


def test_empty_batch_gives_zero_loss():
    empty = np.zeros((0, 3), np.float32)
    assert _value(tf.keras.losses.MeanSquaredError()(empty, empty)) == 0.0


def test_binary_crossentropy_aligns_a_column_with_a_vector():
    # Keras 3 raises on a rank mismatch; (batch,) labels against (batch, 1) sigmoid outputs
    # are aligned instead.
    got = tf.keras.losses.binary_crossentropy([1.0, 0.0], [[0.8], [0.4]])
    expected = tf.keras.losses.binary_crossentropy([[1.0], [0.0]], [[0.8], [0.4]])
    assert _value(got) == _value(expected)


def test_losses_run_inside_tf_function():
    loss = tf.keras.losses.Huber(2.0)

    @tf.function
    def compute(y_true, y_pred):
        return loss(y_true, y_pred) + tf.keras.losses.mse(y_true, y_pred)[0]

    assert _value(compute(tf.constant(Y_TRUE), tf.constant(Y_PRED))) == 3.25


@pytest.mark.parametrize("name", ["mse", "mae", "mape", "msle", "huber", "log_cosh",
                                  "cosine_similarity", "binary_crossentropy",
                                  "categorical_crossentropy", "kld", "poisson", "hinge",
                                  "squared_hinge", "categorical_hinge"])
def test_loss_functions_trace_with_an_unknown_batch_size(name):
    fn = getattr(tf.keras.losses, name)
    spec = tf.TensorSpec([None, 3])
    traced = tf.function(fn, input_signature=[spec, spec])
    y_true = tf.constant([[0.2, 0.5, 0.3], [1.0, 0.0, 0.0]])
    y_pred = tf.constant([[0.3, 0.3, 0.4], [0.6, 0.3, 0.1]])
    np.testing.assert_allclose(traced(y_true, y_pred), fn(y_true, y_pred), rtol=1e-6)


def test_weighted_reductions_trace_with_an_unknown_batch_size():
    loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=0)
    traced = tf.function(lambda y, p, w: loss(y, p, sample_weight=w), input_signature=[
        tf.TensorSpec([None], tf.int32), tf.TensorSpec([None, 3]), tf.TensorSpec([None])])
    args = (tf.constant([0, 1, 2]), tf.constant([[1.0, 2, 3]] * 3), tf.constant([1.0, 2, 0.5]))
    assert float(traced(*args)) == pytest.approx(float(loss(*args)))
