"""shuffle (B10, issue #7 item 7): TF's sliding buffer of `buffer_size` elements, seeds from
`tf.random.set_seed` and `seed`, `reshuffle_each_iteration`."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError
from tensorlet.data import Dataset

D = Dataset


def order(ds):
    return [int(x) for x in ds.as_numpy_iterator()]


@pytest.fixture(autouse=True)
def _no_global_seed():
    tf.random.set_seed(None)
    yield
    tf.random.set_seed(None)


@pytest.mark.parametrize("make", [lambda n: D.from_tensor_slices(np.arange(n)),
                                  lambda n: D.range(n).map(lambda x: x)],
                         ids=["indexed", "elements"])
@pytest.mark.parametrize("size", [1, 7, 50, 1000])
def test_shuffle_is_a_sliding_buffer_permutation_B10(make, size):
    n = 300
    got = order(make(n).shuffle(size, seed=11))
    assert sorted(got) == list(range(n))
    # when output k is produced, only elements 0 .. k + size - 1 have been read
    assert all(x < k + size for k, x in enumerate(got))
    if size == 1:
        assert got == list(range(n))
    if size >= n:
        assert got != list(range(n))


def test_indexed_and_element_paths_give_the_same_order():
    fast = D.from_tensor_slices(np.arange(5000)).shuffle(300, seed=2)
    slow = D.range(5000).map(lambda x: x).shuffle(300, seed=2)
    assert fast._view() is not None and slow._view() is None
    assert order(fast) == order(slow)


def test_reshuffle_each_iteration_B10():
    ds = D.range(100).shuffle(100, seed=1)
    first, second = order(ds), order(ds)
    assert first != second and sorted(first) == sorted(second)
    fixed = D.range(100).shuffle(100, seed=1, reshuffle_each_iteration=False)
    assert order(fixed) == order(fixed)
    epochs = order(D.range(50).shuffle(50, seed=3).repeat(2))
    assert epochs[:50] != epochs[50:] and sorted(epochs[:50]) == sorted(epochs[50:])
    same = order(D.range(50).shuffle(50, seed=3, reshuffle_each_iteration=False).repeat(2))
    assert same[:50] == same[50:]


def test_op_seed_alone_fixes_the_orders():
    a = D.range(200).shuffle(200, seed=42)
    b = D.range(200).shuffle(200, seed=42)
    assert order(a) == order(b) and order(a) == order(b)
    assert order(D.range(200).shuffle(200, seed=43)) != order(D.range(200).shuffle(200, seed=42))


def test_global_seed_makes_orders_reproducible_like_tf_B10():
    tf.random.set_seed(7)
    a1 = D.range(200).shuffle(200)
    a2 = D.range(200).shuffle(200)
    first = (order(a1), order(a1), order(a2))
    tf.random.set_seed(7)
    b1 = D.range(200).shuffle(200)
    b2 = D.range(200).shuffle(200)
    assert (order(b1), order(b1), order(b2)) == first
    assert first[0] != first[2]  # each dataset made after set_seed gets its own op seed


def test_no_seed_gives_fresh_orders():
    assert order(D.range(500).shuffle(500)) != order(D.range(500).shuffle(500))


def test_seeded_order_is_the_same_in_a_new_process():
    script = textwrap.dedent("""
        import tensorlet as tf, tensorlet.data
        tf.random.set_seed(3)
        ds = tf.data.Dataset.range(30).shuffle(10)
        print([int(x) for x in ds], [int(x) for x in ds.shuffle(5, seed=9)])
    """)
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=120, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1] and runs[0].startswith("[")


def test_shuffle_buffer_size_errors_match_tf():
    for size in (0, -1, -5):
        with pytest.raises(InvalidArgumentError, match="buffer_size must be greater than zero "
                                                       "or UNKNOWN_CARDINALITY"):
            D.range(3).shuffle(size)
    full = order(D.range(40).shuffle(tf.data.UNKNOWN_CARDINALITY, seed=1))
    assert sorted(full) == list(range(40)) and full != list(range(40))


def test_list_files_shuffles_by_default(tmp_path):
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text("x")
    names = [x.decode() for x in D.list_files(str(tmp_path / "*.txt"), seed=1)
             .as_numpy_iterator()]
    assert sorted(names) == sorted(str(p) for p in tmp_path.glob("*.txt"))
    plain = [x.decode() for x in D.list_files(str(tmp_path / "*.txt"), shuffle=False)
             .as_numpy_iterator()]
    assert plain == sorted(plain)
