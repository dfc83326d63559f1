"""User functions of transformations (`map`, `filter`, `flat_map`, ...): calling convention,
output structure, and how they run.

As in TF, an element that is a tuple is passed as separate arguments, anything else as one
argument. A function returning tensors is traced once (through `tf.function`, with AutoGraph)
to learn its output structure, and its compiled graph then runs on each element's arrays. A
function that cannot be traced runs eagerly, its output structure taken from the first element.
A function returning a dataset (`flat_map`, `interleave`) is traced only to learn the dataset's
element spec, and runs eagerly.

An error raised for an element read from a text file names the file and the line.
"""

from __future__ import annotations

import logging

import numpy as np

from ..core import nest
from ..core.errors import OpError
from ..core.spec import TensorSpec
from ..graph.builder import GraphBuilder, building
from ..graph.function import function as tf_function
from ..graph.ir import Graph
from ..graph.traceback_utils import traceback_at
from . import composite, sources, structure

__all__ = ["StructuredFunction", "SourcedTuple", "with_source"]

logger = logging.getLogger("tensorlet")


class SourcedTuple(tuple):
    """An element's leaves, remembering the file and line they were read from (`source`)."""

    source: tuple = ()


def with_source(exc: BaseException, leaves) -> BaseException:
    """`exc` with the element's file and line added, when the element was read from a file."""
    source = getattr(leaves, "source", None)
    if source is None or getattr(exc, "_tensorlet_sourced", False):
        return exc
    where = f"while processing line {source[1]} of file '{source[0]}'"
    if isinstance(exc, OpError):
        located = type(exc)(exc.node_def, exc.op, f"{exc.message}\n  ({where})")
        located._tensorlet_sourced = True
        located.__cause__ = exc.__cause__
        return located
    if hasattr(exc, "add_note"):  # Python 3.11+
        exc.add_note(f"({where})")
    exc._tensorlet_sourced = True
    return exc


def _call(func, element):
    return func(*element) if type(element) is tuple else func(element)


def _lists_to_tuples(x):
    if isinstance(x, list):
        return tuple(_lists_to_tuples(v) for v in x)
    if isinstance(x, dict):
        return type(x)((k, _lists_to_tuples(v)) for k, v in x.items())
    if isinstance(x, tuple):
        children = [_lists_to_tuples(v) for v in x]
        return type(x)(*children) if hasattr(x, "_fields") else tuple(children)
    return x


def _output_structure(out):
    """The spec structure of a traced function's outputs (lists are tuples, as in TF)."""
    out = _lists_to_tuples(out)
    flat = nest.flatten(out)
    if not flat:
        raise ValueError("Invalid `element`. `element` should not be empty.")
    if any(x is None for x in flat):
        raise ValueError("A dataset function must return tensors, not None.")
    return nest.pack_sequence_as(out, [structure.spec_of_tensor(x) for x in flat])


