"""tensorlet: TensorFlow 2 and Keras, written in Python on NumPy.

Example:
    >>> import tensorlet as tf
    >>> (tf.constant([[1., 2.], [3., 4.]]) + 10).numpy()
    array([[11., 12.],
           [13., 14.]], dtype=float32)
"""

from . import _api
from .autodiff.tape import GradientTape, UnconnectedGradients
from .core import errors, nest
from .core.context import executing_eagerly
from .core.convert import constant, convert_to_tensor
from .core.convert import is_tensor_like as is_tensor
from .core.device import device
from .core.dtypes import (
    DType,
    as_dtype,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from .core.shape import TensorShape
from .core.spec import TensorSpec
from .core.tensor import Tensor
from .core.variable import IndexedSlices, Variable, VariableAggregation, VariableSynchronization
from .ops import operators as _operators

_operators.install()
# Import every op family now, so the registry is complete as soon as tensorlet is imported.
_api.catalog()

from . import autograph, bitwise, config, dtypes, linalg, math, nn, random  # noqa: E402
from .graph.function import function  # noqa: E402
from .graph.static_value import get_static_value  # noqa: E402

newaxis = None
__version__ = "0.1.0"


# Loaded on first use, so `import tensorlet` stays fast (C4).
_LAZY_SUBPACKAGES = (
    "keras", "summary", "sparse", "sets", "data", "io", "ragged", "strings", "queue", "saved_model",
    "debugging", "train",
)
_LAZY_ATTRIBUTES = {
    "SparseTensor": "sparse", "SparseTensorSpec": "sparse.sparse_tensor",
    "RaggedTensor": "ragged.ragged_tensor",
    "TensorArray": "tensor_array", "TensorArraySpec": "tensor_array",
    "Module": "module",
    "name_scope": "framework", "control_dependencies": "framework", "no_op": "framework",
    "group": "framework", "ensure_shape": "framework", "map_fn": "framework",
    "scan": "framework", "foldl": "framework", "foldr": "framework",
    # TF 2.21's top-level assert aliases are exactly these four
    "assert_equal": "debugging", "assert_greater": "debugging",
    "assert_less": "debugging", "assert_rank": "debugging",
}


def __getattr__(name):
    import importlib

    if name in _LAZY_SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY_ATTRIBUTES:
        module = importlib.import_module(f"{__name__}.{_LAZY_ATTRIBUTES[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    value = _api.resolve(__name__, name)
    globals()[name] = value
    return value
