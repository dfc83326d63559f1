"""Activation layers: ReLU, LeakyReLU, PReLU, Softmax, ELU."""

from .prelu import PReLU
from .relu import LeakyReLU, ReLU
from .softmax import ELU, Softmax

__all__ = ["ReLU", "LeakyReLU", "PReLU", "Softmax", "ELU"]
