"""Stateless random ops: the values are a pure function of the shape, dtype and `seed=[a, b]`.

They read and change no global state: the same call gives the same values, whatever
`tf.random.set_seed` or other random calls did before.
"""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from . import _random_kernels as rk
from . import random as random_ops
from ._rules import fail

__all__ = ["stateless_uniform", "stateless_normal", "stateless_truncated_normal",
           "stateless_categorical"]

_SEED_DTYPES = frozenset({dtypes.int32, dtypes.int64})
_SEED_NP = frozenset(d._np for d in _SEED_DTYPES)
_UNIFORM_DTYPES = random_ops.UNIFORM_DTYPES + (dtypes.uint32, dtypes.uint64)


def _check_seed(op: str, seed: TensorSpec) -> None:
    if seed.dtype not in _SEED_DTYPES:
        raise fail(op, f"Value for attr 'Tseed' of {seed.dtype.name} is not in the list of "
                   f"allowed values: int32, int64", seed)
    if seed.shape.rank is not None and seed.shape.as_list() != [2]:
        raise fail(op, f"seed must have shape [2], not {seed.shape.as_list()}", seed)


def _generator(op: str, seed):
    if seed.dtype not in _SEED_NP or seed.shape != (2,):
        _check_seed(op, TensorSpec(seed.shape, dtypes.from_numpy(seed.dtype)))
    return rk.keyed_generator(seed[0], seed[1])


def _sample_infer(op: str):
    def infer(seed: TensorSpec, *bounds, shape=(), dtype=dtypes.float32) -> TensorSpec:
        _check_seed(op, seed)
        return TensorSpec(shape, dtype)

    return infer


def _sampler(op: str, draw):
    """A kernel `(seed, shape, dtype) -> draw(generator, shape, numpy dtype)`."""

    def kernel(seed, shape=(), dtype=dtypes.float32):
        return draw(_generator(op, seed), shape, dtype._np)

    return kernel


_SHAPE_ATTRS = {"shape": (), "dtype": dtypes.float32}

STATELESS_RANDOM_UNIFORM = def_op(
    "stateless_random_uniform", tf_name="StatelessRandomUniformV2",
    kernel=_sampler("stateless_random_uniform", rk.unit_uniform),
    infer=_sample_infer("stateless_random_uniform"), grad=NONDIFF, traits=OPAQUE,
    attrs=dict(_SHAPE_ATTRS),
)
STATELESS_RANDOM_UNIFORM_INT = def_op(
    "stateless_random_uniform_int", tf_name="StatelessRandomUniformIntV2",
    kernel=lambda seed, low, high, shape=(), dtype=dtypes.int32: rk.integers(
        _generator("stateless_random_uniform_int", seed), shape, low, high,
        "stateless_random_uniform_int"),
    infer=_sample_infer("stateless_random_uniform_int"), grad=NONDIFF, traits=OPAQUE,
    dtype_group=(1, 2), allowed=random_ops.INDEX_DTYPES, attrs=dict(_SHAPE_ATTRS),
)
STATELESS_RANDOM_UNIFORM_FULL_INT = def_op(
    "stateless_random_uniform_full_int", tf_name="StatelessRandomUniformFullIntV2",
    kernel=_sampler("stateless_random_uniform_full_int", rk.full_integers),
    infer=_sample_infer("stateless_random_uniform_full_int"), grad=NONDIFF, traits=OPAQUE,
    attrs=dict(_SHAPE_ATTRS),
)
STATELESS_RANDOM_NORMAL = def_op(
    "stateless_random_normal", tf_name="StatelessRandomNormalV2",
    kernel=_sampler("stateless_random_normal", rk.standard_normal),
    infer=_sample_infer("stateless_random_normal"), grad=NONDIFF, traits=OPAQUE,
    attrs=dict(_SHAPE_ATTRS),
)
STATELESS_TRUNCATED_NORMAL = def_op(
    "stateless_truncated_normal", tf_name="StatelessTruncatedNormalV2",
    kernel=_sampler("stateless_truncated_normal", rk.truncated_normal),
    infer=_sample_infer("stateless_truncated_normal"), grad=NONDIFF, traits=OPAQUE,
    attrs=dict(_SHAPE_ATTRS),
)


def _multinomial_infer(logits: TensorSpec, seed: TensorSpec, num_samples=1,
                       dtype=dtypes.int64) -> TensorSpec:
    _check_seed("stateless_multinomial", seed)
    rk.check_multinomial("stateless_multinomial", logits.shape.as_list(), num_samples)
    return TensorSpec([logits.shape.as_list()[0], num_samples], dtype)


def _multinomial_kernel(logits, seed, num_samples=1, dtype=dtypes.int64):
    rk.check_multinomial("stateless_multinomial", list(logits.shape), num_samples)
    gen = _generator("stateless_multinomial", seed)
    return rk.multinomial(gen, logits, num_samples, dtype._np)


STATELESS_MULTINOMIAL = def_op(
    "stateless_multinomial", tf_name="StatelessMultinomial", kernel=_multinomial_kernel,
    infer=_multinomial_infer, grad=NONDIFF, traits=OPAQUE, dtype_group=(0,),
    allowed=dtypes.FLOATS, attrs={"num_samples": 1, "dtype": dtypes.int64},
)


