"""Bad input to the nn ops (error classes as TF 2.21 eager raises them), numerical stability,
and values and gradients of the cross-entropy ops recorded from TF 2.21."""

import numpy as np
import pytest

import tensorlet as tf

InvalidArgumentError = tf.errors.InvalidArgumentError

C = tf.constant


def _raises(error, fragments, fn):
    """`fn()` raises `error` and the message holds every fragment (op name, what it got...)."""
    with pytest.raises(error) as info:
        fn()
    for fragment in fragments:
        assert fragment in str(info.value), f"{fragment!r} not in: {info.value}"


# --- dtypes --------------------------------------------------------------------------------

@pytest.mark.parametrize("fn, op", [(tf.nn.relu, "Relu"), (tf.nn.relu6, "Relu6")])
def test_relu_rejects_complex(fn, op):
    _raises(InvalidArgumentError, ["complex64", op], lambda: fn(C([1 + 1j], tf.complex64)))


@pytest.mark.parametrize("fn, op", [(tf.nn.elu, "Elu"), (tf.nn.selu, "Selu"),
                                    (tf.nn.softplus, "Softplus"), (tf.nn.softsign, "Softsign")])
def test_float_only_activations_reject_integers(fn, op):
    _raises(InvalidArgumentError, ["int32", op], lambda: fn(C([1, 2])))


@pytest.mark.parametrize("fn, op", [(tf.nn.softmax, "softmax"), (tf.nn.log_softmax,
                                                                  "log_softmax")])
def test_softmax_rejects_integers_scalars_and_bad_axes(fn, op):
    _raises(InvalidArgumentError, ["int32", op], lambda: fn(C([1, 2])))
    _raises(InvalidArgumentError, [">= 1 dimension", op], lambda: fn(C(1.0)))
    _raises(InvalidArgumentError, ["[-2, 2)", "dim=5"], lambda: fn(C([[1.0, 2.0]]), axis=5))


def test_gelu_rejects_integers_with_value_error():
    _raises(ValueError, ["floating point", "int32"], lambda: tf.nn.gelu(C([1, 2])))


def test_l2_normalize_rejects_integers_with_type_error():
    _raises(TypeError, ["int32", "l2_normalize"], lambda: tf.nn.l2_normalize(C([3, 4])))


def test_leaky_relu_converts_integers_to_float32():
    assert tf.nn.leaky_relu(C([-2, 3])).dtype is tf.float32


# --- bias_add ------------------------------------------------------------------------------

def test_bias_add_checks_ranks_lengths_formats_and_dtypes():
    x = tf.ones([2, 2])
    _raises(InvalidArgumentError, ["bias_add", "Biases must be 1D: [1, 2]"],
            lambda: tf.nn.bias_add(x, C([[1.0, 2.0]])))
    _raises(InvalidArgumentError, ["bias_add", "at least 2D: [2]"],
            lambda: tf.nn.bias_add(C([1.0, 2.0]), C([1.0, 2.0])))
    _raises(InvalidArgumentError, ["bias_add", "[3] vs. [2, 2]"],
            lambda: tf.nn.bias_add(x, C([1.0, 2.0, 3.0])))
    _raises(InvalidArgumentError, ["channel dimension", "[3] vs. [1, 2, 3]"],
            lambda: tf.nn.bias_add(tf.ones([1, 2, 3]), C([1.0, 2.0, 3.0]), data_format="NCHW"))
    _raises(ValueError, ["data_format=nhwc"],
            lambda: tf.nn.bias_add(x, C([1.0, 2.0]), data_format="nhwc"))
    _raises(InvalidArgumentError, ["BiasAdd", "float64"],
            lambda: tf.nn.bias_add(x, C([1.0, 2.0], tf.float64)))
    _raises(InvalidArgumentError, ["BiasAdd", "bool"], lambda: tf.nn.bias_add(
        C([[True]]), C([True])))


# --- cross-entropies -----------------------------------------------------------------------

def test_softmax_cross_entropy_rejects_unbroadcastable_labels_and_integer_logits():
    logits = tf.ones([2, 3])
    _raises(InvalidArgumentError, ["softmax_cross_entropy_with_logits", "logits_size=[2, 3]",
                                   "labels_size=[1, 2]"],
            lambda: tf.nn.softmax_cross_entropy_with_logits(C([[0.0, 1.0]]), logits))
    _raises(InvalidArgumentError, ["labels_size=[4, 3]"],
            lambda: tf.nn.softmax_cross_entropy_with_logits(tf.ones([4, 3]), logits))
    _raises(InvalidArgumentError, ["int32", "SoftmaxCrossEntropyWithLogits"],
            lambda: tf.nn.softmax_cross_entropy_with_logits(C([[0, 1]]), C([[0, 1]])))
    _raises(InvalidArgumentError, [">= 1 dimension"],
            lambda: tf.nn.softmax_cross_entropy_with_logits(C(1.0), C(1.0)))


