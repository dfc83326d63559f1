"""The composites of math_extra.py, math_segment.py and nn_extra.py (divide_no_nan,
count_nonzero, unsorted_segment_sum/mean, clip_by_norm, clip_by_global_norm, dropout,
sequence_mask, embedding_lookup, l2_loss), and bad input to every new op.

Literals marked "TF 2.21" were recorded from real TensorFlow 2.21; gradients of composites are
checked against finite differences (first and second order).
"""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.testing.grad_check import check_grads

RNG = np.random.default_rng(0)


def _grads(fn, *xs):
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = fn(*xs)
    return [tape.gradient(y, x).numpy() for x in xs]


# --- divide_no_nan ---------------------------------------------------------------------------

def test_divide_no_nan_is_zero_where_the_divisor_is_zero_even_for_inf_and_nan():
    y = tf.math.divide_no_nan(tf.constant([1., np.inf, np.nan, 2.]), tf.constant([0., 0., 0., 4.]))
    np.testing.assert_array_equal(y.numpy(), np.array([0., 0., 0., 0.5], np.float32))
    assert y.dtype == tf.float32


def test_divide_no_nan_divides_integers_as_truediv_and_broadcasts():  # dtypes: TF 2.21
    assert tf.math.divide_no_nan(tf.constant([1, 2]), tf.constant([0, 2])).dtype == tf.float64
    assert tf.math.divide_no_nan(tf.constant([1], tf.int16), tf.constant([0], tf.int16)).dtype \
        == tf.float32
    y = tf.math.divide_no_nan(tf.constant([[1.], [2.]]), tf.constant([0., 2., 4.]))
    np.testing.assert_allclose(y.numpy(), [[0., 0.5, 0.25], [0., 1., 0.5]])


def test_divide_no_nan_gradient_is_zero_where_the_divisor_is_zero():  # TF 2.21
    gx, gy = _grads(tf.math.divide_no_nan, np.array([1., 2., 3.], np.float32),
                    np.array([0., 2., -1.], np.float32))
    np.testing.assert_allclose(gx, [0., 0.5, -1.])
    np.testing.assert_allclose(gy, [0., -0.5, -3.])


def test_divide_no_nan_gradient_matches_finite_differences():
    x, y = RNG.uniform(-2, 2, (2, 3)), RNG.uniform(0.5, 2, (3,))
    check_grads(tf, tf.math.divide_no_nan, [x, y], what="divide_no_nan")


@pytest.mark.parametrize("x, y, text", [
    (tf.constant([1.]), tf.constant([1.], tf.float64), "must have the same dtype"),
    (tf.constant([1]), 2.5, "must have the same dtype"),
    (tf.constant([True]), tf.constant([True]), "Invalid dtype tf.bool"),
])
def test_divide_no_nan_rejects_mixed_and_bool_dtypes_with_type_error(x, y, text):  # TF 2.21
    with pytest.raises(TypeError, match=text):
        tf.math.divide_no_nan(x, y)


# --- count_nonzero ---------------------------------------------------------------------------

def test_count_nonzero_counts_nan_as_nonzero_and_empty_strings_as_zero():  # TF 2.21
    assert tf.math.count_nonzero(tf.constant([np.nan, 0., -0.])).numpy() == 1
    assert tf.math.count_nonzero(tf.constant(["", "a"])).numpy() == 1
    assert tf.math.count_nonzero(tf.constant([True, False, True])).numpy() == 2
    y = tf.math.count_nonzero(tf.constant([[0., 1.], [2., 0.]]), axis=1, keepdims=True)
    assert y.dtype == tf.int64
    np.testing.assert_array_equal(y.numpy(), [[1], [1]])


def test_count_nonzero_casts_to_the_requested_dtype():  # TF 2.21
    y = tf.math.count_nonzero(tf.constant([[0, 1], [2, 0]]), axis=[0], dtype=tf.int32)
    assert y.dtype == tf.int32 and y.numpy().tolist() == [1, 1]
    assert tf.math.count_nonzero(tf.constant([1., 0.]), dtype=tf.float32).numpy() == 1.0


