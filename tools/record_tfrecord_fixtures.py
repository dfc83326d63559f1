"""Writes the tiny TFRecord fixtures of tests/io/test_tfrecord.py with real TensorFlow.

Run once with TF's interpreter: `/root/tfenv/bin/python tools/record_tfrecord_fixtures.py`.
It writes tests/fixtures/tfrecord/: plain, GZIP and ZLIB files of the same three records, and
a file of serialized `tf.train.Example`s (with `deterministic=True`, so map entries are sorted
by key and the bytes do not depend on protobuf's hash order).
"""

import pathlib

import tensorflow as tf

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tfrecord"
RECORDS = [b"hello", b"", b"x" * 300]


def _examples() -> list:
    def feature(**kw):
        return tf.train.Feature(**kw)

    first = tf.train.Example(features=tf.train.Features(feature={
        "name": feature(bytes_list=tf.train.BytesList(value=[b"Alice"])),
        "id": feature(int64_list=tf.train.Int64List(value=[123, -1])),
        "emails": feature(bytes_list=tf.train.BytesList(value=[b"a@b.com", b"c@d.com"])),
        "score": feature(float_list=tf.train.FloatList(value=[1.5, -2.0, 0.1]))}))
    second = tf.train.Example(features=tf.train.Features(feature={
        "name": feature(bytes_list=tf.train.BytesList(value=[b"Bob"])),
        "id": feature(int64_list=tf.train.Int64List(value=[2**40, 0])),
        "score": feature(float_list=tf.train.FloatList(value=[]))}))
    return [e.SerializeToString(deterministic=True) for e in (first, second)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, compression in (("plain", None), ("gzip", "GZIP"), ("zlib", "ZLIB")):
        with tf.io.TFRecordWriter(str(OUT / f"{name}.tfrecord"), compression) as writer:
            for record in RECORDS:
                writer.write(record)
    with tf.io.TFRecordWriter(str(OUT / "examples.tfrecord")) as writer:
        for record in _examples():
            writer.write(record)


if __name__ == "__main__":
    main()
