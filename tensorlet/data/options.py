"""`tf.data.Options`: accepted for compatibility; tensorlet's pipelines have nothing to tune."""

from __future__ import annotations

__all__ = ["Options"]


class Options:
    """Dataset options (`deterministic`, `experimental_optimization`, ...).

    Any attribute can be set; none changes how a tensorlet pipeline runs (order is always
    deterministic).

    Example:
        >>> import tensorlet as tf
        >>> options = tf.data.Options()
        >>> options.deterministic = True
        >>> tf.data.Dataset.range(3).with_options(options).cardinality().numpy()
        np.int64(3)
    """

    def __init__(self) -> None:
        self.deterministic = None

    def merge(self, options):
        merged = Options()
        merged.__dict__.update(self.__dict__)
        merged.__dict__.update(options.__dict__)
        return merged

    def __eq__(self, other) -> bool:
        return isinstance(other, Options) and self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        return f"Options({self.__dict__})"