def test_count_nonzero_rejects_an_axis_outside_the_rank():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.math.count_nonzero(tf.constant([1., 0.]), axis=3)


# --- elementwise primitives: bad input -------------------------------------------------------

@pytest.mark.parametrize("op", ["asin", "acos", "atan", "asinh", "acosh", "atanh"])
def test_inverse_trig_rejects_integers_naming_the_op(op):  # TF 2.21: InvalidArgumentError
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"{op}: got a int32 tensor"):
        getattr(tf.math, op)(tf.constant([1, 2]))
    assert getattr(tf, op) is getattr(tf.math, op)


def test_atan2_rejects_complex_mixed_dtypes_and_bad_shapes():  # TF 2.21
    with pytest.raises(tf.errors.InvalidArgumentError, match="atan2: got a complex64"):
        tf.math.atan2(tf.constant([1.], tf.complex64), tf.constant([1.], tf.complex64))
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a float tensor"):
        tf.math.atan2(tf.constant([1.]), tf.constant([1.], tf.float64))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\]"):
        tf.math.atan2(tf.constant([1., 2.]), tf.constant([1., 2., 3.]))


# --- segments --------------------------------------------------------------------------------

D = tf.constant([[1., 2.], [3., 4.], [5., 6.], [7., 8.]])


def test_unsorted_segment_sum_and_mean_drop_negative_ids():  # TF 2.21
    ids = tf.constant([-1, 0, 2, 2])
    np.testing.assert_array_equal(tf.math.unsorted_segment_sum(D, ids, 3).numpy(),
                                  [[3., 4.], [0., 0.], [12., 14.]])
    np.testing.assert_array_equal(tf.math.unsorted_segment_mean(D, ids, 3).numpy(),
                                  [[3., 4.], [0., 0.], [6., 7.]])


def test_unsorted_segment_mean_of_integers_is_float_and_ids_may_be_2d():  # TF 2.21
    y = tf.math.unsorted_segment_mean(tf.constant([1, 2, 4]), tf.constant([0, 0, 1]), 3)
    assert y.dtype == tf.float64 and y.numpy().tolist() == [1.5, 4., 0.]
    ids = tf.constant([[0, 0], [1, 1], [0, 1], [2, 2]])
    np.testing.assert_allclose(tf.math.unsorted_segment_mean(D, ids, 3).numpy(),
                               [8 / 3, 13 / 3, 7.5], rtol=1e-6)


def test_unsorted_segment_sum_and_mean_gradients_skip_negative_ids():  # TF 2.21
    w = tf.constant([[1., 2.]] * 3)
    ids = tf.constant([0, 0, -1, 2])
    x = np.array([[1., 2.], [3., 2.], [3., 6.], [7., 8.]], np.float32)
    (g_sum,) = _grads(lambda v: tf.reduce_sum(tf.math.unsorted_segment_sum(v, ids, 3) * w), x)
    (g_mean,) = _grads(lambda v: tf.reduce_sum(tf.math.unsorted_segment_mean(v, ids, 3) * w), x)
    (g_max,) = _grads(lambda v: tf.reduce_sum(tf.math.unsorted_segment_max(v, ids, 3) * w), x)
    np.testing.assert_array_equal(g_sum, [[1., 2.], [1., 2.], [0., 0.], [1., 2.]])
    np.testing.assert_array_equal(g_mean, [[.5, 1.], [.5, 1.], [0., 0.], [1., 2.]])
    np.testing.assert_array_equal(g_max, [[0., 1.], [1., 1.], [0., 0.], [1., 2.]])


def test_segment_max_gradient_splits_between_ties():  # TF 2.21
    x = np.array([[1., 2.], [3., 2.], [3., 6.], [7., 8.]], np.float32)
    w = tf.constant([[1., 2.]] * 3)
    ids = tf.constant([0, 0, 0, 2])
    (g,) = _grads(lambda v: tf.reduce_sum(tf.math.segment_max(v, ids) * w), x)
    np.testing.assert_array_equal(g, [[0., 0.], [.5, 0.], [.5, 2.], [1., 2.]])


