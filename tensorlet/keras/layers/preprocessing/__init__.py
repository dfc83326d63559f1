"""Preprocessing layers: Normalization."""

from .normalization import Normalization

__all__ = ["Normalization"]
