"""`tf.saved_model.load`: rebuilds callable functions from a saved model's data.

Loading reads and checks the files (`file_format.read`), creates the variables from their saved
values, decodes every graph (ops by registry name, attributes in the closed schema) and wraps
each trace in a `ConcreteFunction`, which compiles its graph with the usual executor on its
first call. Nothing from the files is executed or imported: no pickle, marshal, eval or import.
"""

from __future__ import annotations

from ..core import nest
from ..core.spec import TensorSpec
from ..core.variable import Variable
from ..graph import signature
from ..graph.binding import bind_to_signature
from ..graph.concrete import ConcreteFunction
from . import file_format, keras_bridge, schema
from .graph_codec import Decoder, read_array
from .schema import FormatError

__all__ = ["load", "Loaded", "RestoredFunction", "SignatureFunction"]

_RESERVED = frozenset({"signatures", "variables", "trainable_variables",
                       "non_trainable_variables"})
_DOCUMENT_KEYS = {"format", "version", "kind", "variables", "subgraphs", "functions",
                  "signatures", "object"}


class RestoredFunction:
    """A loaded `tf.function`: calls run the saved trace their arguments match."""

    def __init__(self, name: str, concretes: list, input_signature, arg_names: list) -> None:
        self.__name__ = name
        self._concretes = concretes
        self._input_signature = input_signature
        self._arg_names = arg_names

    @property
    def input_signature(self):
        return self._input_signature

    @property
    def concrete_functions(self) -> list:
        return list(self._concretes)

    def get_concrete_function(self, *args, **kwargs) -> ConcreteFunction:
        """The saved trace for these arguments (tensors or `tf.TensorSpec`s)."""
        if (not args and not kwargs) and (self._input_signature is not None or
                                          len(self._concretes) == 1):
            return self._concretes[0]
        return self._select(args, kwargs)[0]

    def _select(self, args: tuple, kwargs: dict) -> tuple:
        key = None
        for cf in self._concretes:
            try:
                cargs, ckwargs = cf._bind(args, kwargs) if cf._bind else (args, kwargs)
            except TypeError:
                continue
            key, leaves = signature.flatten(cargs, ckwargs)
            if signature.compatible(key, cf.key):
                return cf, leaves
        got = signature.key_text(key or signature.flatten(args, kwargs)[0])
        options = "; ".join(f"option {i + 1}: {signature.key_text(cf.key)}"
                            for i, cf in enumerate(self._concretes))
        raise TypeError(f"Could not find matching concrete function to call loaded from the "
                        f"SavedModel. Got: {got}. Expected these arguments to match one of the "
                        f"following {len(self._concretes)} option(s): {options}")

    def __call__(self, *args, **kwargs):
        if self._input_signature is not None:
            inputs = bind_to_signature(self._input_signature, self._arg_names, args, kwargs)
            return self._concretes[0].call_inputs(inputs)
        cf, leaves = self._select(args, kwargs)
        return cf.call_inputs([x for x in leaves if signature.is_input_object(x)])

    def __repr__(self) -> str:
        return f"<RestoredFunction {self.__name__}: {len(self._concretes)} trace(s)>"


class SignatureFunction:
    """A loaded signature: keyword (or positional) tensors in, a dict of tensors out."""

    def __init__(self, concrete: ConcreteFunction, input_names: list, output_names: list):
        self._concrete = concrete
        self._input_names = list(input_names)
        self._output_names = list(output_names)
        self._specs = tuple(TensorSpec(v.shape, v.dtype, n)
                            for v, n in zip(concrete.graph.inputs, input_names))

    graph = property(lambda self: self._concrete.graph)
    inputs = property(lambda self: self._concrete.inputs)
    outputs = property(lambda self: self._concrete.outputs)
    variables = property(lambda self: self._concrete.variables)
    trainable_variables = property(lambda self: self._concrete.trainable_variables)

    @property
    def structured_input_signature(self) -> tuple:
        return (), {spec.name: spec for spec in self._specs}

    @property
    def structured_outputs(self) -> dict:
        flat = nest.flatten(self._concrete.structured_outputs)
        return {n: TensorSpec(v.shape, v.dtype, n) for n, v in zip(self._output_names, flat)}

    def __call__(self, *args, **kwargs) -> dict:
        tensors = bind_to_signature(self._specs, self._input_names, args, kwargs)
        flat = nest.flatten(self._concrete.call_inputs(tensors))
        return dict(zip(self._output_names, flat))

    def __repr__(self) -> str:
        inputs = ", ".join(f"{s.name}: {s!r}" for s in self._specs)
        return f"<SignatureFunction (*, {inputs}) -> {self._output_names}>"


