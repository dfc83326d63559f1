"""`tf.keras.optimizers`: SGD, RMSprop, Adam, Nadam, AdamW, Adagrad, Adamax and schedules (B6, B7).

Example:
    >>> import tensorlet as tf
    >>> from tensorlet.keras import optimizers
    >>> v = tf.Variable(10.0)
    >>> _ = optimizers.get("sgd").apply_gradients(zip([tf.constant(1.0)], [v]))
    >>> v.numpy()
    np.float32(9.99)
"""

from . import schedules
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .base_optimizer import Optimizer
from .nadam import Nadam
from .rmsprop import RMSprop
from .serialization import deserialize, get, serialize
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "RMSprop", "Adam", "Nadam", "AdamW", "Adagrad", "Adamax",
           "schedules", "get", "serialize", "deserialize"]
