"""`tf.keras.optimizers.schedules`: learning rates that change with the step (B7).

Example:
    >>> from tensorlet.keras.optimizers import schedules
    >>> s = schedules.ExponentialDecay(0.01, decay_steps=100, decay_rate=0.1)
    >>> round(float(s(100)), 6)
    0.001
"""

from .cosine import CosineDecay, CosineDecayRestarts
from .exponential import ExponentialDecay, InverseTimeDecay
from .learning_rate_schedule import LearningRateSchedule
from .piecewise import PiecewiseConstantDecay
from .polynomial import PolynomialDecay
from .serialization import deserialize, serialize

__all__ = ["LearningRateSchedule", "ExponentialDecay", "PiecewiseConstantDecay",
           "InverseTimeDecay", "PolynomialDecay", "CosineDecay", "CosineDecayRestarts",
           "serialize", "deserialize"]