class Loaded:
    """What `tf.saved_model.load` returns: the saved functions, signatures and variables.

    Attributes:
        signatures: `{name: SignatureFunction}` (`serving_default`...).
        variables, trainable_variables, non_trainable_variables: the restored variables.
    """

    def __init__(self, kind: str, members: dict, signatures: dict, variables: list,
                 trainable: list) -> None:
        self.__dict__.update(members)
        self._kind = kind
        self.signatures = signatures
        self.variables = list(variables)
        self.trainable_variables = list(trainable)
        trainable_ids = {id(v) for v in trainable}
        self.non_trainable_variables = [v for v in variables if id(v) not in trainable_ids]

    def __call__(self, *args, **kwargs):
        fn = self.__dict__.get("__call__")
        if fn is None:
            raise TypeError("this loaded object is not callable: the saved object had no "
                            "__call__ function; see .signatures and its attributes")
        return fn(*args, **kwargs)

    def __repr__(self) -> str:
        names = sorted(k for k, v in self.__dict__.items() if isinstance(v, RestoredFunction))
        return (f"<tensorlet saved model ({self._kind}): functions {names}, signatures "
                f"{sorted(self.signatures)}, {len(self.variables)} variables>")


# --- decoding the document ------------------------------------------------------------------

def _fail(where: str, message: str) -> FormatError:
    return FormatError(f"malformed saved model: {where}: {message}")


def _keys(doc, keys: set, where: str) -> None:
    if type(doc) is not dict or set(doc) != keys:
        got = sorted(doc) if type(doc) is dict else type(doc).__name__
        raise _fail(where, f"expected the keys {sorted(keys)}, got {got}")


def _typed(x, kind, where: str):
    if type(x) is not kind:
        raise _fail(where, f"expected a {kind.__name__}, got {type(x).__name__}")
    return x


def _variables(docs, arrays: dict) -> list:
    variables = []
    for i, doc in enumerate(_typed(docs, list, "variables")):
        where = f"variable #{i}"
        _keys(doc, {"name", "dtype", "shape", "trainable", "array"}, where)
        spec = TensorSpec(schema.decode_shape(doc["shape"], where),
                          schema.decode_dtype(doc["dtype"], where))
        value = read_array(arrays, doc["array"], spec, where)
        variables.append(Variable(value, trainable=_typed(doc["trainable"], bool, where),
                                  name=_typed(doc["name"], str, where), dtype=spec.dtype,
                                  shape=spec.shape))
    return variables


def _binder(params, where: str):
    """Maps keyword arguments and defaults onto the saved positional parameters."""
    if params is None:
        return None
    names, defaults = [], {}
    for p in _typed(params, list, where):
        if type(p) is not dict or "name" not in p or not set(p) <= {"name", "default"} or \
                type(p["name"]) is not str:
            raise _fail(where, f"bad parameter {p!r}")
        names.append(p["name"])
        if "default" in p:
            defaults[p["name"]] = schema.decode(p["default"], schema.ARG_TAGS, where)

    def bind(args: tuple, kwargs: dict) -> tuple:
        if not kwargs and len(args) == len(names):
            return args, kwargs
        if len(args) > len(names):
            raise TypeError(f"too many positional arguments: {len(args)} for {names}")
        rest, values = dict(kwargs), list(args)
        for name in names[len(args):]:
            if name in rest:
                values.append(rest.pop(name))
            elif name in defaults:
                values.append(defaults[name])
            else:
                raise TypeError(f"missing a required argument: {name!r}")
        if rest:
            raise TypeError(f"got an unexpected keyword argument {next(iter(rest))!r}")
        return tuple(values), {}

    return bind


