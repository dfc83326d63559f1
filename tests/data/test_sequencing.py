"""repeat, take, skip, shard, cache, enumerate (B10, issue #7 item 7), and cardinality with
TF 2.21's INFINITE (-1) / UNKNOWN (-2) rules and `len()`."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError
from tensorlet.data import Dataset

D = Dataset
R = D.range(10)
UNKNOWN = R.filter(lambda x: True)


def values(ds):
    return list(ds.as_numpy_iterator())


def card(ds):
    return int(ds.cardinality())


def test_constants_match_tf_B10():
    assert tf.data.INFINITE_CARDINALITY == -1 and tf.data.UNKNOWN_CARDINALITY == -2
    assert tf.data.AUTOTUNE == -1
    assert tf.data.experimental.AUTOTUNE == -1
    assert R.cardinality().dtype == tf.int64
    assert int(tf.data.experimental.cardinality(R)) == 10


def test_repeat_B10():
    assert values(D.range(3).repeat(2)) == [0, 1, 2, 0, 1, 2]
    assert values(D.range(2).repeat().take(5)) == [0, 1, 0, 1, 0]
    assert values(D.range(3).repeat(0)) == []
    assert values(D.range(0).repeat()) == []  # an empty dataset repeated forever is empty


def test_take_and_skip_B10():
    assert values(R.take(3)) == [0, 1, 2]
    assert values(R.take(-1)) == list(range(10))
    assert values(R.skip(7)) == [7, 8, 9]
    assert values(R.skip(-1)) == []
    assert values(R.repeat().skip(8).take(4)) == [8, 9, 0, 1]
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int64"):
        R.take(1.5)


def test_shard():
    assert values(R.shard(3, 1)) == [1, 4, 7]
    assert card(R.shard(3, 1)) == 3
    assert values(D.from_tensor_slices(np.arange(10)).shuffle(4, seed=1).shard(2, 0)) == \
        values(D.from_tensor_slices(np.arange(10)).shuffle(4, seed=1))[::2]
    with pytest.raises(InvalidArgumentError):
        R.shard(2, 2)


def test_enumerate():
    ds = D.from_tensor_slices([7, 8]).enumerate(start=5)
    assert values(ds) == [(5, 7), (6, 8)]
    spec = D.from_tensor_slices(([7, 8], [1., 2.])).enumerate().element_spec
    assert spec == (tf.TensorSpec([], tf.int64),
                    (tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.float32)))


def test_cache_replays_the_first_complete_pass_B10():
    calls = []

    def gen():
        calls.append(1)
        yield from range(3)

    ds = D.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64)).cache()
    assert values(ds) == values(ds) == [0, 1, 2]
    assert len(calls) == 1


def test_cache_after_shuffle_fixes_the_order_and_partial_passes_do_not_fill_it():
    ds = D.from_tensor_slices(np.arange(20)).shuffle(20, seed=5).cache()
    first = next(iter(ds))  # a partial pass
    full = values(ds)
    assert values(ds) == full and sorted(full) == list(range(20))
    assert first is not None
    generic = D.range(20).map(lambda x: x).shuffle(20, seed=5).cache()
    assert values(generic) == values(generic)
    assert values(D.range(3).cache("ignored-file-name")) == [0, 1, 2]


@pytest.mark.parametrize("ds, expected", [
    (R.filter(lambda x: True), -2), (R.repeat().filter(lambda x: True), -2),
    (R.flat_map(lambda x: D.range(2)), -2), (R.interleave(lambda x: D.range(2)), -2),
    (R.take(3), 3), (R.take(30), 10), (R.take(-1), 10), (R.repeat().take(5), 5),
    (UNKNOWN.take(3), -2),
    (R.skip(3), 7), (R.skip(30), 0), (R.skip(-1), 0), (R.repeat().skip(5), -1),
    (UNKNOWN.skip(3), -2),
    (R.repeat(3), 30), (R.repeat(0), 0), (D.range(0).repeat(), 0), (UNKNOWN.repeat(), -1),
    (UNKNOWN.repeat(2), -2), (R.repeat(-5), -1),
    (R.batch(3), 4), (R.batch(3, drop_remainder=True), 3), (R.repeat().batch(3), -1),
    (UNKNOWN.batch(2), -2), (R.padded_batch(3), 4),
    (D.zip(R, R.repeat()), 10), (D.zip(R.repeat(), UNKNOWN), -2), (D.zip(R, UNKNOWN), -2),
    (R.concatenate(R.repeat()), -1), (R.concatenate(UNKNOWN), -2),
    (R.repeat().concatenate(UNKNOWN), -1),
    (R.enumerate(), 10), (R.repeat().enumerate(), -1),
    (R.shuffle(3), 10), (R.cache(), 10), (R.prefetch(1), 10), (R.map(lambda x: x), 10),
])
def test_cardinality_matches_tf_2_21_B10(ds, expected):
    assert card(ds) == expected


def test_len_like_tf_B10():
    assert len(R) == 10 and len(R.batch(3)) == 4 and len(R.window(3)) == 4
    with pytest.raises(TypeError, match="The dataset is infinite."):
        len(R.repeat())
    with pytest.raises(TypeError, match="The dataset length is unknown."):
        len(UNKNOWN)
    assert bool(D.range(0)) is True


def test_with_options_and_options_are_accepted():
    options = tf.data.Options()
    options.deterministic = True
    assert values(D.range(2).with_options(options)) == [0, 1]
    assert isinstance(D.range(2).options(), tf.data.Options)
