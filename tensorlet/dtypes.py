"""`tf.dtypes`: the DType objects, `as_dtype` and `cast`."""

from .core.dtypes import (  # noqa: F401
    DType,
    as_dtype,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)


def __getattr__(name):
    if name == "cast":
        from .ops import math as math_ops

        value = getattr(math_ops, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tensorlet.dtypes' has no attribute '{name}'")
