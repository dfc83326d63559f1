"""`tf.saved_model.save`: an object's traced functions, signatures and variables, as data.

What is saved:

- a `tf.function`: its traces (the one of its `input_signature`, else every trace made so far),
  restored as the loaded object's `__call__`;
- a `ConcreteFunction`: that trace;
- a Keras model: `model(inputs, training=False)` traced for the model's input spec, restored as
  `__call__` (and `serve`, for `export_keras`), with every model variable;
- any other object (TF's `tf.Module` style): its `tf.function` attributes and methods with
  traces, and its variable attributes (alone or in lists and tuples).

Variables are saved by value and loaded as new `tf.Variable`s that the loaded functions
capture, so a loaded model can be fine-tuned. Signatures (`serving_default`...) take keyword
tensors and return a dict, as in TF.
"""

from __future__ import annotations

import inspect

from ..core import nest
from ..core.spec import TensorSpec
from ..core.variable import Variable
from ..graph.concrete import ConcreteFunction
from ..graph.function import Function
from ..graph.signature import flatten
from . import file_format, keras_bridge, schema
from .graph_codec import Encoder
from .keras_model import is_keras_model, serving_function

__all__ = ["save", "save_document"]

RESERVED = frozenset({"signatures", "variables", "trainable_variables",
                      "non_trainable_variables"})


class SavedFunction:
    """A function to save: its traces, and how calls select one."""

    def __init__(self, concretes: list, input_signature=None, arg_names=(), params=None):
        self.concretes = concretes
        self.input_signature = input_signature
        self.arg_names = list(arg_names)
        self.params = params


def _params(function: Function):
    """The positional parameters with their defaults, or None when calls cannot be re-bound."""
    if function._sig is None or function._arity < 0:
        return None
    params = []
    for p in function._sig.parameters.values():
        entry = {"name": p.name}
        if p.default is not inspect.Parameter.empty:
            try:
                entry["default"] = schema.encode(p.default, where="a default")
            except TypeError:
                return None
        params.append(entry)
    return params


def from_function(function) -> SavedFunction | None:
    """The traces of a `tf.function` or a `ConcreteFunction` (None when it has none)."""
    if isinstance(function, ConcreteFunction):
        return SavedFunction([function])
    if function.input_signature is not None:
        return SavedFunction([function.get_concrete_function()], function.input_signature,
                             function._arg_names)
    concretes = list({id(c): c for c in function._cache.values()}.values())
    if not concretes:
        return None
    return SavedFunction(concretes, None, function._arg_names, _params(function))


def _members(obj) -> list:
    """`(name, value)` of the object's public attributes and `tf.function` methods."""
    own = dict(vars(obj)) if hasattr(obj, "__dict__") else {}
    names = set(own)
    for klass in type(obj).__mro__:
        names.update(k for k, v in vars(klass).items() if isinstance(v, Function))
    members = []
    for name in sorted(names):
        if (name.startswith("_") and name != "__call__") or name in RESERVED:
            continue
        members.append((name, own[name] if name in own else getattr(obj, name)))
    return members


def _collect(obj) -> tuple:
    """`(kind, functions, attributes, variable attributes, variables, trainable)` to save."""
    if isinstance(obj, (Function, ConcreteFunction)):
        saved = from_function(obj)
        if saved is None:
            raise ValueError(f"cannot save {obj!r}: it has no traces; give it an "
                             f"input_signature or call it once before saving")
        return "function", {"__call__": saved}, {"__call__": "__call__"}, {}, None, None
    if is_keras_model(obj):
        saved = from_function(serving_function(obj, "__call__"))
        return "keras", {"__call__": saved}, {"__call__": "__call__"}, {}, \
            list(obj.variables), list(obj.trainable_variables)
    functions, attributes, variables = {}, {}, {}
    for name, value in _members(obj):
        if isinstance(value, (Function, ConcreteFunction)):
            saved = from_function(value)
            if saved is not None:
                functions[name] = saved
                attributes[name] = name
        elif isinstance(value, Variable):
            variables[name] = value
        elif isinstance(value, (list, tuple)) and value and \
                all(isinstance(v, Variable) for v in value):
            variables[name] = list(value)
    listed = getattr(obj, "variables", None)
    if not (isinstance(listed, (list, tuple)) and all(isinstance(v, Variable) for v in listed)):
        listed = None
    return "module", functions, attributes, variables, listed, None


