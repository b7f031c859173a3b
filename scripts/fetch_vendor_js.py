"""Fetch the npm-only JavaScript the static book needs, pinned and integrity-checked.

The book must work with no network, so every script a page loads is served from
its own ``_static``.  Files shipped by pip packages (plotly.min.js, anywidget's
AMD module) are copied at build time by ``book/_ext/yat_offline.py``; the files
below exist only on npm, so this script runs ``npm pack <pkg>@<exact version>``,
checks the tarball against its pinned sha512 integrity (the value npm's registry
publishes) and unpacks the needed files into ``book/_static/vendor/`` (gitignored).

Run it by hand (``python scripts/fetch_vendor_js.py``); the Sphinx extension also
runs it when a file is missing.  Idempotent: a package whose stamp matches is skipped.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "book" / "_static" / "vendor"

# name, exact version, sha512 integrity of the tarball, destination folder,
# members to keep (globs inside the tarball's ``package/``; a trailing "/" keeps a tree).
PACKAGES = [
    (
        "requirejs",
        "2.3.8",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
        "requirejs",
        ["require.js", "README.md"],
    ),
    (
        "@jupyter-widgets/html-manager",
        "1.0.15",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
        # embed-amd.js plus the icon fonts its CSS loads relative to itself.
        "html-manager",
        [
            "dist/embed-amd.js",
            "dist/*.woff2",
            "dist/*.woff",
            "dist/*.ttf",
            "dist/*.eot",
            "dist/*.svg",
            "dist/embed.js.LICENSE.txt",
        ],
    ),
    (
        "mathjax",
        "3.2.2",
        "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
        # The CHTML bundle Sphinx uses, plus what it may load lazily (extensions, fonts, menu).
        "mathjax",
        [
            "LICENSE",
            "es5/tex-mml-chtml.js",
            "es5/input/",
            "es5/output/chtml.js",
            "es5/output/chtml/",
            "es5/ui/",
            "es5/a11y/",
            "es5/adaptors/",
            "es5/sre/",
        ],
    ),
    (
        # The accessibility audit of the browser tests (tests/browser): pages never load it,
        # the tests inject it from the book's own _static.
        "axe-core",
        "4.14.1",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        "axe-core",
        ["axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt"],
    ),
]

# Files the book loads; the extension checks these exist.
REQUIRED = [
    "requirejs/require.js",
    "html-manager/dist/embed-amd.js",
    "mathjax/es5/tex-mml-chtml.js",
    "axe-core/axe.min.js",
]


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def _keep(member: str, wanted: list[str]) -> bool:
    rel = member.removeprefix("package/")
    return any(fnmatch.fnmatch(rel, w) or (w.endswith("/") and rel.startswith(w)) for w in wanted)


def fetch_one(name: str, version: str, integrity: str, dest: str, wanted: list[str]) -> None:
    out = VENDOR / dest
    stamp = out / ".stamp"
    if stamp.exists() and stamp.read_text().strip() == f"{name}@{version} {integrity}":
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit(f"fetch_vendor_js: npm is needed to fetch {name}@{version} (apt-get install npm).")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [npm, "pack", f"{name}@{version}", "--pack-destination", tmp, "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (tgz,) = Path(tmp).glob("*.tgz")
        got = _integrity(tgz)
        if got != integrity:
            sys.exit(f"fetch_vendor_js: integrity mismatch for {name}@{version}:\n  want {integrity}\n  got  {got}")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        with tarfile.open(tgz) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and _keep(m.name, wanted)]
            for m in members:
                m.name = m.name.removeprefix("package/")
            tar.extractall(out, members=members, filter="data")
    stamp.write_text(f"{name}@{version} {integrity}\n")
    print(f"fetch_vendor_js: {name}@{version} -> {out.relative_to(ROOT)}")


def main() -> None:
    for pkg in PACKAGES:
        fetch_one(*pkg)
    missing = [f for f in REQUIRED if not (VENDOR / f).is_file()]
    if missing:
        sys.exit(f"fetch_vendor_js: missing after fetch: {missing}")


if __name__ == "__main__":
    main()
