"""Converting a function: its AST through the converters, compiled against its own closure.

The converted function is compiled with the user's file name and line numbers, and its helper
functions are renamed after the user's function, so tracebacks through converted code show the
user's own file, line and function (C6a). It runs with the original globals and the original
closure cells (a changed closure variable is seen, as in the original), plus one cell for
`ag__`, the runtime. Conversions are cached per code object and per function.

A function is converted unless it belongs to tensorlet, the standard library or an installed
package, is marked `do_not_convert`, or is a generator or coroutine. When its source cannot be
found, it is traced as it is, with a one-line warning (A13.19).
"""

from __future__ import annotations

import ast
import copy
import functools
import logging
import os
import sysconfig
import types
import weakref

from . import analysis, runtime, source
from .converters.break_continue import convert_loops
from .converters.calls import convert_calls
from .converters.control_flow import convert_control_flow
from .converters.expressions import convert_expressions
from .converters.loop_options import lift_loop_options
from .converters.return_stmt import convert_returns
from .templates import Namer, fill_locations

__all__ = ["convert", "convert_function", "converted_tree", "to_code", "is_library"]

logger = logging.getLogger("tensorlet")
_FACTORY = "ag__factory"
_CLASS = "ag__class"
_CO_UNCONVERTIBLE = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coro, asyncgen
_LIBRARY = tuple(
    {os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep}
    | {os.path.abspath(p) + os.sep for k, p in sysconfig.get_paths().items()
       if k in ("stdlib", "platstdlib", "purelib", "platlib")})
_functions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_codes: dict = {}  # code object -> converted code object, or the reason it failed
_made: dict = {}  # code objects of converted code (already converted: never converted again)
_MAX_CODES = 1024


def is_library(code) -> bool:
    return code.co_filename.startswith(_LIBRARY)


