"""Stateful random ops (`tf.random.uniform`, `normal`, ...) and TF's seeding rules.

Seeds work as in TF: `set_seed(g)` plus an op seed make a sequence of calls reproducible after
`set_seed(g)` again; an op seed alone fixes the sequence for a fresh program; with no seed at all
every call draws fresh randomness. Each (global seed, op seed) pair owns one Philox stream that
advances with every call, so a repeated call gives new values, inside a traced function too.
"""

from __future__ import annotations

import random as _py_random

import numpy as np

from ..core import dtypes
from ..core.context import executing_eagerly
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, STATEFUL, def_op
from ..core.spec import TensorSpec
from . import _random_kernels as rk
from . import array as array_ops
from . import math as math_ops

__all__ = ["set_seed", "uniform", "normal", "truncated_normal", "categorical", "shuffle"]

# TF's graph seed when only an op seed is given.
_DEFAULT_GRAPH_SEED = 87654321
_MAX_OP_SEED = 2**31 - 1
UNIFORM_DTYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64)
FLOAT_DTYPES = (dtypes.float16, dtypes.float32, dtypes.float64)
INDEX_DTYPES = (dtypes.int32, dtypes.int64)


class _SeedState:
    """The global seed, and the Philox stream of every (seed, op seed) pair used since."""

    def __init__(self) -> None:
        self.global_seed: int | None = None
        self.streams: dict = {}
        self.op_seeds = _py_random.Random()
        self.fresh = np.random.default_rng()


# NOTE: like TF's global seed, this is process-wide state; `set_seed` is its only writer.
_state = _SeedState()


def set_seed(seed):
    """Sets the global random seed: later random ops become reproducible.

    After `set_seed(g)`, the same sequence of random calls gives the same values; `set_seed(g)`
    again restarts the sequence. `set_seed(None)` goes back to fresh randomness.

    Args:
        seed: an int, or None.

    Example:
        >>> import tensorlet as tf
        >>> tf.random.set_seed(7)
        >>> a = tf.random.uniform([3])
        >>> tf.random.set_seed(7)
        >>> bool(tf.reduce_all(a == tf.random.uniform([3])))
        True
    """
    _state.global_seed = None if seed is None else int(seed)
    _state.streams.clear()
    _state.op_seeds = _py_random.Random(_state.global_seed)


def op_seeds(seed) -> tuple:
    """The (seed, seed2) attributes of a stateful random op, as TF's `get_seed`.

    (None, None) asks for fresh randomness. In eager mode, with a global seed and no op seed,
    seed2 is None: the op draws from the global seed's own sequential stream.
    """
    g = _state.global_seed
    if seed is not None:
        return (_DEFAULT_GRAPH_SEED if g is None else g, int(seed))
    if g is None:
        return (None, None)
    if executing_eagerly():
        return (g, None)
    return (g, _state.op_seeds.randint(0, _MAX_OP_SEED))


def _stream(seed, seed2) -> np.random.Generator:
    if seed is None:
        return _state.fresh
    key = (seed, seed2)
    gen = _state.streams.get(key)
    if gen is None:
        gen = _state.streams[key] = rk.generator(seed, -1 if seed2 is None else seed2,
                                                 seed2 is None)
    return gen


def _random_infer(*inputs, shape=(), dtype=dtypes.float32, seed=None, seed2=None) -> TensorSpec:
    return TensorSpec(shape, dtype)


_SEED_ATTRS = {"seed": None, "seed2": None}

RANDOM_UNIFORM = def_op(
    "random_uniform", tf_name="RandomUniform",
    kernel=lambda shape=(), dtype=dtypes.float32, seed=None, seed2=None: rk.unit_uniform(
        _stream(seed, seed2), shape, dtype._np),
    infer=_random_infer, grad=NONDIFF, traits=STATEFUL,
    attrs={"shape": (), "dtype": dtypes.float32, **_SEED_ATTRS},
)
RANDOM_UNIFORM_INT = def_op(
    "random_uniform_int", tf_name="RandomUniformInt",
    kernel=lambda low, high, shape=(), dtype=dtypes.int32, seed=None, seed2=None: rk.integers(
        _stream(seed, seed2), shape, low, high, "random_uniform_int"),
    infer=_random_infer, grad=NONDIFF, traits=STATEFUL, dtype_group=(0, 1),
    allowed=INDEX_DTYPES, attrs={"shape": (), "dtype": dtypes.int32, **_SEED_ATTRS},
)
RANDOM_STANDARD_NORMAL = def_op(
    "random_standard_normal", tf_name="RandomStandardNormal",
    kernel=lambda shape=(), dtype=dtypes.float32, seed=None, seed2=None: rk.standard_normal(
        _stream(seed, seed2), shape, dtype._np),
    infer=_random_infer, grad=NONDIFF, traits=STATEFUL,
    attrs={"shape": (), "dtype": dtypes.float32, **_SEED_ATTRS},
)
TRUNCATED_NORMAL = def_op(
    "truncated_normal", tf_name="TruncatedNormal",
    kernel=lambda shape=(), dtype=dtypes.float32, seed=None, seed2=None: rk.truncated_normal(
        _stream(seed, seed2), shape, dtype._np),
    infer=_random_infer, grad=NONDIFF, traits=STATEFUL,
    attrs={"shape": (), "dtype": dtypes.float32, **_SEED_ATTRS},
)


