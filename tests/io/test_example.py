"""tf.train.Example messages (wire format byte-identical to TF's) and tf.io.parse_example /
parse_single_example, eager and in tf.data pipelines."""

import pathlib

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.io.example_proto import (
    BytesList,
    DecodeError,
    Example,
    Feature,
    FeatureList,
    Features,
    FloatList,
    Int64List,
    SequenceExample,
)

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "tfrecord"


def _tf_examples() -> list:
    return [r.numpy() for r in tf.data.TFRecordDataset(str(FIXTURES / "examples.tfrecord"))]


def _alice() -> Example:
    return Example(features=Features(feature={
        "name": Feature(bytes_list=BytesList(value=[b"Alice"])),
        "id": Feature(int64_list=Int64List(value=[123, -1])),
        "emails": Feature(bytes_list=BytesList(value=[b"a@b.com", b"c@d.com"])),
        "score": Feature(float_list=FloatList(value=[1.5, -2.0, 0.1]))}))


def _bob() -> Example:
    return Example(features=Features(feature={
        "name": Feature(bytes_list=BytesList(value=[b"Bob"])),
        "id": Feature(int64_list=Int64List(value=[2**40, 0])),
        "score": Feature(float_list=FloatList(value=[]))}))


def test_serialization_is_byte_identical_to_tf():
    assert [_alice().SerializeToString(deterministic=True),
            _bob().SerializeToString(deterministic=True)] == _tf_examples()


def test_default_serialization_keeps_insertion_order():
    data = _alice().SerializeToString()
    assert data.index(b"name") < data.index(b"emails")
    assert Example.FromString(data) == _alice()


def test_parse_tf_bytes_and_attribute_access():
    alice, bob = (Example.FromString(b) for b in _tf_examples())
    feature = alice.features.feature
    assert list(feature["name"].bytes_list.value) == [b"Alice"]
    assert list(feature["id"].int64_list.value) == [123, -1]
    assert feature["score"].float_list.value[2] == float(np.float32(0.1))
    assert bob.features.feature["score"].WhichOneof("kind") == "float_list"
    assert bob.features.feature["id"].int64_list.value[0] == 2**40
    parsed = Example()
    parsed.ParseFromString(_tf_examples()[0])
    assert parsed == alice and parsed != bob


def test_text_format():
    text = str(Example(features=Features(feature={"n": Feature(
        float_list=FloatList(value=[1.5, -2.0])), "s": Feature(bytes_list=BytesList(
            value=[b'q"\n\xff']))})))
    assert text == ('features {\n  feature {\n    key: "n"\n    value {\n      float_list {\n'
                    '        value: 1.5\n        value: -2\n      }\n    }\n  }\n  feature {\n'
                    '    key: "s"\n    value {\n      bytes_list {\n'
                    '        value: "q\\"\\n\\377"\n      }\n    }\n  }\n}\n')
    assert str(Example()) == ""


def test_mutation_api_and_oneof():
    ex = Example()
    ex.features.feature["x"].int64_list.value.append(5)
    ex.features.feature["x"].int64_list.value.extend([6, 7])
    assert ex.HasField("features")
    assert Example.FromString(ex.SerializeToString()).features.feature["x"].int64_list.value \
        == [5, 6, 7]
    feature = ex.features.feature["x"]
    feature.bytes_list.value.append(b"now bytes")
    assert feature.WhichOneof("kind") == "bytes_list"
    assert Feature.FromString(feature.SerializeToString()).WhichOneof("kind") == "bytes_list"
    assert Feature().SerializeToString() == b""
    assert Feature(bytes_list=BytesList()).SerializeToString() == b"\n\x00"


def test_sequence_example_round_trip():
    seq = SequenceExample(context=Features(feature={"n": Feature(
        int64_list=Int64List(value=[2]))}))
    steps = seq.feature_lists.feature_list["words"]
    steps.feature.add(bytes_list=BytesList(value=[b"hi"]))
    steps.feature.append(Feature(bytes_list=BytesList(value=[b"there"])))
    back = SequenceExample.FromString(seq.SerializeToString())
    assert [f.bytes_list.value[0] for f in back.feature_lists.feature_list["words"].feature] \
        == [b"hi", b"there"]
    assert len(FeatureList(feature=[Feature()]).feature) == 1


