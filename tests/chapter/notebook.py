"""Runs the ```py blocks of a markdown chapter in order, in one namespace, like a notebook.

The chapter is read at run time (it is never copied into the repository). Each block is either
a script (plain code, run statement by statement) or an interactive session (`>>>` prompts with
the outputs the book prints, compared with what tensorlet prints). Comments that state a value
(`# returns tensor 36.0`, `# v now equals [[...]]`, `# raises a RuntimeError!`) are checked too.

`import tensorflow as tf` and `import keras` inside the chapter's code resolve to tensorlet and
tensorlet.keras through the namespace's own `__import__`, so nothing else in the test process
(for example a test that looks for the real TensorFlow) is affected.

Tracebacks of the chapter's code point to the markdown's line numbers: each block's code (as run)
is registered in `linecache` under a virtual file name, `<chapter path> (block N)`, padded so its
lines keep the markdown's numbers. AutoGraph reads the source of the chapter's functions from
there, as it does for IPython cells.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import importlib
import io
import linecache
import re
import sys
import tokenize
import types
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO.parent / "shared" / "seed"
ALIASES = {"tensorflow": "tensorlet", "keras": "tensorlet.keras"}
CODE_FENCES = ("```py", "```python")


def locate(name: str, seed_dir: Path | None = None) -> Path:
    """The chapter's path; a clear error when the shared seed folder is not beside the repo."""
    path = Path(SEED_DIR if seed_dir is None else seed_dir) / name
    if not path.is_file():
        raise FileNotFoundError(
            f"the chapter verbatim test needs {path}, which is missing. The test reads the "
            f"book's chapter at run time from <repo>/../shared/seed/ (it is not copied into the "
            f"repository): place the project's shared/ folder beside the checkout "
            f"({REPO.parent / 'shared'}), as CI does.")
    return path


@dataclass
class Block:
    """One fenced code block: its number in the chapter, first code line and text."""

    index: int
    line: int
    text: str

    @property
    def is_session(self) -> bool:
        return any(line.startswith(">>>") for line in self.text.splitlines())

    @property
    def head(self) -> str:
        return self.text.strip().splitlines()[0][:60] if self.text.strip() else "(empty)"


@dataclass
class Statement:
    """One statement: its first line in the markdown, its source and what the book shows."""

    line: int
    source: str
    expected: str = ""                       # a session's printed output
    claims: list = field(default_factory=list)  # a script's value comments


def extract_blocks(markdown: str) -> list[Block]:
    """Every ```py block, in order (other fences are prose and are skipped)."""
    blocks, start, lines, fence_is_code = [], None, [], False
    for number, line in enumerate(markdown.splitlines(), 1):
        if start is None and line.startswith("```"):
            start, lines = number + 1, []
            fence_is_code = line.strip() in CODE_FENCES
        elif start is not None and line.startswith("```"):
            if fence_is_code:
                blocks.append(Block(len(blocks), start, "\n".join(lines)))
            start = None
        elif start is not None:
            lines.append(line)
    if start is not None:
        raise ValueError(f"unclosed code fence opened at line {start - 1}")
    return blocks


def session_statements(block: Block) -> list[Statement]:
    """The `>>>` statements of a session block, each with the output printed after it."""
    statements, outputs = [], []
    for offset, raw in enumerate(block.text.splitlines()):
        if raw.startswith(">>>"):
            statements.append(Statement(block.line + offset, raw[4:]))
            outputs.append([])
        elif raw.startswith("...") and statements and not outputs[-1]:
            statements[-1].source += "\n" + raw[4:]
        elif statements:
            outputs[-1].append(raw)
        elif raw.strip():
            raise ValueError(f"line {block.line + offset}: output before the first >>> prompt")
    for statement, lines in zip(statements, outputs):
        statement.expected = "\n".join(lines).strip()
    return statements


def script_statements(block: Block) -> list[Statement]:
    """The top-level statements of a script block, each with the comments on its lines."""
    source = block.text + "\n"
    tree = ast.parse(source)
    lines = source.splitlines()
    comments = [(tok.start[0], tok.string.lstrip("#").strip())
                for tok in tokenize.generate_tokens(io.StringIO(source).readline)
                if tok.type == tokenize.COMMENT]
    statements = []
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        text = "\n".join(lines[first - 1:node.end_lineno])
        claims = [c for line, c in comments if first <= line <= node.end_lineno]
        statements.append(Statement(block.line + first - 1, text, claims=claims))
    return statements


def code_lines(block: Block) -> list[str]:
    """The block's code for linecache: prompts removed, outputs blanked, markdown numbering."""
    lines = ["\n"] * (block.line - 1)
    for raw in block.text.splitlines():
        if block.is_session:
            raw = raw[4:] if raw.startswith((">>>", "...")) else ""
        lines.append(raw + "\n")
    return lines


def aliasing_import(name, globals=None, locals=None, fromlist=(), level=0):
    """`__import__` for the chapter: tensorflow -> tensorlet, keras -> tensorlet.keras."""
    root, _, rest = name.partition(".")
    if level or root not in ALIASES:
        return builtins.__import__(name, globals, locals, fromlist, level)
    target = ALIASES[root] + ("." + rest if rest else "")
    module = builtins.__import__(target, globals, locals, fromlist, level)
    # `import keras` / `import keras.layers` bind the name `keras` to tensorlet.keras itself.
    return module if fromlist else importlib.import_module(ALIASES[root])


