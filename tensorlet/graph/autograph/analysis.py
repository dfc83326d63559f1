"""What the control-flow converters need to know about names, from the AST alone.

- `modified`: the names a statement list binds in the function's own scope (assignments, loop
  targets, `with ... as`, `except ... as`, imports, nested `def`/`class` names), in order.
- `live`: of those, the ones whose value matters after the construct: names loaded anywhere
  else in the function (nested functions and lambdas included, conservatively), and for loops
  the names whose first use in an iteration is a load (carried from one iteration to the next).

A tensor `if` only outputs its live names, and a tensor loop only carries its live names, so
temporaries defined in a branch or a loop body need not be defined on every path (TF does the
same with its liveness analysis).
"""

from __future__ import annotations

import ast
from collections import Counter

__all__ = ["NESTED_SCOPES", "modified", "load_counts", "first_loads", "control_info",
           "declared", "all_identifiers", "contains", "walk_scope"]

NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
                 ast.SetComp, ast.DictComp, ast.GeneratorExp)
CONTROL = (ast.If, ast.While, ast.For)


def walk_scope(node) -> list:
    """The nodes under `node` that belong to the same scope, in source order (nested scopes
    are not entered, though their own node is included)."""
    out: list = []
    stack = list(reversed(list(ast.iter_child_nodes(node))))
    while stack:
        child = stack.pop()
        out.append(child)
        if not isinstance(child, NESTED_SCOPES):
            stack.extend(reversed(list(ast.iter_child_nodes(child))))
    return out


def contains(stmts: list, kinds) -> bool:
    """Whether `stmts` hold a node of `kinds` in the same scope."""
    for s in stmts:
        if isinstance(s, kinds):
            return True
        if not isinstance(s, NESTED_SCOPES) and any(isinstance(n, kinds) for n in walk_scope(s)):
            return True
    return False


def _events(node, out: list) -> None:
    """Appends `(kind, name)` load/store events of `node` in execution order."""
    if isinstance(node, ast.Name):
        out.append(("load" if isinstance(node.ctx, ast.Load) else "store", node.id))
    elif isinstance(node, ast.Assign):
        _events(node.value, out)
        for t in node.targets:
            _events(t, out)
    elif isinstance(node, ast.AugAssign):
        if isinstance(node.target, ast.Name):
            out.append(("load", node.target.id))
        _events(node.value, out)
        _events(node.target, out)
    elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)):
        if node.value is not None:
            _events(node.value, out)
        _events(node.target, out)
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        _events(node.iter, out)
        for child in [node.target, *node.body, *node.orelse]:
            _events(child, out)
    elif isinstance(node, NESTED_SCOPES):
        _scope_events(node, out)
    else:
        for child in ast.iter_child_nodes(node):
            _events(child, out)
        _binding_events(node, out)


def _scope_events(node, out: list) -> None:
    """A nested scope: its loads count (it may run later); only its own name is bound."""
    for n in ast.walk(node):
        if n is not node and isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            out.append(("load", n.id))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        out.append(("store", node.name))


def _binding_events(node, out: list) -> None:
    if isinstance(node, ast.ExceptHandler) and node.name:
        out.append(("store", node.name))
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            out.append(("store", (alias.asname or alias.name).split(".")[0]))


def _all_events(stmts: list) -> list:
    out: list = []
    for s in stmts:
        _events(s, out)
    return out


def modified(stmts: list) -> list:
    """The names bound by `stmts` in their own scope, in first-binding order."""
    return list(dict.fromkeys(name for kind, name in _all_events(stmts) if kind == "store"))


def load_counts(nodes: list) -> Counter:
    return Counter(name for kind, name in _all_events(nodes) if kind == "load")


def first_loads(stmts: list) -> set:
    """The names whose first event in `stmts` is a load."""
    first: dict = {}
    for kind, name in _all_events(stmts):
        first.setdefault(name, kind)
    return {name for name, kind in first.items() if kind == "load"}


def _construct_body(node) -> list:
    if isinstance(node, ast.For):
        return [ast.Assign(targets=[node.target], value=ast.Constant(None)), *node.body]
    return [*node.body, *node.orelse]


def control_info(function: ast.AST) -> dict:
    """`id(node) -> (modified names, live names)` for every if / while / for of the function."""
    total = load_counts(function.body)
    for node in walk_scope(function):  # a `for` loop's flags are read by its extra test
        total.update(getattr(node, "ag_flags", ()))
    info: dict = {}
    for node in walk_scope(function):
        if not isinstance(node, CONTROL):
            continue
        body = _construct_body(node)
        names = modified(body)
        inner = load_counts([node])
        live = {n for n in names if total[n] > inner[n]}
        if isinstance(node, ast.While):
            live |= first_loads([ast.Expr(node.test), *node.body]) & set(names)
        elif isinstance(node, ast.For):
            live |= first_loads(body) & set(names)
            live |= set(getattr(node, "ag_flags", ())) & set(names)
        info[id(node)] = (names, tuple(n for n in names if n in live))
    return info


def declared(function: ast.AST) -> tuple:
    """The names the function declares `global` and `nonlocal`."""
    globals_, nonlocals = set(), set()
    for node in walk_scope(function):
        if isinstance(node, ast.Global):
            globals_.update(node.names)
        elif isinstance(node, ast.Nonlocal):
            nonlocals.update(node.names)
    return globals_, nonlocals


def all_identifiers(node: ast.AST) -> set:
    """Every name, argument and function name under `node` (to make fresh names)."""
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            names.add(n.id)
        elif isinstance(n, ast.arg):
            names.add(n.arg)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
    return names
