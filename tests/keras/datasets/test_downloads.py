"""The downloader: cache folders, checksums, atomic writes, and clear, fast errors offline."""

import hashlib
import os
import socket
import threading
import time

import pytest

from tensorlet.keras.datasets import downloads
from tensorlet.keras.datasets.downloads import DownloadError, get_file

from .conftest import sha256

PAYLOAD = b"tensorlet test payload\n" * 100


def _listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def payload_url(server):
    server.files["/files/payload.bin"] = PAYLOAD
    return server.url + "/files/payload.bin"


def test_download_lands_in_tensorlet_data_with_the_url_name(server, payload_url, cache):
    path = get_file(origin=payload_url, file_hash=sha256(PAYLOAD))
    assert path == str(cache / "payload.bin")
    assert open(path, "rb").read() == PAYLOAD
    assert _listing(cache) == ["payload.bin"]
    assert server.requests == ["/files/payload.bin"]


def test_cached_file_is_used_without_the_network(server, payload_url, cache, closed_port):
    get_file("payload.bin", origin=payload_url, file_hash=sha256(PAYLOAD))
    again = get_file("payload.bin", origin=f"http://127.0.0.1:{closed_port}/payload.bin",
                     file_hash=sha256(PAYLOAD))
    assert again == str(cache / "payload.bin")
    assert len(server.requests) == 1


def test_checksum_mismatch_raises_and_keeps_no_file(server, payload_url, cache):
    wrong = hashlib.sha256(b"something else").hexdigest()
    with pytest.raises(ValueError, match="sha256 hash is") as info:
        get_file("payload.bin", origin=payload_url, file_hash=wrong)
    assert wrong in str(info.value) and payload_url in str(info.value)
    assert _listing(cache) == []


def test_md5_hash_is_checked_too(server, payload_url, cache):
    good = hashlib.md5(PAYLOAD).hexdigest()
    assert open(get_file("a.bin", origin=payload_url, md5_hash=good), "rb").read() == PAYLOAD
    with pytest.raises(ValueError, match="md5 hash"):
        get_file("b.bin", origin=payload_url, file_hash="0" * 32)
    assert _listing(cache) == ["a.bin"]


def test_corrupt_cached_file_is_downloaded_again(server, payload_url, cache):
    cache.mkdir(parents=True)
    (cache / "payload.bin").write_bytes(b"truncated")
    path = get_file("payload.bin", origin=payload_url, file_hash=sha256(PAYLOAD))
    assert open(path, "rb").read() == PAYLOAD
    assert len(server.requests) == 1


def test_corrupt_cached_file_is_removed_when_the_new_copy_is_bad_too(server, payload_url,
                                                                     cache):
    cache.mkdir(parents=True)
    (cache / "payload.bin").write_bytes(b"truncated")
    with pytest.raises(ValueError):
        get_file("payload.bin", origin=payload_url, file_hash="1" * 64)
    assert _listing(cache) == []


def test_connection_refused_fails_fast_and_says_what_to_do(cache, closed_port):
    url = f"http://127.0.0.1:{closed_port}/data/train.gz"
    start = time.monotonic()
    with pytest.raises(DownloadError) as info:
        get_file(origin=url, file_hash="0" * 64, cache_subdir="datasets/fashion-mnist")
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert url in message
    assert str(cache / "fashion-mnist" / "train.gz") in message
    assert "TENSORLET_DATA" in message and "copy it to" in message
    assert "digits" in message
    assert isinstance(info.value, OSError)
    assert _listing(cache) == ["fashion-mnist"]


def test_a_silent_server_times_out_instead_of_hanging(cache, monkeypatch):
    monkeypatch.setattr(downloads, "TIMEOUT_S", 0.3)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/slow.bin"
        start = time.monotonic()
        with pytest.raises(DownloadError, match="timed out") as info:
            get_file(origin=url)
        assert time.monotonic() - start < 5
    assert url in str(info.value)
    assert _listing(cache) == []


def test_http_error_is_a_download_error_naming_the_status(server, cache):
    with pytest.raises(DownloadError, match="HTTP error 404") as info:
        get_file(origin=server.url + "/missing.bin")
    assert str(cache / "missing.bin") in str(info.value)
    assert _listing(cache) == []


def test_truncated_response_is_an_error_and_leaves_no_file(server, payload_url, cache):
    server.truncate.add("/files/payload.bin")
    with pytest.raises(DownloadError):
        get_file(origin=payload_url)
    assert _listing(cache) == []


def test_default_cache_is_keras_home_datasets(server, payload_url, monkeypatch, tmp_path):
    monkeypatch.delenv("TENSORLET_DATA")
    path = get_file(origin=payload_url)
    assert path == str(tmp_path / "keras_home" / "datasets" / "payload.bin")
    monkeypatch.delenv("KERAS_HOME")
    path = get_file(origin=payload_url)
    assert path == str(tmp_path / "home" / ".keras" / "datasets" / "payload.bin")
    assert downloads.datasets_dir() == str(tmp_path / "home" / ".keras" / "datasets")


def test_cache_dir_and_subdir_are_keras_s(server, payload_url, tmp_path):
    path = get_file("p.bin", origin=payload_url, cache_dir=str(tmp_path / "mine"),
                    cache_subdir="models")
    assert path == str(tmp_path / "mine" / "models" / "p.bin")
    path = get_file("p.bin", origin=payload_url, cache_subdir="models")
    assert path == str(tmp_path / "keras_home" / "models" / "p.bin")


def test_absolute_fname_is_used_as_is(server, payload_url, tmp_path):
    target = tmp_path / "elsewhere" / "x.bin"
    assert get_file(str(target), origin=payload_url) == str(target)
    assert target.read_bytes() == PAYLOAD


def test_force_download_fetches_again(server, payload_url):
    get_file(origin=payload_url)
    get_file(origin=payload_url, force_download=True)
    assert len(server.requests) == 2


def test_concurrent_downloads_never_expose_a_partial_file(server, payload_url, cache):
    paths, errors = [], []

    def fetch():
        try:
            paths.append(get_file(origin=payload_url, force_download=True))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert open(paths[0], "rb").read() == PAYLOAD
    assert _listing(cache) == ["payload.bin"]


def test_argument_errors():
    with pytest.raises(ValueError, match="origin"):
        get_file("x.bin")
    with pytest.raises(ValueError, match="fname"):
        get_file(origin="http://127.0.0.1/")
    with pytest.raises(ValueError, match="hash_algorithm"):
        get_file("x.bin", origin="http://127.0.0.1/x.bin", file_hash="0" * 64,
                 hash_algorithm="sha1")


def test_progress_is_printed(server, payload_url, capsys):
    get_file(origin=payload_url)
    out = capsys.readouterr().out
    assert f"Downloading data from {payload_url}" in out
    assert f"{len(PAYLOAD)}/{len(PAYLOAD)}" in out
    assert os.linesep in out