def _concrete(doc, decoder: Decoder, bind, arg_names: list, where: str) -> ConcreteFunction:
    _keys(doc, {"name", "args", "kwargs", "outputs", "graph"}, where)
    args = schema.decode(doc["args"], schema.ARG_TAGS, where)
    kwargs = schema.decode(doc["kwargs"], schema.ARG_TAGS, where)
    if type(args) is not tuple or type(kwargs) is not dict:
        raise _fail(where, "the arguments must be a tuple and a dict")
    graph = decoder.graph(doc["graph"], where)
    key, leaves = signature.flatten(args, kwargs)
    specs = [x for x in leaves if isinstance(x, TensorSpec)]
    if len(specs) != len(graph.inputs) or any(
            s.dtype is not v.dtype or not s.shape.is_compatible_with(v.shape)
            for s, v in zip(specs, graph.inputs)):
        raise _fail(where, "the saved arguments do not match the graph's inputs")
    skeleton = schema.decode(doc["outputs"], schema.OUTPUT_TAGS, where)
    flat = nest.flatten(skeleton)
    if not all(isinstance(o, schema.Output) and (o.index is None or o.index <
                                                 len(graph.outputs)) for o in flat):
        raise _fail(where, "the results refer to missing outputs")
    structured = nest.pack_sequence_as(
        skeleton, [None if o.index is None else graph.outputs[o.index] for o in flat])
    return ConcreteFunction(graph, _typed(doc["name"], str, where), key,
                            signature.leaf_paths(arg_names, args, kwargs), (args, kwargs),
                            structured, [o.index for o in flat], bind=bind)


def _function(name: str, doc, decoder: Decoder) -> RestoredFunction:
    where = f"function {name!r}"
    _keys(doc, {"input_signature", "arg_names", "params", "concretes"}, where)
    arg_names = _typed(doc["arg_names"], list, where)
    if not all(type(n) is str for n in arg_names):
        raise _fail(where, "argument names must be strings")
    signature_doc = doc["input_signature"]
    input_signature = None
    if signature_doc is not None:
        input_signature = schema.decode(signature_doc, schema.ARG_TAGS, where)
        if type(input_signature) is not tuple:
            raise _fail(where, "the input_signature must be a tuple")
    bind = _binder(doc["params"], where)
    concretes = [_concrete(c, decoder, bind, arg_names, f"trace #{i} of {where}")
                 for i, c in enumerate(_typed(doc["concretes"], list, where))]
    if not concretes or (input_signature is not None and len(concretes) != 1):
        raise _fail(where, "a function has one trace per input_signature, or at least one")
    return RestoredFunction(name, concretes, input_signature, arg_names)


def _signature(name: str, doc, functions: dict) -> SignatureFunction:
    where = f"signature {name!r}"
    _keys(doc, {"function", "index", "inputs", "outputs"}, where)
    fn = functions.get(doc["function"]) if type(doc["function"]) is str else None
    index = doc["index"]
    if fn is None or type(index) is not int or not 0 <= index < len(fn._concretes):
        raise _fail(where, "it refers to a missing function")
    cf = fn._concretes[index]
    inputs, outputs = _typed(doc["inputs"], list, where), _typed(doc["outputs"], list, where)
    if len(inputs) != len(cf.graph.inputs) or len(set(inputs)) != len(inputs) or \
            len(outputs) != len(nest.flatten(cf.structured_outputs)) or \
            not all(type(n) is str for n in inputs + outputs):
        raise _fail(where, "its input or output names do not match its function")
    return SignatureFunction(cf, inputs, outputs)