def test_type_errors_as_protobuf():
    with pytest.raises(TypeError, match="expected one of: bytes"):
        BytesList(value=["Alice"])
    with pytest.raises(TypeError, match="expected one of: int"):
        Int64List(value=[1.5])
    with pytest.raises(ValueError, match="out of range"):
        Int64List(value=[2**63])
    with pytest.raises(ValueError, match='no "bad" field'):
        Feature(bad=1)
    with pytest.raises(AttributeError, match="Assignment not allowed"):
        Example().features = Features()
    with pytest.raises(DecodeError):
        Example.FromString(b"\n\xff")


SPEC = {"name": tf.io.FixedLenFeature([], tf.string, default_value=""),
        "id": tf.io.FixedLenFeature([2], tf.int64),
        "emails": tf.io.VarLenFeature(tf.string),
        "age": tf.io.FixedLenFeature([], tf.int64, default_value=7)}


def test_parse_single_example():
    parsed = tf.io.parse_single_example(_tf_examples()[0], SPEC)
    assert list(parsed) == ["age", "emails", "id", "name"]
    assert parsed["name"].numpy() == b"Alice" and int(parsed["age"]) == 7
    assert parsed["id"].numpy().tolist() == [123, -1]
    emails = parsed["emails"]
    assert emails.indices.numpy().tolist() == [[0], [1]]
    assert emails.dense_shape.numpy().tolist() == [2]
    assert tf.sparse.to_dense(emails, default_value=b"").numpy().tolist() == [b"a@b.com",
                                                                               b"c@d.com"]


def test_parse_example_batch_sparse_and_ragged():
    batch = tf.constant(_tf_examples())
    parsed = tf.io.parse_example(batch, {"emails": tf.io.VarLenFeature(tf.string),
                                         "score": tf.io.RaggedFeature(tf.float32),
                                         "id": tf.io.FixedLenFeature([2], tf.int64)})
    assert parsed["id"].numpy().tolist() == [[123, -1], [2**40, 0]]
    assert parsed["emails"].indices.numpy().tolist() == [[0, 0], [0, 1]]
    assert parsed["emails"].dense_shape.numpy().tolist() == [2, 2]
    assert parsed["score"].row_splits.numpy().tolist() == [0, 3, 3]


@pytest.mark.parametrize("spec,message", [
    ({"zzz": tf.io.FixedLenFeature([], tf.int64)},
     r"Feature: zzz \(data type: int64\) is required but could not be found"),
    ({"name": tf.io.FixedLenFeature([], tf.int64)},
     "Key: name.  Data types don't match. Data type: string but expected type: int64"),
    ({"id": tf.io.FixedLenFeature([3], tf.int64)}, "Some int64_list slice was not parsed"),
    ({"id": tf.io.VarLenFeature(tf.float32)},
     "Data types don't match. Expected type: float, Actual type: int64"),
    ({"score": tf.io.FixedLenFeature([3], tf.float64)},
     "attr 'Tdense' of double is not in the list of allowed values"),
])
def test_parse_errors(spec, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        tf.io.parse_single_example(_tf_examples()[0], spec)


def test_parse_garbage():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Could not parse example input, value: 'garbage'"):
        tf.io.parse_example([_tf_examples()[0], b"garbage"], SPEC)


def test_parse_in_dataset_map(tmp_path):
    path = str(tmp_path / "contacts.tfrecord")
    with tf.io.TFRecordWriter(path) as writer:
        for example in (_alice(), _bob()):
            writer.write(example.SerializeToString())
    spec = {"name": tf.io.FixedLenFeature([], tf.string),
            "id": tf.io.FixedLenFeature([2], tf.int64)}

    def parse(serialized):
        return tf.io.parse_single_example(serialized, spec)

    names = [e["name"].numpy() for e in tf.data.TFRecordDataset([path]).map(parse)]
    assert names == [b"Alice", b"Bob"]
    batches = list(tf.data.TFRecordDataset([path]).batch(2).map(
        lambda s: tf.io.parse_example(s, spec)))
    assert batches[0]["id"].numpy().tolist() == [[123, -1], [2**40, 0]]
