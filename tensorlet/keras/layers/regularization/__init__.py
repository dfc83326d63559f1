"""Regularization layers: Dropout, AlphaDropout, GaussianNoise, GaussianDropout."""

from .alpha_dropout import AlphaDropout
from .dropout import Dropout
from .gaussian_noise import GaussianDropout, GaussianNoise

__all__ = ["Dropout", "AlphaDropout", "GaussianNoise", "GaussianDropout"]