def _scopes(function) -> list:
    """`function` and the functions nested in it (outermost first; not inside classes)."""
    found = [function]
    for node in analysis.walk_scope(function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.extend(_scopes(node))
    return found


def converted_tree(node, name: str) -> tuple:
    """The converted `FunctionDef` of a `FunctionDef` or `Lambda` node, and the helper names."""
    node = copy.deepcopy(node)
    if isinstance(node, ast.Lambda):
        node = ast.copy_location(
            ast.FunctionDef(name=name, args=node.args, body=[ast.copy_location(
                ast.Return(value=node.body), node.body)], decorator_list=[], returns=None),
            node)
    else:
        node = ast.FunctionDef(name=name, args=node.args, body=node.body, decorator_list=[],
                               returns=None, lineno=node.lineno, col_offset=node.col_offset,
                               end_lineno=node.end_lineno, end_col_offset=node.end_col_offset)
    namer = Namer(analysis.all_identifiers(node) | {"ag__"})
    if not any(isinstance(n, (ast.If, ast.For, ast.While)) for n in ast.walk(node)):
        convert_calls(node)
        convert_expressions(node)
        fill_locations(node)
        return node, namer.generated
    scopes = _scopes(node)
    for scope in scopes:
        for loop in analysis.walk_scope(scope):
            if isinstance(loop, (ast.For, ast.While)):
                lift_loop_options(loop)
        convert_returns(scope, namer)
        convert_loops(scope, namer)
    convert_calls(node)
    convert_expressions(node)
    fill_locations(node)
    for scope in reversed(scopes):
        convert_control_flow(scope, namer)
    fill_locations(node)
    return node, namer.generated


def _factory(tree: ast.FunctionDef, freevars: tuple) -> ast.Module:
    """`def ag__factory(): <free names> = None; def f(...): ...; return f`: compiled, the inner
    function refers to those names as closure cells, which are replaced by the originals."""
    # NOTE: default values are the original function's (`_build` copies `__defaults__`), so their
    # expressions are not evaluated again: `lambda x, case=case: ...` names an outer variable.
    args = tree.args
    args.defaults = [ast.Constant(None) for _ in args.defaults]
    args.kw_defaults = [None if d is None else ast.Constant(None) for d in args.kw_defaults]
    inner = [tree]
    getter = tree.name
    if "__class__" in freevars:  # zero-argument `super()` needs a class cell
        inner = [ast.ClassDef(name=_CLASS, bases=[], keywords=[], body=[tree],
                              decorator_list=[])]
        getter = f"{_CLASS}.__dict__[{tree.name!r}]"
    names = sorted(set(freevars) - {"__class__"} | {"ag__"})
    head = ast.parse(f"{' = '.join(names)} = None").body
    tail = ast.parse(f"return {getter}").body
    factory = ast.FunctionDef(name=_FACTORY, args=ast.arguments(
        posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
        defaults=[]), body=head + inner + tail, decorator_list=[], returns=None)
    module = ast.Module(body=[factory], type_ignores=[])
    for n in ast.walk(module):
        if "lineno" in n._attributes and getattr(n, "lineno", None) is None:
            n.lineno = n.end_lineno = tree.lineno
            n.col_offset = n.end_col_offset = 0
    return module


def _renamed(code, helpers: set, name: str, qualname: str):
    consts = tuple(_renamed(c, helpers, name, qualname) if isinstance(c, types.CodeType) else c
                   for c in code.co_consts)
    if code.co_name not in helpers:
        return code.replace(co_consts=consts)
    if hasattr(code, "co_qualname"):
        return code.replace(co_consts=consts, co_name=name, co_qualname=qualname)
    return code.replace(co_consts=consts, co_name=name)


def _compile(fn):
    """The converted code object of `fn` (cached per code object)."""
    code = fn.__code__
    entry = _codes.get(code)
    if entry is None:
        try:
            node, filename = source.function_node(fn)
            name = "ag__lambda" if code.co_name == "<lambda>" else code.co_name
            tree, helpers = converted_tree(node, name)
            module = compile(_factory(tree, code.co_freevars), filename, "exec")
            scope: dict = {}
            exec(module, scope)  # noqa: S102 - compiles the user's own converted function
            converted = scope[_FACTORY]().__code__
            helpers = set(helpers) | {name}
            entry = _renamed(converted, helpers, code.co_name, fn.__qualname__)
            _remember(entry)
        except Exception as exc:  # noqa: BLE001 - any failure falls back with its reason
            entry = str(exc) if isinstance(exc, source.SourceUnavailableError) else \
                f"its conversion failed ({type(exc).__name__}: {exc})"
            logger.warning("AutoGraph could not convert %s (%s:%d): %s; it is traced as plain "
                           "Python, so `if`/`while` on tensors in it raise an error.",
                           fn.__qualname__, code.co_filename, code.co_firstlineno, entry)
        if len(_codes) >= _MAX_CODES:
            _codes.pop(next(iter(_codes)))
        _codes[code] = entry
    return entry


def _remember(code) -> None:
    if len(_made) >= 16 * _MAX_CODES:
        _made.clear()
    _made[code] = True
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _remember(const)


def _should_convert(fn) -> bool:
    code = getattr(fn, "__code__", None)
    if code is None or code.co_flags & _CO_UNCONVERTIBLE or is_library(code) or code in _made:
        return False
    return not getattr(fn, "__ag_do_not_convert__", False)


def convert_function(fn):
    """The converted version of the Python function `fn` (or `fn` itself)."""
    try:
        return _functions[fn]
    except (KeyError, TypeError):
        pass
    result = fn
    if _should_convert(fn):
        entry = _compile(fn)
        if not isinstance(entry, str):
            result = _build(entry, fn)
    try:
        _functions[fn] = result
    except TypeError:
        pass
    return result


def _build(code, fn):
    cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or ()))
    closure = tuple(types.CellType(runtime) if name == "ag__" else cells[name]
                    for name in code.co_freevars)
    new = types.FunctionType(code, fn.__globals__, fn.__name__, fn.__defaults__, closure)
    new.__kwdefaults__ = fn.__kwdefaults__
    new.__qualname__, new.__module__, new.__doc__ = fn.__qualname__, fn.__module__, fn.__doc__
    new.__ag_converted__ = True
    return new


def convert(fn):
    """The function to trace for `fn` (AutoGraph's converter, installed in `tracing`)."""
    from ..function import Function

    if isinstance(fn, Function):
        return convert(fn.python_function) if fn._autograph else fn.python_function
    if isinstance(fn, types.FunctionType):
        return convert_function(fn)
    if isinstance(fn, functools.partial):
        inner = convert(fn.func)
        return fn if inner is fn.func else functools.partial(inner, *fn.args, **fn.keywords)
    func, owner = getattr(fn, "__func__", None), getattr(fn, "__self__", None)
    if isinstance(func, types.FunctionType) and owner is not None:
        inner = convert_function(func)
        return fn if inner is func else types.MethodType(inner, owner)
    call = next((c.__dict__["__call__"] for c in type(fn).__mro__ if "__call__" in c.__dict__),
                None)
    if isinstance(call, types.FunctionType) and _should_convert(call):
        inner = convert_function(call)
        return fn if inner is call else types.MethodType(inner, fn)
    return fn


def to_code(fn) -> str:
    """The converted source of `fn`, as TF's `tf.autograph.to_code` shows it."""
    from ..function import Function

    if isinstance(fn, Function):
        fn = fn.python_function
    fn = getattr(fn, "__func__", fn)
    node, _ = source.function_node(fn)
    name = "lambda" if fn.__code__.co_name == "<lambda>" else fn.__code__.co_name
    tree, _ = converted_tree(node, f"tf__{name}")
    return ast.unparse(tree) + "\n"
