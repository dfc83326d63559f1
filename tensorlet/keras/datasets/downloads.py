"""Downloads into a local cache with checksums: Keras's `get_file`, with offline-friendly errors.

Files are cached where Keras caches them, so a machine that already ran Keras reuses its files:
`~/.keras/datasets` (or `$KERAS_HOME/datasets`); the `TENSORLET_DATA` environment variable
names another folder for the datasets. A download goes to a temporary file in the cache folder,
is checked against its SHA-256 (or MD5) hash, and only then renamed into place, so the cache
never holds a partial or corrupt file. Without a network the error names the URL, the path
where the file is expected and how to place it there by hand; every socket operation has a
timeout, so a dead server fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import tempfile
import urllib.parse

__all__ = ["DownloadError", "datasets_dir", "get_file"]

# NOTE: applies to each socket operation (connect, every read), not to the whole download.
TIMEOUT_S = 30.0
_CHUNK = 1 << 16


class DownloadError(OSError):
    """A file could not be fetched: no network, an HTTP error or a timeout.

    Example:
        >>> issubclass(DownloadError, OSError)
        True
    """


def keras_home() -> str:
    """Keras's cache root: `$KERAS_HOME`, else `~/.keras`.

    Example:
        >>> keras_home().endswith(".keras") or "KERAS_HOME" in os.environ
        True
    """
    return os.path.expanduser(os.environ.get("KERAS_HOME") or os.path.join("~", ".keras"))


def datasets_dir() -> str:
    """The folder datasets are cached in: `$TENSORLET_DATA`, else `~/.keras/datasets`.

    Example:
        >>> os.path.isabs(datasets_dir())
        True
    """
    folder = os.environ.get("TENSORLET_DATA")
    return os.path.abspath(os.path.expanduser(folder) if folder else
                           os.path.join(keras_home(), "datasets"))


def _cache_folder(cache_dir, cache_subdir: str) -> str:
    if cache_dir is not None:
        return os.path.join(os.path.expanduser(cache_dir), cache_subdir)
    head, _, rest = os.path.normpath(cache_subdir).partition(os.sep)
    if head == "datasets":
        return os.path.join(datasets_dir(), rest)
    return os.path.join(keras_home(), cache_subdir)


def _algorithm(file_hash: str, hash_algorithm: str) -> str:
    if hash_algorithm in ("sha256", "md5"):
        return hash_algorithm
    if hash_algorithm == "auto":
        return "sha256" if len(file_hash) == 64 else "md5"
    raise ValueError(f"get_file: unknown hash_algorithm {hash_algorithm!r} "
                     "(expected 'auto', 'sha256' or 'md5')")


def _file_digest(path: str, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def get_file(fname=None, origin=None, md5_hash=None, file_hash=None, cache_subdir="datasets",
             hash_algorithm="auto", cache_dir=None, force_download=False) -> str:
    """Returns the path of a cached copy of the file at `origin`, downloading it if needed.

    Args:
        fname: the file's name in the cache (or an absolute path); default: the URL's last part.
        origin: the URL to download from.
        md5_hash: the file's MD5 hash (Keras 2's argument; prefer `file_hash`).
        file_hash: the expected SHA-256 or MD5 hex digest; None skips the check.
        cache_subdir: the folder under the cache root; "datasets" (or "datasets/...") maps to
            `TENSORLET_DATA` when that variable is set.
        hash_algorithm: "auto" (SHA-256 for a 64-digit hash, else MD5), "sha256" or "md5".
        cache_dir: the cache root; default `~/.keras` (or `$KERAS_HOME`).
        force_download: download even when a cached copy exists.

    Returns:
        The path of the file on disk.

    Raises:
        DownloadError: the file is not cached and cannot be downloaded.
        ValueError: the downloaded file does not match `file_hash` (it is not kept).

    Example:
        >>> import os, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> open(os.path.join(folder, "a.txt"), "w").close()
        >>> get_file("a.txt", origin="https://example.invalid/a.txt", cache_dir=folder,
        ...          cache_subdir="") == os.path.join(folder, "a.txt")
        True
    """
    if origin is None:
        raise ValueError('get_file: please give the "origin" argument (the URL of the file).')
    if fname is None:
        fname = os.path.basename(urllib.parse.urlparse(origin).path)
        if not fname:
            raise ValueError(f"get_file: cannot take a file name from the URL {origin!r}; "
                             "pass `fname`.")
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    algorithm = _algorithm(file_hash, hash_algorithm) if file_hash else None
    folder = _cache_folder(cache_dir, cache_subdir)
    path = os.path.join(folder, os.fspath(fname))
    if os.path.exists(path) and not force_download:
        if algorithm is None or _file_digest(path, algorithm) == file_hash.lower():
            return path
        print(f"The cached file {path} does not match its {algorithm} hash {file_hash}: "
              "downloading it again.")
        os.remove(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    _download(origin, path, file_hash, algorithm)
    return path


def _download(origin: str, path: str, file_hash, algorithm) -> None:
    """Fetches `origin` into a temporary file next to `path`, checks it, then renames it."""
    print(f"Downloading data from {origin}")
    fd, partial = tempfile.mkstemp(prefix=os.path.basename(path) + ".",
                                   suffix=".part", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as out:
            digest = _fetch(origin, out, path, algorithm)
        if digest is not None and digest != file_hash.lower():
            raise ValueError(
                f"The file downloaded from {origin} is incomplete or corrupted: its {algorithm} "
                f"hash is {digest}, expected {file_hash}. It was not kept; try again, or place "
                f"a good copy at {path}.")
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(partial)


def _fetch(origin: str, out, path: str, algorithm):
    """Streams `origin` into `out`; returns its hex digest (None without an algorithm)."""
    import urllib.error
    import urllib.request

    digest = hashlib.new(algorithm) if algorithm else None
    request = urllib.request.Request(origin, headers={"User-Agent": "tensorlet"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            total = response.length
            progress = _progress_bar(total)
            received = 0
            for chunk in iter(lambda: response.read(_CHUNK), b""):
                out.write(chunk)
                if digest is not None:
                    digest.update(chunk)
                received += len(chunk)
                progress.update(received, finalize=False)
            progress.update(received, finalize=True)
    except urllib.error.HTTPError as error:
        raise DownloadError(_unreachable(origin, path, f"HTTP error {error.code}: "
                                                      f"{error.reason}")) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError,
            http.client.HTTPException) as error:
        reason = getattr(error, "reason", None) or error
        raise DownloadError(_unreachable(origin, path, reason)) from error
    if total is not None and received != total:
        raise DownloadError(_unreachable(
            origin, path, f"the connection closed after {received} of {total} bytes"))
    return digest.hexdigest() if digest is not None else None


def _progress_bar(total):
    from ..utils.progbar import Progbar

    return Progbar(total)


def _unreachable(origin: str, path: str, reason) -> str:
    return (f"Could not download {origin} ({reason}).\n"
            f"Without a network, download that file on another machine and copy it to\n"
            f"    {path}\n"
            f"(datasets are cached in $TENSORLET_DATA when it is set, else in "
            f"~/.keras/datasets; now: {datasets_dir()}).\n"
            "tf.keras.datasets.digits.load_data() works offline: its data ships with tensorlet.")
