"""Audit of issue #7 item 7 (B10): parallel `map` really runs calls at once (order kept), a
prefetch fills its buffer while the consumer is idle, the book's CSV pipeline, `model.fit` on a
shuffled/batched/prefetched Dataset, and a training loop over a Dataset inside `tf.function`.
Values marked TF 2.21 were measured on TF with the same code; every wait is bounded."""

import threading
import time

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.data import Dataset, TextLineDataset

D = Dataset


def values(ds):
    return list(ds.as_numpy_iterator())


def test_b10_parallel_map_runs_calls_concurrently_and_keeps_the_order():
    barrier = threading.Barrier(3, timeout=5)  # breaks (and fails the test) if calls are serial
    armed = []

    def slow(x):
        if armed:  # the function is probed once when the dataset is made
            barrier.wait()
        return tf.constant(x.numpy() * 2)

    ds = D.range(6).map(slow, num_parallel_calls=3)
    armed.append(True)
    assert values(ds) == [0, 2, 4, 6, 8, 10]


def test_b10_prefetch_fills_its_buffer_in_the_background():
    produced = []

    def gen():
        for i in range(50):
            produced.append(i)
            yield i

    it = iter(D.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64)).prefetch(4))
    assert int(next(it)) == 0
    deadline = time.monotonic() + 5.0
    while len(produced) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert 5 <= len(produced) <= 6  # 1 consumed + 4 buffered (+ 1 waiting to be put)
    assert [int(next(it)) for _ in range(3)] == [1, 2, 3]
    del it


def _csv_parts(tmp_path):
    for k in range(3):
        rows = "".join(f"{k * 10 + i},{i * 0.5},{-i},{k + i * 0.1}\n" for i in range(5))
        (tmp_path / f"part_{k}.csv").write_text("a,b,c,y\n" + rows)
    return str(tmp_path / "part_*.csv")


def _preprocess(line):
    fields = tf.io.decode_csv(line, record_defaults=[0.] * 3 + [tf.constant([], tf.float32)])
    return tf.stack(fields[:-1]), tf.stack(fields[-1:])


def test_b10_book_csv_pipeline_list_files_interleave_map_batch_prefetch(tmp_path):
    files = D.list_files(_csv_parts(tmp_path), shuffle=False)
    lines = files.interleave(lambda f: TextLineDataset(f).skip(1), cycle_length=3,
                             num_parallel_calls=tf.data.AUTOTUNE)
    rows = lines.map(_preprocess, num_parallel_calls=tf.data.AUTOTUNE)
    assert rows.element_spec == (tf.TensorSpec([3], tf.float32), tf.TensorSpec([1], tf.float32))
    first = [(x.tolist(), y.tolist()) for x, y in values(rows.take(4))]
    assert first == [([0., 0., 0.], [0.]), ([10., 0., 0.], [1.]), ([20., 0., 0.], [2.]),
                     ([1., .5, -1.], [np.float32(.1).item()])]  # TF 2.21
    batches = rows.batch(4, drop_remainder=True).prefetch(1)
    assert batches.element_spec == (tf.TensorSpec([4, 3], tf.float32),
                                    tf.TensorSpec([4, 1], tf.float32))
    assert int(batches.cardinality()) == tf.data.UNKNOWN_CARDINALITY
    assert [x.shape.as_list() for x, _ in batches] == [[4, 3]] * 3  # 15 rows, remainder dropped


def test_b10_interleave_block_length_and_padded_batch_values_as_tf():
    woven = D.range(3).interleave(lambda x: D.range(10 * x, 10 * x + 3), cycle_length=2,
                                  block_length=2)
    assert values(woven) == [0, 1, 10, 11, 2, 12, 20, 21, 22]  # TF 2.21
    filled = D.range(1, 5).map(lambda x: tf.fill([x], x)).padded_batch(
        2, padded_shapes=[5], padding_values=tf.constant(-1, tf.int64))
    assert [b.tolist() for b in values(filled)] == [[[1, -1, -1, -1, -1], [2, 2, -1, -1, -1]],
                                                    [[3, 3, 3, -1, -1], [4, 4, 4, 4, -1]]]
    assert values(D.range(5).skip(2).repeat(2).take(5)) == [2, 3, 4, 2, 3]