# --- signatures -----------------------------------------------------------------------------

def _signature_source(fn, name: str) -> SavedFunction:
    if isinstance(fn, ConcreteFunction) or (isinstance(fn, Function) and
                                            fn.input_signature is not None):
        return from_function(fn)
    raise ValueError(f"Expected a TensorFlow function for which to generate a signature "
                     f"({name!r}), but got {fn!r}. Only `tf.function`s with an input signature "
                     f"or concrete functions can be used as a signature.")


def _takes_tensors(cf: ConcreteFunction) -> bool:
    _, leaves = flatten(*cf.structured_input_signature)
    return len(leaves) == len(cf.graph.inputs) and all(isinstance(x, TensorSpec) for x in leaves)


def _default_signatures(kind: str, functions: dict) -> dict:
    if kind in ("function", "keras"):
        candidates = [functions["__call__"]]
    else:
        candidates = [s for s in functions.values() if s.input_signature is not None]
    if len(candidates) != 1:
        return {}
    saved = candidates[0]
    ready = saved.input_signature is not None or (len(saved.concretes) == 1 and
                                                  not saved.arg_names)
    if not ready or not _takes_tensors(saved.concretes[0]):
        return {}
    return {"serving_default": saved}


def _signatures(signatures, kind: str, functions: dict) -> dict:
    """`{signature name: SavedFunction}` (its first trace is the signature's)."""
    if signatures is None:
        return _default_signatures(kind, functions)
    if not isinstance(signatures, dict):
        signatures = {"serving_default": signatures}
    out = {}
    for name, fn in signatures.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"signature names must be non-empty strings, got {name!r}")
        out[name] = _signature_source(fn, name)
        if not _takes_tensors(out[name].concretes[0]):
            raise ValueError(f"cannot use {fn!r} as the signature {name!r}: signatures take "
                             f"tensors only")
    return out


def _input_names(cf: ConcreteFunction, input_signature) -> list:
    given = nest.flatten(list(input_signature)) if input_signature is not None else []
    names = []
    for i, value in enumerate(cf.graph.inputs):
        spec = given[i] if i < len(given) and isinstance(given[i], TensorSpec) else None
        name = spec.name if spec is not None and spec.name else value.node.name
        names.append(name if name not in names else f"{name}_{i}")
    return names


def _output_names(cf: ConcreteFunction) -> list:
    out = cf.structured_outputs
    flat = nest.flatten(out)
    if any(x is None for x in flat):
        raise ValueError(f"cannot use {cf!r} as a signature: it returns None")
    if isinstance(out, dict):
        if any(isinstance(v, (list, tuple, dict)) for v in out.values()) or \
                not all(isinstance(k, str) for k in out):
            raise ValueError(f"cannot use {cf!r} as a signature: a returned dict must map "
                             f"strings to tensors")
        return sorted(out)
    return [f"output_{i}" for i in range(len(flat))]


# --- the document ---------------------------------------------------------------------------

def _concrete_doc(enc: Encoder, cf: ConcreteFunction, where: str) -> dict:
    args, kwargs = cf.structured_input_signature
    skeleton = nest.pack_sequence_as(cf.structured_outputs,
                                     [schema.Output(i) for i in cf._out_index])
    return {"name": cf.name,
            "args": schema.encode(tuple(args), where=f"the arguments of {where}"),
            "kwargs": schema.encode(dict(kwargs), where=f"the arguments of {where}"),
            "outputs": schema.encode(skeleton, where=f"the results of {where}"),
            "graph": enc.graph(cf.graph, where)}


def _function_doc(enc: Encoder, name: str, saved: SavedFunction) -> dict:
    signature = saved.input_signature
    return {"input_signature": None if signature is None else
            schema.encode(tuple(signature), where=f"the input_signature of {name}"),
            "arg_names": saved.arg_names, "params": saved.params,
            "concretes": [_concrete_doc(enc, cf, f"function {name!r}")
                          for cf in saved.concretes]}


