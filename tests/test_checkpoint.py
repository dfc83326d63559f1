"""tf.train.Checkpoint / CheckpointManager / latest_checkpoint / list_variables / load_variable."""

import os

import numpy as np
import pytest

import tensorlet as tf
import tensorlet.train as train
from tensorlet import keras

X = np.linspace(-1, 1, 12, dtype=np.float32).reshape(4, 3)
Y = np.array([[1.0], [0.0], [2.0], [-1.0]], np.float32)


def _make():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="tanh"),
                              keras.layers.Dense(1)])
    return model, keras.optimizers.Adam(0.05)


def _step(model, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(X) - Y) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss.numpy()


def _arrays(variables):
    return [np.array(v.numpy()) for v in variables]


def _assert_same(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("build_first", [False, True])
def test_training_loop_resumes_bit_identically(tmp_path, build_first):
    model, optimizer = _make()
    for _ in range(3):
        _step(model, optimizer)
    ckpt = train.Checkpoint(model=model, optimizer=optimizer)
    path = ckpt.save(str(tmp_path / "ckpt"))
    assert path == str(tmp_path / "ckpt") + "-1"

    model2, optimizer2 = _make()
    if build_first:
        optimizer2.build(model2.trainable_variables)
    status = train.Checkpoint(model=model2, optimizer=optimizer2).restore(path)
    status.assert_existing_objects_matched()
    _assert_same(_arrays(model.weights), _arrays(model2.weights))
    assert int(optimizer2.iterations.numpy()) == 3
    if build_first:  # slots existed: restored at once
        status.assert_consumed()
        _assert_same(_arrays(optimizer.variables), _arrays(optimizer2.variables))
    else:  # slots are made at the first step and get their saved values then (as TF)
        with pytest.raises(AssertionError, match="Unresolved object"):
            status.assert_consumed()
    for _ in range(2):
        assert _step(model, optimizer) == _step(model2, optimizer2)
    status.assert_consumed()
    _assert_same(_arrays(model.weights), _arrays(model2.weights))
    _assert_same(_arrays(optimizer.variables), _arrays(optimizer2.variables))
    assert "build" not in optimizer2.__dict__  # the restore hook is gone once done


def test_adam_moments_are_in_the_checkpoint(tmp_path):
    model, optimizer = _make()
    _step(model, optimizer)
    path = train.Checkpoint(model=model, optimizer=optimizer).write(str(tmp_path / "w"))
    names = dict(train.list_variables(path))
    saved = [train.load_variable(path, f"optimizer/_variables/{i}/.ATTRIBUTES/VARIABLE_VALUE")
             for i in range(2, len(optimizer.variables))]
    _assert_same(saved, _arrays(optimizer.variables[2:]))
    assert names["optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE"] == []
    assert not np.all(saved[0] == 0)  # a momentum after one step


def test_plain_variable_module_and_late_attributes(tmp_path):
    class Net(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(tf.ones([2, 2]))
            self.sub = tf.Module()
            self.sub.b = tf.Variable([0.5, -0.5])

    net, v = Net(), tf.Variable(7, dtype=tf.int64)
    ckpt = train.Checkpoint(net=net, v=v)
    ckpt.step = tf.Variable(3.0)
    ckpt.nested = train.Checkpoint(items=[tf.Variable(1.0), {"k": tf.Variable([2.0])}])
    path = ckpt.write(str(tmp_path / "state"))
    assert path == str(tmp_path / "state")
    assert ckpt._save_counter is None  # write does not count
    keys = [name for name, _ in train.list_variables(path)]
    assert "net/sub/b/.ATTRIBUTES/VARIABLE_VALUE" in keys
    assert "nested/items/1/k/.ATTRIBUTES/VARIABLE_VALUE" in keys

    net2 = Net()
    net2.w.assign(tf.zeros([2, 2]))
    net2.sub.b.assign([9.0, 9.0])
    fresh = train.Checkpoint(net=net2, v=tf.Variable(0, dtype=tf.int64))
    fresh.step = tf.Variable(0.0)
    fresh.nested = train.Checkpoint(items=[tf.Variable(0.0), {"k": tf.Variable([0.0])}])
    status = fresh.read(path)
    np.testing.assert_array_equal(net2.w.numpy(), np.ones([2, 2], np.float32))
    np.testing.assert_array_equal(net2.sub.b.numpy(), [0.5, -0.5])
    assert fresh.v.numpy() == 7 and fresh.step.numpy() == 3.0
    assert fresh.nested.items[1]["k"].numpy()[0] == 2.0
    with pytest.raises(AssertionError, match="save_counter"):  # made by read, as TF
        status.assert_existing_objects_matched()


def test_save_counts_and_state_file(tmp_path):
    ckpt = train.Checkpoint(v=tf.Variable(1.0))
    first = ckpt.save(str(tmp_path / "x"))
    second = ckpt.save(str(tmp_path / "x"))
    assert (os.path.basename(first), os.path.basename(second)) == ("x-1", "x-2")
    assert int(ckpt.save_counter.numpy()) == 2
    assert train.latest_checkpoint(str(tmp_path)) == second
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "x-1.data-00000-of-00001",
                                            "x-1.index", "x-2.data-00000-of-00001", "x-2.index"]
    with open(tmp_path / "checkpoint") as f:
        assert f.readline() == 'model_checkpoint_path: "x-2"\n'
    fresh = train.Checkpoint(v=tf.Variable(0.0))
    fresh.restore(first).assert_consumed()
    assert int(fresh.save_counter.numpy()) == 1
    os.remove(second + ".index")
    assert train.latest_checkpoint(str(tmp_path)) is None
    assert train.latest_checkpoint(str(tmp_path / "missing")) is None


def test_manager_keeps_the_newest(tmp_path):
    v = tf.Variable(0.0)
    ckpt = train.Checkpoint(v=v)
    manager = train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=2)
    assert manager.latest_checkpoint is None and manager.checkpoints == []
    paths = []
    for i in range(4):
        v.assign(float(i))
        paths.append(manager.save())
    assert [os.path.basename(p) for p in paths] == ["ckpt-1", "ckpt-2", "ckpt-3", "ckpt-4"]
    assert manager.checkpoints == paths[2:]
    assert manager.latest_checkpoint == paths[3] == train.latest_checkpoint(str(tmp_path))
    assert not os.path.exists(paths[0] + ".index")
    assert not os.path.exists(paths[1] + ".data-00000-of-00001")
    assert os.path.exists(paths[2] + ".index")
    assert manager.save(checkpoint_number=10).endswith("ckpt-10")
    reopened = train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=2)
    assert [os.path.basename(p) for p in reopened.checkpoints] == ["ckpt-4", "ckpt-10"]

    fresh = train.Checkpoint(v=tf.Variable(-1.0))
    fresh.restore(reopened.latest_checkpoint).assert_consumed()
    assert fresh.v.numpy() == 3.0
    v.assign(9.0)
    fresh.restore(paths[3])
    assert fresh.v.numpy() == 3.0
    with pytest.raises(tf.errors.NotFoundError):  # deleted by the save of ckpt-10
        fresh.restore(paths[2])
    with pytest.raises(ValueError, match="positive integer"):
        train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=0)