def test_unsorted_segment_mean_gradient_matches_finite_differences():
    ids = np.array([1, 0, -1, 1], np.int32)
    check_grads(tf, lambda x, i: tf.math.unsorted_segment_mean(x, i, 2),
                [RNG.uniform(-2, 2, (4, 3)), ids], what="unsorted_segment_mean")


def test_segment_ops_trace_with_unknown_lengths():
    def both(x, i):
        return tf.math.segment_max(x, i), tf.math.unsorted_segment_sum(x, i, 3)

    fn = tf.function(both, input_signature=[tf.TensorSpec([None], tf.float32),
                                      tf.TensorSpec([None], tf.int32)])
    top, total = fn(tf.constant([1., 5., 2.]), tf.constant([0, 0, 2]))
    assert top.numpy().tolist() == [5., 0., 2.]
    assert total.numpy().tolist() == [6., 0., 2.]


@pytest.mark.parametrize("op", ["segment_sum", "segment_mean", "segment_max", "segment_min"])
@pytest.mark.parametrize("ids, text", [
    ([1, 0, 2, 2], "segment ids are not increasing"),
    ([-1, 0, 2, 2], "Segment id -1 out of range"),
    ([[0, 0], [1, 1]], "segment_ids should be a vector"),
    ([0, 0, 1], "should be the same size as dimension 0"),
    ([0., 0., 1., 1.], "Tindices"),
])
def test_sorted_segment_ops_reject_bad_ids_naming_the_op(op, ids, text):  # TF 2.21 classes
    with pytest.raises(tf.errors.InvalidArgumentError, match=text) as info:
        getattr(tf.math, op)(D, tf.constant(ids))
    assert op in str(info.value)


@pytest.mark.parametrize("op", ["segment_max", "unsorted_segment_min"])
def test_segment_extremes_reject_bool_and_complex_data(op):  # TF 2.21
    args = (tf.constant([0, 0]),) if op == "segment_max" else (tf.constant([0, 0]), 1)
    for data in (tf.constant([True, False]), tf.constant([1j, 2j])):
        with pytest.raises(tf.errors.InvalidArgumentError):
            getattr(tf.math, op)(data, *args)


@pytest.mark.parametrize("op", ["unsorted_segment_sum", "unsorted_segment_mean",
                                "unsorted_segment_max", "unsorted_segment_min"])
def test_unsorted_segment_ops_reject_bad_ids_and_num_segments(op):  # TF 2.21
    fn = getattr(tf.math, op)
    with pytest.raises(tf.errors.InvalidArgumentError, match="5"):
        fn(D, tf.constant([5, 0, 2, 2]), 3)
    with pytest.raises(tf.errors.InvalidArgumentError, match="num_segments == -1"):
        fn(D, tf.constant([0, 0, 2, 2]), -1)
    with pytest.raises(tf.errors.InvalidArgumentError):
        fn(tf.constant([1., 5., 3.]), tf.constant([0, 1]), 2)
    with pytest.raises(tf.errors.InvalidArgumentError):
        fn(tf.constant([True, False]), tf.constant([0, 1]), 2)
    error = tf.errors.InvalidArgumentError if op.endswith("mean") else TypeError
    with pytest.raises(error):
        fn(D, tf.constant([0, 0, 2, 2]), 2.0)


# --- clipping --------------------------------------------------------------------------------

def test_clip_by_norm_values_axes_and_negative_clip():  # TF 2.21
    x = tf.constant([[3., 4.], [0., 1.]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 2.).numpy(),
                               [[1.1766968, 1.5689291], [0., 0.39223227]], rtol=1e-6)
    np.testing.assert_allclose(tf.clip_by_norm(x, 2., axes=[1]).numpy(), [[1.2, 1.6], [0., 1.]])
    np.testing.assert_array_equal(tf.clip_by_norm(tf.constant([.3, .4]), -1.).numpy(), [0., 0.])
    assert tf.clip_by_norm(tf.constant([3., 4.], tf.float64), tf.constant(2.)).dtype == tf.float64