def _locate(functions: dict, cf: ConcreteFunction) -> tuple | None:
    for name, saved in functions.items():
        for i, c in enumerate(saved.concretes):
            if c is cf:
                return name, i
    return None


def save_document(kind: str, functions: dict, attributes: dict, variables: dict, listed,
                  trainable, signatures: dict) -> tuple:
    """`(document, arrays)` for the collected functions, variables and signatures."""
    enc = Encoder()
    for v in listed or ():
        enc.variable_index(v)
    signature_docs = {}
    for sig_name, saved in signatures.items():
        cf = saved.concretes[0]
        where = _locate(functions, cf)
        if where is None:
            where = (f"signature:{sig_name}", 0)
            functions[where[0]] = saved
        signature_docs[sig_name] = {"function": where[0], "index": where[1],
                                    "inputs": _input_names(cf, saved.input_signature),
                                    "outputs": _output_names(cf)}
    function_docs = {name: _function_doc(enc, name, saved) for name, saved in functions.items()}
    variable_attrs = {name: enc.variable_index(v) if isinstance(v, Variable)
                      else [enc.variable_index(x) for x in v] for name, v in variables.items()}
    everything = list(enc.variables)
    listed = everything if listed is None else list(listed)
    trainable = [v for v in listed if v.trainable] if trainable is None else trainable
    document = {
        "format": file_format.FORMAT, "version": file_format.VERSION, "kind": kind,
        "variables": [_variable_doc(enc, v) for v in everything],
        "subgraphs": enc.subgraphs, "functions": function_docs, "signatures": signature_docs,
        "object": {"functions": attributes, "variables": variable_attrs,
                   "all_variables": [enc.variable_index(v) for v in listed],
                   "trainable_variables": [enc.variable_index(v) for v in trainable]}}
    return document, enc.arrays


def _variable_doc(enc: Encoder, v) -> dict:
    name = v.name[:-2] if v.name.endswith(":0") else v.name
    return {"name": name, "dtype": v.dtype.name, "shape": schema.encode_shape(v.shape),
            "trainable": bool(v.trainable), "array": enc.array_key(v.numpy(), "v")}


def save(obj, export_dir, signatures=None, options=None) -> None:
    """Saves `obj`'s traced functions, signatures and variables to the directory `export_dir`.

    The saved model is data only (a JSON document of graphs naming registry ops, an `.npz` of
    arrays and a checksummed manifest); `tf.saved_model.load` rebuilds callable functions from
    it in any process, without the code that defined them. A Keras model's own Keras save is
    also written, into `export_dir/keras/`, so `tf.keras.models.load_model(export_dir)` returns
    the full model (C7, `keras_bridge`).

    Args:
        obj: a `tf.function`, a `ConcreteFunction`, a Keras model, or an object whose
            attributes and methods are `tf.function`s and variables.
        export_dir: the directory to write (created; the files of an older save are replaced).
        signatures: a `tf.function` with an `input_signature` or a `ConcreteFunction` (saved
            as `serving_default`), or a dict of them by signature name. By default: the
            model's or function's own trace, or the object's one `tf.function` with an
            `input_signature`.
        options: accepted for compatibility; unused.

    Raises:
        ValueError: when there is nothing to save or a signature is not a traced function.
        TypeError: when a graph holds a value the format cannot save (a Python object).

    Example:
        >>> import tempfile, tensorlet as tf
        >>> f = tf.function(lambda x: x * 2.0, input_signature=[tf.TensorSpec([None])])
        >>> d = tempfile.mkdtemp()
        >>> tf.saved_model.save(f, d)
        >>> tf.saved_model.load(d)(tf.constant([1.0, 2.0])).numpy()
        array([2., 4.], dtype=float32)
    """
    kind, functions, attributes, variables, listed, trainable = _collect(obj)
    sigs = _signatures(signatures, kind, functions)
    document, arrays = save_document(kind, functions, attributes, variables, listed, trainable,
                                     sigs)
    keras_bridge.clear_keras(export_dir)
    file_format.write(export_dir, document, arrays)
    if is_keras_model(obj):
        keras_bridge.save_keras(obj, export_dir)
