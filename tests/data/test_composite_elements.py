"""SparseTensor values as dataset elements (values recorded from TF 2.21)."""

import numpy as np
import pytest

import tensorlet as tf


def _sp():
    return tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1., 2.], dense_shape=[3, 4])


def _parts(s):
    return s.indices.numpy().tolist(), s.values.numpy().tolist(), s.dense_shape.numpy().tolist()


def test_from_tensors_spec_and_value():
    ds = tf.data.Dataset.from_tensors(_sp())
    # TF: SparseTensorSpec(TensorShape([3, 4]), tf.float32)
    assert repr(ds.element_spec) == "SparseTensorSpec(TensorShape([3, 4]), tf.float32)"
    (x,) = list(ds)
    assert isinstance(x, tf.SparseTensor)
    assert _parts(x) == ([[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    # TF: as_numpy_iterator gives the dense value
    np.testing.assert_array_equal(next(ds.as_numpy_iterator()),
                                  [[1, 0, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0]])


def test_from_tensor_slices_rows():
    ds = tf.data.Dataset.from_tensor_slices(_sp())
    assert repr(ds.element_spec) == "SparseTensorSpec(TensorShape([4]), tf.float32)"
    # TF: [[0]] [1.0] [4] / [[2]] [2.0] [4] / [] [] [4]
    assert [_parts(x) for x in ds] == [([[0]], [1.0], [4]), ([[2]], [2.0], [4]), ([], [], [4])]


def test_map_sparse_in_and_out():
    ds = tf.data.Dataset.from_tensor_slices(_sp())
    dense = ds.map(lambda s: tf.sparse.to_dense(s))
    assert dense.element_spec == tf.TensorSpec([4], tf.float32)
    assert [x.tolist() for x in dense.as_numpy_iterator()] == [
        [1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    pair = ds.map(lambda s: (s, 1))
    # TF: (SparseTensorSpec(TensorShape([4]), tf.float32), TensorSpec(shape=(), ...int32...))
    assert repr(pair.element_spec[0]) == "SparseTensorSpec(TensorShape([4]), tf.float32)"
    assert pair.element_spec[1] == tf.TensorSpec([], tf.int32)
    assert repr(ds.map(tf.sparse.reorder).element_spec) == \
        "SparseTensorSpec(TensorShape([4]), tf.float32)"


def test_batch_and_unbatch_sparse():
    ds = tf.data.Dataset.from_tensor_slices(_sp())
    b = ds.batch(2)
    assert repr(b.element_spec) == "SparseTensorSpec(TensorShape([None, 4]), tf.float32)"
    # TF: [[0, 0], [1, 2]] [1.0, 2.0] [2, 4] / [] [] [1, 4]
    assert [_parts(x) for x in b] == [([[0, 0], [1, 2]], [1.0, 2.0], [2, 4]),
                                      ([], [], [1, 4])]
    assert repr(ds.batch(2, drop_remainder=True).element_spec) == \
        "SparseTensorSpec(TensorShape([2, 4]), tf.float32)"
    u = tf.data.Dataset.from_tensors(_sp()).unbatch()
    assert [x.tolist() for x in u.as_numpy_iterator()] == [
        [1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0]]


def test_nested_dict_with_dense_component():
    st = tf.SparseTensor([[0, 1], [2, 0]], [10, 20], [3, 2])
    z = tf.data.Dataset.from_tensor_slices({"s": st, "d": [1., 2., 3.]})
    assert repr(z.element_spec) == ("{'s': SparseTensorSpec(TensorShape([2]), tf.int32), "
                                    "'d': TensorSpec(shape=(), dtype=tf.float32, name=None)}")
    # TF: 1.0 [[1]] [10] [2] / 2.0 [] [] [2] / 3.0 [[0]] [20] [2]
    assert [(x["d"].numpy(), _parts(x["s"])) for x in z] == [
        (1.0, ([[1]], [10], [2])), (2.0, ([], [], [2])), (3.0, ([[0]], [20], [2]))]
    sums = z.map(lambda e: tf.sparse.reduce_sum(e["s"]))
    assert sums.element_spec == tf.TensorSpec([], tf.int32)
    assert list(sums.as_numpy_iterator()) == [10, 0, 20]
    assert len(list(z.filter(lambda e: e["d"] > 1.))) == 2
    assert repr(z.batch(2, drop_remainder=True).element_spec["s"]) == \
        "SparseTensorSpec(TensorShape([2, 2]), tf.int32)"
    with pytest.raises(TypeError):
        z.padded_batch(2)  # TF: TypeError too


def _contacts(tmp_path):
    path = str(tmp_path / "c.tfrecord")
    E = tf.train
    with tf.io.TFRecordWriter(path) as f:
        for i, em in enumerate([[b"a@b.com", b"c@d.com"], [b"x@y.z"], []]):
            f.write(E.Example(features=E.Features(feature={
                "id": E.Feature(int64_list=E.Int64List(value=[i])),
                "emails": E.Feature(bytes_list=E.BytesList(value=em))})).SerializeToString())
    return path


FD = {"id": tf.io.FixedLenFeature([], tf.int64, default_value=0),
      "emails": tf.io.VarLenFeature(tf.string)}


def test_parse_single_example_in_map(tmp_path):
    ds = tf.data.TFRecordDataset([_contacts(tmp_path)]).map(
        lambda s: tf.io.parse_single_example(s, FD))
    assert repr(ds.element_spec) == (
        "{'emails': SparseTensorSpec(TensorShape([None]), tf.string), "
        "'id': TensorSpec(shape=(), dtype=tf.int64, name=None)}")
    got = [(x["id"].numpy(), tf.sparse.to_dense(x["emails"], default_value=b"").numpy().tolist())
           for x in ds]
    assert got == [(0, [b"a@b.com", b"c@d.com"]), (1, [b"x@y.z"]), (2, [])]
    b = ds.batch(2)
    # TF: [[0, 0], [0, 1], [1, 0]] [b'a@b.com', b'c@d.com', b'x@y.z'] [2, 2] / [] [] [1, 0]
    assert [_parts(x["emails"]) for x in b] == [
        ([[0, 0], [0, 1], [1, 0]], [b"a@b.com", b"c@d.com", b"x@y.z"], [2, 2]),
        ([], [], [1, 0])]


def test_parse_example_after_batch(tmp_path):
    ds = tf.data.TFRecordDataset([_contacts(tmp_path)]).batch(2).map(
        lambda s: tf.io.parse_example(s, FD))
    assert repr(ds.element_spec["emails"]) == \
        "SparseTensorSpec(TensorShape([None, None]), tf.string)"
    assert [x["emails"].dense_shape.numpy().tolist() for x in ds] == [[2, 2], [1, 0]]
    u = ds.unbatch()
    assert repr(u.element_spec["emails"]) == "SparseTensorSpec(TensorShape([None]), tf.string)"
    assert [x["emails"].dense_shape.numpy().tolist() for x in u] == [[2], [2], [0]]


def test_sparse_tensor_spec():
    spec = tf.SparseTensorSpec([None], tf.string)
    assert repr(spec) == "SparseTensorSpec(TensorShape([None]), tf.string)"
    assert tf.SparseTensorSpec.from_value(_sp()) == tf.SparseTensorSpec([3, 4], tf.float32)
    assert spec.is_compatible_with(tf.SparseTensorSpec([5], tf.string))
    assert not spec.is_compatible_with(tf.SparseTensorSpec([5], tf.int32))