def _multinomial_infer(logits: TensorSpec, num_samples=1, dtype=dtypes.int64, seed=None,
                       seed2=None) -> TensorSpec:
    rk.check_multinomial("multinomial", logits.shape.as_list(), num_samples)
    return TensorSpec([logits.shape.as_list()[0], num_samples], dtype)


def _multinomial_kernel(logits, num_samples=1, dtype=dtypes.int64, seed=None, seed2=None):
    rk.check_multinomial("multinomial", list(logits.shape), num_samples)
    return rk.multinomial(_stream(seed, seed2), logits, num_samples, dtype._np)


MULTINOMIAL = def_op(
    "multinomial", tf_name="Multinomial", kernel=_multinomial_kernel, infer=_multinomial_infer,
    grad=NONDIFF, traits=STATEFUL, dtype_group=(0,), allowed=dtypes.FLOATS,
    attrs={"num_samples": 1, "dtype": dtypes.int64, **_SEED_ATTRS},
)


def _shuffle_kernel(x, seed=None, seed2=None):
    if x.ndim == 0:
        return x.copy()
    return x[_stream(seed, seed2).permutation(x.shape[0])]


RANDOM_SHUFFLE = def_op(
    "random_shuffle", tf_name="RandomShuffle", kernel=_shuffle_kernel,
    infer=lambda x, seed=None, seed2=None: TensorSpec(x.shape, x.dtype),
    grad=NONDIFF, traits=STATEFUL, attrs=dict(_SEED_ATTRS),
)


def scale_and_shift(x, scale, shift, dtype: dtypes.DType):
    """`x * scale + shift`, the bounds converted to `dtype` (TF's ValueError when they differ)."""
    if _is_number(scale, 1) and _is_number(shift, 0):
        return x
    scale, shift = bound(scale, dtype, "stddev"), bound(shift, dtype, "mean")
    return math_ops.add(math_ops.multiply(x, scale), shift)


