"""Core layers: Dense, Activation, Lambda, Embedding."""

from .activation import Activation
from .dense import Dense
from .embedding import Embedding
from .lambda_layer import Lambda

__all__ = ["Dense", "Activation", "Lambda", "Embedding"]
