"""A small protobuf message model: declared fields, containers that mark their message as set
when they change, wire encoding/decoding and protobuf's text format.

A message class lists its fields in `_FIELDS` as `name: (number, kind, type)`; kinds are
"message" (a sub-message), "map" (map<string, message>), "messages" (repeated message),
"bytes" (repeated bytes), "floats" (packed float32) and "int64s" (packed int64). `_ONEOF`
names a oneof group: setting one of its fields clears the others.
"""

from __future__ import annotations

import numpy as np

from . import _wire

__all__ = ["Message", "DecodeError"]

DecodeError = _wire.DecodeError
_INT64 = (-(1 << 63), (1 << 63) - 1)


def _check_scalar(kind: str, value):
    if kind == "bytes":
        if not isinstance(value, bytes):
            raise TypeError(f"{value!r} has type {type(value).__name__}, but expected one of: "
                            f"bytes")
        return value
    if isinstance(value, (bool, str, bytes)) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{value!r} has type {type(value).__name__}, but expected one of: "
                        f"{'int' if kind == 'int64s' else 'int, float'}")
    if kind == "floats":
        return float(np.float32(value))
    if isinstance(value, (float, np.floating)):
        raise TypeError(f"{value!r} has type {type(value).__name__}, but expected one of: int")
    if not _INT64[0] <= int(value) <= _INT64[1]:
        raise ValueError(f"Value out of range: {value}")
    return int(value)


class RepeatedScalars:
    """The list of a repeated scalar field (`BytesList.value`...): append, extend, index."""

    def __init__(self, owner, kind: str) -> None:
        self._owner, self._kind, self._items = owner, kind, []

    def append(self, value) -> None:
        self._items.append(_check_scalar(self._kind, value))
        self._owner._mark()

    def extend(self, values) -> None:
        self._items.extend(_check_scalar(self._kind, v) for v in values)
        self._owner._mark()

    def __setitem__(self, index, value) -> None:
        if isinstance(index, slice):
            self._items[index] = [_check_scalar(self._kind, v) for v in value]
        else:
            self._items[index] = _check_scalar(self._kind, value)

    def __delitem__(self, index) -> None:
        del self._items[index]

    def __getitem__(self, index):
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if hasattr(other, "__iter__") else NotImplemented

    def __repr__(self) -> str:
        return repr(self._items)


class RepeatedMessages(RepeatedScalars):
    """The list of a repeated message field (`FeatureList.feature`): `add`, `append`..."""

    def __init__(self, owner, cls) -> None:
        super().__init__(owner, "messages")
        self._cls = cls

    def add(self, **fields):
        """Appends a new message (built from `fields`) and returns it."""
        item = self._cls(**fields)
        object.__setattr__(item, "_parent", self._owner)
        self._items.append(item)
        self._owner._mark()
        return item

    def append(self, value) -> None:
        self.add().CopyFrom(value)

    def extend(self, values) -> None:
        for value in values:
            self.append(value)


class MessageMap:
    """A map<string, message> field: reading a missing key adds an empty message (protobuf)."""

    def __init__(self, owner, cls) -> None:
        self._owner, self._cls, self._items = owner, cls, {}

    def __getitem__(self, name: str):
        if name not in self._items:
            if not isinstance(name, str):
                raise TypeError(f"{name!r} has type {type(name).__name__}, but expected one "
                                f"of: str")
            item = self._cls()
            object.__setattr__(item, "_parent", self._owner)
            self._items[name] = item
            self._owner._mark()
        return self._items[name]

    def __setitem__(self, name: str, value) -> None:
        self[name].CopyFrom(value)

    def get_or_create(self, name: str):
        return self[name]

    def get(self, name: str, default=None):
        return self._items.get(name, default)

    def __delitem__(self, name: str) -> None:
        del self._items[name]

    def __contains__(self, name) -> bool:
        return name in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def keys(self):
        return self._items.keys()

    def values(self):
        return self._items.values()

    def items(self):
        return self._items.items()

    def __eq__(self, other) -> bool:
        return dict(self.items()) == dict(other.items()) if hasattr(other, "items") else False

    def __repr__(self) -> str:
        return repr(self._items)


