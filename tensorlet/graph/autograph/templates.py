"""Building the converted code: source templates with placeholders, fresh names, locations.

Generated statements take the location of the statement they replace, so a traceback through
converted code shows the user's own file and line (C6a), and `linecache` shows the user's text.
"""

from __future__ import annotations

import ast
import copy

__all__ = ["Namer", "statements", "expression", "located", "declarations", "state_functions",
           "function_def", "not_flag", "generated", "fill_locations"]


class Namer:
    """Fresh names that clash with no identifier of the function being converted.

    `generated` remembers every helper function name made, so their code objects can be
    renamed after the user's function (their frames then read as the user's own).
    """

    def __init__(self, taken: set) -> None:
        self.taken = set(taken)
        self.generated: set = set()

    def new(self, base: str, helper: bool = False) -> str:
        i, name = 0, base
        while name in self.taken:
            i += 1
            name = f"{base}_{i}"
        self.taken.add(name)
        if helper:
            self.generated.add(name)
        return name


class _Substitute(ast.NodeTransformer):
    def __init__(self, subs: dict) -> None:
        self.subs = subs

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Name) and isinstance(self.subs.get(node.value.id), list):
            return self.subs[node.value.id]
        return self.generic_visit(node)

    def visit_Name(self, node):
        value = self.subs.get(node.id)
        if isinstance(value, ast.AST):
            return copy.copy(value)
        return node


def statements(src: str, **subs) -> list:
    """The statements of `src`, with each Name in `subs` replaced by its AST node (a list of
    statements when the name stands alone as a statement)."""
    return _Substitute(subs).visit(ast.parse(src)).body


def expression(src: str, **subs) -> ast.expr:
    return _Substitute(subs).visit(ast.parse(src, mode="eval")).body


def located(nodes: list, origin: ast.AST, end=None) -> list:
    """Gives generated `nodes` the location of `origin` (up to the end of `end`, if given)."""
    end = end or origin
    for node in nodes:
        for n in ast.walk(node):
            if "lineno" in n._attributes and getattr(n, "lineno", None) is None:
                n.lineno, n.col_offset = origin.lineno, origin.col_offset
                n.end_lineno, n.end_col_offset = end.end_lineno, end.end_col_offset
    return nodes


def fill_locations(node: ast.AST, parent=None) -> None:
    """Gives every node without a location its parent's (like `ast.fix_missing_locations`,
    treating None as missing)."""
    if "lineno" in node._attributes:
        if getattr(node, "lineno", None) is None:
            for attr in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
                setattr(node, attr, getattr(parent, attr))
        parent = node
    for child in ast.iter_child_nodes(node):
        fill_locations(child, parent)


def _mark_generated(nodes: list) -> list:
    """Strips the template's own locations so `located` replaces them."""
    for node in nodes:
        for n in ast.walk(node):
            if "lineno" in n._attributes:
                n.lineno = n.col_offset = n.end_lineno = n.end_col_offset = None
    return nodes


def generated(src: str, **subs) -> list:
    """`statements(src)` whose template parts have no location yet (the subs keep theirs)."""
    tree = ast.parse(src)
    _mark_generated(tree.body)
    return _Substitute(subs).visit(tree).body


def declarations(names: list, global_names: set) -> str:
    """`global` / `nonlocal` lines (joined by `; `) for the names a helper assigns."""
    globals_ = [n for n in names if n in global_names]
    nonlocals = [n for n in names if n not in global_names]
    parts = []
    if globals_:
        parts.append("global " + ", ".join(globals_))
    if nonlocals:
        parts.append("nonlocal " + ", ".join(nonlocals))
    return "; ".join(parts)


def function_def(name: str, params: str, names: list, global_names: set, body: list) -> list:
    """`def name(params): <declarations>; <body>` with the user's statements as body."""
    decl = declarations(names, global_names)
    head = generated(f"def {name}({params}):\n    {decl or 'pass'}\n")
    head[0].body = (head[0].body if decl else []) + (body or generated("pass"))
    return head


def state_functions(namer: Namer, names: list, global_names: set) -> tuple:
    """`get_state()` / `set_state(vars_)` for `names`; returns `(defs, get, set)`."""
    get, put = namer.new("get_state", True), namer.new("set_state", True)
    if not names:
        src = f"def {get}():\n    return ()\ndef {put}(vars_):\n    pass\n"
    else:
        loads = ", ".join(f"ag__.ld(lambda: {n}, {n!r})" for n in names)
        decl = declarations(names, global_names)
        src = (f"def {get}():\n    return ({loads},)\n"
               f"def {put}(vars_):\n    {decl}\n    ({', '.join(names)},) = vars_\n")
    return generated(src), get, put


def not_flag(name: str) -> ast.expr:
    """`not <name>` (converted later like any `not`)."""
    return ast.UnaryOp(op=ast.Not(), operand=ast.Name(id=name, ctx=ast.Load()))
