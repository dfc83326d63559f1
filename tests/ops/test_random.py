"""tf.random: seeding rules (as TF's), stateless determinism, distributions, dtypes, errors."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY, STATEFUL

InvalidArgumentError = tf.errors.InvalidArgumentError
R = tf.random
C = tf.constant


@pytest.fixture(autouse=True)
def _no_global_seed():
    """Each test starts, and leaves, without a global seed."""
    R.set_seed(None)
    yield
    R.set_seed(None)


def _draws():
    """One call of every stateful random op."""
    return [R.uniform([3]), R.uniform([2], maxval=100, dtype=tf.int64), R.normal([3]),
            R.truncated_normal([3]), R.categorical(tf.zeros([1, 5]), 4),
            R.shuffle(tf.range(6))]


def _same(a, b) -> bool:
    return all(np.array_equal(np.asarray(x), np.asarray(y)) for x, y in zip(a, b))


# --- seeds ---------------------------------------------------------------------------------

def test_set_seed_makes_a_sequence_of_calls_reproducible():
    R.set_seed(42)
    first = _draws() + _draws()
    R.set_seed(42)
    again = _draws() + _draws()
    assert _same(first, again)
    R.set_seed(43)
    assert not _same(first, _draws() + _draws())


def test_calls_differ_within_a_sequence_without_reseeding():
    R.set_seed(1)
    a, b = R.uniform([8]), R.uniform([8])
    assert not np.array_equal(a.numpy(), b.numpy())


def test_op_seed_repeats_give_new_values_and_restart_after_set_seed():
    R.set_seed(5)
    a, b = R.normal([4], seed=3), R.normal([4], seed=3)
    assert not np.array_equal(a.numpy(), b.numpy())
    R.set_seed(5)
    assert _same([a, b], [R.normal([4], seed=3), R.normal([4], seed=3)])


def test_op_seed_alone_is_reproducible_and_differs_from_other_op_seeds():
    a = R.uniform([6], seed=7)
    R.set_seed(None)
    assert np.array_equal(a.numpy(), R.uniform([6], seed=7).numpy())
    assert not np.array_equal(a.numpy(), R.uniform([6], seed=8).numpy())


def test_without_any_seed_each_call_is_fresh():
    a, b = R.uniform([16]), R.uniform([16])
    R.set_seed(None)
    c = R.uniform([16])
    assert not np.array_equal(a.numpy(), b.numpy())
    assert not np.array_equal(a.numpy(), c.numpy())


def test_eager_calls_with_a_global_seed_keep_no_state_per_call():
    from tensorlet.ops import random as random_ops

    R.set_seed(9)
    for _ in range(50):
        R.uniform([2])
    assert len(random_ops._state.streams) == 1


def test_stateless_ops_depend_on_the_seed_only():
    calls = [lambda s: R.stateless_uniform([5], seed=s),
             lambda s: R.stateless_uniform([5], seed=s, minval=0, maxval=9, dtype=tf.int64),
             lambda s: R.stateless_normal([5], seed=s, dtype=tf.float64),
             lambda s: R.stateless_truncated_normal([5], seed=s),
             lambda s: R.stateless_categorical(tf.zeros([2, 9]), 5, seed=s)]
    for call in calls:
        a = call([1, 2])
        R.set_seed(3)
        R.uniform([10])
        assert np.array_equal(a.numpy(), call(tf.constant([1, 2], tf.int64)).numpy())
        assert not np.array_equal(a.numpy(), call([2, 1]).numpy())


def test_random_ops_are_stateful_and_stateless_ones_pure():
    for name in ("random_uniform", "random_uniform_int", "random_standard_normal",
                 "truncated_normal", "multinomial", "random_shuffle"):
        assert REGISTRY[name].traits == STATEFUL
    for name in ("stateless_random_uniform", "stateless_random_normal",
                 "stateless_truncated_normal", "stateless_multinomial"):
        assert REGISTRY[name].traits.pure


# --- distributions -------------------------------------------------------------------------

N = 200_000


def _assert_moments(x, mean, std):
    x = np.asarray(x, np.float64)
    assert abs(x.mean() - mean) < 5 * std / np.sqrt(x.size), (x.mean(), mean)
    assert abs(x.std() - std) < 0.01 * std, (x.std(), std)


def test_uniform_float_moments_and_bounds():
    x = R.uniform([N], minval=-2.0, maxval=4.0, seed=1).numpy()
    assert x.min() >= -2.0 and x.max() < 4.0
    _assert_moments(x, 1.0, 6 / np.sqrt(12))


def test_uniform_bounds_may_be_tensors_that_broadcast():
    x = R.uniform([N // 10, 2], minval=C([0.0, 10.0]), maxval=C([1.0, 12.0]), seed=2).numpy()
    assert (x[:, 0] < 1).all() and (x[:, 1] >= 10).all() and (x[:, 1] < 12).all()


def test_uniform_int_covers_the_half_open_range_evenly():
    x = R.uniform([N], minval=-3, maxval=4, dtype=tf.int32, seed=3).numpy()
    counts = np.bincount(x + 3)
    assert counts.size == 7
    assert np.all(np.abs(counts / N - 1 / 7) < 0.005)


def test_normal_moments():
    _assert_moments(R.normal([N], mean=3.0, stddev=2.0, seed=4).numpy(), 3.0, 2.0)
    _assert_moments(R.stateless_normal([N], seed=[1, 1], mean=-1.0, stddev=0.5), -1.0, 0.5)


@pytest.mark.parametrize("make", [
    lambda: R.truncated_normal([N], mean=1.0, stddev=3.0, seed=5),
    lambda: R.stateless_truncated_normal([N], seed=[2, 3], mean=1.0, stddev=3.0)])
def test_truncated_normal_stays_within_two_stddevs_with_the_truncated_variance(make):
    x = make().numpy()
    assert np.abs(x - 1.0).max() <= 6.0
    # The variance of a standard normal truncated to [-2, 2] is 0.77374.
    _assert_moments(x, 1.0, 3.0 * np.sqrt(0.77374))


def test_categorical_frequencies_follow_softmax_of_logits():
    probs = np.array([0.1, 0.6, 0.3])
    x = R.categorical(tf.math.log(C([probs, probs[::-1]])), N // 4, seed=6).numpy()
    assert x.shape == (2, N // 4) and x.dtype == np.int64
    np.testing.assert_allclose(np.bincount(x[0], minlength=3) / x.shape[1], probs, atol=0.01)
    np.testing.assert_allclose(np.bincount(x[1], minlength=3) / x.shape[1], probs[::-1],
                               atol=0.01)


def test_categorical_ignores_non_finite_logits_and_flags_rows_without_any():
    x = R.categorical(C([[-np.inf, 0.0, np.nan], [-np.inf, -np.inf, -np.inf]]), 20).numpy()
    assert (x[0] == 1).all() and (x[1] == 3).all()


def test_shuffle_permutes_the_first_axis_only():
    x = tf.reshape(tf.range(20), [10, 2])
    y = R.shuffle(x, seed=1).numpy()
    assert sorted(y[:, 0].tolist()) == list(range(0, 20, 2))
    assert (y[:, 1] == y[:, 0] + 1).all()
    assert R.shuffle(C(3)).numpy() == 3
    assert R.shuffle(C([b"a", b"b"])).dtype is tf.string


# --- dtypes and shapes ---------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [tf.float16, tf.float32, tf.float64])
def test_float_dtypes_and_shapes(dtype):
    for x in (R.uniform([2, 3], dtype=dtype), R.normal([2, 3], dtype=dtype),
              R.truncated_normal([2, 3], dtype=dtype), R.stateless_uniform([2, 3], [1, 2],
                                                                           dtype=dtype),
              R.stateless_normal([2, 3], [1, 2], dtype=dtype),
              R.stateless_truncated_normal([2, 3], [1, 2], dtype=dtype)):
        assert x.dtype is dtype and x.shape == [2, 3]


def test_float16_uniform_is_always_below_one():
    assert R.uniform([N], dtype=tf.float16, seed=1).numpy().max() < 1.0


def test_shapes_may_be_empty_scalar_or_tensors():
    assert R.uniform([]).shape == []
    assert R.normal([0, 3]).shape == [0, 3]
    assert R.uniform(C([2, 1], tf.int64)).shape == [2, 1]
    assert R.uniform(tf.TensorShape([4])).shape == [4]
    assert R.categorical(tf.zeros([2, 3]), 0).shape == [2, 0]
    assert R.categorical(tf.zeros([0, 3]), 5).shape == [0, 5]


def test_integer_and_index_dtypes():
    assert R.uniform([2], maxval=3, dtype=tf.int64).dtype is tf.int64
    assert R.categorical(tf.zeros([1, 2]), 3, dtype=tf.int32).dtype is tf.int32
    assert R.stateless_categorical(tf.zeros([1, 2]), 3, [1, 2]).dtype is tf.int64
    full = R.stateless_uniform([1000], [1, 2], minval=None, maxval=None, dtype=tf.uint32)
    assert full.dtype is tf.uint32 and full.numpy().max() > 2**31


# --- errors --------------------------------------------------------------------------------

def _raises(error, fragments, fn):
    with pytest.raises(error) as info:
        fn()
    for fragment in fragments:
        assert fragment in str(info.value), f"{fragment!r} not in: {info.value}"


def test_integer_uniform_needs_maxval_and_minval_below_maxval():
    _raises(ValueError, ["Must specify maxval", "int32"], lambda: R.uniform([2], dtype=tf.int32))
    _raises(InvalidArgumentError, ["Need minval < maxval", "3 >= 3"],
            lambda: R.uniform([2], minval=3, maxval=3, dtype=tf.int32))
    _raises(InvalidArgumentError, ["minval must be 0-D"],
            lambda: R.uniform([2], minval=C([0, 1]), maxval=5, dtype=tf.int32))


def test_unsupported_dtypes():
    _raises(ValueError, ["uint8", "Accepted dtypes"], lambda: R.uniform([2], maxval=5,
                                                                        dtype=tf.uint8))
    _raises(TypeError, ["int32"], lambda: R.normal([2], dtype=tf.int32))
    _raises(InvalidArgumentError, ["complex64", "RandomStandardNormal"],
            lambda: R.normal([2], dtype=tf.complex64))
    _raises(ValueError, ["float32"], lambda: R.categorical(tf.zeros([1, 2]), 1,
                                                           dtype=tf.float32))
    _raises(ValueError, ["mean", "float64", "float32"],
            lambda: R.normal([2], mean=C(1.0), dtype=tf.float64))


@pytest.mark.parametrize("shape, fragment", [
    ([-2], "Dimension -2 must be >= 0"), ([[2]], "got shape [1, 1]"), (3, "got shape []"),
    ([2.5], "Value for attr 'T' of float")])
def test_bad_shapes(shape, fragment):
    _raises(InvalidArgumentError, [fragment, "random_uniform"], lambda: R.uniform(shape))


def test_categorical_errors():
    _raises(InvalidArgumentError, ["logits should be a matrix", "[2]"],
            lambda: R.categorical(C([0.0, 1.0]), 2))
    _raises(InvalidArgumentError, ["num_samples should be non-negative"],
            lambda: R.categorical(C([[0.0, 1.0]]), -1))
    _raises(InvalidArgumentError, ["num_classes should be positive"],
            lambda: R.categorical(tf.zeros([2, 0]), 1))


def test_stateless_seed_and_bound_errors():
    _raises(InvalidArgumentError, ["seed must have shape [2], not [3]"],
            lambda: R.stateless_normal([2], seed=[1, 2, 3]))
    _raises(InvalidArgumentError, ["Tseed", "float32"],
            lambda: R.stateless_normal([2], seed=[1.0, 2.0]))
    _raises(ValueError, ["need a seed"], lambda: R.stateless_normal([2], seed=None))
    _raises(ValueError, ["must be both None or not None"],
            lambda: R.stateless_uniform([2], seed=[1, 2], dtype=tf.int32))
    _raises(ValueError, ["unsigned"],
            lambda: R.stateless_uniform([2], seed=[1, 2], maxval=4, dtype=tf.uint32))
    _raises(InvalidArgumentError, ["Need minval < maxval"],
            lambda: R.stateless_uniform([2], seed=[1, 2], minval=4, maxval=4, dtype=tf.int32))


# --- gradients and graphs ------------------------------------------------------------------

def test_gradients_flow_to_the_mean_stddev_and_bounds_not_through_the_draw():
    mean, stddev, high = tf.Variable(1.0), tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape() as tape:
        x = R.normal([1000], mean=mean, stddev=stddev, seed=1)
        u = R.uniform([1000], minval=0.0, maxval=high, seed=2)
        total = tf.reduce_sum(x) + tf.reduce_sum(u)
    d_mean, d_stddev, d_high = tape.gradient(total, [mean, stddev, high])
    assert d_mean.numpy() == 1000.0
    np.testing.assert_allclose(d_stddev.numpy(), np.sum((x.numpy() - 1.0) / 2.0), rtol=1e-4)
    np.testing.assert_allclose(d_high.numpy(), np.sum(u.numpy() / 3.0), rtol=1e-4)


def test_a_traced_function_draws_new_values_each_call_and_stateless_ones_repeat():
    f = tf.function(lambda: (R.uniform([4]), R.stateless_uniform([4], seed=[1, 2])))
    (a, s1), (b, s2) = f(), f()
    assert not np.array_equal(a.numpy(), b.numpy())
    assert np.array_equal(s1.numpy(), s2.numpy())
    R.set_seed(11)
    g = tf.function(lambda: R.normal([3]))
    first = [g().numpy(), g().numpy()]
    R.set_seed(11)
    g = tf.function(lambda: R.normal([3]))
    assert _same(first, [g().numpy(), g().numpy()])
    assert not np.array_equal(first[0], first[1])