def test_clip_by_norm_gradient_is_finite_at_zero():  # TF 2.21
    np.testing.assert_allclose(_grads(lambda v: tf.clip_by_norm(v, 2.), np.zeros(2, np.float32))[0],
                               [1., 1.])
    np.testing.assert_allclose(_grads(lambda v: tf.clip_by_norm(v, 2.),
                                      np.array([3., 4.], np.float32))[0], [0.064, -0.048],
                               rtol=1e-4)


def test_clip_by_norm_gradient_matches_finite_differences():
    check_grads(tf, lambda x: tf.clip_by_norm(x, 1.5, axes=[1]), [RNG.uniform(-2, 2, (2, 3))],
                what="clip_by_norm")


def test_clip_by_norm_rejects_integers():  # TF 2.21: InvalidArgumentError (from Sqrt)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.clip_by_norm(tf.constant([3, 4]), 2)


def test_clip_by_global_norm_skips_none_and_returns_the_norm():  # TF 2.21
    clipped, norm = tf.clip_by_global_norm(
        [tf.constant([3., 4.]), None, tf.constant([[12.]])], 6.5)
    assert norm.numpy() == 13.0 and clipped[1] is None
    np.testing.assert_allclose(clipped[0].numpy(), [1.5, 2.])
    np.testing.assert_allclose(clipped[2].numpy(), [[6.]])
    clipped, norm = tf.clip_by_global_norm((tf.constant([3., 4.]),), 1., use_norm=tf.constant(10.))
    np.testing.assert_allclose(clipped[0].numpy(), [0.3, 0.4])
    assert tf.clip_by_global_norm([None], 1.)[1].numpy() == 0.0


def test_clip_by_global_norm_gives_nan_for_an_infinite_norm():  # TF 2.21
    clipped, norm = tf.clip_by_global_norm([tf.constant([np.inf, 1.])], 1.)
    assert np.isinf(norm.numpy()) and np.isnan(clipped[0].numpy()).all()


def test_clip_by_global_norm_gradient_matches_finite_differences():
    check_grads(tf, lambda a, b: tf.clip_by_global_norm([a, b], 1.)[0],
                [RNG.uniform(-2, 2, (3,)), RNG.uniform(-2, 2, (2, 2))], what="clip_by_global_norm")


def test_clip_by_global_norm_rejects_a_tensor_mixed_dtypes_and_integers():  # TF 2.21
    with pytest.raises(TypeError, match="should be a sequence of tensors"):
        tf.clip_by_global_norm(tf.constant([3., 4.]), 1.)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.clip_by_global_norm([tf.constant([3.]), tf.constant([1.], tf.float64)], 1.)
    with pytest.raises(tf.errors.InvalidArgumentError, match="l2_loss"):
        tf.clip_by_global_norm([tf.constant([3, 4])], 1.)


# --- dropout ---------------------------------------------------------------------------------

def test_dropout_keeps_values_scaled_by_one_over_keep_probability():
    y = tf.nn.dropout(tf.fill([1000], 3.), 0.25, seed=1).numpy()
    assert set(np.unique(y).tolist()) == {0.0, 4.0}
    assert 0.15 < np.mean(y == 0) < 0.35


def test_dropout_follows_the_global_seed_and_noise_shape_broadcasts():
    tf.random.set_seed(5)
    a = tf.nn.dropout(tf.ones([4, 50]), 0.5, noise_shape=[1, 50]).numpy()
    tf.random.set_seed(5)
    b = tf.nn.dropout(tf.ones([4, 50]), 0.5, noise_shape=[1, 50]).numpy()
    np.testing.assert_array_equal(a, b)
    assert (a == a[:1]).all()


def test_dropout_gradient_is_the_scaled_mask():
    x = tf.ones([200], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.dropout(x, tf.constant(0.5, tf.float64), seed=2)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), y.numpy())


def test_dropout_with_rate_zero_returns_its_input():  # TF 2.21
    x = tf.ones([2])
    assert tf.nn.dropout(x, 0.) is x


