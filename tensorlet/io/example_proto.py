"""`tf.train.Example` and friends: the protobuf messages of TFRecord datasets, with the wire
format of TF's `example.proto` and `feature.proto` (byte for byte).

- `BytesList`, `FloatList`, `Int64List`: `value` (field 1; float32 and int64 packed).
- `Feature`: a oneof of `bytes_list` (1), `float_list` (2), `int64_list` (3).
- `Features`: `feature` (1), a map<string, Feature>.
- `Example`: `features` (1).
- `FeatureList`: `feature` (1, repeated Feature); `FeatureLists`: `feature_list` (1), a
  map<string, FeatureList>; `SequenceExample`: `context` (1), `feature_lists` (2).

Example:
    >>> from tensorlet.io.example_proto import BytesList, Example, Feature, Features
    >>> person = Example(features=Features(feature={
    ...     "name": Feature(bytes_list=BytesList(value=[b"Alice"]))}))
    >>> data = person.SerializeToString()
    >>> data
    b'\\n\\x13\\n\\x11\\n\\x04name\\x12\\t\\n\\x07\\n\\x05Alice'
    >>> Example.FromString(data).features.feature["name"].bytes_list.value[0]
    b'Alice'
"""

from __future__ import annotations

from ._message import DecodeError, Message

__all__ = ["BytesList", "DecodeError", "Example", "Feature", "FeatureList", "FeatureLists",
           "Features", "FloatList", "Int64List", "SequenceExample"]


class BytesList(Message):
    """A list of byte strings.

    Example:
        >>> print(BytesList(value=[b"a", b"b\\n"]), end="")
        value: "a"
        value: "b\\n"
    """

    _FIELDS = {"value": (1, "bytes", None)}


class FloatList(Message):
    """A list of float32 values (stored rounded to float32, as protobuf does).

    Example:
        >>> list(FloatList(value=[0.5, 2]).value)
        [0.5, 2.0]
    """

    _FIELDS = {"value": (1, "floats", None)}


class Int64List(Message):
    """A list of int64 values.

    Example:
        >>> Int64List(value=[1, -1]).SerializeToString()
        b'\\n\\x0b\\x01\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x01'
    """

    _FIELDS = {"value": (1, "int64s", None)}


class Feature(Message):
    """One feature: exactly one of `bytes_list`, `float_list` or `int64_list` (a oneof named
    "kind").

    Example:
        >>> feature = Feature(int64_list=Int64List(value=[7]))
        >>> feature.WhichOneof("kind"), list(feature.int64_list.value)
        ('int64_list', [7])
    """

    _FIELDS = {"bytes_list": (1, "message", BytesList), "float_list": (2, "message", FloatList),
               "int64_list": (3, "message", Int64List)}
    _ONEOF = ("bytes_list", "float_list", "int64_list")
    _ONEOF_NAME = "kind"


class Features(Message):
    """A map from feature names to `Feature`s (`feature`).

    Example:
        >>> features = Features(feature={"x": Feature(float_list=FloatList(value=[1.5]))})
        >>> sorted(features.feature), features.feature["x"].float_list.value[0]
        (['x'], 1.5)
    """

    _FIELDS = {"feature": (1, "map", Feature)}


class Example(Message):
    """One example: its `features`.

    Example:
        >>> ex = Example(features=Features(feature={"id": Feature(
        ...     int64_list=Int64List(value=[3]))}))
        >>> print(ex, end="")
        features {
          feature {
            key: "id"
            value {
              int64_list {
                value: 3
              }
            }
          }
        }
    """

    _FIELDS = {"features": (1, "message", Features)}


class FeatureList(Message):
    """A list of `Feature`s (`feature`), one per step of a sequence.

    Example:
        >>> steps = FeatureList(feature=[Feature(int64_list=Int64List(value=[1]))])
        >>> len(steps.feature)
        1
    """

    _FIELDS = {"feature": (1, "messages", Feature)}


class FeatureLists(Message):
    """A map from names to `FeatureList`s (`feature_list`).

    Example:
        >>> lists = FeatureLists(feature_list={"words": FeatureList()})
        >>> list(lists.feature_list)
        ['words']
    """

    _FIELDS = {"feature_list": (1, "map", FeatureList)}


class SequenceExample(Message):
    """A sequence example: `context` features and per-step `feature_lists`.

    Example:
        >>> seq = SequenceExample(context=Features(feature={"n": Feature(
        ...     int64_list=Int64List(value=[2]))}))
        >>> seq.context.feature["n"].int64_list.value[0]
        2
    """

    _FIELDS = {"context": (1, "message", Features), "feature_lists": (2, "message", FeatureLists)}