def _members(doc, functions: dict, variables: list) -> tuple:
    _keys(doc, {"functions", "variables", "all_variables", "trainable_variables"}, "object")
    members = {}
    for attr, fname in _typed(doc["functions"], dict, "object").items():
        if fname not in functions:
            raise _fail("object", f"attribute {attr!r} refers to a missing function")
        members[_attribute(attr)] = functions[fname]
    for attr, ref in _typed(doc["variables"], dict, "object").items():
        members[_attribute(attr)] = _variable(ref, variables) if type(ref) is int else \
            [_variable(i, variables) for i in _typed(ref, list, "object")]
    listed = [_variable(i, variables) for i in _typed(doc["all_variables"], list, "object")]
    trainable = [_variable(i, variables)
                 for i in _typed(doc["trainable_variables"], list, "object")]
    return members, listed, trainable


def _attribute(name) -> str:
    if type(name) is not str or not name.isidentifier() or name in _RESERVED or \
            (name.startswith("_") and name != "__call__"):
        raise _fail("object", f"bad attribute name {name!r}")
    return name


def _variable(i, variables: list):
    if type(i) is not int or not 0 <= i < len(variables):
        raise _fail("object", f"bad variable index {i!r}")
    return variables[i]


def load(export_dir, tags=None, options=None):
    """Loads a model saved by `tf.saved_model.save` (or `export_keras`), in any process.

    The result calls the saved functions (`loaded(x)`, `loaded.f(x)`), runs the signatures
    (`loaded.signatures["serving_default"](x=...)` returns a dict of tensors) and holds the
    restored variables (`loaded.trainable_variables` can be trained further). No code from
    the files runs: ops resolve through tensorlet's op registry by name only.

    A Keras save (`model.save(path)`: a directory or a `.keras` zip) loads as the full Keras
    model, exactly as `tf.keras.models.load_model(path)` (C7).

    Args:
        export_dir: the saved model's directory, or a Keras save.
        tags: accepted for compatibility; unused.
        options: accepted for compatibility; unused.

    Returns:
        A `Loaded` object; the Keras model for a Keras save.

    Raises:
        OSError: when `export_dir` holds no saved model.
        ValueError: when a file is missing, truncated, corrupted or malformed, or names an op
            that is not in the registry.

    Example:
        >>> import tempfile, tensorlet as tf
        >>> f = tf.function(lambda x: x + 1, input_signature=[tf.TensorSpec([], tf.int32)])
        >>> d = tempfile.mkdtemp()
        >>> tf.saved_model.save(f, d)
        >>> tf.saved_model.load(d).signatures["serving_default"](x=tf.constant(1))
        {'output_0': <tf.Tensor: shape=(), dtype=int32, numpy=2>}
    """
    if keras_bridge.is_keras_save(export_dir):
        return keras_bridge.load_keras(export_dir)
    document, arrays = file_format.read(export_dir)
    try:
        return _build(document, arrays)
    except RecursionError:
        raise FormatError(f"malformed saved model: {export_dir}: values are nested too deeply "
                          f"to be a saved model") from None


def _build(document, arrays: dict) -> Loaded:
    _keys(document, _DOCUMENT_KEYS, "the document")
    kind = document["kind"]
    if kind not in ("function", "keras", "module"):
        raise _fail("the document", f"unknown kind {kind!r}")
    variables = _variables(document["variables"], arrays)
    decoder = Decoder(arrays, variables, document["subgraphs"])
    functions = {name: _function(name, doc, decoder)
                 for name, doc in _typed(document["functions"], dict, "functions").items()}
    signatures = {name: _signature(name, doc, functions)
                  for name, doc in _typed(document["signatures"], dict, "signatures").items()}
    members, listed, trainable = _members(document["object"], functions, variables)
    return Loaded(kind, members, signatures, listed, trainable)
