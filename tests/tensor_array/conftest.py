"""Until tensorlet/__init__.py exports them, `tf.TensorArray` and `tf.TensorArraySpec` come from
tensorlet.tensor_array (the same objects the lead wires in)."""

import tensorlet as tf
from tensorlet import tensor_array

for _name in ("TensorArray", "TensorArraySpec"):
    if _name not in vars(tf):
        setattr(tf, _name, getattr(tensor_array, _name))
