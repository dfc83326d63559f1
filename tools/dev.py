"""Sets up a virtual environment in .venv and runs the demo or the whole test suite.

Usage:
    python3 tools/dev.py demo    # install tensorlet and run the demo
    python3 tools/dev.py test    # install with test extras; line count, ruff, pytest, doctests
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _setup(extras: str) -> Path:
    if not _python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extras}]" if extras else "."
    subprocess.run([_python(), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-e", target], cwd=ROOT, check=True)
    return _python()


def _run(*args) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run(args, cwd=ROOT, check=True)


def main(argv: list) -> int:
    if len(argv) != 1 or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    if argv[0] == "demo":
        python = _setup("")
        _run(python, "-m", "tensorlet.demo")
        return 0
    python = _setup("test")
    _run(python, "tools/linecount.py")
    _run(python, "-m", "ruff", "check", ".")
    _run(python, "-m", "pytest", "-p", "no:cacheprovider", "tests",
         "--doctest-modules", "tensorlet")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as e:
        sys.exit(e.returncode)
