"""A local HTTP server on 127.0.0.1 serving tiny files in the datasets' real formats, a cache in
a temporary folder, and a guard that fails any test trying to reach a host other than 127.0.0.1.
"""

import gzip
import hashlib
import http.server
import io
import socket
import struct
import threading

import numpy as np
import pytest

from tensorlet.keras.datasets import boston_housing, fashion_mnist, mnist


def idx_bytes(array: np.ndarray, type_code: int = 0x08) -> bytes:
    """An IDX file, written from the format's definition (not with the reader under test)."""
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def npz_bytes(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        server = self.server
        with server.lock:
            server.requests.append(self.path)
        body = server.files.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path in server.truncate:
            body = body[: len(body) // 2]
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class LocalServer:
    """`files` maps URL paths to bytes; `requests` lists the paths asked for."""

    def __init__(self):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.files, self.httpd.truncate = {}, set()
        self.httpd.requests, self.httpd.lock = [], threading.Lock()
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def files(self) -> dict:
        return self.httpd.files

    @property
    def truncate(self) -> set:
        return self.httpd.truncate

    @property
    def requests(self) -> list:
        return self.httpd.requests

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    local = LocalServer()
    yield local
    local.close()


@pytest.fixture(autouse=True)
def _local_only(monkeypatch):
    """Fails a test that opens a connection anywhere but 127.0.0.1: tests never use the network."""
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        assert address[0] in ("127.0.0.1", "localhost"), f"test tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """The dataset cache: $TENSORLET_DATA in a temporary folder (and no real ~/.keras)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TENSORLET_DATA", str(folder))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return folder


@pytest.fixture
def fashion(server, monkeypatch):
    """Fashion-MNIST as four gzipped IDX files (5 training, 3 test images) on the server."""
    rng = np.random.default_rng(0)
    arrays = {"train-images-idx3-ubyte.gz": rng.integers(0, 256, (5, 28, 28), dtype=np.uint8),
              "train-labels-idx1-ubyte.gz": np.array([9, 0, 0, 3, 7], dtype=np.uint8),
              "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (3, 28, 28), dtype=np.uint8),
              "t10k-labels-idx1-ubyte.gz": np.array([1, 2, 8], dtype=np.uint8)}
    hashes = {}
    for name in fashion_mnist._FILES:  # Keras's order: training labels first
        data = gzip.compress(idx_bytes(arrays[name]))
        server.files[f"/fashion/{name}"] = data
        hashes[name] = sha256(data)
    monkeypatch.setattr(fashion_mnist, "_ORIGIN", server.url + "/fashion/")
    monkeypatch.setattr(fashion_mnist, "_FILES", hashes)
    return arrays


@pytest.fixture
def mnist_npz(server, monkeypatch):
    """MNIST as Keras serves it: one .npz with x_train, y_train, x_test, y_test."""
    rng = np.random.default_rng(1)
    arrays = {"x_train": rng.integers(0, 256, (5, 28, 28), dtype=np.uint8),
              "y_train": np.array([5, 0, 4, 1, 9], dtype=np.uint8),
              "x_test": rng.integers(0, 256, (2, 28, 28), dtype=np.uint8),
              "y_test": np.array([7, 2], dtype=np.uint8)}
    data = npz_bytes(**arrays)
    server.files["/mnist.npz"] = data
    monkeypatch.setattr(mnist, "_ORIGIN", server.url + "/mnist.npz")
    monkeypatch.setattr(mnist, "_SHA256", sha256(data))
    return arrays


@pytest.fixture
def boston_npz(server, monkeypatch):
    """Boston housing as Keras serves it: one .npz with float64 x (n, 13) and y (n,)."""
    rng = np.random.default_rng(2)
    arrays = {"x": rng.normal(size=(20, 13)), "y": rng.uniform(5, 50, size=20)}
    data = npz_bytes(**arrays)
    server.files["/boston_housing.npz"] = data
    monkeypatch.setattr(boston_housing, "_ORIGIN", server.url + "/boston_housing.npz")
    monkeypatch.setattr(boston_housing, "_SHA256", sha256(data))
    return arrays


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
