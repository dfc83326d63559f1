"""The closed, typed JSON schema of saved values: op attributes, specs and call structures.

A JSON `null`, `true`/`false`, integer, finite float or string stands for itself. Every other
value is an object with exactly one key, its tag, from a fixed list:

    {"tuple": [...]}            a tuple of values
    {"list": [...]}             a list (arguments and results only)
    {"dict": [[key, v], ...]}   a dict with string keys, in order (arguments and results only)
    {"bytes": "<base64>"}       bytes
    {"float": "nan" | "inf" | "-inf"}
    {"ellipsis": null}          `...` (strided-slice keys)
    {"slice": [start, stop, step]}
    {"dtype": "float32"}        a DType, by name
    {"shape": [2, null] | null} a TensorShape (null: unknown rank)
    {"spec": {"shape": ..., "dtype": ..., "name": ...}}
    {"element_shape": <shape>}  a TensorArray's element shape
    {"subgraph": 3}             a branch or loop body, by index in the document's table
    {"output": 0}               an output of a function (output structures only)

Decoding accepts these tags only, checks the type of every part and raises `FormatError` for
anything else: a saved file can name data, never code (C8).
"""

from __future__ import annotations

import base64
import binascii
import math

import numpy as np

from ..core import dtypes
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ..ops._control_subgraph import Subgraph
from ..ops.tensor_array_ops import ElementShape

__all__ = ["FormatError", "encode", "decode", "encode_spec", "decode_spec", "encode_shape",
           "decode_shape", "decode_dtype", "ATTR_TAGS", "ARG_TAGS", "OUTPUT_TAGS", "Output"]

_DTYPES = {d.name: d for d in dtypes.ALL}
_FLOAT_TAGS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
ATTR_TAGS = frozenset({"tuple", "bytes", "float", "ellipsis", "slice", "dtype", "shape", "spec",
                       "element_shape", "subgraph"})
ARG_TAGS = frozenset({"tuple", "list", "dict", "bytes", "float", "spec"})
OUTPUT_TAGS = frozenset({"tuple", "list", "dict", "output"})


class FormatError(ValueError):
    """A saved model whose content does not follow the format (malformed or crafted)."""


class Output:
    """A leaf of an output structure: the index of a function output (None for None)."""

    __slots__ = ("index",)

    def __init__(self, index) -> None:
        self.index = index


# --- encoding -------------------------------------------------------------------------------

def encode(x, subgraph_index=None, where: str = "value"):
    """The JSON form of `x`; `subgraph_index(sub)` numbers branch and loop bodies.

    Raises:
        TypeError: for a value the schema has no form for (a Python function, a dataset...).
    """
    if x is None or type(x) in (bool, int, str):
        return x
    if type(x) is float:
        return x if math.isfinite(x) else {"float": "nan" if x != x else repr(x)}
    if isinstance(x, np.generic) and x.dtype.kind in "biuf":
        return encode(x.item(), subgraph_index, where)
    if type(x) is tuple or (isinstance(x, tuple) and hasattr(x, "_fields")):
        return {"tuple": [encode(v, subgraph_index, where) for v in x]}
    if type(x) is list:
        return {"list": [encode(v, subgraph_index, where) for v in x]}
    if isinstance(x, dict):
        return {"dict": [[_key(k, where), encode(v, subgraph_index, where)]
                         for k, v in x.items()]}
    return _encode_object(x, subgraph_index, where)


def _key(k, where: str) -> str:
    if type(k) is not str:
        raise TypeError(f"cannot save {where}: dict keys must be strings, got {k!r}")
    return k


def _encode_object(x, subgraph_index, where: str):
    if isinstance(x, bytes):
        return {"bytes": base64.b64encode(x).decode("ascii")}
    if x is Ellipsis:
        return {"ellipsis": None}
    if isinstance(x, slice):
        return {"slice": [encode(x.start), encode(x.stop), encode(x.step)]}
    if isinstance(x, dtypes.DType):
        return {"dtype": x.name}
    if isinstance(x, TensorShape):
        return {"shape": encode_shape(x)}
    if isinstance(x, TensorSpec):
        return {"spec": encode_spec(x, with_name=True)}
    if isinstance(x, Output):
        return {"output": x.index}
    if isinstance(x, ElementShape):
        return {"element_shape": encode_shape(x.shape)}
    if subgraph_index is not None and isinstance(x, Subgraph):
        return {"subgraph": subgraph_index(x)}
    raise TypeError(f"cannot save {where}: a {type(x).__module__}.{type(x).__qualname__} has "
                    f"no saved form (only numbers, strings, bytes, tuples, dtypes, shapes, "
                    f"specs and traced branch/loop bodies are saved; never Python objects or "
                    f"code)")


def encode_shape(shape: TensorShape):
    return None if shape.rank is None else list(shape.as_list())


