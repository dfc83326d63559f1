"""NumPy samplers shared by the stateful and stateless random ops, and their argument checks.

Every sampler draws from a `numpy.random.Generator` on the Philox counter-based bit generator;
values follow TF's distributions, not TF's exact streams.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import to_array
from ..core.shape import TensorShape
from ._rules import fail

_MASK64 = (1 << 64) - 1
_TRUNCATE_AT = 2.0


def generator(*entropy: int) -> np.random.Generator:
    """A Philox generator keyed by hashing the given integers (any sign or size)."""
    words = [int(e) & _MASK64 for e in entropy]
    return np.random.Generator(np.random.Philox(np.random.SeedSequence(words)))


def keyed_generator(a: int, b: int) -> np.random.Generator:
    """A Philox generator whose 128-bit key is the seed pair `[a, b]` itself (cheap to make)."""
    key = (int(a) & _MASK64) | ((int(b) & _MASK64) << 64)
    return np.random.Generator(np.random.Philox(key=key))


def unit_uniform(gen: np.random.Generator, shape: tuple, dtype: np.dtype) -> np.ndarray:
    """Uniform floats in [0, 1) of `dtype`."""
    if dtype == np.float64:
        return gen.random(shape)
    x = gen.random(shape, dtype=np.float32)
    if dtype == np.float16:
        # NOTE: k / 1024 is exact in float16 and stays below 1 (rounding x itself could give 1).
        x = np.floor(x * 1024) * np.float32(1 / 1024)
    return x.astype(dtype, copy=False)


def standard_normal(gen: np.random.Generator, shape: tuple, dtype: np.dtype) -> np.ndarray:
    wide = np.float64 if dtype == np.float64 else np.float32
    return gen.standard_normal(shape, dtype=wide).astype(dtype, copy=False)


def truncated_normal(gen: np.random.Generator, shape: tuple, dtype: np.dtype) -> np.ndarray:
    """Standard normal values; those beyond 2 standard deviations are drawn again."""
    wide = np.float64 if dtype == np.float64 else np.float32
    out = gen.standard_normal(shape, dtype=wide)
    bad = np.abs(out) > _TRUNCATE_AT
    while bad.any():
        out[bad] = gen.standard_normal(int(bad.sum()), dtype=wide)
        bad = np.abs(out) > _TRUNCATE_AT
    return out.astype(dtype, copy=False)


def integers(gen: np.random.Generator, shape: tuple, low, high, op: str) -> np.ndarray:
    """Uniform integers in [low, high) of the bounds' dtype; both bounds must be scalars."""
    for what, bound in (("minval", low), ("maxval", high)):
        if bound.ndim != 0:
            raise fail(op, f"{what} must be 0-D, got shape {list(bound.shape)}")
    if not low < high:
        raise fail(op, f"Need minval < maxval, got {low} >= {high}")
    return gen.integers(low, high, size=shape, dtype=low.dtype)


def full_integers(gen: np.random.Generator, shape: tuple, dtype: np.dtype) -> np.ndarray:
    """Integers over the whole range of `dtype`."""
    info = np.iinfo(dtype)
    return gen.integers(info.min, info.max, size=shape, dtype=dtype, endpoint=True)


def multinomial(gen: np.random.Generator, logits: np.ndarray, num_samples: int,
                dtype: np.dtype) -> np.ndarray:
    """Class indices drawn with probabilities softmax(logits) per row.

    As TF's CPU kernel: non-finite logits have probability 0, and a row with no finite logit
    gives the index `num_classes`.
    """
    wide = logits.astype(np.float64)
    finite = np.isfinite(wide)
    top = np.max(np.where(finite, wide, -np.inf), axis=1, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        probs = np.where(finite, np.exp(wide - top), 0.0)
    cdf = np.cumsum(probs, axis=1)
    total = cdf[:, -1:] if cdf.shape[1] else np.zeros((cdf.shape[0], 1))
    targets = gen.random((logits.shape[0], num_samples)) * total
    out = np.empty((logits.shape[0], num_samples), dtype)
    for row in range(logits.shape[0]):
        out[row] = np.searchsorted(cdf[row], targets[row], side="right")
    # NOTE: `random() * total` may round up to `total`; keep such draws on the last likely class.
    last = logits.shape[1] - 1 - np.argmax(probs[:, ::-1] > 0, axis=1)
    return np.where(total > 0, np.minimum(out, last[:, None]), out).astype(dtype)


def check_multinomial(op: str, dims: list, num_samples: int) -> None:
    if len(dims) != 2:
        raise fail(op, f"logits should be a matrix, got shape {dims}")
    if num_samples < 0:
        raise fail(op, f"num_samples should be non-negative, got {num_samples}")
    if dims[1] == 0:
        raise fail(op, f"num_classes should be positive, got {dims[1]}")


def shape_attr(op: str, shape) -> tuple:
    """The output shape of a random op (a list, TensorShape or 1-D integer tensor) as a tuple."""
    if isinstance(shape, (list, tuple)) and all(type(d) is int and d >= 0 for d in shape):
        return tuple(shape)
    if isinstance(shape, TensorShape):
        if shape.rank is None or None in shape.as_list():
            raise fail(op, f"the shape must be fully defined, got {shape}")
        shape = shape.as_list()
    arr = to_array(shape)
    if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "f" and arr.size == 0):
        name = dtypes.from_numpy(arr.dtype).kernel_name if arr.dtype.kind in "fcb" else \
            arr.dtype.name
        raise fail(op, f"Value for attr 'T' of {name} is not in the list of allowed values: "
                   f"int32, int64 (the shape)")
    if arr.ndim != 1:
        raise fail(op, f"shape must be a vector of {{int32,int64}}, got shape {list(arr.shape)}")
    dims = tuple(int(d) for d in arr)
    for d in dims:
        if d < 0:
            raise fail(op, f"Dimension {d} must be >= 0 (shape {list(dims)})")
    return dims


def check_dtype(op: str, dtype, allowed: tuple) -> dtypes.DType:
    """Returns `dtype` as a DType, or raises TF's ValueError when `op` does not make it."""
    dtype = dtypes.as_dtype(dtype)
    if dtype not in allowed:
        names = ", ".join(f"tf.{d.name}" for d in allowed)
        raise ValueError(f"Argument `dtype` got invalid value {dtype!r}. Accepted dtypes are "
                         f"({names}). ({op})")
    return dtype
