"""Receipts of sweeps: written and read back whole, compared with recomputed numbers, and never stale."""

from __future__ import annotations

import json

import pytest

from yatlib import receipts


def test_a_receipt_is_written_and_read_back(tmp_path):
    runs = [{"seed": 0, "gap": 0.8}, {"seed": 1, "gap": 1.1}]
    path = receipts.write(
        "sweep", "python bench/sweep.py", ["yatlib.recipes"], runs, meta={"wall_minutes": 3.0}, folder=tmp_path
    )
    assert path.name == "sweep.json" and not list(tmp_path.glob("*.tmp"))
    r = receipts.load("sweep", folder=tmp_path)
    assert r.runs == runs and r.command == "python bench/sweep.py" and r.modules == ["yatlib.recipes"]
    assert r.machine["cores"] >= 1 and r.meta["wall_minutes"] == 3.0 and "date" in r.meta
    assert not r.stale() and r.where(seed=1) == [runs[1]]
    assert r.describe().startswith("measured by `python bench/sweep.py` on ")


def test_a_receipt_goes_stale_when_its_source_changes(tmp_path):
    receipts.write("sweep", "cmd", ["yatlib.recipes"], [{"x": 1}], folder=tmp_path)
    data = json.loads((tmp_path / "sweep.json").read_text())
    data["fingerprint"] = "0" * 16  # as if written by another version of the code
    (tmp_path / "sweep.json").write_text(json.dumps(data))
    assert receipts.load("sweep", folder=tmp_path).stale()


def test_missing_or_broken_receipts_say_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"run the bench that writes it \(bench/nothing.py\)"):
        receipts.load("nothing", folder=tmp_path)
    (tmp_path / "broken.json").write_text(json.dumps({"name": "broken"}))
    with pytest.raises(ValueError, match="missing .*'runs'"):
        receipts.load("broken", folder=tmp_path)
    with pytest.raises(ValueError):  # NaN is not JSON: a sweep must not record one
        receipts.write("nan", "cmd", ["yatlib.recipes"], [{"x": float("nan")}], folder=tmp_path)


def test_agrees_compares_within_the_stated_noise():
    out = receipts.agrees({"gap": 0.9, "L": 1.2}, {"gap": 0.7, "L": 1.5}, {"gap": 0.5, "L": 0.1})
    assert out["gap"] == (0.9, 0.7, 0.5, True) and out["L"][3] is False
    report = receipts.check_agrees({"acc": 0.8}, {"acc": 0.79}, {"acc": 0.02}, words={"acc": ("accuracy", 100, "%")})
    assert report == "accuracy: now 80.00 %, the receipt 79.00 %; they differ by 1.00 pt, allowed 2.00 pt: agrees"
    report = receipts.check_agrees({"n": 111}, {"n": 119}, {"n": 11.0}, words={"n": ("tagged units", 1.0, "")})
    assert report == "tagged units: now 111, the receipt 119; they differ by 8, allowed 11: agrees"  # counts
    with pytest.raises(receipts.ReceiptMismatch, match="L differ from the receipt"):
        receipts.check_agrees({"L": 1.2}, {"L": 1.5}, {"L": 0.1})


@pytest.mark.parametrize("path", sorted(receipts.RECEIPTS.glob("*.json")), ids=lambda p: p.stem)
def test_committed_receipts_match_the_code(path):
    """A committed receipt was computed by the code as it is now; if not, run its bench again and commit."""
    r = receipts.load(path.stem)
    assert not r.stale(), (
        f"receipt {path.name} is stale: the source of {r.modules} changed since it was written "
        f"(at {r.commit[:10]}). Run `{r.command}` and commit the new receipt."
    )


@pytest.mark.parametrize(
    "path",
    sorted(p for p in receipts.RECEIPTS.glob("*.json") if "arrays" in json.loads(p.read_text()).get("meta", {})),
    ids=lambda p: p.stem,
)
def test_arrays_kept_beside_a_receipt_are_the_ones_written_with_it(path):
    """A receipt that keeps arrays beside it records their SHA-256 and fingerprint: a file replaced or edited
    since, or committed without its receipt, is reported here."""
    r = receipts.load(path.stem)
    assert receipts.load_arrays(r), f"{path.name} keeps no arrays in {r.meta['arrays']['file']}"


def test_arrays_are_written_beside_a_receipt_and_checked(tmp_path):
    import numpy as np

    receipts.write(
        "sweep", "cmd", ["yatlib.recipes"], [{"x": 1}], arrays={"a": np.arange(3, dtype=np.uint8)}, folder=tmp_path
    )
    r = receipts.load("sweep", folder=tmp_path)
    assert r.meta["arrays"]["file"] == "sweep.npz" and receipts.load_arrays(r, folder=tmp_path)["a"].tolist() == [
        0,
        1,
        2,
    ]
    (tmp_path / "sweep.npz").write_bytes(b"not the file")
    with pytest.raises(ValueError, match="digest differs"):
        receipts.load_arrays(r, folder=tmp_path)
    (tmp_path / "sweep.npz").unlink()
    with pytest.raises(FileNotFoundError, match="run `cmd` and commit both files"):
        receipts.load_arrays(r, folder=tmp_path)
    assert receipts.load_arrays(receipts.load("sweep", folder=tmp_path).__class__(**{**r.__dict__, "meta": {}})) == {}
