"""A function's source as an AST node, found through its code object (C6b).

The whole file is parsed (once per file text) and the function's node is picked by its name and
first line (`co_firstlineno`); lambdas, and several functions on one line, are told apart by
the source positions of their instructions (`co_positions`). So a lambda next to another lambda
on the same line, or a function whose file is registered in `linecache` by a REPL (IPython, the
Python 3.13 REPL), converts like any other. Code with no source at all (`exec` of a string)
raises `SourceUnavailableError` with a one-line reason.
"""

from __future__ import annotations

import ast
import linecache

__all__ = ["SourceUnavailableError", "function_node"]

_TREES: dict = {}  # filename -> (file text, {first line: function and lambda nodes})
_MAX_FILES = 256


class SourceUnavailableError(Exception):
    """The source of a function cannot be found (its message is a one-line reason)."""


def _index(tree: ast.Module) -> dict:
    """The function and lambda nodes of a module by the line `co_firstlineno` gives them."""
    index: dict = {}
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    for node in ast.walk(tree):
        if isinstance(node, kinds):
            index.setdefault(_first_line(node), []).append(node)
    return index


def _tree(filename: str, module_globals) -> dict:
    lines = linecache.getlines(filename, module_globals)
    if not lines:
        raise SourceUnavailableError(
            f"its source code is not available ({filename}: defined in a REPL without source "
            f"history, or with exec)")
    text = "".join(lines)
    cached = _TREES.get(filename)
    if cached is not None and cached[0] == text:
        return cached[1]
    try:
        tree = ast.parse(text, filename)
    except SyntaxError as exc:
        raise SourceUnavailableError(f"its file {filename} does not parse ({exc.msg})") from None
    if len(_TREES) >= _MAX_FILES:
        _TREES.pop(next(iter(_TREES)))
    index = _index(tree)
    _TREES[filename] = (text, index)
    return index


def _first_line(node) -> int:
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])


def _positions(code) -> list:
    positions = getattr(code, "co_positions", None)  # Python 3.11+
    if positions is None:
        return []
    return [(p[0], p[2]) for p in positions() if None not in p and (p[1], p[3]) > (p[0], p[2])]


def _span_holds(node, positions: list) -> bool:
    start = (node.lineno, node.col_offset)
    end = (node.end_lineno, node.end_col_offset)
    return all(start <= p <= end for p in positions)


def _arg_names(args: ast.arguments) -> list:
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return names


def _code_arg_names(code) -> list:
    n = code.co_argcount + code.co_kwonlyargcount
    n += bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)  # *args, **kwargs
    return list(code.co_varnames[:n])


def function_node(fn):
    """The `FunctionDef` or `Lambda` node of `fn`, and its file name.

    Raises:
        SourceUnavailableError: when the source cannot be found or does not match the code.
    """
    code = fn.__code__
    line = code.co_firstlineno
    candidates = _tree(code.co_filename, getattr(fn, "__globals__", None)).get(line, [])
    if code.co_name == "<lambda>":
        found = [n for n in candidates if isinstance(n, ast.Lambda)]
    else:
        found = [n for n in candidates if not isinstance(n, ast.Lambda)
                 and n.name == code.co_name]
    if len(found) > 1:
        positions = _positions(code)
        found = [n for n in found if _span_holds(n, positions)]
        if len(found) > 1:  # nested lambdas: the innermost one that holds every position
            found = [n for n in found
                     if not any(m is not n and _span_holds(m, positions) and m in ast.walk(n)
                                for m in found)]
    found = [n for n in found if sorted(_arg_names(n.args)) == sorted(_code_arg_names(code))]
    if len(found) != 1:
        raise SourceUnavailableError(
            f"its source in {code.co_filename} line {line} was not found (the file may have "
            f"changed since it was loaded)")
    return found[0], code.co_filename
