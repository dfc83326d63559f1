"""prefetch (B10, issue #7 item 7): a real background thread with a bounded buffer that stops
when its iterator is dropped or the program exits. Every wait here is bounded in time."""

import gc
import subprocess
import sys
import textwrap
import threading
import time

import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError
from tensorlet.data import Dataset

D = Dataset
SIG = tf.TensorSpec((), tf.int64)


def prefetch_threads():
    return [t for t in threading.enumerate() if t.name == "tensorlet-data-prefetch"]


def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_elements_are_produced_on_a_background_thread_B10():
    names = D.from_generator(lambda: (threading.current_thread().name for _ in range(3)),
                             output_signature=tf.TensorSpec((), tf.string))
    assert [x.decode() for x in names.prefetch(2).as_numpy_iterator()] == \
        ["tensorlet-data-prefetch"] * 3
    assert [x.decode() for x in names.as_numpy_iterator()] == [
        threading.current_thread().name] * 3


def test_the_buffer_is_bounded():
    produced = []

    def gen():
        for i in range(1000):
            produced.append(i)
            yield i

    it = iter(D.from_generator(gen, output_signature=SIG).prefetch(3))
    assert int(next(it)) == 0
    time.sleep(0.3)
    # 1 consumed + 3 buffered + 1 waiting to be put
    assert len(produced) <= 5
    del it


def test_thread_stops_when_the_iterator_is_dropped():
    before = set(prefetch_threads())
    it = iter(D.range(10).repeat().prefetch(2))
    next(it)
    started = [t for t in prefetch_threads() if t not in before]
    assert len(started) == 1
    del it
    gc.collect()
    started[0].join(timeout=5)
    assert not started[0].is_alive()


def test_breaking_out_of_a_loop_stops_the_threads():
    before = set(prefetch_threads())
    ds = D.range(10).repeat().map(lambda x: x + 1, num_parallel_calls=2).prefetch(1).prefetch(2)
    for i, _ in enumerate(ds):
        if i == 5:
            break
    gc.collect()
    assert wait_until(lambda: not (set(prefetch_threads()) - before))


def test_errors_reach_the_consumer_and_end_the_thread():
    def gen():
        yield 1
        raise ValueError("bad record")

    ds = D.from_generator(gen, output_signature=SIG).prefetch(1)
    it = iter(ds)
    assert int(next(it)) == 1
    with pytest.raises(tf.errors.UnknownError, match="bad record"):
        next(it)
    with pytest.raises(StopIteration):
        next(it)


def test_program_exit_does_not_hang_on_a_live_prefetch_iterator():
    script = textwrap.dedent("""
        import tensorlet as tf, tensorlet.data
        it = iter(tf.data.Dataset.range(5).repeat().prefetch(4))
        print(int(next(it)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "0"


def test_prefetch_sizes_B10():
    assert [int(x) for x in D.range(3).prefetch(tf.data.AUTOTUNE)] == [0, 1, 2]
    assert [int(x) for x in D.range(3).prefetch(0)] == [0, 1, 2]
    with pytest.raises(InvalidArgumentError, match="buffer_size must be >= 0"):
        D.range(3).prefetch(-5)


def test_prefetched_batches_are_the_same_as_direct_ones():
    ds = D.range(23).batch(5)
    assert [b.numpy().tolist() for b in ds.prefetch(2)] == [b.numpy().tolist() for b in ds]