def bound(value, dtype: dtypes.DType, what: str):
    """A distribution parameter converted to `dtype`; TF's errors name the argument."""
    if is_tensor_like(value):
        if value.dtype is not dtype:
            raise ValueError(f"{what}: Tensor conversion requested dtype {dtype.name} for "
                             f"Tensor with dtype {value.dtype.name}: {value!r}")
        return value
    try:
        return convert_to_tensor(value, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise type(e)(f"{what}: {e}") from None


def to_range(x, minval, maxval, dtype: dtypes.DType):
    """Maps uniform floats `x` in [0, 1) to [minval, maxval) (maxval None: 1)."""
    maxval = 1 if maxval is None else maxval
    if _is_number(minval, 0) and _is_number(maxval, 1):
        return x
    low, high = bound(minval, dtype, "minval"), bound(maxval, dtype, "maxval")
    return math_ops.add(math_ops.multiply(x, math_ops.subtract(high, low)), low)


def _is_number(value, number) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == number


def check_float_dtype(op, dtype) -> dtypes.DType:
    """Normal distributions: TF's TypeError for integers, InvalidArgumentError for others."""
    dtype = dtypes.as_dtype(dtype)
    if dtype.is_integer:
        raise TypeError(f"Cannot convert 0.0 to EagerTensor of dtype {dtype.name} ({op.name} "
                        f"makes floating values only)")
    if dtype not in FLOAT_DTYPES:
        raise InvalidArgumentError(
            None, None, f"Value for attr 'dtype' of {dtype.name} is not in the list of allowed "
            f"values: half, float, double [Op:{op.tf_name}]\n{op.name}: got dtype "
            f"{dtype.name}; expected a floating dtype")
    return dtype


def _draw(op, inputs: tuple, shape, attrs: dict, name, shape_op=None):
    """Runs random op `op` for `shape`: an attribute when known when traced, else a run-time
    shape input (random_run_time.py). `shape_op` names the op in shape errors."""
    if not array_ops.static_shape_arg(shape):
        from . import random_run_time

        return random_run_time.draw(op, inputs, shape, attrs, name)
    dims = rk.shape_attr(shape_op or op.name, shape)
    return execute(op, inputs, {"shape": dims, **attrs}, name=name)


def uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Draws values uniformly from `[minval, maxval)`.

    Args:
        shape: the output shape (a list of ints or a 1-D integer tensor).
        minval: the lower bound (included); a scalar or a tensor that broadcasts with `shape`
            for floats, a scalar for integers.
        maxval: the upper bound (excluded); 1 for floats when None; required for integers.
        dtype: float16, float32, float64, int32 or int64.
        seed: an op seed (see `set_seed`).
        name: ignored in eager mode.

    Returns:
        A tensor of `shape` and `dtype`.

    Raises:
        ValueError: for another dtype, or an integer dtype without `maxval`.
        InvalidArgumentError: for a bad shape, or integer bounds with `minval >= maxval`.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.random.uniform([2, 3], minval=-1., maxval=1., seed=1)
        >>> x.shape, bool(tf.reduce_all(x < 1.))
        (TensorShape([2, 3]), True)
    """
    dtype = rk.check_dtype("random.uniform", dtype, UNIFORM_DTYPES)
    seed, seed2 = op_seeds(seed)
    attrs = {"dtype": dtype, "seed": seed, "seed2": seed2}
    if dtype.is_integer:
        if maxval is None:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        low, high = bound(minval, dtype, "minval"), bound(maxval, dtype, "maxval")
        return _draw(RANDOM_UNIFORM_INT, (low, high), shape, attrs, name, "random_uniform")
    x = _draw(RANDOM_UNIFORM, (), shape, attrs, name)
    return to_range(x, minval, maxval, dtype)


def normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Draws values from a normal distribution.

    Args:
        shape: the output shape (a list of ints or a 1-D integer tensor).
        mean: the mean, a scalar or a tensor that broadcasts with `shape`.
        stddev: the standard deviation, a scalar or a broadcasting tensor.
        dtype: float16, float32 or float64.
        seed: an op seed (see `set_seed`).
        name: ignored in eager mode.

    Returns:
        A tensor of `shape` and `dtype`.

    Raises:
        TypeError: for an integer dtype.
        InvalidArgumentError: for another non-float dtype or a bad shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.random.normal([2, 2], mean=5., stddev=0.1, dtype=tf.float64).dtype
        tf.float64
    """
    dtype = check_float_dtype(RANDOM_STANDARD_NORMAL, dtype)
    seed, seed2 = op_seeds(seed)
    x = _draw(RANDOM_STANDARD_NORMAL, (), shape,
              {"dtype": dtype, "seed": seed, "seed2": seed2}, name)
    return scale_and_shift(x, stddev, mean, dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Draws normal values, drawing again any beyond 2 standard deviations from the mean.

    Args:
        shape: the output shape (a list of ints or a 1-D integer tensor).
        mean: the mean of the (untruncated) normal distribution.
        stddev: its standard deviation.
        dtype: float16, float32 or float64.
        seed: an op seed (see `set_seed`).
        name: ignored in eager mode.

    Returns:
        A tensor of `shape` and `dtype`, within `mean ± 2 * stddev`.

    Raises:
        TypeError: for an integer dtype.
        InvalidArgumentError: for another non-float dtype or a bad shape.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.random.truncated_normal([1000], seed=3)
        >>> bool(tf.reduce_all(abs(x) <= 2.))
        True
    """
    dtype = check_float_dtype(TRUNCATED_NORMAL, dtype)
    seed, seed2 = op_seeds(seed)
    x = _draw(TRUNCATED_NORMAL, (), shape, {"dtype": dtype, "seed": seed, "seed2": seed2}, name)
    return scale_and_shift(x, stddev, mean, dtype)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """Draws class indices from categorical distributions given by unnormalized log-probs.

    Args:
        logits: a `[batch, num_classes]` float tensor of log-probabilities (up to a constant).
        num_samples: the number of draws per row.
        dtype: int64 (the default) or int32.
        seed: an op seed (see `set_seed`).
        name: ignored in eager mode.

    Returns:
        A `[batch, num_samples]` tensor of indices in `[0, num_classes)`.

    Raises:
        ValueError: for another dtype.
        InvalidArgumentError: when `logits` is not a matrix, has no class, or
            `num_samples < 0`.

    Example:
        >>> import tensorlet as tf
        >>> tf.random.categorical(tf.math.log([[0., 1.]]), 3, seed=2).numpy()
        array([[1, 1, 1]])
    """
    dtype = rk.check_dtype("random.categorical", dtypes.int64 if dtype is None else dtype,
                           INDEX_DTYPES)
    seed, seed2 = op_seeds(seed)
    return execute(MULTINOMIAL, (logits,), {"num_samples": int(num_samples), "dtype": dtype,
                                            "seed": seed, "seed2": seed2}, name=name)


def shuffle(value, seed=None, name=None):
    """Shuffles a tensor along its first dimension.

    Args:
        value: a tensor of any dtype (a scalar is returned unchanged).
        seed: an op seed (see `set_seed`).
        name: ignored in eager mode.

    Returns:
        A tensor of `value`'s shape and dtype.

    Example:
        >>> import tensorlet as tf
        >>> sorted(tf.random.shuffle(tf.range(4)).numpy().tolist())
        [0, 1, 2, 3]
    """
    seed, seed2 = op_seeds(seed)
    return execute(RANDOM_SHUFFLE, (value,), {"seed": seed, "seed2": seed2}, name=name)