def test_manager_without_limit_and_custom_name(tmp_path):
    ckpt = train.Checkpoint(v=tf.Variable(1.0))
    manager = train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=None,
                                      checkpoint_name="model")
    for _ in range(3):
        manager.save()
    assert [os.path.basename(p) for p in manager.checkpoints] == ["model-1", "model-2",
                                                                  "model-3"]
    assert len([f for f in os.listdir(tmp_path) if f.endswith(".index")]) == 3


def test_restore_none_and_missing_paths(tmp_path):
    ckpt = train.Checkpoint(v=tf.Variable(1.0))
    status = ckpt.restore(None)
    with pytest.raises(AssertionError, match="No checkpoint specified"):
        status.assert_consumed()
    assert status.expect_partial() is status
    missing = str(tmp_path / "nothere")
    with pytest.raises(tf.errors.NotFoundError, match="Error when restoring from checkpoint"):
        ckpt.restore(missing)
    with pytest.raises(tf.errors.NotFoundError, match="Failed to find any matching files"):
        ckpt.read(missing)
    with pytest.raises(tf.errors.NotFoundError):
        train.list_variables(missing)
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
        train.load_variable(str(tmp_path), "v")


def test_mismatches_and_partial_matches(tmp_path):
    path = train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(str(tmp_path / "c"))
    target = tf.Variable([0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match=r"incompatible tensor with shape \(2,\).*shape \(3,\)"):
        train.Checkpoint(v=target).restore(path)
    np.testing.assert_array_equal(target.numpy(), [0.0, 0.0, 0.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected dtype int32"):
        train.Checkpoint(v=tf.Variable([1, 2])).restore(path)
    with pytest.raises(tf.errors.NotFoundError, match="Key nope not found in checkpoint"):
        train.load_variable(path, "nope")

    extra = train.Checkpoint(v=tf.Variable([0.0, 0.0]), w=tf.Variable(1.0))
    status = extra.restore(path)
    status.assert_nontrivial_match()
    with pytest.raises(AssertionError, match="not bound to checkpointed values"):
        status.assert_consumed()
    status = train.Checkpoint(w=tf.Variable(1.0)).restore(path)
    with pytest.raises(AssertionError, match="Nothing except the root object"):
        status.assert_nontrivial_match()
    saved = train.Checkpoint(v=tf.Variable([1.0, 2.0])).save(str(tmp_path / "s"))
    status = train.Checkpoint().restore(saved)
    status.assert_existing_objects_matched()
    with pytest.raises(AssertionError, match="Unresolved object in checkpoint"):
        status.assert_consumed()
    with pytest.raises(ValueError, match="trackable object"):
        train.Checkpoint(a=1)


def test_files_are_npz_and_json_only(tmp_path):
    path = train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(str(tmp_path / "c"))
    with np.load(path + ".data-00000-of-00001", allow_pickle=False) as data:
        assert [data[k].tolist() for k in data.files] == [[1.0, 2.0]]
    with open(path + ".index", "rb") as f:
        assert f.read(1) == b"{"
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".tmp")]
    with open(path + ".index", "w") as f:
        f.write("not json")
    with pytest.raises(tf.errors.DataLossError):
        train.Checkpoint(v=tf.Variable([0.0, 0.0])).restore(path)