class StructuredFunction:
    """A user function applied to elements of `input_dataset`.

    Args:
        func: the user's function.
        input_dataset: the dataset whose elements the function receives.
        kind: "tensors" (map), "predicate" (filter) or "dataset" (flat_map, interleave).
        what: the transformation's name, for error messages.
    """

    def __init__(self, func, input_dataset, kind: str, what: str) -> None:
        self.func = func
        self.kind = kind
        self.what = what
        self._input = input_dataset
        self._in_structure = input_dataset.element_spec
        self._pack = structure.make_packer(self._in_structure)
        self._plan = None
        self._structure = None
        self._trace_error = None
        if kind == "dataset":
            self._trace_dataset()
        else:
            self._trace_tensors()
        if self._structure is None:
            # NOTE: as TF, a function that cannot run fails when the transformation is made.
            self._probe()

    # --- tracing -------------------------------------------------------------------------

    def _trace_tensors(self) -> None:
        specs = nest.flatten(self._in_structure)
        if any(composite.is_composite_spec(s) for s in specs):
            self._trace_dataset()  # NOTE: one symbolic call for the output specs; runs eagerly
            return
        if not all(isinstance(s, TensorSpec) for s in specs):
            return
        element = self._in_structure
        signature = list(element) if type(element) is tuple else [element]
        try:
            concrete = tf_function(self.func, input_signature=signature).get_concrete_function()
            out = concrete.structured_outputs
            out_structure = _output_structure(out)
        except Exception as exc:  # noqa: BLE001 - untraceable functions run eagerly
            self._trace_error = exc
            logger.debug("%s: function not traced (%s); it runs eagerly", self.what, exc)
            return
        if not any(composite.is_composite_spec(s) for s in nest.flatten(out_structure)):
            self._plan = concrete.plan  # NOTE: SparseTensor outputs: the function runs eagerly
        self._set_structure(out_structure)

    def _trace_dataset(self) -> None:
        builder = GraphBuilder(Graph(f"{self.what}_fn"))
        leaves = []
        for i, spec in enumerate(nest.flatten(self._in_structure)):
            if isinstance(spec, structure.DatasetSpec):
                leaves.append(sources.SpecDataset(spec.element_spec))
            elif composite.is_composite_spec(spec):
                leaves.append(composite.symbolic(spec, builder.placeholder, f"arg{i}"))
            else:
                leaves.append(builder.placeholder(TensorSpec(spec.shape, spec.dtype), f"arg{i}"))
        try:
            with building(builder):
                result = _call(self.func, nest.pack_sequence_as(self._in_structure, leaves))
            if self.kind == "dataset":
                self._set_structure(self._dataset_spec(result))
            else:
                with building(builder):
                    result = structure.normalize(result, lists_as_tuples=True)
                self._set_structure(_output_structure(result))
        except Exception as exc:  # noqa: BLE001 - untraceable functions are probed eagerly
            self._trace_error = exc

    def _dataset_spec(self, result):
        if not structure.is_dataset(result):
            raise TypeError(f"`map_func` must return a `Dataset` object. Got {type(result)}.")
        return result.element_spec

    def _set_structure(self, out_structure) -> None:
        if self.kind == "predicate":
            if not (isinstance(out_structure, TensorSpec) and out_structure.dtype.is_bool
                    and out_structure.shape.rank == 0):
                raise ValueError(f"Invalid `predicate`. `predicate` must return a `tf.bool` "
                                 f"scalar tensor, but its return type is {out_structure}.")
        self._structure = out_structure

    @property
    def output_structure(self):
        """The output's spec structure (from the trace, or from one element)."""
        return self._structure

    def _some_element(self):
        """One input element (row 0 of an indexed view: no pipeline runs), or None."""
        view = self._input._view()
        if view is not None:
            if all(len(a) for a in view.arrays):
                return tuple(a[0, ...] for a in view.arrays)
            return None
        return next(iter(self._input._iter_flat()), None)

    def _probe(self) -> None:
        """The output structure of a function that could not be traced, from one call."""
        leaves = self._some_element()
        if leaves is None:
            raise self._trace_error or ValueError(
                f"{self.what}: cannot infer the function's output structure from an empty "
                f"dataset.")
        out = self._call_eager(leaves)
        if self.kind == "dataset":
            self._set_structure(self._dataset_spec(out))
        else:
            # NOTE: one element's shape may not hold for the others: keep only the rank.
            self._set_structure(nest.map_structure(_rank_only, out))

    # --- calls ---------------------------------------------------------------------------

    def _call_eager(self, leaves):
        out = _call(self.func, self._pack(leaves))
        if self.kind == "dataset":
            if not structure.is_dataset(out):
                raise TypeError(f"`map_func` must return a `Dataset` object. Got {type(out)}.")
            return out
        out = structure.normalize(out, lists_as_tuples=True)
        if self.kind == "predicate":
            self._set_structure(nest.map_structure(structure.spec_of_tensor, out))
        return out

    def __call__(self, leaves) -> tuple:
        """The outputs for one element: flat leaves (tensors kinds) or a dataset."""
        try:
            plan = self._plan
            if plan is not None:
                return _run_plan(plan, leaves)
            out = self._call_eager(leaves)
            if self.kind == "dataset":
                return out
            return structure.leaf_arrays(nest.flatten(out))
        except Exception as exc:  # noqa: BLE001 - re-raised with the element's file and line
            located = with_source(exc, leaves)
            if located is exc:
                raise
            raise located from exc.__cause__


def _run_plan(plan, leaves) -> tuple:
    try:
        outs = plan.run(*leaves)
    except Exception as exc:  # noqa: BLE001 - re-raised at the user's line, like tf.function
        node, error = plan.explain(exc)
        tb = traceback_at(error, node.where if node is not None else None)
        if tb is None:
            raise
        raise error.with_traceback(tb) from None
    # NOTE: kernels may return NumPy scalars; elements always hold arrays.
    return tuple(o if type(o) is np.ndarray else np.asarray(o) for o in outs)


def _rank_only(x):
    spec = structure.spec_of_tensor(x)
    return type(spec)([None] * spec.shape.rank, spec.dtype)
