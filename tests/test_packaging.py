"""Packaging (C3): the wheel is pure Python and small, installs offline into a fresh venv and
imports there; and `import tensorlet` pulls in no heavy optional module."""

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_WHEEL_BYTES = 1_000_000
# Frameworks and heavy libraries that `import tensorlet` must never load.
HEAVY = ("scipy", "pandas", "tensorflow", "torch", "jax", "keras", "matplotlib", "numba",
         "cupy", "onnx", "onnxruntime", "h5py", "sklearn", "PIL")


def _pip(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def _can_build_without_isolation() -> bool:
    """setuptools builds wheels by itself from 70.1 on; before that it needs `wheel`."""
    probe = ("import setuptools, importlib.util as u; v = tuple(int(p) for p in "
             "setuptools.__version__.split('.')[:2]); "
             "print(v >= (70, 1) or u.find_spec('wheel') is not None)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return proc.stdout.strip() == "True"


def _source_copy(dest: Path) -> Path:
    """The project's sources in a fresh folder: no stale build/ or egg-info gets packaged."""
    src = dest / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "tensorlet", src / "tensorlet",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return src


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = _source_copy(tmp)
    out = tmp / "dist"
    # NOTE: without `wheel` (old setuptools), pip must fetch a build backend from the index.
    flags = ["--no-build-isolation"] if _can_build_without_isolation() else []
    proc = _pip("wheel", "--no-deps", *flags, "-w", str(out), str(src), cwd=tmp)
    if proc.returncode != 0 and "No matching distribution found for setuptools" in proc.stderr:
        pytest.skip("no package index to fetch the build backend (setuptools) from")
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
    wheels = list(out.glob("tensorlet-*.whl"))
    assert len(wheels) == 1, f"expected one tensorlet wheel, got {os.listdir(out)}"
    return wheels[0]


def test_wheel_is_pure_python_and_small(wheel):
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    size = wheel.stat().st_size
    assert size < MAX_WHEEL_BYTES, f"{wheel.name} is {size} bytes (cap {MAX_WHEEL_BYTES})"


def test_wheel_holds_only_the_package_and_its_metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = [line for line in zf.read(metadata).decode().splitlines()
                    if line.startswith("Requires-Dist:")]
    tops = {n.split("/")[0] for n in names}
    assert "tensorlet/__init__.py" in names
    assert tops == {"tensorlet", metadata.split("/")[0]}, sorted(tops)
    assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]
    assert [r for r in requires if "extra ==" not in r] == ["Requires-Dist: numpy>=1.23"]


def test_wheel_installs_offline_into_a_fresh_venv_and_imports(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # NOTE: numpy comes from this interpreter through a .pth line, not from an index.
    Path(site, "_numpy_for_test.pth").write_text(str(Path(np.__file__).parent.parent) + "\n")
    proc = _pip("--python", str(python), "install", "--no-index", "--no-deps", str(wheel))
    assert proc.returncode == 0, f"pip install failed:\n{proc.stdout}{proc.stderr}"
    probe = ("import tensorlet as tf, json; x = tf.constant([1.0, 2.0]) * 3.0; "
             "print(json.dumps([tf.__file__, x.numpy().tolist(), tf.__version__]))")
    run = subprocess.run([python, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, f"import tensorlet failed in the fresh venv:\n{run.stderr}"
    location, values, version = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(location).resolve().is_relative_to(Path(site).resolve()), location
    assert values == [3.0, 6.0] and version == "0.1.0"


def test_import_tensorlet_loads_no_heavy_module():
    probe = "import json, sys, tensorlet; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(run.stdout.strip().splitlines()[-1]))
    assert "numpy" in loaded and "tensorlet.core.dispatch" in loaded
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert not heavy, f"import tensorlet loads heavy modules: {heavy}"
    assert not [m for m in loaded if m.startswith("tensorlet.keras")], (
        "tensorlet.keras must load lazily, on first use of tf.keras")
