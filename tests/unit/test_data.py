"""Data loading: IDX parsing, search order, checksum verification, atomic downloads, clear errors."""

import gzip
import hashlib
import io
import urllib.request

import numpy as np
import pytest

from yatlib import data


def idx_bytes(array: np.ndarray) -> bytes:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    return header + array.astype(np.uint8).tobytes()


def test_read_idx_parses_a_tiny_file():
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    np.testing.assert_array_equal(data.read_idx(idx_bytes(images)), images)
    labels = np.array([3, 1, 4], np.uint8)
    np.testing.assert_array_equal(data.read_idx(idx_bytes(labels)), labels)


@pytest.mark.parametrize(
    "raw, match",
    [
        (b"\x01\x00\x08\x01", "magic"),
        (b"\x00\x00\x0d\x01\x00\x00\x00\x01\x00\x00\x00\x00", "type code"),
        (b"\x00\x00\x08\x02\x00\x00", "truncated IDX header"),
        (idx_bytes(np.zeros((2, 2), np.uint8))[:-1], "truncated or corrupt"),
    ],
)
def test_read_idx_rejects_bad_files(raw, match):
    with pytest.raises(ValueError, match=match):
        data.read_idx(raw)


def fake_spec(monkeypatch, tmp_path, files: dict[str, bytes]):
    """Point the 'mnist' spec at checksums of our tiny files and an unreachable mirror."""
    spec = data._SPECS["mnist"]
    md5 = {stem: hashlib.md5(raw).hexdigest() for stem, raw in files.items()}
    monkeypatch.setitem(
        data._SPECS, "mnist", data._Spec(spec.folder, spec.torchvision, md5, ("http://127.0.0.1:9/",), None)
    )
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("YATLIB_DATA", raising=False)
    data._MEMO.clear()


def tiny_set():
    rng = np.random.default_rng(0)
    tr_x, te_x = rng.integers(0, 256, (5, 28, 28)), rng.integers(0, 256, (3, 28, 28))
    tr_y, te_y = np.array([0, 1, 2, 3, 4]), np.array([5, 6, 7])
    return {
        "train-images-idx3-ubyte": idx_bytes(tr_x),
        "train-labels-idx1-ubyte": idx_bytes(tr_y),
        "t10k-images-idx3-ubyte": idx_bytes(te_x),
        "t10k-labels-idx1-ubyte": idx_bytes(te_y),
    }, (tr_x, tr_y)


def write(folder, files, compress=True):
    folder.mkdir(parents=True, exist_ok=True)
    for stem, raw in files.items():
        if compress:
            (folder / (stem + ".gz")).write_bytes(gzip.compress(raw, mtime=0))
        else:
            (folder / stem).write_bytes(raw)


@pytest.mark.parametrize("layout", ["flat", "subfolder", "torchvision", "plain"])
def test_load_from_an_explicit_path_in_every_layout(tmp_path, monkeypatch, layout):
    files, (tr_x, tr_y) = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)
    root = tmp_path / "d"
    folder = {"flat": root, "plain": root, "subfolder": root / "mnist", "torchvision": root / "MNIST" / "raw"}[layout]
    write(folder, files, compress=layout != "plain")
    X, y = data.load("mnist", "train", path=root)
    assert X.shape == (5, 784) and X.dtype == np.float32 and 0 <= X.min() and X.max() <= 1
    np.testing.assert_allclose(X, tr_x.reshape(5, -1) / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(y, tr_y)


def test_environment_variable_is_used(tmp_path, monkeypatch):
    files, _ = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)
    write(tmp_path / "env" / "mnist", files)
    monkeypatch.setenv("YATLIB_DATA", str(tmp_path / "env"))
    X, y = data.load("mnist", "test")
    assert X.shape == (3, 784) and list(y) == [5, 6, 7]


def test_corrupt_file_names_the_file_and_the_remedy(tmp_path, monkeypatch):
    files, _ = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)
    bad = dict(files)
    bad["train-labels-idx1-ubyte"] = idx_bytes(np.array([9, 9, 9, 9, 9]))
    write(tmp_path / "d", bad)
    with pytest.raises(ValueError, match=r"train-labels-idx1-ubyte.gz has the wrong contents.*delete it"):
        data.load("mnist", "train", path=tmp_path / "d")


def test_truncated_gzip_is_reported(tmp_path, monkeypatch):
    files, _ = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)
    write(tmp_path / "d", files)
    gz = tmp_path / "d" / "train-images-idx3-ubyte.gz"
    gz.write_bytes(gz.read_bytes()[:40])
    with pytest.raises(ValueError, match="truncated or corrupt"):
        data.load("mnist", "train", path=tmp_path / "d")


def test_missing_data_lists_every_option(tmp_path, monkeypatch):
    files, _ = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)
    with pytest.raises(data.DataNotFoundError) as err:
        data.load("mnist", "train")
    text = str(err.value)
    for option in ("path=", "YATLIB_DATA", "cache", "download", "torchvision"):
        assert option in text
    fashion = data._help("fashion-mnist", data._SPECS["fashion-mnist"], [], "test")
    assert "apt-get install dataset-fashion-mnist" in fashion
    with pytest.raises(data.DataNotFoundError, match="does not hold all four"):
        data.load("mnist", "train", path=tmp_path / "nowhere")


def test_checksum_mismatch_on_download_leaves_no_file(tmp_path, monkeypatch):
    files, _ = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)

    def fake_urlopen(url, timeout=None):
        return io.BytesIO(gzip.compress(b"not the right contents"))

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(data.DataNotFoundError, match="checksum mismatch"):
        data.load("mnist", "train")
    cache = tmp_path / "cache" / "data" / "mnist"
    assert not any(cache.iterdir()), "a failed download must not leave files in the cache"


def test_verified_download_lands_in_the_cache(tmp_path, monkeypatch):
    files, (tr_x, _) = tiny_set()
    fake_spec(monkeypatch, tmp_path, files)
    served = {stem: gzip.compress(raw) for stem, raw in files.items()}
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda url, timeout=None: io.BytesIO(served[url.rsplit("/", 1)[1][:-3]])
    )
    X, _ = data.load("mnist", "train")
    np.testing.assert_allclose(X, tr_x.reshape(5, -1) / 255.0, rtol=1e-6)
    assert sorted(p.name for p in (tmp_path / "cache" / "data" / "mnist").iterdir()) == sorted(s + ".gz" for s in files)


def test_bad_arguments():
    with pytest.raises(ValueError, match="unknown data set"):
        data.load("cifar")
    with pytest.raises(ValueError, match="split must be"):
        data.load("mnist", "validation")


def test_the_real_fashion_mnist_if_available():
    try:
        X, y = data.load_fashion_mnist("test")
    except data.DataNotFoundError:
        pytest.skip("Fashion-MNIST is not available on this machine")
    assert X.shape == (10000, 784) and np.bincount(y).tolist() == [1000] * 10
    assert abs(float(X.mean()) - 0.2868) < 1e-3
