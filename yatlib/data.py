"""Fashion-MNIST and MNIST: find the canonical IDX files, check them, read them with numpy.

The files are looked for, in order: the ``path`` argument; ``$YATLIB_DATA``; yatlib's cache,
``<cache>/data/<name>/`` (:mod:`yatlib.cache`); Debian's ``/usr/share/datasets/fashion-mnist``;
else they are downloaded from the canonical mirrors into the cache. A folder may hold the four
``*-idx?-ubyte[.gz]`` files, a ``fashion-mnist/`` or ``mnist/`` sub-folder, or torchvision's
``FashionMNIST/raw`` / ``MNIST/raw``. Every file is verified by the MD5 of its decompressed
contents before it is parsed. Images are ``float32`` in ``[0, 1]``, flattened to 784; labels ``int32``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .cache import cache_dir

__all__ = [
    "FASHION_CLASSES",
    "MNIST_CLASSES",
    "DataNotFoundError",
    "read_idx",
    "find_dataset",
    "load",
    "load_fashion_mnist",
]

FASHION_CLASSES: tuple[str, ...] = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
"""Fashion-MNIST class names, by label."""

MNIST_CLASSES: tuple[str, ...] = tuple(str(d) for d in range(10))
"""MNIST class names (the digits), by label."""

_FILES = {
    ("train", "images"): "train-images-idx3-ubyte",
    ("train", "labels"): "train-labels-idx1-ubyte",
    ("test", "images"): "t10k-images-idx3-ubyte",
    ("test", "labels"): "t10k-labels-idx1-ubyte",
}


@dataclass(frozen=True)
class _Spec:
    folder: str  # sub-folder name under YATLIB_DATA / cache
    torchvision: str  # torchvision's folder name
    md5: dict[str, str]  # MD5 of the *decompressed* IDX file
    mirrors: tuple[str, ...]
    debian: str | None


_SPECS = {
    "fashion-mnist": _Spec(
        folder="fashion-mnist",
        torchvision="FashionMNIST",
        md5={
            "train-images-idx3-ubyte": "f4a8712d7a061bf5bd6d2ca38dc4d50a",
            "train-labels-idx1-ubyte": "9018921c3c673c538a1fc5bad174d6f9",
            "t10k-images-idx3-ubyte": "8181f5470baa50b63fa0f6fddb340f0a",
            "t10k-labels-idx1-ubyte": "15d484375f8d13e6eb1aabb0c3f46965",
        },
        mirrors=(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
        ),
        debian="/usr/share/datasets/fashion-mnist",
    ),
    "mnist": _Spec(
        folder="mnist",
        torchvision="MNIST",
        md5={
            "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
            "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
            "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
            "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
        },
        mirrors=(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ),
        debian=None,
    ),
}


class DataNotFoundError(FileNotFoundError):
    """Raised when a data set cannot be found anywhere nor downloaded."""


def _decompressed(path: Path) -> bytes:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                return fh.read()
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise ValueError(
            f"{path} is not a readable IDX file ({err}). It is truncated or corrupt: "
            "delete it and let yatlib fetch a fresh copy, or point YATLIB_DATA at a good one."
        ) from None


def read_idx(data: bytes, *, source: str = "<bytes>") -> np.ndarray:
    """Parse the bytes of an (uncompressed) IDX file into a numpy array.

    The header is two zero bytes, a type code (``0x08`` = unsigned byte), the
    number of dimensions, then one big-endian uint32 per dimension.

    Parameters
    ----------
    data : bytes
        The whole file, decompressed. A bad magic number, another type code, a truncated header or
        a body whose size differs from the header's shape raises ``ValueError``.
    source : str, default "<bytes>"
        Where the bytes came from (e.g. the file's path), named in error messages.

    Returns
    -------
    ndarray of uint8
        The array, of the shape given in the header (e.g. ``[N, 28, 28]`` for images, ``[N]`` for
        labels); a read-only view of ``data``.
    """
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{source}: not an IDX file (bad magic number).")
    if data[2] != 0x08:
        raise ValueError(f"{source}: IDX type code 0x{data[2]:02x} is not supported (only unsigned bytes, 0x08).")
    ndim = data[3]
    header = 4 + 4 * ndim
    if ndim == 0 or len(data) < header:
        raise ValueError(f"{source}: truncated IDX header.")
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = int(np.prod(shape))
    if len(data) - header != expected:
        raise ValueError(
            f"{source}: IDX body has {len(data) - header} bytes but the header promises {expected} {shape}; "
            "the file is truncated or corrupt."
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def _candidates(base: Path, spec: _Spec) -> list[Path]:
    return [base, base / spec.folder, base / spec.torchvision / "raw", base / spec.torchvision]


def _file_in(folder: Path, stem: str) -> Path | None:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx")):
        if (folder / name).is_file():
            return folder / name
    return None


def _folder_with_all(base: Path, spec: _Spec) -> Path | None:
    for folder in _candidates(base, spec):
        if all(_file_in(folder, stem) for stem in spec.md5):
            return folder
    return None


def _download(spec: _Spec, stem: str, dest_dir: Path) -> Path:
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / (stem + ".gz")
    errors = []
    for mirror in spec.mirrors:
        url = mirror + stem + ".gz"
        fd, tmp = tempfile.mkstemp(dir=dest_dir, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh, urllib.request.urlopen(url, timeout=60) as resp:
                while chunk := resp.read(1 << 20):
                    fh.write(chunk)
            with gzip.open(tmp, "rb") as fh:
                digest = hashlib.md5(fh.read()).hexdigest()
            if digest != spec.md5[stem]:
                raise ValueError(f"checksum mismatch (md5 {digest}, expected {spec.md5[stem]})")
            os.replace(tmp, target)
            return target
        except (OSError, urllib.error.URLError, ValueError, EOFError) as err:
            errors.append(f"{url}: {err}")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    raise DataNotFoundError("download failed:\n  " + "\n  ".join(errors))


def _help(name: str, spec: _Spec, tried: list[str], why: str) -> str:
    lines = [
        f"Could not find the {name} data set ({why}).",
        "Looked in:",
        *[f"  - {t}" for t in tried],
        "Ways to supply it (any one is enough):",
        f"  1. pass a folder: yatlib.data.load('{name}', path='/path/to/folder');",
        f"  2. set YATLIB_DATA to a folder holding the four IDX files, or a '{spec.folder}/' sub-folder;",
        f"  3. put the files in yatlib's cache: {cache_dir() / 'data' / spec.folder};",
    ]
    if spec.debian:
        lines.append(f"  4. on Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist (files in {spec.debian});")
    lines.append("  5. allow network access: yatlib downloads and checksum-verifies them from the canonical mirrors;")
    lines.append(f"  6. point path= at torchvision's download root (it holds {spec.torchvision}/raw).")
    return "\n".join(lines)


def find_dataset(
    name: str = "fashion-mnist", path: str | os.PathLike[str] | None = None, *, download: bool = True
) -> Path:
    """Return the folder holding the four IDX files of ``name``, searching as the module says.

    Parameters
    ----------
    name : {"fashion-mnist", "mnist"}
        The data set.
    path : str or path-like, optional
        A folder to look in first (the files, a ``fashion-mnist/`` or ``mnist/`` sub-folder, or
        torchvision's root). If given and the files are not there, ``DataNotFoundError`` is raised at once.
    download : bool, default True
        Download the missing files into the cache when they are found nowhere else; with False,
        ``DataNotFoundError`` is raised instead.

    Returns
    -------
    pathlib.Path
        The folder holding the four files (only their presence is checked here; :func:`load`
        verifies their MD5).
    """
    if name not in _SPECS:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(_SPECS)}.")
    spec = _SPECS[name]
    tried: list[str] = []
    bases: list[tuple[str, Path]] = []
    if path is not None:
        bases.append(("path argument", Path(path).expanduser()))
    if os.environ.get("YATLIB_DATA"):
        bases.append(("$YATLIB_DATA", Path(os.environ["YATLIB_DATA"]).expanduser()))
    cache = cache_dir() / "data" / spec.folder
    bases.append(("yatlib cache", cache))
    if spec.debian:
        bases.append(("Debian dataset-fashion-mnist", Path(spec.debian)))
    for label, base in bases:
        tried.append(f"{label}: {base}")
        found = _folder_with_all(base, spec)
        if found is not None:
            return found
        if label == "path argument":
            raise DataNotFoundError(_help(name, spec, tried, f"the folder {base} does not hold all four IDX files"))
    if not download:
        raise DataNotFoundError(_help(name, spec, tried, "downloads are disabled"))
    tried.append("download from " + ", ".join(spec.mirrors))
    try:
        for stem in spec.md5:
            if _file_in(cache, stem) is None:
                _download(spec, stem, cache)
    except DataNotFoundError as err:
        raise DataNotFoundError(_help(name, spec, tried, str(err))) from None
    return cache


_MEMO: dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]] = {}


def load(
    name: str = "fashion-mnist",
    split: str = "train",
    *,
    path: str | os.PathLike[str] | None = None,
    download: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Load ``split`` ('train' or 'test') of ``name`` ('fashion-mnist' or 'mnist').

    Parameters
    ----------
    name : {"fashion-mnist", "mnist"}
        The data set.
    split : {"train", "test"}
        The 60 000 training or the 10 000 test items.
    path : str or path-like, optional
        A folder to look in first; see :func:`find_dataset`.
    download : bool, default True
        Download the files into the cache if they are found nowhere else.

    Returns
    -------
    X : float32 array ``[N, 784]``
        The images, flattened, with pixels scaled to ``[0, 1]``.
    y : int32 array ``[N]``
        Class labels (names in :data:`FASHION_CLASSES` or :data:`MNIST_CLASSES`).
        Both are fresh copies: the parsed files are kept in memory, so a second call reads nothing.
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
    folder = find_dataset(name, path, download=download)
    key = (name, split, str(folder))
    if key in _MEMO:
        X, y = _MEMO[key]
        return X.copy(), y.copy()
    spec = _SPECS[name]
    arrays = []
    for kind in ("images", "labels"):
        stem = _FILES[(split, kind)]
        file = _file_in(folder, stem)
        assert file is not None
        raw = _decompressed(file)
        digest = hashlib.md5(raw).hexdigest()
        if digest != spec.md5[stem]:
            raise ValueError(
                f"{file} has the wrong contents (md5 {digest}, expected {spec.md5[stem]}). "
                "It is corrupt or belongs to another data set: delete it (yatlib will fetch a fresh copy) "
                "or point YATLIB_DATA at the canonical files."
            )
        arrays.append(read_idx(raw, source=str(file)))
    images, labels = arrays
    if len(images) != len(labels):
        raise ValueError(f"{folder}: {len(images)} images but {len(labels)} labels.")
    X = images.reshape(len(images), -1).astype(np.float32) / 255.0
    y = labels.astype(np.int32)
    _MEMO[key] = (X, y)
    return X.copy(), y.copy()


def load_fashion_mnist(
    split: str = "train", *, path: str | os.PathLike[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Fashion-MNIST ``split`` as ``(X [N, 784] float32 in [0, 1], y [N] int32)``; see :func:`load`.

    Parameters
    ----------
    split : {"train", "test"}
        The 60 000 training or the 10 000 test items.
    path : str or path-like, optional
        A folder to look in first; see :func:`find_dataset`.

    Returns
    -------
    X : float32 array ``[N, 784]``
        The images, flattened, with pixels in ``[0, 1]``.
    y : int32 array ``[N]``
        Class labels, named in :data:`FASHION_CLASSES`.
    """
    return load("fashion-mnist", split, path=path)
