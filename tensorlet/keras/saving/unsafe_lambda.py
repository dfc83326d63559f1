"""How a Python lambda is saved, and its rebuild: ONLY after an explicit `safe_mode=False`.

A lambda is saved as its source text, never as bytecode:
`{"class_name": "__lambda__", "config": {"source": "lambda x: tf.exp(x)", "unsafe": True}}`.
Rebuilding it compiles that text, i.e. runs code from the file, so `serialization` calls
`rebuild` only when the user opted out of safe mode. Keras's bytecode form (base64 marshal
data) is refused always: tensorlet never unmarshals anything.
"""

from __future__ import annotations

import ast
import inspect
import re

LAMBDA_CLASS_NAME = "__lambda__"

SAFE_MODE_MESSAGE = (
    "Requested the deserialization of a Python lambda. This carries a potential risk of "
    "arbitrary code execution and thus it is disallowed by default. If you trust the source "
    "of the artifact, you can override this error by passing `safe_mode=False` to the "
    "loading function, or calling `keras.config.enable_unsafe_deserialization()`."
)


def is_lambda(obj) -> bool:
    """True for a Python `lambda` function object."""
    return inspect.isfunction(obj) and obj.__name__ == "<lambda>"


def serialize_lambda(fn) -> dict:
    """The saved form of a lambda: its source text (None when Python cannot see it)."""
    return {
        "module": None,
        "class_name": LAMBDA_CLASS_NAME,
        "config": {"source": lambda_source(fn), "unsafe": True},
        "registered_name": None,
    }


def lambda_source(fn) -> str | None:
    """Extracts the text of `lambda ...` from the lines that define it (None if unseen)."""
    try:
        lines, first = inspect.findsource(fn)
    except (OSError, TypeError):
        return None
    code = fn.__code__
    row = first
    window = "".join(lines[row : row + _WINDOW_LINES])
    first_line_end = len(lines[row]) if row < len(lines) else 0
    candidates = [
        _lambda_at(window, match.start())
        for match in _LAMBDA.finditer(window)
        if match.start() < first_line_end
    ]
    candidates = [c for c in candidates if c is not None and _same_signature(c[1], code)]
    if not candidates:
        return None
    # NOTE: several lambdas with the same arguments may share the lines; the one whose
    # compiled code matches best is ours.
    return max(candidates, key=lambda c: _likeness(_compiled(c[1]), code))[0]


_LAMBDA = re.compile(r"\blambda\b")
_WINDOW_LINES = 20


def _likeness(compiled, code) -> int:
    fields = ("co_code", "co_names", "co_consts")
    return sum(getattr(compiled, f) == getattr(code, f) for f in fields)


def _lambda_at(text: str, start: int):
    """The longest text from `start` that parses as one lambda expression, with its AST."""
    ends = [i for i in range(len(text), start, -1) if i == len(text) or text[i] in _STOPS]
    for end in ends:
        try:
            tree = ast.parse("(" + text[start:end] + "\n)", mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Lambda):
            return ast.unparse(tree.body), tree.body
    return None


_STOPS = frozenset(",)]};#: \t\n")


def _same_signature(node: ast.Lambda, code) -> bool:
    args = node.args
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    return names == list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])


def _compiled(node: ast.Lambda):
    module = compile(ast.Expression(node), "<lambda source check>", "eval")
    return next(c for c in module.co_consts if inspect.iscode(c))


def rebuild(config: dict, namespace: dict):
    """Compiles a saved lambda's source (the caller checked that safe mode is off)."""
    source = config.get("source") if isinstance(config, dict) else None
    if not isinstance(source, str):
        raise ValueError(
            "Cannot load this Python lambda: the file holds no lambda source (tensorlet never "
            "loads marshalled bytecode, even with safe_mode=False). Register a named function "
            "with @keras.saving.register_keras_serializable() instead."
        )
    tree = ast.parse(source, mode="eval")
    if not isinstance(tree.body, ast.Lambda):
        raise ValueError(f"A saved lambda must be a `lambda` expression; got {source!r}.")
    code = compile(tree, "<saved keras lambda>", "eval")
    return eval(code, dict(namespace))  # noqa: S307 -- opt-in via safe_mode=False only
