"""`tf.saved_model`: portable export of traced functions and models (A0.7, C7, C8).

`save(obj, export_dir)` writes an object's traced graphs, signatures and variables as data: a
JSON document naming registry ops, an `.npz` of arrays and a checksummed, versioned manifest.
`load(export_dir)` rebuilds callable functions in any process, without the defining source and
without executing anything from the files. `export_keras` is what Keras's `model.export` writes.
"""

from .export import export_keras
from .file_format import contains
from .load import load
from .save import save

__all__ = ["save", "load", "contains", "export_keras"]