@pytest.mark.parametrize("x, rate, text", [
    (tf.ones([2]), 1.0, r"range \[0, 1\). Received: rate=1.0"),
    (tf.ones([2]), -0.1, r"range \[0, 1\)"),
    (tf.ones([2]), [0.5], "must be a scalar or scalar tensor"),
    (tf.constant([1, 2]), 0.5, "must be a floating point tensor"),
])
def test_dropout_rejects_bad_rates_and_integer_tensors_with_value_error(x, rate, text):  # TF 2.21
    with pytest.raises(ValueError, match=text):
        tf.nn.dropout(x, rate)


def test_dropout_rejects_a_noise_shape_that_does_not_broadcast():  # TF 2.21
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=[3, 1])


# --- sequence_mask, embedding_lookup, l2_loss ------------------------------------------------

def test_sequence_mask_values_default_maxlen_and_dtype():  # TF 2.21
    np.testing.assert_array_equal(tf.sequence_mask([1, 3, 2], 5).numpy(),
                                  np.arange(5) < np.array([[1], [3], [2]]))
    m = tf.sequence_mask([[1, 3], [2, 0]])
    assert m.shape == (2, 2, 3) and m.numpy()[1, 0].tolist() == [True, True, False]
    y = tf.sequence_mask(tf.constant([1., 3.]), tf.constant(4, tf.int64), dtype=tf.float32)
    assert y.dtype == tf.float32 and y.numpy().tolist() == [[1, 0, 0, 0], [1, 1, 1, 0]]
    assert tf.sequence_mask(tf.constant([], tf.int32)).shape == (0, 0)
    assert not tf.sequence_mask([-1], 2).numpy().any()


def test_sequence_mask_rejects_a_non_scalar_maxlen():  # TF 2.21
    with pytest.raises(ValueError, match="`maxlen` must be scalar"):
        tf.sequence_mask([1, 3], [4])


def test_embedding_lookup_gathers_rows_from_one_or_several_shards():  # TF 2.21 ("div")
    table = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
    y = tf.nn.embedding_lookup(table, [[2, 0]])
    assert y.shape == (1, 2, 2) and y.numpy().tolist() == [[[5., 6.], [1., 2.]]]
    shards = [tf.constant([[1., 2.], [3., 4.]]), tf.constant([[5., 6.]])]
    assert tf.nn.embedding_lookup(shards, [2, 1, 0]).numpy().tolist() == [[5, 6], [3, 4], [1, 2]]


def test_embedding_lookup_clips_each_embedding_to_max_norm():  # TF 2.21
    y = tf.nn.embedding_lookup(tf.constant([[3., 4.], [0., 1.]]), [0, 1], max_norm=1.)
    np.testing.assert_allclose(y.numpy(), [[0.6, 0.8], [0., 1.]])


def test_embedding_lookup_gradient_matches_finite_differences():
    check_grads(tf, lambda t: tf.nn.embedding_lookup(t, [[2, 0], [2, 2]]),
                [RNG.uniform(-2, 2, (3, 2))], what="embedding_lookup")


def test_embedding_lookup_rejects_out_of_range_ids_and_no_params():  # TF 2.21
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[0\] = 3"):
        tf.nn.embedding_lookup(tf.constant([[1.], [2.], [3.]]), [3])
    with pytest.raises(ValueError):
        tf.nn.embedding_lookup([], [0])


def test_l2_loss_is_half_the_sum_of_squares():  # TF 2.21
    assert tf.nn.l2_loss(tf.constant([[1., 2.], [3., 4.]])).numpy() == np.float32(15.0)
    assert tf.nn.l2_loss(tf.constant([1., 2.], tf.float16)).dtype == tf.float16
    check_grads(tf, tf.nn.l2_loss, [RNG.uniform(-2, 2, (2, 3))], what="l2_loss")


@pytest.mark.parametrize("x", [tf.constant([1, 2]), tf.constant([True]), tf.constant([1j])])
def test_l2_loss_rejects_non_floating_tensors(x):  # TF 2.21: InvalidArgumentError
    with pytest.raises(tf.errors.InvalidArgumentError, match="l2_loss"):
        tf.nn.l2_loss(x)
