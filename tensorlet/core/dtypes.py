"""Data types: the `DType` objects, their NumPy mapping and `as_dtype`.

Every tensor has exactly one `DType`. DTypes are interned: there is one object per type, so
`x.dtype is tl.float32` holds and comparisons are cheap.
"""

from __future__ import annotations

import builtins

import numpy as np

__all__ = [
    "DType",
    "as_dtype",
    "from_numpy",
    "float16",
    "float32",
    "float64",
    "half",
    "double",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "bool",
    "string",
    "complex64",
    "complex128",
]


class DType:
    """The type of the elements of a tensor.

    Example:
        >>> import tensorlet as tf
        >>> tf.float32.name, tf.float32.is_floating, tf.int32.max
        ('float32', True, 2147483647)
    """

    __slots__ = ("_name", "_np", "_kernel_name", "_kind", "_enum")

    def __init__(self, name: str, np_type: type, kernel_name: str, enum: int) -> None:
        self._name = name
        self._np = np.dtype(np_type)
        self._kernel_name = kernel_name
        self._kind = self._np.kind if name != "string" else "S"
        self._enum = enum

    @property
    def name(self) -> str:
        return self._name

    @property
    def as_numpy_dtype(self) -> type:
        """The NumPy scalar type (`np.float32`, ...); `object` for strings."""
        return object if self._kind == "S" else self._np.type

    @property
    def as_datatype_enum(self) -> int:
        """TF's `DataType` enum value (1 for float32, 3 for int32, ...)."""
        return self._enum

    @property
    def kernel_name(self) -> str:
        """The name TensorFlow's kernels use in messages: `float` for float32, `double`..."""
        return self._kernel_name

    @property
    def is_floating(self) -> bool:
        return self._kind == "f"

    @property
    def is_integer(self) -> bool:
        return self._kind in "iu"

    @property
    def is_unsigned(self) -> bool:
        return self._kind == "u"

    @property
    def is_complex(self) -> bool:
        return self._kind == "c"

    @property
    def is_bool(self) -> bool:
        return self._kind == "b"

    @property
    def is_numeric(self) -> bool:
        return self._kind in "iufc"

    @property
    def is_quantized(self) -> bool:
        return False

    @property
    def base_dtype(self) -> DType:
        return self

    @property
    def real_dtype(self) -> DType:
        """float32 for complex64, float64 for complex128, the dtype itself otherwise."""
        return {"complex64": float32, "complex128": float64}.get(self._name, self)

    @property
    def size(self) -> int:
        """Bytes per element (0 for strings, as in TF)."""
        return self._np.itemsize if self._kind != "S" else 0

    @property
    def min(self):
        """The lowest value: a Python int for integers, a NumPy scalar for floats."""
        return self._bound("minimum", 0)

    @property
    def max(self):
        """The highest value: a Python int for integers, a NumPy scalar for floats."""
        return self._bound("maximum", 1)

    def _bound(self, what: str, i: int):
        if self._kind == "f":
            info = np.finfo(self._np)
            return (info.min, info.max)[i]
        if self._kind in "iu":
            info = np.iinfo(self._np)
            return (int(info.min), int(info.max))[i]
        raise TypeError(f"Cannot find {what} value of {self} with type {self}.")

    @property
    def limits(self) -> tuple:
        """TF's `(0, max)` range for integers and bool, `(0, 1)` for float32 and float64."""
        if self._kind in "iu":
            return (0, self.max)
        if self._kind == "b":
            return (0, True)
        if self._name in ("float32", "float64"):
            return (0, 1)
        raise ValueError(f"{self} does not have defined limits.")

    def is_compatible_with(self, other) -> bool:
        return self is as_dtype(other)

    def __eq__(self, other) -> bool:
        if other is self:
            return True
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self._name)

    def __repr__(self) -> str:
        return f"tf.{self._name}"

    def __str__(self) -> str:
        return f"<dtype: '{self._name}'>"

    def __reduce__(self):
        return (as_dtype, (self._name,))


float16 = DType("float16", np.float16, "half", 19)
float32 = DType("float32", np.float32, "float", 1)
float64 = DType("float64", np.float64, "double", 2)
int8 = DType("int8", np.int8, "int8", 6)
int16 = DType("int16", np.int16, "int16", 5)
int32 = DType("int32", np.int32, "int32", 3)
int64 = DType("int64", np.int64, "int64", 9)
uint8 = DType("uint8", np.uint8, "uint8", 4)
uint16 = DType("uint16", np.uint16, "uint16", 17)
uint32 = DType("uint32", np.uint32, "uint32", 22)
uint64 = DType("uint64", np.uint64, "uint64", 23)
bool = DType("bool", np.bool_, "bool", 10)  # noqa: A001 - TF's public name
string = DType("string", np.object_, "string", 7)
complex64 = DType("complex64", np.complex64, "complex64", 8)
complex128 = DType("complex128", np.complex128, "complex128", 18)
half = float16
double = float64

ALL = (
    float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
    bool, string, complex64, complex128,
)
FLOATS = frozenset({float16, float32, float64})
COMPLEX = frozenset({complex64, complex128})
INTEGERS = frozenset({int8, int16, int32, int64, uint8, uint16, uint32, uint64})
SIGNED_INTEGERS = frozenset({int8, int16, int32, int64})
REALS = FLOATS | INTEGERS
NUMERIC = REALS | COMPLEX
INEXACT = FLOATS | COMPLEX
ALL_TYPES = frozenset(ALL)

_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update({"half": float16, "float": float32, "double": float64})
_BY_NP = {d._np: d for d in ALL}
_BY_ENUM = {d._enum: d for d in ALL}
# NOTE: TF maps only these Python types; `int`, `str` and `complex` are TypeErrors in TF 2.21.
# NumPy strings (unicode or bytes arrays) are stored as object arrays of bytes.
_PY_TYPES = {float: float32, builtins.bool: bool, object: string}


def from_numpy(np_dtype: np.dtype) -> DType:
    """The DType of a NumPy dtype; raises TypeError for types TensorFlow has no name for."""
    try:
        return _BY_NP[np_dtype]
    except KeyError:
        pass
    np_dtype = np.dtype(np_dtype)
    if np_dtype.kind in "SU":
        return string
    if np_dtype in _BY_NP:
        return _BY_NP[np_dtype]
    raise TypeError(f"Cannot convert NumPy dtype {np_dtype} to a tensorlet DType.")


def as_dtype(type_value) -> DType:
    """Converts a name, a NumPy dtype or type, or a Python type into a `DType`.

    Args:
        type_value: a `DType`, a name such as `"float32"`, a NumPy dtype or type, `float`,
            `bool`, `object` (string) or TF's enum value (1 is float32).

    Returns:
        The interned `DType`.

    Raises:
        TypeError: when the value names no supported type.

    Example:
        >>> import numpy as np, tensorlet as tf
        >>> tf.as_dtype("float32") is tf.as_dtype(np.float32) is tf.float32
        True
    """
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        found = _BY_NAME.get(type_value)
    elif isinstance(type_value, type):
        builtin = type_value.__module__ == "builtins"
        found = _PY_TYPES.get(type_value) if builtin else _from_numpy_type(type_value)
    elif isinstance(type_value, np.dtype):
        found = _from_numpy_type(type_value)
    elif isinstance(type_value, int) and not isinstance(type_value, builtins.bool):
        found = _BY_ENUM.get(type_value)
    else:
        found = None
    if found is None:
        raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a "
                        f"TensorFlow DType.")
    return found


def _from_numpy_type(np_type) -> DType | None:
    try:
        return from_numpy(np.dtype(np_type))
    except TypeError:
        return None