def _escape(data: bytes) -> str:
    out = []
    for byte in data:
        char = chr(byte)
        if char in "\"'\\":
            out.append("\\" + char)
        elif char in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return "".join(out)


def _float_text(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}[str(value)]
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if np.float32(float(text)) == np.float32(value):
            return text
    return repr(value)


class Message:
    """The base of the message classes: keyword construction, fields as attributes,
    `SerializeToString`, `FromString`, `ParseFromString` and a text-format `str()`."""

    _FIELDS: dict = {}
    _ONEOF: tuple = ()
    _ONEOF_NAME = ""

    def __init__(self, **fields) -> None:
        object.__setattr__(self, "_parent", None)
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_present", set())
        for name, value in fields.items():
            if name not in self._FIELDS:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{name}" '
                                 f'field.')
            if value is None:
                continue
            number, kind, cls = self._FIELDS[name]
            target = getattr(self, name)
            if kind == "message":
                target.CopyFrom(value if isinstance(value, Message) else cls(**value))
                self._mark(name)
            elif kind == "map":
                for k, v in value.items():
                    target[k] = v if isinstance(v, Message) else cls(**v)
            else:
                target.extend(value)

    def __getattr__(self, name: str):
        try:
            number, kind, cls = type(self)._FIELDS[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None
        field = _Child(self, name)
        if kind == "message":
            value = cls()
            object.__setattr__(value, "_parent", field)
        elif kind == "map":
            value = MessageMap(field, cls)
        elif kind == "messages":
            value = RepeatedMessages(field, cls)
        else:
            value = RepeatedScalars(field, kind)
        self._values[name] = value
        object.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"Assignment not allowed to field \"{name}\" in protocol "
                             f"message object.")

    def _mark(self, name: str | None = None) -> None:
        """Records that field `name` is set (clearing the rest of its oneof), upwards."""
        if name is not None and name not in self._present:
            if name in self._ONEOF:
                for other in self._ONEOF:
                    if other != name:
                        self._present.discard(other)
            self._present.add(name)
        if self._parent is not None:
            self._parent._mark()

    def HasField(self, name: str) -> bool:  # noqa: N802 (protobuf's API)
        """Whether a sub-message field is set."""
        return name in self._present

    def WhichOneof(self, group: str):  # noqa: N802
        """The name of the set field of the oneof `group`, or None."""
        if group != self._ONEOF_NAME:
            raise ValueError(f'Protocol message has no oneof "{group}" field.')
        return next((n for n in self._ONEOF if n in self._present), None)

    def _set_fields(self):
        for name in sorted(self._FIELDS, key=lambda n: self._FIELDS[n][0]):
            kind = self._FIELDS[name][1]
            if kind == "message" and name not in self._present:
                continue
            value = self._values.get(name)
            if value is not None and (kind == "message" or len(value)):
                yield name, kind, value

    def SerializeToString(self, deterministic: bool = False) -> bytes:  # noqa: N802
        """The wire-format bytes. Map entries come in insertion order, or sorted by key with
        `deterministic=True` (TF's protobuf uses an unspecified order otherwise)."""
        out = []
        for name, kind, value in self._set_fields():
            number = self._FIELDS[name][0]
            if kind == "message":
                out.append(_wire.length_delimited(number, value.SerializeToString(
                    deterministic)))
            elif kind == "map":
                keys = sorted(value) if deterministic else list(value)
                for k in keys:
                    entry = _wire.length_delimited(1, k.encode("utf-8")) + _wire.length_delimited(
                        2, value[k].SerializeToString(deterministic))
                    out.append(_wire.length_delimited(number, entry))
            elif kind == "messages":
                out.extend(_wire.length_delimited(number, m.SerializeToString(deterministic))
                           for m in value)
            elif kind == "bytes":
                out.extend(_wire.length_delimited(number, b) for b in value)
            elif kind == "floats":
                out.append(_wire.packed_floats(number, list(value)))
            else:
                out.append(_wire.packed_int64s(number, list(value)))
        return b"".join(out)

    def ByteSize(self) -> int:  # noqa: N802
        return len(self.SerializeToString())

    def MergeFromString(self, data) -> int:  # noqa: N802
        """Merges the fields of serialized bytes into this message."""
        by_number = {spec[0]: (name, spec) for name, spec in self._FIELDS.items()}
        for number, wire_type, value in _wire.read_fields(data):
            if number not in by_number:
                continue  # an unknown field: skipped
            name, (_, kind, cls) = by_number[number]
            if kind in ("message", "map", "messages", "bytes") and wire_type != 2:
                raise DecodeError(f"Error parsing message: wrong wire type for {name}")
            target = getattr(self, name)
            if kind == "message":
                target.MergeFromString(value)
                self._mark(name)
            elif kind == "map":
                entry = {n: v for n, _, v in _wire.read_fields(value)}
                try:
                    k = bytes(entry.get(1, b"")).decode("utf-8")
                except UnicodeDecodeError:
                    raise DecodeError("Error parsing message: invalid UTF-8 key") from None
                target[k].MergeFromString(entry.get(2, b""))
            elif kind == "messages":
                target.add().MergeFromString(value)
            elif kind == "bytes":
                target.append(bytes(value))
            elif kind == "floats":
                target.extend(_wire.unpack_floats(wire_type, value))
            else:
                target.extend(_wire.unpack_int64s(wire_type, value))
        return len(data)

    def ParseFromString(self, data) -> int:  # noqa: N802
        """Replaces this message's fields with those of serialized bytes."""
        self.Clear()
        return self.MergeFromString(data)

    @classmethod
    def FromString(cls, data):  # noqa: N802
        """A new message parsed from serialized bytes."""
        message = cls()
        message.MergeFromString(data)
        return message

    def Clear(self) -> None:  # noqa: N802
        for name in list(self._values):
            object.__delattr__(self, name)
        self._values.clear()
        self._present.clear()

    def CopyFrom(self, other) -> None:  # noqa: N802
        if not isinstance(other, type(self)):
            raise TypeError(f"Parameter to CopyFrom() must be instance of same class: expected "
                            f"{type(self).__name__} got {type(other).__name__}.")
        if other is not self:
            self.ParseFromString(other.SerializeToString())
        self._mark()

    def MergeFrom(self, other) -> None:  # noqa: N802
        self.MergeFromString(other.SerializeToString())
        self._mark()

    def __eq__(self, other) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.SerializeToString(True) == other.SerializeToString(True)

    __hash__ = None

    def _text(self, indent: str) -> list:
        lines = []
        for name, kind, value in self._set_fields():
            if kind == "message":
                lines += [f"{indent}{name} {{", *value._text(indent + "  "), f"{indent}}}"]
            elif kind == "map":
                for k in sorted(value):
                    lines += [f"{indent}{name} {{", f'{indent}  key: "{_escape(k.encode())}"',
                              f"{indent}  value {{", *value[k]._text(indent + "    "),
                              f"{indent}  }}", f"{indent}}}"]
            elif kind == "messages":
                for m in value:
                    lines += [f"{indent}{name} {{", *m._text(indent + "  "), f"{indent}}}"]
            else:
                text = {"bytes": lambda b: f'"{_escape(b)}"', "floats": _float_text,
                        "int64s": str}[kind]
                lines += [f"{indent}{name}: {text(v)}" for v in value]
        return lines

    def __str__(self) -> str:
        lines = self._text("")
        return "\n".join(lines) + "\n" if lines else ""

    __repr__ = __str__


class _Child:
    """The link from a field's container back to its message, to mark the field set."""

    __slots__ = ("message", "name")

    def __init__(self, message: Message, name: str) -> None:
        self.message, self.name = message, name

    def _mark(self) -> None:
        self.message._mark(self.name)
