"""`export_keras`: what Keras's `model.export(filepath)` writes (TF's `serve` endpoint)."""

from __future__ import annotations

from ..core.spec import TensorSpec
from . import file_format
from .keras_model import is_keras_model, serving_function
from .save import from_function, save_document

__all__ = ["export_keras"]


def export_keras(model, filepath, format="tf_saved_model", verbose=True,  # noqa: A002
                 input_signature=None, **kwargs) -> None:
    """Exports a Keras model for inference: `model(inputs, training=False)` as `serve`.

    `Model.export(filepath, ...)` calls this. The loaded object has `serve` (also callable as
    `loaded(x)`), the signature `serving_default` (inputs named after the model's `Input`
    layers, outputs `output_0`...) and the model's variables.

    Args:
        model: a built Keras model.
        filepath: the directory to write.
        format: only "tf_saved_model" is supported.
        verbose: print the endpoints, as Keras does.
        input_signature: a list of `tf.TensorSpec` (default: the model's input spec).
        **kwargs: accepted for compatibility.

    Raises:
        ValueError: when the model is not built or the format is not supported.

    Example:
        >>> import tempfile, tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> d = tempfile.mkdtemp()
        >>> tf.saved_model.export_keras(model, d, verbose=False)
        >>> tf.saved_model.load(d).serve(tf.ones((3, 2))).shape
        TensorShape([3, 1])
    """
    if format != "tf_saved_model":
        raise ValueError(f"Unrecognized format={format!r}: tensorlet exports "
                         f"format='tf_saved_model' only")
    if not is_keras_model(model):
        raise TypeError(f"export_keras expects a Keras model, got {type(model).__name__}")
    fn = serving_function(model, "serve", input_signature, keras_names=True)
    saved = from_function(fn)
    document, arrays = save_document(
        "keras", {"serve": saved}, {"serve": "serve", "__call__": "serve"}, {},
        list(model.variables), list(model.trainable_variables), {"serving_default": saved})
    file_format.write(filepath, document, arrays)
    if verbose:
        cf = saved.concretes[0]
        args = "\n".join(f"  args_{i} (POSITIONAL_ONLY): {spec!r}"
                         for i, spec in enumerate(fn.input_signature))
        outs = ", ".join(repr(TensorSpec(v.shape, v.dtype)) for v in cf.outputs)
        print(f"Saved artifact at '{filepath}'. The following endpoints are available:\n\n"
              f"* Endpoint 'serve'\n{args}\nOutput Type:\n  {outs}")

