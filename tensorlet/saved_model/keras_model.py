"""Keras models as saved functions: `model(inputs, training=False)` traced for the input spec.

Keras is recognised by its base class (duck-typed by module), so this package does not import
`tensorlet.keras` and stays usable without it.
"""

from __future__ import annotations

from ..core import dtypes
from ..core.spec import TensorSpec
from ..graph.function import Function

__all__ = ["is_keras_model", "serving_function"]


def is_keras_model(obj) -> bool:
    """Whether `obj` is a Keras layer or model (an instance of `tensorlet.keras` `Layer`)."""
    return any(k.__name__ == "Layer" and k.__module__.startswith("tensorlet.keras")
               for k in type(obj).__mro__)


def _input_specs(model, keras_names: bool) -> list:
    """One spec per model input: the `Input` layers' shapes, dtypes and names."""
    if not getattr(model, "built", False):
        raise ValueError("The model provided has not yet been built. It must be built before "
                         "export.")
    inputs = list(getattr(model, "inputs", None) or [])
    if inputs:
        single = len(inputs) == 1 and not keras_names
        return [TensorSpec(x.shape, x.dtype, "inputs" if single else x.name) for x in inputs]
    shape = _dims(getattr(model, "_build_input_shape", None))
    if shape is None:
        raise ValueError(f"cannot find the input spec of the model {model.name!r}: build it "
                         f"on one input shape, or pass input_signature=[tf.TensorSpec(...)]")
    dtype = dtypes.as_dtype(getattr(model, "compute_dtype", None) or "float32")
    return [TensorSpec([None, *shape[1:]], dtype, "inputs")]


def _dims(shape):
    """The dims of one built input shape (the batch dim becomes None), or None."""
    try:
        dims = [None if d is None else int(d) for d in shape]
    except (TypeError, ValueError):
        return None
    return dims if dims else None


def serving_function(model, name: str, input_signature=None, keras_names: bool = False):
    """A `tf.function` with an input signature that runs `model` in inference mode.

    Raises:
        ValueError: when the model is not built (TF's message) or its input spec is unknown.
    """
    if input_signature is None:
        specs = _input_specs(model, keras_names)
        input_signature = [specs[0] if len(specs) == 1 else specs]

    def serve(inputs):
        return model(inputs, training=False)

    return Function(serve, input_signature=list(input_signature), name=name)