def test_sparse_labels_out_of_range_raise_invalid_argument_like_tf_on_cpu():
    logits = tf.zeros([2, 3])
    _raises(InvalidArgumentError, ["label value of 3", "valid range of [0, 3)",
                                   "sparse_softmax_cross_entropy_with_logits"],
            lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(C([3, 0]), logits))
    _raises(InvalidArgumentError, ["label value of -1", "Label values: -1 0"],
            lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(C([-1, 0]), logits))
    _raises(InvalidArgumentError, ["at least one class", "[2, 0]"],
            lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(C([0, 0]), tf.zeros([2, 0])))


def test_sparse_cross_entropy_shape_errors_are_value_errors_and_dtypes_invalid_argument():
    logits = tf.zeros([2, 3])
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits
    _raises(ValueError, ["except for the last dimension", "(3,)", "(2, 3)"],
            lambda: sparse(C([1, 0, 1]), logits))
    _raises(ValueError, ["logits.shape.rank - 1", "rank 2"], lambda: sparse(C([[1, 0]]), logits))
    _raises(ValueError, ["cannot be a scalar"], lambda: sparse(C(1), C(1.0)))
    _raises(InvalidArgumentError, ["Tlabels", "float32"], lambda: sparse(C([2.0, 0.0]), logits))
    _raises(InvalidArgumentError, ["Tlabels", "uint8"],
            lambda: sparse(C([2, 0], tf.uint8), logits))
    _raises(InvalidArgumentError, ["int32", "SparseSoftmaxCrossEntropyWithLogits"],
            lambda: sparse(C([1]), C([[1, 2]])))


def test_sigmoid_cross_entropy_needs_both_arguments_of_one_shape():
    bce = tf.nn.sigmoid_cross_entropy_with_logits
    _raises(ValueError, ["Both `labels` and `logits`"], lambda: bce(logits=C([1.0])))
    _raises(ValueError, ["same shape", "(3,)", "(2,)"],
            lambda: bce(labels=C([0.0, 1.0]), logits=C([1.0, 2.0, 3.0])))
    _raises(InvalidArgumentError, ["int32"], lambda: bce(labels=C([0, 1]), logits=C([1.0, 2.0])))


# --- numerical stability -------------------------------------------------------------------

def test_softmax_and_log_softmax_of_huge_logits_stay_finite():
    x = C([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -1000.0]])
    np.testing.assert_allclose(tf.nn.softmax(x).numpy(), [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]],
                               rtol=1e-6)
    np.testing.assert_allclose(tf.nn.log_softmax(x).numpy(),
                               [[0, -1000, -2000], [-np.log(3)] * 3], rtol=1e-6)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.nn.log_softmax(x) * C([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))
    assert np.all(np.isfinite(tape.gradient(y, x).numpy()))


def test_softplus_log_sigmoid_and_sigmoid_cross_entropy_do_not_overflow():
    x = C([-1000.0, -20.0, 0.0, 20.0, 1000.0])
    np.testing.assert_allclose(tf.nn.softplus(x).numpy(),
                               [0.0, 2.0611537e-09, 0.6931472, 20.0, 1000.0], rtol=1e-6)
    np.testing.assert_allclose(tf.math.log_sigmoid(x).numpy(),
                               [-1000.0, -20.0, -0.6931472, -2.0611537e-09, 0.0], rtol=1e-6)
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=C([0.0, 1.0, 0.5]),
                                                   logits=C([-1000.0, 1000.0, 2.0]))
    np.testing.assert_allclose(loss.numpy(), [0.0, 0.0, 1.126928], rtol=1e-6)


