"""The scheduler of ``make test`` (scripts/run_tests.py): needs, lanes, and a run that takes the whole machine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scripts import run_tests
from scripts.run_tests import Run


def _sleep(seconds: float) -> list[str]:
    return [sys.executable, "-c", f"import time; time.sleep({seconds})"]


def _fail() -> list[str]:
    return [sys.executable, "-c", "raise SystemExit(3)"]


@pytest.fixture
def two_lanes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_tests, "lanes", lambda: [set(), set()])  # two lanes, no pinning


def test_a_whole_machine_run_runs_alone_and_the_others_share_the_lanes(tmp_path: Path, two_lanes: None) -> None:
    runs = [
        Run("alone", [], command=_sleep(1.0), whole=True),
        Run("left", [], command=_sleep(1.0)),
        Run("right", [], command=_sleep(1.0)),
    ]
    assert run_tests.schedule(runs, tmp_path, 0.0, tmp_path, poll=0.05)
    alone, left, right = runs
    assert alone.lane == "all" and {left.lane, right.lane} == {"0", "1"}
    assert left.start >= alone.end and right.start >= alone.end  # nothing beside the whole-machine run
    assert left.start < right.end and right.start < left.end  # the two lanes run side by side


def test_a_whole_machine_run_waits_for_every_lane_and_nothing_jumps_the_queue(tmp_path: Path, two_lanes: None) -> None:
    runs = [
        Run("first", [], command=_sleep(1.0)),
        Run("alone", [], command=_sleep(0.2), whole=True),
        Run("after", [], command=_sleep(0.2)),
    ]
    assert run_tests.schedule(runs, tmp_path, 0.0, tmp_path, poll=0.05)
    first, alone, after = runs
    assert alone.start >= first.end  # a lane stood free, but the whole machine did not
    assert after.start >= alone.end


def test_a_run_whose_need_failed_is_not_run(tmp_path: Path, two_lanes: None) -> None:
    runs = [Run("broken", [], command=_fail(), whole=True), Run("needs it", [], command=_sleep(0.1), needs=("broken",))]
    assert not run_tests.schedule(runs, tmp_path, 0.0, tmp_path, poll=0.05)
    assert runs[0].status == "FAILED (exit 3)"
    assert runs[1].status == "not run: broken failed" and runs[1].proc is None