def test_b10_fit_on_a_shuffled_batched_prefetched_dataset():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 8)).astype(np.float32)
    y = x @ np.arange(8, dtype=np.float32).reshape(8, 1)
    ds = D.from_tensor_slices((x, y)).shuffle(256, seed=1).batch(32).prefetch(tf.data.AUTOTUNE)
    model = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.05))
    history = model.fit(ds, epochs=4, verbose=0)
    losses = history.history["loss"]
    assert history.params["steps"] == 8
    assert all(b < a for a, b in zip(losses, losses[1:])) and losses[-1] < 0.1 * losses[0]


def test_b10_fit_on_a_dataset_of_named_inputs():
    x = np.linspace(-1., 1., 64, dtype=np.float32).reshape(16, 4)
    ds = D.from_tensor_slices(({"a": x[:, :2], "b": x[:, 2:]}, x.sum(1, keepdims=True))).batch(4)
    a, b = tf.keras.Input((2,), name="a"), tf.keras.Input((2,), name="b")
    out = tf.keras.layers.Dense(1)(tf.keras.layers.Concatenate()([a, b]))
    model = tf.keras.Model(inputs={"a": a, "b": b}, outputs=out)
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.1))
    losses = model.fit(ds, epochs=3, verbose=0).history["loss"]
    assert len(losses) == 3 and losses[-1] < losses[0]
    assert model.predict(ds, verbose=0).shape == (16, 1)


def test_b10_training_loop_over_a_dataset_inside_tf_function_equals_tf():
    x = np.linspace(-1, 1, 64, dtype=np.float32).reshape(32, 2)
    y = x @ np.array([[2.], [-1.]], np.float32) + 0.5
    ds = D.from_tensor_slices((x, y)).batch(8)
    w, b = tf.Variable(tf.zeros([2, 1])), tf.Variable(0.)
    optimizer = tf.keras.optimizers.SGD(0.1)

    @tf.function
    def epoch():
        total = tf.constant(0.)
        for xb, yb in ds:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.matmul(xb, w) + b - yb))
            optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
            total += loss
        return total

    np.testing.assert_allclose([float(epoch()) for _ in range(3)], [1.64602, 0.37382, 0.0947],
                               rtol=1e-4)  # TF 2.21
    np.testing.assert_allclose(w.numpy(), [[0.41942], [0.43379]], rtol=1e-4)
    np.testing.assert_allclose(b.numpy(), 0.4528, rtol=1e-4)


def test_b10_bad_line_is_named_through_interleave_and_parallel_map(tmp_path):
    (tmp_path / "f0.csv").write_text("a,b\n1,2\n3,4\n")
    (tmp_path / "f1.csv").write_text("a,b\n5,6\n7,oops\n")
    files = D.list_files(str(tmp_path / "*.csv"), shuffle=False)
    ds = files.interleave(lambda f: TextLineDataset(f).skip(1), cycle_length=2,
                          num_parallel_calls=2)
    ds = ds.map(lambda line: tf.io.decode_csv(line, [0, 0]), num_parallel_calls=2).batch(2)
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        values(ds)
    assert "Field 1 in record 0 is not a valid int32: oops" in str(info.value)
    assert f"line 3 of file '{tmp_path / 'f1.csv'}'" in str(info.value)
    missing = files.concatenate(D.from_tensors(str(tmp_path / "gone.csv"))).interleave(
        lambda f: TextLineDataset(f), cycle_length=1)
    with pytest.raises(tf.errors.NotFoundError, match="gone.csv; No such file or directory"):
        values(missing)
