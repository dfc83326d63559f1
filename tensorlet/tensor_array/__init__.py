"""`tf.TensorArray` and `tf.TensorArraySpec` (FEATURES A3.2).

Example:
    >>> from tensorlet.tensor_array import TensorArray
    >>> import tensorlet as tf
    >>> TensorArray(tf.float32, size=1).write(0, 2.).stack().numpy()
    array([2.], dtype=float32)
"""

from .tensor_array import TensorArray, TensorArraySpec

__all__ = ["TensorArray", "TensorArraySpec"]