class Notebook:
    """One namespace in which the chapter's statements run in order."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.markdown = Path(path).read_text(encoding="utf-8")
        self.blocks = extract_blocks(self.markdown)
        self.module = types.ModuleType("__chapter__")
        self.ns = self.module.__dict__
        self.ns["__builtins__"] = {**vars(builtins), "__import__": aliasing_import}
        self.ns["__file__"] = self.path

    def filename(self, block: Block) -> str:
        return f"{self.path} (block {block.index})"

    def register(self, block: Block) -> str:
        """Puts the block's code (as it will run) in linecache; returns its file name."""
        lines, name = code_lines(block), self.filename(block)
        linecache.cache[name] = (sum(map(len, lines)), None, lines, name)
        return name

    @contextlib.contextmanager
    def activated(self):
        """Registers the module (sys.modules) for the run, and forgets the code after it."""
        sys.modules[self.module.__name__] = self.module
        try:
            yield self
        finally:
            sys.modules.pop(self.module.__name__, None)
            for block in self.blocks:
                linecache.cache.pop(self.filename(block), None)

    def execute(self, statement: Statement, filename: str, echo: bool):
        """Runs one statement; returns (printed text, echoed value or None)."""
        tree = ast.parse("\n" * (statement.line - 1) + statement.source, filename)
        out, value = io.StringIO(), None
        with contextlib.redirect_stdout(out):
            if echo and len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
                code = compile(ast.Expression(tree.body[0].value), filename, "eval")
                value = eval(code, self.ns)  # noqa: S307 - the chapter's own code
                if value is not None:
                    print(repr(value))
            else:
                exec(compile(tree, filename, "exec"), self.ns)  # noqa: S102
        return out.getvalue(), value


# ---- comparing with what the book prints -------------------------------------------------

_EXCEPTION = re.compile(r"^(?:\[\.\.\.\]\s*)?([A-Z]\w*(?:Error|Exception))\b:?\s*(.*)$", re.S)
_OBJECT_REPR = re.compile(r"^<(?:[\w.]+\.)?(\w+)(?: object)? at 0x[0-9a-fA-F]+>$")


def normalize(text: str) -> str:
    """Spacing-insensitive form: the book's reprs lost NumPy's column alignment."""
    text = re.sub(r"\bid=\d+, ", "", text)  # TF 2.0's eager reprs numbered tensors
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"([\[(]) ", r"\1", text)


def pattern(expected: str) -> str:
    """A regex for the book's text, where `[...]` elides anything."""
    parts = normalize(expected).split("[...]")
    return ".*".join(re.escape(p) for p in parts)


def expected_exception(expected: str):
    """(class name, message pattern) when the book shows an error, else None."""
    match = _EXCEPTION.match(normalize(expected))
    return (match.group(1), match.group(2)) if match else None


def check_output(expected: str, printed: str, value) -> str | None:
    """None when the output matches what the book prints, else a description."""
    obj = _OBJECT_REPR.match(normalize(expected))
    if obj:  # a default repr with a memory address: compare the class names
        if type(value).__name__ == obj.group(1):
            return None
        return f"expected a {obj.group(1)} object, got {type(value).__name__}: {value!r}"
    if re.fullmatch(pattern(expected), normalize(printed), re.S):
        return None
    return f"the book prints:\n{expected}\ntensorlet prints:\n{printed.rstrip()}"


def check_exception(expected: tuple, error: BaseException) -> str | None:
    """None when `error` is the exception the book shows."""
    name, message = expected
    names = [cls.__name__ for cls in type(error).__mro__]
    text = normalize(str(error))
    if name in names and re.search(pattern(message), text, re.S):
        return None
    return f"expected {name}: {message!r}, got {type(error).__name__}: {error}"


# ---- value comments in scripts -----------------------------------------------------------

_RAISES = re.compile(r"raises an? (\w+)")
_RETURNS = re.compile(r"returns (tensor [-+\w.]+|\[[^\]]*\])")
_EQUALS = re.compile(r"(\w+) now equals (\[.*\])")


def parse_claim(comment: str):
    """('raises', name) / ('returns', value) / ('equals', name, value), or None."""
    if m := _RAISES.search(comment):
        return ("raises", m.group(1))
    if m := _RETURNS.search(comment):
        return ("returns", ast.literal_eval(re.sub(r"tensor\s+", "", m.group(1))))
    if m := _EQUALS.search(comment):
        return ("equals", m.group(1), ast.literal_eval(m.group(2)))
    return None


def check_returns(expected, value) -> str | None:
    """`tensor 36.` must be a tensorlet Tensor with that value; `None` must be None."""
    import tensorlet

    if isinstance(expected, list):
        if not isinstance(value, list) or len(value) != len(expected):
            return f"expected a list of {len(expected)}, got {value!r}"
        for want, got in zip(expected, value):
            if problem := check_returns(want, got):
                return problem
        return None
    if expected is None:
        return None if value is None else f"expected None, got {value!r}"
    if not isinstance(value, tensorlet.Tensor):
        return f"expected a tensor {expected}, got {value!r}"
    if not np.allclose(value.numpy(), expected, rtol=1e-6, equal_nan=True):
        return f"expected tensor {expected}, got {value!r}"
    return None


def assigned_name(statement: Statement) -> str | None:
    """The single name a statement assigns (`dz_dw1 = ...`), if any."""
    node = ast.parse(statement.source).body[0]
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        if isinstance(node.targets[0], ast.Name):
            return node.targets[0].id
    return None