def encode_spec(spec: TensorSpec, with_name: bool = False) -> dict:
    out = {"shape": encode_shape(spec.shape), "dtype": spec.dtype.name}
    if with_name:
        out["name"] = spec.name
    return out


# --- decoding -------------------------------------------------------------------------------

def _fail(where: str, message: str) -> FormatError:
    return FormatError(f"malformed saved model: {where}: {message}")


def decode(obj, tags: frozenset, where: str, subgraph=None):
    """The value of `obj`, accepting only the tags in `tags`; `subgraph(i)` resolves bodies."""
    if obj is None or type(obj) in (bool, int, float, str):
        return obj
    if type(obj) is not dict or len(obj) != 1:
        raise _fail(where, f"expected a plain value or a one-key tagged object, got "
                           f"{_short(obj)}")
    (tag, body), = obj.items()
    if tag not in tags:
        raise _fail(where, f"unknown or disallowed tag {tag!r} (allowed here: "
                           f"{', '.join(sorted(tags))})")
    if tag in ("tuple", "list"):
        items = [decode(v, tags, where, subgraph) for v in _list(body, where)]
        return tuple(items) if tag == "tuple" else items
    if tag == "dict":
        return _decode_dict(body, tags, where, subgraph)
    return _decode_leaf(tag, body, where, subgraph)


def _decode_dict(body, tags, where: str, subgraph) -> dict:
    out = {}
    for pair in _list(body, where):
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
            raise _fail(where, f"a dict entry must be [string key, value], got {_short(pair)}")
        if pair[0] in out:
            raise _fail(where, f"duplicate dict key {pair[0]!r}")
        out[pair[0]] = decode(pair[1], tags, where, subgraph)
    return out


def _decode_leaf(tag: str, body, where: str, subgraph):
    if tag == "bytes":
        if type(body) is not str:
            raise _fail(where, "bytes must be a base64 string")
        try:
            return base64.b64decode(body.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise _fail(where, "bytes are not valid base64") from None
    if tag == "float":
        if body not in _FLOAT_TAGS:
            raise _fail(where, f"a tagged float must be nan, inf or -inf, got {_short(body)}")
        return _FLOAT_TAGS[body]
    if tag == "ellipsis":
        if body is not None:
            raise _fail(where, "an ellipsis carries null")
        return Ellipsis
    if tag == "slice":
        parts = _list(body, where)
        if len(parts) != 3 or any(p is not None and type(p) is not int for p in parts):
            raise _fail(where, f"a slice is [start, stop, step] of ints or nulls, got "
                               f"{_short(body)}")
        return slice(*parts)
    if tag == "dtype":
        return decode_dtype(body, where)
    if tag == "shape":
        return decode_shape(body, where)
    if tag == "spec":
        return decode_spec(body, where, with_name=True)
    if tag == "element_shape":
        return ElementShape(decode_shape(body, where))
    return _index_leaf(tag, body, where, subgraph)


def _index_leaf(tag: str, body, where: str, subgraph):
    if tag == "output" and body is None:
        return Output(None)
    if type(body) is not int or body < 0:
        raise _fail(where, f"{tag} must be a non-negative index, got {_short(body)}")
    if tag == "output":
        return Output(body)
    if subgraph is None:
        raise _fail(where, "a subgraph is not allowed here")
    return subgraph(body)


def decode_dtype(name, where: str) -> dtypes.DType:
    if type(name) is not str or name not in _DTYPES:
        raise _fail(where, f"unknown dtype {_short(name)} (known: {', '.join(_DTYPES)})")
    return _DTYPES[name]


def decode_shape(dims, where: str) -> TensorShape:
    if dims is None:
        return TensorShape(None)
    if type(dims) is not list or any(d is not None and (type(d) is not int or d < 0)
                                     for d in dims):
        raise _fail(where, f"a shape is null or a list of non-negative ints and nulls, got "
                           f"{_short(dims)}")
    return TensorShape(dims)


def decode_spec(obj, where: str, with_name: bool = False) -> TensorSpec:
    keys = {"shape", "dtype", "name"} if with_name else {"shape", "dtype"}
    if type(obj) is not dict or set(obj) != keys:
        raise _fail(where, f"a spec has the keys {sorted(keys)}, got {_short(obj)}")
    name = obj.get("name")
    if name is not None and type(name) is not str:
        raise _fail(where, f"a spec name must be a string or null, got {_short(name)}")
    return TensorSpec(decode_shape(obj["shape"], where), decode_dtype(obj["dtype"], where), name)


def _list(body, where: str) -> list:
    if type(body) is not list:
        raise _fail(where, f"expected a list, got {_short(body)}")
    return body


def _short(obj) -> str:
    text = repr(obj)
    return text if len(text) <= 80 else text[:77] + "..."
