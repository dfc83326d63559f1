"""`tf.keras.callbacks`: hooks into `fit`, `evaluate` and `predict` (B5).

The order in which the trainer calls them is documented in `callback_list`.

Example:
    >>> import tensorlet as tf
    >>> stopper = tf.keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
    >>> isinstance(stopper, tf.keras.callbacks.Callback)
    True
"""

from .backup_and_restore import BackupAndRestore
from .callback import Callback
from .callback_list import CallbackList
from .csv_logger import CSVLogger
from .early_stopping import EarlyStopping
from .history import History
from .lambda_callback import LambdaCallback
from .learning_rate_scheduler import LearningRateScheduler
from .model_checkpoint import ModelCheckpoint
from .progbar_logger import ProgbarLogger
from .reduce_lr_on_plateau import ReduceLROnPlateau
from .tensorboard import TensorBoard
from .terminate_on_nan import TerminateOnNaN

__all__ = ["BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping",
           "History", "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint",
           "ProgbarLogger", "ReduceLROnPlateau", "TensorBoard", "TerminateOnNaN"]