def test_sigmoid_cross_entropy_gradient_at_zero_logit_is_sigmoid_minus_label():
    x = C([0.0, 0.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=C([1.0, 0.25]), logits=x)
    np.testing.assert_allclose(tape.gradient(loss, x).numpy(), [-0.5, 0.25])


# --- values and gradients recorded from TF 2.21 --------------------------------------------

LOGITS = [[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]]


def test_cross_entropy_values_match_tf():
    labels = C([[0.0, 0.0, 1.0], [0.5, 0.5, 0.0]])
    np.testing.assert_allclose(
        tf.nn.softmax_cross_entropy_with_logits(labels, C(LOGITS)).numpy(),
        [4.0760595e-01, 5.0000000e+02], rtol=1e-6)
    np.testing.assert_allclose(
        tf.nn.softmax_cross_entropy_with_logits(labels, C(LOGITS), axis=0).numpy(),
        [0.0, 1.063464, 0.0], rtol=1e-6)
    np.testing.assert_allclose(
        tf.nn.softmax_cross_entropy_with_logits(C([[0, 1, 0]]), C(LOGITS)).numpy(),
        [1.4076059, 1000.0], rtol=1e-6)
    np.testing.assert_allclose(
        tf.nn.sparse_softmax_cross_entropy_with_logits(C([2, 0]), C(LOGITS)).numpy(),
        [0.40760595, 0.0], rtol=1e-6)
    assert tf.nn.softmax_cross_entropy_with_logits(tf.zeros([2, 0]), tf.zeros([2, 0])).shape == [2]


def test_softmax_cross_entropy_gradient_is_softmax_minus_labels_as_tf():
    labels, logits = C([[0.5, 0.5, 0.5]]), C([[1.0, 2.0, 3.0]])
    with tf.GradientTape() as tape:
        tape.watch([labels, logits])
        loss = tf.nn.softmax_cross_entropy_with_logits(labels, logits)
    d_labels, d_logits = tape.gradient(loss, [labels, logits])
    np.testing.assert_allclose(d_labels.numpy(), [[2.407606, 1.4076059, 0.40760595]], rtol=1e-6)
    np.testing.assert_allclose(d_logits.numpy(), [[-0.40996942, -0.25527152, 0.16524094]],
                               rtol=1e-6)


@pytest.mark.parametrize("sparse", [True, False])
def test_cross_entropy_second_order_gradient_matches_tf(sparse):
    logits = C([[1.0, 2.0, 3.0]])
    with tf.GradientTape() as outer:
        outer.watch(logits)
        with tf.GradientTape() as inner:
            inner.watch(logits)
            if sparse:
                loss = tf.nn.sparse_softmax_cross_entropy_with_logits(C([2]), logits)
            else:
                loss = tf.nn.softmax_cross_entropy_with_logits(C([[0.5, 0.5, 0.5]]), logits)
        g = inner.gradient(loss, logits)
        s = tf.reduce_sum(g * C([[1.0, -2.0, 0.5]]))
    np.testing.assert_allclose(outer.gradient(s, logits).numpy(),
                               [[0.09604514, -0.47310764, 0.3770625]], rtol=1e-5)


def test_activation_gradients_at_kinks_match_tf():
    x = C([0.0, -1.0, 2.0, 6.0])
    expected = {tf.nn.relu: [0, 0, 1, 1], tf.nn.relu6: [0, 0, 1, 0],
                tf.nn.leaky_relu: [0.2, 0.2, 1, 1], tf.nn.elu: [1, 0.36787945, 1, 1],
                tf.nn.selu: [1.050701, 0.64676857, 1.050701, 1.050701]}
    for fn, grads in expected.items():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(x)
        np.testing.assert_allclose(tape.gradient(y, x).numpy(), grads, rtol=1e-6,
                                   err_msg=fn.__name__)


@pytest.mark.parametrize("fn", [
    tf.nn.softmax, tf.nn.log_softmax, tf.nn.gelu, tf.nn.silu, tf.math.log_sigmoid,
    tf.nn.leaky_relu, lambda v: tf.nn.moments(v, axes=[1])[1],
    lambda v: tf.nn.l2_normalize(v, axis=1),
    lambda v: tf.nn.softmax_cross_entropy_with_logits([[0.2, 0.3, 0.5]], v),
    lambda v: tf.nn.sparse_softmax_cross_entropy_with_logits([1], v),
    lambda v: tf.nn.sigmoid_cross_entropy_with_logits(labels=[[0.0, 1.0, 1.0]], logits=v)])
def test_nn_ops_differentiate_with_respect_to_variables(fn):
    v = tf.Variable([[1.0, -2.0, 3.0]])
    with tf.GradientTape() as tape:
        y = fn(v)
        loss = tf.reduce_sum(y * y * y)
    g = tape.gradient(loss, v)
    assert g is not None and np.all(np.isfinite(g.numpy())) and np.any(g.numpy() != 0)
