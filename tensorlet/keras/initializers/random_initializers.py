"""Random initializers: RandomNormal/Uniform, TruncatedNormal, VarianceScaling and its
Glorot/He/LeCun presets, Orthogonal.

Seeded ones (`seed=42`) give the same values on every call; unseeded ones draw from
`tf.random`, so `tf.random.set_seed` makes them reproducible.
"""

from __future__ import annotations

import math

import tensorlet as tf

from .initializer import Initializer, RandomDraws, as_shape, check_seed, compute_fans, float_dtype

__all__ = ["RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling", "GlorotNormal",
           "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform", "Orthogonal"]

# The stddev of a unit normal truncated at +-2 stddevs: dividing by it restores the variance.
_TRUNCATED_STDDEV = 0.87962566103423978


class RandomInitializer(Initializer):
    """Base of the seeded initializers: holds `seed` and the draws."""

    def __init__(self, seed=None):
        self.seed = check_seed(seed, type(self).__name__)
        self._draws = RandomDraws(self.seed)

    def get_config(self) -> dict:
        return {"seed": self.seed}


class RandomNormal(RandomInitializer):
    """Draws from a normal distribution N(mean, stddev²).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.RandomNormal(stddev=1., seed=1)((2, 3)).shape
        TensorShape([2, 3])
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean = mean
        self.stddev = stddev

    def __call__(self, shape, dtype=None):
        dtype = float_dtype(dtype, type(self).__name__)
        return self._draws.normal(as_shape(shape), self.mean, self.stddev, dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomNormal):
    """Draws from N(mean, stddev²), redrawing values more than 2 stddevs from the mean.

    Example:
        >>> import tensorlet as tf
        >>> w = tf.keras.initializers.TruncatedNormal(stddev=1., seed=1)((1000,))
        >>> bool(tf.reduce_max(tf.abs(w)) <= 2.)
        True
    """

    def __call__(self, shape, dtype=None):
        dtype = float_dtype(dtype, type(self).__name__)
        return self._draws.truncated_normal(as_shape(shape), self.mean, self.stddev, dtype)


class RandomUniform(RandomInitializer):
    """Draws from a uniform distribution on [minval, maxval) (floats or ints).

    Example:
        >>> import tensorlet as tf
        >>> w = tf.keras.initializers.RandomUniform(0., 1., seed=3)((4,))
        >>> bool(tf.reduce_all((w >= 0.) & (w < 1.)))
        True
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval = minval
        self.maxval = maxval

    def __call__(self, shape, dtype=None):
        dtype = tf.as_dtype(dtype or "float32")
        if not (dtype.is_floating or dtype.is_integer):
            raise TypeError(f"RandomUniform: dtype {dtype.name} is not a float or int dtype")
        return self._draws.uniform(as_shape(shape), self.minval, self.maxval, dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


_MODES = ("fan_in", "fan_out", "fan_avg")
_DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")


class VarianceScaling(RandomInitializer):
    """Scales its draws to the weight's fans: variance `scale / n`.

    `n` is fan_in, fan_out or their mean (`mode`); `distribution` is "truncated_normal"
    (default; "normal" is its alias), "untruncated_normal" or "uniform".

    Example:
        >>> import tensorlet as tf
        >>> init = tf.keras.initializers.VarianceScaling(distribution="uniform", seed=1)
        >>> bool(tf.reduce_max(tf.abs(init((3, 4)))) <= 1.)
        True
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        super().__init__(seed)
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in _MODES:
            raise ValueError(f"Invalid `mode` argument: {mode}. Please use one of {_MODES}")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in _DISTRIBUTIONS:
            raise ValueError(f"Invalid `distribution` argument: {distribution}. "
                             f"Please use one of {_DISTRIBUTIONS}")
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = input_axes
        self.output_axes = output_axes

    def __call__(self, shape, dtype=None):
        dtype = float_dtype(dtype, type(self).__name__)
        shape = as_shape(shape)
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(variance) / _TRUNCATED_STDDEV
            return self._draws.truncated_normal(shape, 0.0, stddev, dtype)
        if self.distribution == "untruncated_normal":
            return self._draws.normal(shape, 0.0, math.sqrt(variance), dtype)
        limit = math.sqrt(3.0 * variance)
        return self._draws.uniform(shape, -limit, limit, dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "scale": self.scale, "mode": self.mode,
                "distribution": self.distribution, "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class _Preset(VarianceScaling):
    """A VarianceScaling with fixed scale/mode/distribution; its config is the seed and axes."""

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        super().__init__(self._SCALE, self._MODE, self._DISTRIBUTION, seed, input_axes,
                         output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class GlorotNormal(_Preset):
    """Glorot (Xavier) normal: truncated normal with variance 2 / (fan_in + fan_out).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.GlorotNormal(seed=1)((3, 2)).dtype
        tf.float32
    """

    _SCALE, _MODE = 1.0, "fan_avg"


class GlorotUniform(_Preset):
    """Glorot (Xavier) uniform on ±sqrt(6 / (fan_in + fan_out)) (Dense's default).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.GlorotUniform(seed=1)((3, 2)).shape
        TensorShape([3, 2])
    """

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_avg", "uniform"


class HeNormal(_Preset):
    """He normal: truncated normal with variance 2 / fan_in (for ReLU layers).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.HeNormal(seed=1)((3, 2)).shape
        TensorShape([3, 2])
    """

    _SCALE = 2.0


class HeUniform(_Preset):
    """He uniform on ±sqrt(6 / fan_in).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.HeUniform(seed=1)((3, 2)).shape
        TensorShape([3, 2])
    """

    _SCALE, _DISTRIBUTION = 2.0, "uniform"


class LecunNormal(_Preset):
    """LeCun normal: truncated normal with variance 1 / fan_in (for SELU layers).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.LecunNormal(seed=1)((3, 2)).shape
        TensorShape([3, 2])
    """


class LecunUniform(_Preset):
    """LeCun uniform on ±sqrt(3 / fan_in).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.LecunUniform(seed=1)((3, 2)).shape
        TensorShape([3, 2])
    """

    _DISTRIBUTION = "uniform"


class Orthogonal(RandomInitializer):
    """A random orthogonal matrix (rows or columns orthonormal), times `gain`.

    The weight is seen as a matrix (prod(shape[:-1]), shape[-1]); a normal draw is
    orthonormalized by Gram-Schmidt, which is the QR factor with a positive diagonal.

    Example:
        >>> import tensorlet as tf
        >>> q = tf.keras.initializers.Orthogonal(seed=1)((3, 3))
        >>> bool(tf.reduce_max(tf.abs(tf.transpose(q) @ q - tf.eye(3))) < 1e-5)
        True
    """

    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None):
        dtype = float_dtype(dtype, "Orthogonal")
        shape = as_shape(shape)
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        rows, cols = math.prod(shape[:-1]), shape[-1]
        draw = self._draws.normal((max(rows, cols), min(rows, cols)), 0.0, 1.0, tf.float64)
        q = _orthonormal_columns(draw)
        if rows < cols:
            q = tf.transpose(q)
        return tf.cast(self.gain * tf.reshape(q, shape), dtype)

    def get_config(self) -> dict:
        return {"seed": self.seed, "gain": self.gain}


def _orthonormal_columns(a):
    """Gram-Schmidt with re-orthogonalization ("twice is enough") on the columns of `a`."""
    q = None
    for j in range(a.shape[1]):
        v = a[:, j:j + 1]
        if q is not None:
            for _ in range(2):
                v = v - q @ (tf.transpose(q) @ v)
        v = v / tf.norm(v)
        q = v if q is None else tf.concat([q, v], axis=1)
    return q
