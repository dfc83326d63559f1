"""Helpers for the pass tests: trace a function and look at op types before and after."""

from tensorlet.graph.function import function


def traced(fn, *specs):
    """The traced (unoptimised) graph of `fn` for `specs`, as a fresh copy."""
    return function(fn).get_concrete_function(*specs).graph.copy()


def op_types(graph) -> list:
    return [n.type for n in graph.nodes if n.kind in ("op", "const")]
