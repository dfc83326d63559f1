"""What `fit`/`evaluate`/`predict` accept: arrays, Datasets, generators, PyDatasets (B4, B10)."""

import warnings

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras.trainers import data_adapter
from tensorlet.keras.trainers.epoch_iterator import EpochIterator

from ..chapter_models import housing_like, regressor


def _data_module():
    return tf.data


def _model():
    model = regressor()
    model.compile(loss="mse", optimizer="sgd", metrics=["mae"])
    return model


def test_b10_fit_evaluate_predict_on_a_dataset_of_x_y():
    data = _data_module()
    x, y = housing_like(100)
    dataset = data.Dataset.from_tensor_slices((x, y)).batch(16)
    model = _model()
    history = model.fit(dataset, epochs=3, validation_data=dataset, verbose=0)
    assert sorted(history.history) == ["loss", "mae", "val_loss", "val_mae"]
    assert history.params["steps"] == 7
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert len(model.evaluate(dataset, verbose=0)) == 2
    assert model.predict(dataset, verbose=0).shape == (100, 1)
    x_only = data.Dataset.from_tensor_slices(x).batch(32)
    assert model.predict(x_only, verbose=0).shape == (100, 1)


def test_b10_dataset_with_sample_weights_and_class_weight():
    data = _data_module()
    x = np.ones((8, 8), np.float32)
    y = np.arange(8, dtype=np.float32).reshape(8, 1)
    model = tf.keras.Sequential([tf.keras.Input((8,)),
                                 tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    weighted = data.Dataset.from_tensor_slices((x, y, np.arange(8.0))).batch(4)
    assert model.evaluate(weighted, verbose=0) == pytest.approx(
        np.sum(np.arange(8.0) ** 3) / 8)
    labels = data.Dataset.from_tensor_slices((x, np.array([0, 1] * 4))).batch(4)
    history = model.fit(labels, class_weight={0: 0.0, 1: 4.0}, verbose=0)
    assert history.history["loss"] == [pytest.approx(2.0)]  # (4 * 1) per label-1 sample / 2


def test_b10_dataset_steps_per_epoch_and_running_out_of_data():
    data = _data_module()
    x, y = housing_like(64)
    model = _model()
    repeated = data.Dataset.from_tensor_slices((x, y)).batch(16).repeat()
    history = model.fit(repeated, steps_per_epoch=3, epochs=2, verbose=0)
    assert model.optimizer.iterations.numpy() == 6 and len(history.epoch) == 2
    finite = data.Dataset.from_tensor_slices((x, y)).batch(16)
    with pytest.warns(UserWarning, match="ran out of data"):
        history = model.fit(finite, steps_per_epoch=3, epochs=3, verbose=0)
    assert len(history.epoch) == 2  # 4 batches: epoch 0 takes 3, epoch 1 gets 1 and stops


def test_b10_dataset_with_y_argument_is_an_error():
    data = _data_module()
    x, y = housing_like(8)
    with pytest.raises(ValueError, match="`y` argument is not supported"):
        _model().fit(data.Dataset.from_tensor_slices(x).batch(4), y, verbose=0)


def test_b10_validation_split_with_a_dataset_is_an_error():
    data = _data_module()
    x, y = housing_like(8)
    with pytest.raises(ValueError, match="only supported for tensors or NumPy arrays"):
        _model().fit(data.Dataset.from_tensor_slices((x, y)).batch(4), validation_split=0.2,
                     verbose=0)


def test_b4_fit_on_a_python_generator_needs_steps_per_epoch():
    x, y = housing_like(64)

    def batches():
        while True:
            for i in range(0, 64, 16):
                yield x[i:i + 16], y[i:i + 16]

    model = _model()
    history = model.fit(batches(), steps_per_epoch=4, epochs=3, verbose=0)
    assert len(history.epoch) == 3 and model.optimizer.iterations.numpy() == 12


def test_b4_finite_generator_without_steps_warns_after_the_first_epoch():
    x, y = housing_like(32)
    model = _model()
    generator = ((x[i:i + 8], y[i:i + 8]) for i in range(0, 32, 8))
    with pytest.warns(UserWarning, match="ran out of data"):
        history = model.fit(generator, epochs=3, verbose=0)
    assert history.epoch == [0, 1]


def test_b4_fit_on_a_pydataset_like_sequence():
    x, y = housing_like(40)
    ends = []

    class Batches:
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return x[8 * i:8 * i + 8], y[8 * i:8 * i + 8]

        def on_epoch_end(self):
            ends.append(True)

    model = _model()
    history = model.fit(Batches(), epochs=2, verbose=0)
    assert history.params["steps"] == 5 and len(ends) == 2
    assert model.predict(Batches(), verbose=0).shape == (40, 1)


def test_b4_tensors_are_accepted_as_arrays():
    x, y = housing_like(20)
    model = _model()
    history = model.fit(tf.constant(x), tf.constant(y), batch_size=5, verbose=0)
    assert history.params["steps"] == 4


def test_b4_float64_arrays_are_cast_to_floatx_like_keras():
    batch = data_adapter.ArrayAdapter(np.ones((4, 2)), np.ones(4, np.float64), np.ones(4),
                                      batch_size=4).peek()
    assert [part.dtype for part in batch] == [np.float32] * 3
    ints = data_adapter.ArrayAdapter(np.ones((4, 2), np.int64), batch_size=4).peek()
    assert ints[0].dtype == np.int64


def test_b4_unpack_and_pack_like_keras():
    assert data_adapter.unpack_x_y_sample_weight((1, 2, 3)) == (1, 2, 3)
    assert data_adapter.unpack_x_y_sample_weight([1]) == (1, None, None)
    assert data_adapter.unpack_x_y_sample_weight(7) == (7, None, None)
    with pytest.raises(ValueError, match="`\\(x, y, sample_weight\\)`"):
        data_adapter.unpack_x_y_sample_weight((1, 2, 3, 4))
    assert data_adapter.pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)


def test_b4_array_batches_are_views_when_not_shuffled():
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    adapter = data_adapter.ArrayAdapter(x, batch_size=4)
    first = next(adapter.batches())[0]
    assert np.shares_memory(first, x) and first.shape == (4, 1)


def test_b4_shuffle_batch_shuffles_batch_order_only():
    adapter = data_adapter.ArrayAdapter(np.arange(12), batch_size=3, shuffle="batch")
    tf.random.set_seed(1)
    batches = [b[0].tolist() for b in adapter.batches()]
    assert sorted(batches) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]


def test_b4_epoch_iterator_groups_and_learns_the_number_of_steps():
    class Stream:
        num_batches = None

        def batches(self):
            return iter([(np.zeros(1),)] * 5)

    iterator = EpochIterator(Stream(), steps_per_execution=2)
    assert iterator.num_steps is None
    groups = [(step, len(group)) for step, group in iterator.epoch()]
    assert groups == [(1, 2), (3, 2), (4, 1)]
    assert iterator.num_steps == 5


def test_b4_empty_data_warns_and_stops():
    class Empty:
        num_batches = None

        def batches(self):
            return iter([])

    iterator = EpochIterator(Empty())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert list(iterator.epoch()) == []
    assert iterator.insufficient_data and "ran out of data" in str(caught[0].message)


def test_b4_class_weight_from_one_hot_labels():
    weights = data_adapter.class_weight_to_sample_weight(np.eye(3)[[2, 0, 1]], {0: 1, 1: 2, 2: 3})
    np.testing.assert_array_equal(weights, [3.0, 1.0, 2.0])