def _seed_tensor(seed):
    if seed is None:
        raise ValueError("stateless random ops need a seed: a shape [2] int32/int64 tensor such "
                         "as [1, 2]; got None")
    return seed if is_tensor_like(seed) else convert_to_tensor(seed)


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=dtypes.float32, name=None,
                      alg="auto_select"):
    """Draws uniform values in `[minval, maxval)`, determined by `seed`.

    For an integer dtype, give both `minval` and `maxval`, or both None for the whole range of
    the dtype (the only choice for uint32 and uint64).

    Args:
        shape: the output shape (a list of ints or a 1-D integer tensor).
        seed: a shape [2] int32/int64 tensor or list.
        minval: the lower bound (included).
        maxval: the upper bound (excluded); 1 for floats when None.
        dtype: float16, float32, float64, int32, int64, uint32 or uint64.
        name: ignored in eager mode.
        alg: accepted for TF compatibility; tensorlet always uses Philox.

    Returns:
        A tensor of `shape` and `dtype`.

    Raises:
        ValueError: for another dtype, or integer bounds given only in part.
        InvalidArgumentError: for a bad seed or shape, or `minval >= maxval` (integers).

    Example:
        >>> import tensorlet as tf
        >>> a = tf.random.stateless_uniform([3], seed=[1, 2])
        >>> bool(tf.reduce_all(a == tf.random.stateless_uniform([3], seed=[1, 2])))
        True
    """
    dtype = rk.check_dtype("random.stateless_uniform", dtype, _UNIFORM_DTYPES)
    attrs = {"shape": rk.shape_attr("stateless_random_uniform", shape), "dtype": dtype}
    seed = _seed_tensor(seed)
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype!r}, argument `minval` and "
                             f"`maxval` must be both None or not None. Got `minval`={minval} "
                             f"and `maxval`={maxval}.")
        if minval is None:
            return execute(STATELESS_RANDOM_UNIFORM_FULL_INT, (seed,), attrs, name=name)
        if dtype.is_unsigned:
            raise ValueError(f"Argument `dtype` got invalid value {dtype!r} when argument "
                             f"`minval` is not None. Please don't use unsigned integers in this "
                             f"case.")
        low = random_ops.bound(minval, dtype, "minval")
        high = random_ops.bound(maxval, dtype, "maxval")
        return execute(STATELESS_RANDOM_UNIFORM_INT, (seed, low, high), attrs, name=name)
    x = execute(STATELESS_RANDOM_UNIFORM, (seed,), attrs, name=name)
    maxval = 1 if maxval is None else maxval
    return random_ops.to_range(x, minval, maxval, dtype)


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None,
                     alg="auto_select"):
    """Draws normal values determined by `seed`.

    Args:
        shape: the output shape (a list of ints or a 1-D integer tensor).
        seed: a shape [2] int32/int64 tensor or list.
        mean: the mean, a scalar or a tensor that broadcasts with `shape`.
        stddev: the standard deviation, a scalar or a broadcasting tensor.
        dtype: float16, float32 or float64.
        name: ignored in eager mode.
        alg: accepted for TF compatibility; tensorlet always uses Philox.

    Returns:
        A tensor of `shape` and `dtype`.

    Raises:
        TypeError: for an integer dtype.
        InvalidArgumentError: for another non-float dtype, a bad seed or a bad shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.random.stateless_normal([2, 3], seed=[4, 2]).shape
        TensorShape([2, 3])
    """
    dtype = random_ops.check_float_dtype(STATELESS_RANDOM_NORMAL, dtype)
    attrs = {"shape": rk.shape_attr("stateless_random_normal", shape), "dtype": dtype}
    x = execute(STATELESS_RANDOM_NORMAL, (_seed_tensor(seed),), attrs, name=name)
    return random_ops.scale_and_shift(x, stddev, mean, dtype)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32,
                               name=None, alg="auto_select"):
    """Draws normal values within 2 standard deviations of the mean, determined by `seed`.

    Args:
        shape: the output shape (a list of ints or a 1-D integer tensor).
        seed: a shape [2] int32/int64 tensor or list.
        mean: the mean of the (untruncated) normal distribution.
        stddev: its standard deviation.
        dtype: float16, float32 or float64.
        name: ignored in eager mode.
        alg: accepted for TF compatibility; tensorlet always uses Philox.

    Returns:
        A tensor of `shape` and `dtype`, within `mean ± 2 * stddev`.

    Raises:
        TypeError: for an integer dtype.
        InvalidArgumentError: for another non-float dtype, a bad seed or a bad shape.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.random.stateless_truncated_normal([500], seed=[1, 1])
        >>> bool(tf.reduce_all(abs(x) <= 2.))
        True
    """
    dtype = random_ops.check_float_dtype(STATELESS_TRUNCATED_NORMAL, dtype)
    attrs = {"shape": rk.shape_attr("stateless_truncated_normal", shape), "dtype": dtype}
    x = execute(STATELESS_TRUNCATED_NORMAL, (_seed_tensor(seed),), attrs, name=name)
    return random_ops.scale_and_shift(x, stddev, mean, dtype)


def stateless_categorical(logits, num_samples, seed, dtype=dtypes.int64, name=None):
    """Draws class indices from unnormalized log-probabilities, determined by `seed`.

    Args:
        logits: a `[batch, num_classes]` float tensor.
        num_samples: the number of draws per row.
        seed: a shape [2] int32/int64 tensor or list.
        dtype: int64 (the default) or int32.
        name: ignored in eager mode.

    Returns:
        A `[batch, num_samples]` tensor of indices in `[0, num_classes)`.

    Raises:
        ValueError: for another dtype.
        InvalidArgumentError: for a bad seed, when `logits` is not a matrix, has no class, or
            `num_samples < 0`.

    Example:
        >>> import tensorlet as tf
        >>> tf.random.stateless_categorical([[-1e9, 0.]], 4, seed=[7, 7]).numpy()
        array([[1, 1, 1, 1]])
    """
    dtype = rk.check_dtype("random.stateless_categorical", dtype, random_ops.INDEX_DTYPES)
    return execute(STATELESS_MULTINOMIAL, (logits, _seed_tensor(seed)),
                   {"num_samples": int(num_samples), "dtype": dtype}, name=name)
